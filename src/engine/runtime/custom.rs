//! Talking to a custom runtime's own HTTP server (§8): readiness by TCP connect, then
//! `POST /invoke`, `POST /initialize` and `GET /pre-stop` with the common `x-fc-*` headers,
//! and HTTP-trigger requests forwarded as they came (§8.3).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bytes::Bytes;

use super::api::Reply;
use crate::engine::pool::{HttpRequest, HttpResponse};

/// Headers that belong to one hop, never forwarded either way.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
    "te",
    "trailer",
    "content-length",
];

/// One keep-alive client for every custom-runtime instance (never through a proxy).
fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .no_proxy()
            .tcp_nodelay(true)
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .expect("a plain HTTP client always builds")
    })
}

/// The forwarding client: like `client()`, but redirects go back to the caller untouched.
fn forwarding_client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .no_proxy()
            .tcp_nodelay(true)
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .expect("a plain HTTP client always builds")
    })
}

/// A free port on all interfaces, where the user's server will listen.
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind(("0.0.0.0", 0))?
        .local_addr()?
        .port())
}

/// Poll a TCP connect until it succeeds or `deadline` passes. Only runs at cold start.
pub async fn wait_listening(port: u16, deadline: Instant) -> bool {
    loop {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
}

/// One call to the user's server. A non-2xx status or an `x-fc-status` header is a failure.
pub async fn call(
    port: u16,
    kind: u8,
    headers: &[(String, String)],
    payload: Bytes,
) -> Result<Reply, String> {
    let (method, path) = match kind {
        1 => (reqwest::Method::POST, "/initialize"),
        3 => (reqwest::Method::GET, "/pre-stop"),
        _ => (reqwest::Method::POST, "/invoke"),
    };
    let mut request = client()
        .request(method, format!("http://127.0.0.1:{port}{path}"))
        .header("content-type", "application/octet-stream")
        .header("x-fc-control-path", path);
    for (k, v) in headers {
        request = request.header(k.as_str(), v.as_str());
    }
    if kind == 0 {
        request = request.body(payload);
    }
    let response = request.send().await.map_err(|e| e.to_string())?;
    let failed = !response.status().is_success() || response.headers().contains_key("x-fc-status");
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    Ok(if failed {
        Reply::Error {
            body,
            error_type: "UnhandledInvocationError".into(),
        }
    } else {
        Reply::Ok(body)
    })
}

/// Forward an HTTP-trigger request to the user's server: its method, path, query, headers
/// and body, plus the FC context headers. Any status is an answer to relay, not a failure.
pub async fn forward(
    port: u16,
    request: &HttpRequest,
    context: &[(String, String)],
    body: Bytes,
) -> Result<Reply, String> {
    let method =
        reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|e| e.to_string())?;
    let url = format!("http://127.0.0.1:{port}{}", request.path_and_query);
    let mut outgoing = forwarding_client().request(method, url);
    for (k, v) in &request.headers {
        if !HOP_BY_HOP.contains(&k.to_ascii_lowercase().as_str()) {
            outgoing = outgoing.header(k.as_str(), v.as_str());
        }
    }
    for (k, v) in context {
        outgoing = outgoing.header(k.as_str(), v.as_str());
    }
    outgoing = outgoing.header("x-fc-control-path", "/http-invoke");
    let response = outgoing
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .filter(|(name, _)| !HOP_BY_HOP.contains(&name.as_str()))
        .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_string())))
        .collect();
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    Ok(Reply::Http {
        response: HttpResponse { status, headers },
        body,
    })
}
