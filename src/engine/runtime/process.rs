//! How an instance process is started: the interpreter (resolved once to its real
//! executable, since version-manager shims such as pyenv cost ~60 ms per spawn), the
//! embedded shim, the environment FC sets (§9), and the sandbox when it works.
//!
//! Sandboxed, the program runs under bubblewrap as `sandbox` describes, with the function's
//! variables set inside only; a custom runtime's command runs under this binary as its init
//! (`relay`), which is how the engine reaches FC's port in the instance's own network.
//! Without the sandbox the process runs plainly with cwd = the code dir, `TMPDIR` = a
//! private dir, the layer paths pointing into the merged layer folder, and a custom server
//! on a free host port. OSS mounts (`ossMountConfig`) are local bucket folders: see `mounts`.

use std::os::fd::OwnedFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;

use command_fds::{CommandFdExt, FdMapping};

use super::mounts::{self, OssMount};
use super::sandbox::{self, Fds};
use super::{lang, relay, seccomp};
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

    fn internal(what: &str, e: impl std::fmt::Display) -> Self {
        StartError::new(ErrorCode::InternalServerError, format!("{what}: {e}"))
    }
}

pub const PYTHON_SHIM: &str = include_str!("shim.py");
pub const NODE_SHIM: &str = include_str!("shim.js");

/// FC's `/tmp` without `diskSize`: 512 MB.
const DEFAULT_DISK_MB: u32 = 512;

/// The function's `/tmp` size in MB (`diskSize`, FC's 512 MB by default).
pub fn tmp_mb(spec: &FunctionSpec) -> u32 {
    spec.function.disk_size.unwrap_or(DEFAULT_DISK_MB).max(1)
}

/// Everything needed to build one instance's command line.
pub struct Launch<'a> {
    pub spec: &'a FunctionSpec,
    pub instance_id: &'a str,
    /// The engine's own dir for this instance: never shown to it in the sandbox.
    pub dir: &'a Path,
    /// The private channel's far end (built-in runtimes) or the relay's listener (custom
    /// runtimes in the sandbox), handed over as descriptor 3.
    pub channel: Option<OwnedFd>,
    /// The port the custom runtime's server listens on (FC's in the sandbox, a free host
    /// port without it), and the relay's secret.
    pub custom_port: Option<u16>,
    pub relay_secret: Option<String>,
    pub sandbox: bool,
    /// Attach outbound network (`internetAccess` and `pasta` available).
    pub network: bool,
}

/// A command ready to spawn, and the engine's ends of the sandbox's set-up pipes.
pub struct Prepared {
    pub command: tokio::process::Command,
    /// Where bubblewrap reports the sandbox's pid.
    pub info: Option<OwnedFd>,
    /// Written once the network is ready, to let a held program start.
    pub release: Option<OwnedFd>,
}

/// True when instances run inside the sandbox.
pub fn sandbox_available() -> bool {
    sandbox::available()
}

/// The `/tmp` of an unsandboxed instance.
pub fn plain_tmp(dir: &Path) -> PathBuf {
    dir.join("tmp")
}

/// An interpreter the engine found: its real executable and the installation dirs the
/// sandbox must show for it to run (when they are outside the system dirs, as with pyenv).
struct Interpreter {
    exe: PathBuf,
    version: String,
    prefixes: Vec<PathBuf>,
}

/// The real `python3` / `node` behind the host's `PATH`, resolved once.
fn interpreter(family: RuntimeFamily) -> Result<&'static Interpreter, StartError> {
    static PYTHON: OnceLock<Option<Interpreter>> = OnceLock::new();
    static NODE: OnceLock<Option<Interpreter>> = OnceLock::new();
    let (cell, program, args): (_, _, &[&str]) = match family {
        RuntimeFamily::Python => (
            &PYTHON,
            "python3",
            &[
                "-c",
                "import sys;print('%d.%d.%d'%sys.version_info[:3]);print(sys.executable);print(sys.prefix);print(sys.base_prefix)",
            ],
        ),
        _ => (
            &NODE,
            "node",
            &[
                "-e",
                "const p=require('path');console.log(process.versions.node);console.log(process.execPath);console.log(p.dirname(p.dirname(process.execPath)))",
            ],
        ),
    };
    cell.get_or_init(|| {
        let out = std::process::Command::new(program)
            .args(args)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let version = lines.next()?.to_string();
        let exe = PathBuf::from(lines.next()?);
        let mut prefixes: Vec<PathBuf> = lines
            .map(PathBuf::from)
            .filter_map(|p| p.canonicalize().ok())
            .filter(|p| !sandbox::shown_by_system_dirs(p))
            .collect();
        prefixes.sort();
        prefixes.dedup();
        (out.status.success()).then_some(Interpreter {
            exe,
            version,
            prefixes,
        })
    })
    .as_ref()
    .ok_or_else(|| {
        StartError::new(
            ErrorCode::CaExited,
            format!("`{program}` was not found on this machine; install it to run this runtime"),
        )
    })
}

/// The host interpreters instances run on, for the engine's status: what `python3.10` or
/// `nodejs10` really is here.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Interpreters {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
}

pub fn interpreters() -> Interpreters {
    let version = |family| interpreter(family).ok().map(|i| i.version.clone());
    Interpreters {
        python: version(RuntimeFamily::Python),
        node: version(RuntimeFamily::NodeJs),
    }
}

/// The interpreters an instance sees: its runtime's own, or for a custom runtime every one
/// its command may call by name (`python3 app.py`).
fn visible_interpreters(launch: &Launch) -> Vec<&'static Interpreter> {
    let families = match fc::runtime_family(&launch.spec.function.runtime) {
        RuntimeFamily::Custom => vec![RuntimeFamily::Python, RuntimeFamily::NodeJs],
        family => vec![family],
    };
    families
        .into_iter()
        .filter_map(|f| interpreter(f).ok())
        .collect()
}

/// FC's language dirs (`/var/fc/lang/nodejs20/bin/node`, ...) in custom runtimes, as links
/// to the interpreters this machine has.
fn lang_links(launch: &Launch) -> Vec<lang::LangLink> {
    if fc::runtime_family(&launch.spec.function.runtime) != RuntimeFamily::Custom {
        return Vec::new();
    }
    let mut links = Vec::new();
    if let Ok(python) = interpreter(RuntimeFamily::Python) {
        links.extend(lang::python_links(&python.exe));
    }
    if let Ok(node) = interpreter(RuntimeFamily::NodeJs) {
        links.extend(lang::node_links(&node.exe));
    }
    links
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

/// The function's `PATH`, as FC builds it: the system dirs, then the code's and the
/// layers' `bin` dirs (where `s build` puts `gunicorn` and friends). In the sandbox the
/// interpreters the engine found come first, as FC's own language dirs do.
fn function_path(launch: &Launch) -> String {
    let code = code_path(launch).display().to_string();
    let opt = opt_path(launch).display().to_string();
    let mut dirs: Vec<String> = Vec::new();
    if launch.sandbox {
        for i in visible_interpreters(launch) {
            if let Some(bin) = i.exe.parent() {
                dirs.push(bin.display().to_string());
            }
        }
        dirs.extend(apt_archives(launch, APT_BIN_DIRS));
        dirs.extend(
            [
                "/usr/local/bin",
                "/usr/local/sbin",
                "/usr/bin",
                "/usr/sbin",
                "/bin",
                "/sbin",
            ]
            .map(String::from),
        );
    } else {
        dirs.extend(apt_archives(launch, APT_BIN_DIRS));
        dirs.push(std::env::var("PATH").unwrap_or_default());
    }
    for sub in ["", "/bin", "/python/bin", "/node_modules/.bin"] {
        dirs.push(format!("{code}{sub}"));
    }
    dirs.push(opt.clone());
    dirs.push(format!("{opt}/bin"));
    dirs.join(":")
}

/// Where Debian packages unpacked by `s build` (`apt-get.list` → `<code>/apt-archives`)
/// keep programs and libraries: the dirs FC's build tooling tells functions to add.
const APT_BIN_DIRS: &[&str] = &[
    "usr/local/bin",
    "usr/local/sbin",
    "usr/bin",
    "usr/sbin",
    "sbin",
    "bin",
];
const APT_LIB_DIRS: &[&str] = &[
    "usr/local/lib",
    "usr/lib",
    "usr/lib/x86_64-linux-gnu",
    "usr/lib64",
    "lib",
    "lib/x86_64-linux-gnu",
];

/// `subs` below the code's `apt-archives`, as the process sees them; none when the code
/// has no such folder. The engine adds them itself, so a function built with an
/// `apt-get.list` finds its programs without setting `PATH` or `LD_LIBRARY_PATH`.
fn apt_archives(launch: &Launch, subs: &[&str]) -> Vec<String> {
    if !launch.spec.code_dir.join("apt-archives").is_dir() {
        return Vec::new();
    }
    let code = code_path(launch).display().to_string();
    subs.iter()
        .map(|sub| format!("{code}/apt-archives/{sub}"))
        .collect()
}

/// `LD_LIBRARY_PATH` for code with `apt-archives`: its library dirs, then FC's defaults.
fn library_path(launch: &Launch) -> Option<String> {
    let mut dirs = apt_archives(launch, APT_LIB_DIRS);
    if dirs.is_empty() {
        return None;
    }
    let code = code_path(launch).display().to_string();
    let opt = opt_path(launch).display().to_string();
    dirs.extend([
        code.clone(),
        format!("{code}/lib"),
        "/usr/local/lib".into(),
        format!("{opt}/lib"),
    ]);
    Some(dirs.join(":"))
}

/// The program and arguments, before sandboxing.
fn program(launch: &Launch) -> Result<Vec<String>, StartError> {
    let function = &launch.spec.function;
    match fc::runtime_family(&function.runtime) {
        RuntimeFamily::Python => Ok(vec![
            interpreter(RuntimeFamily::Python)?
                .exe
                .display()
                .to_string(),
            "-c".into(),
            PYTHON_SHIM.into(),
        ]),
        RuntimeFamily::NodeJs => Ok(vec![
            interpreter(RuntimeFamily::NodeJs)?
                .exe
                .display()
                .to_string(),
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
/// Sandboxed, the server has FC's port in a network of its own and runs under this binary
/// as init. Without the sandbox several instances share the host network, so each gets its
/// own port: it is passed as `FC_CUSTOM_LISTEN_PORT`, and an argument naming the configured
/// port is rewritten to it.
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
    let host_file = host_path(&argv[0], launch);
    check_start_file(&argv[0], host_file.as_deref())?;
    if launch.sandbox {
        let mut init = vec![
            sandbox::INIT_PATH.to_string(),
            relay::INIT_ARG.to_string(),
            "--".to_string(),
        ];
        init.extend(argv);
        return Ok(init);
    }
    let configured = config.port.unwrap_or(fc::DEFAULT_CUSTOM_PORT).to_string();
    if let Some(port) = launch.custom_port {
        for arg in argv.iter_mut().skip(1) {
            *arg = rewrite_port(arg, &configured, &port.to_string());
        }
    }
    if let Some(path) = host_file {
        argv[0] = path.display().to_string();
    }
    let code = launch.spec.code_dir.display().to_string();
    for arg in argv.iter_mut().skip(1) {
        if let Some(rest) = arg.strip_prefix("/code/") {
            *arg = format!("{code}/{rest}");
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

/// A path as the function sees it, mapped to where it is on the host: `/code/...` into the
/// code dir, `/opt/...` into the merged layers.
fn to_host(path: &str, launch: &Launch) -> PathBuf {
    if let Some(rest) = path.strip_prefix("/code/") {
        return launch.spec.code_dir.join(rest);
    }
    if path == "/code" {
        return launch.spec.code_dir.clone();
    }
    if let (Some(rest), Some(root)) = (path.strip_prefix("/opt/"), &launch.spec.layer_root) {
        return root.join(rest);
    }
    if path.starts_with(lang::LANG_ROOT) {
        if let Some(target) = lang::host_command(path, &lang_links(launch)) {
            return target.to_path_buf();
        }
    }
    PathBuf::from(path)
}

/// Without the sandbox, a variable listing FC paths (`PATH=/opt/nodejs20/bin:/usr/bin`,
/// `PYTHONPATH=/opt/python`, `JAVA_HOME=/opt/java17`) names the code dir and the merged
/// layers instead, so manifests written for FC run unchanged there too. `None` when
/// nothing in it is an FC path.
fn map_fc_paths(value: &str, launch: &Launch) -> Option<String> {
    let is_fc = |part: &str| {
        ["/opt", "/code"]
            .iter()
            .any(|top| part == *top || part.starts_with(&format!("{top}/")))
    };
    let parts: Vec<&str> = value.split(':').collect();
    if !parts.iter().any(|p| is_fc(p)) {
        return None;
    }
    let mapped: Vec<String> = parts
        .iter()
        .map(|part| match is_fc(part) {
            true if *part == "/opt" => opt_path(launch).display().to_string(),
            true => to_host(part, launch).display().to_string(),
            false => part.to_string(),
        })
        .collect();
    Some(mapped.join(":"))
}

/// Where a start command lives on the host: an absolute path maps as the function sees it,
/// a relative one is relative to the code dir, a bare name is looked up on the function's
/// own `PATH` (`/code/bin`, `/code/python/bin`, `/opt/bin`, ...), as FC does: the one its
/// variables set (`/opt/nodejs20/bin:...` for an official layer), else FC's.
fn host_path(command: &str, launch: &Launch) -> Option<PathBuf> {
    if command.starts_with('/') {
        return Some(to_host(command, launch));
    }
    if command.contains('/') {
        return Some(launch.spec.code_dir.join(command));
    }
    let own = launch.spec.function.environment_variables.get("PATH");
    let path = own.cloned().unwrap_or_else(|| function_path(launch));
    path.split(':')
        .map(|dir| to_host(dir, launch).join(command))
        .find(|p| p.is_file())
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
        plain_tmp(launch.dir)
    };
    let opt = opt_path(launch).display().to_string();
    let mut env: Vec<(String, String)> = ["LANG", "LC_ALL", "TZ"]
        .iter()
        .filter_map(|k| std::env::var(k).ok().map(|v| (k.to_string(), v)))
        .collect();
    env.push(("PATH".into(), function_path(launch)));
    if let Some(libs) = library_path(launch) {
        env.push(("LD_LIBRARY_PATH".into(), libs));
    }
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
            .then(|| mounts::map_env_value(v, oss).or_else(|| map_fc_paths(v, launch)))
            .flatten();
        set(k, mapped.unwrap_or_else(|| v.clone()));
    }
    if launch.sandbox {
        // Read by the relay (the custom runtime's init), which removes them before it
        // starts the user's command.
        if let (Some(port), Some(secret)) = (launch.custom_port, &launch.relay_secret) {
            set(relay::PORT_VAR, port.to_string());
            set(relay::SECRET_VAR, secret.clone());
        }
    }
    env
}

/// The function's OSS and NAS mounts, their folders created and opened (an empty bucket or
/// file system locally).
fn oss_mounts(launch: &Launch) -> Result<Vec<OssMount>, StartError> {
    let home = crate::paths::s_home();
    let mut all = mounts::oss_mounts(&launch.spec.function, &home.join("buckets"))?;
    all.extend(mounts::nas_mounts(
        &launch.spec.function,
        &home.join("nas"),
    )?);
    Ok(all)
}

/// A sealed-in-memory file holding `bytes`, read from its start by the child.
fn memfd(name: &str, bytes: &[u8]) -> Result<OwnedFd, StartError> {
    use std::io::{Seek, Write};
    let name = std::ffi::CString::new(name).unwrap_or_default();
    let fd = nix::sys::memfd::memfd_create(&name, nix::sys::memfd::MemFdCreateFlag::MFD_CLOEXEC)
        .map_err(|e| StartError::internal("cannot create a memfd", e))?;
    let mut file = std::fs::File::from(fd);
    file.write_all(bytes)
        .and_then(|_| file.rewind())
        .map_err(|e| StartError::internal("cannot write a memfd", e))?;
    Ok(file.into())
}

fn pipe() -> Result<(OwnedFd, OwnedFd), StartError> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| StartError::internal("cannot create a pipe", e))
}

/// The function's `/tmp` size in bytes (`diskSize`, FC's 512 MB by default).
fn tmp_bytes(launch: &Launch) -> u64 {
    u64::from(tmp_mb(launch.spec)) << 20
}

/// The command for one instance: its own process group, piped output, its descriptors.
pub fn command(mut launch: Launch) -> Result<Prepared, StartError> {
    let argv = program(&launch)?;
    let oss = oss_mounts(&launch)?;
    let env = environment(&launch, &oss);
    let mut fds: Vec<FdMapping> = Vec::new();
    if let Some(channel) = launch.channel.take() {
        fds.push(FdMapping {
            parent_fd: channel,
            child_fd: Fds::CHANNEL,
        });
    }
    let mut prepared = if launch.sandbox {
        sandboxed(&launch, &argv, &oss, &env, &mut fds)?
    } else {
        let mut command = tokio::process::Command::new(&argv[0]);
        command
            .args(&argv[1..])
            .current_dir(&launch.spec.code_dir)
            .env_clear()
            .envs(env);
        Prepared {
            command,
            info: None,
            release: None,
        }
    };
    prepared
        .command
        .fd_mappings(fds)
        .map_err(|e| StartError::internal("cannot hand over descriptors", e))?;
    prepared
        .command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    Ok(prepared)
}

fn sandboxed(
    launch: &Launch,
    argv: &[String],
    oss: &[OssMount],
    env: &[(String, String)],
    fds: &mut Vec<FdMapping>,
) -> Result<Prepared, StartError> {
    let layers = match &launch.spec.layer_root {
        Some(root) => root.clone(),
        None => launch.dir.join("opt"),
    };
    std::fs::create_dir_all(&layers)
        .map_err(|e| StartError::internal("cannot create the layers folder", e))?;
    let custom = launch.custom_port.is_some();
    let mut extra_ro: Vec<PathBuf> = Vec::new();
    for i in visible_interpreters(launch) {
        extra_ro.extend(i.prefixes.iter().cloned());
    }
    let lang = lang_links(launch);
    let exe = std::env::current_exe().map_err(|e| StartError::internal("no own binary", e))?;
    let resolv = match launch.network {
        true => Some(
            super::network::write_resolv_conf(launch.dir)
                .map_err(|e| StartError::internal("cannot write resolv.conf", e))?,
        ),
        false => None,
    };
    let plan = sandbox::Plan {
        instance_id: launch.instance_id,
        code_dir: &launch.spec.code_dir,
        layers: &layers,
        oss,
        extra_ro: &extra_ro,
        lang: &lang,
        resolv_conf: resolv.as_deref(),
        tmp_bytes: tmp_bytes(launch),
        shm_bytes: u64::from(launch.spec.function.memory_mb()) << 20,
        init: custom.then_some(exe.as_path()),
        env,
        network: launch.network,
        hold: launch.network && custom,
    };
    fds.push(FdMapping {
        parent_fd: memfd("bwrap-args", &sandbox::options(&plan))?,
        child_fd: Fds::ARGS,
    });
    let programs = seccomp::programs()
        .ok_or_else(|| StartError::internal("no seccomp filter", "unsupported architecture"))?;
    // The mounts' folders go by descriptor: a link the function swaps in after they were
    // opened changes nothing.
    for (m, child_fd) in oss.iter().zip(Fds::FIRST_MOUNT..) {
        let dir = m
            .dir
            .try_clone()
            .map_err(|e| StartError::internal("cannot hand over a mount", e))?;
        fds.push(FdMapping {
            parent_fd: dir,
            child_fd,
        });
    }
    for (program, child_fd) in programs.iter().zip(Fds::SECCOMP) {
        fds.push(FdMapping {
            parent_fd: memfd("seccomp", program)?,
            child_fd,
        });
    }
    let mut prepared = Prepared {
        command: tokio::process::Command::new("bwrap"),
        info: None,
        release: None,
    };
    if plan.network {
        let (read, write) = pipe()?;
        fds.push(FdMapping {
            parent_fd: write,
            child_fd: Fds::INFO,
        });
        prepared.info = Some(read);
    }
    if plan.hold {
        let (read, write) = pipe()?;
        fds.push(FdMapping {
            parent_fd: read,
            child_fd: Fds::BLOCK,
        });
        prepared.release = Some(write);
    }
    prepared
        .command
        .args(["--args", &Fds::ARGS.to_string(), "--"])
        .args(argv)
        .env_clear();
    Ok(prepared)
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
}
