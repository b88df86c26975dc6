//! Async invocation models: AsyncConfig (what PutAsyncInvokeConfig takes and returns) and
//! AsyncTask with its event timeline. Task times are epoch milliseconds.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DestinationTarget {
    pub destination: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DestinationConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_success: Option<DestinationTarget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_failure: Option<DestinationTarget>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AsyncConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub async_task: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_config: Option<DestinationConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_async_retry_attempts: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_async_event_age_in_seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_time: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AsyncTaskEvent {
    pub event_id: i64,
    pub status: String,
    pub timestamp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_detail: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AsyncTask {
    pub task_id: String,
    #[serde(default)]
    pub request_id: String,
    #[serde(default)]
    pub function_arn: String,
    #[serde(default)]
    pub qualifier: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<i64>,
    #[serde(default)]
    pub already_retried_times: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_payload: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_payload: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_error_message: Option<String>,
    #[serde(default)]
    pub events: Vec<AsyncTaskEvent>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListAsyncTasksOutput {
    #[serde(default)]
    pub tasks: Vec<AsyncTask>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}
