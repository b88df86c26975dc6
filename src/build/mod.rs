//! `s build`: install a function's dependencies into its code folder with the host's own
//! tools, where FC's runtimes look for them: Python `requirements.txt` → `pip install -t
//! <code>/python` (FC's Python runtime has `/code/python` first on `PYTHONPATH`), Node.js
//! `package.json` → `npm ci`/`npm install --omit=dev` into `<code>/node_modules`, and an
//! explicit build command for any runtime. Custom runtimes get all of these that apply, and
//! `apt-get.list` (any runtime) → the Debian packages unpacked into `<code>/apt-archives`
//! (see `debs`), whose `usr/bin` and library dirs the engine puts on `PATH` and
//! `LD_LIBRARY_PATH`. Work is skipped when the inputs (dependency
//! files, interpreter and version) did not change. Never prints: progress and tool output
//! go to the caller's callback.

pub mod debs;
mod plan;
mod tool;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use plan::{plans, Action, Plan, APT_ARCHIVES, APT_LIST};
pub use tool::{run_streamed, Interpreter};

/// What to build and with which tools.
#[derive(Debug, Clone)]
pub struct BuildSpec {
    pub code_dir: PathBuf,
    pub runtime: String,
    /// A shell command to run in the code folder instead of the runtime's installer.
    pub command: Option<String>,
    /// `--python`: the interpreter pip runs under (default `python3`).
    pub python: Option<PathBuf>,
    /// `--node`: the Node.js executable whose `npm` installs (default `node`).
    pub node: Option<PathBuf>,
    /// Build even when nothing changed.
    pub force: bool,
    /// Shared caches and build stamps (`<S_HOME>`).
    pub state_dir: PathBuf,
    /// Where Python packages go, below the code folder: `python` (FC's default), or the
    /// folder the function's own `PYTHONPATH` names first under `/code`.
    pub python_dir: String,
}

/// FC puts `/code/python` on `PYTHONPATH`; a function that sets its own `PYTHONPATH`
/// replaces that, so its packages belong in the first folder below `/code` it names
/// (`PYTHONPATH: /code/3rd-packages` in public custom-runtime projects).
pub fn python_dir_for(pythonpath: Option<&str>) -> String {
    pythonpath
        .unwrap_or_default()
        .split(':')
        .filter_map(|entry| entry.trim().strip_prefix("/code/"))
        .map(|rest| rest.trim_end_matches('/'))
        .find(|rest| {
            !rest.is_empty()
                && std::path::Path::new(rest)
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
        })
        .unwrap_or("python")
        .to_string()
}

/// What a build reports while it runs.
#[derive(Debug, Clone)]
pub enum BuildEvent {
    /// A step begins, e.g. `pip install -r requirements.txt`.
    Step(String),
    /// One line the tool printed.
    Output(String),
    /// Something the user should know, e.g. a version mismatch.
    Warning(String),
}

/// How a build ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildOutcome {
    /// The tool ran; `what` names it.
    Built { what: String },
    /// The stamp matched: nothing ran.
    UpToDate { what: String },
    /// Nothing to install (no dependency file, no command).
    NothingToDo { reason: String },
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("`{program}` was not found: {message}")]
    ToolMissing { program: String, message: String },
    /// The tool ran and failed; `output` is everything it printed.
    #[error("`{command}` failed ({status})")]
    ToolFailed {
        command: String,
        status: String,
        /// The exit code; `None` when a signal ended it.
        code: Option<i32>,
        output: String,
    },
    /// An input is not acceptable (a package name, a list too long ...).
    #[error("{0}")]
    Invalid(String),
    #[error("cannot access `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl BuildError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        BuildError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Build one function's dependencies.
pub fn build(
    spec: &BuildSpec,
    on_event: &mut dyn FnMut(BuildEvent),
) -> Result<BuildOutcome, BuildError> {
    let plans = plans(spec)?;
    if plans.is_empty() {
        return Ok(BuildOutcome::NothingToDo {
            reason: plan::nothing_reason(spec),
        });
    }
    let what = plans
        .iter()
        .map(|p| p.what.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let stamp = stamp_path(&spec.state_dir, &spec.code_dir);
    let mut fingerprints = Vec::new();
    for plan in &plans {
        fingerprints.push(fingerprint(plan)?);
    }
    let fingerprint = fingerprints.join("+");
    let current = std::fs::read_to_string(&stamp).ok();
    let outputs_present = plans
        .iter()
        .all(|p| p.output.as_ref().is_none_or(|o| o.exists()));
    if !spec.force && outputs_present && current.as_deref() == Some(fingerprint.as_str()) {
        return Ok(BuildOutcome::UpToDate { what });
    }
    // A failed build must not leave a stamp that says it succeeded.
    let _ = std::fs::remove_file(&stamp);
    // pip and npm create their cache folders with the user's umask; a private parent
    // keeps them to the user.
    let cache = spec.state_dir.join("cache");
    crate::private_fs::create_dir_all(&cache).map_err(|e| BuildError::io(&cache, e))?;
    for plan in &plans {
        if let Some(warning) = &plan.warning {
            on_event(BuildEvent::Warning(warning.clone()));
        }
        on_event(BuildEvent::Step(plan.shown.clone()));
        tool::run(plan, &spec.code_dir, on_event)?;
    }
    crate::private_fs::write(&stamp, fingerprint.as_bytes())
        .map_err(|e| BuildError::io(&stamp, e))?;
    Ok(BuildOutcome::Built { what })
}

/// Stamps live under the state dir, keyed by the code folder, so nothing extra lands in
/// the code that deploy packages.
fn stamp_path(state_dir: &Path, code_dir: &Path) -> PathBuf {
    let canonical = code_dir
        .canonicalize()
        .unwrap_or_else(|_| code_dir.to_path_buf());
    let key = hex::encode(Sha256::digest(canonical.as_os_str().as_encoded_bytes()));
    state_dir
        .join("build")
        .join(format!("{}.stamp", &key[..32]))
}

/// The inputs that decide whether a build is needed: the command line, the interpreter's
/// identity and version, and the dependency files' contents.
fn fingerprint(plan: &Plan) -> Result<String, BuildError> {
    let mut hash = Sha256::new();
    hash.update(plan.shown.as_bytes());
    hash.update([0]);
    hash.update(plan.tool_identity.as_bytes());
    for input in &plan.inputs {
        hash.update([0]);
        hash.update(input.as_os_str().as_encoded_bytes());
        match std::fs::read(input) {
            Ok(bytes) => hash.update(&bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => hash.update(b"<absent>"),
            Err(e) => return Err(BuildError::io(input, e)),
        }
    }
    Ok(hex::encode(hash.finalize()))
}
