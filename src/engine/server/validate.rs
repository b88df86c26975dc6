//! Input rules FC enforces on names, function settings, code and trigger configs, as plain
//! functions that return the message of the `InvalidArgument` they would cause.

use crate::engine::triggers::timer::TimerConfig;
use crate::fc::{self, rules, FunctionInput};

/// Function names: `^[A-Za-z_][A-Za-z0-9_-]{0,63}$`.
pub fn function_name(name: &str) -> Result<(), String> {
    if rules::is_function_name(name) {
        return Ok(());
    }
    Err(format!(
        "invalid function name '{name}': use 1 to 64 letters, digits, `_` or `-`, starting with a letter or `_`"
    ))
}

/// Trigger names: 1–128 of `[A-Za-z0-9_-]`, not starting with a digit or `-`.
pub fn trigger_name(name: &str) -> Result<(), String> {
    if rules::is_trigger_name(name) {
        return Ok(());
    }
    Err(format!(
        "invalid trigger name '{name}': use 1 to 128 letters, digits, `_` or `-`, starting with a letter or `_`"
    ))
}

/// Layer names: 1–64 of `[A-Za-z0-9_-]`, not starting with a digit or `-`.
pub fn layer_name(name: &str) -> Result<(), String> {
    if rules::is_layer_name(name) {
        return Ok(());
    }
    Err(format!(
        "invalid layer name '{name}': use 1 to 64 letters, digits, `_` or `-`, starting with a letter or `_`"
    ))
}

/// A runtime the local engine can run.
pub fn runtime(runtime: &str) -> Result<(), String> {
    if fc::LOCAL_RUNTIMES.contains(&runtime) {
        Ok(())
    } else if fc::ALL_RUNTIMES.contains(&runtime) {
        Err(format!(
            "runtime '{runtime}' is not supported by the local engine (supported: {})",
            fc::LOCAL_RUNTIMES.join(", ")
        ))
    } else {
        Err(format!("invalid runtime '{runtime}'"))
    }
}

/// The settings present in a create or update request.
pub fn function_settings(input: &FunctionInput) -> Result<(), String> {
    if let Some(runtime_name) = &input.runtime {
        runtime(runtime_name)?;
    }
    if let Some(handler) = &input.handler {
        if handler.trim().is_empty() {
            return Err("handler must not be empty".into());
        }
    }
    if let Some(memory) = input.memory_size {
        if !rules::is_memory_size(memory.into()) {
            return Err(format!(
                "memorySize must be a multiple of 64 from 128 to 32768 MB, got {memory}"
            ));
        }
    }
    if let Some(timeout) = input.timeout {
        if !rules::TIMEOUT_S.contains(&timeout.into()) {
            return Err(format!(
                "timeout must be from 1 to 86400 seconds, got {timeout}"
            ));
        }
    }
    if let Some(concurrency) = input.instance_concurrency {
        if !rules::INSTANCE_CONCURRENCY.contains(&concurrency.into()) {
            return Err(format!(
                "instanceConcurrency must be from 1 to 200, got {concurrency}"
            ));
        }
    }
    if let Some(env) = &input.environment_variables {
        environment(env)?;
    }
    Ok(())
}

/// A trigger's `triggerConfig`: a JSON object, and for a timer a schedule FC accepts.
pub fn trigger_config(trigger_type: &str, config: &str) -> Result<(), String> {
    match serde_json::from_str::<serde_json::Value>(config) {
        Ok(serde_json::Value::Object(_)) => {}
        Ok(_) => return Err("triggerConfig must be a JSON object encoded as a string".into()),
        Err(e) => return Err(format!("triggerConfig is not valid JSON: {e}")),
    }
    match trigger_type {
        "timer" => {
            TimerConfig::parse(config)?;
        }
        "http" => {
            crate::engine::triggers::http::HttpConfig::parse(config)?;
        }
        _ => {}
    }
    Ok(())
}

/// An inline code package: a zip archive whose directory can be read (a broken one would
/// otherwise fail only at the first invocation).
pub fn code_zip(zip: &[u8]) -> Result<(), String> {
    zip::ZipArchive::new(std::io::Cursor::new(zip))
        .map(drop)
        .map_err(|e| format!("code.zipFile is not a valid zip archive: {e}"))
}

fn environment(env: &std::collections::BTreeMap<String, String>) -> Result<(), String> {
    let mut total = 0;
    for (key, value) in env {
        if !rules::is_env_var_name(key) {
            return Err(format!("invalid environment variable name '{key}'"));
        }
        if key.starts_with(rules::RESERVED_ENV_PREFIX) {
            return Err(format!(
                "environment variable '{key}' uses the reserved prefix FC_"
            ));
        }
        total += key.len() + value.len();
    }
    if total > rules::ENV_TOTAL_BYTES {
        return Err(format!(
            "environment variables total {total} bytes; the limit is 4096"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_fc_patterns() {
        assert!(function_name("my-fn_1").is_ok());
        assert!(function_name("_x").is_ok());
        assert!(function_name("1abc").is_err());
        assert!(function_name("-abc").is_err());
        assert!(function_name("a.b").is_err());
        assert!(function_name(&"a".repeat(65)).is_err());
        assert!(trigger_name(&"a".repeat(128)).is_ok());
    }

    #[test]
    fn settings_reject_what_fc_rejects() {
        let mut input = FunctionInput {
            memory_size: Some(100),
            ..Default::default()
        };
        assert!(function_settings(&input).is_err());
        input.memory_size = Some(256);
        assert!(function_settings(&input).is_ok());
        input.environment_variables = Some([("FC_X".to_string(), "1".to_string())].into());
        assert!(function_settings(&input).is_err());
        input.environment_variables = None;
        input.runtime = Some("java11".into());
        assert!(function_settings(&input)
            .unwrap_err()
            .contains("local engine"));
        input.runtime = None;
        for (concurrency, ok) in [(0, false), (1, true), (200, true), (201, false)] {
            input.instance_concurrency = Some(concurrency);
            assert_eq!(function_settings(&input).is_ok(), ok, "{concurrency}");
        }
    }

    #[test]
    fn timer_configs_need_a_schedule_fc_accepts() {
        let timer =
            |cron: &str| trigger_config("timer", &format!(r#"{{"cronExpression":"{cron}"}}"#));
        assert!(timer("0 0 8 * * *").is_ok());
        assert!(timer("@every 5m").is_ok());
        assert!(timer("0 0 8 * * * 2024 x").is_err());
        assert!(timer("0 8 * * *").is_err());
        assert!(trigger_config("timer", "[]").is_err());
        assert!(trigger_config("http", r#"{"authType":"anonymous"}"#).is_ok());
    }

    #[test]
    fn code_must_be_a_zip() {
        assert!(code_zip(b"hello").is_err());
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("index.py", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(code_zip(&bytes).is_ok());
    }
}
