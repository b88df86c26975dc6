//! FC 3.0 API errors: `{"Code","Message","RequestId"}` with the HTTP status FC uses.

use serde::{Deserialize, Serialize};

/// The error codes we emit, with FC's HTTP status for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidArgument,
    MissingRequiredHeader,
    PathNotSupported,
    EntityTooLarge,
    AccessDenied,
    SignatureNotMatch,
    InvalidAccessKeyId,
    FunctionNotFound,
    TriggerNotFound,
    AsyncConfigNotExists,
    AsyncTaskNotExists,
    LayerNotFound,
    VersionNotFound,
    AliasNotFound,
    DomainNameNotFound,
    DomainRouteNotFound,
    FunctionAlreadyExists,
    DomainNameAlreadyExists,
    AliasAlreadyExists,
    TriggerAlreadyExists,
    AsyncTaskAlreadyExists,
    FunctionNotEmpty,
    AsyncInvocationStopped,
    CaExited,
    CaFileNotFound,
    CaFilePermission,
    ResourceExhausted,
    InternalServerError,
    BadResponse,
    ResourceThrottled,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidArgument => "InvalidArgument",
            MissingRequiredHeader => "MissingRequiredHeader",
            PathNotSupported => "PathNotSupported",
            EntityTooLarge => "EntityTooLarge",
            AccessDenied => "AccessDenied",
            SignatureNotMatch => "SignatureNotMatch",
            InvalidAccessKeyId => "InvalidAccessKeyID",
            FunctionNotFound => "FunctionNotFound",
            TriggerNotFound => "TriggerNotFound",
            AsyncConfigNotExists => "AsyncConfigNotExists",
            AsyncTaskNotExists => "AsyncTaskNotExists",
            LayerNotFound => "LayerNotFound",
            VersionNotFound => "VersionNotFound",
            AliasNotFound => "AliasNotFound",
            DomainNameNotFound => "DomainNameNotFound",
            DomainRouteNotFound => "DomainRouteNotFound",
            DomainNameAlreadyExists => "DomainNameAlreadyExists",
            AliasAlreadyExists => "AliasAlreadyExists",
            FunctionAlreadyExists => "FunctionAlreadyExists",
            TriggerAlreadyExists => "TriggerAlreadyExists",
            AsyncTaskAlreadyExists => "AsyncTaskAlreadyExists",
            FunctionNotEmpty => "FunctionNotEmpty",
            AsyncInvocationStopped => "AsyncInvocationStopped",
            CaExited => "CAExited",
            CaFileNotFound => "CAFileNotFound",
            CaFilePermission => "CAFilePermission",
            ResourceExhausted => "ResourceExhausted",
            InternalServerError => "InternalServerError",
            BadResponse => "BadResponse",
            ResourceThrottled => "ResourceThrottled",
        }
    }

    pub fn status(self) -> u16 {
        use ErrorCode::*;
        match self {
            InvalidArgument | MissingRequiredHeader | PathNotSupported | EntityTooLarge => 400,
            AccessDenied | SignatureNotMatch | InvalidAccessKeyId => 403,
            FunctionNotFound | TriggerNotFound | AsyncConfigNotExists | AsyncTaskNotExists
            | LayerNotFound | VersionNotFound | AliasNotFound | DomainNameNotFound
            | DomainRouteNotFound => 404,
            FunctionAlreadyExists
            | AliasAlreadyExists
            | TriggerAlreadyExists
            | AsyncTaskAlreadyExists
            | DomainNameAlreadyExists
            | FunctionNotEmpty => 409,
            AsyncInvocationStopped | CaExited | CaFileNotFound | CaFilePermission => 412,
            ResourceExhausted => 429,
            InternalServerError => 500,
            BadResponse => 502,
            ResourceThrottled => 503,
        }
    }
}

/// The error body. Keys are PascalCase on the wire (FC 3.0, not 2.0's `errorCode`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ApiError {
    #[serde(rename = "Code", alias = "code")]
    pub code: String,
    #[serde(rename = "Message", alias = "message", default)]
    pub message: String,
    #[serde(rename = "RequestId", alias = "requestId", default)]
    pub request_id: String,
    /// HTTP status; not part of the body.
    #[serde(skip)]
    pub status: u16,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code: code.as_str().to_string(),
            message: message.into(),
            request_id: String::new(),
            status: code.status(),
        }
    }

    pub fn function_not_found(name: &str) -> Self {
        Self::new(
            ErrorCode::FunctionNotFound,
            format!("function '{name}' does not exist"),
        )
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidArgument, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InternalServerError, message)
    }

    pub fn is(&self, code: ErrorCode) -> bool {
        self.code == code.as_str()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if !self.request_id.is_empty() {
            write!(f, " ({})", self.request_id)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
