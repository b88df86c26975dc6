//! Access aliases: secrets in the OS keyring (or a 0600 file when the user asks for one),
//! non-secret fields under `S_HOME`, and the environment overrides Serverless Devs users
//! expect. Never prints; the CLI turns these errors into messages.

mod book;
mod cryptojs;
mod env;
mod import;
mod secrets;

use std::path::PathBuf;

pub use book::{AliasInfo, Book};
pub use env::{from_env, ENV_ALIAS};
pub use import::{default_access_file, read_access_file, ImportedAlias};
pub use secrets::SecretStore;

/// One usable access key.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    /// The alias it came from (`$system_environment_access` for the environment).
    pub alias: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub account_id: Option<String>,
    pub security_token: Option<String>,
}

/// Never show the secret in debug output.
impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("alias", &self.alias)
            .field("access_key_id", &self.access_key_id)
            .field("account_id", &self.account_id)
            .finish_non_exhaustive()
    }
}

impl Credential {
    /// The value `${config('KEY')}` reads, by Serverless Devs' field names.
    pub fn field(&self, key: &str) -> Option<&str> {
        match key {
            "AccessKeyID" => Some(&self.access_key_id),
            "AccessKeySecret" => Some(&self.access_key_secret),
            "AccountID" => self.account_id.as_deref(),
            "SecurityToken" => self.security_token.as_deref(),
            _ => None,
        }
    }
}

/// Field names `${config('X')}` and `s config` know.
pub const FIELDS: [&str; 4] = [
    "AccountID",
    "AccessKeyID",
    "AccessKeySecret",
    "SecurityToken",
];

#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    #[error("access alias `{alias}` not found")]
    NotFound { alias: String, known: Vec<String> },
    #[error("no credentials are configured")]
    NoneConfigured,
    #[error("access alias `{0}` already exists")]
    Exists(String),
    #[error("invalid alias name `{0}`")]
    InvalidAlias(String),
    #[error("the secret of alias `{alias}` is no longer in the {store}")]
    SecretMissing { alias: String, store: SecretStore },
    #[error("the OS keyring is not available: {0}")]
    NoKeyring(String),
    #[error("keyring error: {0}")]
    Keyring(String),
    #[error("cannot read `{path}`: {message}")]
    Read { path: PathBuf, message: String },
    #[error("cannot write `{path}`: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, CredentialsError>;

/// The credential a command uses: an access key pair in the environment wins over
/// everything (as in Serverless Devs), then `wanted` (the `-a` alias or the manifest's
/// `access`), then the default alias. `Ok(None)` when nothing is configured and no alias
/// was asked for.
pub fn resolve(book: &Book, wanted: Option<&str>) -> Result<Option<Credential>> {
    if let Some(credential) = from_env(|k| std::env::var(k).ok()) {
        return Ok(Some(credential));
    }
    let alias = match wanted {
        Some(alias) => alias.to_string(),
        None => match book.default_alias()? {
            Some(alias) => alias,
            None => return Ok(None),
        },
    };
    book.get(&alias).map(Some)
}

/// `LTAI****************wxyz`: enough to recognise a key, not enough to use it.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len().max(4));
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_keeps_only_the_ends() {
        assert_eq!(mask("LTAI5tExampleKeyId"), "LTAI**********eyId");
        assert_eq!(mask("short"), "*****");
        assert_eq!(mask(""), "****");
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let credential = Credential {
            alias: "a".into(),
            access_key_id: "id".into(),
            access_key_secret: "very-secret".into(),
            account_id: None,
            security_token: None,
        };
        assert!(!format!("{credential:?}").contains("very-secret"));
    }
}
