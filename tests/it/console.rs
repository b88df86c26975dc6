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
    if data.get("sleep"):
        time.sleep(data["sleep"])
    return json.dumps({"done": data})
"#;

fn project() -> Workspace {
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nname: console-test\naccess: default\nresources:\n  fn:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: sleeper\n      description: sleeps as long as it is told\n      runtime: python3.10\n      handler: index.handler\n      memorySize: 128\n      timeout: 300\n      code: ./code\n      asyncInvokeConfig:\n        asyncTask: true\n",
    );
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
    let engine = TestEngine::start();
    let ws = project();
    s_ok(&engine, &ws, &["deploy", "-y"]);
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

    let out = Command::new("node")
        .current_dir(&dir)
        .arg("console.spec.mjs")
        .args([&engine.url, "sleeper", "long-job"])
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
    assert!(stdout.contains("7 passed, 0 failed"), "{stdout}");
    for name in [
        "functions",
        "function",
        "tasks",
        "task-running",
        "task-stopped",
        "logs",
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
