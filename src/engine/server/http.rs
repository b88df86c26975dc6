//! Request plumbing shared by every route: the request id, debug logging of each exchange,
//! error rendering, JSON bodies (a bodiless request reads as `{}`), and query parameters
//! (booleans case-insensitive, `limit` ranges, the qualifier).

use crate::engine::store::PageRequest;
use std::collections::HashMap;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{ApiFailure, ApiResult};
use crate::fc::{self, ApiError, ErrorCode};

pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// Marks a response that relays what a function answered (HTTP triggers): its status is
/// the function's, so it is never rewritten as an API error.
#[derive(Debug, Clone, Copy)]
pub struct Relayed;

/// The id of the request being served (`x-fc-request-id`).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Outermost layer: give the request an id, log the exchange, render any error as FC's JSON
/// shape, and put `x-fc-request-id` on every response.
pub async fn frame(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = fc::new_request_id();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    tracing::debug!(request_id = %id, "--> {method} {}", request.uri());
    request.extensions_mut().insert(RequestId(id.clone()));
    let response = next.run(request).await;
    let mut response = render_error(response, &id, method.as_str(), &path).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-fc-request-id", value);
    }
    tracing::debug!(
        request_id = %id,
        "<-- {} {method} {path} ({:.2} ms)",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// Turn a failed response into `{"Code","Message","RequestId"}`. Handlers attach an
/// `ApiError`; anything else that failed (router fallbacks, extractor rejections) is mapped
/// by its status.
async fn render_error(response: Response, id: &str, method: &str, path: &str) -> Response {
    let status = response.status();
    let relayed = response.extensions().get::<Relayed>().is_some();
    if relayed || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let mut error = match parts.extensions.remove::<ApiError>() {
        Some(error) => error,
        None => {
            let text = axum::body::to_bytes(body, 64 * 1024)
                .await
                .map(|b| String::from_utf8_lossy(&b).trim().to_string())
                .unwrap_or_default();
            error_for_status(status, &text, method, path)
        }
    };
    error.request_id = id.to_string();
    tracing::debug!(request_id = %id, "error {}: {}", error.code, error.message);
    let body = serde_json::to_vec(&error).unwrap_or_default();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

fn error_for_status(status: StatusCode, text: &str, method: &str, path: &str) -> ApiError {
    let mut error = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
            ErrorCode::PathNotSupported,
            format!("'{method}' against '{path}' is not supported"),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            ErrorCode::EntityTooLarge,
            "payload size exceeds maximum allowed size",
        ),
        s if s.is_client_error() => ApiError::invalid(text.to_string()),
        _ => ApiError::internal(text.to_string()),
    };
    error.status = status.as_u16();
    error
}

/// A 2xx JSON response.
pub fn json<T: Serialize>(status: StatusCode, value: &T) -> ApiResult {
    let body = serde_json::to_vec(value)
        .map_err(|e| ApiFailure::from(ApiError::internal(format!("cannot encode: {e}"))))?;
    Ok((
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(JSON_CONTENT_TYPE),
        )],
        body,
    )
        .into_response())
}

pub fn ok<T: Serialize>(value: &T) -> ApiResult {
    json(StatusCode::OK, value)
}

/// 204 for Delete* APIs.
pub fn no_content() -> ApiResult {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Parse a JSON body; an empty body (bodiless PUT/DELETE) reads as the type's default.
pub fn parse_body<T: DeserializeOwned + Default>(body: &Bytes) -> ApiResult<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiFailure::invalid(format!("the request body is not valid: {e}")))
}

/// Query parameters of one request.
#[derive(Debug, Default)]
pub struct Params(pub HashMap<String, String>);

/// The qualifier of the function as it is now (not a published version).
pub const LATEST: &str = "LATEST";

/// FC's alias names: a letter, then letters, digits, `-` and `_`, at most 128 characters.
pub fn is_alias_name(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= 128
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Params {
    /// A non-empty value.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// `true`/`True`/`TRUE`/`false`/...: SDKs render booleans in their language's style.
    pub fn bool(&self, key: &str) -> ApiResult<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(v) => Err(ApiFailure::invalid(format!(
                "'{key}' must be true or false, got '{v}'"
            ))),
        }
    }

    /// `limit` in 1..=100, `default` when absent.
    pub fn limit(&self, default: usize) -> ApiResult<usize> {
        match self.get("limit") {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=100).contains(&n) => Ok(n),
                _ => Err(ApiFailure::invalid(format!(
                    "'limit' must be an integer from 1 to 100, got '{v}'"
                ))),
            },
        }
    }

    /// A list call's page: `prefix`, `nextToken` and `limit` (20 when absent).
    pub fn page_request(&self) -> ApiResult<PageRequest> {
        Ok(PageRequest {
            prefix: self.get("prefix").map(str::to_string),
            start: self.get("nextToken").map(str::to_string),
            limit: self.limit(20)?,
        })
    }

    /// The qualifier: `LATEST` when absent, else a version id or an alias name.
    pub fn qualifier(&self) -> ApiResult<String> {
        match self.get("qualifier") {
            None => Ok(LATEST.to_string()),
            Some(q) if q == LATEST || crate::fc::is_version_id(q) || is_alias_name(q) => {
                Ok(q.to_string())
            }
            Some(q) => Err(ApiFailure::invalid(format!(
                "qualifier '{q}' is not LATEST, a version id or an alias name"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn booleans_parse_in_any_case() {
        for (text, value) in [
            ("True", true),
            ("true", true),
            ("TRUE", true),
            ("False", false),
        ] {
            assert_eq!(params(&[("b", text)]).bool("b").unwrap(), Some(value));
        }
        assert!(params(&[("b", "yes")]).bool("b").is_err());
        assert_eq!(params(&[]).bool("b").unwrap(), None);
    }

    #[test]
    fn limit_is_checked_and_defaults() {
        assert_eq!(params(&[]).limit(20).unwrap(), 20);
        assert_eq!(params(&[("limit", "100")]).limit(20).unwrap(), 100);
        assert!(params(&[("limit", "0")]).limit(20).is_err());
        assert!(params(&[("limit", "101")]).limit(20).is_err());
    }

    #[test]
    fn empty_body_reads_as_default() {
        let value: serde_json::Map<String, serde_json::Value> = parse_body(&Bytes::new()).unwrap();
        assert!(value.is_empty());
        assert!(
            parse_body::<serde_json::Map<String, serde_json::Value>>(&Bytes::from("{")).is_err()
        );
    }
}
