//! The logs page: the newest stored lines that pass the filters (function, request id, text,
//! time window) as a plain list, which the script then extends live from the same stream
//! `s logs --tail` reads, starting right after the last line shown.

use std::collections::VecDeque;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::Extension;
use serde::Deserialize;

use super::format::{self, Choice};
use super::session::Session;
use super::tasks::LogRow;
use super::{link, render, Chrome, UiResult};
use crate::engine::server::AppState;
use crate::engine::store::{LogFilter, MAX_LOG_PAGE};
use crate::fc;
use crate::fc::observe::{LogEntry, LogQuery};

/// Lines the page shows at most (the newest ones).
const SHOWN: usize = 500;
/// Pages read at most while looking for the newest lines of a long window.
const MAX_PAGES: usize = 40;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogsQuery {
    function: Option<String>,
    request_id: Option<String>,
    search: Option<String>,
    window: Option<String>,
}

#[derive(Template)]
#[template(path = "logs.html", config = "src/engine/server/ui/askama.toml")]
struct LogsPage {
    chrome: Chrome,
    title: String,
    functions: Vec<Choice>,
    windows: Vec<Choice>,
    request_id: String,
    search: String,
    lines: Vec<LogRow>,
    truncated: bool,
    stream_href: String,
}

/// `GET /_s/ui/logs`.
pub async fn page(
    State(app): State<Arc<AppState>>,
    Extension(session): Extension<Session>,
    Query(query): Query<LogsQuery>,
) -> UiResult {
    let text = |v: &Option<String>| v.clone().map(|v| v.trim().to_string()).unwrap_or_default();
    let (function, request_id, search) = (
        text(&query.function),
        text(&query.request_id),
        text(&query.search),
    );
    let (window, span) = format::window(query.window.as_deref());
    let wire = LogQuery {
        functions: Some(function.clone()).filter(|f| !f.is_empty()),
        request_id: Some(request_id.clone()).filter(|r| !r.is_empty()),
        search: Some(search.clone()).filter(|s| !s.is_empty()),
        ..Default::default()
    };
    let mut filter = LogFilter::from_query(&wire).map_err(super::UiError::bad_request)?;
    filter.start_ms = Some(fc::epoch_ms() - span);
    let (names, (lines, truncated, last_id)) = app
        .store(move |s| Ok((s.function_names()?, newest(s, &filter)?)))
        .await?;
    // The live tail has no time bound: it starts after the newest line there is.
    let stream_query = format::query(&[
        ("functions", wire.functions.as_deref().unwrap_or("")),
        ("requestId", wire.request_id.as_deref().unwrap_or("")),
        ("search", wire.search.as_deref().unwrap_or("")),
        ("after", &last_id.to_string()),
    ]);
    render(&LogsPage {
        chrome: Chrome::new("logs", &session),
        title: "Logs".into(),
        functions: names
            .iter()
            .map(|n| Choice {
                value: n.clone(),
                label: n.clone(),
                selected: *n == function,
            })
            .collect(),
        windows: format::window_choices(window),
        request_id,
        search,
        lines: lines.iter().map(LogRow::from).collect(),
        truncated,
        stream_href: format!("{}?{stream_query}", link(&["logs", "stream"])),
    })
}

/// The newest `SHOWN` lines passing `filter`, oldest first; whether older ones were left
/// out; and the id to stream on from (the newest stored line, shown or not).
fn newest(
    store: &crate::engine::store::Store,
    filter: &LogFilter,
) -> Result<(Vec<LogEntry>, bool, i64), crate::engine::store::StoreError> {
    let last_id = store.last_log_id()?;
    let mut kept: VecDeque<LogEntry> = VecDeque::with_capacity(SHOWN + 1);
    let mut truncated = false;
    let mut after = 0;
    for _ in 0..MAX_PAGES {
        let page = store.query_logs(filter, after, MAX_LOG_PAGE)?;
        for line in page.lines {
            if line.id > last_id {
                break;
            }
            kept.push_back(line);
            if kept.len() > SHOWN {
                kept.pop_front();
                truncated = true;
            }
        }
        match page.next_after {
            Some(next) if next < last_id => after = next,
            _ => break,
        }
    }
    Ok((kept.into(), truncated, last_id))
}
