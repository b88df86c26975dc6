//! A malicious function against the engine: in the sandbox it cannot read another
//! function's code or the engine's state (the database, `S_HOME`), cannot write to `/code`,
//! and, sandboxed or not, cannot leave processes behind once its instance is gone.
//!
//! The engine's state lives under the build's temp dir here, not `/tmp`, because every
//! instance gets a private `/tmp` anyway: like `~/.s/engine`, it is on a path the sandbox
//! shows read-only unless the engine hides it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use reqwest::blocking::Client;
use serde_json::{json, Value};

use crate::common::{wait_for, TestEngine};

pub(crate) const API: &str = "/2023-03-30";
const SECRET: &str = "victim-secret-7d1f";

/// Reads what it is told to, scans `/proc` for other instances' code, tries to write
/// `/code`, and (when asked) leaves detached `sleep` processes behind.
const ATTACKER: &str = r#"import json, os, subprocess

def attempt(path):
    try:
        if os.path.isdir(path):
            return 'listed:' + ','.join(sorted(os.listdir(path)))
        with open(path, 'rb') as f:
            return 'read:' + f.read(200).decode('latin1')
    except Exception as e:
        return 'denied:' + type(e).__name__

def handler(event, context):
    e = json.loads(event)
    out = {'cwd': os.getcwd(), 'reads': {p: attempt(p) for p in e.get('read', [])}}
    found = []
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            for rel in ('root/code/secret.txt', 'environ'):
                r = attempt('/proc/%s/%s' % (pid, rel))
                if r.startswith('read:'):
                    found.append(r)
    out['proc'] = found
    try:
        with open('/code/evil.txt', 'w') as f:
            f.write('x')
        out['write'] = 'written'
    except Exception as ex:
        out['write'] = 'denied:' + type(ex).__name__
    if e.get('spawn'):
        quiet = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.Popen(['sleep', e['spawn']], start_new_session=True, **quiet)
        pid = os.fork()
        if pid == 0:
            os.setsid()
            if os.fork() == 0:
                os.execvp('sleep', ['sleep', e['spawn']])
            os._exit(0)
        os.waitpid(pid, 0)
    return json.dumps(out)
"#;

const VICTIM: &str = "def handler(event, context):\n    return open('secret.txt').read()\n";

pub(crate) fn client() -> Client {
    Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

pub(crate) fn zip_of(files: &[(&str, &str)]) -> String {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_bytes())).collect();
    zip_of_bytes(&files)
}

/// A base64 zip of `files`, each with mode 0755 (executables stay executable).
pub(crate) fn zip_of_bytes(files: &[(&str, &[u8])]) -> String {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default().unix_permissions(0o755);
    for (name, body) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap();
    base64::engine::general_purpose::STANDARD.encode(buffer.into_inner())
}

fn create(engine: &TestEngine, name: &str, files: &[(&str, &str)]) {
    create_python(engine, name, files, json!({}));
}

/// A Python function `index.handler` made of `files`, with `extra` config on top.
pub(crate) fn create_python(engine: &TestEngine, name: &str, files: &[(&str, &str)], extra: Value) {
    let mut body = json!({
        "functionName": name, "runtime": "python3.10", "handler": "index.handler",
        "timeout": 30, "code": {"zipFile": zip_of(files)},
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    create_function(engine, body);
}

/// CreateFunction with `body` as it is; the function must be accepted.
pub(crate) fn create_function(engine: &TestEngine, body: Value) {
    let response = client()
        .post(format!("{}{API}/functions", engine.url))
        .json(&body)
        .send()
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}

pub(crate) fn invoke(engine: &TestEngine, name: &str, event: &Value) -> String {
    let (error, text) = try_invoke(engine, name, event);
    assert!(error.is_none(), "{name} failed: {text}\n{}", engine.log());
    text
}

/// A sync invoke that must succeed, its result parsed as JSON.
pub(crate) fn invoke_json(engine: &TestEngine, name: &str, event: Value) -> Value {
    serde_json::from_str(&invoke(engine, name, &event)).unwrap()
}

/// A sync invoke: the error type (`x-fc-error-type` or an API error's code) and the body.
pub(crate) fn try_invoke(
    engine: &TestEngine,
    name: &str,
    event: &Value,
) -> (Option<String>, String) {
    let response = client()
        .post(format!("{}{API}/functions/{name}/invocations", engine.url))
        .body(event.to_string())
        .send()
        .unwrap();
    let status = response.status();
    let error = response
        .headers()
        .get("x-fc-error-type")
        .map(|v| v.to_str().unwrap_or("").to_string());
    let text = response.text().unwrap();
    let error = error.or_else(|| (!status.is_success()).then(|| format!("HTTP {status}")));
    (error, text)
}

/// An engine whose `S_HOME` is outside `/tmp`.
pub(crate) fn engine(args: &[&str], envs: &[(&str, &str)]) -> TestEngine {
    let home = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    TestEngine::start_env(home, args, envs)
}

fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_name() == name {
            return Some(entry.path().to_path_buf());
        }
    }
    None
}

/// An engine (state outside `/tmp`) whose instances must run in the real sandbox.
pub(crate) fn sandboxed_engine() -> TestEngine {
    assert!(sandbox_works(), "bubblewrap is required: run .ci/setup");
    engine(&[], &[])
}

pub(crate) fn sandbox_works() -> bool {
    std::process::Command::new("bwrap")
        .args(["--ro-bind", "/", "/", "--unshare-pid", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn sandboxed_function_cannot_read_other_code_or_engine_state() {
    assert!(sandbox_works(), "bubblewrap is required: run .ci/setup");
    let engine = engine(&[], &[]);
    create(
        &engine,
        "victim",
        &[("index.py", VICTIM), ("secret.txt", SECRET)],
    );
    create(&engine, "attacker", &[("index.py", ATTACKER)]);
    // The victim runs, so its instance is there to be looked for.
    assert_eq!(invoke(&engine, "victim", &json!({})), SECRET);

    let home = engine.home.path().canonicalize().unwrap();
    let state = home.join("engine");
    let secret = find_file(&state, "secret.txt").expect("the victim's unpacked code");
    let targets: Vec<String> = [
        secret.clone(),
        secret.parent().unwrap().to_path_buf(),
        state.join("code"),
        state.join("engine.db"),
        state.clone(),
        home.clone(),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect();
    let out: Value =
        serde_json::from_str(&invoke(&engine, "attacker", &json!({"read": targets}))).unwrap();

    assert_eq!(out["cwd"], "/code", "not sandboxed: {out}");
    for (path, result) in out["reads"].as_object().unwrap() {
        let result = result.as_str().unwrap();
        let hidden = result.starts_with("denied:") || result == "listed:";
        assert!(hidden, "the function could see `{path}`: {result}");
    }
    let proc = out["proc"].to_string();
    assert!(!proc.contains(SECRET), "{proc}");
    assert!(!proc.contains("FC_FUNCTION_NAME=victim"), "{proc}");
    assert!(
        out["write"].as_str().unwrap().starts_with("denied:"),
        "{out}"
    );
    assert!(!secret.parent().unwrap().join("evil.txt").exists());
}

/// Host pids running `sleep <marker>`.
fn sleepers(marker: &str) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|c| c == format!("sleep\0{marker}\0").as_bytes())
        })
        .collect()
}

/// Deploy the attacker, make it leave two detached sleepers, then end its instance with
/// `end` and check that no sleeper survives.
fn no_leftovers_after(engine: &TestEngine, name: &str, end: impl FnOnce()) {
    create(engine, name, &[("index.py", ATTACKER)]);
    // A number nobody else sleeps for: the engine's port makes it unique to this test.
    let marker = format!("{}", 100_000 + u32::from(engine.port));
    invoke(engine, name, &json!({"spawn": marker}));
    wait_for(
        "the detached sleepers to run",
        Duration::from_secs(10),
        || (sleepers(&marker).len() >= 2).then_some(()),
    );
    end();
    wait_for(
        "the detached sleepers to be killed",
        Duration::from_secs(30),
        || sleepers(&marker).is_empty().then_some(()),
    );
}

pub(crate) fn remove(engine: &TestEngine, name: &str) {
    let response = client()
        .delete(format!("{}{API}/functions/{name}", engine.url))
        .send()
        .unwrap();
    assert!(response.status().is_success());
}

#[test]
fn sandboxed_instance_leaves_no_process_behind() {
    assert!(sandbox_works(), "bubblewrap is required: run .ci/setup");
    let engine = engine(&["--idle-timeout", "1"], &[]);
    // Removed through the API.
    no_leftovers_after(&engine, "removed", || remove(&engine, "removed"));
    // Reaped when idle.
    no_leftovers_after(&engine, "reaped", || {});
}

#[test]
fn plain_instance_leaves_no_process_behind() {
    let engine = engine(&["--idle-timeout", "1"], &[("S_SANDBOX", "off")]);
    no_leftovers_after(&engine, "removed", || remove(&engine, "removed"));
    no_leftovers_after(&engine, "reaped", || {});
}
