//! InvokeFunction: raw bytes both ways, context in `x-fc-*` headers.

use std::time::Duration;

use base64::Engine as _;

use super::{api_error, header, transport, ClientError, FcClient, Result};

#[derive(Debug, Clone, Default)]
pub struct InvokeOptions {
    pub qualifier: Option<String>,
    pub is_async: bool,
    pub async_task_id: Option<String>,
    /// Ask for the last 4 KB of the request's log (`x-fc-log-type: Tail`).
    pub log_tail: bool,
    /// Client-side timeout for the whole call.
    pub timeout: Option<Duration>,
}

/// What InvokeFunction returned. A function error is a success at the HTTP level:
/// `error_type` is set and `body` holds FC's error document.
#[derive(Debug, Clone)]
pub struct InvokeResponse {
    pub status: u16,
    pub body: bytes::Bytes,
    pub request_id: String,
    pub error_type: Option<String>,
    pub log_result: Option<String>,
    pub instance_id: Option<String>,
    pub duration_ms: Option<f64>,
    pub max_memory_mb: Option<f64>,
    pub code_checksum: Option<String>,
    pub async_task_id: Option<String>,
}

impl FcClient {
    pub async fn invoke(
        &self,
        function: &str,
        payload: Vec<u8>,
        options: &InvokeOptions,
    ) -> Result<InvokeResponse> {
        let url = self.url(&format!("/functions/{function}/invocations"));
        let mut request = self
            .http
            .post(&url)
            .header("content-type", "application/octet-stream")
            .body(payload);
        if let Some(q) = &options.qualifier {
            request = request.query(&[("qualifier", q)]);
        }
        if options.is_async {
            request = request.header("x-fc-invocation-type", "Async");
        }
        if let Some(id) = &options.async_task_id {
            request = request.header("x-fc-async-task-id", id);
        }
        if options.log_tail {
            request = request.header("x-fc-log-type", "Tail");
        }
        if let Some(t) = options.timeout {
            request = request.timeout(t);
        }
        let started = std::time::Instant::now();
        let response = self.dispatch(request).await?;
        let status = response.status();
        tracing::debug!(
            "POST {url} -> {status} in {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
        let get = |name: &str| header(&response, name);
        let request_id = get("x-fc-request-id").unwrap_or_default();
        let error_type = get("x-fc-error-type");
        let log_result = get("x-fc-log-result").map(|b64| {
            base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map(|raw| String::from_utf8_lossy(&raw).into_owned())
                .unwrap_or(b64)
        });
        let instance_id = get("x-fc-instance-id");
        let duration_ms = get("x-fc-invocation-duration").and_then(|v| v.parse().ok());
        let max_memory_mb = get("x-fc-max-memory-usage").and_then(|v| v.parse().ok());
        let code_checksum = get("x-fc-code-checksum");
        let async_task_id = get("x-fc-async-task-id");
        let body = response.bytes().await.map_err(|e| transport(&url, e))?;
        if !status.is_success() {
            let id = (!request_id.is_empty()).then_some(request_id);
            return Err(ClientError::Api(api_error(status, &body, id)));
        }
        Ok(InvokeResponse {
            status: status.as_u16(),
            body,
            request_id,
            error_type,
            log_result,
            instance_id,
            duration_ms,
            max_memory_mb,
            code_checksum,
            async_task_id,
        })
    }
}
