//! The host tools a build uses: finding an interpreter and its version, and running a tool
//! in the code folder with its output passed on line by line and kept for the error.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;

use super::plan::Action;
use super::{BuildError, BuildEvent, Plan};

/// A host interpreter: its real executable and version (`3.11.7`, `20.20.2`).
#[derive(Debug, Clone)]
pub struct Interpreter {
    /// `Python` or `Node.js`, for messages.
    pub name: &'static str,
    pub path: PathBuf,
    pub version: String,
}

impl Interpreter {
    pub fn python(chosen: Option<&Path>) -> Result<Interpreter, BuildError> {
        let program = chosen.unwrap_or(Path::new("python3"));
        let script = "import sys;print(sys.executable);print('%d.%d.%d' % sys.version_info[:3])";
        probe("Python", program, &["-c", script], "--python")
    }

    pub fn node(chosen: Option<&Path>) -> Result<Interpreter, BuildError> {
        let program = chosen.unwrap_or(Path::new("node"));
        let script = "console.log(process.execPath);console.log(process.version.slice(1))";
        probe("Node.js", program, &["-e", script], "--node")
    }

    /// What the build stamp records about the interpreter.
    pub fn identity(&self) -> String {
        format!("{} {}", self.path.display(), self.version)
    }
}

/// Run `program` with a script that prints its executable path and version.
fn probe(
    name: &'static str,
    program: &Path,
    args: &[&str],
    flag: &str,
) -> Result<Interpreter, BuildError> {
    let missing = |message: String| BuildError::ToolMissing {
        program: program.display().to_string(),
        message,
    };
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| missing(format!("{e}; install {name} or pass `{flag} PATH`")))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines().map(str::trim);
    match (out.status.success(), lines.next(), lines.next()) {
        (true, Some(path), Some(version)) if !path.is_empty() => Ok(Interpreter {
            name,
            path: PathBuf::from(path),
            version: version.to_string(),
        }),
        _ => Err(missing(format!(
            "it did not run as {name}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))),
    }
}

/// Run the plan's step in `dir`, passing each output line to `on_event`.
pub fn run(
    plan: &Plan,
    dir: &Path,
    on_event: &mut dyn FnMut(BuildEvent),
) -> Result<(), BuildError> {
    let mut on_line = |line| on_event(BuildEvent::Output(line));
    match &plan.action {
        Action::Tool {
            program,
            args,
            envs,
        } => {
            let mut command = Command::new(program);
            command
                .args(args)
                .envs(envs.iter().map(|(k, v)| (k, v)))
                .current_dir(dir);
            run_streamed(&plan.shown, command, &mut on_line)
        }
        Action::Debs { packages } => {
            let target = dir.join(super::plan::APT_ARCHIVES);
            let archives = super::debs::install(packages, &target, &mut on_line)?;
            on_line(format!("unpacked {}", archives.join(" ")));
            Ok(())
        }
    }
}

/// Run `command` (shown to users as `shown`) with stdout and stderr passed to `on_line`
/// as they come; a failure carries everything it printed.
pub fn run_streamed(
    shown: &str,
    mut command: Command,
    on_line: &mut dyn FnMut(String),
) -> Result<(), BuildError> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| BuildError::ToolMissing {
            program: command.get_program().to_string_lossy().into_owned(),
            message: e.to_string(),
        })?;
    let (tx, rx) = mpsc::channel();
    let readers = [
        forward(
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
            tx.clone(),
        ),
        forward(
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
            tx,
        ),
    ];
    let mut output = String::new();
    for line in rx {
        output.push_str(&line);
        output.push('\n');
        on_line(line);
    }
    for reader in readers.into_iter().flatten() {
        let _ = reader.join();
    }
    let status = child.wait().map_err(|e| BuildError::Io {
        path: PathBuf::from(shown),
        source: e,
    })?;
    if status.success() {
        return Ok(());
    }
    Err(BuildError::ToolFailed {
        command: shown.to_string(),
        status: match status.code() {
            Some(code) => format!("exit code {code}"),
            None => "killed by a signal".into(),
        },
        code: status.code(),
        output,
    })
}

fn forward(
    stream: Option<Box<dyn Read + Send>>,
    tx: mpsc::Sender<String>,
) -> Option<std::thread::JoinHandle<()>> {
    let stream = stream?;
    Some(std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    }))
}
