//! The local function engine: an FC 3.0 API server (axum) over a SQLite store and an
//! instance pool that runs functions as child processes. `serve` owns the life cycle:
//! open the store, start the pool, answer requests until SIGINT/SIGTERM, then stop every
//! instance and flush what the pool reported.

pub mod asyncq;
pub mod pool;
pub mod runtime;
pub mod server;
pub mod state;
pub mod store;
pub mod triggers;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use pool::{InstancePool, PoolConfig};
use server::{AppState, EngineInfo};
use store::{EventWriter, Store, StoreError};

pub use server::extras::EngineStatus;

/// Region reported in ARNs and to functions unless `S_REGION` says otherwise.
pub const DEFAULT_REGION: &str = "cn-hangzhou";
/// Account id reported in ARNs and to functions unless `S_ACCOUNT_ID` says otherwise.
pub const DEFAULT_ACCOUNT_ID: &str = "0000000000000000";

/// How long a graceful shutdown waits for in-flight requests.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// How an engine is started.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// State directory (`<S_HOME>/engine`).
    pub home: PathBuf,
    /// `S_HOME`, where local buckets live (`<s_home>/buckets`).
    pub s_home: PathBuf,
    /// Idle instances are reaped after this long.
    pub idle_timeout: Duration,
    /// Instances across all functions.
    pub max_instances: u32,
    /// Region in ARNs and `FC_REGION`.
    pub region: String,
    /// Account id in ARNs and `FC_ACCOUNT_ID`.
    pub account_id: String,
    /// `(AccessKeyID, AccessKeySecret)` pairs whose signatures the API requires; empty
    /// leaves it open (loopback only, enforced by the CLI).
    pub access_keys: Vec<(String, String)>,
    /// A client that sends nothing for this long while a request head or body is due is
    /// disconnected (`S_CLIENT_TIMEOUT`, seconds).
    pub client_timeout: Duration,
}

impl EngineConfig {
    /// Defaults, with region and account id from `S_REGION` / `S_ACCOUNT_ID` when set.
    pub fn new(listen: SocketAddr, home: PathBuf) -> EngineConfig {
        let env = |key: &str, default: &str| {
            std::env::var(key)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_string())
        };
        EngineConfig {
            listen,
            s_home: home
                .parent()
                .map_or_else(|| home.clone(), Path::to_path_buf),
            home,
            idle_timeout: Duration::from_secs(300),
            max_instances: 64,
            region: env("S_REGION", DEFAULT_REGION),
            account_id: env("S_ACCOUNT_ID", DEFAULT_ACCOUNT_ID),
            access_keys: Vec::new(),
            client_timeout: env("S_CLIENT_TIMEOUT", "")
                .parse()
                .ok()
                .filter(|s| *s > 0)
                .map_or(server::listen::DEFAULT_CLIENT_TIMEOUT, Duration::from_secs),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("another engine (pid {pid}) is already running with state in `{home}`")]
    AlreadyRunning { pid: u32, home: PathBuf },
    #[error("cannot listen on `{address}`: {source}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Nonces(#[from] server::auth::NonceError),
    #[error("cannot write `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// `<home>/engine.json` while an engine runs: who it is and where it listens.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateFile {
    pub pid: u32,
    pub address: String,
    pub url: String,
    pub started_at: String,
    /// When the process started (`state::process_start`), so a reused pid is told apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_start: Option<u64>,
}

impl StateFile {
    pub fn path(home: &Path) -> PathBuf {
        home.join("engine.json")
    }

    /// The state file of `home`, if there is a readable one.
    pub fn read(home: &Path) -> Option<StateFile> {
        let text = std::fs::read_to_string(Self::path(home)).ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// The engine's log file in `home`.
pub fn log_path(home: &Path) -> PathBuf {
    home.join("engine.log")
}

/// True when `pid` is a live process (a zombie counts as gone).
pub fn process_alive(pid: u32) -> bool {
    let alive = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), None).is_ok();
    if !alive {
        return false;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state is the field after the parenthesised command name.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_none_or(|state| state != "Z"),
        Err(_) => true,
    }
}

/// Run the engine until SIGINT or SIGTERM.
pub async fn serve(config: EngineConfig) -> Result<(), EngineError> {
    crate::private_fs::create_dir_all(&config.home).map_err(|e| io_error(&config.home, e))?;
    refuse_second_engine(&config.home)?;
    server::listen::raise_open_file_limit();
    let store = Arc::new(Store::open(&config.home)?);
    let scratch_dir = state::scratch_root(&config.home);
    state::tidy_at_start(&store, &scratch_dir);
    let events = Arc::new(EventWriter::start_for(&store)?);
    let pool = InstancePool::new(
        PoolConfig {
            idle_timeout: config.idle_timeout,
            max_instances: config.max_instances,
            scratch_dir,
        },
        events.clone(),
    );
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| EngineError::Bind {
            address: config.listen,
            source,
        })?;
    let address = listener.local_addr().unwrap_or(config.listen);
    let info = EngineInfo {
        pid: std::process::id(),
        address,
        started_at: crate::fc::rfc3339_now(),
        started: Instant::now(),
    };
    write_state_file(&config.home, &info)?;
    tracing::info!(
        "engine listening on http://{address} (state in {})",
        config.home.display()
    );

    let app = AppState::new(
        store,
        pool.clone(),
        config.region.clone(),
        config.account_id.clone(),
        info,
        config.s_home.clone(),
    );
    let stored = app.store.clone();
    match tokio::task::spawn_blocking(move || stored.all_triggers()).await {
        Ok(Ok(triggers)) => app.triggers.start_all(triggers),
        Ok(Err(e)) => tracing::error!("triggers: cannot read them: {e}"),
        Err(e) => tracing::error!("triggers: cannot read them: {e}"),
    }
    let stored = app.store.clone();
    match tokio::task::spawn_blocking(move || stored.all_domains()).await {
        Ok(Ok(domains)) => app.load_domains(domains),
        Ok(Err(e)) => tracing::error!("custom domains: cannot read them: {e}"),
        Err(e) => tracing::error!("custom domains: cannot read them: {e}"),
    }
    let verifier = if config.access_keys.is_empty() {
        None
    } else {
        let keys = config.access_keys.clone();
        Some(Arc::new(server::auth::Verifier::persistent(
            keys,
            &config.home,
        )?))
    };
    let result = run_server(listener, app, pool, verifier, config.client_timeout).await;
    let _ = tokio::task::spawn_blocking(move || events.flush()).await;
    let _ = std::fs::remove_file(StateFile::path(&config.home));
    tracing::info!("engine stopped");
    result
}

/// Serve until a stop signal; then stop the pool at once so in-flight invocations end, and
/// give open requests a bounded time to finish.
async fn run_server(
    listener: tokio::net::TcpListener,
    app: Arc<AppState>,
    pool: Arc<InstancePool>,
    verifier: Option<Arc<server::auth::Verifier>>,
    client_timeout: Duration,
) -> Result<(), EngineError> {
    let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
    let live = app.store.live().clone();
    let triggers = app.triggers.clone();
    let router = server::auth::protect(server::router(app), verifier);
    let server = server::listen::serve(listener, router, client_timeout, async move {
        stop_signal().await;
        tracing::info!("stopping: signal received");
        // Open log streams end, so they do not hold the drain; sources stop firing.
        live.close();
        triggers.shutdown();
        let _ = stopping_tx.send(());
    });
    let mut server = std::pin::pin!(server);
    tokio::select! {
        result = &mut server => {
            pool.shutdown().await;
            return result.map_err(|source| EngineError::Io { path: "<listener>".into(), source });
        }
        _ = stopping_rx => {}
    }
    // Stopping the pool ends in-flight invocations, so open requests finish promptly.
    let drain = tokio::time::timeout(DRAIN_TIMEOUT, server);
    let (drained, ()) = tokio::join!(drain, pool.shutdown());
    if drained.is_err() {
        tracing::warn!("stopping: requests still open after {DRAIN_TIMEOUT:?}, closing them");
    }
    Ok(())
}

async fn stop_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(term) => term,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

/// Two engines on one state directory would corrupt each other's instances and queues.
fn refuse_second_engine(home: &Path) -> Result<(), EngineError> {
    match StateFile::read(home) {
        Some(state) if state.pid != std::process::id() && process_alive(state.pid) => {
            Err(EngineError::AlreadyRunning {
                pid: state.pid,
                home: home.to_path_buf(),
            })
        }
        _ => Ok(()),
    }
}

fn write_state_file(home: &Path, info: &EngineInfo) -> Result<(), EngineError> {
    let state = StateFile {
        pid: info.pid,
        address: info.address.to_string(),
        url: format!("http://{}", info.address),
        started_at: info.started_at.clone(),
        process_start: state::process_start(info.pid),
    };
    let path = StateFile::path(home);
    let text = serde_json::to_string_pretty(&state).unwrap_or_default();
    crate::private_fs::write(&path, text.as_bytes()).map_err(|e| io_error(&path, e))
}

fn io_error(path: &Path, source: std::io::Error) -> EngineError {
    EngineError::Io {
        path: path.to_path_buf(),
        source,
    }
}
