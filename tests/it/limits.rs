//! Resource limits of a shared engine, through its API: oversized bodies, payloads and code
//! packages answer `EntityTooLarge`; instance limits answer 429 `ResourceExhausted`; stored
//! logs stay within their retention; clients that stall are disconnected instead of holding
//! a connection forever.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64::Engine as _;
use reqwest::blocking::Client;
use serde_json::{json, Value};

use crate::common::{wait_for, TestEngine};

const API: &str = "/2023-03-30";

fn client() -> Client {
    Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap()
}

/// A zip holding one `index.py`.
fn code_zip(body: &str) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    zip.start_file("index.py", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(body.as_bytes()).unwrap();
    zip.finish().unwrap();
    buffer.into_inner()
}

/// Handlers used below: sleep for `event.sleep` seconds, print `event.lines` lines.
const HANDLER: &str = "import json, time\n\ndef handler(event, context):\n    e = json.loads(event or b'{}')\n    for i in range(e.get('lines', 0)):\n        print('line', i)\n    time.sleep(e.get('sleep', 0))\n    return 'done'\n";

fn create(engine: &TestEngine, name: &str) {
    let body = json!({
        "functionName": name, "runtime": "python3.10", "handler": "index.handler",
        "timeout": 30,
        "code": {"zipFile": base64::engine::general_purpose::STANDARD.encode(code_zip(HANDLER))},
    });
    let response = client()
        .post(format!("{}{API}/functions", engine.url))
        .json(&body)
        .send()
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}

/// `(status, body)` of an invocation.
fn invoke(url: &str, name: &str, event: &Value, headers: &[(&str, &str)]) -> (u16, Value) {
    let mut request = client()
        .post(format!("{url}{API}/functions/{name}/invocations"))
        .body(event.to_string());
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = request.send().unwrap();
    let status = response.status().as_u16();
    let text = response.text().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn assert_fc_error(status: u16, body: &Value, want_status: u16, code: &str) {
    assert_eq!(status, want_status, "{body}");
    assert_eq!(body["Code"], code, "{body}");
    assert!(body["RequestId"].as_str().is_some_and(|r| !r.is_empty()));
}

/// Send `head` on a fresh connection and read the whole answer (the engine closes it).
fn raw(engine: &TestEngine, head: &str) -> String {
    crate::common::raw_http(engine.port, head)
}

#[test]
fn oversized_bodies_payloads_and_code_answer_entity_too_large() {
    let engine = TestEngine::start();
    create(&engine, "echo");

    // A declared length over the limit (140 MB for JSON, 32 MB for a sync payload) is
    // refused before a byte of the body is read.
    for (path, length) in [
        (format!("{API}/functions"), 140 * 1024 * 1024 + 1),
        (
            format!("{API}/functions/echo/invocations"),
            32 * 1024 * 1024 + 1,
        ),
    ] {
        let answer = raw(
            &engine,
            &format!("POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"),
        );
        assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
        assert!(answer.contains("\"Code\":\"EntityTooLarge\""), "{answer}");
    }

    // An async payload over 128 KB.
    let event = json!({ "pad": "x".repeat(128 * 1024) });
    let (status, body) = invoke(
        &engine.url,
        "echo",
        &event,
        &[("x-fc-invocation-type", "Async")],
    );
    assert_fc_error(status, &body, 400, "EntityTooLarge");

    // A code package over 100 MB (inside the JSON body limit).
    let zip_file = "A".repeat(134 * 1024 * 1024);
    let body = json!({
        "functionName": "huge", "runtime": "python3.10", "handler": "index.handler",
        "code": {"zipFile": zip_file},
    });
    let response = client()
        .post(format!("{}{API}/functions", engine.url))
        .json(&body)
        .send()
        .unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().unwrap();
    assert_fc_error(status, &body, 400, "EntityTooLarge");
    assert!(body["Message"].as_str().unwrap().contains("code package"));

    // The engine is still serving.
    let (status, _) = invoke(&engine.url, "echo", &json!({}), &[]);
    assert_eq!(status, 200);
}

/// Start a long invocation of `name` in the background.
fn hold(engine: &TestEngine, name: &str) -> std::thread::JoinHandle<u16> {
    let url = engine.url.clone();
    let name = name.to_string();
    std::thread::spawn(move || invoke(&url, &name, &json!({"sleep": 15}), &[]).0)
}

#[test]
fn instance_limits_answer_resource_exhausted() {
    let engine = TestEngine::start_with(&["--max-instances", "1"]);
    create(&engine, "slow");
    create(&engine, "other");

    // The engine-wide limit: while `slow` holds the only instance, `other` is throttled.
    let held = hold(&engine, "slow");
    let (status, body) = wait_for(
        "the engine to refuse a second instance",
        Duration::from_secs(60),
        || {
            let (status, body) = invoke(&engine.url, "other", &json!({}), &[]);
            (status != 200).then_some((status, body))
        },
    );
    assert_fc_error(status, &body, 429, "ResourceExhausted");
    assert_eq!(held.join().unwrap(), 200);

    // The per-function limit: reserved concurrency 1, a second concurrent request is refused.
    let response = client()
        .put(format!("{}{API}/functions/slow/concurrency", engine.url))
        .json(&json!({"reservedConcurrency": 1}))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
    let held = hold(&engine, "slow");
    let (status, body) = wait_for(
        "a second request of `slow` to be refused",
        Duration::from_secs(60),
        || {
            let (status, body) = invoke(&engine.url, "slow", &json!({}), &[]);
            (status != 200).then_some((status, body))
        },
    );
    assert_fc_error(status, &body, 429, "ResourceExhausted");
    assert_eq!(held.join().unwrap(), 200);
}

#[test]
fn stored_logs_stay_within_retention() {
    let home = tempfile::tempdir().unwrap();
    let mut engine = TestEngine::start_env(home, &[], &[("S_LOG_MAX_LINES", "10")]);
    create(&engine, "chatty");
    let (status, _) = invoke(&engine.url, "chatty", &json!({"lines": 200}), &[]);
    assert_eq!(status, 200);
    // Retention runs when the event writer starts, and then periodically.
    engine.restart();
    let url = format!("{}/_s/v1/logs?limit=1000", engine.url);
    let page: Value = client().get(&url).send().unwrap().json().unwrap();
    let lines = page["lines"].as_array().unwrap();
    assert!(!lines.is_empty(), "{page}");
    assert!(lines.len() <= 11, "{} lines kept", lines.len());
}

#[test]
fn stalled_clients_are_disconnected() {
    let home = tempfile::tempdir().unwrap();
    let engine = TestEngine::start_env(home, &[], &[("S_CLIENT_TIMEOUT", "1")]);

    // A request head sent byte by byte, slower than the timeout allows in total.
    let mut stream = TcpStream::connect(("127.0.0.1", engine.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let head = format!(
        "GET /_s/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: {}\r\n\r\n",
        "p".repeat(200)
    );
    let mut closed = false;
    for byte in head.as_bytes() {
        if stream.write_all(&[*byte]).is_err() {
            closed = true;
            break;
        }
        // Wait for the next byte's turn by reading: 0 bytes means the engine hung up.
        let mut buf = [0u8; 256];
        match stream.read(&mut buf) {
            Ok(0) => {
                closed = true;
                break;
            }
            Ok(_) => panic!("the engine answered a request it never fully received"),
            Err(_) => {}
        }
    }
    assert!(closed, "the engine kept a byte-by-byte client connected");

    // A body that stops arriving: the request fails with a clear error, the socket closes.
    let answer = raw(
        &engine,
        "POST /2023-03-30/functions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"fun",
    );
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("no request data"), "{answer}");

    // A connection that sends nothing at all is closed too.
    let answer = raw(&engine, "");
    assert!(answer.is_empty(), "{answer}");

    // Meanwhile ordinary requests are served.
    let status = client()
        .get(format!("{}/_s/v1/status", engine.url))
        .send()
        .unwrap()
        .status();
    assert_eq!(status, 200);
}
