//! The engine's local queues (`/_s/v1/queues`), where MNS-queue async destinations land.
//! Not part of FC: shared by the engine and the client so both speak the same JSON.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueInfo {
    pub name: String,
    /// Messages waiting to be received.
    pub messages: u64,
    /// Epoch ms of the first delivery.
    pub created_time: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueMessage {
    pub message_id: String,
    /// The message body: for async destinations, the destination record as JSON text.
    pub body: String,
    /// Epoch ms.
    pub enqueued_time: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQueuesOutput {
    #[serde(default)]
    pub queues: Vec<QueueInfo>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueMessagesOutput {
    #[serde(default)]
    pub messages: Vec<QueueMessage>,
}
