//! Layer models (CreateLayerVersion, GetLayerVersion, ListLayers, ListLayerVersions) and the
//! layer-version ARN `acs:fc:<region>:<accountId>:layers/<name>/versions/<version>`, built and
//! parsed here only.

use serde::{Deserialize, Serialize};

use super::InputCodeLocation;

/// `code` of a layer on output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutputCodeLocation {
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub repository_type: String,
}

/// One layer version as the API returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Layer {
    #[serde(default)]
    pub layer_name: String,
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub layer_version_arn: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub compatible_runtime: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<OutputCodeLocation>,
    #[serde(default)]
    pub code_checksum: String,
    /// SHA-256 (hex) of the zip, as for `Function::code_digest`: never on the wire.
    #[serde(skip)]
    pub code_digest: Option<String>,
    #[serde(default)]
    pub code_size: i64,
    #[serde(default)]
    pub create_time: String,
    /// `"0"` private, `"1"` public.
    #[serde(default)]
    pub acl: String,
    #[serde(default)]
    pub license: String,
    /// An official layer's local folder (see `official_layers`): merged as it is, there is
    /// no zip. Never on the wire.
    #[serde(skip)]
    pub local_root: Option<std::path::PathBuf>,
}

/// CreateLayerVersionInput.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LayerVersionInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<InputCodeLocation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compatible_runtime: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListLayersOutput {
    #[serde(default)]
    pub layers: Vec<Layer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListLayerVersionOutput {
    #[serde(default)]
    pub layers: Vec<Layer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_version: Option<u32>,
}

/// `acs:fc:<region>:<accountId>:layers/<name>/versions/<version>`.
pub fn layer_arn(region: &str, account_id: &str, name: &str, version: u32) -> String {
    format!("acs:fc:{region}:{account_id}:layers/{name}/versions/{version}")
}

/// The layer name and version an ARN names; region and account are not checked, so a
/// manifest written for the cloud resolves against a local engine by name and version.
pub fn parse_layer_arn(arn: &str) -> Option<(String, u32)> {
    let mut parts = arn.splitn(5, ':');
    let (acs, service) = (parts.next()?, parts.next()?);
    let resource = parts.nth(2)?;
    if acs != "acs" || service != "fc" {
        return None;
    }
    let rest = resource.strip_prefix("layers/")?;
    let (name, version) = rest.split_once("/versions/")?;
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then_some(())?;
    Some((name.to_string(), version.parse().ok()?))
}

/// The name and version of an official layer's ARN
/// (`acs:fc:<region>:official:layers/<name>/versions/<version>`).
pub fn parse_official_layer_arn(arn: &str) -> Option<(String, u32)> {
    let account = arn.split(':').nth(3)?;
    (account == "official")
        .then(|| parse_layer_arn(arn))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_arns_round_trip_and_ignore_region_and_account() {
        let arn = layer_arn("cn-hangzhou", "123", "deps", 3);
        assert_eq!(arn, "acs:fc:cn-hangzhou:123:layers/deps/versions/3");
        assert_eq!(parse_layer_arn(&arn), Some(("deps".into(), 3)));
        assert_eq!(
            parse_layer_arn("acs:fc:cn-beijing:999:layers/my_deps/versions/12"),
            Some(("my_deps".into(), 12))
        );
        assert_eq!(parse_layer_arn("acs:fc:r:a:layers/deps/versions/x"), None);
        assert_eq!(parse_layer_arn("acs:fc:r:a:functions/f"), None);
        assert_eq!(parse_layer_arn("deps"), None);
        assert_eq!(
            parse_official_layer_arn(
                "acs:fc:cn-hangzhou:official:layers/Python3-Flask2x/versions/2"
            ),
            Some(("Python3-Flask2x".into(), 2))
        );
        assert_eq!(parse_official_layer_arn(&arn), None);
    }
}
