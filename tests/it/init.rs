//! Integration tests: `init`.
