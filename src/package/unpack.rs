//! Unpacking a code zip into a folder, safely: no entry may land outside the target
//! (absolute names, `..`, symlinks pointing out), and archives that expand beyond a bound
//! are refused before anything is written (zip bombs). Modes and symlinks are restored.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use zip::ZipArchive;

use super::zipwrite::{S_IFDIR, S_IFLNK};
use super::PackageError;

/// Ten times FC's 500 MB code limit: no real function package comes near it.
pub const MAX_UNPACKED_BYTES: u64 = 10 * 500 * 1024 * 1024;

/// Far more files than any function package has (a large `node_modules` holds tens of
/// thousands), and few enough that an archive of empty entries cannot exhaust inodes.
pub const MAX_UNPACKED_ENTRIES: usize = 200_000;

struct Link {
    name: String,
    path: PathBuf,
    target: String,
}

/// Unpack `zip` into `dest` (created if missing), expanding to at most `limit` bytes and
/// [`MAX_UNPACKED_ENTRIES`] entries.
pub fn unpack_with_limit(zip: &Path, dest: &Path, limit: u64) -> Result<(), PackageError> {
    unpack_bounded(zip, dest, limit, MAX_UNPACKED_ENTRIES)
}

fn unpack_bounded(
    zip: &Path,
    dest: &Path,
    limit: u64,
    max_entries: usize,
) -> Result<(), PackageError> {
    let file = File::open(zip).map_err(PackageError::read(zip))?;
    let mut archive =
        ZipArchive::new(io::BufReader::new(file)).map_err(|source| PackageError::InvalidZip {
            path: zip.to_path_buf(),
            source,
        })?;
    if archive.len() > max_entries {
        return Err(PackageError::TooManyEntries {
            path: zip.to_path_buf(),
            entries: archive.len(),
            limit: max_entries,
        });
    }
    let declared: u64 = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|f| f.size()))
        .sum();
    if declared > limit {
        return Err(bomb(zip, limit));
    }
    fs::create_dir_all(dest).map_err(PackageError::write(dest))?;
    let root = dest.canonicalize().map_err(PackageError::read(dest))?;
    let mut budget = limit;
    let mut links = Vec::new();
    let mut dirs = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|source| PackageError::InvalidZip {
                path: zip.to_path_buf(),
                source,
            })?;
        let name = entry.name().to_string();
        let rel = safe_relative(&name)?;
        let path = root.join(&rel);
        let mode = entry.unix_mode();
        let kind = mode.map(|m| m & 0o170000);
        if entry.is_dir() || kind == Some(S_IFDIR) {
            fs::create_dir_all(&path).map_err(PackageError::write(&path))?;
            dirs.push((path, mode));
        } else if kind == Some(S_IFLNK) {
            let mut target = String::new();
            (&mut entry)
                .take(4096)
                .read_to_string(&mut target)
                .map_err(PackageError::read(zip))?;
            links.push(Link { name, path, target });
        } else {
            ensure_parent_inside(&root, &path, &name)?;
            let written = write_file(&mut entry, &path, budget)
                .map_err(PackageError::write(&path))?
                .ok_or_else(|| bomb(zip, limit))?;
            budget -= written;
            set_mode(&path, mode)?;
        }
    }
    // Symlinks last, so no file above was written through one of them.
    for link in &links {
        create_link(&root, link)?;
    }
    for (path, mode) in dirs.iter().rev() {
        set_mode(path, *mode)?;
    }
    Ok(())
}

fn bomb(zip: &Path, limit: u64) -> PackageError {
    PackageError::TooBigToUnpack {
        path: zip.to_path_buf(),
        limit,
    }
}

/// The entry name as a relative path with only normal components.
fn safe_relative(name: &str) -> Result<PathBuf, PackageError> {
    let unsafe_entry = |reason| PackageError::UnsafeEntry {
        entry: name.to_string(),
        reason,
    };
    if name.starts_with('/') || name.starts_with('\\') || name.contains('\0') {
        return Err(unsafe_entry("absolute path"));
    }
    let mut rel = PathBuf::new();
    for component in Path::new(&name.replace('\\', "/")).components() {
        match component {
            Component::Normal(part) => rel.push(part),
            Component::CurDir => {}
            Component::ParentDir => return Err(unsafe_entry("path goes outside the target")),
            Component::RootDir | Component::Prefix(_) => return Err(unsafe_entry("absolute path")),
        }
    }
    if rel.as_os_str().is_empty() {
        return Err(unsafe_entry("empty name"));
    }
    Ok(rel)
}

/// The parent folder exists and really is inside `root` (no symlink detour).
fn ensure_parent_inside(root: &Path, path: &Path, name: &str) -> Result<(), PackageError> {
    let parent = path.parent().unwrap_or(root);
    fs::create_dir_all(parent).map_err(PackageError::write(parent))?;
    let real = parent.canonicalize().map_err(PackageError::read(parent))?;
    if !real.starts_with(root) {
        return Err(PackageError::UnsafeEntry {
            entry: name.to_string(),
            reason: "path goes outside the target",
        });
    }
    Ok(())
}

/// Write at most `budget` bytes; `None` when the entry holds more than that.
fn write_file(entry: &mut impl Read, path: &Path, budget: u64) -> io::Result<Option<u64>> {
    if fs::symlink_metadata(path).is_ok() {
        fs::remove_file(path)?;
    }
    let mut out = File::create(path)?;
    let written = io::copy(&mut entry.take(budget.saturating_add(1)), &mut out)?;
    Ok((written <= budget).then_some(written))
}

fn create_link(root: &Path, link: &Link) -> Result<(), PackageError> {
    let unsafe_link = || PackageError::UnsafeEntry {
        entry: link.name.clone(),
        reason: "symlink points outside the target",
    };
    let target = Path::new(&link.target);
    if target.is_absolute() || link.target.is_empty() {
        return Err(unsafe_link());
    }
    // Lexically, from the link's folder, the target must stay inside the root.
    let rel_parent = link
        .path
        .parent()
        .unwrap_or(root)
        .strip_prefix(root)
        .unwrap_or(Path::new(""));
    let mut depth = rel_parent.components().count() as isize;
    for component in target.components() {
        match component {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            _ => return Err(unsafe_link()),
        }
        if depth < 0 {
            return Err(unsafe_link());
        }
    }
    ensure_parent_inside(root, &link.path, &link.name)?;
    if fs::symlink_metadata(&link.path).is_ok() {
        fs::remove_file(&link.path).map_err(PackageError::write(&link.path))?;
    }
    symlink(&link.target, &link.path).map_err(PackageError::write(&link.path))?;
    // Links through other links can still resolve elsewhere: check where it really points.
    if let Ok(real) = link.path.canonicalize() {
        if !real.starts_with(root) {
            let _ = fs::remove_file(&link.path);
            return Err(unsafe_link());
        }
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(target: &str, path: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, path)
}

#[cfg(not(unix))]
fn symlink(target: &str, path: &Path) -> io::Result<()> {
    fs::write(path, target)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: Option<u32>) -> Result<(), PackageError> {
    use std::os::unix::fs::PermissionsExt;
    let Some(mode) = mode.map(|m| m & 0o777).filter(|m| *m != 0) else {
        return Ok(());
    };
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(PackageError::write(path))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: Option<u32>) -> Result<(), PackageError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_must_stay_inside() {
        assert!(safe_relative("a/b.txt").is_ok());
        assert!(safe_relative("./a").is_ok());
        assert!(safe_relative("../evil").is_err());
        assert!(safe_relative("a/../../evil").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("..\\evil").is_err());
    }

    #[test]
    fn archives_with_too_many_entries_are_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let zip_path = dir.path().join("many.zip");
        let mut writer = zip::ZipWriter::new(File::create(&zip_path).unwrap());
        for i in 0..4 {
            writer
                .start_file(format!("f{i}"), zip::write::SimpleFileOptions::default())
                .unwrap();
        }
        writer.finish().unwrap();
        let dest = dir.path().join("out");
        let err = unpack_bounded(&zip_path, &dest, 1 << 20, 3).unwrap_err();
        assert!(matches!(
            err,
            PackageError::TooManyEntries { entries: 4, .. }
        ));
        assert!(!dest.exists());
        unpack_bounded(&zip_path, &dest, 1 << 20, 4).unwrap();
    }
}
