//! Integration tests: `s logs` (filters, live tail across instances and an engine restart)
//! and `s metrics` (exact counts, Prometheus exposition) against a private engine.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{fc_project, run, s, text, wait_for, TestEngine, Workspace};

const MIX_PY: &str = "import time\n\ndef handler(event, context):\n    kind = event.decode()\n    print('run', kind, 'marker-' + kind)\n    if kind == 'error':\n        raise ValueError('boom')\n    if kind == 'timeout':\n        time.sleep(5)\n    return kind\n";

fn mix_project() -> Workspace {
    fc_project(
        "functionName: mix\nruntime: python3.10\nhandler: index.handler\ntimeout: 1",
        &[("index.py", MIX_PY)],
    )
}

fn deploy(engine: &TestEngine, ws: &Workspace) {
    let out = run(engine, ws, &["deploy", "-y"]);
    assert!(
        out.status.success(),
        "deploy failed:\n{}",
        text(&out.stderr)
    );
}

/// `s invoke -o json -e <event>`, parsed whether the function failed or not.
fn invoke(engine: &TestEngine, ws: &Workspace, event: &str) -> Value {
    let out = run(engine, ws, &["invoke", "-o", "json", "-e", event]);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("invoke printed no JSON ({e}): {}", text(&out.stderr)))
}

/// `s logs -o json <args>`: one object per line.
fn logs(engine: &TestEngine, ws: &Workspace, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["logs", "-o", "json"];
    all.extend_from_slice(args);
    let out = run(engine, ws, &all);
    assert!(out.status.success(), "s logs failed: {}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn texts(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["text"].as_str().unwrap().to_string())
        .collect()
}

fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[test]
fn logs_of_an_invocation_are_found_by_request_id_keyword_time_and_type() {
    let engine = TestEngine::start();
    let ws = mix_project();
    deploy(&engine, &ws);
    let before = now_ms() - 1;
    let ok = invoke(&engine, &ws, "ok");
    let failed = invoke(&engine, &ws, "error");
    let ok_id = ok["requestId"].as_str().unwrap().to_string();
    let failed_id = failed["requestId"].as_str().unwrap().to_string();

    // Lines are stored in the background: wait until the second invocation's are there.
    let by_request = wait_for(
        "the lines of the failed request",
        Duration::from_secs(10),
        || {
            let lines = logs(&engine, &ws, &["--request-id", &failed_id]);
            texts(&lines)
                .iter()
                .any(|t| t.starts_with("FC Invoke End"))
                .then_some(lines)
        },
    );
    assert!(by_request
        .iter()
        .all(|l| l["requestId"] == failed_id.as_str()));
    assert!(texts(&by_request).contains(&"run error marker-error".to_string()));
    assert!(by_request
        .iter()
        .all(|l| l["function"] == "mix" && l["time"].is_string()));

    let found = logs(&engine, &ws, &["--keyword", "MARKER-OK"]);
    assert_eq!(texts(&found), vec!["run ok marker-ok"]);
    assert_eq!(found[0]["requestId"], ok_id.as_str());

    let failing = logs(&engine, &ws, &["--type", "fail"]);
    assert!(!failing.is_empty());
    assert!(failing.iter().all(|l| l["requestId"] == failed_id.as_str()));
    let succeeding = logs(&engine, &ws, &["--type", "success", "--search", "marker"]);
    assert_eq!(texts(&succeeding), vec!["run ok marker-ok"]);

    let since = before.to_string();
    let hits = |args: &[&str]| logs(&engine, &ws, &[args, &["--request-id", &ok_id]].concat());
    assert!(!hits(&["-s", &since]).is_empty(), "epoch ms start");
    assert!(!hits(&["-s", "1h"]).is_empty(), "relative start");
    assert!(
        !hits(&["-s", &rfc3339(before)]).is_empty(),
        "RFC 3339 start"
    );
    assert!(
        hits(&["-e", &since]).is_empty(),
        "end before the invocation"
    );
    let later = rfc3339(now_ms() + 3_600_000);
    assert!(
        hits(&["-s", &later]).is_empty(),
        "start after the invocation"
    );
    assert!(hits(&["--instance-id", "c-none"]).is_empty());
}

/// A running `s logs --tail -o json`: stdout and stderr lines arrive on channels.
struct Tail {
    child: Child,
    out: Receiver<String>,
    err: Receiver<String>,
}

impl Tail {
    fn start(engine: &TestEngine, ws: &Workspace) -> Tail {
        let mut child = engine
            .cmd()
            .current_dir(ws.path())
            .args(["logs", "--tail", "-o", "json"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = lines_of(child.stdout.take().unwrap());
        let err = lines_of(child.stderr.take().unwrap());
        Tail { child, out, err }
    }

    /// Wait (up to a deadline) for a stderr line containing `text`.
    fn expect_message(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Ok(line) = self.err.recv_timeout(deadline - Instant::now()) {
            if line.contains(text) {
                return;
            }
        }
        panic!("`s logs --tail` never said `{text}`");
    }

    /// Lines up to and including the first whose text contains `text`.
    fn lines_until(&self, text: &str) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while let Ok(line) = self
            .out
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            let value: Value = serde_json::from_str(&line).unwrap();
            let done = value["text"].as_str().unwrap().contains(text);
            seen.push(value);
            if done {
                return seen;
            }
        }
        panic!("`s logs --tail` never printed `{text}`; got {seen:?}");
    }
}

impl Drop for Tail {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines_of(reader: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

fn instance_of(lines: &[Value], text: &str) -> String {
    lines
        .iter()
        .find(|l| l["text"].as_str().unwrap().contains(text))
        .map(|l| l["instanceId"].as_str().unwrap().to_string())
        .unwrap()
}

#[test]
fn tail_follows_new_lines_across_instances_and_an_engine_restart() {
    let mut engine = TestEngine::start();
    let ws = mix_project();
    deploy(&engine, &ws);
    invoke(&engine, &ws, "before-tail");
    let tail = Tail::start(&engine, &ws);
    tail.expect_message("Following");

    invoke(&engine, &ws, "first");
    let mut seen = tail.lines_until("marker-first");
    assert!(
        seen.iter()
            .all(|l| !l["text"].as_str().unwrap().contains("before-tail")),
        "lines from before the tail started: {seen:?}"
    );
    let first_instance = instance_of(&seen, "marker-first");

    // New code retires the old instance: the next line comes from a new one.
    ws.write("code/index.py", MIX_PY.replace("'run'", "'run v2'"));
    deploy(&engine, &ws);
    invoke(&engine, &ws, "second");
    seen.extend(tail.lines_until("marker-second"));
    assert_ne!(instance_of(&seen, "marker-second"), first_instance);

    engine.restart();
    invoke(&engine, &ws, "third");
    seen.extend(tail.lines_until("marker-third"));

    let ids: Vec<i64> = seen.iter().map(|l| l["id"].as_i64().unwrap()).collect();
    let unique: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate lines: {ids:?}");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "out of order: {ids:?}");
}

fn summary(engine: &TestEngine, ws: &Workspace) -> Value {
    let out = run(engine, ws, &["metrics", "-o", "json", "--window", "1h"]);
    assert!(
        out.status.success(),
        "s metrics failed: {}",
        text(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["functions"][0]["function"], "mix");
    report["functions"][0].clone()
}

fn prometheus_samples(engine: &TestEngine) -> prometheus_parse::Scrape {
    let body = reqwest::blocking::get(format!("{}/_s/v1/metrics", engine.url))
        .unwrap()
        .text()
        .unwrap();
    let lines = body.lines().map(|l| Ok(l.to_string()));
    prometheus_parse::Scrape::parse(lines).expect("valid Prometheus exposition text")
}

fn sample(scrape: &prometheus_parse::Scrape, name: &str, labels: &[(&str, &str)]) -> f64 {
    let found = scrape
        .samples
        .iter()
        .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)));
    match found.map(|s| &s.value) {
        Some(prometheus_parse::Value::Counter(v)) | Some(prometheus_parse::Value::Gauge(v)) => *v,
        Some(prometheus_parse::Value::Untyped(v)) => *v,
        other => panic!("no sample {name}{labels:?}: {other:?}"),
    }
}

#[test]
fn metrics_count_a_known_mix_of_invocations_exactly() {
    let engine = TestEngine::start();
    let ws = mix_project();
    deploy(&engine, &ws);
    // Cold, warm, two errors (the instance survives them), a timeout (which kills the
    // instance), then a second cold start.
    for event in ["ok", "ok", "error", "error", "timeout", "ok"] {
        invoke(&engine, &ws, event);
    }
    let f = wait_for("six recorded invocations", Duration::from_secs(10), || {
        let f = summary(&engine, &ws);
        (f["summary"]["invocations"] == 6).then_some(f)
    });
    let s = &f["summary"];
    assert_eq!(s["errors"], 3, "{s}");
    assert_eq!(s["timeouts"], 1, "{s}");
    assert_eq!(s["throttles"], 0, "{s}");
    assert_eq!(s["coldStarts"], 2, "{s}");
    assert!(s["durationMaxMs"].as_f64().unwrap() >= 900.0, "{s}");
    assert!(s["durationP50Ms"].as_f64().unwrap() <= s["durationP99Ms"].as_f64().unwrap());
    assert!(s["maxMemoryMb"].as_u64().unwrap() > 0, "{s}");
    assert!(s["peakConcurrentInstances"].as_u64().unwrap() >= 1, "{s}");
    let buckets = f["buckets"].as_array().unwrap();
    let total: u64 = buckets
        .iter()
        .map(|b| b["invocations"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 6);

    let scrape = prometheus_samples(&engine);
    let outcome = |o: &str| {
        sample(
            &scrape,
            "s_function_invocations_total",
            &[("function", "mix"), ("outcome", o)],
        )
    };
    assert_eq!(
        (outcome("ok"), outcome("error"), outcome("timeout")),
        (3.0, 2.0, 1.0)
    );
    let cold = sample(
        &scrape,
        "s_function_cold_starts_total",
        &[("function", "mix")],
    );
    assert_eq!(cold, 2.0);
    let histogram = scrape
        .samples
        .iter()
        .find(|s| s.metric == "s_function_duration_seconds")
        .expect("a duration histogram");
    match &histogram.value {
        prometheus_parse::Value::Histogram(buckets) => {
            assert_eq!(buckets.last().unwrap().count, 6.0);
        }
        other => panic!("not a histogram: {other:?}"),
    }

    let out = run(
        &engine,
        &ws,
        &["metrics", "--window", "30m", "--interval", "5m"],
    );
    let shown = text(&out.stdout);
    assert!(
        shown.contains("invocations 6   errors 3   timeouts 1"),
        "{shown}"
    );
    assert!(shown.contains("concurrent instances"), "{shown}");
}

#[test]
fn logs_and_metrics_on_fc_point_to_log_service() {
    let ws = mix_project();
    for command in ["logs", "metrics"] {
        let out = s()
            .current_dir(ws.path())
            .args([command, "--target", "fc"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(err.contains("Log Service"), "{err}");
        assert!(err.contains("hint:"), "{err}");
    }
}

const LOGGING_PY: &str = "import logging\n\ndef handler(event, context):\n    logging.getLogger().info('hello from %s', context.function.name)\n    print('plain print')\n    return 'ok'\n";

/// Two functions in one project, each invoked once.
fn two_function_project(engine: &TestEngine) -> Workspace {
    let ws = Workspace::new();
    let resource = |key: &str, name: &str| {
        format!("  {key}:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: {name}\n      runtime: python3.10\n      handler: index.handler\n      code: ./code\n")
    };
    ws.write(
        "s.yaml",
        format!(
            "edition: 3.0.0\nname: test\naccess: default\nresources:\n{}{}",
            resource("api", "api"),
            resource("worker", "order-worker")
        ),
    );
    ws.write("code/index.py", LOGGING_PY);
    deploy(engine, &ws);
    for resource in ["api", "worker"] {
        let out = run(engine, &ws, &[resource, "invoke", "-e", "{}"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    ws
}

#[test]
fn log_lines_show_one_time_a_short_request_id_and_the_function_when_several_are_shown() {
    let engine = TestEngine::start();
    let ws = two_function_project(&engine);
    let out = run(&engine, &ws, &["logs"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    for line in shown.lines() {
        assert!(
            line.chars().count() <= 100,
            "wider than 100 columns: {line}"
        );
    }
    insta::with_settings!({filters => vec![
        (r"1-[0-9a-f]{8}-[0-9a-f]{24}", "[REQUEST-ID]"),
        (r"\d{2}:\d{2}:\d{2}\.\d{3}  [0-9a-f]{8}", "[TIME]  [REQ]"),
    ]}, {
        insta::assert_snapshot!(shown, @r"
        [TIME]  [REQ]  api           FC Invoke Start RequestId: [REQUEST-ID]
        [TIME]  [REQ]  api           [INFO] hello from api
        [TIME]  [REQ]  api           plain print
        [TIME]  [REQ]  api           FC Invoke End RequestId: [REQUEST-ID]
        [TIME]  [REQ]  order-worker  FC Invoke Start RequestId: [REQUEST-ID]
        [TIME]  [REQ]  order-worker  [INFO] hello from order-worker
        [TIME]  [REQ]  order-worker  plain print
        [TIME]  [REQ]  order-worker  FC Invoke End RequestId: [REQUEST-ID]
        ");
    });

    // One function: its name would only repeat on every line.
    let out = run(&engine, &ws, &["worker", "logs"]);
    insta::with_settings!({filters => vec![
        (r"1-[0-9a-f]{8}-[0-9a-f]{24}", "[REQUEST-ID]"),
        (r"\d{2}:\d{2}:\d{2}\.\d{3}  [0-9a-f]{8}", "[TIME]  [REQ]"),
    ]}, {
        insta::assert_snapshot!(text(&out.stdout), @r"
        [TIME]  [REQ]  FC Invoke Start RequestId: [REQUEST-ID]
        [TIME]  [REQ]  [INFO] hello from order-worker
        [TIME]  [REQ]  plain print
        [TIME]  [REQ]  FC Invoke End RequestId: [REQUEST-ID]
        ");
    });
}

#[test]
fn an_empty_log_window_says_so_on_stderr_with_how_to_widen_it() {
    let engine = TestEngine::start();
    let ws = mix_project();
    deploy(&engine, &ws);
    let out = run(&engine, &ws, &["logs"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "", "stdout stays empty for scripts");
    insta::with_settings!({filters => vec![
        (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", "[TIME]"),
    ]}, {
        insta::assert_snapshot!(text(&out.stderr), @r"
        warning: no log lines of `mix` between [TIME] and [TIME]

        hint: `s logs` shows the last 20 minutes; look further back with `--start-time` (e.g. `-s 2h`, `-s 1d`), or follow new lines with `--tail`
        ");
    });
}
