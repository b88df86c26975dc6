//! `s engine start|status|stop`, and `ensure_engine` for every command that needs the local
//! engine: find it at `S_ENGINE`, or start one in the background and say so in one line.

use std::io::Write as _;
use std::net::{SocketAddr, ToSocketAddrs};
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::args::{EngineCommand, EngineStartArgs, OutputFormat};
use super::{Context, Hinted};
use crate::engine::store::DiskUsage;
use crate::engine::{self, EngineConfig, EngineStatus, StateFile};
use crate::{paths, private_fs};

/// Set in the environment of a detached engine: its stderr already goes to the log file.
const DETACHED_ENV: &str = "S_ENGINE_DETACHED";
/// How long a detached start may take before we give up on it.
const START_TIMEOUT: Duration = Duration::from_secs(20);
const STOP_TIMEOUT: Duration = Duration::from_secs(20);

pub fn run(ctx: &Context, cmd: EngineCommand) -> anyhow::Result<()> {
    match cmd {
        EngineCommand::Start(args) => start(ctx, args),
        EngineCommand::Status => status(ctx),
        EngineCommand::Stop => stop(),
    }
}

/// The engine URL for commands that deploy or invoke locally, starting an engine first
/// when nothing answers at `S_ENGINE`.
pub(crate) fn ensure_engine(ctx: &Context) -> anyhow::Result<String> {
    let url = paths::engine_url();
    let probe = Probe::new()?;
    if let Some(status) = probe.status(&url) {
        warn_unisolated(&status);
        return Ok(url);
    }
    let listen = listen_address(None, &url, false)?;
    let home = paths::engine_home();
    if let Some(other) = running_elsewhere(&home, &url) {
        return Err(Hinted::new(
            format!(
                "the engine of `{}` runs at {other}, not at {url}",
                home.display()
            ),
            "set `S_ENGINE` to that URL, or stop it with `s engine stop`",
        )
        .into());
    }
    let settings = StartSettings {
        listen,
        idle_timeout: 300,
        max_instances: 64,
        debug: ctx.global.debug,
        access: None,
    };
    spawn_detached(&probe, &settings, &url, &home)?;
    eprintln!(
        "started local engine at {url} (log: {})",
        engine::log_path(&home).display()
    );
    if let Some(status) = probe.status(&url) {
        warn_unisolated(&status);
    }
    Ok(url)
}

/// Never run functions unsandboxed silently: say so, and what would fix it.
fn warn_unisolated(status: &EngineStatus) {
    if let Some(warning) = &status.sandbox.warning {
        super::output::warn(warning);
    }
}

/// What `start` needs, resolved from flags and environment.
struct StartSettings {
    listen: SocketAddr,
    idle_timeout: u64,
    max_instances: u32,
    debug: bool,
    /// `-a`: the alias whose key must sign every request.
    access: Option<String>,
}

fn start(ctx: &Context, args: EngineStartArgs) -> anyhow::Result<()> {
    let access = ctx.global.access.clone();
    let settings = StartSettings {
        listen: listen_address(
            args.listen.as_deref(),
            &paths::engine_url(),
            access.is_some(),
        )?,
        idle_timeout: args.idle_timeout,
        max_instances: args.max_instances,
        debug: ctx.global.debug,
        access,
    };
    // Resolve the key now, so a missing alias fails here and not in a detached child.
    let access_keys = match &settings.access {
        Some(_) => {
            let credential = super::config::required_credential(ctx, "`s engine start -a`")?;
            vec![(credential.access_key_id, credential.access_key_secret)]
        }
        None => Vec::new(),
    };
    let url = format!("http://{}", settings.listen);
    let home = paths::engine_home();
    let probe = Probe::new()?;
    if let Some(status) = probe.status(&url) {
        if args.detach {
            eprintln!("engine already running at {url} (pid {})", status.pid);
            return Ok(());
        }
        return Err(Hinted::new(
            format!("an engine is already running at {url} (pid {})", status.pid),
            "stop it with `s engine stop`, or pick another address with `--listen`",
        )
        .into());
    }
    if args.detach {
        spawn_detached(&probe, &settings, &url, &home)?;
        eprintln!(
            "started local engine at {url} (log: {})",
            engine::log_path(&home).display()
        );
        if let Some(status) = probe.status(&url) {
            warn_unisolated(&status);
        }
        return Ok(());
    }
    if std::env::var_os(DETACHED_ENV).is_none() {
        if let Some(warning) = crate::engine::runtime::sandbox::facts().warning {
            super::output::warn(warning);
        }
    }
    run_foreground(&settings, &home, access_keys)
}

/// Serve in this process until SIGINT/SIGTERM.
fn run_foreground(
    settings: &StartSettings,
    home: &Path,
    access_keys: Vec<(String, String)>,
) -> anyhow::Result<()> {
    // Before anything is created: the database, its WAL, code and scratch folders are
    // private from their first byte.
    private_fs::restrict_umask();
    private_fs::create_dir_all(home)
        .with_context(|| format!("cannot create `{}`", home.display()))?;
    init_logging(home, settings.debug)?;
    if let Some(warning) = private_fs::open_tree_warning(&paths::s_home()) {
        tracing::warn!("{warning}");
    }
    let mut config = EngineConfig::new(settings.listen, home.to_path_buf());
    config.idle_timeout = Duration::from_secs(settings.idle_timeout);
    config.max_instances = settings.max_instances;
    config.access_keys = access_keys;
    if let Some(alias) = &settings.access {
        tracing::info!("requests must be signed with the key of access `{alias}`");
    }
    if std::env::var_os(DETACHED_ENV).is_none() {
        eprintln!(
            "engine listening on http://{} (state: {}, log: {})",
            settings.listen,
            home.display(),
            engine::log_path(home).display()
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime
        .block_on(engine::serve(config))
        .map_err(|err| match err {
            engine::EngineError::AlreadyRunning { .. } => {
                Hinted::new(err.to_string(), "stop it with `s engine stop`").into()
            }
            other => anyhow::Error::new(other),
        })
}

/// Tracing to `<home>/engine.log`, and to stderr when running in a terminal's foreground.
/// `--debug` logs every HTTP exchange; `S_LOG` takes an env-filter spec.
fn init_logging(home: &Path, debug: bool) -> anyhow::Result<()> {
    use tracing_subscriber::prelude::*;
    use tracing_subscriber::EnvFilter;

    let path = engine::log_path(home);
    let file = private_fs::open_append(&path)
        .with_context(|| format!("cannot open `{}`", path.display()))?;
    let default = if debug { "info,s=debug" } else { "info" };
    let filter = EnvFilter::try_from_env("S_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let to_file = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file));
    let to_stderr = std::env::var_os(DETACHED_ENV).is_none().then(|| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(std::io::stderr)
    });
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(to_file)
        .with(to_stderr)
        .try_init();
    Ok(())
}

/// Re-run `s engine start` in a new session with output to the log file, and wait until
/// it answers.
fn spawn_detached(
    probe: &Probe,
    settings: &StartSettings,
    url: &str,
    home: &Path,
) -> anyhow::Result<()> {
    private_fs::create_dir_all(home)
        .with_context(|| format!("cannot create `{}`", home.display()))?;
    let log_path = engine::log_path(home);
    let log = private_fs::open_append(&log_path)
        .with_context(|| format!("cannot open `{}`", log_path.display()))?;
    let exe = std::env::current_exe().context("cannot find the `s` executable")?;
    let mut cmd = Command::new(exe);
    cmd.args(["engine", "start", "--listen", &settings.listen.to_string()])
        .args(["--idle-timeout", &settings.idle_timeout.to_string()])
        .args(["--max-instances", &settings.max_instances.to_string()])
        .env(DETACHED_ENV, "1")
        .env("S_HOME", paths::s_home())
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    if settings.debug {
        cmd.arg("--debug");
    }
    if let Some(alias) = &settings.access {
        cmd.args(["--access", alias]);
    }
    // SAFETY: setsid is async-signal-safe; a new session keeps the engine alive when the
    // terminal that started it closes or sends SIGINT to its process group.
    unsafe {
        cmd.pre_exec(|| {
            nix::unistd::setsid()
                .map(|_| ())
                .map_err(std::io::Error::from)
        });
    }
    let mut child = cmd.spawn().context("cannot start the engine")?;
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if probe.status(url).is_some() {
            return Ok(());
        }
        if let Ok(Some(exit)) = child.try_wait() {
            return Err(Hinted::new(
                format!("the engine exited during start-up ({exit})"),
                format!("see the log:\n{}", log_tail(&log_path)),
            )
            .into());
        }
        if Instant::now() > deadline {
            return Err(Hinted::new(
                format!("the engine did not answer at {url} within {START_TIMEOUT:?}"),
                format!("see `{}`", log_path.display()),
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn status(ctx: &Context) -> anyhow::Result<()> {
    let probe = Probe::new()?;
    let url = paths::engine_url();
    let home = paths::engine_home();
    let state = StateFile::read(&home).filter(|state| engine::process_alive(state.pid));
    let found = probe.status_with_disk(&url).or_else(|| {
        let state = state.as_ref()?;
        probe.status_with_disk(&state.url)
    });
    let Some(status) = found else {
        return Err(Hinted::new(
            format!("no engine is running at {url}"),
            "start one with `s engine start --detach`",
        )
        .into());
    };
    warn_unisolated(&status);
    if let Some(warning) = private_fs::open_tree_warning(&paths::s_home()) {
        super::output::warn(warning);
    }
    // The engine does not say where its state is; it is ours when our state file names it.
    let ours = state.is_some_and(|state| state.pid == status.pid);
    let mut out = std::io::stdout().lock();
    match ctx.output() {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&status)?)?,
        OutputFormat::Yaml => write!(out, "{}", serde_yaml::to_string(&status)?)?,
        OutputFormat::Default | OutputFormat::Raw => {
            writeln!(out, "engine running at {}", status.url)?;
            writeln!(out, "  pid        {}", status.pid)?;
            writeln!(out, "  uptime     {}", uptime(status.uptime_seconds))?;
            writeln!(out, "  functions  {}", status.functions)?;
            writeln!(out, "  instances  {}", status.instances)?;
            writeln!(out, "  version    {}", status.version)?;
            if ours {
                writeln!(out, "  state      {}", home.display())?;
                writeln!(out, "  log        {}", engine::log_path(&home).display())?;
            }
            if let Some(disk) = &status.disk {
                writeln!(out, "  disk       {}", disk_line(disk))?;
            }
            writeln!(out, "  sandbox    {}", describe_sandbox(&status.sandbox))?;
            writeln!(
                out,
                "  runtimes   {}",
                describe_interpreters(&status.interpreters)
            )?;
        }
    }
    Ok(())
}

/// What the Python and Node.js runtimes run on: `Python 3.11.7, Node.js 20.20.2`.
fn describe_interpreters(found: &crate::engine::runtime::process::Interpreters) -> String {
    let one = |name: &str, version: &Option<String>| match version {
        Some(v) => format!("{name} {v}"),
        None => format!("{name} not found"),
    };
    format!(
        "{}, {}",
        one("Python", &found.python),
        one("Node.js", &found.node)
    )
}

/// One line on how instances are isolated here.
fn describe_sandbox(facts: &crate::engine::runtime::sandbox::Facts) -> String {
    if !facts.isolated {
        return "off: instances run as plain processes".into();
    }
    let mut parts = vec!["own network"];
    if !facts.network {
        parts[0] = "own network, no outbound access";
    }
    if facts.memory_limit {
        parts.push("memory limit");
    }
    if facts.pids_limit {
        parts.push("process limit");
    }
    format!("isolated ({})", parts.join(", "))
}

/// `code 4.0 MB, unpacked 12.1 MB, database 1.2 MB, log 80 kB, scratch 0 B`.
fn disk_line(disk: &DiskUsage) -> String {
    [
        ("code", disk.code_bytes),
        ("unpacked", disk.unpacked_bytes),
        ("database", disk.database_bytes),
        ("log", disk.log_bytes),
        ("scratch", disk.scratch_bytes),
    ]
    .iter()
    .map(|(what, bytes)| format!("{what} {}", crate::package::human_size(*bytes)))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Stop the engine this state dir records, and only it: whatever answers at `S_ENGINE`
/// may report any pid, so the pid comes from our own state file and the process must be
/// the one recorded there (same start time, same program).
fn stop() -> anyhow::Result<()> {
    let probe = Probe::new()?;
    let url = paths::engine_url();
    let home = paths::engine_home();
    let reported = probe.status(&url).map(|s| s.pid);
    let state = StateFile::read(&home).filter(|state| engine::process_alive(state.pid));
    let state = match (reported, state) {
        (None, None) => {
            eprintln!("no engine is running at {url}");
            return Ok(());
        }
        (Some(pid), state) if state.as_ref().is_none_or(|s| s.pid != pid) => {
            return Err(Hinted::new(
                format!(
                    "the engine at {url} reports pid {pid}, which is not the engine of `{}`; nothing was stopped",
                    home.display()
                ),
                "`s engine stop` stops the engine started with this `S_HOME`: run it with the `S_HOME` that engine uses",
            )
            .into());
        }
        (_, state) => state.expect("a state file names the engine"),
    };
    engine::state::check_engine_process(&state).map_err(|why| {
        Hinted::new(
            format!("not stopping pid {}: {why}", state.pid),
            format!(
                "if no engine runs, remove the stale `{}`",
                StateFile::path(&home).display()
            ),
        )
    })?;
    let pid = state.pid;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .with_context(|| format!("cannot signal the engine (pid {pid})"))?;
    let deadline = Instant::now() + STOP_TIMEOUT;
    while engine::process_alive(pid) {
        if Instant::now() > deadline {
            return Err(Hinted::new(
                format!("the engine (pid {pid}) did not stop within {STOP_TIMEOUT:?}"),
                format!("force it with `kill -9 {pid}`"),
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    eprintln!("stopped the engine at {url} (pid {pid})");
    Ok(())
}

/// The socket address to listen on: `--listen`, else the host and port of `S_ENGINE`.
/// Anything but loopback needs `signed`: an open engine runs any code it is sent.
fn listen_address(flag: Option<&str>, url: &str, signed: bool) -> anyhow::Result<SocketAddr> {
    let text = match flag {
        Some(listen) => listen.trim().to_string(),
        None => host_port(url)?,
    };
    let address = text
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .ok_or_else(|| {
            Hinted::new(
                format!("invalid listen address `{text}`"),
                "give `HOST:PORT`, such as `127.0.0.1:9630`",
            )
        })?;
    if !address.ip().is_loopback() && !signed {
        return Err(Hinted::new(
            format!("refusing to listen on `{text}` without credentials: anyone who can reach it could run code"),
            "pass `-a ALIAS` so every request must be signed with that key (see `s config add`), or listen on `127.0.0.1:PORT`",
        )
        .into());
    }
    Ok(address)
}

/// `http://host:port[/...]` → `host:port` (port 80 when absent).
fn host_port(url: &str) -> anyhow::Result<String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        Hinted::new(
            format!("`S_ENGINE` must be an `http://` URL, got `{url}`"),
            "for example `S_ENGINE=http://127.0.0.1:9630`",
        )
    })?;
    let authority = rest.split('/').next().unwrap_or_default();
    Ok(if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    })
}

/// The URL of a live engine of `home` that is not at `url`.
fn running_elsewhere(home: &Path, url: &str) -> Option<String> {
    StateFile::read(home)
        .filter(|state| engine::process_alive(state.pid) && state.url != url)
        .map(|state| state.url)
}

fn uptime(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m {}s", s / 60, s % 60),
        s => format!("{}h {}m", s / 3600, (s % 3600) / 60),
    }
}

fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(10)..].join("\n")
}

/// Asks an engine for its status: one small runtime and client, reused while polling.
struct Probe {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
}

impl Probe {
    fn new() -> anyhow::Result<Probe> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(2))
            .build()
            .context("cannot build an HTTP client")?;
        Ok(Probe { runtime, client })
    }

    fn status(&self, url: &str) -> Option<EngineStatus> {
        self.get_status(&format!("{url}/_s/v1/status"))
    }

    /// The status with the state dir's disk use (slower: the engine walks its folders).
    fn status_with_disk(&self, url: &str) -> Option<EngineStatus> {
        self.get_status(&format!("{url}/_s/v1/status?disk=true"))
    }

    fn get_status(&self, status_url: &str) -> Option<EngineStatus> {
        self.runtime.block_on(async {
            let response = self.client.get(status_url).send().await.ok()?;
            if !response.status().is_success() {
                return None;
            }
            response.json::<EngineStatus>().await.ok()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_address_comes_from_the_engine_url() {
        let addr = listen_address(None, "http://127.0.0.1:7001", false).unwrap();
        assert_eq!(addr.to_string(), "127.0.0.1:7001");
        let addr = listen_address(Some("127.0.0.1:9"), "http://127.0.0.1:7001", false).unwrap();
        assert_eq!(addr.port(), 9);
    }

    #[test]
    fn non_loopback_listen_needs_credentials() {
        let err = listen_address(Some("0.0.0.0:9630"), "http://127.0.0.1:9630", false).unwrap_err();
        assert!(err.to_string().contains("without credentials"), "{err}");
        let addr = listen_address(Some("0.0.0.0:9630"), "http://127.0.0.1:9630", true).unwrap();
        assert_eq!(addr.port(), 9630);
    }

    #[test]
    fn uptime_reads_like_a_duration() {
        assert_eq!(uptime(5), "5s");
        assert_eq!(uptime(125), "2m 5s");
        assert_eq!(uptime(7260), "2h 1m");
    }
}
