//! fc3 `triggers`: names, types, and the `triggerConfig` shape of http, timer, oss and
//! eventbridge triggers.

use super::{boolean, int_range, is_deferred, must_be_map, one_of, string, Checked, Checker};
use crate::manifest::diagnostic::ManifestError;
use crate::manifest::yaml::{Kind, Node};

pub use crate::fc::rules::TRIGGER_TYPES;
const TRIGGER_KEYS: &[&str] = &[
    "triggerName",
    "triggerType",
    "triggerConfig",
    "sourceArn",
    "invocationRole",
    "qualifier",
    "description",
];
const HTTP_METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];
const MAX_TRIGGERS: usize = 50;

pub fn check_triggers(props: &Node, checker: &mut Checker) -> Checked {
    let Some(list) = props.get("triggers") else {
        return Ok(());
    };
    let Kind::Seq(triggers) = &list.kind else {
        return Err(ManifestError::at(
            &list.span,
            format!("`triggers` must be a list, not {}", list.type_name()),
        )
        .with_hint("write `triggers:` followed by `- triggerName: ...` items"));
    };
    if triggers.len() > MAX_TRIGGERS {
        return Err(ManifestError::at(
            &list.span,
            format!(
                "{} triggers, over the limit of {MAX_TRIGGERS}",
                triggers.len()
            ),
        ));
    }
    let mut names: Vec<&str> = Vec::new();
    for trigger in triggers {
        if !matches!(trigger.kind, Kind::Map(_)) {
            return Err(ManifestError::at(
                &trigger.span,
                format!("a trigger must be a mapping, not {}", trigger.type_name()),
            )
            .with_hint("a trigger has `triggerName`, `triggerType` and `triggerConfig`"));
        }
        checker.unknown_keys(trigger, TRIGGER_KEYS, "a trigger");
        let name = trigger_name(trigger)?;
        if let Some(name) = name {
            if names.contains(&name) {
                let span = &trigger.get("triggerName").unwrap().span;
                return Err(
                    ManifestError::at(span, format!("duplicate trigger name `{name}`"))
                        .with_hint("trigger names are unique per function"),
                );
            }
            names.push(name);
        }
        check_trigger(trigger)?;
    }
    Ok(())
}

fn trigger_name(trigger: &Node) -> Result<Option<&str>, ManifestError> {
    if trigger.get("triggerName").is_none() {
        return Err(
            ManifestError::at(&trigger.span, "trigger without `triggerName`")
                .with_hint("add `triggerName: my-trigger`"),
        );
    }
    let Some(name) = string(trigger, "triggerName")? else {
        return Ok(None);
    };
    if !crate::fc::rules::is_trigger_name(name) {
        let span = &trigger.get("triggerName").unwrap().span;
        return Err(
            ManifestError::at(span, format!("invalid `triggerName` `{name}`")).with_hint(
                "1 to 128 letters, digits, `_` or `-`, not starting with a digit or `-`",
            ),
        );
    }
    Ok(Some(name))
}

fn check_trigger(trigger: &Node) -> Checked {
    if trigger.get("triggerType").is_none() {
        return Err(
            ManifestError::at(&trigger.span, "trigger without `triggerType`")
                .with_hint(format!("use one of {}", TRIGGER_TYPES.join(", "))),
        );
    }
    one_of(trigger, "triggerType", TRIGGER_TYPES)?;
    let Some(kind) = string(trigger, "triggerType")? else {
        return Ok(());
    };
    let config = match must_be_map(trigger, "triggerConfig")? {
        Some(config) if is_deferred(config) => return Ok(()),
        Some(config) => config,
        None => {
            return Err(ManifestError::at(
                &trigger.span,
                format!("`{kind}` trigger without `triggerConfig`"),
            )
            .with_hint(config_example(kind)))
        }
    };
    match kind {
        "http" => http(config),
        "timer" => timer(config),
        "oss" => oss(config),
        "eventbridge" => eventbridge(config),
        _ => Ok(()),
    }
}

fn config_example(kind: &str) -> String {
    match kind {
        "http" => "add `triggerConfig: {authType: anonymous, methods: [GET, POST]}`".into(),
        "timer" => "add `triggerConfig: {cronExpression: '0 0 2 * * *', enable: true}`".into(),
        "oss" => "add `triggerConfig: {events: ['oss:ObjectCreated:*'], filter: {key: {prefix: '', suffix: ''}}}`".into(),
        _ => "add `triggerConfig:` (an empty mapping `{}` when the type needs none)".into(),
    }
}

fn http(config: &Node) -> Checked {
    one_of(config, "authType", &["anonymous", "function", "jwt"])?;
    if string(config, "authType")? == Some("jwt") && config.get("authConfig").is_none() {
        let span = &config.get("authType").unwrap().span;
        return Err(
            ManifestError::at(span, "`authType: jwt` needs `authConfig`")
                .with_hint("add `authConfig` with `jwks`, `tokenLookup` and `claimPassBy`"),
        );
    }
    boolean(config, "disableURLInternet")?;
    let Some(methods) = config.get("methods") else {
        return Ok(());
    };
    let Kind::Seq(items) = &methods.kind else {
        return Err(ManifestError::at(&methods.span, "`methods` must be a list")
            .with_hint("e.g. `methods: [GET, POST]`"));
    };
    for item in items {
        match item.as_str() {
            Some(m) if HTTP_METHODS.contains(&m) => {}
            _ if is_deferred(item) => {}
            other => {
                let shown =
                    other.map_or_else(|| item.type_name().to_string(), |m| format!("`{m}`"));
                let hint = match other.map(str::to_ascii_uppercase) {
                    Some(up) if HTTP_METHODS.contains(&up.as_str()) => {
                        format!("did you mean `{up}`?")
                    }
                    _ => format!("methods are {}", HTTP_METHODS.join(", ")),
                };
                return Err(
                    ManifestError::at(&item.span, format!("invalid HTTP method {shown}"))
                        .with_hint(hint),
                );
            }
        }
    }
    Ok(())
}

fn timer(config: &Node) -> Checked {
    boolean(config, "enable")?;
    let hint = "six fields with seconds first (`0 0 2 * * *`, UTC) or `@every 10m`";
    let Some(node) = config.get("cronExpression") else {
        return Err(
            ManifestError::at(&config.span, "timer trigger without `cronExpression`")
                .with_hint(hint),
        );
    };
    let Some(cron) = string(config, "cronExpression")? else {
        return Ok(());
    };
    let cron = cron.trim();
    // The engine's own parser, so the manifest accepts exactly what a timer can run.
    if crate::fc::schedule::Schedule::parse(cron).is_ok() {
        Ok(())
    } else {
        Err(
            ManifestError::at(&node.span, format!("invalid `cronExpression` `{cron}`"))
                .with_hint(hint),
        )
    }
}

fn oss(config: &Node) -> Checked {
    let hint = "e.g. `events: ['oss:ObjectCreated:*', 'oss:ObjectRemoved:DeleteObject']`";
    let Some(events) = config.get("events") else {
        return Err(
            ManifestError::at(&config.span, "oss trigger without `events`").with_hint(hint),
        );
    };
    match &events.kind {
        Kind::Seq(items) if !items.is_empty() => {
            for item in items {
                match item.as_str() {
                    Some(e) if e.starts_with("oss:") => {}
                    _ if is_deferred(item) => {}
                    _ => {
                        return Err(ManifestError::at(
                            &item.span,
                            "an oss event starts with `oss:`",
                        )
                        .with_hint(hint))
                    }
                }
            }
        }
        _ if is_deferred(events) => {}
        _ => {
            return Err(
                ManifestError::at(&events.span, "`events` must be a non-empty list")
                    .with_hint(hint),
            )
        }
    }
    let Some(filter) = must_be_map(config, "filter")? else {
        return Ok(());
    };
    if let Some(key) = must_be_map(filter, "key")? {
        string(key, "prefix")?;
        string(key, "suffix")?;
    }
    if filter.get("Key").is_some() {
        let span = &filter.entry("Key").unwrap().key_span;
        return Err(ManifestError::at(
            span,
            "FC 3.0 uses lower-case `key`, `prefix` and `suffix` in oss filters",
        )
        .with_hint("rename `Key`/`Prefix`/`Suffix` to `key`/`prefix`/`suffix`"));
    }
    Ok(())
}

fn eventbridge(config: &Node) -> Checked {
    boolean(config, "triggerEnable")?;
    boolean(config, "asyncInvocationType")?;
    if let Some(source) = must_be_map(config, "eventSourceConfig")? {
        one_of(
            source,
            "eventSourceType",
            &["Default", "MNS", "RocketMQ", "RabbitMQ", "Kafka", "DTS"],
        )?;
        must_be_map(source, "eventSourceParameters")?;
    }
    if let Some(sink) = must_be_map(config, "eventSinkConfig")? {
        if let Some(delivery) = must_be_map(sink, "deliveryOption")? {
            one_of(delivery, "mode", &["event-streaming", "event-driven"])?;
            one_of(delivery, "eventSchema", &["CloudEvents", "RawData"])?;
        }
    }
    let Some(run) = must_be_map(config, "runOptions")? else {
        return Ok(());
    };
    one_of(run, "mode", &["event-streaming", "event-driven"])?;
    one_of(run, "errorsTolerance", &["ALL", "NONE"])?;
    int_range(
        run,
        "maximumTasks",
        1,
        10000,
        "`maximumTasks` is the number of concurrent consumers",
    )?;
    if let Some(retry) = must_be_map(run, "retryStrategy")? {
        one_of(
            retry,
            "PushRetryStrategy",
            &["BACKOFF_RETRY", "EXPONENTIAL_DECAY_RETRY"],
        )?;
    }
    if let Some(window) = must_be_map(run, "batchWindow")? {
        int_range(
            window,
            "CountBasedWindow",
            1,
            10000,
            "a batch holds 1 to 10000 events",
        )?;
        int_range(
            window,
            "TimeBasedWindow",
            0,
            15,
            "a batch waits 0 to 15 seconds",
        )?;
    }
    Ok(())
}
