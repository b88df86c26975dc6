//! The engine's own routes under `/_s/v1/` (status, code downloads) and the fallback for
//! paths no API serves. Nothing here lives inside the FC namespace, and no answer names a
//! host path: the state dir is the engine's business (`s engine status` knows it locally).

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::error::{ApiFailure, ApiResult};
use super::http::ok;
use super::AppState;
use crate::engine::store::{dir_bytes, is_package_key, DiskUsage};
use crate::fc::ErrorCode;

/// `GET /_s/v1/status`: what `s engine status` shows and what start-up waits for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EngineStatus {
    pub pid: u32,
    /// The socket address the engine listens on.
    pub address: String,
    /// Base URL of the API.
    pub url: String,
    pub started_at: String,
    pub uptime_seconds: u64,
    pub version: String,
    pub functions: usize,
    pub instances: usize,
    /// Disk use of the state dir, when asked for with `?disk=true` (it walks the folders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk: Option<DiskUsage>,
    /// How instances are isolated on this machine (absent from older engines).
    #[serde(default)]
    pub sandbox: crate::engine::runtime::sandbox::Facts,
    /// The versions of this machine's `python3` and `node` that every Python and Node.js
    /// runtime runs on.
    #[serde(default)]
    pub interpreters: crate::engine::runtime::process::Interpreters,
}

#[derive(Debug, Default, Deserialize)]
pub struct StatusQuery {
    #[serde(default)]
    disk: bool,
}

pub async fn status(
    State(app): State<Arc<AppState>>,
    Query(query): Query<StatusQuery>,
) -> ApiResult {
    let names = app.store(|s| s.function_names()).await?;
    let instances = names.iter().map(|n| app.pool.instances(n).len()).sum();
    let disk = if query.disk {
        Some(disk_usage(&app).await)
    } else {
        None
    };
    let info = &app.info;
    ok(&EngineStatus {
        pid: info.pid,
        address: info.address.to_string(),
        url: format!("http://{}", info.address),
        started_at: info.started_at.clone(),
        uptime_seconds: info.started.elapsed().as_secs(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        functions: names.len(),
        instances,
        disk,
        sandbox: crate::engine::runtime::sandbox::facts(),
        interpreters: tokio::task::spawn_blocking(crate::engine::runtime::process::interpreters)
            .await
            .unwrap_or_default(),
    })
}

async fn disk_usage(app: &Arc<AppState>) -> DiskUsage {
    let store = app.store.clone();
    let usage = tokio::task::spawn_blocking(move || {
        let home = store.home();
        DiskUsage {
            log_bytes: std::fs::metadata(crate::engine::log_path(home)).map_or(0, |m| m.len()),
            scratch_bytes: dir_bytes(&crate::engine::state::scratch_root(home)),
            ..store.disk_usage()
        }
    });
    usage.await.unwrap_or_default()
}

/// `GET /_s/v1/code/<package>.zip`: the package GetFunctionCode points at (by digest; by
/// CRC for records from before digests).
pub async fn code_zip(State(app): State<Arc<AppState>>, Path(file): Path<String>) -> ApiResult {
    let package = file
        .strip_suffix(".zip")
        .filter(|key| is_package_key(key))
        .ok_or_else(|| not_found_error(&file))?;
    let path = app.store.code_zip(package);
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| not_found_error(&file))?;
    Ok((
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/zip"),
        )],
        bytes,
    )
        .into_response())
}

fn not_found_error(file: &str) -> ApiFailure {
    ApiFailure::new(
        ErrorCode::PathNotSupported,
        format!("code package '{file}' does not exist"),
    )
    .with_status(404)
}

/// Unknown paths: 404 with FC's error shape (the request layer fills in the message).
pub async fn not_found() -> Response {
    StatusCode::NOT_FOUND.into_response()
}
