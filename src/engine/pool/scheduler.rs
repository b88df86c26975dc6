//! Which instance serves a request. Slots are instances (starting or up) with their
//! in-flight counts; a request takes a warm slot of the current generation when one has
//! room, else starts a new instance within `max_instances`, evicting an idle one if needed,
//! else waits a moment for room and is throttled. Idle instances are reaped after
//! `idle_timeout`; dead ones are dropped and replaced on the next request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use tokio::sync::{watch, Notify};

use super::{
    EventSink, FunctionSpec, Invocation, InvocationRecord, InvocationResult, LogLine, LogStream,
    Outcome, PoolConfig, PoolError,
};
use crate::engine::runtime::{
    sandbox_available, Call, CallKind, CallOutcome, Death, Instance, StartError,
};
use crate::fc;

/// How long a request waits for room before it is throttled.
const THROTTLE_WAIT: Duration = Duration::from_secs(2);

#[derive(Clone)]
enum Ready {
    Starting,
    Up(Arc<Instance>),
    Failed(StartError),
}

struct Slot {
    id: String,
    function: String,
    generation: u64,
    capacity: u32,
    in_flight: u32,
    idle_since: Instant,
    ready: watch::Receiver<Ready>,
    created_ms: i64,
}

impl Slot {
    fn instance(&self) -> Option<Arc<Instance>> {
        match &*self.ready.borrow() {
            Ready::Up(instance) => Some(instance.clone()),
            _ => None,
        }
    }

    fn is_dead(&self) -> bool {
        self.instance().is_some_and(|i| i.is_dead())
    }
}

#[derive(Default)]
struct FunctionSlots {
    slots: Vec<Slot>,
    /// Requests of this function holding a slot (for reserved concurrency).
    in_flight: u32,
}

#[derive(Default)]
struct State {
    functions: HashMap<String, FunctionSlots>,
    /// Retired slots still serving requests; stopped when they go idle.
    retiring: Vec<Slot>,
    /// Instances alive or starting, across all functions.
    total: u32,
}

enum Decision {
    Warm(String, Arc<Instance>),
    Join(String, watch::Receiver<Ready>),
    Cold(String, watch::Sender<Ready>),
    Wait(String),
}

/// A slot held by one request.
struct Lease {
    slot_id: String,
    instance: Arc<Instance>,
    init_ms: Option<f64>,
    /// The initializer failed: this is the request's answer, the slot is already gone.
    init_failure: Option<CallOutcome>,
}

pub(super) struct Inner {
    config: PoolConfig,
    sink: Arc<dyn EventSink>,
    state: Mutex<State>,
    changed: Notify,
    shutting_down: AtomicBool,
    sandbox_reported: AtomicBool,
    pub(super) sandbox: AtomicBool,
}

impl Inner {
    pub(super) fn new(config: PoolConfig, sink: Arc<dyn EventSink>) -> Inner {
        Inner {
            config,
            sink,
            state: Mutex::new(State::default()),
            changed: Notify::new(),
            shutting_down: AtomicBool::new(false),
            sandbox_reported: AtomicBool::new(false),
            sandbox: AtomicBool::new(sandbox_available()),
        }
    }

    pub(super) async fn invoke(
        &self,
        spec: Arc<FunctionSpec>,
        invocation: Invocation,
    ) -> Result<InvocationResult, PoolError> {
        let start_ms = fc::epoch_ms();
        let key = spec.pool_key();
        let lease = match self.acquire(&spec).await {
            Ok(lease) => lease,
            Err(err) => {
                if matches!(err, PoolError::Throttled(_)) {
                    self.record(&spec, &invocation, start_ms, "", Outcome::Throttled, None);
                }
                return Err(err);
            }
        };
        let outcome = match lease.init_failure {
            Some(failure) => failure,
            None => {
                let outcome = lease
                    .instance
                    .call(Call {
                        kind: CallKind::Handler,
                        request_id: &invocation.request_id,
                        payload: invocation.payload.clone(),
                        retry_count: invocation.retry_count,
                        headers: &invocation.headers,
                        http: invocation.http.as_deref(),
                        timeout: Duration::from_secs(spec.function.timeout_s().into()),
                    })
                    .await;
                self.release(&key, &lease.slot_id, &lease.instance);
                outcome
            }
        };
        self.sink.invocation_finished(InvocationRecord {
            function: spec.function.function_name.clone(),
            request_id: invocation.request_id.clone(),
            instance_id: lease.instance.id.clone(),
            start_ms,
            duration_ms: outcome.duration_ms,
            init_duration_ms: lease.init_ms,
            max_memory_mb: outcome.max_memory_mb,
            outcome: outcome.outcome,
            is_async: invocation.is_async,
        });
        Ok(InvocationResult {
            body: outcome.body,
            error_type: outcome.error_type,
            instance_id: lease.instance.id.clone(),
            duration_ms: outcome.duration_ms,
            init_duration_ms: lease.init_ms,
            max_memory_mb: outcome.max_memory_mb,
            log_tail: outcome.log_tail,
            outcome: outcome.outcome,
            http: outcome.http,
        })
    }

    fn record(
        &self,
        spec: &FunctionSpec,
        invocation: &Invocation,
        start_ms: i64,
        instance_id: &str,
        outcome: Outcome,
        init_ms: Option<f64>,
    ) {
        self.sink.invocation_finished(InvocationRecord {
            function: spec.function.function_name.clone(),
            request_id: invocation.request_id.clone(),
            instance_id: instance_id.to_string(),
            start_ms,
            duration_ms: 0.0,
            init_duration_ms: init_ms,
            max_memory_mb: 0,
            outcome,
            is_async: invocation.is_async,
        });
    }

    async fn acquire(&self, spec: &Arc<FunctionSpec>) -> Result<Lease, PoolError> {
        let deadline = Instant::now() + THROTTLE_WAIT;
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let decision = self.decide(spec)?;
            match decision {
                Decision::Warm(slot_id, instance) => {
                    return Ok(Lease {
                        slot_id,
                        instance,
                        init_ms: None,
                        init_failure: None,
                    })
                }
                Decision::Join(slot_id, ready) => return self.join(slot_id, ready).await,
                Decision::Cold(slot_id, ready) => {
                    return self.cold_start(spec, slot_id, ready).await
                }
                Decision::Wait(reason) => {
                    if tokio::time::timeout_at(deadline.into(), notified)
                        .await
                        .is_err()
                    {
                        return Err(PoolError::Throttled(reason));
                    }
                }
            }
        }
    }

    /// Pick a slot under the lock; never awaits.
    fn decide(&self, spec: &FunctionSpec) -> Result<Decision, PoolError> {
        if self.shutting_down.load(Ordering::SeqCst) {
            return Err(PoolError::ShuttingDown);
        }
        let key = spec.pool_key();
        let name = &key;
        let mut state = self.state.lock().unwrap();
        self.drop_unusable(&mut state, name, spec.generation);
        let entry = state.functions.entry(name.clone()).or_default();
        if let Some(limit) = spec.reserved_concurrency {
            if entry.in_flight >= limit {
                return Ok(Decision::Wait(format!(
                    "Reserved concurrency exceeded: function `{}` is limited to {limit} concurrent requests; retry later",
                    spec.function.function_name
                )));
            }
        }
        if let Some(slot) = best_slot(&mut entry.slots, spec.generation) {
            slot.in_flight += 1;
            let decision = match slot.instance() {
                Some(instance) => Decision::Warm(slot.id.clone(), instance),
                None => Decision::Join(slot.id.clone(), slot.ready.clone()),
            };
            entry.in_flight += 1;
            return Ok(decision);
        }
        if state.total >= self.config.max_instances && !self.evict_idle(&mut state) {
            return Ok(Decision::Wait(format!(
                "Resource exhausted: the engine runs at most {} instances; retry later",
                self.config.max_instances
            )));
        }
        let (tx, rx) = watch::channel(Ready::Starting);
        let id = new_instance_id();
        state.total += 1;
        let entry = state.functions.entry(name.clone()).or_default();
        entry.in_flight += 1;
        entry.slots.push(Slot {
            id: id.clone(),
            function: name.clone(),
            generation: spec.generation,
            capacity: spec.function.concurrency_per_instance(),
            in_flight: 1,
            idle_since: Instant::now(),
            ready: rx,
            created_ms: fc::epoch_ms(),
        });
        Ok(Decision::Cold(id, tx))
    }

    /// Idle instances of an older generation and dead idle ones go away.
    fn drop_unusable(&self, state: &mut State, name: &str, generation: u64) {
        let Some(entry) = state.functions.get_mut(name) else {
            return;
        };
        let (gone, keep): (Vec<Slot>, Vec<Slot>) = entry
            .slots
            .drain(..)
            .partition(|s| s.in_flight == 0 && (s.generation != generation || s.is_dead()));
        entry.slots = keep;
        state.total -= gone.len() as u32;
        for slot in gone {
            stop_slot(slot);
        }
    }

    /// Stop the least recently used idle instance of any function to make room.
    fn evict_idle(&self, state: &mut State) -> bool {
        let victim = state
            .functions
            .iter()
            .flat_map(|(name, f)| f.slots.iter().map(move |s| (name, s)))
            .filter(|(_, s)| s.in_flight == 0 && s.instance().is_some())
            .min_by_key(|(_, s)| s.idle_since)
            .map(|(name, s)| (name.clone(), s.id.clone()));
        let Some((name, id)) = victim else {
            return false;
        };
        if let Some(slot) = take_slot(state, &name, &id) {
            state.total -= 1;
            stop_slot(slot);
        }
        true
    }

    async fn join(
        &self,
        slot_id: String,
        mut ready: watch::Receiver<Ready>,
    ) -> Result<Lease, PoolError> {
        let state = ready
            .wait_for(|r| !matches!(r, Ready::Starting))
            .await
            .map(|r| r.clone())
            .unwrap_or(Ready::Failed(StartError::new(
                fc::ErrorCode::InternalServerError,
                "the instance start was abandoned",
            )));
        match state {
            Ready::Up(instance) => Ok(Lease {
                slot_id,
                instance,
                init_ms: None,
                init_failure: None,
            }),
            Ready::Failed(err) => Err(start_failed(err)),
            Ready::Starting => Err(PoolError::ShuttingDown),
        }
    }

    async fn cold_start(
        &self,
        spec: &Arc<FunctionSpec>,
        slot_id: String,
        ready: watch::Sender<Ready>,
    ) -> Result<Lease, PoolError> {
        self.report_sandbox(spec);
        let started = Instant::now();
        let started_instance = Instance::start(
            spec.clone(),
            slot_id.clone(),
            &self.config.scratch_dir,
            self.sink.clone(),
            self.sandbox.load(Ordering::SeqCst),
        )
        .await;
        let instance = match started_instance {
            Ok(instance) => instance,
            Err(err) => {
                self.forget_slot(&spec.pool_key(), &slot_id);
                ready.send_replace(Ready::Failed(err.clone()));
                return Err(start_failed(err));
            }
        };
        let init_failure = instance.initialize().await;
        let init_ms = Some(started.elapsed().as_secs_f64() * 1000.0);
        if let Some(failure) = init_failure {
            self.forget_slot(&spec.pool_key(), &slot_id);
            let message = String::from_utf8_lossy(&failure.body).to_string();
            ready.send_replace(Ready::Failed(StartError::new(
                fc::ErrorCode::InternalServerError,
                format!("the initializer failed: {message}"),
            )));
            let stopping = instance.clone();
            tokio::spawn(async move { stopping.stop().await });
            return Ok(Lease {
                slot_id,
                instance,
                init_ms,
                init_failure: Some(failure),
            });
        }
        ready.send_replace(Ready::Up(instance.clone()));
        Ok(Lease {
            slot_id,
            instance,
            init_ms,
            init_failure: None,
        })
    }

    /// A slot whose instance never came up: drop it and every request counted on it.
    fn forget_slot(&self, name: &str, slot_id: &str) {
        let mut state = self.state.lock().unwrap();
        if let Some(slot) = take_slot(&mut state, name, slot_id) {
            state.total -= 1;
            if let Some(entry) = state.functions.get_mut(name) {
                entry.in_flight -= slot.in_flight.min(entry.in_flight);
            }
        }
        drop(state);
        self.changed.notify_waiters();
    }

    fn release(&self, name: &str, slot_id: &str, instance: &Arc<Instance>) {
        let mut state = self.state.lock().unwrap();
        if let Some(entry) = state.functions.get_mut(name) {
            entry.in_flight = entry.in_flight.saturating_sub(1);
        }
        let dead = instance.is_dead();
        let mut finished = None;
        if let Some(slot) = find_slot(&mut state, name, slot_id) {
            slot.in_flight = slot.in_flight.saturating_sub(1);
            slot.idle_since = Instant::now();
            let retiring = state.retiring.iter().any(|s| s.id == slot_id);
            let in_flight = find_slot(&mut state, name, slot_id).map_or(0, |s| s.in_flight);
            if dead || (retiring && in_flight == 0) {
                finished = take_slot(&mut state, name, slot_id);
            }
        }
        if let Some(slot) = finished {
            state.total -= 1;
            stop_slot(slot);
        }
        drop(state);
        self.changed.notify_waiters();
    }

    /// Say once that instances run without the sandbox.
    fn report_sandbox(&self, spec: &FunctionSpec) {
        if self.sandbox.load(Ordering::SeqCst) || self.sandbox_reported.swap(true, Ordering::SeqCst)
        {
            return;
        }
        self.sink.log_line(LogLine {
            time_ms: fc::epoch_ms(),
            function: spec.function.function_name.clone(),
            qualifier: None,
            instance_id: String::new(),
            request_id: None,
            stream: LogStream::System,
            text: "the sandbox is off (bubblewrap `bwrap` is not usable or `S_SANDBOX=off`): instances run as plain processes with cwd = the code dir".into(),
        });
    }

    /// Retire the instances pooled under `key`; with `with_versions`, those of the
    /// function's published versions (`key:<version>`) too.
    pub(super) async fn retire(&self, key: &str, with_versions: bool) {
        let idle = {
            let mut state = self.state.lock().unwrap();
            let version_prefix = format!("{key}:");
            let slots: Vec<Slot> = state
                .functions
                .iter_mut()
                .filter(|(k, _)| {
                    k.as_str() == key || (with_versions && k.starts_with(&version_prefix))
                })
                .flat_map(|(_, f)| std::mem::take(&mut f.slots))
                .collect();
            let (idle, busy): (Vec<Slot>, Vec<Slot>) =
                slots.into_iter().partition(|s| s.in_flight == 0);
            state.total -= idle.len() as u32;
            state.retiring.extend(busy);
            idle
        };
        self.changed.notify_waiters();
        let stops = idle
            .into_iter()
            .filter_map(|s| s.instance())
            .map(|i| async move {
                i.stop().await;
            });
        futures_util::future::join_all(stops).await;
    }

    pub(super) fn stop_request(&self, request_id: &str) -> bool {
        let state = self.state.lock().unwrap();
        let instance = state
            .functions
            .values()
            .flat_map(|f| f.slots.iter())
            .chain(state.retiring.iter())
            .filter_map(Slot::instance)
            .find(|i| i.serves(request_id));
        match instance {
            Some(instance) => {
                instance.kill(Death::Stopped);
                true
            }
            None => false,
        }
    }

    pub(super) fn instances(&self, name: &str) -> Vec<fc::InstanceInfo> {
        let state = self.state.lock().unwrap();
        state
            .functions
            .get(name)
            .map(|f| f.slots.iter())
            .into_iter()
            .flatten()
            .chain(state.retiring.iter().filter(|s| s.function == name))
            .filter(|s| !s.is_dead())
            .map(|s| fc::InstanceInfo {
                instance_id: s.id.clone(),
                version_id: "LATEST".into(),
                qualifier: "LATEST".into(),
                status: match s.instance() {
                    Some(_) if s.in_flight > 0 => "Running".into(),
                    Some(_) => "Idle".into(),
                    None => "Starting".into(),
                },
                created_time_ms: Some(s.created_ms),
                destroyed_time_ms: None,
            })
            .collect()
    }

    pub(super) async fn shutdown(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
        let slots: Vec<Slot> = {
            let mut state = self.state.lock().unwrap();
            let mut all: Vec<Slot> = state.retiring.drain(..).collect();
            for f in state.functions.values_mut() {
                all.append(&mut f.slots);
            }
            state.total = 0;
            all
        };
        self.changed.notify_waiters();
        let stops = slots
            .into_iter()
            .filter_map(|s| s.instance())
            .map(|i| async move {
                i.stop().await;
            });
        futures_util::future::join_all(stops).await;
    }

    /// Stop instances idle for longer than `idle_timeout`.
    fn reap(&self) {
        let timeout = self.config.idle_timeout;
        let mut state = self.state.lock().unwrap();
        let mut gone = Vec::new();
        for f in state.functions.values_mut() {
            let (expired, keep): (Vec<Slot>, Vec<Slot>) = f.slots.drain(..).partition(|s| {
                s.in_flight == 0
                    && s.instance().is_some()
                    && (s.idle_since.elapsed() >= timeout || s.is_dead())
            });
            f.slots = keep;
            gone.extend(expired);
        }
        state.total -= gone.len() as u32;
        drop(state);
        if !gone.is_empty() {
            self.changed.notify_waiters();
        }
        for slot in gone {
            stop_slot(slot);
        }
    }
}

/// Among slots of the current generation with room, the busiest one that is up (packing
/// requests keeps other instances idle so they can be reaped), else one still starting.
fn best_slot(slots: &mut [Slot], generation: u64) -> Option<&mut Slot> {
    slots
        .iter_mut()
        .filter(|s| s.generation == generation && s.in_flight < s.capacity && !s.is_dead())
        .max_by_key(|s| (s.instance().is_some(), s.in_flight, s.idle_since))
}

fn find_slot<'a>(state: &'a mut State, name: &str, id: &str) -> Option<&'a mut Slot> {
    let in_function = state
        .functions
        .get(name)
        .is_some_and(|f| f.slots.iter().any(|s| s.id == id));
    if in_function {
        state
            .functions
            .get_mut(name)?
            .slots
            .iter_mut()
            .find(|s| s.id == id)
    } else {
        state.retiring.iter_mut().find(|s| s.id == id)
    }
}

fn take_slot(state: &mut State, name: &str, id: &str) -> Option<Slot> {
    if let Some(f) = state.functions.get_mut(name) {
        if let Some(i) = f.slots.iter().position(|s| s.id == id) {
            return Some(f.slots.remove(i));
        }
    }
    let i = state.retiring.iter().position(|s| s.id == id)?;
    Some(state.retiring.remove(i))
}

/// PreStop and kill in the background; the slot is already out of the pool.
fn stop_slot(slot: Slot) {
    if let Some(instance) = slot.instance() {
        tokio::spawn(async move { instance.stop().await });
    }
}

fn start_failed(err: StartError) -> PoolError {
    PoolError::StartFailed {
        code: err.code,
        message: err.message,
    }
}

/// FC-style instance ids: `c-<8 hex>-<8 hex>-<12 hex>`.
fn new_instance_id() -> String {
    let bytes: [u8; 14] = rand::random();
    let hex = hex::encode(bytes);
    format!("c-{}-{}-{}", &hex[..8], &hex[8..16], &hex[16..28])
}

/// Reap idle instances until the pool goes away.
pub(super) fn spawn_reaper(inner: Weak<Inner>) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    handle.spawn(async move {
        loop {
            let period = match inner.upgrade() {
                Some(inner) => (inner.config.idle_timeout / 4)
                    .clamp(Duration::from_millis(50), Duration::from_secs(5)),
                None => return,
            };
            tokio::time::sleep(period).await;
            match inner.upgrade() {
                Some(inner) => inner.reap(),
                None => return,
            }
        }
    });
}
