//! The code package: walking a code folder with `.fcignore` rules, building a deterministic
//! zip, the CRC-64/ECMA-182 checksum FC reports as `codeChecksum`, the 50 MB limit, and safe
//! unpacking (never outside the target). Must not print; progress goes through a callback.

use std::fmt;
use std::path::{Path, PathBuf};

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
    /// Number of file entries.
    pub files: usize,
}

#[derive(Debug)]
pub struct PackageError {
    pub message: String,
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PackageError {}

/// Progress reported while packaging: bytes read so far out of the total.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// Zip `src` (a folder) into `out`. Identical trees give byte-identical zips.
pub fn build_zip(
    _src: &Path,
    _out: &Path,
    _progress: &dyn Fn(Progress),
) -> Result<Package, PackageError> {
    Err(PackageError {
        message: "packaging is not implemented yet".into(),
    })
}

/// CRC-64/ECMA-182 as OSS and FC compute it (reflected, init and xorout all ones).
pub fn crc64(bytes: &[u8]) -> u64 {
    crc::Crc::<u64>::new(&crc::CRC_64_XZ).checksum(bytes)
}

/// Unpack `zip` into `dest`, refusing any entry that would land outside it.
pub fn unpack(_zip: &Path, _dest: &Path) -> Result<(), PackageError> {
    Err(PackageError {
        message: "unpacking is not implemented yet".into(),
    })
}

/// Placeholder until packaging lands.
pub fn prepare_code(
    _code: &Path,
    _work_dir: &Path,
    _progress: &dyn Fn(Progress),
) -> Result<Package, PackageError> {
    Err(PackageError {
        message: "packaging is not implemented yet".into(),
    })
}
