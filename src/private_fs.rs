//! Files under `S_HOME`: folders 0700 and files 0600 from the moment they exist (never
//! created open and narrowed afterwards, which leaves a window), and the check that an
//! existing tree is no wider. The engine process instead sets its umask to 077 once
//! (`restrict_umask`), so everything it and SQLite create is private too.
//!
//! Only for state the tool owns: files written into the user's project keep the user's
//! umask.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, Write as _};
use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};

/// Mode of every folder under `S_HOME`.
pub const DIR_MODE: u32 = 0o700;
/// Mode of every file under `S_HOME`.
pub const FILE_MODE: u32 = 0o600;

/// How deep `open_entry` looks: deep enough for `S_HOME/engine/code/<package>.zip`, shallow
/// enough that a state dir with a large unpacked `node_modules` is checked in a moment.
const CHECK_DEPTH: usize = 3;

/// `create_dir_all` with every folder it creates 0700 (existing ones are left alone).
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(path)
}

/// Write `bytes` to `path` through a 0600 temporary sibling and a rename: readable by no
/// one else at any moment, and never half-written.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dir_all(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp-{}", rand::random::<u32>()));
    let mut file = create_new(&tmp)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// A new 0600 file (fails if `path` exists).
pub fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
}

/// `path` opened for appending, created 0600 when missing (the engine log).
pub fn open_append(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(FILE_MODE)
        .open(path)
}

/// For the engine process: everything it creates from now on (database, WAL, log, code,
/// scratch folders) is private to the user, whatever the user's umask.
pub fn restrict_umask() {
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
}

/// An entry of the tree at `root` (`root` itself included, [`CHECK_DEPTH`] levels down)
/// with group or other permission bits. `cache` is not looked into: pip and npm create
/// their cache folders with the user's umask, and the 0700 `cache` folder hides them.
pub fn open_entry(root: &Path) -> Option<(PathBuf, u32)> {
    let meta = std::fs::symlink_metadata(root).ok()?;
    open_below(root, &meta, 0)
}

fn open_below(path: &Path, meta: &std::fs::Metadata, depth: usize) -> Option<(PathBuf, u32)> {
    if meta.file_type().is_symlink() {
        return None;
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o077 != 0 {
        return Some((path.to_path_buf(), mode));
    }
    if !meta.is_dir() || depth >= CHECK_DEPTH {
        return None;
    }
    std::fs::read_dir(path).ok()?.flatten().find_map(|entry| {
        if depth == 0 && entry.file_name() == "cache" {
            return None;
        }
        let meta = entry.metadata().ok()?;
        open_below(&entry.path(), &meta, depth + 1)
    })
}

/// The one-line warning for a state tree others can read, if `root` has such an entry.
pub fn open_tree_warning(root: &Path) -> Option<String> {
    let (path, mode) = open_entry(root)?;
    Some(format!(
        "`{}` is open to other users (mode {mode:04o}); run `chmod -R go-rwx {}`",
        path.display(),
        root.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().mode() & 0o777
    }

    #[test]
    fn folders_and_files_are_created_private() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("a/b/c.yaml");
        write(&file, b"x").unwrap();
        assert_eq!(mode(&root.path().join("a")), DIR_MODE);
        assert_eq!(mode(&root.path().join("a/b")), DIR_MODE);
        assert_eq!(mode(&file), FILE_MODE);
        assert_eq!(std::fs::read(&file).unwrap(), b"x");
        let log = root.path().join("a/log");
        drop(open_append(&log).unwrap());
        assert_eq!(mode(&log), FILE_MODE);
    }

    #[test]
    fn an_open_entry_is_found_anywhere_but_in_tool_caches() {
        let root = tempfile::tempdir().unwrap();
        let set = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
        };
        let engine = root.path().join("engine");
        create_dir_all(&engine).unwrap();
        let db = engine.join("engine.db");
        write(&db, b"").unwrap();
        let pip = root.path().join("cache/pip");
        create_dir_all(&pip).unwrap();
        set(&pip, 0o755);
        set(root.path(), 0o700);
        assert_eq!(open_entry(root.path()), None);
        set(&db, 0o644);
        assert_eq!(open_entry(root.path()), Some((db.clone(), 0o644)));
        let warning = open_tree_warning(root.path()).unwrap();
        assert!(warning.contains("mode 0644") && warning.contains("chmod -R go-rwx"));
    }
}
