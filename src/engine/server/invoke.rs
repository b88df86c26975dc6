//! InvokeFunction: raw bytes in, raw bytes out, FC's `x-fc-*` response headers. Function
//! errors are 200 with `x-fc-error-type`; only engine-side failures are API errors. The
//! invocation type picks the path: `Sync` runs now, `Async` queues durably.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use base64::Engine as _;

use super::error::{ApiFailure, ApiResult};
use super::http::{Params, RequestId};
use super::{specs, AppState};
use crate::engine::pool::{Invocation, InvocationResult};
use crate::fc::ErrorCode;

/// FC's limit on a synchronous payload.
pub const SYNC_PAYLOAD_LIMIT: usize = 32 * 1024 * 1024;
/// `x-fc-log-result` carries at most this much of the log tail.
const LOG_TAIL_BYTES: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InvocationType {
    Sync,
    Async,
}

pub async fn invoke(
    State(app): State<Arc<AppState>>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    Path(name): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let payload = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiFailure::invalid(rejection.body_text())
        }
    })?;
    if payload.len() > SYNC_PAYLOAD_LIMIT {
        return Err(too_large());
    }
    let qualifier = Params(params).qualifier()?;
    let call = Call {
        name,
        qualifier,
        request_id,
        payload,
        headers,
    };
    match invocation_type(&call.headers)? {
        InvocationType::Sync => invoke_sync(&app, call).await,
        InvocationType::Async => invoke_async(&app, call).await,
    }
}

/// One InvokeFunction request, parsed.
struct Call {
    name: String,
    qualifier: String,
    request_id: String,
    payload: Bytes,
    headers: HeaderMap,
}

fn invocation_type(headers: &HeaderMap) -> ApiResult<InvocationType> {
    match header_str(headers, "x-fc-invocation-type") {
        None => Ok(InvocationType::Sync),
        Some(v) if v.eq_ignore_ascii_case("sync") => Ok(InvocationType::Sync),
        Some(v) if v.eq_ignore_ascii_case("async") => Ok(InvocationType::Async),
        Some(v) => Err(ApiFailure::invalid(format!(
            "x-fc-invocation-type must be Sync or Async, got '{v}'"
        ))),
    }
}

async fn invoke_sync(app: &Arc<AppState>, call: Call) -> ApiResult {
    let tail = wants_log_tail(&call.headers)?;
    let spec = specs::resolve(app, &call.name, &call.qualifier).await?;
    let checksum = spec.function.code_checksum.clone().unwrap_or_default();
    let qualifier = spec.qualifier().to_string();
    let invocation = Invocation {
        request_id: call.request_id,
        payload: call.payload,
        is_async: false,
        retry_count: 0,
        headers: Vec::new(),
        http: None,
    };
    let result = app.pool.invoke(spec, invocation).await?;
    Ok(sync_response(result, &checksum, &qualifier, tail))
}

/// Queue durably, answer 202 (the async queue runs it).
async fn invoke_async(app: &Arc<AppState>, call: Call) -> ApiResult {
    super::tasks::accept(
        app,
        call.name,
        call.qualifier,
        call.request_id,
        call.payload,
        &call.headers,
    )
    .await
}

fn wants_log_tail(headers: &HeaderMap) -> ApiResult<bool> {
    match header_str(headers, "x-fc-log-type") {
        None => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("tail") => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("none") => Ok(false),
        Some(v) => Err(ApiFailure::invalid(format!(
            "x-fc-log-type must be None or Tail, got '{v}'"
        ))),
    }
}

fn sync_response(
    result: InvocationResult,
    checksum: &str,
    qualifier: &str,
    tail: bool,
) -> Response {
    let mut response = (StatusCode::OK, result.body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    let mut set = |name: &'static str, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    };
    if let Some(error_type) = result.error_type {
        set("x-fc-error-type", error_type);
    }
    set("x-fc-code-checksum", checksum.to_string());
    set("x-fc-instance-id", result.instance_id);
    set("x-fc-invocation-service-version", qualifier.to_string());
    set(
        "x-fc-invocation-duration",
        format!("{}", result.duration_ms.round() as u64),
    );
    set("x-fc-max-memory-usage", result.max_memory_mb.to_string());
    if tail {
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(last_bytes(&result.log_tail, LOG_TAIL_BYTES));
        set("x-fc-log-result", encoded);
    }
    response
}

/// The last `max` bytes of `text`, starting on a character boundary.
fn last_bytes(text: &str, max: usize) -> &str {
    let mut start = text.len().saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn too_large() -> ApiFailure {
    ApiFailure::new(
        ErrorCode::EntityTooLarge,
        format!("payload size exceeds maximum allowed size ({SYNC_PAYLOAD_LIMIT} bytes)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_tail_keeps_the_end_on_a_char_boundary() {
        assert_eq!(last_bytes("abcdef", 3), "def");
        assert_eq!(last_bytes("ab", 3), "ab");
        assert_eq!(last_bytes("aé", 1), "");
        assert_eq!(last_bytes("aéb", 2), "b");
    }
}
