//! How handlers fail: an `fc::ApiError` carried in the response until the request layer
//! renders it as `{"Code","Message","RequestId"}` with the request's id. Also the mapping
//! from store and pool errors to FC codes and statuses.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::engine::pool::PoolError;
use crate::engine::store::StoreError;
use crate::fc::{ApiError, ErrorCode};

/// A failed API call. Rendered by `render_error` in the request layer.
#[derive(Debug, Clone)]
pub struct ApiFailure {
    pub error: ApiError,
    /// `x-acs-retry-after` in ms: official SDKs turn it into a throttling error.
    pub retry_after_ms: Option<u64>,
}

pub type ApiResult<T = Response> = Result<T, ApiFailure>;

impl ApiFailure {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::new(code, message).into()
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidArgument, message)
    }

    /// A code with a status other than the one FC's table gives it.
    pub fn with_status(mut self, status: u16) -> Self {
        self.error.status = status;
        self
    }
}

impl From<ApiError> for ApiFailure {
    fn from(error: ApiError) -> Self {
        ApiFailure {
            error,
            retry_after_ms: None,
        }
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = status.into_response();
        if let Some(ms) = self.retry_after_ms {
            response
                .headers_mut()
                .insert("x-acs-retry-after", HeaderValue::from(ms));
        }
        response.extensions_mut().insert(self.error);
        response
    }
}

impl From<StoreError> for ApiFailure {
    fn from(err: StoreError) -> Self {
        use StoreError::*;
        match &err {
            FunctionExists(name) => Self::new(
                ErrorCode::FunctionAlreadyExists,
                format!("function '{name}' already exists"),
            ),
            FunctionNotFound(name) => ApiError::function_not_found(name).into(),
            FunctionHasTriggers(name) => Self::new(
                ErrorCode::FunctionNotEmpty,
                format!("function '{name}' has active triggers"),
            ),
            TriggerExists { function, trigger } => Self::new(
                ErrorCode::TriggerAlreadyExists,
                format!("trigger '{trigger}' already exists in function '{function}'"),
            ),
            TriggerNotFound { function, trigger } => Self::new(
                ErrorCode::TriggerNotFound,
                format!("trigger '{trigger}' does not exist in function '{function}'"),
            ),
            AsyncConfigNotFound {
                function,
                qualifier,
            } => Self::new(
                ErrorCode::AsyncConfigNotExists,
                format!("AsyncConfig for {function}:{qualifier} does not exist."),
            ),
            LayerNotFound { name, version } => Self::new(
                ErrorCode::LayerNotFound,
                format!("layer '{name}' version {version} does not exist"),
            ),
            VersionNotFound { function, version } => Self::new(
                ErrorCode::VersionNotFound,
                format!("version '{version}' of function '{function}' does not exist"),
            ),
            VersionInUse {
                function,
                version,
                alias,
            } => Self::new(
                ErrorCode::FunctionNotEmpty,
                format!(
                    "version '{version}' of function '{function}' is used by alias '{alias}'; update or delete the alias first"
                ),
            ),
            AliasNotFound { function, alias } => Self::new(
                ErrorCode::AliasNotFound,
                format!("alias '{alias}' of function '{function}' does not exist"),
            ),
            AliasExists { function, alias } => Self::new(
                ErrorCode::AliasAlreadyExists,
                format!("alias '{alias}' of function '{function}' already exists"),
            ),
            DomainExists(name) => Self::new(
                ErrorCode::DomainNameAlreadyExists,
                format!("custom domain '{name}' already exists"),
            ),
            DomainNotFound(name) => Self::new(
                ErrorCode::DomainNameNotFound,
                format!("custom domain '{name}' does not exist"),
            ),
            Invalid(message) => Self::invalid(message.clone()),
            // A package that cannot be unpacked is the caller's to fix.
            Unpack { .. } => Self::invalid(err.to_string()),
            _ => {
                tracing::error!("store: {err}");
                ApiError::internal(format!("an internal error has occurred: {err}")).into()
            }
        }
    }
}

impl From<PoolError> for ApiFailure {
    fn from(err: PoolError) -> Self {
        match err {
            PoolError::Throttled(message) => ApiFailure {
                error: ApiError::new(ErrorCode::ResourceExhausted, message),
                retry_after_ms: Some(1000),
            },
            PoolError::StartFailed { code, message } => ApiError::new(code, message).into(),
            PoolError::ShuttingDown => {
                Self::new(ErrorCode::ResourceThrottled, "the engine is shutting down")
            }
        }
    }
}

/// A blocking task that did not finish (panicked or was cancelled).
impl From<tokio::task::JoinError> for ApiFailure {
    fn from(err: tokio::task::JoinError) -> Self {
        ApiError::internal(format!("an internal error has occurred: {err}")).into()
    }
}
