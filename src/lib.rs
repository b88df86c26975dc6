//! `s`: the serverless developer tool and the local Function Compute engine in one crate.
//!
//! Dependency direction: `cli` uses everything; `engine` uses `fc`, `package` and
//! `manifest` types only, and `official_layers` (which builds with `build`'s tools and asks
//! the sandbox what instances see);
//! `client` uses `fc`; `manifest`, `package` and `fc` use none of `cli`, `engine` or
//! `client`. Nothing below `cli` prints to the terminal.

pub mod build;
pub mod cli;
pub mod client;
pub mod credentials;
pub mod engine;
pub mod fc;
pub mod manifest;
pub mod official_layers;
pub mod package;
pub mod paths;
pub mod private_fs;
pub mod templates;
