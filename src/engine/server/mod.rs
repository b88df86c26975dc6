//! The FC 3.0 HTTP API (axum) under `/2023-03-30` and the engine's own extras under
//! `/_s/v1/`. Handlers translate between the wire and the store and pool; they hold no
//! lock across an await, and the invoke path reads only in-memory state once warm. Before
//! any handler, a request passes the browser check (`web`: hosts, origins, content types)
//! and, on an engine with keys, the signature check (`auth`), both before its body is read.

pub mod auth;
mod configs;
mod domain_host;
mod domains;
mod error;
pub mod extras;
mod functions;
mod http;
mod http_trigger;
mod invoke;
mod layers;
pub mod listen;
mod logs;
mod metrics;
mod openapi;
mod quiet_log;
mod specs;
mod tasks;
mod triggers;
pub mod ui;
mod validate;
mod versions;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, delete, get, post, put};
use axum::Router;

use crate::engine::asyncq::{AsyncQueue, SpecSource};
use crate::engine::pool::InstancePool;
use crate::engine::store::{Store, StoreError};
use crate::engine::triggers::{EngineDeliver, ManagerSettings, TriggerManager};
use crate::fc;
use error::ApiResult;
pub use specs::SpecCache;

/// Largest JSON body: a 100 MB zip, base64-encoded, plus the rest of the request.
pub const MAX_JSON_BODY: usize = 140 * 1024 * 1024;

/// Facts about the running engine, for `/_s/v1/status`.
#[derive(Debug, Clone)]
pub struct EngineInfo {
    pub pid: u32,
    pub address: SocketAddr,
    /// RFC 3339.
    pub started_at: String,
    pub started: Instant,
}

/// What every handler shares.
pub struct AppState {
    pub store: Arc<Store>,
    pub pool: Arc<InstancePool>,
    pub specs: SpecCache,
    pub region: String,
    pub account_id: String,
    pub info: EngineInfo,
    /// Durable async invocations: accepted here, run by its dispatcher.
    pub asyncq: Arc<AsyncQueue>,
    /// Running event sources, one per stored trigger.
    pub triggers: Arc<TriggerManager>,
    /// Custom domains, as the request router reads them.
    pub domains: domains::DomainTable,
}

impl AppState {
    pub fn new(
        store: Arc<Store>,
        pool: Arc<InstancePool>,
        region: String,
        account_id: String,
        info: EngineInfo,
        s_home: PathBuf,
    ) -> Arc<AppState> {
        // The async dispatcher and the triggers load specs through this state's cache,
        // hence the cycle.
        Arc::new_cyclic(|state| {
            let specs: Arc<dyn SpecSource> = Arc::new(tasks::AppSpecs(state.clone()));
            let asyncq = AsyncQueue::start(
                store.clone(),
                pool.clone(),
                specs.clone(),
                region.clone(),
                account_id.clone(),
            );
            let deliver = EngineDeliver::new(specs, pool.clone(), asyncq.clone());
            let dead_letter = deliver.dead_letter();
            let triggers = TriggerManager::new(
                Arc::new(deliver),
                dead_letter,
                ManagerSettings {
                    s_home,
                    region: region.clone(),
                    account_id: account_id.clone(),
                },
            );
            AppState {
                asyncq,
                triggers: Arc::new(triggers),
                domains: Default::default(),
                store,
                pool,
                specs: SpecCache::default(),
                region,
                account_id,
                info,
            }
        })
    }

    /// Serve the stored custom domains (at start-up).
    pub fn load_domains(&self, stored: Vec<fc::CustomDomain>) {
        self.domains.load(stored);
    }

    pub fn function_arn(&self, name: &str) -> String {
        fc::function_arn(&self.region, &self.account_id, name)
    }

    /// Run a store call on the blocking pool so SQLite never stalls the async workers.
    async fn store<T: Send + 'static>(
        &self,
        call: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> ApiResult<T> {
        let store = self.store.clone();
        Ok(tokio::task::spawn_blocking(move || call(&store)).await??)
    }
}

/// Every route of the engine.
pub fn router(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .route("/functions", post(functions::create).get(functions::list))
        .route(
            "/functions/:name",
            get(functions::get)
                .put(functions::update)
                .delete(functions::delete),
        )
        .route("/functions/:name/code", get(functions::code))
        .route(
            "/functions/:name/versions",
            post(versions::publish).get(versions::list),
        )
        .route(
            "/functions/:name/versions/:version",
            delete(versions::delete),
        )
        .route(
            "/functions/:name/aliases",
            post(versions::create_alias).get(versions::list_aliases),
        )
        .route(
            "/functions/:name/aliases/:alias",
            get(versions::get_alias)
                .put(versions::update_alias)
                .delete(versions::delete_alias),
        )
        .route(
            "/functions/:name/invocations",
            post(invoke::invoke).layer(DefaultBodyLimit::max(invoke::SYNC_PAYLOAD_LIMIT + 1)),
        )
        .route(
            "/functions/:name/triggers",
            post(triggers::create).get(triggers::list),
        )
        .route(
            "/functions/:name/triggers/:trigger",
            get(triggers::get)
                .put(triggers::update)
                .delete(triggers::delete),
        )
        .route(
            "/functions/:name/async-invoke-config",
            get(configs::get_async)
                .put(configs::put_async)
                .delete(configs::delete_async),
        )
        .route("/async-invoke-configs", get(configs::list_async))
        .route(
            "/functions/:name/concurrency",
            get(configs::get_concurrency)
                .put(configs::put_concurrency)
                .delete(configs::delete_concurrency),
        )
        .route("/concurrency-configs", get(configs::list_concurrency))
        .route("/functions/:name/instances", get(configs::list_instances))
        .route("/layers", get(layers::list))
        .route(
            "/layers/:name/versions",
            post(layers::create).get(layers::list_versions),
        )
        .route(
            "/layers/:name/versions/:version",
            get(layers::get).delete(layers::delete),
        )
        .route("/layerarn/:arn", get(layers::get_by_arn))
        .route(
            "/custom-domains",
            post(domains::create)
                .get(domains::list)
                .layer(DefaultBodyLimit::max(domains::MAX_BODY)),
        )
        .route(
            "/custom-domains/:domain",
            get(domains::get)
                .put(domains::update)
                .delete(domains::delete)
                .layer(DefaultBodyLimit::max(domains::MAX_BODY)),
        )
        .route("/functions/:name/async-tasks", get(tasks::list))
        .route("/functions/:name/async-tasks/:task", get(tasks::get))
        .route("/functions/:name/async-tasks/:task/stop", put(tasks::stop));
    let extras = Router::new()
        .route("/status", get(extras::status))
        .route("/openapi.json", get(openapi::serve))
        .route("/code/:file", get(extras::code_zip))
        .route("/logs", get(logs::query))
        .route("/logs/stream", get(logs::stream))
        .route("/metrics", get(metrics::prometheus))
        .route("/metrics/query", get(metrics::query))
        .route("/queues", get(tasks::list_queues))
        .route("/queues/:queue/messages", get(tasks::peek))
        .route("/queues/:queue/receive", post(tasks::receive));
    let engine = Router::new()
        .nest(&format!("/{}", fc::API_VERSION), api)
        .nest("/_s/v1", extras)
        .route(http_trigger::ROUTE, any(http_trigger::serve))
        // `/*path` takes no empty rest: the trigger URL with a bare trailing `/` has its own.
        .route(
            &format!("{}/", http_trigger::ROUTE),
            any(http_trigger::serve),
        )
        .route(
            &format!("{}/*path", http_trigger::ROUTE),
            any(http_trigger::serve),
        )
        .fallback(extras::not_found)
        .layer(DefaultBodyLimit::max(MAX_JSON_BODY))
        .layer(axum::middleware::from_fn(listen::declared_length))
        .layer(axum::middleware::from_fn(auth::verify))
        // Before the signature check: a browser's request is refused as such, signed or not.
        .layer(axum::middleware::from_fn(web::guard))
        .layer(axum::middleware::from_fn(http::frame))
        // Added after the layers on purpose: a browser cannot sign requests, so the console
        // checks its own session cookie, and it answers errors as HTML pages, not FC JSON.
        .merge(ui::router(state.clone()))
        .with_state(state.clone());
    // Outermost: a custom domain's requests never reach the API, the console or trigger URLs.
    let domains = Router::new()
        .fallback(domain_host::serve)
        .layer(axum::middleware::from_fn(listen::declared_length))
        .layer(axum::middleware::from_fn(http::frame))
        .with_state(state.clone());
    engine.layer(axum::middleware::from_fn(move |request, next| {
        domain_host::intercept(state.clone(), domains.clone(), request, next)
    }))
}
