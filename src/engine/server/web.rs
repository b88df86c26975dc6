//! What a web browser may do with the engine: the one check the API, the console and HTTP
//! trigger URLs share. A page the user visits must not drive the engine (CSRF) nor read it
//! through a hostile DNS name that resolves to loopback (DNS rebinding), and a function's own
//! web page (served from a trigger URL) must not reach the console or the API.
//!
//! Origins: the console and the API's own origin is the engine's IP address
//! (`http://127.0.0.1:9630`); trigger URLs are served on a host name (`http://localhost:9630`),
//! so a function's response is a different site: its cookies and scripts cannot touch the
//! console's. A keyless engine answers only to loopback hosts. Requests a browser makes for
//! another origin (`Origin`, `Sec-Fetch-Site`) are refused on the API and on the console's
//! forms; trigger URLs take any origin, as on FC (CORS is the function's business). This
//! module decides; it does not sign, authenticate or read bodies.

use std::net::IpAddr;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::auth::Verifier;
use super::error::ApiFailure;
use super::quiet_log::QuietLog;
use crate::fc::{self, ErrorCode};

/// What the `Host` header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostKind {
    /// `127.0.0.1`, `[::1]`: the console's and the API's address.
    LoopbackIp,
    /// `localhost`, `*.localhost`: where trigger URLs live.
    LoopbackName,
    /// Any other IP address (an engine listening beyond loopback).
    OtherIp,
    /// Any other name (possibly DNS rebinding on a keyless engine).
    OtherName,
    /// No usable `Host` header.
    Missing,
}

impl HostKind {
    pub fn of(headers: &HeaderMap) -> HostKind {
        let Some(host) = host(headers) else {
            return HostKind::Missing;
        };
        let name = host_name(host);
        if let Ok(ip) = name.parse::<IpAddr>() {
            return if ip.is_loopback() {
                HostKind::LoopbackIp
            } else {
                HostKind::OtherIp
            };
        }
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if name == "localhost" || name.ends_with(".localhost") {
            HostKind::LoopbackName
        } else if name.is_empty() {
            HostKind::Missing
        } else {
            HostKind::OtherName
        }
    }

    pub fn is_loopback(self) -> bool {
        matches!(self, HostKind::LoopbackIp | HostKind::LoopbackName)
    }

    pub fn is_ip(self) -> bool {
        matches!(self, HostKind::LoopbackIp | HostKind::OtherIp)
    }
}

/// The `Host` header as sent.
pub fn host(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|h| !h.is_empty())
}

/// `127.0.0.1:9630` → `127.0.0.1`; `[::1]:9630` → `::1`.
pub fn host_name(host: &str) -> &str {
    match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    }
}

/// The port of a `Host` header, if it names one.
pub fn host_port(host: &str) -> Option<u16> {
    let port = match host.strip_prefix('[') {
        Some(rest) => rest.split_once(']')?.1.strip_prefix(':')?,
        None => host.rsplit_once(':')?.1,
    };
    port.parse().ok()
}

/// Why a request looks like a browser acting for a page of another origin, if it does.
/// The engine's own origin is `http://<Host>` with an IP address as host: requests from a
/// trigger page (a host name) count as foreign even on the same host name and port.
pub fn foreign_origin(headers: &HeaderMap) -> Option<&'static str> {
    let own = HostKind::of(headers).is_ip();
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    match fetch_site.as_deref() {
        Some("cross-site") | Some("same-site") => {
            return Some("the request came from another site")
        }
        Some("same-origin") if !own => return Some("the request came from a trigger URL's page"),
        _ => {}
    }
    let origin = headers.get(header::ORIGIN)?;
    let expected = host(headers).map(|h| format!("http://{h}"));
    let same = own && expected.is_some_and(|e| origin.to_str().is_ok_and(|o| o == e));
    (!same).then_some("the request's Origin is not this engine")
}

/// True when `headers` declare a JSON body (`application/json`, any parameters).
fn declares_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("application/json"))
}

/// True when the request carries (or announces) a body.
fn has_body(headers: &HeaderMap) -> bool {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
    match declared {
        Some(length) => length > 0,
        None => headers.contains_key(header::TRANSFER_ENCODING),
    }
}

/// Which of the engine's surfaces a path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Surface {
    /// FC operations whose body is JSON.
    JsonApi,
    /// InvokeFunction (the body is the raw event) and the engine extras.
    OtherApi,
    Trigger,
}

fn surface(path: &str) -> Surface {
    if path.starts_with(super::http_trigger::PREFIX) {
        return Surface::Trigger;
    }
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["", version, "functions", _, "invocations"] if *version == fc::API_VERSION => {
            Surface::OtherApi
        }
        ["", version, ..] if *version == fc::API_VERSION => Surface::JsonApi,
        _ => Surface::OtherApi,
    }
}

/// The API's and trigger URLs' middleware (the console applies `console_refusal` itself).
pub async fn guard(request: Request, next: Next) -> Response {
    let keyless = request
        .extensions()
        .get::<std::sync::Arc<Verifier>>()
        .is_none();
    let headers = request.headers();
    let refusal = match surface(request.uri().path()) {
        Surface::Trigger => trigger_refusal(headers, keyless),
        api => api_refusal(headers, keyless, api == Surface::JsonApi),
    };
    match refusal {
        Some(message) => {
            static REFUSED: QuietLog = QuietLog::new(Duration::from_secs(10));
            let (method, path) = (request.method(), request.uri().path());
            REFUSED.warn(format_args!("refused {method} {path}: {message}"));
            ApiFailure::new(ErrorCode::AccessDenied, message).into_response()
        }
        None => next.run(request).await,
    }
}

fn api_refusal(headers: &HeaderMap, keyless: bool, json_api: bool) -> Option<String> {
    if keyless && !HostKind::of(headers).is_loopback() {
        return Some(format!(
            "this engine answers only to a loopback host such as 127.0.0.1, not '{}'",
            host(headers).unwrap_or_default()
        ));
    }
    if let Some(why) = foreign_origin(headers) {
        return Some(format!("browsers may not use the engine's API: {why}"));
    }
    if json_api && has_body(headers) && !declares_json(headers) {
        return Some("the request body must be sent as Content-Type: application/json".into());
    }
    None
}

/// Trigger URLs: never on the console's IP address (a function's page would share its
/// origin); on a keyless engine only on a loopback name.
fn trigger_refusal(headers: &HeaderMap, keyless: bool) -> Option<String> {
    let kind = HostKind::of(headers);
    if kind == HostKind::LoopbackIp {
        let port = host(headers).and_then(host_port).unwrap_or(80);
        return Some(format!(
            "HTTP trigger URLs are served at http://localhost:{port}/http/..., not on the console's address"
        ));
    }
    if keyless && kind != HostKind::LoopbackName {
        return Some(format!(
            "this engine answers only to a loopback host such as localhost, not '{}'",
            host(headers).unwrap_or_default()
        ));
    }
    None
}

/// What the console answers instead of a page, when it must.
#[derive(Debug, PartialEq, Eq)]
pub enum ConsoleRefusal {
    /// Open the same page on the engine's IP address instead.
    MoveTo(String),
    Forbidden(String),
}

/// The console is served on an IP address only (loopback on a keyless engine), and takes
/// form posts from its own pages only. `loopback` is where a `localhost` visitor is sent.
pub fn console_refusal(
    method: &Method,
    headers: &HeaderMap,
    keyless: bool,
    loopback: IpAddr,
    path_and_query: &str,
) -> Option<ConsoleRefusal> {
    let kind = HostKind::of(headers);
    let reading = method == Method::GET || method == Method::HEAD;
    let port = host(headers).and_then(host_port).unwrap_or(80);
    let ip = match loopback {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    if kind == HostKind::LoopbackName && reading {
        return Some(ConsoleRefusal::MoveTo(format!(
            "http://{ip}:{port}{path_and_query}"
        )));
    }
    let allowed = if keyless {
        kind == HostKind::LoopbackIp
    } else {
        kind.is_ip()
    };
    if !allowed && keyless {
        return Some(ConsoleRefusal::Forbidden(format!(
            "this engine's console answers only on its loopback address, http://{ip}:{port}/_s/ui/"
        )));
    }
    if !allowed {
        return Some(ConsoleRefusal::Forbidden(
            "this engine's console answers only on its IP address, not on a host name (trigger URLs use those)".into(),
        ));
    }
    if !reading {
        if let Some(why) = foreign_origin(headers) {
            return Some(ConsoleRefusal::Forbidden(format!(
                "this form came from another site ({why}): reload the page and try again"
            )));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn hosts_are_classified() {
        let kind = |h: &'static str| HostKind::of(&headers(&[("host", h)]));
        assert_eq!(kind("127.0.0.1:9630"), HostKind::LoopbackIp);
        assert_eq!(kind("127.8.0.1"), HostKind::LoopbackIp);
        assert_eq!(kind("[::1]:9630"), HostKind::LoopbackIp);
        assert_eq!(kind("localhost:9630"), HostKind::LoopbackName);
        assert_eq!(kind("fn.LOCALHOST:9630"), HostKind::LoopbackName);
        assert_eq!(kind("localhost.evil.example"), HostKind::OtherName);
        assert_eq!(kind("evil.example:9630"), HostKind::OtherName);
        assert_eq!(kind("192.168.1.2:9630"), HostKind::OtherIp);
        assert_eq!(HostKind::of(&HeaderMap::new()), HostKind::Missing);
        assert_eq!(host_port("[::1]:9630"), Some(9630));
        assert_eq!(host_port("localhost"), None);
    }

    #[test]
    fn foreign_origins_are_recognised() {
        let own = [("host", "127.0.0.1:9630")];
        assert_eq!(foreign_origin(&headers(&own)), None);
        let same = [
            ("host", "127.0.0.1:9630"),
            ("origin", "http://127.0.0.1:9630"),
        ];
        assert_eq!(foreign_origin(&headers(&same)), None);
        for pairs in [
            [
                ("host", "127.0.0.1:9630"),
                ("origin", "http://127.0.0.1:3000"),
            ],
            [("host", "127.0.0.1:9630"), ("origin", "null")],
            [
                ("host", "localhost:9630"),
                ("origin", "http://localhost:9630"),
            ],
            [("host", "127.0.0.1:9630"), ("sec-fetch-site", "cross-site")],
            [("host", "127.0.0.1:9630"), ("sec-fetch-site", "same-site")],
            [
                ("host", "localhost:9630"),
                ("sec-fetch-site", "same-origin"),
            ],
        ] {
            assert!(foreign_origin(&headers(&pairs)).is_some(), "{pairs:?}");
        }
        let typed = [("host", "127.0.0.1:9630"), ("sec-fetch-site", "none")];
        assert_eq!(foreign_origin(&headers(&typed)), None);
    }

    #[test]
    fn json_apis_need_a_json_body_and_a_loopback_host() {
        let plain = headers(&[
            ("host", "127.0.0.1:9630"),
            ("content-type", "text/plain"),
            ("content-length", "2"),
        ]);
        assert!(api_refusal(&plain, true, true).is_some());
        assert!(api_refusal(&plain, true, false).is_none());
        let json = headers(&[
            ("host", "localhost:9630"),
            ("content-type", "application/json; charset=utf-8"),
            ("content-length", "2"),
        ]);
        assert!(api_refusal(&json, true, true).is_none());
        let bodiless = headers(&[("host", "127.0.0.1:9630")]);
        assert!(api_refusal(&bodiless, true, true).is_none());
        let rebound = headers(&[("host", "evil.example:9630")]);
        assert!(api_refusal(&rebound, true, false).is_some());
        assert!(api_refusal(&rebound, false, false).is_none());
    }

    #[test]
    fn only_invocations_take_bodies_of_any_type() {
        assert_eq!(
            surface("/2023-03-30/functions/f/invocations"),
            Surface::OtherApi
        );
        assert_eq!(
            surface("/2023-03-30/functions/invocations"),
            Surface::JsonApi
        );
        assert_eq!(surface("/2023-03-30/functions"), Surface::JsonApi);
        assert_eq!(surface("/_s/v1/queues/q/receive"), Surface::OtherApi);
        assert_eq!(surface("/http/f/t/x"), Surface::Trigger);
    }

    #[test]
    fn triggers_never_share_the_console_address() {
        let at = |h: &'static str| headers(&[("host", h)]);
        assert!(trigger_refusal(&at("127.0.0.1:9630"), true).is_some());
        assert!(trigger_refusal(&at("127.0.0.1:9630"), false).is_some());
        assert!(trigger_refusal(&at("localhost:9630"), true).is_none());
        assert!(trigger_refusal(&at("evil.example:9630"), true).is_some());
        assert!(trigger_refusal(&at("build-box:9630"), false).is_none());
    }

    #[test]
    fn the_console_lives_on_the_ip_address() {
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let get = Method::GET;
        let at = |h: &'static str| headers(&[("host", h)]);
        assert_eq!(
            console_refusal(&get, &at("localhost:9630"), true, ip, "/_s/ui/"),
            Some(ConsoleRefusal::MoveTo(
                "http://127.0.0.1:9630/_s/ui/".into()
            ))
        );
        assert_eq!(
            console_refusal(&get, &at("127.0.0.1:9630"), true, ip, "/_s/ui/"),
            None
        );
        assert!(console_refusal(&get, &at("evil.example"), true, ip, "/").is_some());
        assert!(console_refusal(&get, &at("10.0.0.5:9630"), true, ip, "/").is_some());
        assert!(console_refusal(&get, &at("10.0.0.5:9630"), false, ip, "/").is_none());
        let cross = headers(&[
            ("host", "127.0.0.1:9630"),
            ("origin", "http://evil.example"),
        ]);
        assert!(console_refusal(&Method::POST, &cross, true, ip, "/").is_some());
        assert!(console_refusal(&get, &cross, true, ip, "/").is_none());
    }
}
