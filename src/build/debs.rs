//! Debian packages unpacked into a folder, as FC's build images do for `apt-get.list`
//! (download with apt, then `dpkg -x` of every archive): the named packages and those of
//! their dependencies this host lacks. The sandbox shows the host's system dirs, so what is
//! installed here is there already, as the build image's packages are on FC.
//!
//! apt resolves (`apt-get install --print-uris` needs no root and changes nothing) and
//! downloads (`apt-get download`) into a temporary folder; `dpkg-deb --fsys-tarfile`
//! decompresses and the `tar` crate unpacks, refusing every entry that would land outside
//! the target, also through a symlink an earlier entry made. The target is replaced only
//! once everything unpacked: a failed or killed run leaves the old one.
//!
//! Package names are user input: each must be a Debian package name (so never an option),
//! they go to apt as arguments (never through a shell), and their number and unpacked size
//! are bounded.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{run_streamed, BuildError};

/// Most packages one list may name.
pub const MAX_PACKAGES: usize = 100;
/// Most bytes one install may unpack (FC's unpacked code limit is far below).
pub const MAX_UNPACKED_BYTES: u64 = 2 << 30;
/// Largest `apt-get.list` read.
pub const MAX_LIST_BYTES: u64 = 64 << 10;

/// Debian's rule for package names: lower-case letters, digits, `+ - .`, starting with a
/// letter or digit, at least two characters.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    first_ok
        && name.len() >= 2
        && name.len() <= 128
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c))
}

/// The package names of an `apt-get.list`: whitespace-separated, `#` starts a comment.
pub fn parse_list(text: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default();
        for word in line.split_whitespace() {
            if !valid_name(word) {
                return Err(format!("`{word}` is not a Debian package name"));
            }
            if !names.iter().any(|n| n == word) {
                names.push(word.to_string());
            }
        }
    }
    if names.len() > MAX_PACKAGES {
        return Err(format!(
            "{} packages are listed; at most {MAX_PACKAGES} are installed at once",
            names.len()
        ));
    }
    Ok(names)
}

/// Read and parse `path` (bounded).
pub fn read_list(path: &Path) -> Result<Vec<String>, BuildError> {
    let file = std::fs::File::open(path).map_err(|e| BuildError::io(path, e))?;
    let mut text = String::new();
    file.take(MAX_LIST_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| BuildError::io(path, e))?;
    if text.len() as u64 > MAX_LIST_BYTES {
        return Err(BuildError::Invalid(format!(
            "`{}` is larger than {} KiB",
            path.file_name().unwrap_or_default().to_string_lossy(),
            MAX_LIST_BYTES >> 10
        )));
    }
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    parse_list(&text).map_err(|why| BuildError::Invalid(format!("`{file}`: {why}")))
}

/// Download `names` (and the dependencies this host lacks) and unpack them into `target`,
/// replacing it. Returns the archives unpacked.
pub fn install(
    names: &[String],
    target: &Path,
    on_line: &mut dyn FnMut(String),
) -> Result<Vec<String>, BuildError> {
    if let Some(bad) = names.iter().find(|n| !valid_name(n)) {
        return Err(BuildError::Invalid(format!(
            "`{bad}` is not a Debian package name"
        )));
    }
    let parent = target.parent().unwrap_or(Path::new("."));
    let stem = target.file_name().unwrap_or_default().to_string_lossy();
    remove_leftovers(parent, &stem);
    let work = tempfile::Builder::new()
        .prefix(&format!(".{stem}.tmp-"))
        .tempdir_in(parent)
        .map_err(|e| BuildError::io(parent, e))?;
    let downloads = work.path().join("debs");
    let unpacked = work.path().join("root");
    for dir in [&downloads, &unpacked] {
        std::fs::create_dir(dir).map_err(|e| BuildError::io(dir, e))?;
    }
    let wanted = resolve(names, on_line)?;
    if !wanted.is_empty() {
        let mut command = apt_get();
        command
            .arg("download")
            .args(&wanted)
            .current_dir(&downloads);
        run_streamed("apt-get download", command, on_line)?;
    }
    let mut archives: Vec<PathBuf> = std::fs::read_dir(&downloads)
        .map_err(|e| BuildError::io(&downloads, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    archives.sort();
    let mut budget = MAX_UNPACKED_BYTES;
    for archive in &archives {
        unpack(archive, &unpacked, &mut budget)?;
    }
    if target.symlink_metadata().is_ok() {
        let old = work.path().join("old");
        std::fs::rename(target, &old).map_err(|e| BuildError::io(target, e))?;
    }
    std::fs::rename(&unpacked, target).map_err(|e| BuildError::io(target, e))?;
    Ok(archives
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect())
}

/// apt with a clean, non-interactive setup.
fn apt_get() -> Command {
    let mut command = Command::new("apt-get");
    command.args(["-q", "-o", "Dpkg::Use-Pty=0"]);
    // As root apt downloads as `_apt`, who cannot write into the private temporary folder.
    if nix::unistd::geteuid().is_root() {
        command.args(["-o", "APT::Sandbox::User=root"]);
    }
    command
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdin(Stdio::null());
    command
}

/// The packages apt would download to install `names` here: the names themselves and
/// every dependency not installed on this host.
fn resolve(names: &[String], on_line: &mut dyn FnMut(String)) -> Result<Vec<String>, BuildError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let shown = format!("apt-get install --print-uris {}", names.join(" "));
    let mut command = apt_get();
    command
        .args([
            "install",
            "--print-uris",
            "-qq",
            "-y",
            "--no-install-recommends",
        ])
        .args(names);
    let out = command.output().map_err(|e| BuildError::ToolMissing {
        program: "apt-get".into(),
        message: format!("{e}; Debian packages need apt (a Debian or Ubuntu host)"),
    })?;
    if !out.status.success() {
        // As a streamed tool's would be: shown as it comes, and kept for the error.
        for line in String::from_utf8_lossy(&out.stderr).lines() {
            on_line(line.to_string());
        }
        return Err(BuildError::ToolFailed {
            command: shown,
            status: format!("exit code {}", out.status.code().unwrap_or(-1)),
            code: out.status.code(),
            output: String::from_utf8_lossy(&out.stderr).into_owned(),
        });
    }
    // `'<url>' <name>_<version>_<arch>.deb <size> <hash>`
    let text = String::from_utf8_lossy(&out.stdout);
    let mut packages: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with('\''))
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter_map(|file| file.split('_').next())
        .filter(|name| valid_name(name))
        .map(str::to_string)
        .collect();
    packages.dedup();
    if packages.len() > MAX_PACKAGES {
        return Err(BuildError::Invalid(format!(
            "installing {} needs {} packages; at most {MAX_PACKAGES} are unpacked",
            names.join(" "),
            packages.len()
        )));
    }
    Ok(packages)
}

/// Unpack the files of one `.deb` into `into`, within `budget` bytes.
fn unpack(archive: &Path, into: &Path, budget: &mut u64) -> Result<(), BuildError> {
    let shown = format!(
        "dpkg-deb --fsys-tarfile {}",
        archive.file_name().unwrap_or_default().to_string_lossy()
    );
    let mut child = Command::new("dpkg-deb")
        .arg("--fsys-tarfile")
        .arg(archive)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| BuildError::ToolMissing {
            program: "dpkg-deb".into(),
            message: format!("{e}; install the `dpkg` package"),
        })?;
    let stdout = child.stdout.take().expect("piped stdout");
    let result = unpack_tar(stdout, into, budget, &shown);
    // Stop `dpkg-deb` if unpacking stopped early, so `wait` does not block on a full pipe.
    if result.is_err() {
        let _ = child.kill();
    }
    let output = child
        .wait_with_output()
        .map_err(|e| BuildError::io(archive, e))?;
    result?;
    if !output.status.success() {
        return Err(BuildError::ToolFailed {
            command: shown,
            status: format!("exit code {}", output.status.code().unwrap_or(-1)),
            code: output.status.code(),
            output: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    Ok(())
}

fn unpack_tar(
    stream: impl std::io::Read,
    into: &Path,
    budget: &mut u64,
    shown: &str,
) -> Result<(), BuildError> {
    let mut tar = tar::Archive::new(stream);
    let bad = |why: String| BuildError::Invalid(format!("`{shown}`: {why}"));
    let entries = tar.entries().map_err(|e| bad(e.to_string()))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| bad(e.to_string()))?;
        let size = entry.header().size().unwrap_or(0);
        *budget = budget.checked_sub(size).ok_or_else(|| {
            bad(format!(
                "the packages unpack to more than {} GiB",
                MAX_UNPACKED_BYTES >> 30
            ))
        })?;
        let path = entry.path().map(|p| p.display().to_string());
        let name = path.unwrap_or_default();
        // `unpack_in` refuses `..`, absolute paths and parents that resolve (through a
        // symlink) outside `into`: an error, or `false` for a skipped entry.
        match entry.unpack_in(into) {
            Ok(true) => {}
            Ok(false) => return Err(bad(format!("entry `{name}` would land outside the folder"))),
            Err(e) => return Err(bad(format!("cannot unpack `{name}`: {e}"))),
        }
    }
    Ok(())
}

/// Temporaries an interrupted install left beside `stem`.
fn remove_leftovers(parent: &Path, stem: &str) {
    let prefix = format!(".{stem}.tmp-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_debian_names_only() {
        assert_eq!(
            parse_list("hello  # greets\n\nlibfoo1 g++-12\nhello\n").unwrap(),
            ["hello", "libfoo1", "g++-12"]
        );
        for bad in ["-o=Dir::Etc=/tmp", "../x", "a;rm", "Hello", "x", "foo/bar"] {
            assert!(parse_list(bad).is_err(), "{bad}");
        }
        let many = (0..=MAX_PACKAGES)
            .map(|i| format!("p{i}\n"))
            .collect::<String>();
        assert!(parse_list(&many).is_err());
    }

    /// A tar stream of (path, kind) entries: `Some(target)` makes a symlink.
    fn tar_of(entries: &[(&str, Option<&str>)]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (path, link) in entries {
            let mut header = tar::Header::new_gnu();
            header.set_mode(0o755);
            match link {
                Some(target) => {
                    header.set_entry_type(tar::EntryType::Symlink);
                    header.set_size(0);
                    builder.append_link(&mut header, path, target).unwrap();
                }
                None => {
                    header.set_size(2);
                    builder.append_data(&mut header, path, &b"hi"[..]).unwrap();
                }
            }
        }
        builder.into_inner().unwrap()
    }

    #[test]
    fn unpacking_never_writes_through_a_link_out_of_the_folder() {
        let outside = tempfile::tempdir().unwrap();
        let into = tempfile::tempdir().unwrap();
        let link = outside.path().display().to_string();
        let stream = tar_of(&[
            ("./usr/lib/escape", Some(&link)),
            ("./usr/lib/escape/owned", None),
        ]);
        let mut budget = MAX_UNPACKED_BYTES;
        let err = unpack_tar(&stream[..], into.path(), &mut budget, "test").unwrap_err();
        assert!(err.to_string().contains("escape/owned"), "{err}");
        assert!(!outside.path().join("owned").exists());
    }

    #[test]
    fn unpacking_is_bounded() {
        let into = tempfile::tempdir().unwrap();
        let stream = tar_of(&[("./usr/bin/a", None), ("./usr/bin/b", None)]);
        let mut budget = 3;
        let err = unpack_tar(&stream[..], into.path(), &mut budget, "test").unwrap_err();
        assert!(err.to_string().contains("more than"), "{err}");
    }
}
