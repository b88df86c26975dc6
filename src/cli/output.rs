//! Terminal conventions: errors with hints on stderr, data on stdout, color only on a TTY
//! without `NO_COLOR`, and typed helpers so commands never hand-roll these rules.

use std::fmt;
use std::io::IsTerminal;
use std::process::ExitCode;

use colored::Colorize;

/// An error with a fix the user can apply. Rendered as the message, a blank line, `hint: ...`.
#[derive(Debug)]
pub struct Hinted {
    pub message: String,
    pub hint: String,
}

impl Hinted {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Hinted {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for Hinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Hinted {}

/// A failure that was already reported to the user (e.g. a function error printed by
/// `s invoke`): exit with `code` without printing anything more.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "failed with exit code {}", self.code)
    }
}

impl std::error::Error for Failure {}

/// Colors follow the terminal: off when stderr is not a TTY or `NO_COLOR` is set.
pub fn init_color() {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if no_color || !std::io::stderr().is_terminal() {
        colored::control::set_override(false);
    }
}

/// True when prompts and progress bars may be shown.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Print `error: ...`, its causes, and any hint; return the exit code for it.
pub fn report_error(err: &anyhow::Error) -> ExitCode {
    if let Some(failure) = err.downcast_ref::<Failure>() {
        return ExitCode::from(failure.code);
    }
    if is_broken_pipe(err) {
        return ExitCode::SUCCESS;
    }
    eprintln!("{} {}", "error:".red().bold(), err);
    let hint = err.chain().find_map(hint_for);
    for cause in err.chain().skip(1) {
        eprintln!("  {} {}", "caused by:".dimmed(), cause);
    }
    if let Some(hint) = hint {
        eprintln!("\n{} {}", "hint:".cyan().bold(), hint);
    }
    ExitCode::FAILURE
}

/// The fix to suggest for an error, from a `Hinted` or a known API failure.
fn hint_for(cause: &(dyn std::error::Error + 'static)) -> Option<String> {
    use crate::client::ClientError;
    use crate::fc::ErrorCode;
    if let Some(h) = cause.downcast_ref::<Hinted>() {
        return Some(h.hint.clone());
    }
    match cause.downcast_ref::<ClientError>()? {
        ClientError::Transport { .. } => {
            Some("check the target: `s engine status` for the local engine".into())
        }
        ClientError::Api(e) if e.is(ErrorCode::FunctionNotFound) => {
            Some("run `s deploy` first".into())
        }
        ClientError::Api(e) if e.is(ErrorCode::VersionNotFound) => {
            Some("`s version list` shows the published versions".into())
        }
        ClientError::Api(e) if e.is(ErrorCode::AliasNotFound) => {
            Some("`s alias list` shows the aliases; `s alias publish` creates one".into())
        }
        ClientError::Api(e) if e.is(ErrorCode::SignatureNotMatch) => {
            Some("check the access key and secret of the alias (`s config get`)".into())
        }
        ClientError::Api(e) if e.is(ErrorCode::InvalidAccessKeyId) => Some(
            "the target does not know this access key; check the alias (`s config get`)".into(),
        ),
        ClientError::Api(e)
            if e.is(ErrorCode::MissingRequiredHeader) && e.message.contains("Authorization") =>
        {
            Some("the target requires signed requests; pass `-a ALIAS` (see `s config add`)".into())
        }
        ClientError::Api(e) if e.is(ErrorCode::AsyncTaskAlreadyExists) => Some(
            "an async task id is used once per function; pass a new `--async-task-id`, or leave it out to get a fresh one (`s task list` shows the ids taken)"
                .into(),
        ),
        ClientError::Api(e) if e.is(ErrorCode::ResourceExhausted) => Some(
            "the function is at its concurrency limit; retry, or raise `reservedConcurrency`"
                .into(),
        ),
        _ => None,
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A one-line progress or status message for humans (stderr).
pub fn status(verb: &str, message: impl fmt::Display) {
    eprintln!("{} {}", format!("{verb:>12}").green().bold(), message);
}

/// A warning for humans (stderr).
pub fn warn(message: impl fmt::Display) {
    eprintln!("{} {}", "warning:".yellow().bold(), message);
}

/// `--debug`: library `tracing` events (HTTP exchanges and the like) to stderr.
pub fn init_debug_log() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::new("s=debug"))
        .with_target(false)
        .without_time()
        .try_init();
}
