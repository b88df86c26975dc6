//! fc3 function props: name, runtime, handler, memory, cpu, disk, timeout, concurrency,
//! environment variables, and the async invoke config.

use super::{boolean, int_range, is_deferred, must_be_map, string, trigger, Checked, Checker};
use crate::fc::rules::{self, INSTANCE_CONCURRENCY, MEMORY_MB, MEMORY_STEP_MB, TIMEOUT_S};
use crate::fc::{ALL_RUNTIMES, RETIRED_RUNTIMES};
use crate::manifest::diagnostic::{did_you_mean, ManifestError};
use crate::manifest::yaml::{Kind, Node};

/// fc3 props the component understands (function fields plus sibling configs).
pub const KNOWN_PROPS: &[&str] = &[
    "region",
    "functionName",
    "description",
    "runtime",
    "handler",
    "code",
    "cpu",
    "memorySize",
    "diskSize",
    "timeout",
    "instanceConcurrency",
    "environmentVariables",
    "layers",
    "role",
    "vpcConfig",
    "nasConfig",
    "ossMountConfig",
    "logConfig",
    "instanceLifecycleConfig",
    "internetAccess",
    "customRuntimeConfig",
    "customContainerConfig",
    "customDNS",
    "gpuConfig",
    "tracingConfig",
    "triggers",
    "asyncInvokeConfig",
    "customDomain",
    "concurrencyConfig",
    "provisionConfig",
    "scalingConfig",
    "vpcBinding",
    "endpoint",
    "tags",
    "resourceGroupId",
    "sessionAffinity",
    "sessionAffinityConfig",
    "instanceIsolationMode",
    "enableLongLiving",
    "annotations",
    "disableOndemand",
    "disableInjectCredentials",
    "idleTimeout",
    "juiceFsConfig",
    "polarFsConfig",
    "artifact",
];

const ASYNC_KEYS: &[&str] = &[
    "asyncTask",
    "destinationConfig",
    "maxAsyncRetryAttempts",
    "maxAsyncEventAgeInSeconds",
    "qualifier",
];
use rules::ENV_TOTAL_BYTES;

/// `int_range` takes signed bounds; FC's ranges are small enough to convert.
fn bounds(range: &std::ops::RangeInclusive<u64>) -> (i64, i64) {
    (*range.start() as i64, *range.end() as i64)
}

/// Check one fc3 resource's evaluated props.
pub fn check_fc3_props(props: &Node, checker: &mut Checker) -> Checked {
    if !matches!(props.kind, Kind::Map(_)) {
        return Err(ManifestError::at(
            &props.span,
            format!(
                "`props` of `{}` must be a mapping, not {}",
                checker.resource,
                props.type_name()
            ),
        )
        .with_hint("fc3 props are keys such as `functionName`, `runtime`, `handler`, `code`"));
    }
    checker.unknown_keys(props, KNOWN_PROPS, "props");
    function_name(props, checker)?;
    let runtime = runtime(props, checker)?;
    handler(props, runtime.as_deref())?;
    let (min, max) = bounds(&MEMORY_MB);
    let step = MEMORY_STEP_MB as i64;
    int_range(
        props,
        "memorySize",
        min,
        max,
        "memory is 128 to 32768 MB, in multiples of 64",
    )?
    .filter(|m| m % step != 0)
    .map_or(Ok(()), |m| {
        let span = &props.get("memorySize").unwrap().span;
        let lower = (m / step * step).max(min);
        Err(
            ManifestError::at(span, format!("`memorySize` {m} is not a multiple of 64"))
                .with_hint(format!("use {lower} or {}", lower + step)),
        )
    })?;
    let (min, max) = bounds(&TIMEOUT_S);
    int_range(
        props,
        "timeout",
        min,
        max,
        "the timeout is 1 to 86400 seconds",
    )?;
    let (min, max) = bounds(&INSTANCE_CONCURRENCY);
    let hint = "an instance takes 1 to 200 concurrent requests";
    int_range(props, "instanceConcurrency", min, max, hint)?;
    cpu(props)?;
    disk_size(props)?;
    environment(props)?;
    boolean(props, "internetAccess")?;
    trigger::check_triggers(props, checker)?;
    async_config(props, checker)
}

fn function_name(props: &Node, checker: &Checker) -> Checked {
    let hint = "1 to 64 letters, digits, `_` or `-`, not starting with a digit or `-`";
    match props.get("functionName") {
        None => Err(ManifestError::at(
            &props.span,
            format!("`{}` has no `functionName`", checker.resource),
        )
        .with_hint("add `functionName: my-function` to the props")),
        Some(node) if is_deferred(node) => Ok(()),
        Some(node) => match node.as_str() {
            Some(name) if rules::is_function_name(name) => Ok(()),
            Some(name) => Err(ManifestError::at(
                &node.span,
                format!("invalid `functionName` `{name}`"),
            )
            .with_hint(hint)),
            None => Err(ManifestError::at(
                &node.span,
                format!("`functionName` must be a string, not {}", node.type_name()),
            )
            .with_hint(hint)),
        },
    }
}

fn runtime(props: &Node, checker: &mut Checker) -> Result<Option<String>, ManifestError> {
    let Some(node) = props.get("runtime") else {
        if props.get("customContainerConfig").is_some() {
            return Ok(None);
        }
        return Err(
            ManifestError::at(&props.span, "missing `runtime`").with_hint(
                "add a runtime such as `runtime: python3.10`, `nodejs18` or `custom.debian10`",
            ),
        );
    };
    let Some(name) = string(props, "runtime")? else {
        return Ok(None);
    };
    if ALL_RUNTIMES.contains(&name) {
        return Ok(Some(name.to_string()));
    }
    if RETIRED_RUNTIMES.contains(&name) {
        checker.warnings.push(format!(
            "`{}`: runtime `{name}` is retired (FC 3.0 no longer creates it); the local engine runs it on this machine's Node.js",
            checker.resource
        ));
        return Ok(Some(name.to_string()));
    }
    Err(
        ManifestError::at(&node.span, format!("unknown runtime `{name}`")).with_hint(
            did_you_mean(name, ALL_RUNTIMES.iter().copied())
                .unwrap_or_else(|| format!("runtimes are {}", ALL_RUNTIMES.join(", "))),
        ),
    )
}

fn handler(props: &Node, runtime: Option<&str>) -> Checked {
    let Some(handler) = string(props, "handler")? else {
        return Ok(());
    };
    let file_function = runtime.is_some_and(|r| {
        r.starts_with("python") || r.starts_with("nodejs") || r.starts_with("php")
    });
    let valid = match handler.split_once('.') {
        Some((file, function)) => !file.is_empty() && !function.is_empty(),
        None => false,
    };
    if file_function && !valid {
        let span = &props.get("handler").unwrap().span;
        return Err(
            ManifestError::at(span, format!("handler `{handler}` is not `file.function`"))
                .with_hint(format!(
                    "for `{}` write the file and the function, e.g. `index.handler`",
                    runtime.unwrap_or_default()
                )),
        );
    }
    Ok(())
}

fn cpu(props: &Node) -> Checked {
    let Some(node) = props.get("cpu") else {
        return Ok(());
    };
    if is_deferred(node) {
        return Ok(());
    }
    let hint = "vCPU is 0.05 to 16 in steps of 0.05, with memory (GB) 1 to 4 times the vCPU";
    let cpu = match node.kind {
        Kind::Int(i) => i as f64,
        Kind::Float(f) => f,
        _ => {
            return Err(ManifestError::at(
                &node.span,
                format!("`cpu` must be a number, not {}", node.type_name()),
            )
            .with_hint(hint))
        }
    };
    let steps = cpu / 0.05;
    if !(0.05..=16.0).contains(&cpu) || (steps - steps.round()).abs() > 1e-6 {
        return Err(ManifestError::at(&node.span, format!("invalid `cpu` {cpu}")).with_hint(hint));
    }
    if let Some(Kind::Int(memory)) = props.get("memorySize").map(|m| &m.kind) {
        let ratio = *memory as f64 / 1024.0 / cpu;
        if !(1.0..=4.0).contains(&ratio) {
            return Err(ManifestError::at(
                &node.span,
                format!("`cpu` {cpu} does not fit `memorySize` {memory}"),
            )
            .with_hint(hint));
        }
    }
    Ok(())
}

fn disk_size(props: &Node) -> Checked {
    let Some(node) = props.get("diskSize") else {
        return Ok(());
    };
    match node.kind {
        Kind::Int(512) | Kind::Int(10240) => Ok(()),
        _ if is_deferred(node) => Ok(()),
        _ => Err(
            ManifestError::at(&node.span, "`diskSize` must be 512 or 10240")
                .with_hint("the disk is 512 MB or 10240 MB"),
        ),
    }
}

fn environment(props: &Node) -> Checked {
    let Some(env) = must_be_map(props, "environmentVariables")? else {
        return Ok(());
    };
    let mut total = 0;
    for entry in env.entries().unwrap_or_default() {
        if !rules::is_env_var_name(&entry.key) {
            return Err(ManifestError::at(
                &entry.key_span,
                format!("invalid environment variable name `{}`", entry.key),
            )
            .with_hint("names start with a letter and use letters, digits and `_`"));
        }
        if entry.key.starts_with("FC_") {
            return Err(ManifestError::at(
                &entry.key_span,
                format!(
                    "environment variable `{}` uses the reserved `FC_` prefix",
                    entry.key
                ),
            )
            .with_hint("Function Compute sets `FC_*` itself; rename the variable"));
        }
        if matches!(entry.value.kind, Kind::Seq(_) | Kind::Map(_)) {
            return Err(ManifestError::at(
                &entry.value.span,
                format!(
                    "environment variable `{}` must be a string, not {}",
                    entry.key,
                    entry.value.type_name()
                ),
            )
            .with_hint("quote structured values, e.g. with `${json(...)}` inside a string"));
        }
        total += entry.key.len() + crate::manifest::expr::text_form(&entry.value.to_json()).len();
    }
    if total > ENV_TOTAL_BYTES {
        return Err(ManifestError::at(
            &env.span,
            format!("environment variables take {total} bytes, over the 4 KB limit"),
        )
        .with_hint(
            "move large values to a file in the code package or to a configuration service",
        ));
    }
    Ok(())
}

fn async_config(props: &Node, checker: &mut Checker) -> Checked {
    let Some(config) = must_be_map(props, "asyncInvokeConfig")? else {
        return Ok(());
    };
    if is_deferred(config) {
        return Ok(());
    }
    checker.unknown_keys(config, ASYNC_KEYS, "asyncInvokeConfig");
    int_range(config, "maxAsyncRetryAttempts", 0, 8, "retries are 0 to 8")?;
    int_range(
        config,
        "maxAsyncEventAgeInSeconds",
        1,
        604800,
        "the event age is 1 to 604800 seconds (7 days)",
    )?;
    boolean(config, "asyncTask")?;
    let Some(destinations) = must_be_map(config, "destinationConfig")? else {
        return Ok(());
    };
    checker.unknown_keys(
        destinations,
        &["onSuccess", "onFailure"],
        "asyncInvokeConfig.destinationConfig",
    );
    for key in ["onSuccess", "onFailure"] {
        if let Some(target) = must_be_map(destinations, key)? {
            if !is_deferred(target)
                && string(target, "destination")?.is_none()
                && target.get("destination").is_none()
            {
                return Err(ManifestError::at(
                    &target.span,
                    format!("`{key}` needs a `destination` ARN"),
                )
                .with_hint("e.g. `destination: acs:fc:cn-hangzhou:123:functions/on-done`"));
            }
        }
    }
    Ok(())
}
