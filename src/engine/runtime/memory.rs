//! Memory of an instance: RSS of its whole process group read from `/proc`, and the
//! `memorySize` limit, enforced by a cgroup v2 `memory.max` when this process may create
//! one, else by the pool polling RSS and killing the group.

use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::sync::OnceLock;

const PAGE_KB: u64 = 4;

/// Resident memory of every process in group `pgid`, in KB.
///
/// This scans every process in `/proc` while a request runs, so it reuses one path and one
/// read buffer for the whole scan and parses without allocating.
pub fn group_rss_kb(pgid: u32) -> u64 {
    use std::io::Read;
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let mut path = String::from("/proc/");
    let mut stat = Vec::with_capacity(512);
    let mut total = 0;
    for entry in dir.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().filter(|n| is_pid(n)) else {
            continue;
        };
        path.truncate("/proc/".len());
        path.push_str(pid);
        path.push_str("/stat");
        stat.clear();
        let Ok(mut file) = std::fs::File::open(&path) else {
            continue;
        };
        if file.read_to_end(&mut stat).is_err() {
            continue;
        }
        match std::str::from_utf8(&stat).ok().and_then(parse_stat) {
            Some((group, rss_pages)) if group == pgid => total += rss_pages * PAGE_KB,
            _ => {}
        }
    }
    total
}

fn is_pid(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit())
}

/// `(pgrp, rss pages)` from `/proc/<pid>/stat`; the command name may contain spaces.
fn parse_stat(stat: &str) -> Option<(u32, u64)> {
    let rest = &stat[stat.rfind(')')? + 2..];
    // After `pid (comm) `: state=0 ppid=1 pgrp=2 ... rss=21.
    let mut fields = rest.split(' ');
    let group = fields.nth(2)?.parse().ok()?;
    let rss = fields.nth(18)?.parse().ok()?;
    Some((group, rss))
}

/// Peak resident memory (`VmHWM`) of one process, in KB.
pub fn peak_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The direct children of `pid` (e.g. the interpreter bubblewrap started).
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str().filter(|n| is_pid(n))?.parse().ok())
        .filter(|child: &u32| {
            std::fs::read_to_string(format!("/proc/{child}/stat"))
                .ok()
                .and_then(|s| {
                    let rest = &s[s.rfind(')')? + 2..];
                    rest.split(' ').nth(1)?.parse::<u32>().ok()
                })
                == Some(pid)
        })
        .collect()
}

/// A cgroup v2 holding one instance, with `memory.max` set. Removed when dropped.
pub struct Cgroup {
    dir: PathBuf,
}

/// Our own cgroup v2 directory, when the memory controller can be delegated below it.
fn cgroup_root() -> Option<&'static PathBuf> {
    static ROOT: OnceLock<Option<PathBuf>> = OnceLock::new();
    ROOT.get_or_init(|| {
        let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
        let rel = own.lines().find_map(|l| l.strip_prefix("0::"))?;
        let dir = PathBuf::from("/sys/fs/cgroup").join(rel.trim_start_matches('/'));
        let controllers = std::fs::read_to_string(dir.join("cgroup.controllers")).ok()?;
        if !controllers.split_whitespace().any(|c| c == "memory") {
            return None;
        }
        let _ = std::fs::write(dir.join("cgroup.subtree_control"), "+memory");
        let probe = dir.join(format!("s-probe-{}", std::process::id()));
        std::fs::create_dir(&probe).ok()?;
        let ok = probe.join("memory.max").exists();
        let _ = std::fs::remove_dir(&probe);
        ok.then_some(dir)
    })
    .as_ref()
}

impl Cgroup {
    /// A new cgroup limited to `limit_mb`, or None when cgroup v2 is not writable here.
    pub fn create(instance_id: &str, limit_mb: u32) -> Option<Cgroup> {
        let dir = cgroup_root()?.join(format!("s-{instance_id}"));
        std::fs::create_dir(&dir).ok()?;
        let group = Cgroup { dir };
        let bytes = u64::from(limit_mb) * 1024 * 1024;
        std::fs::write(group.dir.join("memory.max"), bytes.to_string()).ok()?;
        let _ = std::fs::write(group.dir.join("memory.swap.max"), "0");
        Some(group)
    }

    /// `cgroup.procs`, opened for the child to write `0` into between fork and exec.
    pub fn procs_file(&self) -> Option<OwnedFd> {
        std::fs::OpenOptions::new()
            .write(true)
            .open(self.dir.join("cgroup.procs"))
            .ok()
            .map(OwnedFd::from)
    }

    /// True when `pid` really runs inside this cgroup.
    pub fn holds(&self, pid: u32) -> bool {
        let Some(name) = self.dir.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        std::fs::read_to_string(format!("/proc/{pid}/cgroup"))
            .is_ok_and(|s| s.lines().any(|l| l.starts_with("0::") && l.ends_with(name)))
    }

    /// True once the kernel killed something in the group for memory.
    pub fn oom_killed(&self) -> bool {
        std::fs::read_to_string(self.dir.join("memory.events"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("oom_kill "))
                    .and_then(|v| v.trim().parse::<u64>().ok())
            })
            .is_some_and(|n| n > 0)
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_parsing_survives_spaces_in_the_command_name() {
        let stat = "42 (my proc) S 1 42 42 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 100 1000 250 18446744073709551615";
        assert_eq!(parse_stat(stat), Some((42, 250)));
    }

    #[test]
    fn own_group_has_resident_memory() {
        let pgid = nix::unistd::getpgrp().as_raw() as u32;
        assert!(group_rss_kb(pgid) > 0);
        assert!(peak_kb(std::process::id()) > 0);
    }
}
