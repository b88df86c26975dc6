//! Memory of an instance read from `/proc`: RSS of its whole process group (what the pool
//! polls when no cgroup enforces `memorySize`) and peak memory of its main process.

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

/// `(pid, parent pid)` of every process.
pub fn parents() -> Vec<(u32, u32)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str().filter(|n| is_pid(n))?.parse().ok())
        .filter_map(|pid: u32| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let rest = &stat[stat.rfind(')')? + 2..];
            Some((pid, rest.split(' ').nth(1)?.parse().ok()?))
        })
        .collect()
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
