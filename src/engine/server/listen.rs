//! The accept loop: HTTP/1.1 connections served by hyper with bounds on slow clients, and a
//! graceful shutdown. A client that does not send a whole request head within
//! `HEAD_TIMEOUT` (byte by byte, or not at all on an idle keep-alive connection) is
//! disconnected, and a request body that makes no progress for `client_timeout` fails the
//! request, so no client holds a connection (and its file descriptor) for long. One peer
//! address holds at most `MAX_PER_PEER` connections: past that, its oldest idle one is
//! closed to make room, so idle or trickling connections cannot crowd out a working client.
//! The open-file limit is raised at start so those bounds, not descriptors, are what binds;
//! should descriptors run out anyway, each failed accept closes the oldest idle connection.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body::{Body as HttpBody, Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tokio::time::{Instant, Sleep};
use tower::ServiceExt as _;

use super::error::ApiFailure;
use super::quiet_log::QuietLog;
use crate::fc::ErrorCode;

/// Default for `client_timeout`: generous for a large upload on a slow link, which keeps
/// sending, and still bounded for a client that stalls.
pub const DEFAULT_CLIENT_TIMEOUT: Duration = Duration::from_secs(60);
/// A request head arrives whole within this (or `client_timeout` if shorter): real clients
/// send it in one go, so a longer wait only serves clients holding a slot.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections one peer address may hold at once.
const MAX_PER_PEER: usize = 256;
/// At most one line per this period about refused or failed accepts.
const LOG_EVERY: Duration = Duration::from_secs(10);
/// The open-file limit the engine raises itself to, at most: enough for many connections
/// and instances; higher only slows children that close every possible descriptor.
const OPEN_FILES: u64 = 1 << 16;

/// Raise the soft open-file limit towards the hard one: every connection holds a
/// descriptor, and a low default (1024, or 256 on some systems) would let a few hundred
/// idle clients stop the engine from accepting anyone.
pub fn raise_open_file_limit() {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) else {
        return;
    };
    let wanted = hard.min(OPEN_FILES);
    if soft >= wanted {
        return;
    }
    match setrlimit(Resource::RLIMIT_NOFILE, wanted, hard) {
        Ok(()) => tracing::debug!("open-file limit raised from {soft} to {wanted}"),
        Err(e) => tracing::warn!("cannot raise the open-file limit from {soft}: {e}"),
    }
}

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
    let peers = Arc::new(Peers::default());
    let accept_failures = QuietLog::new(LOG_EVERY);
    let refusals = QuietLog::new(LOG_EVERY);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: make room by closing the oldest idle
                // connection of anyone (clients spread over many addresses get past the
                // per-peer bound), back off instead of spinning, and say so once in a while
                // rather than for every attempt.
                peers.close_oldest_idle();
                accept_failures.warn(format_args!("accept failed: {e}"));
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some(slot) = peers.admit(peer.ip()) else {
            refusals.warn(format_args!(
                "refused a connection from {}: its {MAX_PER_PEER} connections are all busy",
                peer.ip()
            ));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let stop = stop_rx.clone();
        let closed = closed_rx.clone();
        tokio::spawn(async move {
            connection(stream, peer, router, client_timeout, stop, slot).await;
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
    peer: SocketAddr,
    router: Router,
    client_timeout: Duration,
    mut stop: watch::Receiver<bool>,
    slot: SlotGuard,
) {
    let evicted = slot.slot.clone();
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let busy = Busy::start(&slot.slot);
        let mut request = request.map(|body| TimedBody::new(body, client_timeout));
        // Handlers that need the caller's address (HTTP triggers' `sourceIp`) read it here.
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        let router = router.clone();
        async move {
            let response = router.oneshot(request).await.unwrap_or_else(|e| match e {});
            // Busy until the response body is sent (a log stream can take hours).
            Ok::<_, Infallible>(response.map(|body| Body::new(Tracked { body, _busy: busy })))
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(client_timeout.min(HEAD_TIMEOUT));
    let conn = builder
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        // Idle and crowded out by a newer connection of its peer: just close.
        () = evicted.close.notified() => return,
        _ = stop.wait_for(|s| *s) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// The connections of every peer address, oldest first.
#[derive(Default)]
struct Peers {
    map: Mutex<HashMap<IpAddr, Vec<Arc<Slot>>>>,
    next_id: AtomicU64,
}

/// One open connection.
struct Slot {
    id: u64,
    /// Requests in flight: from a received head until its response body was sent.
    active: AtomicUsize,
    /// Told when a newer connection of the same peer needs the room.
    close: Notify,
}

/// Holds a connection's slot; gives it back when the connection ends.
struct SlotGuard {
    peers: Arc<Peers>,
    ip: IpAddr,
    slot: Arc<Slot>,
}

impl Peers {
    /// Room for a new connection from `ip`: past `MAX_PER_PEER`, its oldest idle
    /// connection is closed; `None` when all of them are busy.
    fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<SlotGuard> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let slots = map.entry(ip).or_default();
        if slots.len() >= MAX_PER_PEER {
            let idle = slots
                .iter()
                .position(|s| s.active.load(Ordering::Acquire) == 0)?;
            // A permit is stored if the connection is not waiting yet, so none is missed.
            slots.remove(idle).close.notify_one();
        }
        let slot = Arc::new(Slot {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            active: AtomicUsize::new(0),
            close: Notify::new(),
        });
        slots.push(slot.clone());
        Some(SlotGuard {
            peers: self.clone(),
            ip,
            slot,
        })
    }

    /// Close the longest-open idle connection of all peers, if there is one.
    fn close_oldest_idle(&self) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let oldest = map
            .iter()
            .flat_map(|(ip, slots)| slots.iter().enumerate().map(move |(i, s)| (ip, i, s)))
            .filter(|(_, _, slot)| slot.active.load(Ordering::Acquire) == 0)
            .min_by_key(|(_, _, slot)| slot.id)
            .map(|(ip, i, _)| (*ip, i));
        if let Some((ip, index)) = oldest {
            if let Some(slots) = map.get_mut(&ip) {
                slots.remove(index).close.notify_one();
            }
        }
    }

    #[cfg(test)]
    fn count(&self, ip: IpAddr) -> usize {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&ip).map_or(0, Vec::len)
    }
}

impl Drop for SlotGuard {
    fn drop(&mut self) {
        let mut map = self.peers.map.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(slots) = map.get_mut(&self.ip) {
            slots.retain(|s| s.id != self.slot.id);
            if slots.is_empty() {
                map.remove(&self.ip);
            }
        }
    }
}

/// One request in flight on a slot.
struct Busy(Arc<Slot>);

impl Busy {
    fn start(slot: &Arc<Slot>) -> Busy {
        slot.active.fetch_add(1, Ordering::AcqRel);
        Busy(slot.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A response body that keeps its request counted as busy until it is sent or dropped.
struct Tracked {
    body: Body,
    _busy: Busy,
}

impl HttpBody for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowded_peer_loses_its_oldest_idle_connection_never_a_busy_one() {
        let peers = Arc::new(Peers::default());
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let guards: Vec<SlotGuard> = (0..MAX_PER_PEER)
            .map(|_| peers.admit(ip).unwrap())
            .collect();
        let busy: Vec<Busy> = guards
            .iter()
            .skip(2)
            .map(|g| Busy::start(&g.slot))
            .collect();
        let first_busy = Busy::start(&guards[0].slot);
        let newest = peers
            .admit(ip)
            .expect("room made by closing an idle connection");
        assert_eq!(peers.count(ip), MAX_PER_PEER);
        let notified = |guard: &SlotGuard| {
            futures_util::FutureExt::now_or_never(guard.slot.close.notified()).is_some()
        };
        assert!(
            notified(&guards[1]),
            "the idle connection was told to close"
        );
        assert!(!notified(&guards[0]), "a busy connection is never closed");
        let _newest_busy = Busy::start(&newest.slot);
        assert!(
            peers.admit(ip).is_none(),
            "all busy: the new connection is refused"
        );
        let other: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(peers.admit(other).is_some(), "other peers are not affected");
        drop((busy, first_busy));
        drop((guards, newest));
        assert_eq!(
            peers.count(ip),
            0,
            "closed connections give their slot back"
        );
    }

    #[test]
    fn out_of_descriptors_the_oldest_idle_connection_of_anyone_closes() {
        let peers = Arc::new(Peers::default());
        let a: IpAddr = "127.0.0.2".parse().unwrap();
        let b: IpAddr = "127.0.0.3".parse().unwrap();
        let first = peers.admit(a).unwrap();
        let _busy = Busy::start(&first.slot);
        let second = peers.admit(b).unwrap();
        let third = peers.admit(a).unwrap();
        peers.close_oldest_idle();
        let closed = |guard: &SlotGuard| {
            futures_util::FutureExt::now_or_never(guard.slot.close.notified()).is_some()
        };
        assert!(!closed(&first), "busy");
        assert!(closed(&second), "the oldest idle one");
        assert!(!closed(&third));
        assert_eq!((peers.count(a), peers.count(b)), (2, 0));
    }
}
