//! Talking to a custom runtime's own HTTP server (§8): readiness by TCP connect, then
//! `POST /invoke`, `POST /initialize` and `GET /pre-stop` with the common `x-fc-*` headers.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bytes::Bytes;

use super::api::Reply;

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
