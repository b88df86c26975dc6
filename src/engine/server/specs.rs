//! The invoke path's cache of `FunctionSpec`s, so a warm invoke reads no SQLite and touches
//! no disk. Every write to a function (or its concurrency config) invalidates its entry and
//! bumps an epoch; a load that raced with a write sees the epoch moved and does not cache
//! its now-stale result.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use super::error::ApiResult;
use super::AppState;
use crate::engine::pool::FunctionSpec;
use crate::engine::store::package_key;
use crate::fc;

#[derive(Default)]
pub struct SpecCache {
    specs: RwLock<HashMap<String, Arc<FunctionSpec>>>,
    epoch: AtomicU64,
}

impl SpecCache {
    pub fn get(&self, name: &str) -> Option<Arc<FunctionSpec>> {
        let specs = self.specs.read().unwrap_or_else(|e| e.into_inner());
        specs.get(name).cloned()
    }

    /// Forget `name` and its versions; call after the store write is committed.
    pub fn invalidate(&self, name: &str) {
        let mut specs = self.specs.write().unwrap_or_else(|e| e.into_inner());
        self.epoch.fetch_add(1, Ordering::SeqCst);
        let version_prefix = format!("{name}:");
        specs.retain(|key, _| key != name && !key.starts_with(&version_prefix));
    }

    fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    fn insert_unless_changed(&self, spec: Arc<FunctionSpec>, seen_epoch: u64) {
        let mut specs = self.specs.write().unwrap_or_else(|e| e.into_inner());
        if self.epoch() == seen_epoch {
            specs.insert(spec.pool_key(), spec);
        }
    }
}

/// The spec to invoke `name` with (LATEST, or the published `version`): cached, or loaded
/// from the store with its code unpacked (once per checksum).
pub async fn load_version(
    app: &Arc<AppState>,
    name: &str,
    version: Option<&str>,
) -> ApiResult<Arc<FunctionSpec>> {
    let key = match version {
        None => name.to_string(),
        Some(v) => format!("{name}:{v}"),
    };
    if let Some(spec) = app.specs.get(&key) {
        return Ok(spec);
    }
    let seen_epoch = app.specs.epoch();
    let owned = name.to_string();
    let wanted = version.map(str::to_string);
    let (stored, reserved, code_dir, layer_root) = app
        .store(move |store| {
            let stored = match &wanted {
                None => store.get_function(&owned)?,
                Some(v) => store.get_version(&owned, v)?,
            };
            let reserved = store.concurrency(&owned)?;
            let function = &stored.function;
            let package = package_key(
                function.code_digest.as_deref(),
                function.code_checksum.as_deref(),
            );
            let code_dir = store.ensure_unpacked(&package.unwrap_or_default())?;
            let layers = super::layers::resolve(store, &stored.function.layers)?;
            let layer_root = store.layer_root(&layers)?;
            Ok((stored, reserved, code_dir, layer_root))
        })
        .await?;
    let spec = Arc::new(FunctionSpec {
        function: stored.function,
        code_dir,
        generation: stored.generation,
        region: app.region.clone(),
        account_id: app.account_id.clone(),
        reserved_concurrency: reserved,
        layer_root,
        version: version.map(str::to_string),
    });
    app.specs.insert_unless_changed(spec.clone(), seen_epoch);
    Ok(spec)
}

/// Which version of an alias a caller wants.
#[derive(Debug, Clone, Copy)]
pub enum AliasRouting {
    /// An invocation: the main version or, by weight, an additional one.
    Weighted,
    /// A read of the alias's function (GetFunction) or a check that it resolves.
    Main,
}

/// The spec an invocation with `qualifier` runs: LATEST, a version id, or an alias (which
/// picks its main version or, by weight, one of its additional versions).
pub async fn resolve(
    app: &Arc<AppState>,
    name: &str,
    qualifier: &str,
) -> ApiResult<Arc<FunctionSpec>> {
    let version = resolve_version(app, name, qualifier, AliasRouting::Weighted).await?;
    load_version(app, name, version.as_deref()).await
}

/// The version a qualifier stands for now; `None` for LATEST.
pub async fn resolve_version(
    app: &Arc<AppState>,
    name: &str,
    qualifier: &str,
    routing: AliasRouting,
) -> ApiResult<Option<String>> {
    if qualifier == super::http::LATEST {
        return Ok(None);
    }
    if fc::is_version_id(qualifier) {
        return Ok(Some(qualifier.to_string()));
    }
    let (f, q) = (name.to_string(), qualifier.to_string());
    let alias = app.store(move |s| s.get_alias(&f, &q)).await?;
    let version = match routing {
        AliasRouting::Weighted => fc::pick_version(&alias, rand::random()),
        AliasRouting::Main => &alias.version_id,
    };
    Ok(Some(version.to_string()))
}
