//! The private channel between the engine and a built-in runtime's shim: one end of a Unix
//! socket pair, handed to the instance as descriptor 3 and to nothing else. No address, no
//! port and no path exist for it, so no other process (another instance, another user, a web
//! page) can pull, answer or watch this instance's invocations; that holds with or without
//! the sandbox.
//!
//! Both directions carry frames: `u32` length of a JSON head, `u32` length of the body (big
//! endian), the head, the body. The engine sends `{"id", "h": {context headers}}` with the
//! event as body; the shim answers `{"id", "ok": true}` or `{"id", "error": "<type>"}` with
//! the result or the error JSON, and says `{"ready": true}` once it can take work. Every
//! length is bounded: code in the instance can write to its end too.

use std::collections::HashMap;
use std::os::unix::net::UnixStream as StdUnixStream;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::unix::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::UnixStream;
use tokio::sync::{oneshot, watch};

/// The descriptor number the shim finds its end at.
pub const SHIM_FD: i32 = 3;
/// A head is a request id and a few dozen short headers.
const MAX_HEAD: usize = 256 * 1024;
/// Above FC's largest synchronous response (32 MB) with room for error JSON.
const MAX_BODY: usize = 64 * 1024 * 1024;

/// One unit of work for the shim: a handler call, initializer or preStop.
pub struct Dispatch {
    pub request_id: String,
    /// Context headers (§7.3), including `x-fc-function-type`.
    pub headers: Vec<(String, String)>,
    pub payload: Bytes,
    pub reply: oneshot::Sender<Reply>,
}

/// What the instance answered.
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

type Pending = Arc<Mutex<HashMap<String, oneshot::Sender<Reply>>>>;

/// The engine's end of one instance's channel; closing it (drop) ends the shim's loop.
pub struct Channel {
    writer: tokio::sync::Mutex<OwnedWriteHalf>,
    pending: Pending,
    ready: watch::Receiver<bool>,
    reader: tokio::task::JoinHandle<()>,
}

impl Channel {
    /// A new channel and the end to hand to the instance (a blocking socket, as the shims
    /// expect it).
    pub fn pair() -> std::io::Result<(Channel, StdUnixStream)> {
        let (ours, theirs) = StdUnixStream::pair()?;
        ours.set_nonblocking(true)?;
        let (read, write) = UnixStream::from_std(ours)?.into_split();
        let pending: Pending = Arc::default();
        let (ready_tx, ready) = watch::channel(false);
        let reader = tokio::spawn(read_replies(read, pending.clone(), ready_tx));
        let channel = Channel {
            writer: tokio::sync::Mutex::new(write),
            pending,
            ready,
            reader,
        };
        Ok((channel, theirs))
    }

    /// Send the work; the reply arrives on `dispatch.reply` (dropped if the shim goes away).
    pub async fn dispatch(&self, dispatch: Dispatch) {
        let head = serde_json::json!({
            "id": dispatch.request_id,
            "h": dispatch
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect::<serde_json::Map<_, _>>(),
        });
        let frame = encode(head.to_string().as_bytes(), &dispatch.payload);
        self.pending
            .lock()
            .unwrap()
            .insert(dispatch.request_id, dispatch.reply);
        // A failed write leaves the reply pending: the instance's death settles the call.
        let _ = self.writer.lock().await.write_all(&frame).await;
    }

    /// Resolves once the shim said it is ready (or never, if it dies first).
    pub async fn wait_ready(&self) {
        let mut ready = self.ready.clone();
        let _ = ready.wait_for(|r| *r).await;
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

fn encode(head: &[u8], body: &[u8]) -> Vec<u8> {
    let mut frame = Vec::with_capacity(8 + head.len() + body.len());
    frame.extend_from_slice(&(head.len() as u32).to_be_bytes());
    frame.extend_from_slice(&(body.len() as u32).to_be_bytes());
    frame.extend_from_slice(head);
    frame.extend_from_slice(body);
    frame
}

#[derive(Deserialize)]
struct ReplyHead {
    #[serde(default)]
    id: String,
    #[serde(default)]
    ok: bool,
    error: Option<String>,
    #[serde(default)]
    ready: bool,
}

/// Read frames until the shim closes its end or breaks the framing.
async fn read_replies(mut read: OwnedReadHalf, pending: Pending, ready: watch::Sender<bool>) {
    while let Ok((head, body)) = read_frame(&mut read).await {
        let Ok(head) = serde_json::from_slice::<ReplyHead>(&head) else {
            break;
        };
        if head.ready {
            ready.send_replace(true);
            continue;
        }
        let reply = match head.error {
            Some(error_type) => Reply::Error {
                body,
                error_type: error_type.chars().take(128).collect(),
            },
            None if head.ok => Reply::Ok(body),
            None => break,
        };
        if let Some(tx) = pending.lock().unwrap().remove(&head.id) {
            let _ = tx.send(reply);
        }
    }
    // Whatever is still waiting learns the channel closed when its sender drops.
    pending.lock().unwrap().clear();
}

async fn read_frame(read: &mut OwnedReadHalf) -> std::io::Result<(Vec<u8>, Bytes)> {
    let mut lengths = [0u8; 8];
    read.read_exact(&mut lengths).await?;
    let [h0, h1, h2, h3, b0, b1, b2, b3] = lengths;
    let head_len = u32::from_be_bytes([h0, h1, h2, h3]) as usize;
    let body_len = u32::from_be_bytes([b0, b1, b2, b3]) as usize;
    if head_len > MAX_HEAD || body_len > MAX_BODY {
        return Err(std::io::Error::other("frame over the channel's bounds"));
    }
    let mut head = vec![0; head_len];
    read.read_exact(&mut head).await?;
    let mut body = vec![0; body_len];
    read.read_exact(&mut body).await?;
    Ok((head, Bytes::from(body)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn read_std_frame(stream: &mut StdUnixStream) -> (serde_json::Value, Vec<u8>) {
        let mut lengths = [0u8; 8];
        stream.read_exact(&mut lengths).unwrap();
        let head_len = u32::from_be_bytes(lengths[..4].try_into().unwrap()) as usize;
        let body_len = u32::from_be_bytes(lengths[4..].try_into().unwrap()) as usize;
        let mut head = vec![0; head_len];
        stream.read_exact(&mut head).unwrap();
        let mut body = vec![0; body_len];
        stream.read_exact(&mut body).unwrap();
        (serde_json::from_slice(&head).unwrap(), body)
    }

    #[tokio::test]
    async fn work_goes_out_and_the_answer_comes_back() {
        let (channel, mut shim) = Channel::pair().unwrap();
        let shim_side = std::thread::spawn(move || {
            shim.write_all(&encode(br#"{"ready":true}"#, b"")).unwrap();
            let (head, body) = read_std_frame(&mut shim);
            assert_eq!(head["h"]["x-fc-function-type"], "0");
            let id = head["id"].as_str().unwrap().to_string();
            let mut answer = body.clone();
            answer.extend_from_slice(b"!");
            let reply = format!(r#"{{"id":"{id}","ok":true}}"#);
            shim.write_all(&encode(reply.as_bytes(), &answer)).unwrap();
        });
        channel.wait_ready().await;
        let (tx, rx) = oneshot::channel();
        channel
            .dispatch(Dispatch {
                request_id: "r-1".into(),
                headers: vec![("x-fc-function-type".into(), "0".into())],
                payload: Bytes::from_static(b"event"),
                reply: tx,
            })
            .await;
        match rx.await.unwrap() {
            Reply::Ok(body) => assert_eq!(&body[..], b"event!"),
            other => panic!("unexpected {other:?}"),
        }
        shim_side.join().unwrap();
    }

    #[tokio::test]
    async fn an_oversized_frame_closes_the_channel() {
        let (channel, mut shim) = Channel::pair().unwrap();
        let (tx, rx) = oneshot::channel();
        channel
            .dispatch(Dispatch {
                request_id: "r-2".into(),
                headers: vec![],
                payload: Bytes::new(),
                reply: tx,
            })
            .await;
        shim.write_all(&u32::MAX.to_be_bytes()).unwrap();
        shim.write_all(&[0; 4]).unwrap();
        assert!(rx.await.is_err(), "the pending call ends with the channel");
    }
}
