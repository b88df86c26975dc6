//! FC 3.0 wire types (API version 2023-03-30), defined once and shared by the client and the
//! engine: functions, triggers, async config and tasks, errors, request ids and ARNs.
//! JSON names are FC's own; fields we do not model are kept in `extra` and echoed back.

mod arn;
mod domain;
mod error;
mod function;
mod layer;
pub mod observe;
mod props;
mod queue;
mod request_id;
mod rewrite;
pub mod rules;
pub mod schedule;
pub mod signature;
mod task;
mod trigger;
mod version;

pub use arn::{function_arn, parse_destination, Destination};
pub use domain::*;
pub use error::{ApiError, ErrorCode};
pub use function::*;
pub use layer::*;
pub use props::{
    function_input_from_props, DEFAULT_CUSTOM_PORT, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S,
};
pub use queue::*;
pub use request_id::new_request_id;
pub use rewrite::Rewrite;
pub use task::*;
pub use trigger::*;
pub use version::*;

/// The path prefix of every FC 3.0 API.
pub const API_VERSION: &str = "2023-03-30";

/// Runtimes the local engine can run.
pub const LOCAL_RUNTIMES: &[&str] = &[
    "python3",
    "python3.9",
    "python3.10",
    "python3.12",
    "nodejs8",
    "nodejs10",
    "nodejs12",
    "nodejs14",
    "nodejs16",
    "nodejs18",
    "nodejs20",
    "custom",
    "custom.debian10",
    "custom.debian11",
    "custom.debian12",
];

/// FC 2.0-era runtimes FC 3.0 no longer creates, still found in public projects: the local
/// engine runs them (on the host's interpreter) with a warning.
pub const RETIRED_RUNTIMES: &[&str] = &["nodejs8", "nodejs10"];

/// Every runtime name FC 3.0 accepts.
pub const ALL_RUNTIMES: &[&str] = &[
    "nodejs12",
    "nodejs14",
    "nodejs16",
    "nodejs18",
    "nodejs20",
    "go1",
    "python3",
    "python3.9",
    "python3.10",
    "python3.12",
    "java8",
    "java11",
    "php7.2",
    "dotnetcore3.1",
    "custom",
    "custom.debian10",
    "custom.debian11",
    "custom.debian12",
    "custom-container",
];

/// The language family of a runtime name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeFamily {
    Python,
    NodeJs,
    Custom,
    Unsupported,
}

pub fn runtime_family(runtime: &str) -> RuntimeFamily {
    if runtime.starts_with("python3") {
        RuntimeFamily::Python
    } else if runtime.starts_with("nodejs") {
        RuntimeFamily::NodeJs
    } else if runtime == "custom" || runtime.starts_with("custom.") {
        RuntimeFamily::Custom
    } else {
        RuntimeFamily::Unsupported
    }
}

/// RFC 3339 UTC with seconds, as FC prints `createdTime`.
pub fn rfc3339_now() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Milliseconds since the Unix epoch, as FC's async-task times.
pub fn epoch_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
