//! How an instance process is started: the interpreter (resolved once to its real
//! executable, since version-manager shims such as pyenv cost ~60 ms per spawn), the
//! embedded shim, the environment FC sets (§9), and the bubblewrap sandbox when it works.
//!
//! The sandbox is on when `bwrap` runs here and `S_SANDBOX` is not `off`. Inside it the code
//! is read-only at `/code`, the scratch dir is `/tmp`, `/opt` is the function's merged layers
//! (an empty folder without layers), and the rest of the host is read-only; the network is
//! shared so loopback works. Without it the process runs plainly with cwd = the code dir,
//! `TMPDIR` = the scratch dir, and the layer paths pointing into the merged layer folder.
//! OSS mounts (`ossMountConfig`) are local bucket folders: see `mounts`.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;

use super::mounts::{self, OssMount};
use crate::engine::pool::FunctionSpec;
use crate::fc::{self, ErrorCode, RuntimeFamily};

/// Why an instance could not be started.
#[derive(Debug, Clone)]
pub struct StartError {
    pub code: ErrorCode,
    pub message: String,
}

impl StartError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        StartError {
            code,
            message: message.into(),
        }
    }
}

pub const PYTHON_SHIM: &str = include_str!("shim.py");
pub const NODE_SHIM: &str = include_str!("shim.js");

/// Everything needed to build one instance's command line.
pub struct Launch<'a> {
    pub spec: &'a FunctionSpec,
    pub instance_id: &'a str,
    pub scratch: &'a Path,
    /// `FC_RUNTIME_API` for built-in runtimes.
    pub runtime_api: Option<std::net::SocketAddr>,
    /// The port a custom runtime must listen on.
    pub custom_port: Option<u16>,
    pub sandbox: bool,
}

/// True when instances run inside bubblewrap (probed once).
pub fn sandbox_available() -> bool {
    static PROBE: OnceLock<bool> = OnceLock::new();
    *PROBE.get_or_init(|| {
        if std::env::var("S_SANDBOX").is_ok_and(|v| v.eq_ignore_ascii_case("off")) {
            return false;
        }
        std::process::Command::new("bwrap")
            .args(["--ro-bind", "/", "/", "--dev", "/dev", "--unshare-pid"])
            .args(["--proc", "/proc"])
            .args([
                "--tmpfs",
                "/tmp",
                "--dir",
                "/tmp/code",
                "--die-with-parent",
                "true",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// The real executable behind `python3` / `node`, resolved once.
fn interpreter(family: RuntimeFamily) -> Result<&'static Path, StartError> {
    static PYTHON: OnceLock<Option<PathBuf>> = OnceLock::new();
    static NODE: OnceLock<Option<PathBuf>> = OnceLock::new();
    let (cell, program, args): (_, _, &[&str]) = match family {
        RuntimeFamily::Python => (
            &PYTHON,
            "python3",
            &["-c", "import sys;print(sys.executable)"],
        ),
        _ => (&NODE, "node", &["-e", "console.log(process.execPath)"]),
    };
    cell.get_or_init(|| {
        let out = std::process::Command::new(program)
            .args(args)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (out.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
    })
    .as_deref()
    .ok_or_else(|| {
        StartError::new(
            ErrorCode::CaExited,
            format!("`{program}` was not found on this machine; install it to run this runtime"),
        )
    })
}

/// The code dir as the process sees it.
fn code_path(launch: &Launch) -> PathBuf {
    if launch.sandbox {
        PathBuf::from("/code")
    } else {
        launch.spec.code_dir.clone()
    }
}

/// Where the process finds its layers: `/opt` in the sandbox, else the merged layer folder
/// on the host (`/opt` when there are no layers, so paths keep FC's shape).
fn opt_path(launch: &Launch) -> PathBuf {
    match &launch.spec.layer_root {
        Some(root) if !launch.sandbox => root.clone(),
        _ => PathBuf::from("/opt"),
    }
}

/// The program and arguments, before sandboxing.
fn program(launch: &Launch) -> Result<Vec<String>, StartError> {
    let function = &launch.spec.function;
    match fc::runtime_family(&function.runtime) {
        RuntimeFamily::Python => Ok(vec![
            interpreter(RuntimeFamily::Python)?.display().to_string(),
            "-c".into(),
            PYTHON_SHIM.into(),
        ]),
        RuntimeFamily::NodeJs => Ok(vec![
            interpreter(RuntimeFamily::NodeJs)?.display().to_string(),
            "-e".into(),
            NODE_SHIM.into(),
        ]),
        RuntimeFamily::Custom => custom_command(launch),
        RuntimeFamily::Unsupported => Err(StartError::new(
            ErrorCode::InvalidArgument,
            format!(
                "runtime `{}` cannot run in the local engine; supported: {}",
                function.runtime,
                fc::LOCAL_RUNTIMES.join(", ")
            ),
        )),
    }
}

/// `customRuntimeConfig.command + args` (default `/code/bootstrap`), checked like FC does:
/// a missing start file is `CAFileNotFound`, a non-executable one `CAFilePermission`.
/// Several instances share the host network, so each gets its own port: it is passed as
/// `FC_CUSTOM_LISTEN_PORT`, and an argument naming the configured port is rewritten to it.
fn custom_command(launch: &Launch) -> Result<Vec<String>, StartError> {
    let config = launch
        .spec
        .function
        .custom_runtime_config
        .clone()
        .unwrap_or_default();
    let mut argv = if config.command.is_empty() {
        vec!["/code/bootstrap".to_string()]
    } else {
        config.command.clone()
    };
    argv.extend(config.args.iter().cloned());
    let configured = config.port.unwrap_or(fc::DEFAULT_CUSTOM_PORT).to_string();
    if let Some(port) = launch.custom_port {
        for arg in argv.iter_mut().skip(1) {
            *arg = rewrite_port(arg, &configured, &port.to_string());
        }
    }
    let host_file = host_path(&argv[0], &launch.spec.code_dir);
    check_start_file(&argv[0], host_file.as_deref())?;
    if !launch.sandbox {
        if let Some(path) = host_file {
            argv[0] = path.display().to_string();
        }
        let code = launch.spec.code_dir.display().to_string();
        for arg in argv.iter_mut().skip(1) {
            if let Some(rest) = arg.strip_prefix("/code/") {
                *arg = format!("{code}/{rest}");
            }
        }
    }
    Ok(argv)
}

/// `9000` → `9123`, `--port=9000` → `--port=9123`, `0.0.0.0:9000` → `0.0.0.0:9123`.
fn rewrite_port(arg: &str, configured: &str, actual: &str) -> String {
    if arg == configured {
        return actual.to_string();
    }
    for sep in ['=', ':'] {
        if let Some(head) = arg.strip_suffix(configured) {
            if head.ends_with(sep) {
                return format!("{head}{actual}");
            }
        }
    }
    arg.to_string()
}

/// Where a start command lives on the host: `/code/...` maps into the code dir, a relative
/// path is relative to it, a bare name is looked up on `PATH`.
fn host_path(command: &str, code_dir: &Path) -> Option<PathBuf> {
    if let Some(rest) = command.strip_prefix("/code/") {
        return Some(code_dir.join(rest));
    }
    if command.starts_with('/') {
        return Some(PathBuf::from(command));
    }
    if command.contains('/') {
        return Some(code_dir.join(command));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(command))
            .find(|p| p.is_file())
    })
}

fn check_start_file(command: &str, host: Option<&Path>) -> Result<(), StartError> {
    let Some(path) = host.filter(|p| p.is_file()) else {
        return Err(StartError::new(
            ErrorCode::CaFileNotFound,
            format!("the start file `{command}` of the custom runtime was not found; add an executable `bootstrap` to the code or set `customRuntimeConfig.command`"),
        ));
    };
    let mode = path.metadata().map(|m| m.permissions().mode()).unwrap_or(0);
    if mode & 0o111 == 0 {
        return Err(StartError::new(
            ErrorCode::CaFilePermission,
            format!("the start file `{command}` is not executable; run `chmod +x` on it"),
        ));
    }
    Ok(())
}

/// FC's environment (§9) plus the function's own variables (without the sandbox, values
/// naming an OSS mount dir point at its host folder).
fn environment(launch: &Launch, oss: &[OssMount]) -> Vec<(String, String)> {
    let spec = launch.spec;
    let f = &spec.function;
    let code = code_path(launch);
    let tmp = if launch.sandbox {
        PathBuf::from("/tmp")
    } else {
        launch.scratch.to_path_buf()
    };
    let opt = opt_path(launch).display().to_string();
    let mut env: Vec<(String, String)> = ["LANG", "LC_ALL", "TZ"]
        .iter()
        .filter_map(|k| std::env::var(k).ok().map(|v| (k.to_string(), v)))
        .collect();
    // Layer executables come after the host's, as FC appends `/opt/bin`.
    let host_path = std::env::var("PATH").unwrap_or_default();
    env.push(("PATH".into(), format!("{host_path}:{opt}/bin")));
    let code_s = code.display().to_string();
    let mut set = |k: &str, v: String| env.push((k.to_string(), v));
    set("HOME", tmp.display().to_string());
    set("TMPDIR", tmp.display().to_string());
    set("FC_FUNC_CODE_PATH", format!("{code_s}/"));
    set("FC_FUNCTION_NAME", f.function_name.clone());
    set("FC_FUNCTION_HANDLER", f.handler.clone());
    set("FC_FUNCTION_MEMORY_SIZE", f.memory_mb().to_string());
    set("FC_TIMEOUT", f.timeout_s().to_string());
    set("FC_RUNTIME", f.runtime.clone());
    set("FC_REGION", spec.region.clone());
    set("FC_ACCOUNT_ID", spec.account_id.clone());
    set("FC_INSTANCE_ID", launch.instance_id.to_string());
    let qualifier = spec.qualifier().to_string();
    set("FC_FUNCTION_VERSION", qualifier.clone());
    set("FC_VER_ID", qualifier.clone());
    set("FC_QUALIFIER", qualifier);
    set(
        "FC_INSTANCE_CONCURRENCY",
        f.concurrency_per_instance().to_string(),
    );
    set("PYTHONUNBUFFERED", "1".into());
    // The code dir is FC's read-only `/code`: never write `__pycache__` into the user's
    // folder (a same-size edit within one second would otherwise run stale bytecode).
    set("PYTHONDONTWRITEBYTECODE", "1".into());
    // FC's Python runtime searches `/code/python` (where `s build` installs dependencies),
    // then `/code`, then the layers' `/opt/python`.
    set(
        "PYTHONPATH",
        format!("{code_s}/python:{code_s}:{opt}/python"),
    );
    set(
        "NODE_PATH",
        format!("{opt}/nodejs/node_modules:{opt}/nodejs/node20/node_modules"),
    );
    if let Some(addr) = launch.runtime_api {
        set("FC_RUNTIME_API", addr.to_string());
    }
    if let Some(port) = launch.custom_port {
        set("FC_CUSTOM_LISTEN_PORT", port.to_string());
    }
    if let Some(hooks) = &f.instance_lifecycle_config {
        if let Some(h) = hooks.initializer.as_ref().and_then(|h| h.handler.clone()) {
            set("FC_INITIALIZER_HANDLER", h);
        }
        if let Some(h) = hooks.pre_stop.as_ref().and_then(|h| h.handler.clone()) {
            set("FC_PRESTOP_HANDLER", h);
        }
    }
    for (k, v) in &f.environment_variables {
        let mapped = (!launch.sandbox)
            .then(|| mounts::map_env_value(v, oss))
            .flatten();
        set(k, mapped.unwrap_or_else(|| v.clone()));
    }
    env
}

/// The bubblewrap arguments that build FC's filesystem view. `/code` and `/opt` do not exist
/// on the host, so the root is bubblewrap's own tmpfs with each host top-level entry bound
/// read-only into it (symlinks such as `/bin -> usr/bin` recreated as symlinks).
fn sandbox_args(launch: &Launch, layer_root: &Path, oss: &[OssMount]) -> Vec<String> {
    let s = |p: &Path| p.display().to_string();
    // A pid namespace: the instance sees only its own processes (not other instances'
    // `/proc/<pid>/root` or environment), and when the engine kills the group, the
    // namespace's init dies and the kernel kills everything left in it, `setsid` or not.
    let mut args: Vec<String> = vec!["--die-with-parent".into(), "--unshare-pid".into()];
    // A host folder such as `/mnt` is read-only inside, so `/mnt/oss` could not be created
    // in it: the top-level folder of a mount dir is a fresh one instead.
    let shadowed = mounts::top_level_names(oss);
    for (name, link) in host_root_entries() {
        if shadowed.contains(name) {
            continue;
        }
        let target = format!("/{name}");
        match link {
            Some(to) => args.extend(["--symlink".into(), to.clone(), target]),
            None => args.extend(["--ro-bind".into(), target.clone(), target]),
        }
    }
    // The engine's state (other functions' code, the database, credentials) is hidden
    // behind an empty tmpfs; the binds below still read their sources from the host.
    for dir in hidden_dirs(launch.scratch) {
        args.extend(["--tmpfs".into(), s(&dir)]);
    }
    for a in ["--dev", "/dev", "--proc", "/proc", "--bind"] {
        args.push(a.into());
    }
    args.push(s(launch.scratch));
    args.push("/tmp".into());
    args.extend(["--ro-bind".into(), s(&launch.spec.code_dir), "/code".into()]);
    args.extend(["--ro-bind".into(), s(layer_root), "/opt".into()]);
    for m in oss {
        let bind = if m.read_only { "--ro-bind" } else { "--bind" };
        args.extend([bind.into(), s(&m.host), m.mount_dir.clone()]);
    }
    args.extend(["--chdir".into(), "/code".into(), "--".into()]);
    args
}

/// Host folders an instance must not see: the engine's state dir (the parent of the
/// scratch root) and `S_HOME`. Paths under `/tmp`, `/dev` or `/proc` are replaced anyway.
fn hidden_dirs(scratch: &Path) -> Vec<PathBuf> {
    let engine_home = scratch
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf);
    let mut dirs: Vec<PathBuf> = engine_home
        .into_iter()
        .chain(Some(crate::paths::s_home()))
        .filter_map(|d| d.canonicalize().ok())
        .filter(|d| {
            d.components().count() > 1
                && !["/tmp", "/dev", "/proc"].iter().any(|p| d.starts_with(p))
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    // A folder inside another hidden one is already hidden (and no longer exists there).
    let outer = dirs.clone();
    dirs.retain(|d| !outer.iter().any(|o| o != d && d.starts_with(o)));
    dirs
}

/// Top-level host entries to show inside the sandbox: `(name, symlink target)`.
fn host_root_entries() -> &'static [(String, Option<String>)] {
    static ENTRIES: OnceLock<Vec<(String, Option<String>)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let Ok(dir) = std::fs::read_dir("/") else {
            return Vec::new();
        };
        let mut entries: Vec<_> = dir
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                if ["dev", "proc", "tmp", "code", "opt"].contains(&name.as_str()) {
                    return None;
                }
                let link = std::fs::read_link(e.path()).ok().map(|t| s_path(&t));
                Some((name, link))
            })
            .collect();
        entries.sort();
        entries
    })
}

fn s_path(p: &Path) -> String {
    p.display().to_string()
}

/// The function's OSS mounts, their bucket folders created (an empty bucket locally).
fn oss_mounts(launch: &Launch) -> Result<Vec<OssMount>, StartError> {
    let buckets = crate::paths::s_home().join("buckets");
    let oss = mounts::oss_mounts(&launch.spec.function, &buckets)?;
    for m in &oss {
        std::fs::create_dir_all(&m.host).map_err(|e| {
            StartError::new(
                ErrorCode::InternalServerError,
                format!("cannot create `{}`: {e}", m.host.display()),
            )
        })?;
    }
    Ok(oss)
}

/// The command for one instance: its own process group, piped output, clean environment.
pub fn command(launch: &Launch) -> Result<tokio::process::Command, StartError> {
    let argv = program(launch)?;
    let oss = oss_mounts(launch)?;
    let mut cmd = if launch.sandbox {
        let layers = match &launch.spec.layer_root {
            Some(root) => root.clone(),
            None => launch.scratch.with_extension("opt"),
        };
        std::fs::create_dir_all(&layers).map_err(|e| {
            StartError::new(
                ErrorCode::InternalServerError,
                format!("cannot create `{}`: {e}", layers.display()),
            )
        })?;
        let mut cmd = tokio::process::Command::new("bwrap");
        cmd.args(sandbox_args(launch, &layers, &oss)).args(&argv);
        cmd
    } else {
        let mut cmd = tokio::process::Command::new(&argv[0]);
        cmd.args(&argv[1..]).current_dir(&launch.spec.code_dir);
        cmd
    };
    cmd.env_clear()
        .envs(environment(launch, &oss))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    Ok(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_port_is_rewritten_in_arguments() {
        assert_eq!(rewrite_port("9000", "9000", "9123"), "9123");
        assert_eq!(rewrite_port("--port=9000", "9000", "9123"), "--port=9123");
        assert_eq!(rewrite_port("0.0.0.0:9000", "9000", "9123"), "0.0.0.0:9123");
        assert_eq!(rewrite_port("19000", "9000", "9123"), "19000");
        assert_eq!(rewrite_port("app.py", "9000", "9123"), "app.py");
    }

    #[test]
    fn start_file_under_code_maps_into_the_code_dir() {
        let code = Path::new("/srv/fn");
        assert_eq!(
            host_path("/code/bootstrap", code),
            Some(PathBuf::from("/srv/fn/bootstrap"))
        );
        assert_eq!(
            host_path("./run.sh", code),
            Some(PathBuf::from("/srv/fn/./run.sh"))
        );
    }
}
