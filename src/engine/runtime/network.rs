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

/// Connect the network namespace of `pid` (the sandbox's first process) to the host.
/// Returns once the namespace is configured: `pasta` forks into the background and exits
/// its first process when the interface, address, route and DNS forward are in place; it
/// quits by itself when the namespace goes away.
pub async fn attach(pid: u32) -> Result<(), String> {
    // SAFETY: getuid and getgid cannot fail and touch no memory.
    let ids = unsafe { format!("{}:{}", libc::getuid(), libc::getgid()) };
    let output = tokio::process::Command::new("pasta")
        .args(["--config-net", "--quiet", "--ipv4-only"])
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
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|e| format!("cannot start `pasta`: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let message = String::from_utf8_lossy(&output.stderr);
    let message = message
        .lines()
        .filter(|l| !l.contains("syslog"))
        .collect::<Vec<_>>()
        .join("; ");
    Err(format!("`pasta` could not connect the instance: {message}"))
}
