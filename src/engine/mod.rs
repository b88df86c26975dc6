//! The local function engine: an FC 3.0 API server (axum) over a SQLite store and an
//! instance pool that runs functions as child processes.

pub mod asyncq;
pub mod pool;
pub mod runtime;
pub mod server;
pub mod store;
pub mod triggers;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// How an engine is started.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// State directory (`<S_HOME>/engine`).
    pub home: PathBuf,
    /// Idle instances are reaped after this long.
    pub idle_timeout: Duration,
    /// Instances across all functions.
    pub max_instances: u32,
}
