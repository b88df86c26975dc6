//! Where state lives: `S_HOME` (default `~/.s`) and the engine address (`S_ENGINE`).
//! One owner for these lookups so every command and the engine agree.

use std::path::PathBuf;

/// Default port of the local engine.
pub const DEFAULT_ENGINE_PORT: u16 = 9630;

/// The state root: `$S_HOME`, else `~/.s`.
pub fn s_home() -> PathBuf {
    if let Some(dir) = std::env::var_os("S_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    home.join(".s")
}

/// The engine's state directory: `<S_HOME>/engine`.
pub fn engine_home() -> PathBuf {
    s_home().join("engine")
}

/// The engine base URL: `$S_ENGINE`, else `http://127.0.0.1:9630`. No trailing slash.
pub fn engine_url() -> String {
    match std::env::var("S_ENGINE") {
        Ok(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_string(),
        _ => format!("http://127.0.0.1:{DEFAULT_ENGINE_PORT}"),
    }
}
