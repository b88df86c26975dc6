//! The official FC 3.0 Python SDK (`alibabacloud-fc20230330`), unchanged, against a real
//! engine: the script in `tests/sdk/` creates, gets, updates, lists and deletes a function,
//! manages a trigger, and invokes with `x-fc-log-type: Tail`.
//! A second script invokes asynchronously with a task id and follows the task with
//! get_async_task, list_async_tasks and stop_async_task. Another lists FC's official layers,
//! gets one by ARN and creates a function that uses it; another manages custom domains
//! and sends requests through one.
//!
//! The SDK lives in a virtualenv: `S_SDK_PYTHON` names its python, else `.venv-sdk/bin/python`
//! in the repository (made by `.ci/setup`). A missing SDK fails the test, never skips it.

use std::path::PathBuf;
use std::process::Command;

use crate::common::TestEngine;

const SETUP: &str = ".ci/setup";

/// The python that has the SDK installed.
pub fn sdk_python() -> PathBuf {
    if let Some(python) = std::env::var_os("S_SDK_PYTHON").filter(|v| !v.is_empty()) {
        return PathBuf::from(python);
    }
    let local = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-sdk/bin/python");
    if !local.is_file() {
        panic!(
            "the FC Python SDK is missing: run `{SETUP}` in the repository, \
             or set S_SDK_PYTHON to a python that has it"
        );
    }
    local
}

/// Run `tests/sdk/<script>` against a fresh engine and check it printed `<step> ok` for
/// every step; a failure shows the script's output and the engine log.
fn run_sdk_script(script: &str, steps: &[&str]) {
    let python = sdk_python();
    let engine = TestEngine::start();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sdk")
        .join(script);
    let output = Command::new(&python)
        .arg(&path)
        .arg(format!("127.0.0.1:{}", engine.port))
        .env("NO_PROXY", "127.0.0.1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", python.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "SDK script `{script}` failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- engine log\n{}",
        engine.log()
    );
    for step in steps {
        assert!(
            stdout.contains(&format!("{step} ok")),
            "missing step `{step}`:\n{stdout}"
        );
    }
}

#[test]
fn official_python_sdk_drives_the_engine_unchanged() {
    run_sdk_script(
        "fc_sdk_roundtrip.py",
        &[
            "create", "get", "update", "list", "trigger", "errors", "invoke", "delete",
        ],
    );
}

#[test]
fn official_python_sdk_invokes_async_and_follows_and_stops_tasks() {
    run_sdk_script("fc_sdk_async.py", &["async-invoke", "get", "list", "stop"]);
}

#[test]
fn official_python_sdk_publishes_versions_and_routes_aliases() {
    run_sdk_script(
        "fc_sdk_versions.py",
        &[
            "publish",
            "list-versions",
            "invoke-version",
            "alias",
            "delete",
        ],
    );
}

#[test]
fn official_python_sdk_lists_and_uses_official_layers() {
    run_sdk_script("fc_sdk_layers.py", &["list", "get-by-arn", "function"]);
}

#[test]
fn official_python_sdk_manages_custom_domains() {
    run_sdk_script(
        "fc_sdk_domains.py",
        &["create", "get", "list", "route", "update", "delete"],
    );
}
