//! Instance processes: Python and Node.js bootstrap shims speaking the FC Runtime API,
//! custom runtimes on their own port, the bubblewrap sandbox, memory measurement and limits.
//! The pool decides which instance serves a request; this module runs one.

pub mod api;
pub mod custom;
mod instance;
pub mod logs;
pub mod memory;
mod mounts;
pub mod process;
pub mod sweep;

pub use instance::{Call, CallKind, CallOutcome, Death, Instance};
pub use process::{sandbox_available, StartError};
