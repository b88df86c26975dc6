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
