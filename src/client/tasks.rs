//! Async tasks (ListAsyncTasks, GetAsyncTask, StopAsyncTask) and the local engine's queues
//! (`/_s/v1/queues`, an engine extra outside the FC namespace).

use std::time::Duration;

use reqwest::Method;
use serde::de::DeserializeOwned;

use super::{api_error, header, transport, ClientError, FcClient, Result};
use crate::fc::{
    AsyncTask, ListAsyncTasksOutput, ListQueuesOutput, QueueInfo, QueueMessage, QueueMessagesOutput,
};

/// ListAsyncTasks filters.
#[derive(Debug, Clone, Default)]
pub struct TaskListOptions {
    pub status: Option<String>,
    pub prefix: Option<String>,
    /// At most this many tasks (pages are followed); 0 means 20.
    pub limit: usize,
    pub include_payload: bool,
}

/// The API's page size limit.
const MAX_PAGE: usize = 100;

impl FcClient {
    /// A function's tasks, newest first.
    pub async fn list_async_tasks(
        &self,
        function: &str,
        options: &TaskListOptions,
    ) -> Result<Vec<AsyncTask>> {
        let wanted = if options.limit == 0 {
            20
        } else {
            options.limit
        };
        let path = format!("/functions/{function}/async-tasks");
        let mut tasks = Vec::new();
        let mut token: Option<String> = None;
        while tasks.len() < wanted {
            let mut query = vec![("limit", (wanted - tasks.len()).min(MAX_PAGE).to_string())];
            if let Some(status) = &options.status {
                query.push(("status", status.clone()));
            }
            if let Some(prefix) = &options.prefix {
                query.push(("prefix", prefix.clone()));
            }
            if options.include_payload {
                query.push(("includePayload", "true".into()));
            }
            if let Some(t) = &token {
                query.push(("nextToken", t.clone()));
            }
            let page: ListAsyncTasksOutput =
                self.call::<(), _>(Method::GET, &path, &query, None).await?;
            tasks.extend(page.tasks);
            match page.next_token.filter(|t| !t.is_empty()) {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        Ok(tasks)
    }

    pub async fn get_async_task(&self, function: &str, task_id: &str) -> Result<AsyncTask> {
        let path = format!("/functions/{function}/async-tasks/{task_id}");
        self.call::<(), _>(Method::GET, &path, &[], None).await
    }

    /// StopAsyncTask: a bodiless PUT.
    pub async fn stop_async_task(&self, function: &str, task_id: &str) -> Result<()> {
        let path = format!("/functions/{function}/async-tasks/{task_id}/stop");
        self.send::<()>(Method::PUT, &path, &[], None)
            .await
            .map(drop)
    }

    /// The engine's local queues.
    pub async fn list_queues(&self) -> Result<Vec<QueueInfo>> {
        let out: ListQueuesOutput = self.engine_call(Method::GET, "/queues", &[]).await?;
        Ok(out.queues)
    }

    /// Take (and delete) up to `max` messages, waiting up to `wait` for the first one.
    pub async fn receive_messages(
        &self,
        queue: &str,
        max: u32,
        wait: Duration,
    ) -> Result<Vec<QueueMessage>> {
        let query = [
            ("max", max.to_string()),
            ("wait", wait.as_secs().to_string()),
        ];
        let path = format!("/queues/{queue}/receive");
        let out: QueueMessagesOutput = self.engine_call(Method::POST, &path, &query).await?;
        Ok(out.messages)
    }

    /// The oldest `max` messages, left in the queue.
    pub async fn peek_messages(&self, queue: &str, max: u32) -> Result<Vec<QueueMessage>> {
        let query = [("max", max.to_string())];
        let path = format!("/queues/{queue}/messages");
        let out: QueueMessagesOutput = self.engine_call(Method::GET, &path, &query).await?;
        Ok(out.messages)
    }

    /// A bodiless call to the engine's own API under `/_s/v1`.
    async fn engine_call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T> {
        let url = format!("{}/_s/v1{path}", self.base);
        let response = self
            .http
            .request(method, &url)
            .query(query)
            .send()
            .await
            .map_err(|e| transport(&url, e))?;
        let status = response.status();
        let request_id = header(&response, "x-fc-request-id");
        let bytes = response.bytes().await.map_err(|e| transport(&url, e))?;
        if !status.is_success() {
            return Err(ClientError::Api(api_error(status, &bytes, request_id)));
        }
        serde_json::from_slice(&bytes).map_err(|e| ClientError::Decode {
            url,
            message: e.to_string(),
        })
    }
}
