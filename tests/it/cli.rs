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
