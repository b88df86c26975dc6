//! One function instance: a child process in its own process group (and, sandboxed, its own
//! namespaces and cgroups), the way work reaches it (the private channel for built-in
//! runtimes, HTTP through the relay for custom ones), its log router, its memory watch, and
//! how it ends (exit, timeout, out of memory, stop). Calls are framed with FC's
//! `FC Invoke Start/End RequestId:` lines.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use bytes::Bytes;
use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;
use tokio::sync::{oneshot, watch, Notify};

use super::cgroup::Cgroup;
use super::channel::{Channel, Dispatch, Reply};
use super::custom::{self, AppClient, Endpoint};
use super::logs::{spawn_reader, LogRouter};
use super::memory;
use super::network;
use super::process::{self, Launch, StartError};
use super::sweep;
use crate::engine::pool::{EventSink, FunctionSpec, HttpRequest, HttpResponse, LogStream, Outcome};
use crate::fc::{self, ErrorCode, RuntimeFamily};

/// How long a process may take to come up (interpreter start or custom server listening).
pub const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How often RSS is sampled while a request runs (only when cgroups cannot enforce it).
const MEMORY_POLL: Duration = Duration::from_millis(25);

/// Why an instance process is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Death {
    Exited(String),
    Timeout,
    OutOfMemory,
    Stopped,
}

/// What an instance is asked to run (`x-fc-function-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    Handler,
    Initializer,
    PreStop,
}

impl CallKind {
    fn code(self) -> u8 {
        match self {
            CallKind::Handler => 0,
            CallKind::Initializer => 1,
            CallKind::PreStop => 3,
        }
    }

    fn marker(self) -> &'static str {
        match self {
            CallKind::Handler => "Invoke",
            CallKind::Initializer => "Initialize",
            CallKind::PreStop => "PreStop",
        }
    }
}

pub struct Call<'a> {
    pub kind: CallKind,
    pub request_id: &'a str,
    pub payload: Bytes,
    pub retry_count: u32,
    pub headers: &'a [(String, String)],
    /// A raw HTTP request to forward to a custom runtime's server (HTTP triggers).
    pub http: Option<&'a HttpRequest>,
    pub timeout: Duration,
}

/// How one call ended, as the pool reports it.
#[derive(Debug, Clone)]
pub struct CallOutcome {
    pub body: Bytes,
    pub error_type: Option<String>,
    pub outcome: Outcome,
    pub duration_ms: f64,
    pub max_memory_mb: u64,
    pub log_tail: String,
    /// The custom runtime's status and headers, for a forwarded HTTP request.
    pub http: Option<HttpResponse>,
}

enum Driver {
    Api(Channel),
    Custom(AppClient),
}

pub struct Instance {
    pub id: String,
    pub function: String,
    pub generation: u64,
    pub created_ms: i64,
    spec: Arc<FunctionSpec>,
    pgid: u32,
    /// The interpreter process (bubblewrap's child when sandboxed), for peak memory.
    main_pid: AtomicU32,
    driver: Driver,
    pub(crate) logs: Arc<LogRouter>,
    death: watch::Receiver<Option<Death>>,
    kill_reason: Mutex<Option<Death>>,
    peak_kb: AtomicU64,
    busy: AtomicU32,
    busy_changed: Arc<Notify>,
    /// The engine's own dir for this instance (relay socket, unsandboxed `/tmp`).
    dir: PathBuf,
    /// Set after start-up, once the instance's processes are known to be inside.
    cgroup: std::sync::OnceLock<Arc<Cgroup>>,
    /// The groups made for the instance, until confirmed.
    pending_cgroup: Mutex<Option<Arc<Cgroup>>>,
    /// Set once the instance's network is attached (at once when it needs none).
    network: watch::Receiver<Option<Result<(), String>>>,
    /// The process carrying the instance's network, stopped with it.
    pasta: Arc<Mutex<network::Slot>>,
}

impl Instance {
    /// Start the process and wait until it can take work.
    pub async fn start(
        spec: Arc<FunctionSpec>,
        id: String,
        scratch_root: &std::path::Path,
        sink: Arc<dyn EventSink>,
        sandbox: bool,
    ) -> Result<Arc<Instance>, StartError> {
        let internal = |what: &str, e: std::io::Error| {
            StartError::new(ErrorCode::InternalServerError, format!("{what}: {e}"))
        };
        let dir = scratch_root.join(&id);
        std::fs::create_dir_all(&dir).map_err(|e| internal("cannot create the instance dir", e))?;
        if !sandbox {
            std::fs::create_dir_all(process::plain_tmp(&dir))
                .map_err(|e| internal("cannot create the instance's /tmp", e))?;
        }
        let family = fc::runtime_family(&spec.function.runtime);
        let mut launch = Launch {
            spec: &spec,
            instance_id: &id,
            dir: &dir,
            channel: None,
            custom_port: None,
            relay_secret: None,
            sandbox,
            network: sandbox
                && spec.function.internet_access != Some(false)
                && network::available(),
        };
        let driver = if family == RuntimeFamily::Custom {
            let configured = spec
                .function
                .custom_runtime_config
                .as_ref()
                .and_then(|c| c.port)
                .unwrap_or(fc::DEFAULT_CUSTOM_PORT);
            if sandbox {
                let (client, listener, secret) = custom::relay_endpoint(&dir, configured)
                    .map_err(|e| internal("cannot create the relay socket", e))?;
                launch.channel = Some(listener.into());
                launch.relay_secret = Some(secret);
                launch.custom_port = Some(configured);
                Driver::Custom(client)
            } else {
                let port = custom::free_port().map_err(|e| internal("no free port", e))?;
                launch.custom_port = Some(port);
                Driver::Custom(AppClient::new(Endpoint::Tcp(port), port))
            }
        } else {
            let (channel, theirs) =
                Channel::pair().map_err(|e| internal("cannot create the channel", e))?;
            launch.channel = Some(theirs.into());
            Driver::Api(channel)
        };
        let mut prepared = process::command(launch)?;
        let cgroup = Cgroup::create(&id, cgroup_limit_mb(&spec)).map(Arc::new);
        // Moving a process into a cgroup waits for an RCU grace period (~15 ms). A custom
        // runtime's own code starts at once, so it must be inside before it runs; a
        // built-in runtime's code runs only at its first call, so its processes are moved
        // while the interpreter starts, and checked again before that call.
        let join_later = family != RuntimeFamily::Custom;
        if !join_later {
            join_cgroup_on_exec(&mut prepared.command, cgroup.as_deref());
        }
        let mut child = prepared.command.spawn().map_err(|e| {
            StartError::new(
                ErrorCode::CaExited,
                format!("cannot start the instance process: {e}"),
            )
        })?;
        // The child holds its own copies of the descriptors now.
        drop(prepared.command);
        let pid = child.id().unwrap_or(0);
        let joining = match (&cgroup, join_later) {
            (Some(group), true) => {
                let group = group.clone();
                Some(tokio::task::spawn_blocking(move || group.adopt_tree(pid)))
            }
            _ => None,
        };
        let pasta = Arc::new(Mutex::new(network::Slot::default()));
        let network = attach_network(
            prepared.info.take(),
            prepared.release.take(),
            dir.join("pasta.log"),
            pasta.clone(),
        );
        let logs = LogRouter::new(&spec.function.function_name, spec.qualifier(), &id, sink);
        // An official layer backed by another version of its runtime says so where the
        // function's own output goes (`s logs`), once per instance.
        for layer in &spec.function.layers {
            let official = fc::parse_official_layer_arn(&layer.arn);
            let prepared = official.and_then(|(name, _)| crate::official_layers::memo(&name));
            if let Some(warning) = prepared.and_then(|p| p.warning) {
                logs.system(None, &format!("warning: {warning}"));
            }
        }
        if let Some(out) = child.stdout.take() {
            spawn_reader(logs.clone(), LogStream::Stdout, out);
        }
        if let Some(err) = child.stderr.take() {
            spawn_reader(logs.clone(), LogStream::Stderr, err);
        }
        let (death_tx, death) = watch::channel(None);
        let instance = Arc::new(Instance {
            function: spec.function.function_name.clone(),
            generation: spec.generation,
            created_ms: fc::epoch_ms(),
            id,
            spec: spec.clone(),
            pgid: pid,
            main_pid: AtomicU32::new(pid),
            driver,
            logs,
            death,
            kill_reason: Mutex::new(None),
            peak_kb: AtomicU64::new(0),
            busy: AtomicU32::new(0),
            busy_changed: Arc::new(Notify::new()),
            dir,
            cgroup: std::sync::OnceLock::new(),
            pending_cgroup: Mutex::new(cgroup),
            network,
            pasta,
        });
        supervise(&instance, child, death_tx);
        spawn_memory_watch(Arc::downgrade(&instance));
        instance.wait_ready().await?;
        instance.confirm_cgroup(joining, pid).await;
        if sandbox {
            // bwrap → the pid namespace's init → (the relay →) the runtime: follow single
            // children down, off the first call's path (it only serves peak memory).
            let weak = Arc::downgrade(&instance);
            tokio::task::spawn_blocking(move || {
                let parents = memory::parents();
                let mut main = pid;
                loop {
                    let mut children = parents.iter().filter(|(_, p)| *p == main);
                    match (children.next(), children.next()) {
                        (Some((only, _)), None) => main = *only,
                        _ => break,
                    }
                }
                if let Some(instance) = weak.upgrade() {
                    instance.main_pid.store(main, Ordering::Relaxed);
                }
            });
        }
        Ok(instance)
    }

    async fn wait_ready(&self) -> Result<(), StartError> {
        let deadline = Instant::now() + START_TIMEOUT;
        let ready = async {
            let up = match &self.driver {
                Driver::Api(channel) => {
                    channel.wait_ready().await;
                    true
                }
                Driver::Custom(client) => client.wait_listening(deadline).await,
            };
            up && self.network_ready().await
        };
        let mut death = self.death.clone();
        let outcome = tokio::select! {
            ready = tokio::time::timeout_at(deadline.into(), ready) => Some(ready.unwrap_or(false)),
            _ = death.wait_for(Option::is_some) => None,
        };
        match outcome {
            Some(true) => Ok(()),
            Some(false) => {
                self.kill(Death::Stopped);
                if let Some(Err(why)) = self.network.borrow().clone() {
                    return Err(StartError::new(ErrorCode::CaExited, why));
                }
                let what = match &self.spec.function.custom_runtime_config {
                    _ if !self.is_custom() => "the runtime did not come up".to_string(),
                    config => format!(
                        "Function instance health check failed on port {}",
                        config
                            .as_ref()
                            .and_then(|c| c.port)
                            .unwrap_or(fc::DEFAULT_CUSTOM_PORT)
                    ),
                };
                Err(StartError::new(
                    ErrorCode::CaExited,
                    format!("{what} in {} seconds", START_TIMEOUT.as_secs()),
                ))
            }
            None => {
                let output = self
                    .logs
                    .last_lines(Instant::now() + Duration::from_secs(1))
                    .await;
                let output = match output.is_empty() {
                    true => "no output".to_string(),
                    false => format!("last output: {}", output.join(" | ")),
                };
                Err(StartError::new(
                    ErrorCode::CaExited,
                    format!(
                        "the instance process {} while starting ({output})",
                        self.death_reason()
                    ),
                ))
            }
        }
    }

    /// Keep the cgroups once every process of the instance is inside: moved while the
    /// interpreter started (`joining`), or right here for a custom runtime, which joined
    /// before its program ran. Otherwise the memory watch is what limits it.
    async fn confirm_cgroup(&self, joining: Option<tokio::task::JoinHandle<bool>>, pid: u32) {
        let Some(group) = self.pending_cgroup.lock().unwrap().take() else {
            return;
        };
        let inside = match joining {
            Some(joining) => joining.await.unwrap_or(false),
            None => group.holds(pid),
        };
        if inside {
            let _ = self.cgroup.set(group);
        }
    }

    /// Stop the process carrying the instance's network (its namespace ends with it).
    fn stop_network(&self) {
        self.pasta.lock().unwrap().stop();
    }

    /// True once the network is attached; false when attaching failed.
    async fn network_ready(&self) -> bool {
        let mut network = self.network.clone();
        let ready = match network.wait_for(Option::is_some).await {
            Ok(state) => matches!(*state, Some(Ok(()))),
            Err(_) => false,
        };
        ready
    }

    fn death_reason(&self) -> String {
        match self.death.borrow().clone() {
            Some(Death::Exited(status)) => format!("exited ({status})"),
            Some(other) => format!("was stopped ({other:?})"),
            None => "is running".into(),
        }
    }

    /// True once the process exited or was told to die: never give it new work.
    pub fn is_dead(&self) -> bool {
        self.death.borrow().is_some() || self.kill_reason.lock().unwrap().is_some()
    }

    /// Kill the whole process group; `reason` explains the death to in-flight requests.
    pub fn kill(&self, reason: Death) {
        if self.death.borrow().is_some() {
            return;
        }
        self.kill_reason.lock().unwrap().get_or_insert(reason);
        if self.pgid > 0 {
            let _ = killpg(Pid::from_raw(self.pgid as i32), Signal::SIGKILL);
        }
        if let Some(cgroup) = self.cgroup.get() {
            cgroup.kill_all();
        }
    }

    /// Peak memory so far, in MB (rounded up).
    pub fn max_memory_mb(&self) -> u64 {
        let peak = memory::peak_kb(self.main_pid.load(Ordering::Relaxed))
            .max(self.peak_kb.load(Ordering::Relaxed));
        peak.div_ceil(1024)
    }

    /// Run the initializer, if one is configured. Some(outcome) when it failed.
    pub async fn initialize(&self) -> Option<CallOutcome> {
        let hook = self
            .spec
            .function
            .instance_lifecycle_config
            .as_ref()?
            .initializer
            .as_ref()?;
        let runs_here = hook.handler.is_some() || self.is_custom();
        if !runs_here {
            return None;
        }
        let request_id = fc::new_request_id();
        let timeout = hook.timeout.unwrap_or(self.spec.function.timeout_s());
        let outcome = self
            .call(Call {
                kind: CallKind::Initializer,
                request_id: &request_id,
                payload: Bytes::new(),
                retry_count: 0,
                headers: &[],
                http: None,
                timeout: Duration::from_secs(timeout.into()),
            })
            .await;
        (outcome.outcome != Outcome::Success).then_some(outcome)
    }

    fn is_custom(&self) -> bool {
        matches!(self.driver, Driver::Custom(_))
    }

    /// Run preStop (if configured and the process lives), then kill the group and clean up.
    pub async fn stop(&self) {
        let pre_stop = self
            .spec
            .function
            .instance_lifecycle_config
            .as_ref()
            .and_then(|c| c.pre_stop.as_ref());
        if let Some(hook) = pre_stop.filter(|h| h.handler.is_some() || self.is_custom()) {
            if !self.is_dead() {
                let request_id = fc::new_request_id();
                let timeout = hook.timeout.unwrap_or(3).min(90);
                self.call(Call {
                    kind: CallKind::PreStop,
                    request_id: &request_id,
                    payload: Bytes::new(),
                    retry_count: 0,
                    headers: &[],
                    http: None,
                    timeout: Duration::from_secs(timeout.into()),
                })
                .await;
            }
        }
        self.kill(Death::Stopped);
        let mut death = self.death.clone();
        let _ = tokio::time::timeout(Duration::from_secs(5), death.wait_for(Option::is_some)).await;
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// Run one call and frame its log.
    pub async fn call(&self, call: Call<'_>) -> CallOutcome {
        let rid = call.request_id;
        let marker = call.kind.marker();
        self.logs.begin(rid);
        self.logs
            .system(Some(rid), &format!("FC {marker} Start RequestId: {rid}"));
        self.busy.fetch_add(1, Ordering::SeqCst);
        self.busy_changed.notify_one();
        let started = Instant::now();
        let (result, http) = take_http(self.exchange(&call).await);
        if matches!(self.driver, Driver::Api(_)) && result.is_ok() {
            self.logs
                .wait_synced(rid, Instant::now() + Duration::from_secs(1))
                .await;
        }
        let duration = started.elapsed();
        self.busy.fetch_sub(1, Ordering::SeqCst);
        let max_memory_mb = self.max_memory_mb();
        let (body, error_type, outcome) = self.settle(&call, result, duration, max_memory_mb);
        let suffix = if error_type.is_some() {
            ", Error: Unhandled function error"
        } else {
            ""
        };
        self.logs.system(
            Some(rid),
            &format!("FC {marker} End RequestId: {rid}{suffix}"),
        );
        CallOutcome {
            body,
            error_type,
            outcome,
            duration_ms: duration.as_secs_f64() * 1000.0,
            max_memory_mb,
            log_tail: self.logs.finish(rid),
            http,
        }
    }

    /// Send the work and wait for the reply, the timeout, or the death of the process.
    async fn exchange(&self, call: &Call<'_>) -> Result<Result<Reply, String>, Death> {
        let headers = self.context_headers(call);
        let reply = async {
            match &self.driver {
                Driver::Api(channel) => {
                    let (tx, rx) = oneshot::channel();
                    channel
                        .dispatch(Dispatch {
                            request_id: call.request_id.to_string(),
                            headers,
                            payload: call.payload.clone(),
                            reply: tx,
                        })
                        .await;
                    rx.await
                        .map_err(|_| "the instance closed its channel".to_string())
                }
                Driver::Custom(client) => match call.http {
                    Some(http) if call.kind == CallKind::Handler => {
                        client.forward(http, &headers, call.payload.clone()).await
                    }
                    _ => {
                        client
                            .call(call.kind.code(), &headers, call.payload.clone())
                            .await
                    }
                },
            }
        };
        let mut death = self.death.clone();
        tokio::select! {
            biased;
            // A channel that closed because the engine killed the instance (memory, a stop)
            // reports why it was killed, not a crash.
            reply = reply => match reply {
                Err(e) => match self.kill_reason.lock().unwrap().clone() {
                    Some(reason) => Err(reason),
                    None => Ok(Err(e)),
                },
                reply => Ok(reply),
            },
            _ = tokio::time::sleep(call.timeout) => {
                self.kill(Death::Timeout);
                Err(Death::Timeout)
            }
            d = death.wait_for(Option::is_some) => {
                Err(d.map(|d| d.clone().unwrap_or(Death::Stopped)).unwrap_or(Death::Stopped))
            }
        }
    }

    /// The FC context headers (§7.3, §8.5) plus the invocation's own.
    fn context_headers(&self, call: &Call<'_>) -> Vec<(String, String)> {
        let f = &self.spec.function;
        let deadline = fc::epoch_ms() + call.timeout.as_millis() as i64;
        let hooks = f.instance_lifecycle_config.clone().unwrap_or_default();
        let hook = |h: Option<fc::LifecycleHook>| h.and_then(|h| h.handler).unwrap_or_default();
        let mut headers: Vec<(String, String)> = [
            ("x-fc-request-id", call.request_id.to_string()),
            ("x-fc-function-deadline", deadline.to_string()),
            ("x-fc-function-timeout", f.timeout_s().to_string()),
            ("x-fc-function-name", f.function_name.clone()),
            ("x-fc-function-handler", f.handler.clone()),
            ("x-fc-function-memory", f.memory_mb().to_string()),
            ("x-fc-function-type", call.kind.code().to_string()),
            ("x-fc-function-initializer", hook(hooks.initializer)),
            (
                "x-fc-instance-lifecycle-pre-stop-handler",
                hook(hooks.pre_stop),
            ),
            ("x-fc-region", self.spec.region.clone()),
            ("x-fc-account-id", self.spec.account_id.clone()),
            ("x-fc-qualifier", "LATEST".into()),
            ("x-fc-version-id", String::new()),
            ("x-fc-service-name", String::new()),
            ("x-fc-retry-count", call.retry_count.to_string()),
            ("x-fc-instance-id", self.id.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        headers.extend(call.headers.iter().cloned());
        headers
    }

    /// Turn the raw result into FC's body, error type and outcome.
    fn settle(
        &self,
        call: &Call<'_>,
        result: Result<Result<Reply, String>, Death>,
        duration: Duration,
        max_mb: u64,
    ) -> (Bytes, Option<String>, Outcome) {
        let error = |message: String| {
            Bytes::from(serde_json::json!({ "errorMessage": message }).to_string())
        };
        let unhandled = Some("UnhandledInvocationError".to_string());
        let rid = call.request_id;
        match result {
            // `take_http` has already turned a forwarded response into `Ok`.
            Ok(Ok(Reply::Ok(body) | Reply::Http { body, .. })) => (body, None, Outcome::Success),
            Ok(Ok(Reply::Error { body, error_type })) => (body, Some(error_type), Outcome::Error),
            Ok(Err(transport)) => {
                self.logs
                    .system(Some(rid), &format!("the instance did not answer: {transport}"));
                let message = format!(
                    "Process exited unexpectedly before completing request (duration: {}ms, maxMemoryUsage: {max_mb}MB)",
                    duration.as_millis()
                );
                (error(message), unhandled, Outcome::Crashed)
            }
            Err(Death::Timeout) => (
                error(format!(
                    "Function timed out after {} seconds (maxMemoryUsage: {max_mb}MB)",
                    call.timeout.as_secs()
                )),
                unhandled,
                Outcome::Timeout,
            ),
            Err(Death::OutOfMemory) => (
                error(format!(
                    "Function ran out of memory: it used more than its memorySize of {}MB (maxMemoryUsage: {max_mb}MB)",
                    self.spec.function.memory_mb()
                )),
                unhandled,
                Outcome::OutOfMemory,
            ),
            Err(Death::Stopped) => (
                error("The invocation was stopped".into()),
                unhandled,
                Outcome::Error,
            ),
            Err(Death::Exited(status)) => {
                self.logs
                    .system(Some(rid), &format!("the instance process exited ({status})"));
                let message = format!(
                    "Process exited unexpectedly before completing request (duration: {}ms, maxMemoryUsage: {max_mb}MB)",
                    duration.as_millis()
                );
                (error(message), unhandled, Outcome::Crashed)
            }
        }
    }

    /// Requests being served now.
    pub fn busy(&self) -> u32 {
        self.busy.load(Ordering::SeqCst)
    }

    /// True when `request_id` is running here.
    pub fn serves(&self, request_id: &str) -> bool {
        self.logs.is_active(request_id)
    }
}

/// Separate a forwarded HTTP response's status and headers from its body, so the rest of
/// the call is settled like any successful one.
fn take_http(
    result: Result<Result<Reply, String>, Death>,
) -> (Result<Result<Reply, String>, Death>, Option<HttpResponse>) {
    match result {
        Ok(Ok(Reply::Http { response, body })) => (Ok(Ok(Reply::Ok(body))), Some(response)),
        other => (other, None),
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.stop_network();
        if self.death.borrow().is_none() && self.pgid > 0 {
            let _ = killpg(Pid::from_raw(self.pgid as i32), Signal::SIGKILL);
            if let Some(cgroup) = self.cgroup.get() {
                cgroup.kill_all();
            }
        }
    }
}

/// The kernel's memory limit for the instance's cgroup: `memorySize` plus its `/tmp`,
/// whose tmpfs pages the kernel charges to the group too (the engine's watch holds the
/// processes themselves to `memorySize`).
fn cgroup_limit_mb(spec: &FunctionSpec) -> u32 {
    spec.function
        .memory_mb()
        .saturating_add(process::tmp_mb(spec))
}

/// Put the child into the instance's cgroups between fork and exec, so everything it
/// starts is limited too.
fn join_cgroup_on_exec(cmd: &mut tokio::process::Command, cgroup: Option<&Cgroup>) {
    let fds = cgroup.map(Cgroup::procs_files).unwrap_or_default();
    if fds.is_empty() {
        return;
    }
    // SAFETY: the closure only calls write(2) on fds opened before the fork; it allocates
    // nothing and takes no locks, which is what is allowed between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            // A refused move is not fatal: the pool checks membership and polls RSS instead.
            for fd in &fds {
                let _ = nix::unistd::write(fd, b"0");
            }
            Ok(())
        });
    }
}

/// Attach the sandbox's network once bubblewrap reported its pid, then let a held program
/// start. Without a network to attach, ready at once.
fn attach_network(
    info: Option<std::os::fd::OwnedFd>,
    release: Option<std::os::fd::OwnedFd>,
    log: PathBuf,
    pasta: Arc<Mutex<network::Slot>>,
) -> watch::Receiver<Option<Result<(), String>>> {
    let Some(info) = info else {
        return watch::channel(Some(Ok(()))).1;
    };
    let (tx, rx) = watch::channel(None);
    tokio::spawn(async move {
        let pid = tokio::task::spawn_blocking(move || sandbox_pid(info))
            .await
            .ok()
            .flatten();
        let result = match pid {
            Some(pid) => {
                network::wait_for_loopback(pid).await;
                network::attach(pid, &log)
                    .await
                    .map(|attached| pasta.lock().unwrap().keep(attached))
            }
            None => Err("the sandbox did not report its process".to_string()),
        };
        if let Some(release) = release {
            let _ = nix::unistd::write(&release, b"1");
        }
        tx.send_replace(Some(result));
    });
    rx
}

/// The `child-pid` of the JSON object bubblewrap writes to its info descriptor; read up to
/// the object's end, as bubblewrap may keep the descriptor open.
fn sandbox_pid(info: std::os::fd::OwnedFd) -> Option<u32> {
    use std::io::Read;
    let mut file = std::fs::File::from(info);
    let mut text = Vec::new();
    let mut chunk = [0u8; 1024];
    while !text.contains(&b'}') && text.len() < 64 * 1024 {
        let n = file.read(&mut chunk).ok().filter(|n| *n > 0)?;
        text.extend_from_slice(&chunk[..n]);
    }
    let value: serde_json::Value = serde_json::from_slice(&text).ok()?;
    value.get("child-pid")?.as_u64().map(|p| p as u32)
}

/// Wait for the process to exit and publish why.
fn supervise(
    instance: &Arc<Instance>,
    mut child: tokio::process::Child,
    death: watch::Sender<Option<Death>>,
) {
    let weak = Arc::downgrade(instance);
    let id = instance.id.clone();
    tokio::spawn(async move {
        let status = child.wait().await;
        if let Some(instance) = weak.upgrade() {
            instance.stop_network();
        }
        // Processes that left the group (`setsid`, double fork) must not outlive it.
        let _ = tokio::task::spawn_blocking(move || sweep::kill_leftovers(&id)).await;
        let cause = match weak.upgrade() {
            Some(instance) => {
                let reason = instance.kill_reason.lock().unwrap().clone();
                let oom = instance.cgroup.get().is_some_and(|c| c.oom_killed());
                match (reason, oom) {
                    (_, true) => Death::OutOfMemory,
                    (Some(reason), _) => reason,
                    (None, _) => Death::Exited(describe(status)),
                }
            }
            None => Death::Stopped,
        };
        death.send_replace(Some(cause));
    });
}

fn describe(status: std::io::Result<std::process::ExitStatus>) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status {
        Ok(s) => match (s.code(), s.signal()) {
            (Some(code), _) => format!("exit code {code}"),
            (None, Some(signal)) => format!("killed by signal {signal}"),
            _ => "unknown status".into(),
        },
        Err(e) => e.to_string(),
    }
}

/// Sample the group's RSS while requests run: record the peak and enforce `memorySize` by
/// killing the group (the cgroup, where there is one, also counts `/tmp` and is the
/// kernel's backstop).
fn spawn_memory_watch(weak: Weak<Instance>) {
    tokio::spawn(async move {
        loop {
            let Some(instance) = weak.upgrade() else {
                return;
            };
            if instance.is_dead() {
                return;
            }
            if instance.busy() == 0 {
                let notify = instance.busy_changed.clone();
                let changed = notify.notified();
                tokio::pin!(changed);
                changed.as_mut().enable();
                if instance.busy() == 0 {
                    let mut death = instance.death.clone();
                    drop(instance);
                    tokio::select! {
                        _ = changed => {}
                        _ = death.wait_for(Option::is_some) => return,
                    }
                    continue;
                }
            }
            drop(instance);
            // Short requests finish before the first sample: the hot path never scans /proc.
            tokio::time::sleep(MEMORY_POLL).await;
            let Some(instance) = weak.upgrade() else {
                return;
            };
            // Back-to-back short requests keep `busy` above zero across the sleep; when
            // they all finished in the meantime, there is nothing long-running to sample.
            if instance.busy() == 0 {
                continue;
            }
            let pgid = instance.pgid;
            let rss = tokio::task::spawn_blocking(move || memory::group_rss_kb(pgid))
                .await
                .unwrap_or(0);
            instance.peak_kb.fetch_max(rss, Ordering::Relaxed);
            let limit_kb = u64::from(instance.spec.function.memory_mb()) * 1024;
            if rss > limit_kb {
                instance.kill(Death::OutOfMemory);
            }
        }
    });
}
