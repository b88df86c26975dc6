//! Integration tests: `sdk`.
