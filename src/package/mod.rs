//! The code package: walking a code folder with `.fcignore` rules, building a deterministic
//! zip, the CRC-64/ECMA-182 checksum FC reports as `codeChecksum`, the 50 MB limit, and safe
//! unpacking (never outside the target). Must not print; progress goes through a callback.

mod archive;
mod compress;
mod error;
mod fcignore;
mod handler;
mod unpack;
mod walk;
mod zipwrite;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use error::{human_size, PackageError, SizeReport};
pub use handler::{check_handler, HandlerProblem};
pub use unpack::{unpack_private, unpack_with_limit, MAX_UNPACKED_BYTES, MAX_UNPACKED_ENTRIES};

/// Our hard limit on a compressed package.
pub const MAX_PACKAGE_BYTES: u64 = 50 * 1024 * 1024;

/// A built package on disk.
#[derive(Debug, Clone)]
pub struct Package {
    pub path: PathBuf,
    /// CRC-64/ECMA-182 (XZ parameters) of the zip bytes; FC prints it in decimal.
    pub checksum: u64,
    /// Compressed size in bytes.
    pub size: u64,
    /// Number of file entries (files and symlinks, not folders).
    pub files: usize,
}

/// Progress reported while packaging: bytes read so far out of the total.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// Zip `src` (a folder, or a single file) into `out`. Identical trees give byte-identical
/// zips. Nothing is left at `out` on failure: the archive is written beside it under a
/// temporary name and renamed at the end.
pub fn build_zip(
    src: &Path,
    out: &Path,
    progress: &dyn Fn(Progress),
) -> Result<Package, PackageError> {
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    build_into(src, dir, progress)?.persist(out)
}

/// The package deploy uploads for `code`: a folder (or any other file) is zipped into
/// `work_dir` as `<checksum>.zip`; an existing `.zip`, `.jar` or `.war` is used as it is.
pub fn prepare_code(
    code: &Path,
    work_dir: &Path,
    progress: &dyn Fn(Progress),
) -> Result<Package, PackageError> {
    if is_archive(code) {
        return existing_archive(code);
    }
    let built = build_into(code, work_dir, progress)?;
    let out = work_dir.join(format!("{}.zip", built.checksum));
    built.persist(&out)
}

/// True when the `.fcignore` files of `root` (and of the folders down to `path`) leave
/// `path` out of the package, e.g. to warn that built dependencies would not be deployed.
pub fn is_ignored(root: &Path, path: &Path, is_dir: bool) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut stack = fcignore::IgnoreStack::default();
    let mut dir = root.to_path_buf();
    let _ = stack.enter(&dir);
    let parents: Vec<_> = rel
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .collect();
    for part in parents {
        dir.push(part);
        let _ = stack.enter(&dir);
    }
    stack.is_ignored(path, is_dir)
}

/// CRC-64/ECMA-182 as OSS and FC compute it (reflected, init and xorout all ones).
pub fn crc64(bytes: &[u8]) -> u64 {
    crc::Crc::<u64>::new(&crc::CRC_64_XZ).checksum(bytes)
}

/// CRC-64/ECMA-182 of a file, read in chunks.
pub fn crc64_file(path: &Path) -> Result<u64, PackageError> {
    static CRC64: crc::Crc<u64> = crc::Crc::<u64>::new(&crc::CRC_64_XZ);
    let mut file = File::open(path).map_err(PackageError::read(path))?;
    let mut digest = CRC64.digest();
    let mut buf = vec![0; 256 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(PackageError::read(path))?;
        if n == 0 {
            return Ok(digest.finalize());
        }
        digest.update(&buf[..n]);
    }
}

/// Unpack `zip` into `dest`, refusing any entry that would land outside it and archives
/// that expand beyond [`MAX_UNPACKED_BYTES`].
pub fn unpack(zip: &Path, dest: &Path) -> Result<(), PackageError> {
    unpack_with_limit(zip, dest, MAX_UNPACKED_BYTES)
}

struct Built {
    temp: tempfile::NamedTempFile,
    checksum: u64,
    size: u64,
    files: usize,
}

impl Built {
    fn persist(self, path: &Path) -> Result<Package, PackageError> {
        // Temporary files are private (0600); a package is an ordinary file.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::Permissions::from_mode(0o644);
            std::fs::set_permissions(self.temp.path(), mode)
                .map_err(PackageError::write(self.temp.path()))?;
        }
        self.temp.persist(path).map_err(|e| PackageError::Write {
            path: path.to_path_buf(),
            source: e.error,
        })?;
        Ok(Package {
            path: path.to_path_buf(),
            checksum: self.checksum,
            size: self.size,
            files: self.files,
        })
    }
}

fn build_into(src: &Path, dir: &Path, progress: &dyn Fn(Progress)) -> Result<Built, PackageError> {
    let entries = walk::list(src, Some(dir))?;
    archive::check_estimate(src, &entries)?;
    std::fs::create_dir_all(dir).map_err(PackageError::write(dir))?;
    let temp = tempfile::Builder::new()
        .prefix(".package-")
        .suffix(".zip.tmp")
        .tempfile_in(dir)
        .map_err(PackageError::write(dir))?;
    let written = archive::write(src, &entries, temp.as_file(), progress)?;
    let files = entries
        .iter()
        .filter(|e| !matches!(e.kind, walk::Kind::Dir))
        .count();
    Ok(Built {
        temp,
        checksum: written.checksum,
        size: written.size,
        files,
    })
}

/// True for an existing `.zip`, `.jar` or `.war` file: FC takes those without re-zipping.
pub fn is_archive(path: &Path) -> bool {
    path.is_file()
        && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["zip", "jar", "war"]
                .iter()
                .any(|k| k.eq_ignore_ascii_case(e))
        })
}

fn existing_archive(path: &Path) -> Result<Package, PackageError> {
    let file = File::open(path).map_err(PackageError::read(path))?;
    let size = file.metadata().map_err(PackageError::read(path))?.len();
    let archive = zip::ZipArchive::new(io::BufReader::new(file)).map_err(|source| {
        PackageError::InvalidZip {
            path: path.to_path_buf(),
            source,
        }
    })?;
    let files = archive.file_names().filter(|n| !n.ends_with('/')).count();
    if size > MAX_PACKAGE_BYTES {
        return Err(PackageError::TooLarge(Box::new(SizeReport {
            code: path.to_path_buf(),
            compressed: size,
            stopped_early: false,
            largest_files: vec![],
            largest_folders: vec![],
        })));
    }
    Ok(Package {
        path: path.to_path_buf(),
        checksum: crc64_file(path)?,
        size,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc64_matches_the_published_check_value() {
        assert_eq!(crc64(b"123456789"), 0x995D_C9BB_DF19_39FA);
        assert_eq!(crc64(b"123456789"), 11051210869376104954);
    }
}
