//! Outbound network of a sandboxed instance (`internetAccess`, FC's default true): `pasta`
//! (Debian's `passt` package) joins the instance's network namespace and carries its TCP,
//! UDP and ICMP to the host's stack as ordinary sockets of an unprivileged process. It is
//! the tool rootless Podman uses for this; writing a user-mode TCP/IP stack here would be
//! neither smaller nor safer.
//!
//! What the instance gets: an address of its own (`198.18.0.2/24`, a range reserved for
//! benchmarks, so it clashes with no real network), a gateway, and a DNS address that
//! `pasta` forwards to the host's resolver. What it does not get: the host's loopback (the
//! gateway is not mapped to it, and no port is forwarded in either direction), so the engine,
//! other instances and every other local service stay out of reach.

use std::path::Path;
use std::process::Stdio;
use std::sync::OnceLock;

const ADDRESS: &str = "198.18.0.2";
const GATEWAY: &str = "198.18.0.1";
const DNS: &str = "198.18.0.3";

/// True when `pasta` runs here (probed once).
pub fn available() -> bool {
    static PROBE: OnceLock<bool> = OnceLock::new();
    *PROBE.get_or_init(|| {
        std::process::Command::new("pasta")
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// The `resolv.conf` every networked instance sees.
pub fn resolv_conf() -> String {
    format!("nameserver {DNS}\noptions timeout:2 attempts:2\n")
}

/// Write the shared `resolv.conf` into `dir` (the engine's instances dir) if missing.
pub fn write_resolv_conf(dir: &Path) -> std::io::Result<std::path::PathBuf> {
    let path = dir.join("resolv.conf");
    if !path.is_file() {
        std::fs::write(&path, resolv_conf())?;
    }
    Ok(path)
}

/// Wait (briefly) until bubblewrap has set up the namespace's loopback: its own netlink
/// requests and `pasta`'s must not cross, or bubblewrap's fail. The namespace's routing table
/// lists `127.0.0.1` once that is done.
pub async fn wait_for_loopback(pid: u32) {
    let table = format!("/proc/{pid}/net/fib_trie");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while std::time::Instant::now() < deadline {
        match std::fs::read_to_string(&table) {
            Ok(text) if text.contains("127.0.0.1") => return,
            Ok(_) => tokio::time::sleep(std::time::Duration::from_millis(1)).await,
            Err(_) => return,
        }
    }
}

/// The `pasta` process serving one instance: a child of the engine, killed with the
/// instance, and by the kernel if the engine itself dies (`pasta` would quit by itself once
/// the namespace is gone, but it learns that through inotify, and with many instances a
/// user's inotify instances run out: then it never would).
pub struct Attached {
    child: tokio::process::Child,
}

impl Attached {
    /// Stop serving the namespace.
    pub fn stop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// Where an instance keeps its `pasta`: it may come up after the instance already died, and
/// must then be stopped at once.
#[derive(Default)]
pub struct Slot {
    attached: Option<Attached>,
    stopped: bool,
}

impl Slot {
    pub fn keep(&mut self, mut attached: Attached) {
        if self.stopped {
            attached.stop();
        } else {
            self.attached = Some(attached);
        }
    }

    pub fn stop(&mut self) {
        self.stopped = true;
        if let Some(mut attached) = self.attached.take() {
            attached.stop();
        }
    }
}

/// Connect the network namespace of `pid` (the sandbox's first process) to the host, and
/// return once it is configured (it has its default route). `pasta` stays in the
/// foreground as the engine's child; what it says goes to `log` (in the instance dir).
pub async fn attach(pid: u32, log: &Path) -> Result<Attached, String> {
    // SAFETY: getuid and getgid cannot fail and touch no memory.
    let ids = unsafe { format!("{}:{}", libc::getuid(), libc::getgid()) };
    let log_file = std::fs::File::create(log).map_err(|e| format!("cannot create a log: {e}"))?;
    let mut command = tokio::process::Command::new("pasta");
    command
        .args(["--config-net", "--quiet", "--foreground", "--ipv4-only"])
        // As root, pasta would otherwise switch to `nobody` and lose the right to join the
        // namespace it was asked to serve.
        .args(["--runas", &ids])
        .args([
            "--address",
            ADDRESS,
            "--netmask",
            "24",
            "--gateway",
            GATEWAY,
        ])
        .args(["--dns-forward", DNS, "--no-map-gw"])
        .args(["-t", "none", "-u", "none", "-T", "none", "-U", "none"])
        .arg(pid.to_string())
        .env_clear()
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .kill_on_drop(true);
    // SAFETY: prctl(2) is async-signal-safe and allocates nothing.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start `pasta`: {e}"))?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if has_default_route(pid) {
            return Ok(Attached { child });
        }
        let exited = child.try_wait().ok().flatten().is_some();
        if exited || std::time::Instant::now() > deadline {
            let _ = child.start_kill();
            let said = std::fs::read_to_string(log).unwrap_or_default();
            let said: Vec<&str> = said.lines().filter(|l| !l.contains("syslog")).collect();
            return Err(format!(
                "`pasta` could not connect the instance: {}",
                said.join("; ")
            ));
        }
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
}

/// True once the namespace of `pid` routes to its gateway.
fn has_default_route(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/net/route")).is_ok_and(|table| {
        table
            .lines()
            .skip(1)
            .any(|l| l.split_whitespace().nth(1) == Some("00000000"))
    })
}
