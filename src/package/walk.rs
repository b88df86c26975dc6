//! Listing what goes into a package: a sorted, filtered walk of the code folder that never
//! follows symlinks. Only `.fcignore` filters; `.gitignore` and hidden files are packaged.

use std::path::{Path, PathBuf};

use super::fcignore::IgnoreStack;
use super::PackageError;

/// What an entry is, with what the archive needs to know about it.
#[derive(Debug, Clone)]
pub enum Kind {
    Dir,
    File { size: u64 },
    Symlink { target: String },
}

/// One archive entry, in archive order.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Name inside the archive: `/`-separated, folders end with `/`.
    pub name: String,
    pub path: PathBuf,
    pub kind: Kind,
    /// Permission bits (`0o7777`), without the file type.
    pub mode: u32,
}

impl Entry {
    pub fn size(&self) -> u64 {
        match self.kind {
            Kind::File { size } => size,
            _ => 0,
        }
    }
}

/// Every entry under `root` that `.fcignore` keeps, sorted by name within each folder,
/// leaving out the folder `skip` (the package's own output folder, e.g. `.s/` when the code
/// is the project root). A file `root` gives a one-entry list named after the file.
pub fn list(root: &Path, skip: Option<&Path>) -> Result<Vec<Entry>, PackageError> {
    let meta = std::fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PackageError::NotFound {
            path: root.to_path_buf(),
        },
        _ => PackageError::Read {
            path: root.to_path_buf(),
            source: e,
        },
    })?;
    let mut entries = Vec::new();
    if meta.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "code".into());
        entries.push(file_entry(root.to_path_buf(), name, &meta, true));
        return Ok(entries);
    }
    let mut walk = Walk {
        rules: IgnoreStack::default(),
        skip: skip.and_then(|dir| skipped_name(root, dir)),
        out: entries,
    };
    walk_dir(&mut walk, root, "")?;
    Ok(walk.out)
}

/// `dir` as an entry name (`a/b/`) when it lies inside `root`.
fn skipped_name(root: &Path, dir: &Path) -> Option<String> {
    let root = root.canonicalize().ok()?;
    let dir = dir.canonicalize().ok()?;
    let rel = dir.strip_prefix(&root).ok()?;
    let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
    (!parts.is_empty()).then(|| format!("{}/", parts.join("/")))
}

struct Walk {
    rules: IgnoreStack,
    skip: Option<String>,
    out: Vec<Entry>,
}

fn walk_dir(walk: &mut Walk, dir: &Path, prefix: &str) -> Result<(), PackageError> {
    let pushed = walk.rules.enter(dir).map_err(PackageError::read(dir))?;
    let result = walk_children(walk, dir, prefix);
    if pushed {
        walk.rules.leave();
    }
    result
}

fn walk_children(walk: &mut Walk, dir: &Path, prefix: &str) -> Result<(), PackageError> {
    let mut children: Vec<_> = std::fs::read_dir(dir)
        .map_err(PackageError::read(dir))?
        .collect::<Result<_, _>>()
        .map_err(PackageError::read(dir))?;
    // Byte order of names: stable across file systems and locales.
    children.sort_by_key(|c| c.file_name());
    for child in children {
        let path = child.path();
        let meta = std::fs::symlink_metadata(&path).map_err(PackageError::read(&path))?;
        let name = format!("{prefix}{}", child.file_name().to_string_lossy());
        let kind = meta.file_type();
        if walk.rules.is_ignored(&path, kind.is_dir()) {
            continue;
        }
        if kind.is_dir() {
            let name = format!("{name}/");
            if walk.skip.as_deref() == Some(name.as_str()) {
                continue;
            }
            walk.out.push(Entry {
                name: name.clone(),
                path: path.clone(),
                kind: Kind::Dir,
                mode: mode_of(&meta, 0o755),
            });
            walk_dir(walk, &path, &name)?;
        } else if kind.is_symlink() {
            let target = std::fs::read_link(&path).map_err(PackageError::read(&path))?;
            walk.out.push(Entry {
                name,
                path,
                kind: Kind::Symlink {
                    target: target.to_string_lossy().into_owned(),
                },
                mode: 0o777,
            });
        } else if kind.is_file() {
            let at_root = prefix.is_empty();
            walk.out.push(file_entry(path, name, &meta, at_root));
        }
        // Sockets, fifos and devices have no place in a code package.
    }
    Ok(())
}

fn file_entry(path: PathBuf, name: String, meta: &std::fs::Metadata, at_root: bool) -> Entry {
    let mut mode = mode_of(meta, 0o644);
    // FC runs a custom runtime's `bootstrap` directly: it must be executable whatever the
    // checkout lost (Windows, some zip tools).
    if at_root && name == "bootstrap" {
        mode |= 0o111;
    }
    Entry {
        name,
        path,
        kind: Kind::File { size: meta.len() },
        mode,
    }
}

#[cfg(unix)]
fn mode_of(meta: &std::fs::Metadata, _default: u32) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_meta: &std::fs::Metadata, default: u32) -> u32 {
    default
}
