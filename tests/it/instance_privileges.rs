//! A sandboxed instance holds no privileges, whoever runs the engine (root in CI): no
//! capabilities, `no_new_privs`, a seccomp filter refusing mounts, new namespaces and the
//! kernel keyring; the function's variables (`LD_PRELOAD` included) apply inside only; a fork
//! bomb stays inside its instance; only FC's filesystem is visible; and running without the
//! sandbox is never silent.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::{fc_project, run, stderr, stdout, wait_for, TestEngine};
use crate::isolation::{
    create_function, create_python, engine, invoke, invoke_json, sandboxed_engine, try_invoke,
    zip_of_bytes,
};

/// Tries what a function trying to leave its sandbox would try, and reports each result.
const ESCAPE: &str = r#"import ctypes, json, os, subprocess

def run(*argv):
    try:
        p = subprocess.run(argv, capture_output=True, timeout=10)
        return 'exit:%d' % p.returncode
    except Exception as e:
        return 'failed:' + type(e).__name__

def syscall(nr, *args):
    libc = ctypes.CDLL(None, use_errno=True)
    r = libc.syscall(nr, *[ctypes.c_long(a) for a in args])
    return 'ok' if r >= 0 else 'errno:%d' % ctypes.get_errno()

def status(field):
    for line in open('/proc/self/status'):
        if line.startswith(field + ':'):
            return line.split(':', 1)[1].strip()

def exists(paths):
    return {p: os.path.exists(p) for p in paths}

def handler(event, context):
    e = json.loads(event)
    os.makedirs('/tmp/m', exist_ok=True)
    return json.dumps({
        'uid': os.getuid(),
        'CapEff': status('CapEff'), 'NoNewPrivs': status('NoNewPrivs'), 'Seccomp': status('Seccomp'),
        'mount': run('mount', '-t', 'tmpfs', 'none', '/tmp/m'),
        'unshare_user': run('unshare', '-r', 'true'),
        'unshare_net': run('unshare', '-n', 'true'),
        # keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 1): x86_64 number 250.
        'keyctl': syscall(250, 0, -3, 1),
        'shadow': exists(['/etc/shadow']) and run('cat', '/etc/shadow'),
        'visible': exists(e.get('paths', [])),
        'preload_marker': open('/tmp/preloaded').read() if os.path.exists('/tmp/preloaded') else None,
    })
"#;

/// Writes the path it is loaded into, to the host path named by `PRELOAD_HOST_MARKER` and to
/// `/tmp/preloaded`; whichever exists where it runs gets the line.
const PRELOAD_C: &str = r#"#include <stdio.h>
#include <stdlib.h>
__attribute__((constructor)) static void mark(void) {
    const char *host = getenv("PRELOAD_HOST_MARKER");
    const char *paths[2] = { host, "/tmp/preloaded" };
    for (int i = 0; i < 2; i++) {
        if (!paths[i]) continue;
        FILE *f = fopen(paths[i], "a");
        if (f) { fputs("loaded\n", f); fclose(f); }
    }
}
"#;

fn escape_function(engine: &TestEngine, name: &str) {
    create_python(engine, name, &[("index.py", ESCAPE)], json!({}));
}

#[test]
fn sandboxed_instances_hold_no_privileges() {
    let engine = sandboxed_engine();
    escape_function(&engine, "escape");
    let out = invoke_json(&engine, "escape", json!({}));
    assert_eq!(
        out["uid"], 0,
        "FC runs functions as root of their own machine: {out}"
    );
    assert_eq!(out["CapEff"], "0000000000000000", "{out}");
    assert_eq!(out["NoNewPrivs"], "1", "{out}");
    assert_eq!(out["Seccomp"], "2", "{out}");
    for attempt in ["mount", "unshare_user", "unshare_net"] {
        let result = out[attempt].as_str().unwrap();
        assert_ne!(
            result, "exit:0",
            "`{attempt}` succeeded inside the sandbox: {out}"
        );
    }
    assert_eq!(
        out["keyctl"], "errno:1",
        "the kernel keyring must be refused: {out}"
    );
    assert_ne!(out["shadow"], "exit:0", "/etc/shadow is readable: {out}");
}

/// The host's home dir entries (the test runner's `HOME`), apart from the path of the
/// interpreter the engine shows its instances (pyenv lives in a home dir).
fn home_entries() -> Vec<String> {
    let home = PathBuf::from(std::env::var("HOME").expect("HOME"));
    let python = std::process::Command::new("python3")
        .args(["-c", "import sys;print(sys.base_prefix)"])
        .output()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .unwrap_or_default();
    std::fs::read_dir(&home)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| !python.starts_with(p))
                .map(|p| p.display().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn only_the_fc_filesystem_is_visible() {
    let engine = sandboxed_engine();
    escape_function(&engine, "looker");
    let mut paths = home_entries();
    assert!(
        !paths.is_empty(),
        "the test needs a HOME with something in it"
    );
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    paths.push(project.display().to_string());
    paths.push("/home".into());
    let out = invoke_json(&engine, "looker", json!({"paths": paths}));
    for (path, seen) in out["visible"].as_object().unwrap() {
        let allowed = path == "/home" && !Path::new("/home").exists();
        assert!(
            seen == false || allowed,
            "`{path}` is visible inside: {out}"
        );
    }
}

/// A shared library built from `PRELOAD_C`, or a loud failure when no C compiler is here.
fn build_preload(dir: &Path) -> PathBuf {
    let source = dir.join("preload.c");
    std::fs::write(&source, PRELOAD_C).unwrap();
    let library = dir.join("preload.so");
    let status = std::process::Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&library)
        .arg(&source)
        .status()
        .expect("a C compiler (`cc`) is required for the LD_PRELOAD test");
    assert!(status.success());
    library
}

#[test]
fn ld_preload_from_the_function_runs_only_inside_its_sandbox() {
    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let library = build_preload(scratch.path());
    let host_marker = scratch.path().join("host-marker");
    let bytes = std::fs::read(&library).unwrap();
    let engine = sandboxed_engine();
    // The host copy comes first: had bubblewrap itself been started with this variable, it
    // would have loaded it there and written the host marker.
    let preload = format!("{}:/code/preload.so", library.display());
    let env = json!({"LD_PRELOAD": preload, "PRELOAD_HOST_MARKER": host_marker});
    create_function(
        &engine,
        json!({
            "functionName": "preload", "runtime": "python3.10", "handler": "index.handler",
            "timeout": 30, "environmentVariables": env,
            "code": {"zipFile": zip_of_bytes(&[("index.py", ESCAPE.as_bytes()), ("preload.so", &bytes)])},
        }),
    );
    let out = invoke_json(&engine, "preload", json!({}));
    assert!(
        out["preload_marker"]
            .as_str()
            .is_some_and(|m| m.contains("loaded")),
        "the library did not run inside: {out}"
    );
    assert!(
        !host_marker.exists(),
        "the function's LD_PRELOAD ran outside its sandbox"
    );
}

const BOMB: &str = r#"import subprocess, time

def handler(event, context):
    subprocess.Popen(['sh', '-c', 'bomb() { bomb & bomb & wait; }; bomb'])
    time.sleep(60)
"#;

const HEALTHY: &str = "def handler(event, context):\n    return 'fine'\n";

/// Host processes running the bomb's shell.
fn bomb_processes() -> usize {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0;
    };
    dir.flatten()
        .filter(|e| {
            std::fs::read(e.path().join("cmdline"))
                .is_ok_and(|c| c.windows(6).any(|w| w == b"bomb()"))
        })
        .count()
}

#[test]
fn a_fork_bomb_ends_with_its_instance_while_others_are_served() {
    let engine = sandboxed_engine();
    let status: Value = crate::isolation::client()
        .get(format!("{}/_s/v1/status", engine.url))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        status["sandbox"]["pidsLimit"], true,
        "this machine cannot bound an instance's processes (no writable cgroup): {status}"
    );
    for (name, code, timeout) in [("bomb", BOMB, 12), ("healthy", HEALTHY, 10)] {
        create_python(
            &engine,
            name,
            &[("index.py", code)],
            json!({"timeout": timeout}),
        );
    }
    std::thread::scope(|scope| {
        let bomb = scope.spawn(|| try_invoke(&engine, "bomb", &json!({})));
        // It may even be over (its memory) before a look at the process table finds it.
        wait_for("the bomb to go off", Duration::from_secs(20), || {
            (bomb_processes() > 0 || bomb.is_finished()).then_some(())
        });
        // Served while the bomb runs (it ends by its memory or its timeout), and after.
        for _ in 0..5 {
            assert_eq!(invoke(&engine, "healthy", &json!({})), "fine");
        }
        let (error, body) = bomb.join().unwrap();
        assert!(error.is_some(), "the bomb's invocation must fail: {body}");
        let ended_by_limits = body.contains("out of memory") || body.contains("timed out");
        assert!(ended_by_limits, "the bomb must end by its limits: {body}");
    });
    wait_for(
        "the bomb's processes to be gone",
        Duration::from_secs(30),
        || (bomb_processes() == 0).then_some(()),
    );
}

#[test]
fn running_without_the_sandbox_is_said_wherever_it_matters() {
    let engine = engine(&[], &[("S_SANDBOX", "off")]);
    let ws = fc_project(
        "functionName: plain\nruntime: python3.10\nhandler: index.handler",
        &[("index.py", HEALTHY)],
    );
    for args in [&["deploy", "-y"][..], &["invoke"], &["engine", "status"]] {
        let out = run(&engine, &ws, args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("without isolation because `S_SANDBOX=off`"),
            "`s {}` did not say instances are not isolated: {}",
            args.join(" "),
            stderr(&out)
        );
    }
    let status = run(&engine, &ws, &["engine", "status"]);
    assert!(
        stdout(&status).contains("sandbox    off"),
        "{}",
        stdout(&status)
    );
}
