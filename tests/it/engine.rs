//! Integration tests: `engine`.
