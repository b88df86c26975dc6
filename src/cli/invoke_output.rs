//! How an invocation result is shown, the way FC users know it: the log tail between
//! `FC invoke Logs begin/end` markers, duration / billed duration / memory, instance and
//! request ids on stderr, the result on stdout. Shared by `s invoke` and `s local invoke`.

use std::io::Write;

use colored::Colorize;
use serde_json::{json, Value};

use super::args::OutputFormat;
use crate::client::InvokeResponse;
use crate::engine::pool::InvocationResult;

/// One finished invocation, from the local pool or from an FC API response.
#[derive(Debug, Clone, Default)]
pub struct InvokeOutput {
    pub request_id: String,
    pub instance_id: String,
    pub body: Vec<u8>,
    /// `x-fc-error-type` when the function failed.
    pub error_type: Option<String>,
    pub duration_ms: f64,
    pub memory_size_mb: u32,
    pub max_memory_mb: u64,
    pub log_tail: String,
}

impl InvokeOutput {
    /// From a result of the local instance pool.
    pub fn from_result(result: &InvocationResult, request_id: &str, memory_size_mb: u32) -> Self {
        InvokeOutput {
            request_id: request_id.to_string(),
            instance_id: result.instance_id.clone(),
            body: result.body.to_vec(),
            error_type: result.error_type.clone(),
            duration_ms: result.duration_ms,
            memory_size_mb,
            max_memory_mb: result.max_memory_mb,
            log_tail: result.log_tail.clone(),
        }
    }

    /// From an InvokeFunction response of any FC-compatible endpoint.
    pub fn from_response(response: &InvokeResponse, memory_size_mb: u32) -> Self {
        InvokeOutput {
            request_id: response.request_id.clone(),
            instance_id: response.instance_id.clone().unwrap_or_default(),
            body: response.body.to_vec(),
            error_type: response.error_type.clone(),
            duration_ms: response.duration_ms.unwrap_or_default(),
            memory_size_mb,
            max_memory_mb: response.max_memory_mb.unwrap_or_default().round() as u64,
            log_tail: response.log_result.clone().unwrap_or_default(),
        }
    }

    /// FC bills whole milliseconds, rounded up.
    pub fn billed_duration_ms(&self) -> u64 {
        self.duration_ms.ceil().max(1.0) as u64
    }

    pub fn failed(&self) -> bool {
        self.error_type.is_some()
    }

    fn summary(&self) -> String {
        format!(
            "Duration: {:.2} ms, Billed Duration: {} ms, Memory Size: {} MB, Max Memory Used: {} MB",
            self.duration_ms,
            self.billed_duration_ms(),
            self.memory_size_mb,
            self.max_memory_mb
        )
    }

    fn to_json(&self) -> Value {
        let body = String::from_utf8_lossy(&self.body).to_string();
        json!({
            "requestId": self.request_id,
            "instanceId": self.instance_id,
            "durationMs": self.duration_ms,
            "billedDurationMs": self.billed_duration_ms(),
            "memorySizeMB": self.memory_size_mb,
            "maxMemoryUsedMB": self.max_memory_mb,
            "errorType": self.error_type,
            "logs": self.log_tail,
            "body": body,
        })
    }
}

/// Print `output` in `format`; stdout carries the data, stderr the rest.
pub fn render(output: &InvokeOutput, format: OutputFormat) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut stdout, &output.to_json())?;
            writeln!(stdout)
        }
        OutputFormat::Yaml => {
            let text = serde_yaml::to_string(&output.to_json()).unwrap_or_default();
            stdout.write_all(text.as_bytes())
        }
        OutputFormat::Raw => stdout.write_all(&output.body),
        OutputFormat::Default => {
            eprint!("{}", human_report(output));
            if output.failed() {
                eprint!("{}", describe_error(output));
                return Ok(());
            }
            drop(stdout);
            output.print_result_only()
        }
    }
}

impl InvokeOutput {
    /// `--silent`: the result alone on stdout, or only the error on stderr.
    pub fn print_result_only(&self) -> std::io::Result<()> {
        if self.failed() {
            eprint!("{}", describe_error(self));
            return Ok(());
        }
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&self.body)?;
        if !self.body.ends_with(b"\n") && !self.body.is_empty() {
            writeln!(stdout)?;
        }
        Ok(())
    }
}

/// The log tail, the summary line and the ids, as FC prints them.
pub fn human_report(output: &InvokeOutput) -> String {
    let mut text = String::from("========= FC invoke Logs begin =========\n");
    text.push_str(&output.log_tail);
    if !output.log_tail.is_empty() && !output.log_tail.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("========= FC invoke Logs end =========\n\n");
    text.push_str(&output.summary());
    text.push('\n');
    text.push_str(&format!("Instance ID: {}\n", output.instance_id));
    text.push_str(&format!("Request ID: {}\n\n", output.request_id));
    text
}

/// A function error, readable: type, message, then the stack one frame per line.
pub fn describe_error(output: &InvokeOutput) -> String {
    let error_type = output
        .error_type
        .as_deref()
        .unwrap_or("UnhandledInvocationError");
    let mut text = format!("{} function failed ({error_type})\n", "error:".red().bold());
    let Ok(Value::Object(err)) = serde_json::from_slice::<Value>(&output.body) else {
        text.push_str(&String::from_utf8_lossy(&output.body));
        text.push('\n');
        return text;
    };
    let message = err
        .get("errorMessage")
        .and_then(Value::as_str)
        .unwrap_or("");
    match err.get("errorType").and_then(Value::as_str) {
        Some(kind) => text.push_str(&format!("{kind}: {message}\n")),
        None => text.push_str(&format!("{message}\n")),
    }
    for frame in err
        .get("stackTrace")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        text.push_str(&format!("  {}\n", frame_text(frame)));
    }
    text
}

/// Python frames are `[file, line, function, code]`; Node.js frames are strings.
fn frame_text(frame: &Value) -> String {
    match frame {
        Value::Array(parts) => {
            let parts: Vec<&str> = parts.iter().filter_map(Value::as_str).collect();
            match parts.as_slice() {
                [file, line, func, code] => format!("{file}, {line}, {func}\n      {code}"),
                other => other.join(", "),
            }
        }
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> InvokeOutput {
        InvokeOutput {
            request_id: "1-abc".into(),
            instance_id: "c-1".into(),
            body: b"hello".to_vec(),
            error_type: None,
            duration_ms: 2.391,
            memory_size_mb: 128,
            max_memory_mb: 9,
            log_tail: "FC Invoke Start RequestId: 1-abc\nhi\nFC Invoke End RequestId: 1-abc\n"
                .into(),
        }
    }

    #[test]
    fn report_frames_logs_and_prints_the_summary() {
        colored::control::set_override(false);
        insta::assert_snapshot!(human_report(&sample()));
    }

    #[test]
    fn python_error_is_shown_frame_by_frame() {
        colored::control::set_override(false);
        let mut out = sample();
        out.error_type = Some("UnhandledInvocationError".into());
        out.body = br#"{"errorMessage":"boom","errorType":"ValueError","stackTrace":[["File \"/code/index.py\"","line 2","in handler","raise ValueError('boom')"]]}"#.to_vec();
        insta::assert_snapshot!(describe_error(&out));
    }

    #[test]
    fn billed_duration_rounds_up() {
        assert_eq!(sample().billed_duration_ms(), 3);
    }
}
