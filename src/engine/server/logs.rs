//! `GET /_s/v1/logs` (stored lines, filtered and paged) and `GET /_s/v1/logs/stream` (the same
//! filters as server-sent events: stored lines after the cursor, then new lines as they are
//! committed). Every event carries the line's id; a client resumes with `after` (or
//! `Last-Event-ID`) and gets no duplicates and no gaps.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;

use super::error::{ApiFailure, ApiResult};
use super::http::ok;
use super::AppState;
use crate::engine::store::{LogFilter, MAX_LOG_PAGE};
use crate::fc::observe::{LogEntry, LogQuery};

const DEFAULT_PAGE: usize = 1_000;
/// A comment now and then lets proxies keep the connection and lets us notice a gone client.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Lines carry the version that printed them: a qualifier naming an alias keeps the lines
/// of every version the alias routes to (its main and weighted ones), in each function
/// asked about that has it.
async fn resolve_aliases(app: &Arc<AppState>, mut filter: LogFilter) -> ApiResult<LogFilter> {
    let [qualifier] = filter.qualifiers.as_slice() else {
        return Ok(filter);
    };
    if qualifier == "LATEST" || qualifier.parse::<u64>().is_ok() {
        return Ok(filter);
    }
    let alias = qualifier.clone();
    let functions = filter.functions.clone();
    let versions = app
        .store(move |s| {
            let names = if functions.is_empty() {
                s.function_names()?
            } else {
                functions
            };
            let mut versions = Vec::new();
            for name in names {
                if let Ok(found) = s.get_alias(&name, &alias) {
                    let routed = std::iter::once(&found.version_id)
                        .chain(found.additional_version_weight.keys());
                    versions.extend(routed.map(|v| format!("{name}:{v}")));
                }
            }
            Ok(versions)
        })
        .await?;
    if versions.is_empty() {
        return Err(ApiFailure::new(
            crate::fc::ErrorCode::AliasNotFound,
            format!("alias '{qualifier}' does not exist"),
        ));
    }
    filter.qualifiers = versions;
    Ok(filter)
}

/// `GET /_s/v1/logs`: one page, oldest line first.
pub async fn query(State(app): State<Arc<AppState>>, Query(query): Query<LogQuery>) -> ApiResult {
    let filter = LogFilter::from_query(&query).map_err(ApiFailure::invalid)?;
    let filter = resolve_aliases(&app, filter).await?;
    let after = query.after.unwrap_or(0);
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).min(MAX_LOG_PAGE);
    let page = app
        .store(move |s| s.query_logs(&filter, after, limit))
        .await?;
    ok(&page)
}

/// `GET /_s/v1/logs/stream`: a `ready` event carrying the starting cursor, then one `log`
/// event per line. Without a cursor the stream starts at the newest stored line.
pub async fn stream(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<LogQuery>,
) -> ApiResult<Response> {
    let filter = LogFilter::from_query(&query).map_err(ApiFailure::invalid)?;
    let filter = resolve_aliases(&app, filter).await?;
    if filter.outcome.is_some() {
        return Err(ApiFailure::invalid(
            "'type' cannot be used on a live stream: a line is written before its invocation ends",
        ));
    }
    let resume = query.after.or_else(|| {
        headers
            .get("last-event-id")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
    });
    // Subscribe before reading the store so no committed line falls in between.
    let live = app.store.live().subscribe();
    let cursor = match resume {
        Some(after) => after,
        None => app.store(|s| s.last_log_id()).await?,
    };
    let (tx, rx) = mpsc::channel::<Event>(256);
    tokio::spawn(pump(app, filter, cursor, live, tx));
    let events = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|e| (Ok::<_, Infallible>(e), rx))
    });
    Ok(Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response())
}

type Live = tokio::sync::broadcast::Receiver<Arc<LogEntry>>;

/// Feed one stream until the client leaves or the engine stops.
async fn pump(
    app: Arc<AppState>,
    filter: LogFilter,
    cursor: i64,
    mut live: Live,
    tx: mpsc::Sender<Event>,
) {
    let mut closed = app.store.live().closed();
    if *closed.borrow() {
        return;
    }
    let ready = Event::default()
        .event("ready")
        .id(cursor.to_string())
        .data("{}");
    if tx.send(ready).await.is_err() {
        return;
    }
    let Some(mut last) = catch_up(&app, &filter, cursor, &tx).await else {
        return;
    };
    loop {
        tokio::select! {
            _ = tx.closed() => return,
            _ = closed.changed() => return,
            message = live.recv() => match message {
                Ok(entry) if entry.id > last => {
                    last = entry.id;
                    if filter.matches(&entry) && tx.send(log_event(&entry)).await.is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                // Fell behind the broadcast: what was missed is in the store.
                Err(RecvError::Lagged(_)) => match catch_up(&app, &filter, last, &tx).await {
                    Some(id) => last = id,
                    None => return,
                },
                Err(RecvError::Closed) => return,
            },
        }
    }
}

/// Send stored lines after `after`; returns the id reached, or `None` when the stream is over.
async fn catch_up(
    app: &Arc<AppState>,
    filter: &LogFilter,
    mut after: i64,
    tx: &mpsc::Sender<Event>,
) -> Option<i64> {
    loop {
        let f = filter.clone();
        let page = app
            .store(move |s| s.query_logs(&f, after, MAX_LOG_PAGE))
            .await
            .ok()?;
        for entry in &page.lines {
            tx.send(log_event(entry)).await.ok()?;
            after = entry.id;
        }
        if page.next_after.is_none() {
            // Newer lines are in the broadcast already; ids above `after` are new there.
            return Some(after);
        }
    }
}

fn log_event(entry: &LogEntry) -> Event {
    let data = serde_json::to_string(entry).unwrap_or_default();
    Event::default()
        .event("log")
        .id(entry.id.to_string())
        .data(data)
}
