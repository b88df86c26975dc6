//! Instance processes: Python and Node.js bootstrap shims on a private channel, custom
//! runtimes on FC's port behind the sandbox's relay, the bubblewrap sandbox (namespaces,
//! seccomp, network), cgroups, memory measurement and limits. The pool decides which
//! instance serves a request; this module runs one.

pub mod cgroup;
pub mod channel;
pub mod custom;
mod instance;
mod lang;
pub mod logs;
pub mod memory;
mod mounts;
pub mod network;
pub mod process;
pub mod relay;
pub mod sandbox;
mod seccomp;
pub mod sweep;

pub use instance::{Call, CallKind, CallOutcome, Death, Instance, START_TIMEOUT};
pub use process::{sandbox_available, StartError};
