//! One HTTP client for the FC 3.0 API (reqwest), used for every target: the local engine,
//! Alibaba Cloud FC, or a remote `s engine`. Returns FC's own errors as `ApiError`; never prints.
//! With a `Signer` every request (invoke included) is signed with ACS3-HMAC-SHA256; with a
//! `RetryPolicy` throttling and server errors are retried, each attempt signed afresh.

mod domains;
mod invoke;
mod layers;
mod observe;
mod retry;
mod signer;
mod tasks;
mod versions;

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::fc::{
    self, ApiError, AsyncConfig, ConcurrencyConfig, Function, FunctionInput, ListFunctionsOutput,
    ListTriggersOutput, Trigger, TriggerInput,
};

pub use invoke::{InvokeOptions, InvokeResponse};
pub use observe::{LogStream, LogStreamEvent};
pub use retry::RetryPolicy;
pub use signer::{action_for, format_date, Signer};
pub use tasks::TaskListOptions;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The API answered with an FC error document.
    #[error("{0}")]
    Api(ApiError),
    /// Nothing usable came back: connection refused, timeout, TLS ...
    #[error("cannot reach `{url}`: {message}")]
    Transport { url: String, message: String },
    /// A 2xx whose body was not what the API promises.
    #[error("unexpected response from `{url}`: {message}")]
    Decode { url: String, message: String },
}

impl ClientError {
    /// True for FC's not-found codes (function, trigger, async config).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ClientError::Api(e) if e.status == 404)
    }
}

pub type Result<T> = std::result::Result<T, ClientError>;

/// A client bound to one endpoint, e.g. `http://127.0.0.1:9630`.
#[derive(Clone)]
pub struct FcClient {
    base: String,
    http: reqwest::Client,
    signer: Option<std::sync::Arc<Signer>>,
    retry: RetryPolicy,
}

impl FcClient {
    pub fn new(base_url: &str) -> Self {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .expect("the TLS backend is compiled in");
        FcClient {
            base: base_url.trim_end_matches('/').to_string(),
            http,
            signer: None,
            retry: RetryPolicy::NONE,
        }
    }

    /// Sign every request with this access key.
    pub fn with_signer(mut self, signer: Signer) -> Self {
        self.signer = Some(std::sync::Arc::new(signer));
        self
    }

    pub fn with_retries(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    pub fn signer(&self) -> Option<&Signer> {
        self.signer.as_deref()
    }

    /// Send a request, signed when there is a signer, retrying as the policy says.
    /// Returns the final response, whatever its status.
    async fn dispatch(&self, builder: reqwest::RequestBuilder) -> Result<reqwest::Response> {
        let request = builder.build().map_err(|e| transport(&self.base, e))?;
        let url = request.url().to_string();
        let mut attempt = 0;
        loop {
            let mut this = request.try_clone().expect("request bodies are in memory");
            if let Some(signer) = &self.signer {
                signer.sign(&mut this);
            }
            let response = self
                .http
                .execute(this)
                .await
                .map_err(|e| transport(&url, e))?;
            let retry_after = header(&response, "x-acs-retry-after").and_then(|v| v.parse().ok());
            let Some(wait) =
                self.retry
                    .delay(attempt, request.method(), response.status(), retry_after)
            else {
                return Ok(response);
            };
            tracing::debug!(
                "{} {url} -> {}, retrying in {wait:?}",
                request.method(),
                response.status()
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{}{}", self.base, fc::API_VERSION, path)
    }

    /// Send a JSON API request and decode a JSON answer.
    async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
    ) -> Result<T> {
        let bytes = self.send(method, path, query, body).await?;
        let text = if bytes.is_empty() {
            "{}".as_bytes()
        } else {
            &bytes
        };
        serde_json::from_slice(text).map_err(|e| ClientError::Decode {
            url: self.url(path),
            message: e.to_string(),
        })
    }

    async fn send<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
    ) -> Result<bytes::Bytes> {
        let url = self.url(path);
        let mut request = self.http.request(method.clone(), &url).query(query);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json; charset=utf-8")
                .body(serde_json::to_vec(body).expect("wire types serialize"));
        }
        let started = std::time::Instant::now();
        let response = self.dispatch(request).await?;
        let status = response.status();
        let request_id = header(&response, "x-fc-request-id");
        let bytes = response.bytes().await.map_err(|e| transport(&url, e))?;
        tracing::debug!(
            "{method} {url} -> {status} in {:.1} ms, {} bytes, request id {}",
            started.elapsed().as_secs_f64() * 1000.0,
            bytes.len(),
            request_id.as_deref().unwrap_or("-")
        );
        if status.is_success() {
            return Ok(bytes);
        }
        Err(ClientError::Api(api_error(status, &bytes, request_id)))
    }

    pub async fn get_function(&self, name: &str) -> Result<Function> {
        self.call::<(), _>(Method::GET, &format!("/functions/{name}"), &[], None)
            .await
    }

    /// GetFunction, with "does not exist" as `None`.
    pub async fn find_function(&self, name: &str) -> Result<Option<Function>> {
        match self.get_function(name).await {
            Ok(f) => Ok(Some(f)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn create_function(&self, input: &FunctionInput) -> Result<Function> {
        self.call(Method::POST, "/functions", &[], Some(input))
            .await
    }

    pub async fn update_function(&self, name: &str, input: &FunctionInput) -> Result<Function> {
        self.call(Method::PUT, &format!("/functions/{name}"), &[], Some(input))
            .await
    }

    pub async fn delete_function(&self, name: &str) -> Result<()> {
        self.send::<()>(Method::DELETE, &format!("/functions/{name}"), &[], None)
            .await
            .map(drop)
    }

    /// Every function (follows `nextToken`).
    pub async fn list_functions(&self, prefix: Option<&str>) -> Result<Vec<Function>> {
        let mut query = vec![("limit", "100".to_string())];
        if let Some(p) = prefix {
            query.push(("prefix", p.to_string()));
        }
        self.list_all::<ListFunctionsOutput>("/functions", query)
            .await
    }

    pub async fn list_triggers(&self, function: &str) -> Result<Vec<Trigger>> {
        let path = format!("/functions/{function}/triggers");
        let query = vec![("limit", "100".to_string())];
        self.list_all::<ListTriggersOutput>(&path, query).await
    }

    /// Every item of a list API, following `nextToken` until the last page.
    async fn list_all<P: Page>(
        &self,
        path: &str,
        mut query: Vec<(&str, String)>,
    ) -> Result<Vec<P::Item>> {
        let mut all = Vec::new();
        loop {
            let page: P = self.call::<(), _>(Method::GET, path, &query, None).await?;
            let (items, next) = page.into_parts();
            all.extend(items);
            match next.filter(|t| !t.is_empty()) {
                Some(token) => {
                    query.retain(|(key, _)| *key != "nextToken");
                    query.push(("nextToken", token));
                }
                None => return Ok(all),
            }
        }
    }

    pub async fn create_trigger(&self, function: &str, input: &TriggerInput) -> Result<Trigger> {
        let path = format!("/functions/{function}/triggers");
        self.call(Method::POST, &path, &[], Some(input)).await
    }

    pub async fn update_trigger(
        &self,
        function: &str,
        name: &str,
        input: &TriggerInput,
    ) -> Result<Trigger> {
        let path = format!("/functions/{function}/triggers/{name}");
        self.call(Method::PUT, &path, &[], Some(input)).await
    }

    pub async fn delete_trigger(&self, function: &str, name: &str) -> Result<()> {
        let path = format!("/functions/{function}/triggers/{name}");
        self.send::<()>(Method::DELETE, &path, &[], None)
            .await
            .map(drop)
    }

    pub async fn get_async_config(&self, function: &str) -> Result<Option<AsyncConfig>> {
        let path = format!("/functions/{function}/async-invoke-config");
        match self.call::<(), _>(Method::GET, &path, &[], None).await {
            Ok(c) => Ok(Some(c)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn put_async_config(&self, function: &str, config: &AsyncConfig) -> Result<()> {
        let path = format!("/functions/{function}/async-invoke-config");
        self.call::<_, serde_json::Value>(Method::PUT, &path, &[], Some(config))
            .await
            .map(drop)
    }

    pub async fn delete_async_config(&self, function: &str) -> Result<()> {
        let path = format!("/functions/{function}/async-invoke-config");
        match self.send::<()>(Method::DELETE, &path, &[], None).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_not_found() => Ok(()),
            Err(e) => Err(e),
        }
    }

    pub async fn put_concurrency(&self, function: &str, reserved: u32) -> Result<()> {
        let path = format!("/functions/{function}/concurrency");
        let body = ConcurrencyConfig {
            function_arn: None,
            reserved_concurrency: Some(reserved),
        };
        self.call::<_, serde_json::Value>(Method::PUT, &path, &[], Some(&body))
            .await
            .map(drop)
    }

    pub async fn delete_concurrency(&self, function: &str) -> Result<()> {
        let path = format!("/functions/{function}/concurrency");
        match self.send::<()>(Method::DELETE, &path, &[], None).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_not_found() => Ok(()),
            Err(e) => Err(e),
        }
    }
}

fn transport(url: &str, err: reqwest::Error) -> ClientError {
    let message = if err.is_timeout() {
        "timed out".to_string()
    } else if err.is_connect() {
        "connection refused".to_string()
    } else {
        err.to_string()
    };
    ClientError::Transport {
        url: url.to_string(),
        message,
    }
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// An FC error document, or a synthetic one when the body is not JSON.
fn api_error(status: StatusCode, body: &[u8], request_id: Option<String>) -> ApiError {
    let mut error = serde_json::from_slice::<ApiError>(body).unwrap_or_else(|_| ApiError {
        code: status
            .canonical_reason()
            .unwrap_or("HttpError")
            .replace(' ', ""),
        message: String::from_utf8_lossy(body).chars().take(500).collect(),
        request_id: String::new(),
        status: status.as_u16(),
    });
    error.status = status.as_u16();
    if error.request_id.is_empty() {
        error.request_id = request_id.unwrap_or_default();
    }
    error
}

/// One page of a list API: its items and the token of the next page.
trait Page: DeserializeOwned {
    type Item;
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>);
}

impl Page for ListFunctionsOutput {
    type Item = Function;
    fn into_parts(self) -> (Vec<Function>, Option<String>) {
        (self.functions, self.next_token)
    }
}

impl Page for ListTriggersOutput {
    type Item = Trigger;
    fn into_parts(self) -> (Vec<Trigger>, Option<String>) {
        (self.triggers, self.next_token)
    }
}

impl Page for fc::ListLayersOutput {
    type Item = fc::Layer;
    fn into_parts(self) -> (Vec<fc::Layer>, Option<String>) {
        (self.layers, self.next_token)
    }
}
