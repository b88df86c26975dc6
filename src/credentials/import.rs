//! Reading Serverless Devs' `access.yaml`: `alias: {Field: <CryptoJS cipher>}`, with the
//! `__provider` and `__default` markers. Values that do not decrypt are taken as plaintext,
//! as the Node tool does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::cryptojs::{decrypt, ACCESS_PASSPHRASE};
use super::{Credential, CredentialsError, Result};

/// One alias of `access.yaml`, decrypted.
#[derive(Clone)]
pub struct ImportedAlias {
    pub alias: String,
    /// Every field except the `__` markers (`AccessKeyID`, `AccountID`, ...).
    pub fields: BTreeMap<String, String>,
    pub is_default: bool,
}

impl ImportedAlias {
    /// The Alibaba Cloud credential, when the alias has an access key pair.
    pub fn credential(&self) -> Option<Credential> {
        let get = |k: &str| self.fields.get(k).filter(|v| !v.is_empty()).cloned();
        Some(Credential {
            alias: self.alias.clone(),
            access_key_id: get("AccessKeyID")?,
            access_key_secret: get("AccessKeySecret")?,
            account_id: get("AccountID"),
            security_token: get("SecurityToken"),
        })
    }
}

/// Where Serverless Devs keeps it: `$serverless_devs_config_home` or `~/.s`, as
/// `access.yaml` (or `access.yml`).
pub fn default_access_file() -> PathBuf {
    let dir = std::env::var_os("serverless_devs_config_home")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").map(PathBuf::from);
            home.unwrap_or_else(|| PathBuf::from(".")).join(".s")
        });
    let yml = dir.join("access.yml");
    let yaml = dir.join("access.yaml");
    if !yaml.exists() && yml.exists() {
        yml
    } else {
        yaml
    }
}

pub fn read_access_file(path: &Path) -> Result<Vec<ImportedAlias>> {
    let read_err = |message: String| CredentialsError::Read {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| read_err(e.to_string()))?;
    let doc: BTreeMap<String, BTreeMap<String, serde_yaml::Value>> = if text.trim().is_empty() {
        BTreeMap::new()
    } else {
        serde_yaml::from_str(&text).map_err(|e| read_err(e.to_string()))?
    };
    Ok(doc
        .into_iter()
        .map(|(alias, raw)| {
            let mut fields: BTreeMap<String, String> = raw
                .into_iter()
                .filter_map(|(k, v)| Some((k, scalar(&v)?)))
                .map(|(k, v)| {
                    let plain = decrypt(&v, ACCESS_PASSPHRASE).unwrap_or(v);
                    (k, plain)
                })
                .collect();
            let is_default = fields.remove("__default").is_some_and(|v| v == "true");
            fields.retain(|k, _| !k.starts_with("__"));
            ImportedAlias {
                alias,
                fields,
                is_default,
            }
        })
        .collect())
}

fn scalar(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypted_and_plain_entries_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("access.yaml");
        std::fs::write(
            &path,
            "prod:\n\
             \x20 AccessKeyID: U2FsdGVkX1/jtNIBvq4ohXnsjdt7eQ/5Nz4/z1v2TLk=\n\
             \x20 AccessKeySecret: U2FsdGVkX18T8a83U1SWzv59vd9qRk2m6pwYSF+rKRU=\n\
             \x20 AccountID: U2FsdGVkX19bn6qK6MqDiV7gEjpVtSx2/p61inmIn20=\n\
             \x20 __provider: U2FsdGVkX1/5gzfwQ2n6DVuR6ukZde2KTZ8jk8Dh6XWZkiVC4YOSYw9BAnJ4PB5R\n\
             \x20 __default: U2FsdGVkX1+DpuPu163f63rmLzip40/JyRM5J5kMuwQ=\n\
             plain:\n\
             \x20 AccessKeyID: id2\n\
             \x20 AccessKeySecret: secret2\n\
             other:\n\
             \x20 SecretID: x\n",
        )
        .unwrap();
        let aliases = read_access_file(&path).unwrap();
        let prod = aliases.iter().find(|a| a.alias == "prod").unwrap();
        assert!(prod.is_default);
        let c = prod.credential().unwrap();
        assert_eq!(c.access_key_id, "LTAIexample");
        assert_eq!(c.access_key_secret, "SecretExample");
        assert_eq!(c.account_id.as_deref(), Some("1234567890"));
        assert!(!prod.fields.contains_key("__provider"));
        let plain = aliases.iter().find(|a| a.alias == "plain").unwrap();
        assert_eq!(plain.credential().unwrap().access_key_secret, "secret2");
        let other = aliases.iter().find(|a| a.alias == "other").unwrap();
        assert!(other.credential().is_none());
    }
}
