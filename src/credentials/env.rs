//! Credentials from the environment, under Serverless Devs' names (`AccessKeyID`,
//! `AccessKeySecret`, `AccountID`, `SecurityToken`) or the Alibaba Cloud SDKs' names
//! (`ALIBABA_CLOUD_ACCESS_KEY_ID`, `..._SECRET`, ...). A key pair here wins over any alias.

use super::Credential;

/// The alias name Serverless Devs gives credentials taken from the environment.
pub const ENV_ALIAS: &str = "$system_environment_access";

/// The environment's credential, when it holds a complete access key pair.
pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Option<Credential> {
    let first = |names: &[&str]| {
        names.iter().find_map(|name| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        })
    };
    Some(Credential {
        alias: ENV_ALIAS.to_string(),
        access_key_id: first(&["AccessKeyID", "ALIBABA_CLOUD_ACCESS_KEY_ID"])?,
        access_key_secret: first(&["AccessKeySecret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"])?,
        account_id: first(&["AccountID", "ALIBABA_CLOUD_ACCOUNT_ID"]),
        security_token: first(&["SecurityToken", "ALIBABA_CLOUD_SECURITY_TOKEN"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn a_key_pair_in_serverless_devs_names_is_a_credential() {
        let c = from_env(env(&[
            ("AccessKeyID", "id"),
            ("AccessKeySecret", "secret"),
            ("AccountID", "123"),
        ]))
        .unwrap();
        assert_eq!(c.alias, ENV_ALIAS);
        assert_eq!(c.access_key_id, "id");
        assert_eq!(c.account_id.as_deref(), Some("123"));
    }

    #[test]
    fn sdk_names_work_too() {
        let c = from_env(env(&[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret"),
        ]))
        .unwrap();
        assert_eq!(c.access_key_secret, "secret");
        assert_eq!(c.account_id, None);
    }

    #[test]
    fn half_a_pair_is_not_a_credential() {
        assert!(from_env(env(&[("AccessKeyID", "id"), ("AccountID", "1")])).is_none());
        assert!(from_env(env(&[("AccessKeyID", "id"), ("AccessKeySecret", " ")])).is_none());
    }
}
