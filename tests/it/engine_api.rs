//! The engine's FC 3.0 API over raw HTTP: CRUD round trips, FC's error shapes and statuses,
//! client-tolerance rules (JSON bodies, bodiless requests, `True` booleans, `triggerConfig`
//! strings), pagination, durability across restarts and `kill -9`, and `s engine
//! start --detach|status|stop`.

use std::io::Write as _;
use std::time::Duration;

use base64::Engine as _;
use reqwest::blocking::{Client, RequestBuilder, Response};
use serde_json::{json, Value};

use crate::common::{free_port, s, wait_for, TestEngine};

const API: &str = "/2023-03-30";

fn client() -> Client {
    Client::builder().no_proxy().build().unwrap()
}

/// A zip holding one `index.py`.
pub fn code_zip(body: &str) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    zip.start_file("index.py", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(body.as_bytes()).unwrap();
    zip.finish().unwrap();
    buffer.into_inner()
}

pub fn function_body(name: &str) -> Value {
    let zip = code_zip("def handler(event, context):\n    return event\n");
    json!({
        "functionName": name, "runtime": "python3.10", "handler": "index.handler",
        "code": {"zipFile": base64::engine::general_purpose::STANDARD.encode(zip)},
        "tags": [], "timeout": 5
    })
}

struct Api {
    client: Client,
    base: String,
}

impl Api {
    fn new(engine: &TestEngine) -> Api {
        Api {
            client: client(),
            base: engine.url.clone(),
        }
    }

    fn req(&self, method: &str, path: &str) -> RequestBuilder {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        self.client.request(method, format!("{}{path}", self.base))
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        let mut request = self.req(method, path);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json; charset=utf-8")
                .body(body.to_string());
        }
        Reply::from(request.send().unwrap())
    }

    fn create(&self, name: &str) -> Reply {
        self.send(
            "POST",
            &format!("{API}/functions"),
            Some(function_body(name)),
        )
        .expect(200)
    }
}

/// A response read to the end.
struct Reply {
    status: u16,
    request_id: String,
    content_type: String,
    text: String,
}

impl From<Response> for Reply {
    fn from(response: Response) -> Reply {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        let request_id = header("x-fc-request-id");
        let content_type = header("content-type");
        let status = response.status().as_u16();
        Reply {
            status,
            request_id,
            content_type,
            text: response.text().unwrap(),
        }
    }
}

impl Reply {
    fn expect(self, status: u16) -> Reply {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        assert!(!self.request_id.is_empty(), "no x-fc-request-id");
        self
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }

    /// An FC error: status, `Code`, and `RequestId` equal to the header.
    fn expect_error(self, status: u16, code: &str) -> Reply {
        let reply = self.expect(status);
        let body = reply.json();
        assert_eq!(body["Code"], code, "{body}");
        assert!(
            body["Message"].as_str().is_some_and(|m| !m.is_empty()),
            "{body}"
        );
        assert_eq!(body["RequestId"], reply.request_id.as_str(), "{body}");
        assert!(reply.content_type.starts_with("application/json"));
        reply
    }
}

#[test]
fn function_crud_round_trip() {
    let engine = TestEngine::start();
    let api = Api::new(&engine);
    let created = api.create("hello").json();
    assert_eq!(created["functionName"], "hello");
    assert_eq!(created["handler"], "index.handler");
    assert_eq!(created["timeout"], 5);
    assert_eq!(created["memorySize"], 512);
    assert_eq!(created["lastUpdateStatus"], "Successful");
    assert!(created["functionArn"]
        .as_str()
        .unwrap()
        .ends_with(":functions/hello"));
    let zip = code_zip("def handler(event, context):\n    return event\n");
    let checksum = s::package::crc64(&zip).to_string();
    assert_eq!(created["codeChecksum"], checksum.as_str());
    assert_eq!(created["codeSize"], zip.len());

    let fetched = api
        .send(
            "GET",
            &format!("{API}/functions/hello?qualifier=LATEST"),
            None,
        )
        .expect(200)
        .json();
    assert_eq!(fetched, created);

    let updated = api
        .send(
            "PUT",
            &format!("{API}/functions/hello"),
            Some(json!({"timeout": 30})),
        )
        .expect(200)
        .json();
    assert_eq!(updated["timeout"], 30);
    assert_eq!(
        updated["handler"], "index.handler",
        "partial update kept the rest"
    );
    assert_eq!(updated["codeChecksum"], checksum.as_str());

    let code = api
        .send("GET", &format!("{API}/functions/hello/code"), None)
        .expect(200)
        .json();
    assert_eq!(code["checksum"], checksum.as_str());
    let downloaded = client()
        .get(code["url"].as_str().unwrap())
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    assert_eq!(downloaded.as_ref(), zip.as_slice());

    let listed = api
        .send("GET", &format!("{API}/functions"), None)
        .expect(200)
        .json();
    assert_eq!(listed["functions"][0]["functionName"], "hello");

    let deleted = api
        .send("DELETE", &format!("{API}/functions/hello"), None)
        .expect(204);
    assert!(deleted.text.is_empty());
    api.send("GET", &format!("{API}/functions/hello"), None)
        .expect_error(404, "FunctionNotFound");
}

#[test]
fn errors_have_fc_shape_and_status() {
    let engine = TestEngine::start();
    let api = Api::new(&engine);
    api.send("GET", &format!("{API}/functions/missing"), None)
        .expect_error(404, "FunctionNotFound");
    api.create("dup");
    api.send(
        "POST",
        &format!("{API}/functions"),
        Some(function_body("dup")),
    )
    .expect_error(409, "FunctionAlreadyExists");
    api.send(
        "POST",
        &format!("{API}/functions"),
        Some(function_body("1bad")),
    )
    .expect_error(400, "InvalidArgument");
    let mut wrong_checksum = function_body("checked");
    wrong_checksum["code"]["checksum"] = json!("12345");
    api.send("POST", &format!("{API}/functions"), Some(wrong_checksum))
        .expect_error(400, "InvalidArgument");
    let broken = api
        .req("POST", &format!("{API}/functions"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .unwrap();
    Reply::from(broken).expect_error(400, "InvalidArgument");
    api.send("GET", "/no/such/path", None)
        .expect_error(404, "PathNotSupported");
    api.send("GET", &format!("{API}/functions?limit=0"), None)
        .expect_error(400, "InvalidArgument");
    api.send(
        "PUT",
        &format!("{API}/functions/missing"),
        Some(json!({"timeout": 3})),
    )
    .expect_error(404, "FunctionNotFound");
    api.send(
        "GET",
        &format!("{API}/functions/dup/async-invoke-config"),
        None,
    )
    .expect_error(404, "AsyncConfigNotExists");
    api.send(
        "POST",
        &format!("{API}/functions/missing/invocations"),
        None,
    )
    .expect_error(404, "FunctionNotFound");
    let queued = api
        .req("POST", &format!("{API}/functions/dup/invocations"))
        .header("x-fc-invocation-type", "Async")
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(queued.status().as_u16(), 202);
}

#[test]
fn trigger_config_is_echoed_as_the_string_sent() {
    let engine = TestEngine::start();
    let api = Api::new(&engine);
    api.create("timed");
    let config = "{\"cronExpression\": \"@every 1m\", \"enable\": true, \"payload\": \"hi\"}";
    let triggers = format!("{API}/functions/timed/triggers");
    let body = json!({"triggerConfig": config, "triggerName": "t1", "triggerType": "timer"});
    let created = api
        .send("POST", &triggers, Some(body.clone()))
        .expect(200)
        .json();
    assert_eq!(created["triggerConfig"], config);
    assert_eq!(created["triggerName"], "t1");
    api.send("POST", &triggers, Some(body))
        .expect_error(409, "TriggerAlreadyExists");
    let fetched = api
        .send("GET", &format!("{triggers}/t1"), None)
        .expect(200)
        .json();
    assert_eq!(fetched["triggerConfig"], config);

    let new_config = "{\"cronExpression\": \"@every 2m\", \"enable\": false}";
    let updated = api
        .send(
            "PUT",
            &format!("{triggers}/t1"),
            Some(json!({"triggerConfig": new_config})),
        )
        .expect(200)
        .json();
    assert_eq!(updated["triggerConfig"], new_config);
    assert_eq!(updated["triggerType"], "timer");
    api.send(
        "PUT",
        &format!("{triggers}/t1"),
        Some(json!({"triggerConfig": "{oops"})),
    )
    .expect_error(400, "InvalidArgument");

    let listed = api
        .send("GET", &format!("{triggers}?limit=10"), None)
        .expect(200)
        .json();
    assert_eq!(listed["triggers"][0]["triggerConfig"], new_config);
    api.send("DELETE", &format!("{API}/functions/timed"), None)
        .expect_error(409, "FunctionNotEmpty");
    api.send("GET", &format!("{triggers}/nope"), None)
        .expect_error(404, "TriggerNotFound");
    api.send("DELETE", &format!("{triggers}/t1"), None)
        .expect(204);
    api.send("DELETE", &format!("{API}/functions/timed"), None)
        .expect(204);
}

#[test]
fn json_apis_answer_with_json_and_accept_bodiless_requests() {
    let engine = TestEngine::start();
    let api = Api::new(&engine);
    api.create("cfg");
    // A bodiless PUT (Content-Length: 0, no content type) is an empty input.
    let put = api
        .req("PUT", &format!("{API}/functions/cfg/async-invoke-config"))
        .header("content-length", "0")
        .send()
        .unwrap();
    let config = Reply::from(put).expect(200).json();
    assert!(config["functionArn"]
        .as_str()
        .unwrap()
        .ends_with("functions/cfg"));
    let config = api
        .send(
            "PUT",
            &format!("{API}/functions/cfg/async-invoke-config"),
            Some(json!({"asyncTask": true, "maxAsyncRetryAttempts": 2,
                "destinationConfig": {"onFailure": {"destination": "acs:mns:::/queues/dlq/messages"}}})),
        )
        .expect(200)
        .json();
    assert_eq!(config["maxAsyncRetryAttempts"], 2);
    let listed = api
        .send(
            "GET",
            &format!("{API}/async-invoke-configs?functionName=cfg"),
            None,
        )
        .expect(200)
        .json();
    assert_eq!(listed["configs"][0]["asyncTask"], true);
    let delete = api
        .req(
            "DELETE",
            &format!("{API}/functions/cfg/async-invoke-config"),
        )
        .header("content-length", "0")
        .send()
        .unwrap();
    assert!(Reply::from(delete).expect(204).text.is_empty());

    let concurrency = api
        .send(
            "PUT",
            &format!("{API}/functions/cfg/concurrency"),
            Some(json!({"reservedConcurrency": 5})),
        )
        .expect(200)
        .json();
    assert_eq!(concurrency["reservedConcurrency"], 5);
    let fetched = api
        .send("GET", &format!("{API}/functions/cfg/concurrency"), None)
        .expect(200)
        .json();
    assert_eq!(fetched["reservedConcurrency"], 5);
    api.send("DELETE", &format!("{API}/functions/cfg/concurrency"), None)
        .expect(204);
    let cleared = api
        .send("GET", &format!("{API}/functions/cfg/concurrency"), None)
        .expect(200);
    assert!(cleared.json().is_object());

    // Booleans arrive Python-style from the official SDK.
    let instances = api
        .send(
            "GET",
            &format!("{API}/functions/cfg/instances?qualifier=LATEST&withAllActive=True"),
            None,
        )
        .expect(200)
        .json();
    assert!(instances["instances"].is_array());
    api.send(
        "GET",
        &format!("{API}/functions/cfg/instances?withAllActive=maybe"),
        None,
    )
    .expect_error(400, "InvalidArgument");
}

#[test]
fn list_functions_pages_with_next_token_and_prefix() {
    let engine = TestEngine::start();
    let api = Api::new(&engine);
    for name in ["svc-a", "svc-b", "svc-c", "svc-d", "svc-e", "other"] {
        api.create(name);
    }
    let mut names = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut path = format!("{API}/functions?limit=2&prefix=svc-");
        if let Some(token) = &token {
            path.push_str(&format!("&nextToken={token}"));
        }
        let page = api.send("GET", &path, None).expect(200).json();
        let functions = page["functions"].as_array().unwrap();
        assert!(functions.len() <= 2);
        names.extend(
            functions
                .iter()
                .map(|f| f["functionName"].as_str().unwrap().to_string()),
        );
        match page["nextToken"].as_str() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => break,
        }
    }
    assert_eq!(names, ["svc-a", "svc-b", "svc-c", "svc-d", "svc-e"]);
}

#[test]
fn acknowledged_writes_survive_kill_9() {
    let mut engine = TestEngine::start();
    let api = Api::new(&engine);
    api.create("durable");
    api.send(
        "PUT",
        &format!("{API}/functions/durable"),
        Some(json!({"description": "after update"})),
    )
    .expect(200);
    api.send(
        "POST",
        &format!("{API}/functions/durable/triggers"),
        Some(json!({"triggerName": "t", "triggerType": "timer",
            "triggerConfig": "{\"cronExpression\":\"@every 1m\"}"})),
    )
    .expect(200);
    // `restart` kills the engine with SIGKILL right after the last 2xx, then starts it again.
    engine.restart();
    let api = Api::new(&engine);
    let function = api
        .send("GET", &format!("{API}/functions/durable"), None)
        .expect(200)
        .json();
    assert_eq!(function["description"], "after update");
    api.send("GET", &format!("{API}/functions/durable/triggers/t"), None)
        .expect(200);
    let code = api
        .send("GET", &format!("{API}/functions/durable/code"), None)
        .expect(200)
        .json();
    let zip = client().get(code["url"].as_str().unwrap()).send().unwrap();
    assert_eq!(zip.status().as_u16(), 200);
}

/// Stops a CLI-started engine even when an assertion fails.
struct StopOnDrop<'a>(&'a tempfile::TempDir, &'a str);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        let _ = s()
            .env("S_HOME", self.0.path())
            .env("S_ENGINE", self.1)
            .args(["engine", "stop"])
            .output();
    }
}

#[test]
fn engine_start_detach_status_and_stop_through_the_cli() {
    let home = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}", free_port());
    let cmd = |args: &[&str]| {
        s().env("S_HOME", home.path())
            .env("S_ENGINE", &url)
            .args(args)
            .output()
            .unwrap()
    };
    let _guard = StopOnDrop(&home, &url);

    let started = cmd(&["engine", "start", "--detach"]);
    let stderr = String::from_utf8_lossy(&started.stderr);
    assert!(started.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("started local engine at {url}")),
        "{stderr}"
    );
    assert!(home.path().join("engine/engine.json").is_file());

    let again = cmd(&["engine", "start", "--detach"]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already running"));

    let status = cmd(&["engine", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(status.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!("engine running at {url}")),
        "{stdout}"
    );
    let json: Value =
        serde_json::from_slice(&cmd(&["engine", "status", "-o", "json"]).stdout).unwrap();
    assert!(json["pid"].as_u64().unwrap() > 0);
    assert_eq!(json["functions"], 0);

    let stopped = cmd(&["engine", "stop"]);
    assert!(
        stopped.status.success(),
        "{}",
        String::from_utf8_lossy(&stopped.stderr)
    );
    assert!(!home.path().join("engine/engine.json").exists());
    let gone = cmd(&["engine", "status"]);
    assert_eq!(gone.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&gone.stderr);
    assert!(stderr.contains("no engine is running"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn engine_refuses_to_listen_beyond_loopback() {
    let output = s()
        .env("S_HOME", tempfile::tempdir().unwrap().path())
        .args(["engine", "start", "--listen", "0.0.0.0:9"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("without credentials"), "{stderr}");
}

#[test]
fn status_counts_functions() {
    let engine = TestEngine::start();
    let api = Api::new(&engine);
    api.create("one");
    let status = wait_for(
        "status to count the function",
        Duration::from_secs(5),
        || {
            let status = api.send("GET", "/_s/v1/status", None).expect(200).json();
            (status["functions"] == 1).then_some(status)
        },
    );
    assert_eq!(status["address"], format!("127.0.0.1:{}", engine.port));
}
