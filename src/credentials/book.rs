//! The alias book: `<S_HOME>/credentials.yaml` holds the alias list, the default, and each
//! alias's non-secret fields (`AccessKeyID`, `AccountID`) with where its secret is filed.
//! The secrets themselves go through `secrets`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::secrets::{self, SecretStore, Secrets};
use super::{Credential, CredentialsError, Result};

const BOOK_FILE: &str = "credentials.yaml";
/// The alias used when none is marked default, as in Serverless Devs.
const FALLBACK_ALIAS: &str = "default";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default: Option<String>,
    #[serde(default)]
    aliases: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    #[serde(rename = "AccessKeyID")]
    access_key_id: String,
    #[serde(rename = "AccountID", default, skip_serializing_if = "Option::is_none")]
    account_id: Option<String>,
    store: SecretStore,
    /// The name the secret is filed under; kept across renames.
    #[serde(rename = "secretRef")]
    secret_ref: String,
}

/// What `s config get` shows of an alias without touching its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasInfo {
    pub alias: String,
    pub access_key_id: String,
    pub account_id: Option<String>,
    pub store: SecretStore,
    pub is_default: bool,
}

/// The aliases of one `S_HOME`.
#[derive(Debug, Clone)]
pub struct Book {
    home: PathBuf,
}

impl Book {
    pub fn new(home: impl Into<PathBuf>) -> Book {
        Book { home: home.into() }
    }

    /// The book of `S_HOME` (default `~/.s`).
    pub fn open_default() -> Book {
        Book::new(crate::paths::s_home())
    }

    pub fn path(&self) -> PathBuf {
        self.home.join(BOOK_FILE)
    }

    pub fn names(&self) -> Result<Vec<String>> {
        Ok(self.read()?.aliases.into_keys().collect())
    }

    pub fn list(&self) -> Result<Vec<AliasInfo>> {
        let index = self.read()?;
        let default = default_of(&index);
        Ok(index
            .aliases
            .iter()
            .map(|(alias, entry)| info(alias, entry, default.as_deref()))
            .collect())
    }

    pub fn info(&self, alias: &str) -> Result<AliasInfo> {
        let index = self.read()?;
        let entry = find(&index, alias)?;
        Ok(info(alias, entry, default_of(&index).as_deref()))
    }

    /// The marked default, else an alias named `default`.
    pub fn default_alias(&self) -> Result<Option<String>> {
        Ok(default_of(&self.read()?))
    }

    /// The full credential of `alias`, secret included.
    pub fn get(&self, alias: &str) -> Result<Credential> {
        let index = self.read()?;
        let entry = find(&index, alias)?;
        let secrets =
            secrets::load(entry.store, &self.home, &entry.secret_ref)?.ok_or_else(|| {
                CredentialsError::SecretMissing {
                    alias: alias.to_string(),
                    store: entry.store,
                }
            })?;
        Ok(Credential {
            alias: alias.to_string(),
            access_key_id: entry.access_key_id.clone(),
            access_key_secret: secrets.access_key_secret,
            account_id: entry.account_id.clone(),
            security_token: secrets.security_token,
        })
    }

    /// Store `credential` under its alias, replacing one of the same name. Returns true
    /// when it replaced one. The first alias becomes the default.
    pub fn add(&self, credential: &Credential, store: SecretStore) -> Result<bool> {
        validate_alias(&credential.alias)?;
        let mut index = self.read()?;
        let secret_ref = format!("{}-{:08x}", credential.alias, rand::random::<u32>());
        let secrets = Secrets {
            access_key_secret: credential.access_key_secret.clone(),
            security_token: credential.security_token.clone(),
        };
        // Secret first: the book must never point at a secret that was not stored.
        secrets::save(store, &self.home, &secret_ref, &secrets)?;
        let entry = Entry {
            access_key_id: credential.access_key_id.clone(),
            account_id: credential.account_id.clone(),
            store,
            secret_ref,
        };
        let old = index.aliases.insert(credential.alias.clone(), entry);
        if index.default.is_none() && default_of(&index).is_none() {
            index.default = Some(credential.alias.clone());
        }
        self.write(&index)?;
        if let Some(old) = &old {
            secrets::delete(old.store, &self.home, &old.secret_ref)?;
        }
        Ok(old.is_some())
    }

    pub fn delete(&self, alias: &str) -> Result<()> {
        let mut index = self.read()?;
        let entry = find(&index, alias)?.clone();
        index.aliases.remove(alias);
        if index.default.as_deref() == Some(alias) {
            index.default = None;
        }
        self.write(&index)?;
        secrets::delete(entry.store, &self.home, &entry.secret_ref)
    }

    pub fn rename(&self, from: &str, to: &str) -> Result<()> {
        validate_alias(to)?;
        let mut index = self.read()?;
        let entry = find(&index, from)?.clone();
        if from == to {
            return Ok(());
        }
        if index.aliases.contains_key(to) {
            return Err(CredentialsError::Exists(to.to_string()));
        }
        index.aliases.remove(from);
        index.aliases.insert(to.to_string(), entry);
        if index.default.as_deref() == Some(from) {
            index.default = Some(to.to_string());
        }
        self.write(&index)
    }

    pub fn set_default(&self, alias: &str) -> Result<()> {
        let mut index = self.read()?;
        find(&index, alias)?;
        index.default = Some(alias.to_string());
        self.write(&index)
    }

    fn read(&self) -> Result<Index> {
        let path = self.path();
        match std::fs::read_to_string(&path) {
            Ok(text) if text.trim().is_empty() => Ok(Index::default()),
            Ok(text) => serde_yaml::from_str(&text).map_err(|e| CredentialsError::Read {
                path,
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Index::default()),
            Err(e) => Err(CredentialsError::Read {
                path,
                message: e.to_string(),
            }),
        }
    }

    fn write(&self, index: &Index) -> Result<()> {
        let path = self.path();
        let text = serde_yaml::to_string(index).expect("the index serializes");
        crate::private_fs::write(&path, text.as_bytes()).map_err(|source| CredentialsError::Write {
            path: path.clone(),
            source,
        })
    }
}

fn find<'i>(index: &'i Index, alias: &str) -> Result<&'i Entry> {
    index
        .aliases
        .get(alias)
        .ok_or_else(|| CredentialsError::NotFound {
            alias: alias.to_string(),
            known: index.aliases.keys().cloned().collect(),
        })
}

fn default_of(index: &Index) -> Option<String> {
    index
        .default
        .clone()
        .filter(|d| index.aliases.contains_key(d))
        .or_else(|| {
            index
                .aliases
                .contains_key(FALLBACK_ALIAS)
                .then(|| FALLBACK_ALIAS.to_string())
        })
}

fn info(alias: &str, entry: &Entry, default: Option<&str>) -> AliasInfo {
    AliasInfo {
        alias: alias.to_string(),
        access_key_id: entry.access_key_id.clone(),
        account_id: entry.account_id.clone(),
        store: entry.store,
        is_default: default == Some(alias),
    }
}

/// Names people type on a command line and that survive YAML and keyring entry names.
fn validate_alias(alias: &str) -> Result<()> {
    let ok = !alias.is_empty()
        && alias.len() <= 64
        && !alias.starts_with(['-', '$'])
        && alias
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'));
    if ok {
        Ok(())
    } else {
        Err(CredentialsError::InvalidAlias(alias.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credential(alias: &str, secret: &str) -> Credential {
        Credential {
            alias: alias.into(),
            access_key_id: format!("{alias}-id"),
            access_key_secret: secret.into(),
            account_id: Some("123".into()),
            security_token: None,
        }
    }

    #[test]
    fn add_get_rename_default_delete_with_the_file_store() {
        let home = tempfile::tempdir().unwrap();
        let book = Book::new(home.path());
        assert!(!book
            .add(&credential("a", "one"), SecretStore::File)
            .unwrap());
        assert_eq!(book.default_alias().unwrap().as_deref(), Some("a"));
        book.add(&credential("b", "two"), SecretStore::File)
            .unwrap();
        assert_eq!(book.get("b").unwrap().access_key_secret, "two");
        assert!(book
            .add(&credential("b", "three"), SecretStore::File)
            .unwrap());
        assert_eq!(book.get("b").unwrap().access_key_secret, "three");
        book.rename("a", "c").unwrap();
        assert_eq!(book.default_alias().unwrap().as_deref(), Some("c"));
        assert_eq!(book.get("c").unwrap().access_key_secret, "one");
        book.set_default("b").unwrap();
        assert!(book.info("b").unwrap().is_default);
        book.delete("b").unwrap();
        assert_eq!(book.default_alias().unwrap(), None);
        assert!(matches!(
            book.get("b"),
            Err(CredentialsError::NotFound { .. })
        ));
        assert_eq!(book.names().unwrap(), vec!["c".to_string()]);
        // The secrets file holds only what is still referenced.
        let text = std::fs::read_to_string(home.path().join("credentials-secrets.json")).unwrap();
        assert!(!text.contains("two") && !text.contains("three") && text.contains("one"));
        // The book itself never holds a secret.
        let book_text = std::fs::read_to_string(book.path()).unwrap();
        assert!(!book_text.contains("one"), "{book_text}");
    }

    #[test]
    fn an_alias_named_default_is_the_fallback() {
        let home = tempfile::tempdir().unwrap();
        let book = Book::new(home.path());
        book.add(&credential("x", "1"), SecretStore::File).unwrap();
        book.add(&credential("default", "2"), SecretStore::File)
            .unwrap();
        book.delete("x").unwrap();
        assert_eq!(book.default_alias().unwrap().as_deref(), Some("default"));
    }

    #[test]
    fn rename_onto_an_existing_alias_is_refused() {
        let home = tempfile::tempdir().unwrap();
        let book = Book::new(home.path());
        book.add(&credential("a", "1"), SecretStore::File).unwrap();
        book.add(&credential("b", "2"), SecretStore::File).unwrap();
        assert!(matches!(
            book.rename("a", "b"),
            Err(CredentialsError::Exists(_))
        ));
    }

    #[test]
    fn odd_alias_names_are_refused() {
        for bad in ["", "-x", "$x", "a b", "a/b"] {
            assert!(validate_alias(bad).is_err(), "{bad:?}");
        }
        validate_alias("prod.cn-hangzhou_2@team").unwrap();
    }
}
