//! Integration tests: deploy and invoke real Python, Node.js and custom-runtime functions
//! through the CLI against a private engine.

use std::process::Output;

use serde_json::Value;

use crate::common::{
    fc_project, free_port, output_with_stdin, run, s, stderr, stdout, wait_for, TestEngine,
    Workspace,
};

fn deploy(engine: &TestEngine, ws: &Workspace) -> Output {
    let out = run(engine, ws, &["deploy", "-y"]);
    assert!(
        out.status.success(),
        "deploy failed:\n{}\nengine log:\n{}",
        stderr(&out),
        engine.log()
    );
    out
}

/// `s invoke -o json -e <event>` parsed: {requestId, instanceId, result, errorType, logs, ...}.
fn invoke_json(engine: &TestEngine, ws: &Workspace, event: &str) -> Value {
    let out = run(engine, ws, &["invoke", "-o", "json", "-e", event]);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "invoke -o json printed no JSON ({e}):\nstdout: {}\nstderr: {}",
            stdout(&out),
            stderr(&out)
        )
    })
}

const PY_HELLO: &str = "import json\n\ndef handler(event, context):\n    data = json.loads(event)\n    print('hello from python', context.request_id)\n    return 'hi ' + data['name']\n";

#[test]
fn python_function_deploys_and_invokes_with_fc_output() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: py-hello\nruntime: python3.10\nhandler: index.handler\nmemorySize: 128\ntimeout: 10",
        &[("index.py", PY_HELLO)],
    );
    deploy(&engine, &ws);
    let out = run(&engine, &ws, &["invoke", "-e", r#"{"name":"you"}"#]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "hi you");
    let err = stderr(&out);
    assert!(err.contains("FC invoke Logs begin"), "{err}");
    assert!(err.contains("hello from python"), "{err}");
    assert!(err.contains("FC Invoke Start RequestId:"), "{err}");
    assert!(err.contains("Request ID"), "{err}");
    assert!(err.contains("Max Memory Used"), "{err}");
}

#[test]
fn event_can_come_from_a_file_or_stdin() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: py-file\nruntime: python3.10\nhandler: index.handler",
        &[("index.py", PY_HELLO)],
    );
    deploy(&engine, &ws);
    ws.write("event.json", r#"{"name":"file"}"#);
    let out = run(&engine, &ws, &["invoke", "-f", "event.json"]);
    assert_eq!(stdout(&out).trim(), "hi file", "{}", stderr(&out));

    let out = output_with_stdin(
        engine
            .cmd()
            .current_dir(ws.path())
            .args(["invoke", "-f", "-"]),
        br#"{"name":"stdin"}"#,
    );
    assert_eq!(stdout(&out).trim(), "hi stdin", "{}", stderr(&out));
}

#[test]
fn nodejs_commonjs_and_esm_handlers_run() {
    let engine = TestEngine::start();
    let cjs = fc_project(
        "functionName: node-cjs\nruntime: nodejs18\nhandler: index.handler",
        &[(
            "index.js",
            "exports.handler = async (event, context) => {\n  console.log('cjs log', context.requestId);\n  return 'cjs ' + JSON.parse(event.toString()).n;\n};\n",
        )],
    );
    deploy(&engine, &cjs);
    let out = run(&engine, &cjs, &["invoke", "-e", r#"{"n":1}"#]);
    assert_eq!(stdout(&out).trim(), "cjs 1", "{}", stderr(&out));
    assert!(stderr(&out).contains("cjs log"));

    let esm = fc_project(
        "functionName: node-esm\nruntime: nodejs20\nhandler: index.handler",
        &[(
            "index.mjs",
            "export const handler = async (event) => ({ esm: JSON.parse(event.toString()).n });\n",
        )],
    );
    deploy(&engine, &esm);
    let out = run(&engine, &esm, &["invoke", "-e", r#"{"n":2}"#]);
    let result: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(result["esm"], 2, "{}", stderr(&out));

    let callback = fc_project(
        "functionName: node-cb\nruntime: nodejs16\nhandler: index.handler",
        &[(
            "index.js",
            "exports.handler = function (event, context, callback) { callback(null, 'cb ok'); };\n",
        )],
    );
    deploy(&engine, &callback);
    let out = run(&engine, &callback, &["invoke"]);
    assert_eq!(stdout(&out).trim(), "cb ok", "{}", stderr(&out));
}

#[test]
fn custom_runtime_serves_invoke_on_its_port() {
    let engine = TestEngine::start();
    let server = r#"#!/usr/bin/env python3
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

class H(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('content-length') or 0))
        rid = self.headers.get('x-fc-request-id')
        print('FC Invoke Start RequestId: ' + str(rid), flush=True)
        out = b'custom got ' + body
        self.send_response(200)
        self.send_header('content-length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)
        print('FC Invoke End RequestId: ' + str(rid), flush=True)
    def log_message(self, *a):
        pass

HTTPServer(('0.0.0.0', int(os.environ.get('FC_CUSTOM_LISTEN_PORT', '9000'))), H).serve_forever()
"#;
    let ws = fc_project(
        "functionName: custom-fn\nruntime: custom.debian10\nhandler: index.handler\ncustomRuntimeConfig:\n  command: ['python3', '/code/bootstrap']\n  port: 9000",
        &[("bootstrap", server)],
    );
    deploy(&engine, &ws);
    let out = run(&engine, &ws, &["invoke", "-e", "ping"]);
    assert_eq!(stdout(&out).trim(), "custom got ping", "{}", stderr(&out));
}

#[test]
fn warm_instance_is_reused_and_initializer_runs_once() {
    let engine = TestEngine::start();
    let code = "STATE = {'init': 0, 'calls': 0}\n\ndef initialize(context):\n    STATE['init'] += 1\n\ndef handler(event, context):\n    STATE['calls'] += 1\n    return '%d/%d' % (STATE['init'], STATE['calls'])\n";
    let ws = fc_project(
        "functionName: warm\nruntime: python3.10\nhandler: index.handler\ninstanceLifecycleConfig:\n  initializer:\n    handler: index.initialize\n    timeout: 10",
        &[("index.py", code)],
    );
    deploy(&engine, &ws);
    let first = invoke_json(&engine, &ws, "{}");
    let second = invoke_json(&engine, &ws, "{}");
    assert_eq!(first["body"], "1/1", "{first}");
    assert_eq!(second["body"], "1/2", "{second}");
    assert_eq!(first["instanceId"], second["instanceId"]);
}

/// Fire `n` invocations at once and return the distinct instance ids that served them.
fn parallel_instances(
    engine: &TestEngine,
    ws: &Workspace,
    n: usize,
) -> std::collections::BTreeSet<String> {
    let handles: Vec<_> = (0..n)
        .map(|_| {
            let mut cmd = engine.cmd();
            cmd.current_dir(ws.path())
                .args(["invoke", "-o", "json", "-e", "{}"]);
            std::thread::spawn(move || cmd.output().unwrap())
        })
        .collect();
    handles
        .into_iter()
        .map(|h| {
            let out = h.join().unwrap();
            let v: Value =
                serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stderr(&out)));
            assert!(v["errorType"].is_null(), "{v}");
            v["instanceId"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn instance_concurrency_decides_how_many_instances_start() {
    let engine = TestEngine::start();
    let code =
        "import time\n\ndef handler(event, context):\n    time.sleep(1.0)\n    return 'ok'\n";
    let single = fc_project(
        "functionName: one-per\nruntime: python3.10\nhandler: index.handler\ninstanceConcurrency: 1\ntimeout: 30",
        &[("index.py", code)],
    );
    deploy(&engine, &single);
    assert_eq!(parallel_instances(&engine, &single, 4).len(), 4);

    let shared = fc_project(
        "functionName: ten-per\nruntime: python3.10\nhandler: index.handler\ninstanceConcurrency: 10\ntimeout: 30",
        &[("index.py", code)],
    );
    deploy(&engine, &shared);
    assert_eq!(parallel_instances(&engine, &shared, 4).len(), 1);
}

#[test]
fn timeout_kills_the_handler_and_reports_fc_timeout() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: slow\nruntime: python3.10\nhandler: index.handler\ntimeout: 1",
        &[(
            "index.py",
            "import time\n\ndef handler(event, context):\n    time.sleep(30)\n    return 'late'\n",
        )],
    );
    deploy(&engine, &ws);
    let out = run(&engine, &ws, &["invoke"]);
    assert_eq!(out.status.code(), Some(1));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("timed out after 1 seconds"), "{all}");
}

#[test]
fn crashed_instance_fails_only_its_request_and_is_replaced() {
    let engine = TestEngine::start();
    let code = "import os, json\n\ndef handler(event, context):\n    if json.loads(event).get('crash'):\n        os._exit(3)\n    return 'alive'\n";
    let ws = fc_project(
        "functionName: crashy\nruntime: python3.10\nhandler: index.handler",
        &[("index.py", code)],
    );
    deploy(&engine, &ws);
    let crashed = invoke_json(&engine, &ws, r#"{"crash":true}"#);
    assert!(!crashed["errorType"].is_null(), "{crashed}");
    assert!(
        crashed["body"]
            .as_str()
            .unwrap_or_default()
            .contains("exited unexpectedly"),
        "{crashed}"
    );
    let next = invoke_json(&engine, &ws, "{}");
    assert_eq!(next["body"], "alive", "{next}");
    assert_ne!(next["instanceId"], crashed["instanceId"]);
}

#[test]
fn memory_limit_is_enforced() {
    let engine = TestEngine::start();
    let code = "def handler(event, context):\n    hog = bytearray(400 * 1024 * 1024)\n    for i in range(0, len(hog), 4096):\n        hog[i] = 1\n    return 'survived'\n";
    let ws = fc_project(
        "functionName: hog\nruntime: python3.10\nhandler: index.handler\nmemorySize: 128\ntimeout: 30",
        &[("index.py", code)],
    );
    deploy(&engine, &ws);
    let out = invoke_json(&engine, &ws, "{}");
    assert!(!out["errorType"].is_null(), "{out}");
    let text = out.to_string().to_lowercase();
    assert!(text.contains("memory"), "{out}");
    assert_ne!(out["body"], "survived");
}

#[test]
fn function_error_prints_type_message_and_exits_1() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: boom\nruntime: python3.10\nhandler: index.handler",
        &[(
            "index.py",
            "def handler(event, context):\n    raise ValueError('bad input here')\n",
        )],
    );
    deploy(&engine, &ws);
    let out = run(&engine, &ws, &["invoke"]);
    assert_eq!(out.status.code(), Some(1));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("ValueError"), "{all}");
    assert!(all.contains("bad input here"), "{all}");
    assert!(all.contains("UnhandledInvocationError"), "{all}");
}

#[test]
fn updated_code_is_seen_and_unchanged_code_is_not_uploaded() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: versions\nruntime: python3.10\nhandler: index.handler",
        &[(
            "index.py",
            "def handler(event, context):\n    return 'v1'\n",
        )],
    );
    let first = deploy(&engine, &ws);
    assert!(
        stderr(&first).contains("code uploaded"),
        "{}",
        stderr(&first)
    );
    assert_eq!(invoke_json(&engine, &ws, "{}")["body"], "v1");

    let again = deploy(&engine, &ws);
    assert!(
        stderr(&again).contains("code unchanged"),
        "{}",
        stderr(&again)
    );

    ws.write(
        "code/index.py",
        "def handler(event, context):\n    return 'v2'\n",
    );
    let changed = deploy(&engine, &ws);
    assert!(stderr(&changed).contains("code uploaded"));
    assert_eq!(invoke_json(&engine, &ws, "{}")["body"], "v2");
}

#[test]
fn engine_restart_keeps_deployed_functions() {
    let mut engine = TestEngine::start();
    let ws = fc_project(
        "functionName: durable\nruntime: python3.10\nhandler: index.handler",
        &[("index.py", PY_HELLO)],
    );
    deploy(&engine, &ws);
    engine.restart();
    let out = run(&engine, &ws, &["invoke", "-e", r#"{"name":"again"}"#]);
    assert_eq!(stdout(&out).trim(), "hi again", "{}", stderr(&out));
}

#[test]
fn unsupported_runtime_is_refused_at_deploy() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: javafn\nruntime: java11\nhandler: example.App::handleRequest",
        &[("App.java", "class App {}")],
    );
    let out = run(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("java11"), "{err}");
    assert!(
        err.contains("python3"),
        "the hint lists local runtimes: {err}"
    );
}

#[test]
fn info_shows_and_remove_deletes_the_function() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: gone-soon\nruntime: python3.10\nhandler: index.handler\nmemorySize: 256",
        &[("index.py", PY_HELLO)],
    );
    deploy(&engine, &ws);
    let info = run(&engine, &ws, &["info", "-o", "json"]);
    let value: Value = serde_json::from_slice(&info.stdout).expect("info -o json");
    assert_eq!(value["fn"]["functionName"], "gone-soon");
    assert_eq!(value["fn"]["memorySize"], 256);

    let removed = run(&engine, &ws, &["remove", "-y"]);
    assert!(removed.status.success(), "{}", stderr(&removed));
    let out = run(&engine, &ws, &["invoke"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("FunctionNotFound"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("s deploy"), "{}", stderr(&out));
}

#[test]
fn remove_off_a_terminal_without_yes_names_the_flag() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: keep\nruntime: python3.10\nhandler: index.handler",
        &[("index.py", PY_HELLO)],
    );
    let out = run(&engine, &ws, &["remove"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("-y"), "{}", stderr(&out));
}

#[test]
fn deploy_starts_the_local_engine_when_none_runs() {
    let home = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}", free_port());
    let ws = fc_project(
        "functionName: auto\nruntime: python3.10\nhandler: index.handler",
        &[("index.py", PY_HELLO)],
    );
    let cmd = || {
        let mut c = s();
        c.env("S_HOME", home.path())
            .env("S_ENGINE", &url)
            .current_dir(ws.path());
        c
    };
    struct StopEngine<'a>(&'a dyn Fn() -> std::process::Command);
    impl Drop for StopEngine<'_> {
        fn drop(&mut self) {
            let _ = (self.0)().args(["engine", "stop"]).output();
        }
    }
    let _stop = StopEngine(&cmd);
    let out = cmd().args(["deploy", "-y"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("started local engine"),
        "{}",
        stderr(&out)
    );
    let out = cmd()
        .args(["invoke", "-e", r#"{"name":"auto"}"#])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).trim(), "hi auto", "{}", stderr(&out));
    let status = cmd()
        .args(["engine", "status", "-o", "json"])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&status.stdout).expect("status json");
    assert!(value["pid"].as_u64().is_some(), "{value}");
    wait_for("engine log file", std::time::Duration::from_secs(5), || {
        home.path().join("engine/engine.log").exists().then_some(())
    });
}

#[test]
fn python_root_logger_prints_info_with_the_request_id_like_fc() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: py-logging\nruntime: python3.10\nhandler: index.handler",
        &[(
            "index.py",
            "import logging\n\nlogger = logging.getLogger()\n\ndef handler(event, context):\n    logger.info('root says hi')\n    context.logger.warning('context says hi')\n    return 'ok'\n",
        )],
    );
    deploy(&engine, &ws);
    let out = invoke_json(&engine, &ws, "{}");
    let logs = out["logs"].as_str().unwrap();
    let request_id = out["requestId"].as_str().unwrap();
    assert!(
        logs.contains(&format!("{request_id} [INFO] root says hi")),
        "{logs}"
    );
    assert!(
        logs.contains(&format!("{request_id} [WARNING] context says hi")),
        "{logs}"
    );
}

#[test]
fn resource_prefix_picks_one_function_of_a_multi_resource_project() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nname: two\nresources:\n  first:\n    component: fc3\n    props:\n      functionName: multi-first\n      runtime: python3.10\n      handler: index.handler\n      code: ./a\n  second:\n    component: fc3\n    props:\n      functionName: multi-second\n      runtime: python3.10\n      handler: index.handler\n      code: ./b\n",
    );
    ws.write(
        "a/index.py",
        "def handler(event, context):\n    return 'from a'\n",
    );
    ws.write(
        "b/index.py",
        "def handler(event, context):\n    return 'from b'\n",
    );
    deploy(&engine, &ws);

    let out = run(&engine, &ws, &["second", "invoke"]);
    assert_eq!(stdout(&out).trim(), "from b", "{}", stderr(&out));
    let out = run(&engine, &ws, &["first", "invoke"]);
    assert_eq!(stdout(&out).trim(), "from a", "{}", stderr(&out));

    let ambiguous = run(&engine, &ws, &["invoke"]);
    assert_eq!(ambiguous.status.code(), Some(1));
    assert!(
        stderr(&ambiguous).contains("s <resource> invoke"),
        "{}",
        stderr(&ambiguous)
    );

    let typo = run(&engine, &ws, &["secnd", "invoke"]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(
        stderr(&typo).contains("did you mean `second`"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn debug_flag_shows_the_http_exchanges() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: traced\nruntime: python3.10\nhandler: index.handler",
        &[("index.py", PY_HELLO)],
    );
    deploy(&engine, &ws);
    let out = run(
        &engine,
        &ws,
        &["--debug", "invoke", "-e", r#"{"name":"dbg"}"#],
    );
    assert_eq!(stdout(&out).trim(), "hi dbg", "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("POST") && err.contains("/2023-03-30/functions/traced/invocations -> 200"),
        "{err}"
    );
}
