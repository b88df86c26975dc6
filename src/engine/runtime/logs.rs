//! An instance's output: every stdout/stderr line goes to the sink with the request it
//! belongs to, and is kept per request for the log tail. Attribution: a line the shim tagged
//! (`\x01<id>\x02text`, instanceConcurrency > 1) names its request; otherwise the only
//! request in flight owns it. The shim ends each request with a sync marker (`\x01<id>\x03`)
//! on both streams, so the tail is complete when the result is returned.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::sync::Notify;

use crate::engine::pool::{EventSink, LogLine, LogStream};
use crate::fc;

/// FC returns the last 4 KB of a request's log.
pub const TAIL_BYTES: usize = 4096;
/// Kept per request while it runs, before trimming to the tail.
const KEEP_BYTES: usize = 64 * 1024;
/// Lines kept for start-up failure messages.
const RECENT_LINES: usize = 8;

#[derive(Default)]
struct RequestLog {
    text: String,
    stdout_synced: bool,
    stderr_synced: bool,
}

#[derive(Default)]
struct RouterState {
    /// The last lines of output, whoever wrote them (for start-up failure messages).
    recent: VecDeque<String>,
    /// Streams that reached end of file.
    closed: u32,
    /// Requests in flight, oldest first.
    active: Vec<String>,
    requests: HashMap<String, RequestLog>,
}

pub struct LogRouter {
    function: String,
    qualifier: String,
    instance_id: String,
    sink: Arc<dyn EventSink>,
    state: Mutex<RouterState>,
    synced: Notify,
}

impl LogRouter {
    pub fn new(
        function: &str,
        qualifier: &str,
        instance_id: &str,
        sink: Arc<dyn EventSink>,
    ) -> Arc<LogRouter> {
        Arc::new(LogRouter {
            function: function.to_string(),
            qualifier: qualifier.to_string(),
            instance_id: instance_id.to_string(),
            sink,
            state: Mutex::new(RouterState::default()),
            synced: Notify::new(),
        })
    }

    /// Start collecting lines for `request_id`.
    pub fn begin(&self, request_id: &str) {
        let mut state = self.state.lock().unwrap();
        state.active.push(request_id.to_string());
        state
            .requests
            .insert(request_id.to_string(), RequestLog::default());
    }

    /// Stop collecting; the request's last 4 KB.
    pub fn finish(&self, request_id: &str) -> String {
        let mut state = self.state.lock().unwrap();
        state.active.retain(|r| r != request_id);
        let text = state
            .requests
            .remove(request_id)
            .map(|r| r.text)
            .unwrap_or_default();
        tail(&text, TAIL_BYTES).to_string()
    }

    /// The last few lines the process wrote, once both pipes closed (or the deadline passed).
    pub async fn last_lines(&self, deadline: Instant) -> Vec<String> {
        loop {
            let notified = self.synced.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.state.lock().unwrap().closed >= 2 {
                break;
            }
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                break;
            }
        }
        self.state.lock().unwrap().recent.iter().cloned().collect()
    }

    fn closed(&self) {
        self.state.lock().unwrap().closed += 1;
        self.synced.notify_waiters();
    }

    /// True while `request_id` runs on this instance.
    pub fn is_active(&self, request_id: &str) -> bool {
        self.state
            .lock()
            .unwrap()
            .active
            .iter()
            .any(|r| r == request_id)
    }

    /// A line the engine writes itself (markers, crash notices).
    pub fn system(&self, request_id: Option<&str>, text: &str) {
        self.emit(LogStream::System, request_id.map(str::to_string), text);
    }

    /// Wait until the shim's sync markers for `request_id` arrived on both streams, or the
    /// deadline passed (a handler may close its own stdout).
    pub async fn wait_synced(&self, request_id: &str, deadline: Instant) {
        loop {
            let notified = self.synced.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let state = self.state.lock().unwrap();
                match state.requests.get(request_id) {
                    Some(r) if !(r.stdout_synced && r.stderr_synced) => {}
                    _ => return,
                }
            }
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                return;
            }
        }
    }

    fn line(&self, stream: LogStream, raw: &str) {
        if let Some(rest) = raw.strip_prefix('\u{1}') {
            if let Some(id) = rest.strip_suffix('\u{3}') {
                self.mark_synced(stream, id);
                return;
            }
            if let Some((id, text)) = rest.split_once('\u{2}') {
                self.emit(stream, Some(id.to_string()), text);
                return;
            }
        }
        let owner = {
            let state = self.state.lock().unwrap();
            match state.active.as_slice() {
                [only] => Some(only.clone()),
                _ => None,
            }
        };
        self.emit(stream, owner, raw);
    }

    fn mark_synced(&self, stream: LogStream, request_id: &str) {
        let mut state = self.state.lock().unwrap();
        if let Some(r) = state.requests.get_mut(request_id) {
            match stream {
                LogStream::Stderr => r.stderr_synced = true,
                _ => r.stdout_synced = true,
            }
        }
        drop(state);
        self.synced.notify_waiters();
    }

    fn emit(&self, stream: LogStream, request_id: Option<String>, text: &str) {
        {
            let mut state = self.state.lock().unwrap();
            if stream != LogStream::System {
                if state.recent.len() >= RECENT_LINES {
                    state.recent.pop_front();
                }
                state.recent.push_back(text.to_string());
            }
            let request = request_id
                .as_ref()
                .and_then(|id| state.requests.get_mut(id));
            if let Some(r) = request {
                r.text.push_str(text);
                r.text.push('\n');
                if r.text.len() > KEEP_BYTES {
                    r.text = tail(&r.text, KEEP_BYTES / 2).to_string();
                }
            }
        }
        self.sink.log_line(LogLine {
            time_ms: fc::epoch_ms(),
            function: self.function.clone(),
            qualifier: Some(self.qualifier.clone()),
            instance_id: self.instance_id.clone(),
            request_id,
            stream,
            text: text.to_string(),
        });
    }
}

/// The last `max` bytes of `text`, starting at a line (or at least a char) boundary.
pub fn tail(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let cut = &text[start..];
    match cut.find('\n') {
        Some(i) if i + 1 < cut.len() => &cut[i + 1..],
        _ => cut,
    }
}

/// Read one pipe line by line until it closes.
pub fn spawn_reader(
    router: Arc<LogRouter>,
    stream: LogStream,
    pipe: impl AsyncRead + Unpin + Send + 'static,
) {
    tokio::spawn(async move {
        let mut reader = BufReader::new(pipe);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf).await {
                Ok(0) | Err(_) => {
                    router.closed();
                    break;
                }
                Ok(_) => {
                    let text = String::from_utf8_lossy(&buf);
                    let text = text.trim_end_matches(['\n', '\r']);
                    router.line(stream, text);
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_whole_lines_within_the_limit() {
        let text = "aaaa\nbbbb\ncccc\n";
        assert_eq!(tail(text, 100), text);
        assert_eq!(tail(text, 8), "cccc\n");
        assert_eq!(tail("é".repeat(10).as_str(), 5).len(), 4);
    }
}
