//! Code packages, named by the SHA-256 of the zip: `<home>/code/<sha256>.zip`, written once
//! and unpacked once per package into `<home>/code/<sha256>/`. The CRC-64 FC's API shows
//! (`codeChecksum`) stays in the records but names no file: a CRC can be forged, and a
//! crafted zip with another package's CRC must land beside that package, never over it.
//! Records keep the digest beside their JSON (`with_digest`), since it is not on the wire.
//!
//! State dirs from before keep working: a record without a digest names its package by CRC
//! (`<home>/code/<crc>.zip`), as it used to. Writes go through a temporary name and a
//! rename, so a crash never leaves a half-written package or folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::{Store, StoreError};
use crate::package;

/// The key under which a record's digest is kept in its stored JSON.
const DIGEST_KEY: &str = "sCodeDigest";

/// A saved package is kept until a record names it, or for this long if none ever does (the
/// create that saved it failed).
const PIN_TIME: Duration = Duration::from_secs(600);

/// A stored package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    /// Decimal CRC-64/ECMA-182, as FC reports `codeChecksum`.
    pub checksum: String,
    /// Hex SHA-256 of the zip: the package's name in the store.
    pub digest: String,
    pub size: u64,
}

/// Packages saved but not yet named by the record they were saved for: a save and its
/// record are two steps, and a collection in between must not take the package. One pin per
/// save, released by the record's write.
#[derive(Default)]
pub(super) struct Pins(std::sync::Mutex<HashMap<String, Vec<Instant>>>);

impl Pins {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<Instant>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn pin(&self, key: &str) {
        let mut pins = self.lock();
        pins.retain(|_, saves| {
            saves.retain(|at| at.elapsed() < PIN_TIME);
            !saves.is_empty()
        });
        pins.entry(key.to_string())
            .or_default()
            .push(Instant::now());
    }

    /// A record naming `key` was written: one save is accounted for.
    pub(super) fn release(&self, key: Option<&str>) {
        let Some(key) = key else { return };
        let mut pins = self.lock();
        if let Some(saves) = pins.get_mut(key) {
            saves.remove(0);
            if saves.is_empty() {
                pins.remove(key);
            }
        }
    }

    pub(super) fn is_pinned(&self, key: &str) -> bool {
        let pins = self.lock();
        pins.get(key)
            .is_some_and(|saves| saves.iter().any(|at| at.elapsed() < PIN_TIME))
    }
}

/// The store name of a record's package: its digest, else (records written before digests)
/// its CRC. `None` when the record names no package.
pub fn package_key(digest: Option<&str>, checksum: Option<&str>) -> Option<String> {
    digest
        .or(checksum)
        .filter(|key| is_package_key(key))
        .map(str::to_string)
}

/// A digest (64 lower-case hex digits) or a legacy decimal CRC: nothing that could name a
/// path other than a package's.
pub fn is_package_key(key: &str) -> bool {
    let digest = key.len() == 64 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let crc = (1..=20).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_digit());
    digest || crc
}

impl Store {
    /// Store zip bytes under their digest (a no-op when already stored).
    pub fn save_code(&self, zip: &[u8]) -> Result<CodeInfo, StoreError> {
        let digest = hex::encode(Sha256::digest(zip));
        self.pins.pin(&digest);
        let path = self.code_zip(&digest);
        if !path.exists() {
            let tmp = temp_sibling(&path);
            std::fs::write(&tmp, zip).map_err(|e| StoreError::io(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| StoreError::io(&path, e))?;
        }
        Ok(CodeInfo {
            checksum: package::crc64(zip).to_string(),
            digest,
            size: zip.len() as u64,
        })
    }

    /// Where the zip of package `key` lives (it may not exist).
    pub fn code_zip(&self, key: &str) -> PathBuf {
        self.home.join("code").join(format!("{key}.zip"))
    }

    /// Where the unpacked code of package `key` lives (it may not exist yet).
    pub fn code_dir(&self, key: &str) -> PathBuf {
        self.home.join("code").join(key)
    }

    /// The unpacked code folder of package `key`, unpacking the zip first if needed.
    pub fn ensure_unpacked(&self, key: &str) -> Result<PathBuf, StoreError> {
        if !is_package_key(key) {
            return Err(StoreError::CodeNotFound(key.into()));
        }
        let dir = self.code_dir(key);
        if dir.is_dir() {
            return Ok(dir);
        }
        let zip = self.code_zip(key);
        if !zip.is_file() {
            return Err(StoreError::CodeNotFound(key.into()));
        }
        let tmp = temp_sibling(&dir);
        package::unpack_private(&zip, &tmp).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp);
            StoreError::Unpack {
                checksum: key.into(),
                message: e.message_without_paths(),
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

/// A record as stored: its JSON with the package digest beside its fields.
pub(super) fn with_digest<T: Serialize>(
    record: &T,
    digest: Option<&str>,
) -> Result<String, StoreError> {
    let mut value = serde_json::to_value(record)?;
    if let (Some(digest), Some(fields)) = (digest, value.as_object_mut()) {
        fields.insert(DIGEST_KEY.into(), digest.into());
    }
    Ok(value.to_string())
}

/// The record and its package digest from what `with_digest` stored.
pub(super) fn split_digest<T: DeserializeOwned>(
    body: &str,
) -> Result<(T, Option<String>), StoreError> {
    let mut value: serde_json::Value = serde_json::from_str(body)?;
    let digest = value
        .as_object_mut()
        .and_then(|fields| fields.remove(DIGEST_KEY))
        .and_then(|d| d.as_str().map(str::to_string));
    Ok((serde_json::from_value(value)?, digest))
}

pub(super) fn temp_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.tmp-{}", rand::random::<u64>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forged_crc_lands_beside_the_package_it_imitates() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let victim = store.save_code(b"victim's code").unwrap();
        let target = victim.checksum.parse().unwrap();
        let forged = super::super::forge_crc::forge_crc(b"attacker's code", target, package::crc64);
        let attacker = store.save_code(&forged).unwrap();
        assert_eq!(attacker.checksum, victim.checksum);
        assert_ne!(attacker.digest, victim.digest);
        assert_eq!(
            std::fs::read(store.code_zip(&victim.digest)).unwrap(),
            b"victim's code"
        );
    }

    #[test]
    fn package_keys_name_only_packages() {
        assert!(is_package_key(&"a".repeat(64)));
        assert!(is_package_key("12345678901234567890"));
        for bad in [
            "",
            "../x",
            "ABC",
            &"a".repeat(63),
            "1/2",
            "..",
            "123456789012345678901",
        ] {
            assert!(!is_package_key(bad), "{bad}");
        }
        assert_eq!(
            package_key(None, Some("42")).as_deref(),
            Some("42"),
            "records from before digests"
        );
        assert_eq!(package_key(Some("../x"), Some("42")), None);
    }
}
