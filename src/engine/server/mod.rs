//! The FC 3.0 HTTP API (axum) and the engine's own extras under `/_s/v1/`.
