//! Talking to a custom runtime's own HTTP server (§8): readiness, then `POST /invoke`,
//! `POST /initialize` and `GET /pre-stop` with the common `x-fc-*` headers, and HTTP-trigger
//! requests forwarded as they came (§8.3).
//!
//! In the sandbox the server listens on FC's port inside the instance's own network, and the
//! way in is the instance's relay socket (see `relay`): each connection opens with the
//! instance's secret. Without the sandbox the server shares the host's network, so it got a
//! free port of its own and is reached over loopback TCP. Either way the same small pool of
//! HTTP/1.1 connections (one per request in flight, kept alive) carries the calls.

use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use bytes::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::channel::Reply;
use super::relay;
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
/// FC's largest response body, with room to spare.
const MAX_RESPONSE: usize = 64 * 1024 * 1024;

/// How the engine reaches one instance's server.
pub enum Endpoint {
    /// Loopback TCP on the host (no sandbox).
    Tcp(u16),
    /// The relay socket in the instance dir (`dir` is that dir, opened, so the socket's
    /// path stays short whatever the state dir's length), and the instance's secret.
    Relay { dir: OwnedFd, secret: String },
}

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// One instance's server: where it is, and its idle keep-alive connections.
pub struct AppClient {
    endpoint: Endpoint,
    /// The port the server listens on, for the `Host` header.
    port: u16,
    idle: Mutex<Vec<SendRequest<Body>>>,
}

/// A free port on all interfaces, where an unsandboxed server will listen.
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind(("0.0.0.0", 0))?
        .local_addr()?
        .port())
}

/// The relay socket's name inside the instance dir.
pub const RELAY_SOCKET: &str = "app.sock";

/// `/proc/self/fd/<dir>/<name>`: a Unix socket path of bounded length for any dir.
pub fn socket_path(dir: &OwnedFd, name: &str) -> String {
    format!("/proc/self/fd/{}/{name}", dir.as_raw_fd())
}

impl AppClient {
    pub fn new(endpoint: Endpoint, port: u16) -> AppClient {
        AppClient {
            endpoint,
            port,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// A new connection to the server, or None while nothing listens there.
    async fn connect(&self) -> Option<Box<dyn Stream>> {
        match &self.endpoint {
            Endpoint::Tcp(port) => {
                let stream = tokio::net::TcpStream::connect(("127.0.0.1", *port))
                    .await
                    .ok()?;
                let _ = stream.set_nodelay(true);
                Some(Box::new(stream))
            }
            Endpoint::Relay { dir, secret } => {
                let path = socket_path(dir, RELAY_SOCKET);
                let mut stream = tokio::net::UnixStream::connect(path).await.ok()?;
                stream.write_all(secret.as_bytes()).await.ok()?;
                let answer = stream.read_u8().await.ok()?;
                (answer == relay::CONNECTED).then(|| Box::new(stream) as Box<dyn Stream>)
            }
        }
    }

    /// Poll until the server accepts a connection or `deadline` passes. Cold start only.
    pub async fn wait_listening(&self, deadline: Instant) -> bool {
        loop {
            if self.connect().await.is_some() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
    }

    async fn sender(&self) -> Result<SendRequest<Body>, String> {
        loop {
            let Some(mut sender) = self.idle.lock().unwrap().pop() else {
                break;
            };
            if sender.ready().await.is_ok() {
                return Ok(sender);
            }
        }
        let stream = self
            .connect()
            .await
            .ok_or("the custom runtime's server refused the connection")?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(connection);
        Ok(sender)
    }

    /// Send one request; the connection goes back to the pool once its answer is read.
    async fn send(
        &self,
        request: hyper::Request<Body>,
    ) -> Result<(u16, Vec<(String, String)>, Bytes), String> {
        let mut sender = self.sender().await?;
        let response = sender
            .send_request(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter(|(name, _)| !HOP_BY_HOP.contains(&name.as_str()))
            .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_string())))
            .collect();
        let body = axum::body::to_bytes(Body::new(response.into_body()), MAX_RESPONSE)
            .await
            .map_err(|e| e.to_string())?;
        self.idle.lock().unwrap().push(sender);
        Ok((status, headers, body))
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// One call to the user's server. A non-2xx status or an `x-fc-status` header is a
    /// failure.
    pub async fn call(
        &self,
        kind: u8,
        headers: &[(String, String)],
        payload: Bytes,
    ) -> Result<Reply, String> {
        let (method, path) = match kind {
            1 => ("POST", "/initialize"),
            3 => ("GET", "/pre-stop"),
            _ => ("POST", "/invoke"),
        };
        let mut request = hyper::Request::builder()
            .method(method)
            .uri(path)
            .header("host", self.host())
            .header("content-type", "application/octet-stream")
            .header("x-fc-control-path", path);
        for (k, v) in headers {
            request = request.header(k.as_str(), v.as_str());
        }
        let body = if kind == 0 { payload } else { Bytes::new() };
        let request = request
            .header("content-length", body.len())
            .body(Body::from(body))
            .map_err(|e| e.to_string())?;
        let (status, headers, body) = self.send(request).await?;
        let failed =
            !(200..300).contains(&status) || headers.iter().any(|(k, _)| k == "x-fc-status");
        Ok(if failed {
            Reply::Error {
                body,
                error_type: "UnhandledInvocationError".into(),
            }
        } else {
            Reply::Ok(body)
        })
    }

    /// Forward an HTTP-trigger request to the user's server: its method, path, query,
    /// headers and body, plus the FC context headers. Any status is an answer to relay.
    pub async fn forward(
        &self,
        incoming: &HttpRequest,
        context: &[(String, String)],
        body: Bytes,
    ) -> Result<Reply, String> {
        let mut request = hyper::Request::builder()
            .method(incoming.method.as_str())
            .uri(incoming.path_and_query.as_str());
        let mut has_host = false;
        for (k, v) in &incoming.headers {
            let lower = k.to_ascii_lowercase();
            has_host |= lower == "host";
            if !HOP_BY_HOP.contains(&lower.as_str()) {
                request = request.header(k.as_str(), v.as_str());
            }
        }
        if !has_host {
            request = request.header("host", self.host());
        }
        for (k, v) in context {
            request = request.header(k.as_str(), v.as_str());
        }
        let request = request
            .header("x-fc-control-path", "/http-invoke")
            .header("content-length", body.len())
            .body(Body::from(body))
            .map_err(|e| e.to_string())?;
        let (status, headers, body) = self.send(request).await?;
        Ok(Reply::Http {
            response: HttpResponse { status, headers },
            body,
        })
    }
}

/// A new relay listener in `dir` for the sandbox's init, and the client that reaches it.
pub fn relay_endpoint(
    dir: &std::path::Path,
    port: u16,
) -> std::io::Result<(AppClient, std::os::unix::net::UnixListener, String)> {
    let dir_fd: OwnedFd = std::fs::File::open(dir)?.into();
    let path = socket_path(&dir_fd, RELAY_SOCKET);
    let _ = std::fs::remove_file(&path);
    let listener = std::os::unix::net::UnixListener::bind(&path)?;
    let secret = new_secret();
    let client = AppClient::new(
        Endpoint::Relay {
            dir: dir_fd,
            secret: secret.clone(),
        },
        port,
    );
    Ok((client, listener, secret))
}

/// A fresh per-instance secret: 32 random bytes as [`relay::SECRET_LEN`] hex digits.
pub fn new_secret() -> String {
    let bytes: [u8; relay::SECRET_LEN / 2] = rand::random();
    hex::encode(bytes)
}
