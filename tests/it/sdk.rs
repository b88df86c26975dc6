//! The official FC 3.0 Python SDK (`alibabacloud-fc20230330`), unchanged, against a real
//! engine: the script in `tests/sdk/` creates, gets, updates, lists and deletes a function,
//! manages a trigger, and invokes with `x-fc-log-type: Tail`.
//! A second script invokes asynchronously with a task id and follows the task with
//! get_async_task, list_async_tasks and stop_async_task.
//!
//! The SDK lives in a virtualenv: `S_SDK_PYTHON` names its python, else `.venv-sdk/bin/python`
//! in the repository (made by `.ci/setup`). A missing SDK fails the test, never skips it.

use std::path::PathBuf;
use std::process::Command;

use crate::common::TestEngine;

const SETUP: &str = ".ci/setup";

/// The python that has the SDK installed.
fn sdk_python() -> PathBuf {
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

#[test]
fn official_python_sdk_drives_the_engine_unchanged() {
    let python = sdk_python();
    let engine = TestEngine::start();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/fc_sdk_roundtrip.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg(format!("127.0.0.1:{}", engine.port))
        .env("NO_PROXY", "127.0.0.1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", python.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "SDK script failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- engine log\n{}",
        engine.log()
    );
    for step in [
        "create", "get", "update", "list", "trigger", "errors", "invoke", "delete",
    ] {
        assert!(
            stdout.contains(&format!("{step} ok")),
            "missing step `{step}`:\n{stdout}"
        );
    }
}

#[test]
fn official_python_sdk_invokes_async_and_follows_and_stops_tasks() {
    let python = sdk_python();
    let engine = TestEngine::start();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/fc_sdk_async.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg(format!("127.0.0.1:{}", engine.port))
        .env("NO_PROXY", "127.0.0.1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", python.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "SDK async script failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- engine log\n{}",
        engine.log()
    );
    for step in ["async-invoke", "get", "list", "stop"] {
        assert!(
            stdout.contains(&format!("{step} ok")),
            "missing step `{step}`:\n{stdout}"
        );
    }
}
