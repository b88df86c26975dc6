//! Trigger models. `triggerConfig` travels as a JSON document inside a string, in both
//! directions; parse it, never compare it as text.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TriggerInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_type: Option<String>,
    /// A JSON document as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_config: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invocation_role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpTriggerUrls {
    #[serde(default)]
    pub url_internet: String,
    #[serde(default)]
    pub url_intranet: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    #[serde(default)]
    pub trigger_id: String,
    #[serde(default)]
    pub trigger_name: String,
    #[serde(default)]
    pub trigger_type: String,
    #[serde(default)]
    pub trigger_config: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invocation_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Local engine: why the trigger's event source is not running (`status` is then
    /// `Error` or `Unsupported`). FC does not send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_trigger: Option<HttpTriggerUrls>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_time: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListTriggersOutput {
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}
