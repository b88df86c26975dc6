//! Integration tests: `package`.
