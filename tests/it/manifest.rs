//! Integration tests: `manifest`.
