//! Function versions (immutable snapshots of a function's code and configuration) and
//! aliases (a name for a version, optionally sending a share of invocations to a second
//! one), as FC 3.0's version and alias APIs carry them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One published version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    #[serde(default)]
    pub version_id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub created_time: String,
    #[serde(default)]
    pub last_modified_time: String,
}

/// PublishFunctionVersion's body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublishVersionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListVersionsOutput {
    #[serde(default)]
    pub versions: Vec<Version>,
    /// `FORWARD` (oldest first) or `BACKWARD` (newest first, the default).
    #[serde(default)]
    pub direction: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// An alias as the API returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Alias {
    #[serde(default)]
    pub alias_name: String,
    #[serde(default)]
    pub version_id: String,
    #[serde(default)]
    pub description: String,
    /// Version id -> share of invocations (0 to 1) sent there instead of `version_id`.
    #[serde(default)]
    pub additional_version_weight: BTreeMap<String, f64>,
    #[serde(default)]
    pub created_time: String,
    #[serde(default)]
    pub last_modified_time: String,
}

/// CreateAlias (with `aliasName`) and UpdateAlias bodies.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AliasInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_version_weight: Option<BTreeMap<String, f64>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListAliasesOutput {
    #[serde(default)]
    pub aliases: Vec<Alias>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Check an alias's routing: versions are positive integers, the additional versions
/// differ from the main one, and their weights are shares that add up to at most 1.
pub fn check_alias_routing(
    version_id: &str,
    additional: &BTreeMap<String, f64>,
) -> Result<(), String> {
    if !is_version_id(version_id) {
        return Err(format!("versionId '{version_id}' is not a version number"));
    }
    let mut total = 0.0;
    for (id, weight) in additional {
        if !is_version_id(id) {
            return Err(format!(
                "additionalVersionWeight key '{id}' is not a version number"
            ));
        }
        if id == version_id {
            return Err(format!(
                "additionalVersionWeight {additional:?} should not contain major version {version_id}"
            ));
        }
        if !(0.0..=1.0).contains(weight) {
            return Err(format!(
                "additionalVersionWeight of version {id} must be between 0 and 1, got {weight}"
            ));
        }
        total += weight;
    }
    if total > 1.0 + 1e-9 {
        return Err(format!(
            "the weights in additionalVersionWeight add up to {total}, more than 1"
        ));
    }
    Ok(())
}

/// A published version's id: a positive decimal integer.
pub fn is_version_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 10
        && text.bytes().all(|b| b.is_ascii_digit())
        && text.parse::<u32>().is_ok_and(|n| n > 0)
}

/// The version an invocation of an alias runs: `roll` is uniform in [0, 1); each
/// additional version takes its weight's slice of that range, the main version the rest.
pub fn pick_version(alias: &Alias, roll: f64) -> &str {
    let mut upper = 0.0;
    for (id, weight) in &alias.additional_version_weight {
        upper += weight;
        if roll < upper {
            return id;
        }
    }
    &alias.version_id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn routing_accepts_shares_of_other_versions_only() {
        assert!(check_alias_routing("1", &weights(&[("2", 0.1)])).is_ok());
        assert!(check_alias_routing("1", &weights(&[])).is_ok());
        let same = check_alias_routing("1", &weights(&[("1", 0.1)])).unwrap_err();
        assert!(
            same.contains("should not contain major version 1"),
            "{same}"
        );
        assert!(check_alias_routing("LATEST", &weights(&[])).is_err());
        assert!(check_alias_routing("0", &weights(&[])).is_err());
        assert!(check_alias_routing("1", &weights(&[("2", 1.5)])).is_err());
        assert!(check_alias_routing("1", &weights(&[("2", 0.6), ("3", 0.6)])).is_err());
    }

    #[test]
    fn an_alias_sends_each_additional_version_its_share() {
        let alias = Alias {
            version_id: "1".into(),
            additional_version_weight: weights(&[("2", 0.25), ("3", 0.25)]),
            ..Alias::default()
        };
        let picks: Vec<&str> = [0.0, 0.2, 0.3, 0.49, 0.5, 0.99]
            .iter()
            .map(|roll| pick_version(&alias, *roll))
            .collect();
        assert_eq!(picks, ["2", "2", "3", "3", "1", "1"]);
    }
}
