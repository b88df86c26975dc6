//! Test harness: run the real `s`, make temporary projects, and start a private engine on a
//! free loopback port with its own state dir (stopped when dropped).

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The `s` binary under test, with color off and no inherited `S_*` settings.
pub fn s() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_s"));
    cmd.env("NO_COLOR", "1")
        .env_remove("S_HOME")
        .env_remove("S_ENGINE")
        .env_remove("S_TARGET");
    cmd
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Poll `check` until it returns `Some`, or panic with `what` after `timeout`.
pub fn wait_for<T>(what: &str, timeout: Duration, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = check() {
            return value;
        }
        if Instant::now() > deadline {
            panic!("timed out after {timeout:?} waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A temporary folder to create projects in.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write `contents` to `rel` (creating folders).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

/// A private engine: own `S_HOME`, own port. Killed (with its instances) on drop.
pub struct TestEngine {
    pub home: TempDir,
    pub url: String,
    pub port: u16,
    child: Option<Child>,
    /// Extra environment of the engine process (kept across restarts).
    envs: Vec<(String, String)>,
    /// Extra arguments of `s engine start` (kept across restarts).
    args: Vec<String>,
    /// A soft open-file limit to start the engine under (the hard one stays).
    fd_limit: Option<u64>,
}

impl TestEngine {
    /// Start `s engine start --listen 127.0.0.1:<free port>` and wait until it answers.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    pub fn start_with(extra_args: &[&str]) -> Self {
        Self::start_in(tempfile::tempdir().unwrap(), extra_args)
    }

    /// Start with a prepared `S_HOME` (e.g. credentials added with `s config add`).
    pub fn start_in(home: TempDir, extra_args: &[&str]) -> Self {
        Self::start_env(home, extra_args, &[])
    }

    /// Start with a prepared `S_HOME` and extra environment variables for the engine.
    pub fn start_env(home: TempDir, extra_args: &[&str], envs: &[(&str, &str)]) -> Self {
        Self::start_limited(home, extra_args, envs, None)
    }

    /// Start under a soft open-file limit of `fd_limit` (as a system with a low default has).
    pub fn start_limited(
        home: TempDir,
        extra_args: &[&str],
        envs: &[(&str, &str)],
        fd_limit: Option<u64>,
    ) -> Self {
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        let mut engine = TestEngine {
            home,
            url,
            port,
            child: None,
            envs: envs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            args: extra_args.iter().map(|a| a.to_string()).collect(),
            fd_limit,
        };
        engine.spawn();
        engine
    }

    fn spawn(&mut self) {
        let log = std::fs::File::create(self.home.path().join("test-engine.log")).unwrap();
        let mut cmd = match self.fd_limit {
            // `exec` keeps the engine the child, so `pid` and `kill` still reach it.
            Some(limit) => {
                let mut sh = Command::new("sh");
                sh.args(["-c", &format!("ulimit -S -n {limit} && exec \"$0\" \"$@\"")])
                    .arg(self.cmd().get_program());
                for (key, value) in self.cmd().get_envs() {
                    match value {
                        Some(value) => sh.env(key, value),
                        None => sh.env_remove(key),
                    };
                }
                sh
            }
            None => self.cmd(),
        };
        let child = cmd
            .args([
                "engine",
                "start",
                "--listen",
                &format!("127.0.0.1:{}", self.port),
            ])
            .args(&self.args)
            .envs(self.envs.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start engine");
        self.child = Some(child);
        self.wait_ready();
    }

    /// Block until the engine's status endpoint answers.
    pub fn wait_ready(&self) {
        let url = format!("{}/_s/v1/status", self.url);
        wait_for("engine to answer", Duration::from_secs(20), || {
            http_get(&url).filter(|(status, _)| *status == 200)
        });
    }

    /// Where this engine serves HTTP trigger URLs: its port under a loopback host name, never
    /// the console's address.
    pub fn trigger_base(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    /// `s` with this engine's `S_HOME` and `S_ENGINE`.
    pub fn cmd(&self) -> Command {
        let mut cmd = s();
        cmd.env("S_HOME", self.home.path())
            .env("S_ENGINE", &self.url);
        cmd
    }

    /// `kill -9` the engine process (its instances die with it on the next start).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Start the engine again on the same port and state dir.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// The engine process's id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("the engine runs").id()
    }

    /// The engine's own log, for assertion messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.home.path().join("test-engine.log")).unwrap_or_default()
    }
}

impl Drop for TestEngine {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            // SIGTERM first so the engine can stop its instances, then make sure.
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Send `request` as it is on a fresh connection and read the whole answer (the request
/// should close the connection, or the engine does).
pub fn raw_http(port: u16, request: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// An `S_HOME` whose alias `engine` holds this key pair (file store), for engines started
/// with `-a engine`.
pub fn home_with_key(key_id: &str, secret: &str) -> TempDir {
    let home = tempfile::tempdir().unwrap();
    let added = s()
        .env("S_HOME", home.path())
        .args(["config", "add", "-a", "engine", "--AccessKeyID", key_id])
        .args(["--AccessKeySecret", secret, "--AccountID", "1234567890123"])
        .args(["--store", "file"])
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", stderr(&added));
    home
}

/// A tiny blocking HTTP GET for readiness checks: `(status, body)`, or None on any error.
pub fn http_get(url: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}")))?;
    let mut stream = std::net::TcpStream::connect(host).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())?;
    Some((status, body))
}

/// A one-function fc3 project: `s.yaml` with `props` (YAML lines under `props:`, beside
/// region and `code: ./code`) plus `files` under `code/` (`bootstrap` made executable).
pub fn fc_project(props: &str, files: &[(&str, &str)]) -> Workspace {
    let ws = Workspace::new();
    let props: String = props.lines().map(|l| format!("      {l}\n")).collect();
    ws.write(
        "s.yaml",
        format!(
            "edition: 3.0.0\nname: test\naccess: default\nresources:\n  fn:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      code: ./code\n{props}"
        ),
    );
    for (name, body) in files {
        let path = ws.write(&format!("code/{name}"), body);
        if *name == "bootstrap" {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    ws
}

/// `s ARGS` in project `ws` against `engine`.
pub fn run(engine: &TestEngine, ws: &Workspace, args: &[&str]) -> std::process::Output {
    engine
        .cmd()
        .current_dir(ws.path())
        .args(args)
        .output()
        .unwrap()
}

/// `s ARGS` that must succeed; its stdout. A failure shows stderr and the engine log.
pub fn ok(engine: &TestEngine, ws: &Workspace, args: &[&str]) -> String {
    let out = run(engine, ws, args);
    assert!(
        out.status.success(),
        "`s {}` failed:\n{}\nengine log:\n{}",
        args.join(" "),
        text(&out.stderr),
        engine.log()
    );
    text(&out.stdout)
}

/// Run `cmd` with `input` on its stdin; its output.
pub fn output_with_stdin(cmd: &mut Command, input: &[u8]) -> std::process::Output {
    use std::io::Write as _;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn stdout(out: &std::process::Output) -> String {
    text(&out.stdout)
}

pub fn stderr(out: &std::process::Output) -> String {
    text(&out.stderr)
}
