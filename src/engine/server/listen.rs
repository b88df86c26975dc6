//! The accept loop: HTTP/1.1 connections served by hyper with bounds on slow clients, and a
//! graceful shutdown. A client that sends its request head slower than `client_timeout`
//! (byte by byte, or not at all on an idle keep-alive connection) is disconnected, and a
//! request body that makes no progress for `client_timeout` fails the request, so no client
//! holds a connection (and its file descriptor) forever.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body::{Body as HttpBody, Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt as _;

use super::error::ApiFailure;
use crate::fc::ErrorCode;

/// Default for `client_timeout`: generous for a large upload on a slow link, which keeps
/// sending, and still bounded for a client that stalls.
pub const DEFAULT_CLIENT_TIMEOUT: Duration = Duration::from_secs(60);

/// Serve `router` on `listener` until `shutdown` completes; then stop accepting, let open
/// connections finish their current request, and return once all have closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    client_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop_tx, stop_rx) = watch::channel(false);
    // Every connection task holds a receiver: when all are dropped, all have closed.
    let (closed_tx, closed_rx) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tracing::warn!("accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let stop = stop_rx.clone();
        let closed = closed_rx.clone();
        tokio::spawn(async move {
            connection(stream, peer, router, client_timeout, stop).await;
            drop(closed);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(closed_rx);
    closed_tx.closed().await;
    Ok(())
}

async fn connection(
    stream: tokio::net::TcpStream,
    peer: std::net::SocketAddr,
    router: Router,
    client_timeout: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let mut request = request.map(|body| TimedBody::new(body, client_timeout));
        // Handlers that need the caller's address (HTTP triggers' `sourceIp`) read it here.
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        let router = router.clone();
        async move { Ok::<_, Infallible>(router.oneshot(request).await.unwrap_or_else(|e| match e {})) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(client_timeout);
    let conn = builder
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stop.wait_for(|s| *s) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// Refuse a request whose `Content-Length` is over its route's limit before reading any of
/// it: invocations take a sync payload (32 MB), everything else a JSON body.
pub async fn declared_length(request: Request, next: axum::middleware::Next) -> Response {
    let limit = if request.uri().path().ends_with("/invocations") {
        super::invoke::SYNC_PAYLOAD_LIMIT
    } else {
        super::MAX_JSON_BODY
    };
    let declared = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit as u64 => ApiFailure::new(
            ErrorCode::EntityTooLarge,
            format!("payload size exceeds maximum allowed size ({limit} bytes)"),
        )
        .into_response(),
        _ => next.run(request).await,
    }
}

/// A request body that fails when no data arrives for `idle`.
pub struct TimedBody {
    inner: Incoming,
    idle: Duration,
    sleep: Pin<Box<Sleep>>,
}

impl TimedBody {
    fn new(inner: Incoming, idle: Duration) -> TimedBody {
        TimedBody {
            inner,
            idle,
            sleep: Box::pin(tokio::time::sleep(idle)),
        }
    }
}

/// Why a body read ended early.
#[derive(Debug, thiserror::Error)]
#[error("the client sent no request data for {0:?}")]
pub struct BodyTimeout(Duration);

impl HttpBody for TimedBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                let deadline = Instant::now() + this.idle;
                this.sleep.as_mut().reset(deadline);
                Poll::Ready(frame.map(|f| f.map_err(Into::into)))
            }
            Poll::Pending => match this.sleep.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimeout(this.idle))))),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
