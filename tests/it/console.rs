//! The engine's web console end to end: `s console` prints its URL off a terminal, and a
//! real browser (Playwright driving the system's Chromium, `tests/console/console.spec.mjs`)
//! sees a deployed function, watches an async task run, stops it, and follows logs live.
//! Screenshots of every page land in `target/console-screenshots/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::common::{wait_for, TestEngine, Workspace};

const SLEEPER: &str = r#"import json, time

def handler(event, context):
    data = json.loads(event) if event else {}
    print("working on", json.dumps(data))
    for n in range(data.get("lines", 0)):
        print("line", n)
    if data.get("fail"):
        raise ValueError("told to fail")
    if data.get("sleep"):
        time.sleep(data["sleep"])
    return json.dumps({"done": data})
"#;

/// The function with an HTTP trigger, a Kafka trigger whose broker is down, a role, an OSS
/// mount and an onFailure queue: everything the function and task pages describe.
const MANIFEST: &str = r#"edition: 3.0.0
name: console-test
access: default
resources:
  fn:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: sleeper
      description: sleeps as long as it is told
      runtime: python3.10
      handler: index.handler
      memorySize: 128
      timeout: 300
      code: ./code
      role: acs:ram::1234567890123456:role/aliyunfcdefaultrole
      ossMountConfig:
        mountPoints:
          - bucketName: media-in
            bucketPath: /clips
            mountDir: /mnt/media
            readOnly: true
      asyncInvokeConfig:
        asyncTask: true
        maxAsyncRetryAttempts: 0
        destinationConfig:
          onFailure:
            destination: acs:mns:cn-hangzhou:1234567890123456:/queues/async-task-failed/messages
      triggers:
        - triggerName: tick
          triggerType: timer
          triggerConfig:
            cronExpression: "@every 2s"
            enable: true
        - triggerName: web
          triggerType: http
          triggerConfig:
            authType: anonymous
            methods: [GET, POST]
        - triggerName: orders
          triggerType: eventbridge
          triggerConfig:
            triggerEnable: true
            asyncInvocationType: false
            eventSourceConfig:
              eventSourceType: Kafka
              eventSourceParameters:
                sourceKafkaParameters:
                  RegionId: cn-hangzhou
                  InstanceId: alikafka_console
                  Topic: orders
                  ConsumerGroup: console
                  OffsetReset: latest
            eventSinkConfig:
              deliveryOption:
                mode: event-streaming
                eventSchema: CloudEvents
            runOptions:
              mode: event-streaming
              maximumTasks: 1
              errorsTolerance: ALL
"#;

fn project() -> Workspace {
    let ws = Workspace::new();
    ws.write("s.yaml", MANIFEST);
    ws.write("code/index.py", SLEEPER);
    ws
}

fn s_ok(engine: &TestEngine, ws: &Workspace, args: &[&str]) -> String {
    let out = engine
        .cmd()
        .current_dir(ws.path())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "`s {}` failed:\n{}\nengine log:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr),
        engine.log()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn console_command_prints_the_url_off_a_terminal() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    let out = s_ok(&engine, &ws, &["console"]);
    assert_eq!(out, format!("{}/_s/ui/\n", engine.url));
}

/// What the browser test needs; missing pieces fail the test with the fix, never skip it.
fn browser_test_setup() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/console");
    let chromium = std::env::var_os("S_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        chromium.exists(),
        "the console test needs Chromium at `{}`: run `bash .ci/setup` (apt-get install chromium)",
        chromium.display()
    );
    assert!(
        dir.join("node_modules/playwright-core/package.json")
            .exists(),
        "the console test needs playwright-core: run `bash .ci/setup` (npm ci in tests/console)"
    );
    (dir, root.join("target/console-screenshots"))
}

#[test]
fn browser_sees_a_function_runs_and_stops_a_task_and_follows_logs() {
    let (dir, shots) = browser_test_setup();
    let home = tempfile::tempdir().unwrap();
    let dead_broker = format!("127.0.0.1:{}", crate::common::free_port());
    std::fs::write(
        home.path().join("kafka.yaml"),
        format!("default: {dead_broker}\n"),
    )
    .unwrap();
    let engine = TestEngine::start_in(home, &[]);
    let ws = project();
    s_ok(&engine, &ws, &["deploy", "-y"]);
    // More lines than a screen holds, so opening at the newest one is visible.
    s_ok(&engine, &ws, &["invoke", "-e", r#"{"lines":80}"#]);
    s_ok(
        &engine,
        &ws,
        &[
            "invoke",
            "--invocation-type",
            "async",
            "--async-task-id",
            "failing-job",
            "-e",
            r#"{"fail":true}"#,
        ],
    );
    wait_for("the failing task to fail", Duration::from_secs(60), || {
        let out = s_ok(&engine, &ws, &["task", "get", "failing-job", "-o", "json"]);
        let task: Value = serde_json::from_str(&out).unwrap();
        (task["status"] == "Failed" && task["destinationStatus"].is_string()).then_some(())
    });
    // Some finished invocations, so the charts have something to draw.
    for n in 0..3 {
        s_ok(
            &engine,
            &ws,
            &["invoke", "-e", &format!(r#"{{"n":{n},"sleep":0.05}}"#)],
        );
    }
    let id = s_ok(
        &engine,
        &ws,
        &[
            "invoke",
            "--invocation-type",
            "async",
            "--async-task-id",
            "long-job",
            "-e",
            r#"{"sleep":240}"#,
        ],
    );
    assert_eq!(id.trim(), "long-job");
    wait_for("the task to run", Duration::from_secs(60), || {
        let out = s_ok(&engine, &ws, &["task", "get", "long-job", "-o", "json"]);
        let task: Value = serde_json::from_str(&out).unwrap();
        (task["status"] == "Running").then_some(())
    });

    // A timer tick or two, which the tasks page hides by default.
    wait_for("a timer tick's task", Duration::from_secs(60), || {
        let out = s_ok(&engine, &ws, &["task", "list", "-o", "json"]);
        let tasks: Vec<Value> = serde_json::from_str(&out).unwrap();
        (tasks.len() > 2).then_some(())
    });

    let out = Command::new("node")
        .current_dir(&dir)
        .arg("console.spec.mjs")
        .args([&engine.url, "sleeper", "long-job", "failing-job"])
        .arg(&shots)
        .output()
        .expect("run node (install it with `bash .ci/setup`)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the browser test failed (screenshots in `{}`):\n{stdout}\n{}\nengine log:\n{}",
        shots.display(),
        String::from_utf8_lossy(&out.stderr),
        engine.log()
    );
    assert!(stdout.contains("11 passed, 0 failed"), "{stdout}");
    for name in [
        "functions",
        "function",
        "tasks",
        "tasks-with-ticks",
        "task-running",
        "task-stopped",
        "function-triggers",
        "task-failed",
        "logs",
        "logs-of-one-request",
    ] {
        assert!(
            shots.join(format!("{name}.png")).exists(),
            "screenshot {name}"
        );
    }
    let task: Value = serde_json::from_str(&s_ok(
        &engine,
        &ws,
        &["task", "get", "long-job", "-o", "json"],
    ))
    .unwrap();
    assert_eq!(task["status"], "Stopped");
}
