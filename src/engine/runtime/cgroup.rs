//! The cgroups that hold one instance: its memory limit (`memorySize`, so `/dev/shm` and
//! `/tmp` pages count too), its process limit (a fork bomb stays inside), its share of the
//! CPU (as one process, however many it starts), and a way to kill every process it holds. cgroup v2 is used where this process may create groups below its
//! own; where only the v1 hierarchies are writable (root in many containers), their `memory`
//! and `pids` controllers do the same. Without either, the pool polls memory and the pid
//! namespace is what ends stray processes; the process limit is then not enforced.

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// FC gives an instance a few thousand processes at most; a build or a worker pool stays
/// far below this, a fork bomb reaches it in milliseconds.
pub const PIDS_MAX: u32 = 1024;

/// Where groups can be made, found once.
#[derive(Debug, Default)]
struct Roots {
    /// Our own cgroup v2 dir (always usable for membership and `cgroup.kill`).
    v2: Option<PathBuf>,
    v2_memory: bool,
    v2_pids: bool,
    v2_cpu: bool,
    /// Our own dirs in the v1 `memory`, `pids` and `cpu` hierarchies, when writable.
    v1_memory: Option<PathBuf>,
    v1_pids: Option<PathBuf>,
    v1_cpu: Option<PathBuf>,
}

fn roots() -> &'static Roots {
    static ROOTS: OnceLock<Roots> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let own = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
        let mut roots = Roots::default();
        for line in own.lines() {
            let mut parts = line.splitn(3, ':');
            let (_, controllers, rel) = match (parts.next(), parts.next(), parts.next()) {
                (Some(id), Some(c), Some(rel)) => (id, c, rel.trim_start_matches('/')),
                _ => continue,
            };
            match controllers {
                "" => roots.v2 = v2_root(rel),
                "memory" => roots.v1_memory = writable(Path::new("/sys/fs/cgroup/memory"), rel),
                "pids" => roots.v1_pids = writable(Path::new("/sys/fs/cgroup/pids"), rel),
                c if c.split(',').any(|c| c == "cpu") => {
                    roots.v1_cpu = writable(Path::new("/sys/fs/cgroup/cpu"), rel)
                }
                _ => {}
            }
        }
        for root in [&roots.v2, &roots.v1_memory, &roots.v1_pids, &roots.v1_cpu]
            .into_iter()
            .flatten()
        {
            remove_stale_groups(root);
        }
        if let Some(dir) = &roots.v2 {
            let available =
                std::fs::read_to_string(dir.join("cgroup.controllers")).unwrap_or_default();
            let controllers = [
                ("memory", &mut roots.v2_memory, "memory.max"),
                ("pids", &mut roots.v2_pids, "pids.max"),
                ("cpu", &mut roots.v2_cpu, "cpu.weight"),
            ];
            for (name, flag, file) in controllers {
                if available.split_whitespace().any(|c| c == name) {
                    let _ = std::fs::write(dir.join("cgroup.subtree_control"), format!("+{name}"));
                    *flag = probe(dir, file);
                }
            }
        }
        roots
    })
}

/// `root` and its descendants, from one look at `/proc`.
fn tree(root: u32) -> Vec<u32> {
    let parents = super::memory::parents();
    let mut all = vec![root];
    let mut next = 0;
    while next < all.len() {
        let parent = all[next];
        all.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        next += 1;
    }
    all
}

/// Remove the groups an engine that is gone left behind (killed before it could): they are
/// named after its pid.
fn remove_stale_groups(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(group_owner) else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir(entry.path());
        }
    }
}

/// The engine pid in a group name `s-<pid>-<instance id>`.
fn group_owner(name: &str) -> Option<u32> {
    name.strip_prefix("s-")?.split('-').next()?.parse().ok()
}

/// Our own v2 dir (on a unified-only or a hybrid mount), when we may create groups in it.
fn v2_root(rel: &str) -> Option<PathBuf> {
    ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"]
        .iter()
        .map(|mount| Path::new(mount).join(rel))
        .find(|dir| dir.join("cgroup.procs").exists() && probe(dir, "cgroup.procs"))
}

fn writable(mount: &Path, rel: &str) -> Option<PathBuf> {
    let dir = mount.join(rel);
    probe(&dir, "cgroup.procs").then_some(dir)
}

/// True when a child group can be created in `dir` and it has the file `name`.
fn probe(dir: &Path, name: &str) -> bool {
    let probe = dir.join(format!("s-probe-{}", std::process::id()));
    if std::fs::create_dir(&probe).is_err() {
        return false;
    }
    let ok = probe.join(name).exists();
    let _ = std::fs::remove_dir(&probe);
    ok
}

/// What this machine can enforce (memory, processes), for `s engine status`.
pub fn enforced() -> (bool, bool) {
    let r = roots();
    (
        r.v2_memory || r.v1_memory.is_some(),
        r.v2_pids || r.v1_pids.is_some(),
    )
}

/// The groups of one instance; removed when dropped.
pub struct Cgroup {
    dirs: Vec<PathBuf>,
    /// The dir whose `memory.events` / `memory.oom_control` tells of OOM kills.
    memory: Option<(PathBuf, bool)>,
    /// The v2 dir, for `cgroup.kill` and membership.
    v2: Option<PathBuf>,
}

impl Cgroup {
    /// Groups for a new instance limited to `limit_mb` and [`PIDS_MAX`] processes; None
    /// when no group can be made here.
    pub fn create(instance_id: &str, limit_mb: u32) -> Option<Cgroup> {
        let r = roots();
        let name = format!("s-{}-{instance_id}", std::process::id());
        let mut group = Cgroup {
            dirs: Vec::new(),
            memory: None,
            v2: None,
        };
        let bytes = (u64::from(limit_mb) * 1024 * 1024).to_string();
        if let Some(root) = &r.v2 {
            let dir = group.make(root, &name)?;
            if r.v2_memory && std::fs::write(dir.join("memory.max"), &bytes).is_ok() {
                let _ = std::fs::write(dir.join("memory.swap.max"), "0");
                group.memory = Some((dir.clone(), true));
            }
            if r.v2_pids {
                let _ = std::fs::write(dir.join("pids.max"), PIDS_MAX.to_string());
            }
            group.v2 = Some(dir);
        }
        if !r.v2_memory {
            if let Some(dir) = r
                .v1_memory
                .as_ref()
                .and_then(|root| group.make(root, &name))
            {
                if std::fs::write(dir.join("memory.limit_in_bytes"), &bytes).is_ok() {
                    let _ = std::fs::write(dir.join("memory.memsw.limit_in_bytes"), &bytes);
                    group.memory = Some((dir, false));
                }
            }
        }
        if !r.v2_pids {
            if let Some(dir) = r.v1_pids.as_ref().and_then(|root| group.make(root, &name)) {
                let _ = std::fs::write(dir.join("pids.max"), PIDS_MAX.to_string());
            }
        }
        // A group of its own is what keeps an instance's CPU use fair: the scheduler weighs
        // the whole group like one process, however many it runs.
        if !r.v2_cpu {
            if let Some(root) = &r.v1_cpu {
                group.make(root, &name);
            }
        }
        (!group.dirs.is_empty()).then_some(group)
    }

    fn make(&mut self, root: &Path, name: &str) -> Option<PathBuf> {
        let dir = root.join(name);
        std::fs::create_dir(&dir).ok()?;
        self.dirs.push(dir.clone());
        Some(dir)
    }

    /// True when memory is limited by the kernel (else the pool polls RSS).
    pub fn limits_memory(&self) -> bool {
        self.memory.is_some()
    }

    /// Each group's `cgroup.procs`, opened for the child to write `0` into between fork
    /// and exec.
    pub fn procs_files(&self) -> Vec<OwnedFd> {
        self.dirs
            .iter()
            .filter_map(|dir| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(dir.join("cgroup.procs"))
                    .ok()
            })
            .map(OwnedFd::from)
            .collect()
    }

    /// Move `root` and every process below it into the groups, until a look finds none
    /// left out (a process may fork while we move it); true then. From that moment on,
    /// whatever they start is born inside.
    pub fn adopt_tree(&self, root: u32) -> bool {
        let files = self.procs_files();
        for _ in 0..4 {
            let outside: Vec<u32> = tree(root).into_iter().filter(|p| !self.holds(*p)).collect();
            if outside.is_empty() {
                return true;
            }
            for pid in outside {
                for file in &files {
                    let _ = nix::unistd::write(file, pid.to_string().as_bytes());
                }
            }
        }
        false
    }

    /// True when `pid` really runs inside the memory group (or the only group there is).
    pub fn holds(&self, pid: u32) -> bool {
        let Some(dir) = self.memory.as_ref().map(|(d, _)| d).or(self.dirs.first()) else {
            return false;
        };
        std::fs::read_to_string(dir.join("cgroup.procs"))
            .is_ok_and(|procs| procs.lines().any(|l| l.trim() == pid.to_string()))
    }

    /// True once the kernel killed something in the group for memory.
    pub fn oom_killed(&self) -> bool {
        let Some((dir, v2)) = &self.memory else {
            return false;
        };
        let file = if *v2 {
            "memory.events"
        } else {
            "memory.oom_control"
        };
        std::fs::read_to_string(dir.join(file))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("oom_kill "))
                    .and_then(|v| v.trim().parse::<u64>().ok())
            })
            .is_some_and(|n| n > 0)
    }

    /// SIGKILL everything in the groups, wherever it moved in the process tree.
    pub fn kill_all(&self) {
        if let Some(dir) = &self.v2 {
            if std::fs::write(dir.join("cgroup.kill"), "1").is_ok() {
                return;
            }
        }
        for dir in &self.dirs {
            let procs = std::fs::read_to_string(dir.join("cgroup.procs")).unwrap_or_default();
            for pid in procs.lines().filter_map(|l| l.trim().parse::<i32>().ok()) {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGKILL,
                );
            }
        }
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        let dirs = std::mem::take(&mut self.dirs);
        if dirs.iter().all(|dir| std::fs::remove_dir(dir).is_ok()) {
            return;
        }
        // Killed processes leave the group a moment after the signal: try again shortly,
        // off the async runtime.
        std::thread::spawn(move || {
            for _ in 0..50 {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let left: Vec<_> = dirs.iter().filter(|d| d.exists()).collect();
                if left.iter().all(|dir| std::fs::remove_dir(dir).is_ok()) {
                    return;
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_carry_their_engine() {
        assert_eq!(group_owner("s-4242-c-1a2b-3c4d"), Some(4242));
        assert_eq!(group_owner("s-probe-1"), None);
        assert_eq!(group_owner("user.slice"), None);
    }
}
