//! `s local invoke`: run a project's function once from its code folder, print it like FC.

use crate::common::{s, Workspace};

const MANIFEST: &str = r#"edition: 3.0.0
name: demo
resources:
  hello:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: hello
      runtime: python3.10
      handler: index.handler
      memorySize: 128
      code: ./code
"#;

const HANDLER: &str = r#"
def handler(event, context):
    print("event", event.decode())
    if event == b"fail":
        raise RuntimeError("nope")
    return "hello " + event.decode()
"#;

fn project() -> Workspace {
    let ws = Workspace::new();
    ws.write("s.yaml", MANIFEST);
    ws.write("code/index.py", HANDLER);
    ws
}

#[test]
fn local_invoke_prints_logs_summary_and_result() {
    let ws = project();
    let out = s()
        .current_dir(ws.path())
        .args(["local", "invoke", "-e", "world"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "hello world");
    assert!(
        stderr.contains("========= FC invoke Logs begin ========="),
        "{stderr}"
    );
    assert!(stderr.contains("event world"), "{stderr}");
    assert!(stderr.contains("FC Invoke End RequestId: 1-"), "{stderr}");
    assert!(stderr.contains("Memory Size: 128 MB"), "{stderr}");
    assert!(stderr.contains("Instance ID: c-"), "{stderr}");
}

#[test]
fn local_invoke_function_error_exits_1_with_the_error_on_stderr() {
    let ws = project();
    let out = s()
        .current_dir(ws.path())
        .args(["local", "invoke", "-e", "fail"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("function failed (UnhandledInvocationError)"),
        "{stderr}"
    );
    assert!(stderr.contains("RuntimeError: nope"), "{stderr}");
    assert!(stderr.contains("in handler"), "{stderr}");
}

#[test]
fn local_invoke_reads_the_event_from_stdin_and_prints_json() {
    use std::io::Write;
    let ws = project();
    let mut child = s()
        .current_dir(ws.path())
        .args(["local", "invoke", "-f", "-", "-o", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"stdin").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["body"], "hello stdin");
    assert_eq!(json["memorySizeMB"], 128);
    assert!(json["logs"].as_str().unwrap().contains("event stdin"));
}

#[test]
fn local_invoke_runs_without_the_sandbox_when_told() {
    let ws = project();
    ws.write(
        "code/index.py",
        "import os\ndef handler(event, context):\n    return os.getcwd()\n",
    );
    let out = s()
        .current_dir(ws.path())
        .env("S_SANDBOX", "off")
        .args(["local", "invoke"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cwd = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let expected = ws.path().join("code").canonicalize().unwrap();
    assert_eq!(cwd, expected.display().to_string());
}
