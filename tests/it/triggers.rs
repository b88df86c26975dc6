//! Triggers end to end: `triggers:` in s.yaml deployed to a private engine with real
//! handlers. HTTP triggers (event mapping, binary round trip, methods, custom-runtime
//! proxying, async), timers (`@every`, disabled, removed, restart) and OSS buckets
//! (`s bucket cp/rm`, event shape, key filters). Timer and OSS events are read back from a
//! local queue that the function's `onSuccess` destination feeds.

use std::time::Duration;

use serde_json::Value;

use crate::common::{fc_project, ok, run, text, wait_for, TestEngine, Workspace};

const WAIT: Duration = Duration::from_secs(60);

fn info(engine: &TestEngine, ws: &Workspace) -> Value {
    serde_json::from_str(&ok(engine, ws, &["info", "-o", "json"])).unwrap()
}

/// The deployed triggers of the project's only resource, by name.
fn trigger(engine: &TestEngine, ws: &Workspace, name: &str) -> Value {
    let info = info(engine, ws);
    info["fn"]["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["triggerName"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no trigger `{name}` in {info:#}"))
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// Destination records from a local queue, long-polling up to `wait` seconds.
fn receive(engine: &TestEngine, ws: &Workspace, queue: &str, wait: u64) -> Vec<Value> {
    let out = ok(
        engine,
        ws,
        &[
            "queue",
            "receive",
            queue,
            "--max",
            "100",
            "--wait",
            &wait.to_string(),
            "-o",
            "json",
        ],
    );
    let messages: Vec<Value> = serde_json::from_str(&out).unwrap();
    messages
        .iter()
        .map(|m| serde_json::from_str(m["body"].as_str().unwrap()).unwrap())
        .collect()
}

/// The events (parsed `requestPayload`s) of destination records.
fn events(records: &[Value]) -> Vec<Value> {
    records
        .iter()
        .map(|r| serde_json::from_str(r["requestPayload"].as_str().unwrap()).unwrap())
        .collect()
}

/// Collect events from `queue` until one satisfies `done`; returns all collected.
fn events_until(
    engine: &TestEngine,
    ws: &Workspace,
    queue: &str,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> Vec<Value> {
    let mut seen = Vec::new();
    wait_for(what, WAIT, || {
        seen.extend(events(&receive(engine, ws, queue, 2)));
        seen.iter().any(&done).then_some(())
    });
    seen
}

const HTTP_HANDLER: &str = r#"import json

def handler(event, context):
    e = json.loads(event)
    path = e["rawPath"]
    if path == "/binary":
        return {"statusCode": 200, "headers": {"Content-Type": "application/octet-stream"},
                "isBase64Encoded": e["isBase64Encoded"], "body": e["body"]}
    if path == "/plain":
        return "just text"
    return {"statusCode": 201,
            "headers": {"Content-Type": "application/json", "X-Echo": e["requestContext"]["http"]["method"]},
            "isBase64Encoded": False, "body": json.dumps(e)}
"#;

fn http_project() -> Workspace {
    fc_project(
        "functionName: web\nruntime: python3.10\nhandler: index.handler\nasyncInvokeConfig:\n  asyncTask: true\ntriggers:\n  - triggerName: web\n    triggerType: http\n    triggerConfig:\n      authType: anonymous\n      methods: [GET, POST]",
        &[("index.py", HTTP_HANDLER)],
    )
}

#[test]
fn http_trigger_maps_requests_to_fc_events_and_results_to_responses() {
    let engine = TestEngine::start();
    let ws = http_project();
    let deployed = run(&engine, &ws, &["deploy", "-y"]);
    assert!(deployed.status.success(), "{}", text(&deployed.stderr));
    let url = format!("{}/http/web/web", engine.trigger_base());
    assert!(
        text(&deployed.stderr).contains(&url),
        "{}",
        text(&deployed.stderr)
    );
    let shown = trigger(&engine, &ws, "web");
    assert_eq!(shown["url"], url);
    assert_eq!(shown["status"], "Running");

    let response = client()
        .get(format!("{url}/some/path?a=1&a=2&b=x%20y"))
        .header("x-test", "one")
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(response.headers()["x-echo"], "GET");
    let event: Value = response.json().unwrap();
    assert_eq!(event["version"], "v1");
    assert_eq!(event["rawPath"], "/some/path");
    assert_eq!(event["queryParameters"]["a"], "1,2");
    assert_eq!(event["queryParameters"]["b"], "x y");
    assert_eq!(event["headers"]["X-Test"], "one");
    assert_eq!(event["requestContext"]["http"]["method"], "GET");
    assert_eq!(event["requestContext"]["http"]["sourceIp"], "127.0.0.1");
    assert!(event["requestContext"]["timeEpoch"].is_string());

    let response = client()
        .post(&url)
        .header("content-type", "application/json")
        .body(r#"{"hello":"world"}"#)
        .send()
        .unwrap();
    let event: Value = response.json().unwrap();
    assert_eq!(event["rawPath"], "/");
    assert_eq!(event["body"], r#"{"hello":"world"}"#);
    assert_eq!(event["isBase64Encoded"], false);

    let plain = client().get(format!("{url}/plain")).send().unwrap();
    assert_eq!(plain.status().as_u16(), 200);
    assert_eq!(plain.text().unwrap(), "just text");
}

#[test]
fn http_trigger_round_trips_binary_bodies_and_enforces_methods() {
    let engine = TestEngine::start();
    let ws = http_project();
    ok(&engine, &ws, &["deploy", "-y"]);
    let url = format!("{}/http/web/web", engine.trigger_base());

    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let response = client()
        .post(format!("{url}/binary"))
        .header("content-type", "application/octet-stream")
        .body(bytes.clone())
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.bytes().unwrap().as_ref(), bytes.as_slice());

    let refused = client().delete(&url).send().unwrap();
    assert_eq!(refused.status().as_u16(), 405);
    let error: Value = refused.json().unwrap();
    assert!(
        error["Message"].as_str().unwrap().contains("DELETE"),
        "{error}"
    );

    let missing = client()
        .get(format!("{}/http/web/nope", engine.trigger_base()))
        .send()
        .unwrap();
    assert_eq!(missing.status().as_u16(), 404);
}

#[test]
fn http_trigger_async_header_queues_a_task() {
    let engine = TestEngine::start();
    let ws = http_project();
    ok(&engine, &ws, &["deploy", "-y"]);
    let response = client()
        .post(format!("{}/http/web/web/job", engine.trigger_base()))
        .header("x-fc-invocation-type", "Async")
        .body("work")
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 202);
    let task_id = response.headers()["x-fc-async-task-id"]
        .to_str()
        .unwrap()
        .to_string();
    let task: Value = wait_for("the queued task to succeed", WAIT, || {
        let task: Value =
            serde_json::from_str(&ok(&engine, &ws, &["task", "get", &task_id, "-o", "json"]))
                .unwrap();
        (task["status"] == "Succeeded").then_some(task)
    });
    assert_eq!(
        task["functionArn"].as_str().unwrap().rsplit('/').next(),
        Some("web")
    );
}

#[test]
fn custom_runtime_gets_the_raw_request_and_its_response_is_relayed() {
    let engine = TestEngine::start();
    let server = r#"#!/usr/bin/env python3
import http.server, json, os
class H(http.server.BaseHTTPRequestHandler):
    def reply(self):
        n = int(self.headers.get('content-length') or 0)
        body = self.rfile.read(n)
        out = json.dumps({'method': self.command, 'path': self.path, 'test': self.headers.get('x-test'),
                          'body': body.decode(), 'control': self.headers.get('x-fc-control-path')}).encode()
        self.send_response(418)
        self.send_header('X-Custom', 'yes')
        self.send_header('Content-Length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    do_GET = do_POST = do_PUT = reply
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('0.0.0.0', int(os.environ['FC_CUSTOM_LISTEN_PORT'])), H).serve_forever()
"#;
    let ws = fc_project(
        "functionName: app\nruntime: custom.debian10\nhandler: index.handler\ncustomRuntimeConfig:\n  command: ['python3', '/code/bootstrap']\n  port: 9000\ntriggers:\n  - triggerName: site\n    triggerType: http\n    triggerConfig:\n      authType: anonymous\n      methods: [GET, PUT]",
        &[("bootstrap", server)],
    );
    ok(&engine, &ws, &["deploy", "-y"]);
    let response = client()
        .put(format!(
            "{}/http/app/site/items/7?q=a%20b",
            engine.trigger_base()
        ))
        .header("x-test", "raw")
        .body("payload")
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 418);
    assert_eq!(response.headers()["x-custom"], "yes");
    let seen: Value = response.json().unwrap();
    assert_eq!(seen["method"], "PUT");
    assert_eq!(seen["path"], "/items/7?q=a%20b");
    assert_eq!(seen["test"], "raw");
    assert_eq!(seen["body"], "payload");
    assert_eq!(seen["control"], "/http-invoke");
}

const RECORDER: &str = "def handler(event, context):\n    return 'ok'\n";

/// A function whose successful async invocations are recorded in local queue `queue`.
fn recorded_project(queue: &str, triggers: &str) -> Workspace {
    fc_project(
        &format!("functionName: fn\nruntime: python3.10\nhandler: index.handler\nasyncInvokeConfig:\n  destinationConfig:\n    onSuccess:\n      destination: acs:mns:::/queues/{queue}/messages\n{triggers}"),
        &[("index.py", RECORDER)],
    )
}

fn timer_triggers(with_timers: bool) -> String {
    if !with_timers {
        return "triggers:\n  - triggerName: web\n    triggerType: http\n    triggerConfig:\n      authType: anonymous\n      methods: [GET]".into();
    }
    "triggers:\n  - triggerName: tick\n    triggerType: timer\n    triggerConfig:\n      cronExpression: '@every 1s'\n      payload: '{\"n\":1}'\n      enable: true\n  - triggerName: off\n    triggerType: timer\n    triggerConfig:\n      cronExpression: '@every 1s'\n      payload: disabled\n      enable: false".into()
}

/// Now, in the form of FC's second-precision `triggerTime`, so the two compare as text.
fn rfc3339_now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

#[test]
fn timer_fires_survives_a_restart_and_stops_when_removed() {
    let mut engine = TestEngine::start();
    let ws = recorded_project("ticks", &timer_triggers(true));
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(trigger(&engine, &ws, "off")["status"], "Disabled");

    let mut seen = Vec::new();
    wait_for("two timer ticks", WAIT, || {
        seen.extend(events(&receive(&engine, &ws, "ticks", 2)));
        (seen.len() >= 2).then_some(())
    });
    for event in &seen {
        assert_eq!(
            event["triggerName"], "tick",
            "the disabled timer fired: {event}"
        );
        assert_eq!(event["payload"], r#"{"n":1}"#);
        assert!(event["triggerTime"].as_str().unwrap().ends_with('Z'));
    }

    engine.restart();
    let restarted = rfc3339_now();
    events_until(&engine, &ws, "ticks", "a tick after the restart", |e| {
        e["triggerTime"].as_str().unwrap() > restarted.as_str()
    });

    // The same function redeployed with an HTTP trigger in place of the timers.
    let without_timers = recorded_project("ticks", &timer_triggers(false));
    ok(&engine, &without_timers, &["deploy", "-y"]);
    let removed = rfc3339_now();
    // Ticks queued before the removal may still arrive; none may be timed after it.
    for event in events(&receive(&engine, &ws, "ticks", 3)) {
        assert!(
            event["triggerTime"].as_str().unwrap() <= removed.as_str(),
            "a removed timer fired: {event}"
        );
    }
}

fn oss_triggers() -> String {
    "triggers:\n  - triggerName: uploads\n    triggerType: oss\n    sourceArn: acs:oss:cn-hangzhou:0000000000000000:test-bucket\n    invocationRole: acs:ram::0000000000000000:role/aliyunosseventnotificationrole\n    triggerConfig:\n      events: ['oss:ObjectCreated:*', 'oss:ObjectRemoved:DeleteObject']\n      filter:\n        key:\n          prefix: in/\n          suffix: .txt".into()
}

#[test]
fn oss_trigger_announces_objects_put_and_removed_with_s_bucket() {
    let engine = TestEngine::start();
    let ws = recorded_project("objects", &oss_triggers());
    ok(&engine, &ws, &["deploy", "-y"]);
    wait_for("the oss trigger to run", WAIT, || {
        (trigger(&engine, &ws, "uploads")["status"] == "Running").then_some(())
    });
    let file = ws.write("data/a.txt", "hello bucket");
    let file = file.to_str().unwrap();
    ok(
        &engine,
        &ws,
        &["bucket", "cp", file, "oss://test-bucket/in/a.txt"],
    );
    ok(
        &engine,
        &ws,
        &["bucket", "cp", file, "oss://test-bucket/out/b.txt"],
    );
    ok(
        &engine,
        &ws,
        &["bucket", "cp", file, "oss://test-bucket/in/c.jpg"],
    );
    let last = ws.write("data/z.txt", "last");
    ok(
        &engine,
        &ws,
        &[
            "bucket",
            "cp",
            last.to_str().unwrap(),
            "oss://test-bucket/in/",
        ],
    );
    let listed = ok(&engine, &ws, &["bucket", "ls", "oss://test-bucket/in/"]);
    assert!(
        listed.contains("in/a.txt") && listed.contains("in/c.jpg"),
        "{listed}"
    );

    let key = |e: &Value| {
        e["events"][0]["oss"]["object"]["key"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut seen = Vec::new();
    wait_for("the events for in/a.txt and in/z.txt", WAIT, || {
        seen.extend(events(&receive(&engine, &ws, "objects", 2)));
        let has = |k: &str| seen.iter().any(|e| key(e) == k);
        (has("in/a.txt") && has("in/z.txt")).then_some(())
    });
    let created = seen.iter().find(|e| key(e) == "in/a.txt").unwrap();
    let record = &created["events"][0];
    assert_eq!(record["eventName"], "ObjectCreated:PutObject");
    assert_eq!(record["eventSource"], "acs:oss");
    assert_eq!(record["oss"]["bucket"]["name"], "test-bucket");
    assert_eq!(record["oss"]["object"]["size"], 12);
    assert_eq!(record["region"], "cn-hangzhou");

    // Every copy was scanned by the time the last one's event arrived; only `in/*.txt`
    // were queued.
    let tasks: Vec<Value> =
        serde_json::from_str(&ok(&engine, &ws, &["task", "list", "-o", "json"])).unwrap();
    assert_eq!(
        tasks.len(),
        2,
        "only in/a.txt and in/z.txt match the filter: {tasks:?}"
    );

    ok(
        &engine,
        &ws,
        &["bucket", "rm", "oss://test-bucket/in/a.txt"],
    );
    let seen = events_until(&engine, &ws, "objects", "the remove event", |e| {
        e["events"][0]["eventName"] == "ObjectRemoved:DeleteObject"
    });
    let removed = seen
        .iter()
        .find(|e| e["events"][0]["eventName"] == "ObjectRemoved:DeleteObject")
        .unwrap();
    assert_eq!(key(removed), "in/a.txt");
}

#[test]
fn a_failing_source_shows_its_error_and_recovers_with_backoff() {
    let engine = TestEngine::start();
    // A file where the bucket folder should be: the source cannot list it.
    let blocker = engine.home.path().join("buckets/blocked-bucket");
    std::fs::create_dir_all(blocker.parent().unwrap()).unwrap();
    std::fs::write(&blocker, "not a folder").unwrap();
    let ws = fc_project(
        "functionName: fn\nruntime: python3.10\nhandler: index.handler\ntriggers:\n  - triggerName: watch\n    triggerType: oss\n    sourceArn: acs:oss:cn-hangzhou:0000000000000000:blocked-bucket\n    triggerConfig:\n      events: ['oss:ObjectCreated:*']",
        &[("index.py", RECORDER)],
    );
    ok(&engine, &ws, &["deploy", "-y"]);
    let failing = wait_for("the trigger to report its error", WAIT, || {
        let shown = trigger(&engine, &ws, "watch");
        (shown["status"] == "Error").then_some(shown)
    });
    assert!(
        failing["error"]
            .as_str()
            .unwrap()
            .contains("blocked-bucket"),
        "{failing}"
    );
    let log = std::fs::read_to_string(engine.home.path().join("engine/engine.log")).unwrap();
    assert!(log.contains("retrying in"), "{log}");

    std::fs::remove_file(&blocker).unwrap();
    wait_for("the trigger to recover", WAIT, || {
        (trigger(&engine, &ws, "watch")["status"] == "Running").then_some(())
    });
    assert!(blocker.is_dir());
}

#[test]
fn function_auth_needs_a_signature_on_an_engine_with_access_keys() {
    let (key, secret) = ("LTAI5tTriggerKey0001", "trigger-secret-0001");
    let home = crate::common::home_with_key(key, secret);
    let engine = TestEngine::start_in(home, &["-a", "engine"]);
    let ws = fc_project(
        "functionName: web\nruntime: python3.10\nhandler: index.handler\ntriggers:\n  - triggerName: signed\n    triggerType: http\n    triggerConfig:\n      authType: function\n      methods: [GET]\n  - triggerName: open\n    triggerType: http\n    triggerConfig:\n      authType: anonymous\n      methods: [GET]",
        &[("index.py", HTTP_HANDLER)],
    );
    ok(
        &engine,
        &ws,
        &["--target", &engine.url, "-a", "engine", "deploy", "-y"],
    );

    let url = format!("{}/http/web/signed/x", engine.trigger_base());
    let unsigned = client().get(&url).send().unwrap();
    assert_eq!(
        unsigned.status().as_u16(),
        400,
        "a missing signature is refused"
    );
    let error: Value = unsigned.json().unwrap();
    assert_eq!(error["Code"], "MissingRequiredHeader");

    let mut request = reqwest::Request::new(reqwest::Method::GET, url.parse().unwrap());
    s::client::Signer::new(key, secret, None).sign(&mut request);
    let mut signed = client().get(&url);
    for (name, value) in request.headers() {
        signed = signed.header(name, value);
    }
    let signed = signed.send().unwrap();
    assert_eq!(signed.status().as_u16(), 201);

    let mut wrong = reqwest::Request::new(reqwest::Method::GET, url.parse().unwrap());
    s::client::Signer::new(key, "not-the-secret", None).sign(&mut wrong);
    let mut forged = client().get(&url);
    for (name, value) in wrong.headers() {
        forged = forged.header(name, value);
    }
    assert_eq!(forged.send().unwrap().status().as_u16(), 403);

    let open = client()
        .get(format!("{}/http/web/open/x", engine.trigger_base()))
        .send()
        .unwrap();
    assert_eq!(open.status().as_u16(), 201);
}
