//! Code packages: `<home>/code/<checksum>.zip`, named by their decimal CRC-64, written once
//! and unpacked once per checksum into `<home>/code/<checksum>/`. Writes go through a
//! temporary name and a rename, so a crash never leaves a half-written package or folder.

use std::path::{Path, PathBuf};

use super::{Store, StoreError};
use crate::package;

/// A stored package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    /// Decimal CRC-64/ECMA-182, as FC reports `codeChecksum`.
    pub checksum: String,
    pub size: u64,
}

impl Store {
    /// Store zip bytes under their checksum (a no-op when already stored).
    pub fn save_code(&self, zip: &[u8]) -> Result<CodeInfo, StoreError> {
        let checksum = package::crc64(zip).to_string();
        let path = self.code_zip(&checksum);
        if !path.exists() {
            let tmp = temp_sibling(&path);
            std::fs::write(&tmp, zip).map_err(|e| StoreError::io(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| StoreError::io(&path, e))?;
        }
        Ok(CodeInfo {
            checksum,
            size: zip.len() as u64,
        })
    }

    /// Where the zip of `checksum` lives (it may not exist).
    pub fn code_zip(&self, checksum: &str) -> PathBuf {
        self.home.join("code").join(format!("{checksum}.zip"))
    }

    /// Where the unpacked code of `checksum` lives (it may not exist yet).
    pub fn code_dir(&self, checksum: &str) -> PathBuf {
        self.home.join("code").join(checksum)
    }

    /// The unpacked code folder of `checksum`, unpacking the zip first if needed.
    pub fn ensure_unpacked(&self, checksum: &str) -> Result<PathBuf, StoreError> {
        let dir = self.code_dir(checksum);
        if dir.is_dir() {
            return Ok(dir);
        }
        let zip = self.code_zip(checksum);
        if !zip.is_file() {
            return Err(StoreError::CodeNotFound(checksum.into()));
        }
        let tmp = temp_sibling(&dir);
        package::unpack(&zip, &tmp).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp);
            StoreError::Unpack {
                checksum: checksum.into(),
                message: e.to_string(),
            }
        })?;
        // Two callers may race to unpack the same package; the loser's copy is dropped.
        if std::fs::rename(&tmp, &dir).is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
            if !dir.is_dir() {
                return Err(StoreError::io(
                    &dir,
                    std::io::Error::other("rename of the unpacked code failed"),
                ));
            }
        }
        Ok(dir)
    }
}

pub(super) fn temp_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.tmp-{}", rand::random::<u64>()))
}
