//! Edition 1.0.0 (`services:`, FC 2.0 props) turned into the 3.0 model before evaluation:
//! service + function props flattened, `codeUri` → `code`, `asyncConfiguration` →
//! `asyncInvokeConfig`, trigger `name/type/config` → `triggerName/triggerType/triggerConfig`,
//! and 1.0 expressions (`${env(X)}`, `${svc.output.x}`) rewritten to 3.0 ones.

use std::sync::OnceLock;

use regex::Regex;

use super::diagnostic::ManifestError;
use super::merge::remove_key;
use super::yaml::{Entry, Kind, Node};

/// Service-level FC 2.0 fields that survive as function props in FC 3.0.
const SERVICE_FIELDS: &[&str] = &[
    "role",
    "internetAccess",
    "logConfig",
    "nasConfig",
    "vpcConfig",
    "tracingConfig",
    "ossMountConfig",
];

/// Convert a 1.0 root (with `services:`) into a 3.0 root (with `resources:`).
pub fn convert(mut root: Node, warnings: &mut Vec<String>) -> Result<Node, ManifestError> {
    let Some(services) = remove_key(&mut root, "services") else {
        return Err(ManifestError::at(
            &root.span,
            "the manifest has no `resources` (3.0.0) or `services` (1.0.0)",
        )
        .with_hint("use `edition: 3.0.0` with a `resources:` mapping"));
    };
    let Kind::Map(entries) = services.value.kind else {
        return Err(ManifestError::at(
            &services.value.span,
            "`services` must be a mapping of service names",
        ));
    };
    let names: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
    let resources = entries
        .into_iter()
        .map(|entry| Entry {
            value: convert_service(entry.value, warnings),
            ..entry
        })
        .collect();
    if let Kind::Map(top) = &mut root.kind {
        top.push(Entry {
            key: "resources".into(),
            key_span: services.key_span,
            value: Node::new(services.value.span, Kind::Map(resources)),
        });
    }
    rewrite_strings(&mut root, &names);
    Ok(root)
}

fn convert_service(mut service: Node, warnings: &mut Vec<String>) -> Node {
    if let Some(access) = remove_key(&mut service, "access") {
        warnings.push(format!(
            "{}: per-service `access` is not supported; the top-level `access` (or `-a`) applies",
            access.key_span.location()
        ));
    }
    let is_fc = matches!(
        service.get("component").and_then(Node::as_str),
        Some("fc" | "devsapp/fc" | "fc3" | "devsapp/fc3")
    );
    if !is_fc {
        return service;
    }
    if let Some(Entry { value, .. }) = service_entry_mut(&mut service, "component") {
        value.kind = Kind::Str("fc3".into());
    }
    if let Some(Entry { value, .. }) = service_entry_mut(&mut service, "props") {
        let props = std::mem::replace(value, Node::new(value.span.clone(), Kind::Null));
        *value = flatten_props(props, warnings);
    }
    service
}

fn service_entry_mut<'n>(node: &'n mut Node, key: &str) -> Option<&'n mut Entry> {
    match &mut node.kind {
        Kind::Map(entries) => entries.iter_mut().find(|e| e.key == key),
        _ => None,
    }
}

fn flatten_props(mut props: Node, warnings: &mut Vec<String>) -> Node {
    if !matches!(props.kind, Kind::Map(_)) {
        return props;
    }
    let service = remove_key(&mut props, "service");
    let function = remove_key(&mut props, "function");
    let triggers = remove_key(&mut props, "triggers");
    let mut out: Vec<Entry> = match props.kind {
        Kind::Map(entries) => entries,
        _ => Vec::new(),
    };
    let put = |out: &mut Vec<Entry>, entry: Entry| {
        out.retain(|e| e.key != entry.key);
        out.push(entry);
    };
    if let Some(Kind::Map(fields)) = service.map(|s| s.value.kind) {
        for field in fields
            .into_iter()
            .filter(|f| SERVICE_FIELDS.contains(&f.key.as_str()))
        {
            put(&mut out, field);
        }
    }
    if let Some(Kind::Map(fields)) = function.map(|f| f.value.kind) {
        let mut initializer: Vec<Entry> = Vec::new();
        for field in fields {
            match field.key.as_str() {
                "name" => put(&mut out, renamed(field, "functionName")),
                "codeUri" => put(&mut out, renamed(field, "code")),
                "Handler" => {
                    warnings.push(format!("{}: `Handler` is read as `handler`", field.key_span.location()));
                    put(&mut out, renamed(field, "handler"));
                }
                "asyncConfiguration" => {
                    let value = async_config(field.value);
                    put(&mut out, Entry { key: "asyncInvokeConfig".into(), value, ..field });
                }
                "initializer" => initializer.push(renamed(field, "handler")),
                "initializationTimeout" => initializer.push(renamed(field, "timeout")),
                "instanceType" => warnings.push(format!(
                    "{}: `instanceType` has no FC 3.0 equivalent and is dropped; size with `cpu` and `memorySize`",
                    field.key_span.location()
                )),
                _ => put(&mut out, field),
            }
        }
        if let Some(first) = initializer.first() {
            let span = first.value.span.clone();
            let hook = Node::new(span.clone(), Kind::Map(initializer));
            let lifecycle = Entry {
                key: "instanceLifecycleConfig".into(),
                key_span: span.clone(),
                value: Node::new(
                    span,
                    Kind::Map(vec![Entry {
                        key: "initializer".into(),
                        key_span: hook.span.clone(),
                        value: hook,
                    }]),
                ),
            };
            put(&mut out, lifecycle);
        }
    }
    if let Some(mut triggers) = triggers {
        if let Kind::Seq(items) = &mut triggers.value.kind {
            for item in items.iter_mut() {
                convert_trigger(item);
            }
        }
        put(&mut out, triggers);
    }
    Node::new(props.span, Kind::Map(out))
}

fn renamed(entry: Entry, key: &str) -> Entry {
    Entry {
        key: key.into(),
        ..entry
    }
}

/// `{destination: {onSuccess: arn}, statefulInvocation}` → `{destinationConfig: {onSuccess:
/// {destination: arn}}, asyncTask}`; FC 2.0 function ARNs lose their service part.
fn async_config(node: Node) -> Node {
    let span = node.span.clone();
    let Kind::Map(fields) = node.kind else {
        return Node::new(span, node.kind);
    };
    let mut out = Vec::new();
    for field in fields {
        match field.key.as_str() {
            "statefulInvocation" => out.push(renamed(field, "asyncTask")),
            "destination" | "destinationConfig" => {
                let Kind::Map(targets) = field.value.kind else {
                    continue;
                };
                let targets = targets
                    .into_iter()
                    .map(|t| {
                        let arn = match t.value.kind {
                            Kind::Str(s) => Kind::Str(fc2_arn_to_fc3(&s)),
                            other => other,
                        };
                        let inner = Node::new(t.value.span.clone(), arn);
                        Entry {
                            value: Node::new(
                                t.value.span.clone(),
                                Kind::Map(vec![Entry {
                                    key: "destination".into(),
                                    key_span: t.key_span.clone(),
                                    value: inner,
                                }]),
                            ),
                            ..t
                        }
                    })
                    .collect();
                out.push(Entry {
                    key: "destinationConfig".into(),
                    value: Node::new(field.value.span, Kind::Map(targets)),
                    key_span: field.key_span,
                });
            }
            _ => out.push(field),
        }
    }
    Node::new(span, Kind::Map(out))
}

/// `acs:fc:<r>:<a>:services/<s>.<q>/functions/<f>` → `acs:fc:<r>:<a>:functions/<f>`.
fn fc2_arn_to_fc3(arn: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(acs:fc:[^:]*:[^:]*:)services/[^/]+/(functions/.+)$").expect("static pattern")
    });
    re.replace(arn, "$1$2").into_owned()
}

fn convert_trigger(trigger: &mut Node) {
    let Kind::Map(fields) = &mut trigger.kind else {
        return;
    };
    for field in fields.iter_mut() {
        let key = match field.key.as_str() {
            "name" => "triggerName",
            "type" => "triggerType",
            "role" => "invocationRole",
            "config" => "triggerConfig",
            _ => continue,
        };
        field.key = key.into();
    }
    if let Some(config) = fields.iter_mut().find(|f| f.key == "triggerConfig") {
        lower_oss_filter(&mut config.value);
    }
}

/// FC 2.0 oss filters use `Key/Prefix/Suffix`.
fn lower_oss_filter(node: &mut Node) {
    if let Kind::Map(entries) = &mut node.kind {
        for entry in entries {
            if matches!(entry.key.as_str(), "Key" | "Prefix" | "Suffix") {
                entry.key = entry.key.to_ascii_lowercase();
            }
            lower_oss_filter(&mut entry.value);
        }
    }
}

/// Rewrite 1.0 expressions in every string of the tree.
fn rewrite_strings(node: &mut Node, services: &[String]) {
    match &mut node.kind {
        Kind::Str(s) if s.contains("${") => *s = rewrite_expressions(s, services),
        Kind::Seq(items) => items.iter_mut().for_each(|n| rewrite_strings(n, services)),
        Kind::Map(entries) => entries
            .iter_mut()
            .for_each(|e| rewrite_strings(&mut e.value, services)),
        _ => {}
    }
}

/// `${env(X)}` → `${env('X')}`; `${svc.output.x}` → `${resources.svc.output.x}`.
pub fn rewrite_expressions(text: &str, services: &[String]) -> String {
    static EXPR: OnceLock<Regex> = OnceLock::new();
    static CALL: OnceLock<Regex> = OnceLock::new();
    let expr = EXPR.get_or_init(|| Regex::new(r"\$\{([^}]*)\}").expect("static pattern"));
    let call = CALL.get_or_init(|| {
        Regex::new(r"\b([A-Za-z]\w*)\(\s*([^'()\x22\s][^'()\x22]*?)\s*\)").expect("static pattern")
    });
    expr.replace_all(text, |caps: &regex::Captures| {
        let inner = call.replace_all(&caps[1], "$1('$2')").into_owned();
        let first = inner.split(['.', '(']).next().unwrap_or("").trim();
        let inner = if services.iter().any(|s| s == first) {
            format!("resources.{}", inner.trim_start())
        } else {
            inner
        };
        format!("${{{inner}}}")
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_one_point_zero_expressions() {
        let services = vec!["web".to_string()];
        assert_eq!(
            rewrite_expressions("${env(SECRET)}", &services),
            "${env('SECRET')}"
        );
        assert_eq!(rewrite_expressions("${env('X')}", &services), "${env('X')}");
        assert_eq!(
            rewrite_expressions("u=${web.output.url}", &services),
            "u=${resources.web.output.url}"
        );
        assert_eq!(
            rewrite_expressions("${vars.region}", &services),
            "${vars.region}"
        );
        assert_eq!(
            rewrite_expressions("${file(./a.json)}", &services),
            "${file('./a.json')}"
        );
    }

    #[test]
    fn fc2_function_arns_lose_the_service() {
        assert_eq!(
            fc2_arn_to_fc3("acs:fc:::services/shop-svc.LATEST/functions/ok"),
            "acs:fc:::functions/ok"
        );
        assert_eq!(
            fc2_arn_to_fc3("acs:mns:::/queues/dlq/messages"),
            "acs:mns:::/queues/dlq/messages"
        );
    }
}
