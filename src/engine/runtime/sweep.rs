//! Leftover processes of an instance: a handler can leave its process group (`setsid`, a
//! double fork) and so escape the group kill. Every process an instance starts inherits its
//! `FC_INSTANCE_ID`, so once the instance is gone, any process still carrying that id is
//! killed. In the sandbox the pid namespace already guarantees this; without it, this is
//! what does.

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

/// SIGKILL every process whose environment holds `FC_INSTANCE_ID=<instance_id>`; how many.
pub fn kill_leftovers(instance_id: &str) -> usize {
    let needle = format!("FC_INSTANCE_ID={instance_id}");
    let own = std::process::id();
    let mut killed = std::collections::BTreeSet::new();
    // A process may fork while we look: a second pass catches what the first one missed.
    // A process killed in the first pass may not have died yet when the second one looks,
    // so it is skipped rather than counted twice.
    for _ in 0..2 {
        let found: Vec<u32> = carrying(&needle, own)
            .into_iter()
            .filter(|pid| !killed.contains(pid))
            .collect();
        if found.is_empty() {
            break;
        }
        for pid in found {
            if kill(Pid::from_raw(pid as i32), Signal::SIGKILL).is_ok() {
                killed.insert(pid);
            }
        }
    }
    killed.len()
}

/// Pids (other than `own`) whose initial environment contains the entry `needle`.
fn carrying(needle: &str, own: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != own)
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .is_ok_and(|env| has_entry(&env, needle.as_bytes()))
        })
        .collect()
}

/// True when the NUL-separated `environ` holds exactly `entry`.
fn has_entry(environ: &[u8], entry: &[u8]) -> bool {
    environ.split(|b| *b == 0).any(|e| e == entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_match_whole() {
        let env = b"A=1\0FC_INSTANCE_ID=c-1\0B=2\0";
        assert!(has_entry(env, b"FC_INSTANCE_ID=c-1"));
        assert!(!has_entry(env, b"FC_INSTANCE_ID=c-"));
        assert!(!has_entry(b"FC_INSTANCE_ID=c-10\0", b"FC_INSTANCE_ID=c-1"));
    }

    #[test]
    fn a_detached_process_with_the_id_is_killed() {
        let id = format!("sweep-test-{}", std::process::id());
        let mut child = std::process::Command::new("sleep")
            .arg("1000")
            .env("FC_INSTANCE_ID", &id)
            .spawn()
            .unwrap();
        // The child's environment is readable once its exec finished: retry briefly.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut killed = 0;
        while killed == 0 && std::time::Instant::now() < deadline {
            killed = kill_leftovers(&id);
        }
        let _ = child.kill(); // never leave it behind, whatever the assertion says
        let status = child.wait().unwrap();
        assert_eq!(killed, 1);
        assert!(!status.success());
    }
}
