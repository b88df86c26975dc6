//! Where the secret half of an alias lives: the OS keyring (the `keyring` crate: the kernel
//! keyutils store on Linux, Keychain on macOS, Credential Manager on Windows), or a 0600
//! JSON file under `S_HOME` when the user chose `--store file`.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{CredentialsError, Result};

/// The keyring service every entry is filed under.
const KEYRING_SERVICE: &str = "s-credentials";
/// The file store, relative to `S_HOME`.
const SECRETS_FILE: &str = "credentials-secrets.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretStore {
    Keyring,
    File,
}

impl std::fmt::Display for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SecretStore::Keyring => "OS keyring",
            SecretStore::File => "file store",
        })
    }
}

/// The secret fields of one alias, stored as one JSON document.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Secrets {
    #[serde(rename = "AccessKeySecret")]
    pub access_key_secret: String,
    #[serde(
        rename = "SecurityToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub security_token: Option<String>,
}

pub fn save(store: SecretStore, home: &Path, key: &str, secrets: &Secrets) -> Result<()> {
    let text = serde_json::to_string(secrets).expect("secrets serialize");
    match store {
        SecretStore::Keyring => set_in_keyring(key, &text),
        SecretStore::File => {
            let mut all = read_file(home)?;
            all.insert(key.to_string(), secrets.clone());
            write_file(home, &all)
        }
    }
}

/// The secrets filed under `key`, or `None` when the store no longer has them.
pub fn load(store: SecretStore, home: &Path, key: &str) -> Result<Option<Secrets>> {
    match store {
        SecretStore::Keyring => match entry(key)?.get_password() {
            Ok(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
                CredentialsError::Keyring(format!("entry `{key}` is not readable: {e}"))
            }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        },
        SecretStore::File => Ok(read_file(home)?.remove(key)),
    }
}

pub fn delete(store: SecretStore, home: &Path, key: &str) -> Result<()> {
    match store {
        SecretStore::Keyring => match entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        },
        SecretStore::File => {
            let mut all = read_file(home)?;
            if all.remove(key).is_some() {
                write_file(home, &all)?;
            }
            Ok(())
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn entry(key: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(KEYRING_SERVICE, key).map_err(keyring_error)
}

#[cfg(not(target_os = "linux"))]
fn set_in_keyring(key: &str, text: &str) -> Result<()> {
    entry(key)?.set_password(text).map_err(keyring_error)
}

/// Linux: the kernel keyutils store, as the `keyring` crate files entries, built by hand
/// for one reason: the crate always asks for the user's persistent keyring, and where the
/// process has no login session keyring (containers, `ssh` without `pam_keyinit`) that
/// request gives the process a fresh session keyring of its own, from which the entries
/// of every other process are unreachable. So the persistent keyring is used only under
/// a real session keyring; otherwise entries live in the user's session keyring, shared
/// by the user's processes until reboot.
#[cfg(target_os = "linux")]
fn entry(key: &str) -> Result<keyring::Entry> {
    use keyring::keyutils::KeyutilsCredential;
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    let unavailable = |e: linux_keyutils::KeyError| CredentialsError::NoKeyring(e.to_string());
    let session =
        KeyRing::from_special_id(KeyRingIdentifier::Session, false).map_err(unavailable)?;
    let user_session =
        KeyRing::from_special_id(KeyRingIdentifier::UserSession, false).map_err(unavailable)?;
    let persistent = if session == user_session {
        None
    } else {
        KeyRing::get_persistent(KeyRingIdentifier::Session).ok()
    };
    let credential = KeyutilsCredential {
        session,
        persistent,
        description: format!("keyring-rs:{key}@{KEYRING_SERVICE}"),
    };
    Ok(keyring::Entry::new_with_credential(Box::new(credential)))
}

#[cfg(target_os = "linux")]
fn set_in_keyring(key: &str, text: &str) -> Result<()> {
    entry(key)?.set_password(text).map_err(|e| match e {
        // keyutils reports a refusal (EACCES) as "no entry".
        keyring::Error::NoEntry => {
            CredentialsError::NoKeyring("the kernel keyring refused to store the secret".into())
        }
        other => keyring_error(other),
    })
}

/// A keyring that cannot be reached at all is told apart from other failures, so the CLI
/// can suggest `--store file`.
fn keyring_error(err: keyring::Error) -> CredentialsError {
    match err {
        keyring::Error::PlatformFailure(e) | keyring::Error::NoStorageAccess(e) => {
            CredentialsError::NoKeyring(e.to_string())
        }
        other => CredentialsError::Keyring(other.to_string()),
    }
}

fn file_path(home: &Path) -> PathBuf {
    home.join(SECRETS_FILE)
}

fn read_file(home: &Path) -> Result<BTreeMap<String, Secrets>> {
    let path = file_path(home);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| CredentialsError::Read {
            path,
            message: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(CredentialsError::Read {
            path,
            message: e.to_string(),
        }),
    }
}

/// Write through a 0600 temporary file and rename it, so the secrets are never readable
/// by others, not even for a moment, and never half-written.
fn write_file(home: &Path, all: &BTreeMap<String, Secrets>) -> Result<()> {
    let path = file_path(home);
    let write_err = |source| CredentialsError::Write {
        path: path.clone(),
        source,
    };
    crate::private_fs::create_dir_all(home).map_err(write_err)?;
    let tmp = home.join(format!(".{SECRETS_FILE}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(write_err)?;
    let text = serde_json::to_vec_pretty(all).expect("secrets serialize");
    file.write_all(&text).map_err(write_err)?;
    file.sync_all().map_err(write_err)?;
    std::fs::rename(&tmp, &path).map_err(write_err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn file_store_round_trip_is_private() {
        let home = tempfile::tempdir().unwrap();
        let secrets = Secrets {
            access_key_secret: "s3cret".into(),
            security_token: None,
        };
        save(SecretStore::File, home.path(), "a-1", &secrets).unwrap();
        let mode = std::fs::metadata(file_path(home.path()))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let loaded = load(SecretStore::File, home.path(), "a-1").unwrap();
        assert!(loaded == Some(secrets));
        delete(SecretStore::File, home.path(), "a-1").unwrap();
        assert!(load(SecretStore::File, home.path(), "a-1")
            .unwrap()
            .is_none());
    }
}
