//! Per-function configs: async invoke config (stored; the async queue reads it), reserved
//! concurrency (feeds the pool through the spec cache), and ListInstances.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::Extension;
use serde::{Deserialize, Serialize};

use super::error::{ApiFailure, ApiResult};
use super::http::{no_content, ok, parse_body, Params, RequestId};
use super::AppState;
use crate::fc::{self, AsyncConfig, ConcurrencyConfig, ListInstancesOutput};

pub async fn put_async(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    body: Bytes,
) -> ApiResult {
    let qualifier = Params(params).qualifier()?;
    let mut config: AsyncConfig = parse_body(&body)?;
    check_async(&config)?;
    config.function_arn = Some(app.function_arn(&function));
    let config = app
        .store(move |s| {
            let now = fc::rfc3339_now();
            let created = s
                .async_config(&function, &qualifier)?
                .and_then(|old| old.created_time);
            config.created_time = Some(created.unwrap_or_else(|| now.clone()));
            config.last_modified_time = Some(now);
            s.put_async_config(&function, &qualifier, &config)?;
            Ok(config)
        })
        .await?;
    ok(&config)
}

pub async fn get_async(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let qualifier = Params(params).qualifier()?;
    let (f, q) = (function.clone(), qualifier.clone());
    match app.store(move |s| s.async_config(&f, &q)).await? {
        Some(config) => ok(&config),
        None => Err(crate::engine::store::StoreError::AsyncConfigNotFound {
            function,
            qualifier,
        }
        .into()),
    }
}

pub async fn delete_async(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let qualifier = Params(params).qualifier()?;
    app.store(move |s| s.delete_async_config(&function, &qualifier))
        .await?;
    no_content()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConfigList<T> {
    configs: Vec<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

pub async fn list_async(
    State(app): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    let limit = params.limit(20)?;
    let function = params.get("functionName").map(str::to_string);
    let start = params.get("nextToken").map(str::to_string);
    let page = app
        .store(move |s| s.list_async_configs(function.as_deref(), start.as_deref(), limit))
        .await?;
    ok(&ConfigList {
        configs: page.items,
        next_token: page.next_token,
    })
}

/// FC's ranges, and destinations we know how to deliver to.
fn check_async(config: &AsyncConfig) -> ApiResult<()> {
    if let Some(n) = config.max_async_retry_attempts {
        if n > 8 {
            return Err(ApiFailure::invalid(format!(
                "maxAsyncRetryAttempts must be from 0 to 8, got {n}"
            )));
        }
    }
    if let Some(age) = config.max_async_event_age_in_seconds {
        if !(1..=604_800).contains(&age) {
            return Err(ApiFailure::invalid(format!(
                "maxAsyncEventAgeInSeconds must be from 1 to 604800, got {age}"
            )));
        }
    }
    let destinations = config.destination_config.iter().flat_map(|d| {
        [d.on_success.as_ref(), d.on_failure.as_ref()]
            .into_iter()
            .flatten()
    });
    for target in destinations {
        if fc::parse_destination(&target.destination).is_none() {
            return Err(ApiFailure::invalid(format!(
                "invalid destination '{}': expected an FC function or MNS queue/topic ARN",
                target.destination
            )));
        }
    }
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PutConcurrencyInput {
    reserved_concurrency: Option<i64>,
}

pub async fn put_concurrency(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
    body: Bytes,
) -> ApiResult {
    let input: PutConcurrencyInput = parse_body(&body)?;
    let reserved = match input.reserved_concurrency {
        Some(n) if (0..=i64::from(u32::MAX)).contains(&n) => n as u32,
        Some(n) => {
            return Err(ApiFailure::invalid(format!(
                "reservedConcurrency must not be negative, got {n}"
            )))
        }
        None => return Err(ApiFailure::invalid("reservedConcurrency is required")),
    };
    let owned = function.clone();
    app.store(move |s| s.put_concurrency(&owned, reserved))
        .await?;
    app.specs.invalidate(&function);
    ok(&ConcurrencyConfig {
        function_arn: Some(app.function_arn(&function)),
        reserved_concurrency: Some(reserved),
    })
}

pub async fn get_concurrency(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
) -> ApiResult {
    let owned = function.clone();
    let reserved = app.store(move |s| s.concurrency(&owned)).await?;
    ok(&ConcurrencyConfig {
        function_arn: Some(app.function_arn(&function)),
        reserved_concurrency: reserved,
    })
}

pub async fn delete_concurrency(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
) -> ApiResult {
    let owned = function.clone();
    app.store(move |s| s.delete_concurrency(&owned)).await?;
    app.specs.invalidate(&function);
    no_content()
}

pub async fn list_concurrency(
    State(app): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    let limit = params.limit(20)?;
    let function = params.get("functionName").map(str::to_string);
    let start = params.get("nextToken").map(str::to_string);
    let page = app
        .store(move |s| s.list_concurrency(function.as_deref(), start.as_deref(), limit))
        .await?;
    let configs = page
        .items
        .into_iter()
        .map(|(name, reserved)| ConcurrencyConfig {
            function_arn: Some(app.function_arn(&name)),
            reserved_concurrency: Some(reserved),
        })
        .collect();
    ok(&ConfigList::<ConcurrencyConfig> {
        configs,
        next_token: page.next_token,
    })
}

pub async fn list_instances(
    State(app): State<Arc<AppState>>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    Path(function): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    params.qualifier()?;
    params.bool("withAllActive")?;
    let owned = function.clone();
    app.store(move |s| s.get_function(&owned)).await?;
    ok(&ListInstancesOutput {
        instances: app.pool.instances(&function),
        request_id: Some(request_id),
    })
}
