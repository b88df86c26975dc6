//! Building an official layer's folder: in a temporary sibling renamed into place, under
//! the layer's lock, so concurrent deploys never race and an interrupted build leaves only
//! a temporary the next build removes.

use std::path::Path;
use std::process::Command;

use super::plan::{Plan, Step};
use super::{Official, OfficialError};
use crate::build::{debs, run_streamed, BuildError};

/// Build `plan` into `root`: in a temporary sibling, renamed into place, under the layer's
/// lock (a concurrent builder may have finished meanwhile).
pub(super) fn build(
    official: &Official,
    plan: &Plan,
    root: &Path,
    on_line: &mut dyn FnMut(String),
) -> Result<(), OfficialError> {
    let failed = |source: BuildError| OfficialError::Build {
        name: official.name.to_string(),
        source,
    };
    let cache = root.parent().unwrap_or(Path::new("."));
    crate::private_fs::create_dir_all(cache).map_err(|e| failed(BuildError::io(cache, e)))?;
    let lock_path = cache.join(format!(".{}.lock", official.name));
    let lock_file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| failed(BuildError::io(&lock_path, e)))?;
    let _lock = nix::fcntl::Flock::lock(lock_file, nix::fcntl::FlockArg::LockExclusive)
        .map_err(|(_, e)| failed(BuildError::io(&lock_path, e.into())))?;
    if root.is_dir() {
        return Ok(());
    }
    // Whoever held the lock before finished or died: its temporaries are leftovers.
    let prefix = format!(".{}.tmp-", official.name);
    for entry in std::fs::read_dir(cache).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .tempdir_in(cache)
        .map_err(|e| failed(BuildError::io(cache, e)))?;
    for step in &plan.steps {
        run_step(step, tmp.path(), on_line).map_err(failed)?;
    }
    let built = tmp.keep();
    std::fs::rename(&built, root).map_err(|e| {
        let _ = std::fs::remove_dir_all(&built);
        failed(BuildError::io(root, e))
    })
}

fn run_step(step: &Step, dir: &Path, on_line: &mut dyn FnMut(String)) -> Result<(), BuildError> {
    match step {
        Step::Link(at, target) => {
            let path = dir.join(at);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
            }
            std::os::unix::fs::symlink(target, &path).map_err(|e| BuildError::io(&path, e))
        }
        Step::Pip(python, requirement) => {
            let mut command = Command::new(&python.path);
            command
                .args(["-m", "pip", "install", "--target"])
                .arg(dir.join("python"))
                .args([
                    "--disable-pip-version-check",
                    "--no-input",
                    "--no-compile",
                    "--no-cache-dir",
                    "--quiet",
                    requirement,
                ])
                .env("PIP_ROOT_USER_ACTION", "ignore")
                .current_dir(dir);
            run_streamed(&format!("pip install '{requirement}'"), command, on_line)
        }
        Step::NginxDeb => {
            let unpacked = dir.join("debian");
            debs::install(&["nginx".to_string()], &unpacked, on_line)?;
            let sbin = dir.join("nginx/sbin");
            std::fs::create_dir_all(&sbin).map_err(|e| BuildError::io(&sbin, e))?;
            let binary = unpacked.join("usr/sbin/nginx");
            std::fs::rename(&binary, sbin.join("nginx")).map_err(|e| BuildError::io(&binary, e))?;
            let conf = dir.join("nginx/conf");
            std::fs::create_dir_all(&conf).map_err(|e| BuildError::io(&conf, e))?;
            let mime = unpacked.join("etc/nginx/mime.types");
            if mime.is_file() {
                let _ = std::fs::rename(&mime, conf.join("mime.types"));
            }
            std::fs::remove_dir_all(&unpacked).map_err(|e| BuildError::io(&unpacked, e))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::build::Interpreter;
    use crate::official_layers::find;

    /// What `cache` holds besides lock files.
    fn built(cache: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(cache)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".lock"))
            .collect();
        names.sort();
        names
    }

    fn link_plan() -> Plan {
        Plan {
            key: "0".repeat(64),
            steps: vec![Step::Link(
                "nodejs20/bin/node".into(),
                PathBuf::from("/usr/bin/env"),
            )],
            warning: None,
            mapped: String::new(),
        }
    }

    #[test]
    fn concurrent_builds_make_one_whole_folder_and_clear_leftovers() {
        let cache = tempfile::tempdir().unwrap();
        let official = find("Nodejs20").unwrap();
        // What a killed build left.
        let stale = cache.path().join(".Nodejs20.tmp-killed/nodejs20/bin");
        std::fs::create_dir_all(&stale).unwrap();
        let root = cache.path().join("Nodejs20-test");
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| build(official, &link_plan(), &root, &mut |_| {}).unwrap());
            }
        });
        assert_eq!(
            std::fs::read_link(root.join("nodejs20/bin/node")).unwrap(),
            PathBuf::from("/usr/bin/env")
        );
        assert_eq!(built(cache.path()), ["Nodejs20-test"]);
    }

    #[test]
    fn a_failed_build_leaves_nothing() {
        let cache = tempfile::tempdir().unwrap();
        let official = find("Python3-Flask2x").unwrap();
        let missing = Interpreter {
            name: "Python",
            path: cache.path().join("no-python"),
            version: "3.11.0".into(),
        };
        let plan = Plan {
            steps: vec![Step::Pip(missing, "flask>=2,<3")],
            ..link_plan()
        };
        let root = cache.path().join("Python3-Flask2x-test");
        let err = build(official, &plan, &root, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("Python3-Flask2x"), "{err}");
        assert_eq!(built(cache.path()), Vec::<String>::new());
    }
}
