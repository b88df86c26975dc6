//! Unpacking a code zip into a folder, safely: no entry may land outside the target
//! (absolute names, `..`, symlinks pointing out), and archives that expand beyond a bound
//! are refused before anything is written (zip bombs). Modes and symlinks are restored.
//!
//! Nothing is ever written through a symlink: every folder on the way to an entry must be a
//! real folder (checked component by component), files are opened `O_NOFOLLOW`, and links
//! are made last. A link may point at another link made after it, so once all exist each is
//! resolved again; a package with a link that ends up outside the target is refused, as one
//! with an absolute or climbing link is (links that lead nowhere are kept, as FC keeps them).

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
    unpack_bounded(zip, dest, Bounds::new(limit), ALL_BITS)
}

/// As [`unpack`](super::unpack), with only the owner's permission bits kept (`0755`
/// becomes `0700`): for code kept in private state.
pub fn unpack_private(zip: &Path, dest: &Path) -> Result<(), PackageError> {
    unpack_bounded(zip, dest, Bounds::new(MAX_UNPACKED_BYTES), 0o700)
}

const ALL_BITS: u32 = 0o777;

struct Bounds {
    bytes: u64,
    entries: usize,
}

impl Bounds {
    fn new(bytes: u64) -> Bounds {
        Bounds {
            bytes,
            entries: MAX_UNPACKED_ENTRIES,
        }
    }
}

fn unpack_bounded(
    zip: &Path,
    dest: &Path,
    bounds: Bounds,
    mode_mask: u32,
) -> Result<(), PackageError> {
    let (limit, max_entries) = (bounds.bytes, bounds.entries);
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
        let mode = mode.map(|m| m & mode_mask);
        if entry.is_dir() || kind == Some(S_IFDIR) {
            real_dir(&root, &rel, &name)?;
            dirs.push((path, mode));
        } else if kind == Some(S_IFLNK) {
            let mut target = String::new();
            (&mut entry)
                .take(4096)
                .read_to_string(&mut target)
                .map_err(PackageError::read(zip))?;
            links.push(Link { name, path, target });
        } else {
            real_dir(&root, rel.parent().unwrap_or(Path::new("")), &name)?;
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
    for link in &links {
        recheck_link(&root, link)?;
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

/// The folder `rel` below `root` as a real folder at every component (created where
/// missing): a symlink or a file on the way is refused, never followed.
fn real_dir(root: &Path, rel: &Path, name: &str) -> Result<PathBuf, PackageError> {
    let mut path = root.to_path_buf();
    for part in rel.components() {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(PackageError::UnsafeEntry {
                    entry: name.to_string(),
                    reason: "path goes through a symlink or a file",
                })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir(&path).map_err(PackageError::write(&path))?
            }
            Err(e) => return Err(PackageError::write(&path)(e)),
        }
    }
    Ok(path)
}

/// Write at most `budget` bytes; `None` when the entry holds more than that.
fn write_file(entry: &mut impl Read, path: &Path, budget: u64) -> io::Result<Option<u64>> {
    if fs::symlink_metadata(path).is_ok() {
        fs::remove_file(path)?;
    }
    let mut out = create_no_follow(path)?;
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
    real_dir(root, rel_parent, &link.name)?;
    if fs::symlink_metadata(&link.path).is_ok() {
        fs::remove_file(&link.path).map_err(PackageError::write(&link.path))?;
    }
    symlink(&link.target, &link.path).map_err(PackageError::write(&link.path))
}

/// With every link in place: a link through other links can still resolve elsewhere (one
/// made before the link it points through existed passed every check above).
fn recheck_link(root: &Path, link: &Link) -> Result<(), PackageError> {
    match link.path.canonicalize() {
        Ok(real) if !real.starts_with(root) => {
            let _ = fs::remove_file(&link.path);
            Err(PackageError::UnsafeEntry {
                entry: link.name.clone(),
                reason: "symlink points outside the target",
            })
        }
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn create_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(nix::libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn create_no_follow(path: &Path) -> io::Result<File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
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
        let bounds = |entries| Bounds {
            bytes: 1 << 20,
            entries,
        };
        let err = unpack_bounded(&zip_path, &dest, bounds(3), ALL_BITS).unwrap_err();
        assert!(matches!(
            err,
            PackageError::TooManyEntries { entries: 4, .. }
        ));
        assert!(!dest.exists());
        unpack_bounded(&zip_path, &dest, bounds(4), ALL_BITS).unwrap();
    }

    enum Item<'a> {
        File(&'a str, &'a str),
        Link(&'a str, &'a str),
    }

    fn zip_of(dir: &Path, items: &[Item]) -> PathBuf {
        let path = dir.join("tricks.zip");
        let mut writer = zip::ZipWriter::new(File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        for item in items {
            match item {
                Item::File(name, body) => {
                    writer.start_file(*name, options).unwrap();
                    std::io::Write::write_all(&mut writer, body.as_bytes()).unwrap();
                }
                Item::Link(name, target) => writer.add_symlink(*name, *target, options).unwrap(),
            }
        }
        writer.finish().unwrap();
        path
    }

    /// Everything below `dir` except the zip itself and the unpack target.
    fn outside_entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "tricks.zip" && n != "root")
            .collect();
        names.sort();
        names
    }

    /// Unpack `items` into `<dir>/root`, which must fail with nothing made beside it:
    /// the error message and the folder.
    fn refused(items: &[Item]) -> (String, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let zip = zip_of(dir.path(), items);
        let err = crate::package::unpack(&zip, &dir.path().join("root")).unwrap_err();
        assert_eq!(outside_entries(dir.path()), Vec::<String>::new());
        (err.to_string(), dir)
    }

    #[test]
    fn a_link_made_before_the_link_it_goes_through_is_refused() {
        // `escape` goes through `p/s`, which does not exist yet when `escape` is made;
        // once it does, `escape` resolves to the folder above the target.
        let (err, dir) = refused(&[
            Item::File("p/keep.txt", "x"),
            Item::Link("escape", "p/s/.."),
            Item::Link("p/s", ".."),
        ]);
        assert!(err.contains("`escape`"), "{err}");
        assert!(fs::symlink_metadata(dir.path().join("root/escape")).is_err());
    }

    #[test]
    fn nothing_is_written_through_a_link_of_the_package() {
        let (err, dir) = refused(&[
            Item::File("sub/a.txt", "a"),
            Item::Link("q", "sub"),
            Item::Link("q/inner", "a.txt"),
        ]);
        assert!(err.contains("through a symlink"), "{err}");
        assert!(fs::symlink_metadata(dir.path().join("root/sub/inner")).is_err());
    }

    #[test]
    fn links_inside_and_dangling_links_are_kept_and_private_unpacking_drops_other_bits() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let zip = zip_of(
            dir.path(),
            &[
                Item::File("lib/real.py", "x"),
                Item::Link("bin/entry.py", "../lib/real.py"),
                Item::Link("later", "made-at-run-time"),
            ],
        );
        let dest = dir.path().join("root");
        unpack_private(&zip, &dest).unwrap();
        assert_eq!(fs::read_to_string(dest.join("bin/entry.py")).unwrap(), "x");
        assert!(fs::symlink_metadata(dest.join("later")).is_ok());
        let mode = fs::metadata(dest.join("lib/real.py"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}
