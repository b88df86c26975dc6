//! HTTP trigger URLs: `http://<engine>/http/<function>/<trigger>/<path...>`. Built-in
//! runtimes get FC 3.0's HTTP event and their `{statusCode, headers, body}` answer becomes
//! the response; custom runtimes get the request forwarded to their own server and their
//! response relayed. `methods` and `authType` (function: a signature; jwt: FC's token
//! check, with claims passed on) are enforced here (the API's signature layer leaves these
//! paths alone); `X-Fc-Invocation-Type: Async` queues the event instead. Bodies are read up
//! to FC's 32 MB sync limit and no further. Custom domains reuse `HttpCall` and `run`, so a
//! function answers a domain exactly as it answers its trigger URL.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{request::Parts, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Extension;

use super::auth::{Incoming, SignedHead, Verifier};
use super::error::{ApiFailure, ApiResult};
use super::http::{Relayed, RequestId, LATEST};
use super::invoke::SYNC_PAYLOAD_LIMIT;
use super::{specs, web, AppState};
use crate::engine::pool::{HttpRequest, Invocation, InvocationResult};
use crate::engine::triggers::http::{self as mapping, AuthType, HttpConfig, HttpRequestInfo};
use crate::engine::triggers::jwt::{JwtConfig, JwtRequest, Position};
use crate::fc::{self, ErrorCode, HttpTriggerUrls, RuntimeFamily, Trigger};

/// Where trigger URLs live; `/*path` below it is the path the function sees.
pub const ROUTE: &str = "/http/:function/:trigger";
pub(super) const PREFIX: &str = "/http/";

/// Response headers that belong to one hop, never relayed.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
];

pub async fn serve(
    State(app): State<Arc<AppState>>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    request: Request,
) -> ApiResult {
    let (parts, body) = request.into_parts();
    let (function, trigger, raw_path) = split_path(parts.uri.path())
        .ok_or_else(|| ApiFailure::new(ErrorCode::PathNotSupported, "not an HTTP trigger URL"))?;
    let route = app
        .triggers
        .http_route(&function, &trigger)
        .ok_or_else(|| {
            ApiFailure::new(
                ErrorCode::TriggerNotFound,
                format!("HTTP trigger '{trigger}' does not exist in function '{function}'"),
            )
        })?;
    let config = route.config.as_ref().map_err(|e| {
        ApiFailure::invalid(format!(
            "HTTP trigger '{trigger}' cannot serve requests: {e}"
        ))
    })?;
    check_method(config, &parts)?;
    let mut call = HttpCall::read(
        function,
        trigger,
        raw_path,
        request_id,
        parts,
        body,
        config.auth_type,
    )
    .await?;
    if let Some(jwt) = &config.jwt {
        call.check_jwt(jwt)?;
    }
    run(&app, call, LATEST).await
}

/// Invoke the function with one checked request, as FC invokes it for an HTTP trigger or a
/// custom domain route: queued when `X-Fc-Invocation-Type: Async`, else run and answered.
pub(super) async fn run(app: &Arc<AppState>, call: HttpCall, qualifier: &str) -> ApiResult {
    if is_async(&call.parts.headers)? {
        let payload = Bytes::from(call.event(app));
        return super::tasks::accept(
            app,
            call.function.clone(),
            qualifier.to_string(),
            call.request_id.clone(),
            payload,
            &call.parts.headers,
        )
        .await;
    }
    let spec = specs::resolve(app, &call.function, qualifier).await?;
    let custom = fc::runtime_family(&spec.function.runtime) == RuntimeFamily::Custom;
    let invocation = if custom {
        call.forwarded()
    } else {
        Invocation {
            request_id: call.request_id.clone(),
            payload: Bytes::from(call.event(app)),
            is_async: false,
            retry_count: 0,
            headers: Vec::new(),
            http: None,
        }
    };
    let result = app.pool.invoke(spec, invocation).await?;
    Ok(respond(result))
}

/// One request to a trigger URL or custom domain, read and checked.
pub(super) struct HttpCall {
    pub function: String,
    /// `requestContext.domainPrefix`: the trigger's name, or a domain's first label.
    pub prefix: String,
    /// The path the function sees, still percent-encoded.
    pub raw_path: String,
    pub request_id: String,
    pub parts: Parts,
    pub body: Bytes,
}

impl HttpCall {
    /// Check `auth` (a signature's head before the body is read, so an unsigned caller
    /// cannot make the engine read one), then read the body.
    pub async fn read(
        function: String,
        prefix: String,
        raw_path: String,
        request_id: String,
        parts: Parts,
        body: Body,
        auth: AuthType,
    ) -> ApiResult<HttpCall> {
        let signed = authorize(auth, &parts)?;
        let body = read_body(&parts.headers, body).await?;
        if let Some((verifier, head)) = signed {
            verifier
                .check_body(head, &body, time::OffsetDateTime::now_utc())
                .map_err(ApiFailure::from)?;
        }
        Ok(HttpCall {
            function,
            prefix,
            raw_path,
            request_id,
            parts,
            body,
        })
    }

    /// FC's JWT check; the claims it passes on are added to the request.
    pub fn check_jwt(&mut self, jwt: &JwtConfig) -> ApiResult<()> {
        let headers = self.headers();
        let form = is_form(&self.parts.headers).then_some(&self.body[..]);
        let path = mapping::percent_decode(&self.raw_path);
        let request = JwtRequest {
            path: &path,
            headers: &headers,
            query: self.parts.uri.query(),
            form,
        };
        let passed = jwt.check(&request).map_err(|refusal| {
            ApiFailure::new(ErrorCode::AccessDenied, refusal.to_string()).with_status(401)
        })?;
        // Only the token speaks for its claims: whatever the caller sent under a claim's
        // name is dropped, on guarded and unguarded paths alike.
        for mapping in &jwt.claims {
            self.set_field(mapping.position, &mapping.name, None);
        }
        for claim in passed {
            self.set_field(claim.position, &claim.name, Some(&claim.value));
        }
        Ok(())
    }

    /// Remove every header, query parameter or form field called `name`, then add `value`.
    fn set_field(&mut self, position: Position, name: &str, value: Option<&str>) {
        let pair = |value: &str| {
            form_urlencoded::Serializer::new(String::new())
                .append_pair(name, value)
                .finish()
        };
        match position {
            Position::Header => {
                let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
                    return;
                };
                self.parts.headers.remove(&header);
                if let Some(Ok(value)) = value.map(HeaderValue::from_str) {
                    self.parts.headers.insert(header, value);
                }
            }
            Position::Query => {
                let mut query = without_field(self.parts.uri.query().unwrap_or_default(), name);
                if let Some(value) = value {
                    append_field(&mut query, &pair(value));
                }
                let path_and_query = match query.is_empty() {
                    true => self.parts.uri.path().to_string(),
                    false => format!("{}?{query}", self.parts.uri.path()),
                };
                if let Ok(uri) = path_and_query.parse() {
                    self.parts.uri = uri;
                }
            }
            Position::Form if is_form(&self.parts.headers) => {
                let mut body = without_field(&String::from_utf8_lossy(&self.body), name);
                if let Some(value) = value {
                    append_field(&mut body, &pair(value));
                }
                self.body = Bytes::from(body);
            }
            Position::Form | Position::Cookie => {}
        }
    }

    fn headers(&self) -> Vec<(String, String)> {
        self.parts
            .headers
            .iter()
            .filter_map(|(k, v)| Some((k.to_string(), v.to_str().ok()?.to_string())))
            .collect()
    }

    /// FC 3.0's HTTP event for built-in runtimes (and for any queued request).
    fn event(&self, app: &AppState) -> Vec<u8> {
        let headers = self.headers();
        let source_ip = self
            .parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_default();
        let host = header_str(&self.parts.headers, "host").unwrap_or_default();
        let info = HttpRequestInfo {
            method: self.parts.method.as_str(),
            raw_path: &self.raw_path,
            query: self.parts.uri.query(),
            headers: &headers,
            body: &self.body,
            protocol: protocol(&self.parts),
            source_ip: &source_ip,
            request_id: &self.request_id,
            account_id: &app.account_id,
            domain_name: host,
            domain_prefix: &self.prefix,
        };
        mapping::event(&info, fc::epoch_ms())
    }

    /// The raw request, for a custom runtime's own server.
    fn forwarded(&self) -> Invocation {
        let path_and_query = match self.parts.uri.query() {
            Some(query) => format!("{}?{query}", self.raw_path),
            None => self.raw_path.clone(),
        };
        Invocation {
            request_id: self.request_id.clone(),
            payload: self.body.clone(),
            is_async: false,
            retry_count: 0,
            headers: Vec::new(),
            http: Some(Arc::new(HttpRequest {
                method: self.parts.method.to_string(),
                path_and_query,
                headers: self.headers(),
            })),
        }
    }
}

/// `a=1&b=2` without the fields whose decoded name is `name` (the rest kept as sent).
fn without_field(encoded: &str, name: &str) -> String {
    encoded
        .split('&')
        .filter(|field| {
            let key = form_urlencoded::parse(field.as_bytes()).next();
            key.is_some_and(|(key, _)| key != name)
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn append_field(encoded: &mut String, field: &str) {
    if !encoded.is_empty() {
        encoded.push('&');
    }
    encoded.push_str(field);
}

fn is_form(headers: &HeaderMap) -> bool {
    header_str(headers, "content-type")
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// `/http/<function>/<trigger>/<rest>` → `(function, trigger, "/<rest>")`, the rest still
/// percent-encoded.
fn split_path(path: &str) -> Option<(String, String, String)> {
    let rest = path.strip_prefix(PREFIX)?;
    let mut parts = rest.splitn(3, '/');
    let function = parts.next().filter(|f| !f.is_empty())?;
    let trigger = parts.next().filter(|t| !t.is_empty())?;
    let raw_path = format!("/{}", parts.next().unwrap_or_default());
    Some((function.to_string(), trigger.to_string(), raw_path))
}

fn protocol(parts: &Parts) -> &'static str {
    match parts.version {
        axum::http::Version::HTTP_10 => "HTTP/1.0",
        axum::http::Version::HTTP_2 => "HTTP/2.0",
        _ => "HTTP/1.1",
    }
}

fn check_method(config: &HttpConfig, parts: &Parts) -> ApiResult<()> {
    if config.allows(parts.method.as_str()) {
        return Ok(());
    }
    Err(ApiFailure::new(
        ErrorCode::PathNotSupported,
        format!(
            "method {} is not allowed by this HTTP trigger (allowed: {})",
            parts.method,
            config.methods.join(", ")
        ),
    )
    .with_status(405))
}

/// The whole body, refusing anything over the sync limit before reading past it.
async fn read_body(headers: &HeaderMap, body: Body) -> ApiResult<Bytes> {
    let declared = header_str(headers, "content-length").and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > SYNC_PAYLOAD_LIMIT as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, SYNC_PAYLOAD_LIMIT)
        .await
        .map_err(|_| too_large())
}

fn too_large() -> ApiFailure {
    ApiFailure::new(
        ErrorCode::EntityTooLarge,
        format!(
            "request body exceeds the maximum of {SYNC_PAYLOAD_LIMIT} bytes or could not be read"
        ),
    )
}

/// `function` auth: an engine started with access keys requires a valid ACS3 signature;
/// without keys its whole API is open on loopback, and so are these URLs. Checks the head
/// only; what it returns must still check the body.
/// `jwt` is checked once the body is read (a token may come in a form).
fn authorize(auth: AuthType, parts: &Parts) -> ApiResult<Option<(Arc<Verifier>, SignedHead)>> {
    match auth {
        AuthType::Anonymous | AuthType::Jwt => Ok(None),
        AuthType::Function => {
            let Some(verifier) = parts.extensions.get::<Arc<Verifier>>() else {
                return Ok(None);
            };
            let now = time::OffsetDateTime::now_utc();
            let signed = verifier.check_head(&Incoming::head(parts), now)?;
            Ok(Some((verifier.clone(), signed)))
        }
    }
}

fn is_async(headers: &HeaderMap) -> ApiResult<bool> {
    match header_str(headers, "x-fc-invocation-type") {
        None => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("sync") => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("async") => Ok(true),
        Some(v) => Err(ApiFailure::invalid(format!(
            "x-fc-invocation-type must be Sync or Async, got '{v}'"
        ))),
    }
}

/// The function's answer as the HTTP response: relayed (custom runtimes), mapped (built-in
/// runtimes), or a 502 carrying FC's error document when the function failed.
fn respond(result: InvocationResult) -> Response {
    if let Some(error_type) = result.error_type {
        return function_failed(&error_type, result.body);
    }
    if let Some(http) = result.http {
        return relay(http.status, &http.headers, result.body);
    }
    match mapping::reply(result.body) {
        Ok(reply) => relay(reply.status, &reply.headers, reply.body),
        Err(message) => function_failed(
            "UnhandledInvocationError",
            Bytes::from(serde_json::json!({ "errorMessage": message }).to_string()),
        ),
    }
}

fn relay(status: u16, headers: &[(String, String)], body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let out = response.headers_mut();
    for (name, value) in headers {
        if HOP_BY_HOP.contains(&name.to_ascii_lowercase().as_str()) {
            continue;
        }
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            out.append(name, value);
        }
    }
    response.extensions_mut().insert(Relayed);
    response
}

fn function_failed(error_type: &str, body: Bytes) -> Response {
    let mut response = relay(
        502,
        &[("content-type".into(), "application/json".into())],
        body,
    );
    if let Ok(value) = HeaderValue::from_str(error_type) {
        response.headers_mut().insert("x-fc-error-type", value);
    }
    response
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// A trigger as the API answers it: with its source's live state and, for HTTP triggers,
/// the local URL on the host the caller used to reach the engine, as a host name: a loopback
/// address becomes `localhost`, so the function's pages never share the console's origin.
pub fn decorate(
    app: &AppState,
    function: &str,
    mut trigger: Trigger,
    headers: &HeaderMap,
) -> Trigger {
    if let Some((state, error)) = app.triggers.status(function, &trigger.trigger_name) {
        trigger.status = Some(state);
        trigger.error = error;
    }
    if trigger.trigger_type == "http" {
        let path = format!("{PREFIX}{function}/{}", trigger.trigger_name);
        let port = app.info.address.port();
        let local = format!("localhost:{port}");
        let host = match (web::HostKind::of(headers), web::host(headers)) {
            (web::HostKind::OtherName | web::HostKind::OtherIp, Some(host)) => host.to_string(),
            (web::HostKind::LoopbackName, Some(host)) => host.to_string(),
            (web::HostKind::LoopbackIp, Some(host)) => {
                web::host_port(host).map_or(local.clone(), |p| format!("localhost:{p}"))
            }
            _ => local.clone(),
        };
        trigger.http_trigger = Some(HttpTriggerUrls {
            url_internet: format!("http://{host}{path}"),
            url_intranet: format!("http://{local}{path}"),
        });
    }
    trigger
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_named_like_a_claim_are_dropped_and_the_rest_kept_as_sent() {
        assert_eq!(
            without_field("role=admin&page=2&role%3D=x", "role"),
            "page=2&role%3D=x"
        );
        assert_eq!(without_field("r%6Fle=admin&q=a%20b", "role"), "q=a%20b");
        assert_eq!(without_field("", "role"), "");
        let mut query = String::new();
        append_field(&mut query, "role=user");
        assert_eq!(query, "role=user");
    }

    #[test]
    fn trigger_paths_split_into_function_trigger_and_rest() {
        assert_eq!(
            split_path("/http/f/t/a/b%20c"),
            Some(("f".into(), "t".into(), "/a/b%20c".into()))
        );
        assert_eq!(
            split_path("/http/f/t"),
            Some(("f".into(), "t".into(), "/".into()))
        );
        assert_eq!(
            split_path("/http/f/t/"),
            Some(("f".into(), "t".into(), "/".into()))
        );
        assert_eq!(split_path("/http/f"), None);
        assert_eq!(split_path("/other/f/t"), None);
    }
}
