//! Integration tests: the command surface itself.

use crate::common::s;

#[test]
fn version_prints_the_crate_version() {
    let out = s().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("s {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn every_command_has_help() {
    for cmd in [
        "init",
        "preview",
        "package",
        "deploy",
        "invoke",
        "info",
        "remove",
        "logs",
        "metrics",
        "config",
        "build",
        "local",
        "task",
        "queue",
        "engine",
        "console",
        "completions",
    ] {
        let out = s().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success(), "`s {cmd} --help` failed");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: s"),
            "`s {cmd} --help` printed no usage"
        );
    }
}

#[test]
fn unknown_flag_is_a_usage_error_with_exit_code_2() {
    let out = s().arg("--no-such-flag").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Run `s args` (with `home` as `S_HOME`) with its stdout a pipe whose reader is already
/// gone, as in `s ... | head` once `head` has read enough.
fn with_closed_stdout(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    s().env("S_HOME", home)
        .args(args)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_stdout_is_success_not_a_panic() {
    let home = tempfile::tempdir().unwrap();
    let bucket = home.path().join("buckets/media");
    std::fs::create_dir_all(&bucket).unwrap();
    std::fs::write(bucket.join("a.txt"), "x").unwrap();
    let commands = [
        &["bucket", "ls"][..],
        &["bucket", "ls", "oss://media"],
        &["init", "--list"],
    ];
    for args in commands {
        let out = with_closed_stdout(home.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "`s {}`: {err}", args.join(" "));
        assert_eq!(out.status.code(), Some(0), "`s {}`: {err}", args.join(" "));
    }
}

#[test]
fn a_queue_or_bucket_that_does_not_exist_is_an_error_not_an_empty_answer() {
    let engine = crate::common::TestEngine::start();
    let ws = crate::common::Workspace::new();
    let run = |args: &[&str]| {
        engine
            .cmd()
            .current_dir(ws.path())
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["queue", "receive", "nosuch"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(crate::common::stdout(&out), "");
    insta::assert_snapshot!(crate::common::stderr(&out), @r"
    error: queue `nosuch` does not exist

    hint: a queue appears when an async destination or a dead-letter setting first delivers to it; there are no queues yet (`s queue list`)
    ");
    let out = run(&["queue", "peek", "nosuch"]);
    assert_eq!(out.status.code(), Some(1));

    let out = run(&["bucket", "ls", "oss://nosuch"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(crate::common::stdout(&out), "");
    insta::assert_snapshot!(crate::common::stderr(&out), @r"
    error: bucket `nosuch` does not exist

    hint: `s bucket ls` lists the buckets; `s bucket cp FILE oss://nosuch/KEY` creates this one
    ");

    // A queue the project delivers to is only empty until its first delivery.
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nname: q\nresources:\n  fn:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: f\n      runtime: python3.10\n      handler: index.handler\n      code: ./code\n      asyncInvokeConfig:\n        destinationConfig:\n          onFailure:\n            destination: acs:mns:cn-hangzhou:123:/queues/failures/messages\n",
    );
    let out = run(&["queue", "receive", "failures"]);
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    let out = run(&["queue", "receive", "failure"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a prefix of a named queue is no queue"
    );
}

#[test]
fn deploy_and_info_show_what_applies_to_a_timer_and_task_status_filters_take_any_case() {
    let engine = crate::common::TestEngine::start();
    let ws = crate::common::fc_project(
        "functionName: nightly\nruntime: python3.10\nhandler: index.handler\nasyncInvokeConfig:\n  asyncTask: true\ntriggers:\n  - triggerName: at-three\n    triggerType: timer\n    triggerConfig:\n      cronExpression: 0 0 3 * * *\n      enable: true\n",
        &[("index.py", "def handler(event, context):\n    return 'ok'\n")],
    );
    let deployed = crate::common::ok(&engine, &ws, &["deploy", "-y"]);
    assert!(deployed.contains("triggerName: at-three"), "{deployed}");
    assert!(!deployed.contains("url"), "no URL for a timer: {deployed}");

    let info: serde_json::Value =
        serde_json::from_str(&crate::common::ok(&engine, &ws, &["info", "-o", "json"])).unwrap();
    let next = info["fn"]["triggers"][0]["nextRun"]
        .as_str()
        .unwrap_or_default();
    assert!(
        regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T03:00:00Z$")
            .unwrap()
            .is_match(next),
        "{info}"
    );

    crate::common::ok(&engine, &ws, &["task", "list", "--status", "failed"]);
    let out = crate::common::run(&engine, &ws, &["task", "list", "--status", "broken"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(crate::common::stderr(&out), @r"
    error: `--status broken` is not a task status

    hint: use one of Enqueued, Dequeued, Running, Retrying, Stopping, Succeeded, Failed, Stopped, Expired, Invalid
    ");
}
