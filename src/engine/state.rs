//! Housekeeping of the engine's state dir: the tidy-up at start (instance scratch folders
//! a killed engine left, code no record names any more), and telling the engine recorded
//! in `engine.json` from any other process that happens to have its pid, so `s engine stop`
//! signals nothing else.

use std::path::{Path, PathBuf};

use super::store::Store;
use super::StateFile;

/// Where instances get their scratch folders (`<home>/scratch/<instance id>`).
pub fn scratch_root(home: &Path) -> PathBuf {
    home.join("scratch")
}

/// Before any instance starts: scratch folders are per instance, so every one there now
/// belongs to an instance of an engine that is gone; unused code goes too.
pub fn tidy_at_start(store: &Store, scratch: &Path) {
    match std::fs::remove_dir_all(scratch) {
        Ok(()) => tracing::info!("removed the scratch folders of earlier instances"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!("cannot remove old instance scratch folders: {e}"),
    }
    match store.collect_garbage(true) {
        Ok(c) if c.zips + c.unpacked + c.layer_roots > 0 => tracing::info!(
            "removed unused code: {} packages, {} unpacked, {} layer roots",
            c.zips,
            c.unpacked,
            c.layer_roots
        ),
        Ok(_) => {}
        Err(e) => tracing::warn!("cannot collect unused code: {e}"),
    }
}

/// When the process `pid` started, in clock ticks since boot (`/proc/<pid>/stat` field
/// 22): with the pid, it names one process for the life of the machine.
pub fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name start at field 3.
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(22 - 3)?.parse().ok()
}

/// Why a recorded engine is not the process now running under its pid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotTheEngine {
    #[error("process {0} is not running")]
    Gone(u32),
    #[error("process {0} started after the engine recorded it (the pid was reused)")]
    Reused(u32),
    #[error("process {pid} runs `{exe}`, not `s`")]
    OtherProgram { pid: u32, exe: String },
}

/// The engine `state` records is the process now running as `state.pid`: same start time
/// (when recorded) and the same program as this one.
pub fn check_engine_process(state: &StateFile) -> Result<(), NotTheEngine> {
    let pid = state.pid;
    let started = process_start(pid).ok_or(NotTheEngine::Gone(pid))?;
    if state
        .process_start
        .is_some_and(|recorded| recorded != started)
    {
        return Err(NotTheEngine::Reused(pid));
    }
    let exe = std::fs::read_link(format!("/proc/{pid}/exe"))
        .map_err(|_| NotTheEngine::Gone(pid))?
        .display()
        .to_string();
    // A rebuilt binary shows as `<path> (deleted)`; the engine may also run another copy
    // of `s` than this command, so the program's name is what must agree.
    let name = |path: &str| {
        let path = path.trim_end_matches(" (deleted)");
        Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    };
    let ours = std::env::current_exe()
        .ok()
        .and_then(|p| name(&p.display().to_string()));
    if name(&exe) != ours {
        return Err(NotTheEngine::OtherProgram { pid, exe });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(pid: u32, process_start: Option<u64>) -> StateFile {
        StateFile {
            pid,
            address: String::new(),
            url: String::new(),
            started_at: String::new(),
            process_start,
        }
    }

    #[test]
    fn only_the_recorded_process_of_this_program_passes() {
        let me = std::process::id();
        let started = process_start(me).unwrap();
        assert_eq!(check_engine_process(&state(me, Some(started))), Ok(()));
        assert_eq!(
            check_engine_process(&state(me, Some(started + 1))),
            Err(NotTheEngine::Reused(me))
        );
        let mut other = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let result = check_engine_process(&state(other.id(), None));
        other.kill().unwrap();
        other.wait().unwrap();
        assert!(
            matches!(&result, Err(NotTheEngine::OtherProgram { exe, .. }) if exe.ends_with("sleep")),
            "{result:?}"
        );
        assert_eq!(
            check_engine_process(&state(other.id(), None)),
            Err(NotTheEngine::Gone(other.id()))
        );
    }
}
