//! The FC Runtime API one instance pulls its work from (`FC_RUNTIME_API`): `GET
//! /2020-11-11/runtime/invocation/next` blocks until there is work, `POST .../{id}/response`
//! and `.../{id}/error` answer it. One tiny loopback listener per instance, so instances never
//! see each other's work; connections stay alive, so a warm invoke costs no connects.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::{mpsc, oneshot, watch};

/// One unit of work for the shim: a handler call, initializer or preStop.
pub struct Dispatch {
    pub request_id: String,
    /// Context headers (§7.3), including `x-fc-function-type`.
    pub headers: Vec<(String, String)>,
    pub payload: Bytes,
    pub reply: oneshot::Sender<Reply>,
}

/// What the shim posted back.
#[derive(Debug)]
pub enum Reply {
    Ok(Bytes),
    Error {
        body: Bytes,
        error_type: String,
    },
    /// A custom runtime's raw answer to a forwarded HTTP-trigger request.
    Http {
        response: crate::engine::pool::HttpResponse,
        body: Bytes,
    },
}

struct ApiState {
    queue: tokio::sync::Mutex<mpsc::UnboundedReceiver<Dispatch>>,
    pending: Mutex<HashMap<String, oneshot::Sender<Reply>>>,
    polled: watch::Sender<bool>,
}

/// A running Runtime API listener; stops when dropped.
pub struct RuntimeApi {
    pub addr: SocketAddr,
    queue: mpsc::UnboundedSender<Dispatch>,
    polled: watch::Receiver<bool>,
    task: tokio::task::JoinHandle<()>,
}

const PREFIX: &str = "/2020-11-11/runtime/invocation";

impl RuntimeApi {
    pub async fn start() -> std::io::Result<RuntimeApi> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let (queue, rx) = mpsc::unbounded_channel();
        let (polled_tx, polled) = watch::channel(false);
        let state = Arc::new(ApiState {
            queue: tokio::sync::Mutex::new(rx),
            pending: Mutex::new(HashMap::new()),
            polled: polled_tx,
        });
        let router = Router::new()
            .route(&format!("{PREFIX}/next"), get(next))
            .route(&format!("{PREFIX}/:id/response"), post(response))
            .route(&format!("{PREFIX}/:id/error"), post(error))
            .layer(DefaultBodyLimit::disable())
            .with_state(state);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).tcp_nodelay(true).await;
        });
        Ok(RuntimeApi {
            addr,
            queue,
            polled,
            task,
        })
    }

    /// Queue work; the next free `GET .../next` takes it.
    pub fn dispatch(&self, dispatch: Dispatch) {
        let _ = self.queue.send(dispatch);
    }

    /// Resolves once the shim has asked for work the first time (it is up).
    pub async fn wait_polled(&self) {
        let mut polled = self.polled.clone();
        let _ = polled.wait_for(|p| *p).await;
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn next(State(state): State<Arc<ApiState>>) -> Response {
    state.polled.send_replace(true);
    let dispatch = state.queue.lock().await.recv().await;
    let Some(dispatch) = dispatch else {
        return StatusCode::GONE.into_response();
    };
    state
        .pending
        .lock()
        .unwrap()
        .insert(dispatch.request_id.clone(), dispatch.reply);
    let mut headers = HeaderMap::new();
    for (name, value) in &dispatch.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            headers.insert(n, v);
        }
    }
    (headers, dispatch.payload).into_response()
}

async fn response(
    State(state): State<Arc<ApiState>>,
    Path(id): Path<String>,
    body: Bytes,
) -> StatusCode {
    answer(&state, &id, Reply::Ok(body))
}

async fn error(
    State(state): State<Arc<ApiState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let error_type = headers
        .get("x-fc-error-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("UnhandledInvocationError")
        .to_string();
    answer(&state, &id, Reply::Error { body, error_type })
}

fn answer(state: &ApiState, id: &str, reply: Reply) -> StatusCode {
    match state.pending.lock().unwrap().remove(id) {
        Some(tx) => {
            let _ = tx.send(reply);
            StatusCode::ACCEPTED
        }
        None => StatusCode::NOT_FOUND,
    }
}
