//! A real Kafka-protocol broker for tests: noida-db (installed into `.venv-kafka/` by
//! `.ci/setup`) on a free loopback port with a temporary data directory, stopped on drop.
//! It can be stopped and started again on the same port and data, to test broker outages.
//! Self-contained (std and tempfile only) so integration tests can include it by path.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Overrides where the broker binary is (a noida-db executable).
pub const BROKER_ENV: &str = "S_TEST_KAFKA_BROKER";

pub struct TestBroker {
    /// `127.0.0.1:<port>`, for `bootstrap.servers`.
    pub addr: String,
    port: u16,
    data: TempDir,
    child: Option<Child>,
}

impl TestBroker {
    /// Start a broker; panics (never skips) when the broker is not installed.
    pub fn start() -> TestBroker {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("no free loopback port");
        let mut broker = TestBroker {
            addr: format!("127.0.0.1:{port}"),
            port,
            data: tempfile::tempdir().expect("temp dir for the broker"),
            child: None,
        };
        broker.resume();
        broker
    }

    /// Start (again) on the same port and data directory, and wait until it accepts connections.
    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "the broker is already running");
        let binary = broker_binary();
        let child = Command::new(&binary)
            .args(["start", "--only", "kafka", "--host", "127.0.0.1"])
            .arg("--kafka-port")
            .arg(self.port.to_string())
            .arg("--data-dir")
            .arg(self.data.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start kafka broker `{}`: {e}", binary.display()));
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(&self.addr).is_err() {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("kafka broker exited at start: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "kafka broker did not listen on {}",
                self.addr
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stop the broker (gracefully, so it saves its data) and wait until the port is closed.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        // SIGTERM lets it flush; SIGKILL if it does not go within a few seconds.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while child.try_wait().ok().flatten().is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for TestBroker {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `$S_TEST_KAFKA_BROKER`, else the noida-db binary inside `.venv-kafka/` (the binary itself,
/// not its Python launcher, so that stopping it really stops the broker).
fn broker_binary() -> PathBuf {
    if let Some(path) = std::env::var_os(BROKER_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    let lib = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-kafka/lib");
    let found = std::fs::read_dir(&lib).ok().and_then(|dirs| {
        dirs.flatten()
            .map(|d| d.path().join("site-packages/noida_db/noida-db"))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "kafka broker not installed under `{}`: run `bash .ci/setup` (or set {BROKER_ENV})",
            lib.display()
        )
    })
}
