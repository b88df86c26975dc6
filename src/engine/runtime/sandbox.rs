//! The bubblewrap sandbox of one instance: FC's machine-of-its-own, as far as one host allows.
//!
//! - Namespaces: user (uid 0 inside, no capabilities, no new namespaces), pid (every
//!   process dies with the instance), network (its own loopback and port 9000; outbound only
//!   through `network`), ipc, uts (the instance id as host name).
//! - Filesystem: FC's view only. System dirs read-only, `/code`, `/opt` (layers), a `/tmp`
//!   tmpfs of the function's disk size, a `/dev/shm` of its memory size, OSS mount dirs, the
//!   interpreter the engine found; not home dirs, `/root`, the engine's state, `/etc/shadow`.
//!   The root itself is read-only.
//! - System calls: the `seccomp` filters.
//! - Environment: bubblewrap itself runs with an empty one; the function's variables are set
//!   by bubblewrap for the program only, and travel through a memfd, not the command line
//!   (which every local user can read in `/proc`).
//!
//! Descriptors the sandbox receives are at fixed numbers, see [`Fds`].

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;

use super::mounts::OssMount;
use super::seccomp;

/// Where the `s` binary sits inside a custom-runtime sandbox, as FC's own runtime agent
/// lives under `/var/fc/runtime`.
pub const INIT_PATH: &str = "/var/fc/runtime/init";

/// Descriptor numbers inside the sandbox.
pub struct Fds;
impl Fds {
    /// The private channel (the shim's socket, or the relay's listener).
    pub const CHANNEL: i32 = 3;
    /// bubblewrap's options (`--args`), read and closed by bubblewrap.
    pub const ARGS: i32 = 4;
    /// The two seccomp programs, read and closed by bubblewrap.
    pub const SECCOMP: [i32; 2] = [5, 6];
    /// Where bubblewrap reports the sandbox's pid (for the network), closed after.
    pub const INFO: i32 = 7;
    /// Holds the program until the network is ready.
    pub const BLOCK: i32 = 8;
    /// The OSS mounts' folders, in order, from here on.
    pub const FIRST_MOUNT: i32 = 9;
}

/// Top-level host dirs an instance sees (read-only), as on FC's Debian images.
const SYSTEM_DIRS: &[&str] = &[
    "usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc",
];
/// Files under `/etc` that hold host secrets, hidden even though `/etc` is shown.
const HIDDEN_ETC_FILES: &[&str] = &[
    "shadow",
    "shadow-",
    "gshadow",
    "gshadow-",
    "sudoers",
    "security/opasswd",
];
const HIDDEN_ETC_DIRS: &[&str] = &["sudoers.d", "ssh", "ssl/private"];

/// What one sandbox is made of.
pub struct Plan<'a> {
    pub instance_id: &'a str,
    pub code_dir: &'a Path,
    pub layers: &'a Path,
    pub oss: &'a [OssMount],
    /// Host dirs that must be visible at the same path (the interpreter's installation).
    pub extra_ro: &'a [PathBuf],
    /// FC's language dirs as links to the host's interpreters (custom runtimes).
    pub lang: &'a [super::lang::LangLink],
    pub resolv_conf: Option<&'a Path>,
    pub tmp_bytes: u64,
    pub shm_bytes: u64,
    /// The `s` binary, bound at [`INIT_PATH`] for custom runtimes.
    pub init: Option<&'a Path>,
    pub env: &'a [(String, String)],
    /// Report the pid (and hold the program) so the network can be attached.
    pub network: bool,
    pub hold: bool,
}

/// True when bubblewrap can build the whole sandbox here (probed once): namespaces of every
/// kind, no capabilities, the seccomp filters. `S_SANDBOX=off` turns it off on purpose.
pub fn available() -> bool {
    static PROBE: OnceLock<bool> = OnceLock::new();
    *PROBE.get_or_init(|| {
        if disabled_by_user() || seccomp::programs().is_none() {
            return false;
        }
        std::process::Command::new("bwrap")
            .args(NAMESPACES)
            .args([
                "--hostname",
                "probe",
                "--ro-bind",
                "/",
                "/",
                "--dev",
                "/dev",
            ])
            .args(["--proc", "/proc", "--tmpfs", "/tmp", "--", "true"])
            .env_clear()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// True when `S_SANDBOX=off` asked for plain processes.
pub fn disabled_by_user() -> bool {
    std::env::var("S_SANDBOX").is_ok_and(|v| v.eq_ignore_ascii_case("off"))
}

/// Why instances are not sandboxed, in words for `s engine status` and friends.
pub fn unavailable_reason() -> Option<String> {
    if available() {
        return None;
    }
    Some(if disabled_by_user() {
        "instances run without isolation because `S_SANDBOX=off` is set".into()
    } else {
        "instances run without isolation: bubblewrap (`bwrap`) is missing or cannot create namespaces here; install the `bubblewrap` package".into()
    })
}

/// What isolation this machine gives instances, for `/_s/v1/status`.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Facts {
    /// Instances run in the sandbox.
    pub isolated: bool,
    /// Sandboxed instances get outbound network (`pasta` is installed).
    pub network: bool,
    /// The kernel enforces `memorySize` (a writable cgroup).
    pub memory_limit: bool,
    /// The kernel bounds an instance's processes (a writable cgroup).
    pub pids_limit: bool,
    /// Why instances are not isolated, and what to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// This machine's facts, probed once.
pub fn facts() -> Facts {
    let (memory_limit, pids_limit) = super::cgroup::enforced();
    let isolated = available();
    let network = isolated && super::network::available();
    let warning = unavailable_reason().or_else(|| {
        (!network).then(|| {
            "sandboxed instances have no outbound network: install the `passt` package (`pasta`)"
                .to_string()
        })
    });
    Facts {
        isolated,
        network,
        memory_limit,
        pids_limit,
        warning,
    }
}

const NAMESPACES: &[&str] = &[
    "--unshare-user",
    "--uid",
    "0",
    "--gid",
    "0",
    // No `--disable-userns`: it moves the sandbox into a nested user namespace that does not
    // own the network namespace, and `pasta` could no longer join it. The seccomp filter
    // refuses every way to create a namespace instead.
    "--unshare-pid",
    "--unshare-net",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--cap-drop",
    "ALL",
    "--die-with-parent",
];

/// bubblewrap's options for `plan`, NUL-separated, for `--args`.
pub fn options(plan: &Plan) -> Vec<u8> {
    let mut out = Options::default();
    out.all(NAMESPACES);
    out.all(&["--hostname", plan.instance_id]);
    filesystem(plan, &mut out);
    out.all(&["--clearenv"]);
    for (key, value) in plan.env {
        out.all(&["--setenv", key, value]);
    }
    for fd in Fds::SECCOMP {
        out.all(&["--add-seccomp-fd", &fd.to_string()]);
    }
    if plan.network {
        out.all(&["--info-fd", &Fds::INFO.to_string()]);
    }
    if plan.hold {
        out.all(&["--block-fd", &Fds::BLOCK.to_string()]);
    }
    out.all(&["--chdir", "/code"]);
    out.0
}

#[derive(Default)]
struct Options(Vec<u8>);

impl Options {
    fn all(&mut self, items: &[&str]) {
        for item in items {
            self.0.extend_from_slice(item.as_bytes());
            self.0.push(0);
        }
    }

    fn path(&mut self, flag: &str, src: &Path, dest: &str) {
        self.all(&[flag, &src.display().to_string(), dest]);
    }
}

fn filesystem(plan: &Plan, out: &mut Options) {
    for (name, link) in system_entries() {
        let target = format!("/{name}");
        match link {
            Some(to) => out.all(&["--symlink", to, &target]),
            None => out.all(&["--ro-bind", &target, &target]),
        }
    }
    for file in HIDDEN_ETC_FILES {
        let path = format!("/etc/{file}");
        if Path::new(&path).is_file() {
            out.all(&["--ro-bind", "/dev/null", &path]);
        }
    }
    for dir in HIDDEN_ETC_DIRS {
        let path = format!("/etc/{dir}");
        if Path::new(&path).is_dir() {
            out.all(&["--tmpfs", &path]);
        }
    }
    for dir in plan.extra_ro {
        let shown = dir.display().to_string();
        out.all(&["--ro-bind", &shown, &shown]);
    }
    for link in plan.lang {
        out.path("--symlink", &link.target, &link.path);
    }
    if let Some(resolv) = plan.resolv_conf {
        out.path("--ro-bind", resolv, &resolv_conf_target());
    }
    out.all(&["--dev", "/dev", "--proc", "/proc"]);
    out.all(&["--size", &plan.shm_bytes.to_string(), "--tmpfs", "/dev/shm"]);
    out.all(&["--size", &plan.tmp_bytes.to_string(), "--tmpfs", "/tmp"]);
    out.all(&["--dir", "/var/tmp"]);
    out.path("--ro-bind", plan.code_dir, "/code");
    out.path("--ro-bind", plan.layers, "/opt");
    if let Some(init) = plan.init {
        out.path("--ro-bind", init, INIT_PATH);
    }
    for (m, fd) in plan.oss.iter().zip(Fds::FIRST_MOUNT..) {
        let bind = if m.read_only {
            "--ro-bind-fd"
        } else {
            "--bind-fd"
        };
        out.all(&[bind, &fd.to_string(), &m.mount_dir]);
    }
    out.all(&["--remount-ro", "/"]);
}

/// Where `/etc/resolv.conf` really is inside: hosts that make it a symlink (systemd-resolved)
/// get the file at the link's target, since a bind cannot replace a link in a read-only `/etc`.
fn resolv_conf_target() -> String {
    static TARGET: OnceLock<String> = OnceLock::new();
    TARGET
        .get_or_init(|| match std::fs::read_link("/etc/resolv.conf") {
            Ok(link) => {
                let target = Path::new("/etc").join(link);
                normalize(&target).display().to_string()
            }
            Err(_) => "/etc/resolv.conf".into(),
        })
        .clone()
}

/// `/etc/../run/x` → `/run/x`, without touching the filesystem.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::Normal(p) => out.push(p),
            _ => {}
        }
    }
    out
}

/// The system dirs this host has: `(name, symlink target)` (`/bin -> usr/bin` stays a link).
fn system_entries() -> &'static [(String, Option<String>)] {
    static ENTRIES: OnceLock<Vec<(String, Option<String>)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        SYSTEM_DIRS
            .iter()
            .filter_map(|name| {
                let path = Path::new("/").join(name);
                let meta = std::fs::symlink_metadata(&path).ok()?;
                let link = meta
                    .file_type()
                    .is_symlink()
                    .then(|| std::fs::read_link(&path).ok())
                    .flatten()
                    .map(|t| t.display().to_string());
                (meta.is_dir() || link.is_some()).then(|| (name.to_string(), link))
            })
            .collect()
    })
}

/// True when `path` is already visible through a system dir (no bind needed).
pub fn shown_by_system_dirs(path: &Path) -> bool {
    system_entries().iter().any(|(name, link)| {
        let top = Path::new("/").join(name);
        let real = match link {
            Some(to) => normalize(&Path::new("/").join(to)),
            None => top.clone(),
        };
        path.starts_with(&top) || path.starts_with(&real)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_from_etc() {
        assert_eq!(
            normalize(Path::new("/etc/../run/systemd/resolve/stub-resolv.conf")),
            PathBuf::from("/run/systemd/resolve/stub-resolv.conf")
        );
    }

    #[test]
    fn options_are_nul_separated_and_carry_the_environment_inside() {
        let env = vec![("LD_PRELOAD".to_string(), "/code/x.so".to_string())];
        let plan = Plan {
            instance_id: "c-1",
            code_dir: Path::new("/srv/code"),
            layers: Path::new("/srv/opt"),
            oss: &[],
            extra_ro: &[],
            lang: &[],
            resolv_conf: None,
            tmp_bytes: 512 << 20,
            shm_bytes: 128 << 20,
            init: None,
            env: &env,
            network: false,
            hold: false,
        };
        let bytes = options(&plan);
        let items: Vec<&[u8]> = bytes.split(|b| *b == 0).collect();
        let text: Vec<String> = items
            .iter()
            .map(|i| String::from_utf8_lossy(i).into_owned())
            .collect();
        let at = text.iter().position(|t| t == "--setenv").unwrap();
        assert_eq!(text[at + 1], "LD_PRELOAD");
        assert!(text.iter().any(|t| t == "--unshare-net"));
        assert!(text
            .windows(2)
            .any(|w| w[0] == "--cap-drop" && w[1] == "ALL"));
        assert!(!text.iter().any(|t| t == "/root" || t == "/home"));
    }
}
