//! Integration tests: `completions`.
