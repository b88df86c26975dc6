//! The engine's observability extras under `/_s/v1/`: log queries, the live log stream
//! (server-sent events, read as they arrive) and metrics. Only engines serve these; Alibaba
//! Cloud FC keeps logs in Log Service.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{api_error, header, transport, ClientError, FcClient, Result};
use crate::fc::observe::{LogEntry, LogPage, LogQuery, MetricsQuery, MetricsReport};

/// What a log stream delivers.
#[derive(Debug, Clone, PartialEq)]
pub enum LogStreamEvent {
    /// The stream is live; lines after `cursor` follow.
    Ready {
        cursor: i64,
    },
    Line(LogEntry),
}

/// An open `GET /_s/v1/logs/stream`.
pub struct LogStream {
    url: String,
    response: reqwest::Response,
    buffer: Vec<u8>,
}

impl FcClient {
    fn extras_url(&self, path: &str) -> String {
        format!("{}/_s/v1{}", self.base, path)
    }

    /// GET an extras path; a non-2xx answer becomes `ClientError::Api`.
    async fn extras_get<Q: Serialize>(&self, path: &str, query: &Q) -> Result<reqwest::Response> {
        let url = self.extras_url(path);
        let response = self
            .http
            .get(&url)
            .query(query)
            .send()
            .await
            .map_err(|e| transport(&url, e))?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let request_id = header(&response, "x-fc-request-id");
        let body = response.bytes().await.map_err(|e| transport(&url, e))?;
        Err(ClientError::Api(api_error(status, &body, request_id)))
    }

    async fn extras_json<Q: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        query: &Q,
    ) -> Result<T> {
        let url = self.extras_url(path);
        let body = self
            .extras_get(path, query)
            .await?
            .bytes()
            .await
            .map_err(|e| transport(&url, e))?;
        serde_json::from_slice(&body).map_err(|e| ClientError::Decode {
            url,
            message: e.to_string(),
        })
    }

    /// One page of stored lines.
    pub async fn query_logs(&self, query: &LogQuery) -> Result<LogPage> {
        self.extras_json("/logs", query).await
    }

    /// Open a live stream; `query.after` resumes after a line already seen.
    pub async fn stream_logs(&self, query: &LogQuery) -> Result<LogStream> {
        let response = self.extras_get("/logs/stream", query).await?;
        Ok(LogStream {
            url: self.extras_url("/logs/stream"),
            response,
            buffer: Vec::new(),
        })
    }

    /// The metrics report behind `s metrics`.
    pub async fn metrics_report(&self, query: &MetricsQuery) -> Result<MetricsReport> {
        self.extras_json("/metrics/query", query).await
    }

    /// The Prometheus exposition text.
    pub async fn prometheus_metrics(&self) -> Result<String> {
        let url = self.extras_url("/metrics");
        let response = self.extras_get("/metrics", &()).await?;
        response.text().await.map_err(|e| transport(&url, e))
    }
}

impl LogStream {
    /// The next event, waiting for it; `None` when the engine ended the stream.
    pub async fn next(&mut self) -> Result<Option<LogStreamEvent>> {
        loop {
            while let Some(block) = take_block(&mut self.buffer) {
                if let Some(event) = parse_block(&block).map_err(|message| ClientError::Decode {
                    url: self.url.clone(),
                    message,
                })? {
                    return Ok(Some(event));
                }
            }
            match self.response.chunk().await {
                Ok(Some(chunk)) => self.buffer.extend_from_slice(&chunk),
                Ok(None) => return Ok(None),
                Err(e) => return Err(transport(&self.url, e)),
            }
        }
    }
}

/// Split off the first complete event (up to a blank line), if one has arrived.
fn take_block(buffer: &mut Vec<u8>) -> Option<String> {
    let end = buffer.windows(2).position(|w| w == b"\n\n")?;
    let block: Vec<u8> = buffer.drain(..end + 2).collect();
    Some(String::from_utf8_lossy(&block[..end]).replace('\r', ""))
}

/// One SSE event block; comments (keep-alives) and unknown events give `None`.
fn parse_block(block: &str) -> std::result::Result<Option<LogStreamEvent>, String> {
    let (mut kind, mut id, mut data) = ("message", None, String::new());
    for line in block.lines() {
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => kind = value,
            "id" => id = value.parse::<i64>().ok(),
            "data" => {
                if !data.is_empty() {
                    data.push('\n');
                }
                data.push_str(value);
            }
            _ => {}
        }
    }
    match kind {
        "ready" => Ok(Some(LogStreamEvent::Ready {
            cursor: id.unwrap_or(0),
        })),
        "log" => serde_json::from_str(&data)
            .map(|entry| Some(LogStreamEvent::Line(entry)))
            .map_err(|e| format!("a log event is not valid JSON: {e}")),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sse_blocks_split_and_parse_across_chunks() {
        let mut buffer = b"event: ready\nid: 7\ndata: {}\n\n: keep-alive\n\nevent: log\nid: 8\ndata: {\"id\":8,\"timeMs\":1,\"function\":\"f\",\"instanceId\":\"i\",\"stream\":\"stdout\",\"text\":\"a: b\"}\n\nevent: lo".to_vec();
        let first = take_block(&mut buffer).unwrap();
        assert_eq!(
            parse_block(&first).unwrap(),
            Some(LogStreamEvent::Ready { cursor: 7 })
        );
        let comment = take_block(&mut buffer).unwrap();
        assert_eq!(parse_block(&comment).unwrap(), None);
        let line = take_block(&mut buffer).unwrap();
        match parse_block(&line).unwrap() {
            Some(LogStreamEvent::Line(entry)) => assert_eq!(entry.text, "a: b"),
            other => panic!("expected a line, got {other:?}"),
        }
        assert_eq!(take_block(&mut buffer), None);
        assert_eq!(buffer, b"event: lo");
    }
}
