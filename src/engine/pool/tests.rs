//! Pool tests: a real `InstancePool`, real python3/node processes, handlers written to
//! temporary folders, and a sink that collects what the pool reports.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::{json, Value};
use tempfile::TempDir;

use super::*;

#[derive(Default)]
struct Collect {
    lines: Mutex<Vec<LogLine>>,
    records: Mutex<Vec<InvocationRecord>>,
}

impl EventSink for Collect {
    fn log_line(&self, line: LogLine) {
        self.lines.lock().unwrap().push(line);
    }
    fn invocation_finished(&self, record: InvocationRecord) {
        self.records.lock().unwrap().push(record);
    }
}

impl Collect {
    fn text(&self) -> String {
        let lines = self.lines.lock().unwrap();
        lines.iter().map(|l| format!("{}\n", l.text)).collect()
    }
}

struct Fixture {
    pool: Arc<InstancePool>,
    sink: Arc<Collect>,
    dir: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Self::with_idle(Duration::from_secs(60))
    }

    fn with_idle(idle_timeout: Duration) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let sink = Arc::new(Collect::default());
        let pool = InstancePool::new(
            PoolConfig {
                idle_timeout,
                max_instances: 20,
                scratch_dir: dir.path().join("scratch"),
            },
            sink.clone(),
        );
        Fixture { pool, sink, dir }
    }

    /// Write `files` into a fresh code dir and describe a function over it.
    fn function(&self, name: &str, props: Value, files: &[(&str, &str)]) -> FunctionSpec {
        let code = self.dir.path().join("code").join(name);
        write_files(&code, files);
        let mut props = props;
        props["functionName"] = json!(name);
        let input: fc::FunctionInput = serde_json::from_value(props).unwrap();
        FunctionSpec {
            function: fc::Function::from_input(&input),
            code_dir: code,
            generation: 1,
            region: "cn-hangzhou".into(),
            account_id: "123456".into(),
            reserved_concurrency: None,
            layer_root: None,
            version: None,
        }
    }

    async fn invoke(&self, spec: &Arc<FunctionSpec>, payload: &str) -> InvocationResult {
        self.pool
            .invoke(spec.clone(), invocation(payload))
            .await
            .expect("invoke")
    }
}

fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        if *name == "bootstrap" {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}

fn invocation(payload: &str) -> Invocation {
    Invocation {
        request_id: fc::new_request_id(),
        payload: Bytes::from(payload.to_string()),
        is_async: false,
        retry_count: 0,
        headers: vec![],
        http: None,
    }
}

fn body(result: &InvocationResult) -> String {
    String::from_utf8_lossy(&result.body).to_string()
}

async fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

const PY_ECHO: &str = r#"
import json, os, tempfile
def handler(event, context):
    print("got", event.decode())
    return {
        "type": type(event).__name__,
        "event": json.loads(event),
        "request_id": context.request_id,
        "function": [context.function.name, context.function.handler, context.function.memory, context.function.timeout],
        "creds": [context.credentials.access_key_id, context.credentials.accessKeyId],
        "region": context.region,
        "account": context.account_id,
        "cwd": os.getcwd(),
        "tmp": tempfile.gettempdir(),
        "env": os.environ.get("GREETING"),
        "code_path": os.environ["FC_FUNC_CODE_PATH"],
    }
"#;

fn python_props() -> Value {
    json!({"runtime": "python3.10", "handler": "index.handler", "environmentVariables": {"GREETING": "hi"}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_handler_gets_bytes_and_fc_context() {
    let fx = Fixture::new();
    let spec = Arc::new(fx.function("py-echo", python_props(), &[("index.py", PY_ECHO)]));
    let inv = invocation(r#"{"a":1}"#);
    let rid = inv.request_id.clone();
    let result = fx.pool.invoke(spec.clone(), inv).await.unwrap();
    assert_eq!(result.outcome, Outcome::Success, "{}", body(&result));
    let out: Value = serde_json::from_slice(&result.body).unwrap();
    assert_eq!(out["type"], "bytes");
    assert_eq!(out["event"], json!({"a": 1}));
    assert_eq!(out["request_id"], rid.as_str());
    assert_eq!(out["function"], json!(["py-echo", "index.handler", 512, 3]));
    assert_eq!(out["region"], "cn-hangzhou");
    assert_eq!(out["account"], "123456");
    assert_eq!(out["env"], "hi");
    assert!(result.init_duration_ms.is_some());
    assert!(result.max_memory_mb > 0);
    assert!(result
        .log_tail
        .contains(&format!("FC Invoke Start RequestId: {rid}")));
    assert!(
        result.log_tail.contains("got {\"a\":1}"),
        "{}",
        result.log_tail
    );
    assert!(result
        .log_tail
        .contains(&format!("FC Invoke End RequestId: {rid}")));
    let lines = fx.sink.lines.lock().unwrap().clone();
    let printed = lines.iter().find(|l| l.text.starts_with("got")).unwrap();
    assert_eq!(printed.request_id.as_deref(), Some(rid.as_str()));
    assert_eq!(printed.stream, LogStream::Stdout);
    let records = fx.sink.records.lock().unwrap().clone();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].outcome, Outcome::Success);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_exception_is_an_unhandled_error_with_a_python_stack() {
    let fx = Fixture::new();
    let code = "def handler(event, context):\n    raise ValueError('something is wrong')\n";
    let spec = Arc::new(fx.function("py-err", python_props(), &[("index.py", code)]));
    let result = fx.invoke(&spec, "{}").await;
    assert_eq!(result.outcome, Outcome::Error);
    assert_eq!(
        result.error_type.as_deref(),
        Some("UnhandledInvocationError")
    );
    let err: Value = serde_json::from_slice(&result.body).unwrap();
    assert_eq!(err["errorMessage"], "something is wrong");
    assert_eq!(err["errorType"], "ValueError");
    let frame = &err["stackTrace"][0];
    assert!(frame[0].as_str().unwrap().ends_with("index.py\""), "{err}");
    assert_eq!(frame[1], "line 2");
    assert_eq!(frame[2], "in handler");
    assert!(result.log_tail.contains("ValueError: something is wrong"));
    assert!(result
        .log_tail
        .contains(", Error: Unhandled function error"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warm_instance_is_reused() {
    let fx = Fixture::new();
    let spec = Arc::new(fx.function("py-warm", python_props(), &[("index.py", PY_ECHO)]));
    let first = fx.invoke(&spec, "1").await;
    let second = fx.invoke(&spec, "2").await;
    assert_eq!(first.instance_id, second.instance_id);
    assert!(first.init_duration_ms.is_some());
    assert!(second.init_duration_ms.is_none());
    assert_eq!(fx.pool.instances("py-warm").len(), 1);
}

const PY_SLEEP: &str = r#"
import time
def handler(event, context):
    time.sleep(float(event))
    print("slept", context.request_id)
    return "ok"
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_request_per_instance_starts_one_instance_per_parallel_request() {
    let fx = Fixture::new();
    let spec = Arc::new(fx.function("py-par", python_props(), &[("index.py", PY_SLEEP)]));
    let calls = (0..3).map(|_| fx.invoke(&spec, "0.5"));
    let results = futures_util::future::join_all(calls).await;
    let mut ids: Vec<_> = results.iter().map(|r| r.instance_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instance_concurrency_shares_one_instance_and_tags_logs() {
    let fx = Fixture::new();
    let props =
        json!({"runtime": "python3", "handler": "index.handler", "instanceConcurrency": 10});
    let spec = Arc::new(fx.function("py-conc", props, &[("index.py", PY_SLEEP)]));
    let invs: Vec<Invocation> = (0..4).map(|_| invocation("0.5")).collect();
    let calls = invs.iter().map(|i| fx.pool.invoke(spec.clone(), i.clone()));
    let results = futures_util::future::join_all(calls).await;
    let results: Vec<_> = results.into_iter().map(Result::unwrap).collect();
    assert!(results
        .iter()
        .all(|r| r.instance_id == results[0].instance_id));
    for (inv, result) in invs.iter().zip(&results) {
        let mine = format!("slept {}", inv.request_id);
        assert!(result.log_tail.contains(&mine), "{}", result.log_tail);
        assert_eq!(result.log_tail.matches("slept").count(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeout_kills_the_instance_and_reports_fc_error() {
    let fx = Fixture::new();
    let props = json!({"runtime": "python3", "handler": "index.handler", "timeout": 1});
    let spec = Arc::new(fx.function("py-timeout", props, &[("index.py", PY_SLEEP)]));
    let result = fx.invoke(&spec, "30").await;
    assert_eq!(result.outcome, Outcome::Timeout);
    assert_eq!(
        result.error_type.as_deref(),
        Some("UnhandledInvocationError")
    );
    let err: Value = serde_json::from_slice(&result.body).unwrap();
    let message = err["errorMessage"].as_str().unwrap();
    assert!(
        message.starts_with("Function timed out after 1 seconds (maxMemoryUsage: "),
        "{message}"
    );
    let next = fx.invoke(&spec, "0").await;
    assert_eq!(next.outcome, Outcome::Success, "{}", body(&next));
    assert_ne!(next.instance_id, result.instance_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_fails_only_its_request_and_the_instance_is_replaced() {
    let fx = Fixture::new();
    let code = "import os\ndef handler(event, context):\n    if event == b'die':\n        os._exit(1)\n    return 'alive'\n";
    let spec = Arc::new(fx.function("py-crash", python_props(), &[("index.py", code)]));
    let crashed = fx.invoke(&spec, "die").await;
    assert_eq!(crashed.outcome, Outcome::Crashed);
    let err: Value = serde_json::from_slice(&crashed.body).unwrap();
    assert!(err["errorMessage"]
        .as_str()
        .unwrap()
        .starts_with("Process exited unexpectedly before completing request (duration: "));
    let next = fx.invoke(&spec, "live").await;
    assert_eq!(body(&next), "alive");
    assert_ne!(next.instance_id, crashed.instance_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_beyond_memory_size_is_out_of_memory() {
    let fx = Fixture::new();
    let props =
        json!({"runtime": "python3", "handler": "index.handler", "memorySize": 128, "timeout": 20});
    let code = "import time\ndef handler(event, context):\n    data = bytearray(b'x') * (400 << 20)\n    time.sleep(15)\n    return str(len(data))\n";
    let spec = Arc::new(fx.function("py-oom", props, &[("index.py", code)]));
    let result = fx.invoke(&spec, "").await;
    assert_eq!(result.outcome, Outcome::OutOfMemory, "{}", body(&result));
    assert!(body(&result).contains("memorySize of 128MB"));
    assert!(result.max_memory_mb > 128);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initializer_runs_once_per_instance_and_pre_stop_before_retire() {
    let fx = Fixture::new();
    let props = json!({"runtime": "python3", "handler": "index.handler", "instanceLifecycleConfig": {
        "initializer": {"handler": "index.init", "timeout": 5},
        "preStop": {"handler": "index.bye", "timeout": 5}}});
    let code = "COUNT = []\ndef init(context):\n    COUNT.append(context.request_id)\ndef handler(event, context):\n    return str(len(COUNT))\ndef bye(context):\n    print('bye from pre-stop')\n";
    let spec = Arc::new(fx.function("py-init", props, &[("index.py", code)]));
    assert_eq!(body(&fx.invoke(&spec, "").await), "1");
    assert_eq!(body(&fx.invoke(&spec, "").await), "1");
    assert!(fx.sink.text().contains("FC Initialize Start RequestId:"));
    fx.pool.retire("py-init").await;
    assert!(
        fx.sink.text().contains("bye from pre-stop"),
        "{}",
        fx.sink.text()
    );
    assert!(fx.pool.instances("py-init").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retire_then_new_code_is_seen() {
    let fx = Fixture::new();
    let v1 = "def handler(event, context):\n    return 'v1'\n";
    let mut spec = fx.function("py-retire", python_props(), &[("index.py", v1)]);
    let first = fx.invoke(&Arc::new(spec.clone()), "").await;
    assert_eq!(body(&first), "v1");
    write_files(
        &spec.code_dir,
        &[(
            "index.py",
            "def handler(event, context):\n    return 'v2'\n",
        )],
    );
    fx.pool.retire("py-retire").await;
    spec.generation = 2;
    let second = fx.invoke(&Arc::new(spec), "").await;
    assert_eq!(body(&second), "v2");
    assert_ne!(first.instance_id, second.instance_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reserved_concurrency_throttles_the_excess() {
    let fx = Fixture::new();
    let props = json!({"runtime": "python3", "handler": "index.handler", "timeout": 20});
    let mut spec = fx.function("py-throttle", props, &[("index.py", PY_SLEEP)]);
    spec.reserved_concurrency = Some(1);
    let spec = Arc::new(spec);
    let long = fx.invoke(&spec, "3");
    let short = async {
        wait_until("the long request to run", || {
            !fx.pool.instances("py-throttle").is_empty()
        })
        .await;
        fx.pool.invoke(spec.clone(), invocation("0")).await
    };
    let (long, short) = tokio::join!(long, short);
    assert_eq!(long.outcome, Outcome::Success);
    assert!(matches!(short, Err(PoolError::Throttled(_))));
    let records = fx.sink.records.lock().unwrap().clone();
    assert!(records.iter().any(|r| r.outcome == Outcome::Throttled));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_request_kills_the_running_instance() {
    let fx = Fixture::new();
    let props = json!({"runtime": "python3", "handler": "index.handler", "timeout": 30});
    let spec = Arc::new(fx.function("py-stop", props, &[("index.py", PY_SLEEP)]));
    let inv = invocation("20");
    let rid = inv.request_id.clone();
    let run = fx.pool.invoke(spec.clone(), inv);
    let stop = async {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !fx.pool.stop_request(&rid).await {
            assert!(Instant::now() < deadline, "request never ran");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    let (result, ()) = tokio::join!(run, stop);
    let result = result.unwrap();
    assert_eq!(result.outcome, Outcome::Error);
    assert!(body(&result).contains("stopped"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_instances_are_reaped() {
    let fx = Fixture::with_idle(Duration::from_millis(200));
    let spec = Arc::new(fx.function("py-reap", python_props(), &[("index.py", PY_ECHO)]));
    fx.invoke(&spec, "1").await;
    wait_until("the idle instance to be reaped", || {
        fx.pool.instances("py-reap").is_empty()
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_on_shows_code_at_slash_code_and_off_runs_in_the_code_dir() {
    let fx = Fixture::new();
    fx.pool.set_sandbox(false);
    let spec = Arc::new(fx.function("py-plain", python_props(), &[("index.py", PY_ECHO)]));
    let out: Value = serde_json::from_slice(&fx.invoke(&spec, "{}").await.body).unwrap();
    assert_eq!(out["cwd"], spec.code_dir.display().to_string());
    assert_ne!(out["tmp"], "/tmp");
    assert!(fx.sink.text().contains("the sandbox is off"));
    if !crate::engine::runtime::sandbox_available() {
        return;
    }
    fx.pool.set_sandbox(true);
    let spec = Arc::new(fx.function("py-boxed", python_props(), &[("index.py", PY_ECHO)]));
    let out: Value = serde_json::from_slice(&fx.invoke(&spec, "{}").await.body).unwrap();
    assert_eq!(out["cwd"], "/code");
    assert_eq!(out["tmp"], "/tmp");
    assert_eq!(out["code_path"], "/code/");
}

const NODE_CJS: &str = r#"
exports.handler = async (event, context) => {
  console.log('node got', event.toString());
  return { isBuffer: Buffer.isBuffer(event), requestId: context.requestId, name: context.function.name };
};
exports.cb = (event, context, callback) => {
  if (event.toString() === 'fail') return callback(new Error('handled failure'));
  callback(null, Buffer.from('raw-bytes'));
};
exports.boom = async () => { throw new TypeError('thrown'); };
"#;

fn node_props(handler: &str) -> Value {
    json!({"runtime": "nodejs20", "handler": handler})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_commonjs_async_and_callback_handlers() {
    let fx = Fixture::new();
    let files = [("index.js", NODE_CJS)];
    let spec = Arc::new(fx.function("node-async", node_props("index.handler"), &files));
    let inv = invocation("hello");
    let rid = inv.request_id.clone();
    let result = fx.pool.invoke(spec, inv).await.unwrap();
    assert_eq!(result.outcome, Outcome::Success, "{}", body(&result));
    let out: Value = serde_json::from_slice(&result.body).unwrap();
    assert_eq!(
        out,
        json!({"isBuffer": true, "requestId": rid, "name": "node-async"})
    );
    assert!(result.log_tail.contains("node got hello"));

    let spec = Arc::new(fx.function("node-cb", node_props("index.cb"), &files));
    assert_eq!(body(&fx.invoke(&spec, "ok").await), "raw-bytes");
    let failed = fx.invoke(&spec, "fail").await;
    assert_eq!(failed.error_type.as_deref(), Some("HandledInvocationError"));
    let err: Value = serde_json::from_slice(&failed.body).unwrap();
    assert_eq!(err["errorMessage"], "handled failure");
    assert!(err["stackTrace"].is_array());

    let spec = Arc::new(fx.function("node-boom", node_props("index.boom"), &files));
    let thrown = fx.invoke(&spec, "").await;
    assert_eq!(
        thrown.error_type.as_deref(),
        Some("UnhandledInvocationError")
    );
    assert!(body(&thrown).contains("TypeError"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_es_modules_load_from_mjs_and_type_module() {
    let fx = Fixture::new();
    let esm = "export const handler = async (event, context) => `esm:${event}`;\n";
    let spec = Arc::new(fx.function(
        "node-mjs",
        node_props("index.handler"),
        &[("index.mjs", esm)],
    ));
    assert_eq!(body(&fx.invoke(&spec, "a").await), "esm:a");
    let files = [("index.js", esm), ("package.json", r#"{"type":"module"}"#)];
    let spec = Arc::new(fx.function("node-type-module", node_props("index.handler"), &files));
    assert_eq!(body(&fx.invoke(&spec, "b").await), "esm:b");
}

const CUSTOM_BOOTSTRAP: &str = r#"#!/usr/bin/env python3
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        rid = self.headers.get("x-fc-request-id")
        print("custom saw", rid, flush=True)
        status = 500 if body == b"fail" else 200
        out = b"custom:" + body
        self.send_response(status)
        self.send_header("content-length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    def log_message(self, *args):
        pass

HTTPServer(("0.0.0.0", int(os.environ["FC_CUSTOM_LISTEN_PORT"])), H).serve_forever()
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_runtime_serves_invoke_on_its_own_port() {
    let fx = Fixture::new();
    // A sandboxed custom runtime runs under the `s` binary as its init, which a unit test
    // binary is not; the integration tests cover the sandboxed path.
    fx.pool.set_sandbox(false);
    let props = json!({"runtime": "custom.debian10", "handler": "index.handler",
        "customRuntimeConfig": {"command": ["/code/bootstrap"], "port": 9000}});
    let spec = Arc::new(fx.function("custom", props, &[("bootstrap", CUSTOM_BOOTSTRAP)]));
    let result = fx.invoke(&spec, "ping").await;
    assert_eq!(body(&result), "custom:ping");
    assert!(
        result.log_tail.contains("custom saw"),
        "{}",
        result.log_tail
    );
    let failed = fx.invoke(&spec, "fail").await;
    assert_eq!(failed.outcome, Outcome::Error);
    assert_eq!(
        failed.error_type.as_deref(),
        Some("UnhandledInvocationError")
    );
    assert_eq!(failed.instance_id, result.instance_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_runtime_start_file_problems_have_fc_codes() {
    let fx = Fixture::new();
    // A sandboxed custom runtime runs under the `s` binary as its init, which a unit test
    // binary is not; the integration tests cover the sandboxed path.
    fx.pool.set_sandbox(false);
    let props = json!({"runtime": "custom", "handler": "index.handler"});
    let missing = Arc::new(fx.function("custom-missing", props.clone(), &[("other", "")]));
    let err = fx.pool.invoke(missing, invocation("")).await.unwrap_err();
    assert!(
        matches!(
            err,
            PoolError::StartFailed {
                code: fc::ErrorCode::CaFileNotFound,
                ..
            }
        ),
        "{err}"
    );

    let plain = Arc::new(fx.function("custom-perm", props.clone(), &[("run.sh", "#!/bin/sh\n")]));
    std::fs::rename(
        plain.code_dir.join("run.sh"),
        plain.code_dir.join("bootstrap"),
    )
    .unwrap();
    let err = fx.pool.invoke(plain, invocation("")).await.unwrap_err();
    assert!(
        matches!(
            err,
            PoolError::StartFailed {
                code: fc::ErrorCode::CaFilePermission,
                ..
            }
        ),
        "{err}"
    );

    let exits = Arc::new(fx.function(
        "custom-exit",
        props,
        &[("bootstrap", "#!/bin/sh\nexit 3\n")],
    ));
    let err = fx.pool.invoke(exits, invocation("")).await.unwrap_err();
    assert!(
        matches!(
            err,
            PoolError::StartFailed {
                code: fc::ErrorCode::CaExited,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("exit code 3"), "{err}");
}
