//! Triggers CRUD. `triggerConfig` is a JSON document inside a string: parsed to validate,
//! stored and echoed as the exact string the caller sent. Every write is handed to the
//! trigger manager, and every answer carries the source's live state (and an HTTP
//! trigger's local URL).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;

use super::error::{ApiFailure, ApiResult};
use super::functions::new_id;
use super::http::{no_content, ok, parse_body, Params, LATEST};
use super::http_trigger::decorate;
use super::{validate, AppState};
use crate::fc::{self, ListTriggersOutput, Trigger, TriggerInput};

pub async fn create(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let input: TriggerInput = parse_body(&body)?;
    let name = input
        .trigger_name
        .clone()
        .ok_or_else(|| ApiFailure::invalid("triggerName is required"))?;
    validate::trigger_name(&name).map_err(ApiFailure::invalid)?;
    let trigger_type = input
        .trigger_type
        .clone()
        .ok_or_else(|| ApiFailure::invalid("triggerType is required"))?;
    if !fc::rules::TRIGGER_TYPES.contains(&trigger_type.as_str()) {
        return Err(ApiFailure::invalid(format!(
            "invalid triggerType '{trigger_type}' (one of: {})",
            fc::rules::TRIGGER_TYPES.join(", ")
        )));
    }
    let config = input
        .trigger_config
        .clone()
        .ok_or_else(|| ApiFailure::invalid("triggerConfig is required"))?;
    validate::trigger_config(&trigger_type, &config).map_err(ApiFailure::invalid)?;
    let now = fc::rfc3339_now();
    let trigger = Trigger {
        trigger_id: new_id(),
        trigger_name: name,
        trigger_type,
        trigger_config: config,
        source_arn: input.source_arn,
        invocation_role: input.invocation_role,
        qualifier: Some(input.qualifier.unwrap_or_else(|| LATEST.into())),
        description: input.description,
        status: Some("Success".into()),
        error: None,
        target_arn: Some(app.function_arn(&function)),
        http_trigger: None,
        created_time: Some(now.clone()),
        last_modified_time: Some(now),
    };
    let stored = trigger.clone();
    let f = function.clone();
    app.store(move |s| s.create_trigger(&f, &stored)).await?;
    app.triggers.apply(&function, &trigger);
    app.triggers.settled(&function, &trigger.trigger_name).await;
    ok(&decorate(&app, &function, trigger, &headers))
}

pub async fn get(
    State(app): State<Arc<AppState>>,
    Path((function, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult {
    let f = function.clone();
    let trigger = app.store(move |s| s.get_trigger(&f, &name)).await?;
    ok(&decorate(&app, &function, trigger, &headers))
}

pub async fn update(
    State(app): State<Arc<AppState>>,
    Path((function, name)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let input: TriggerInput = parse_body(&body)?;
    if let Some(config) = &input.trigger_config {
        let (f, n) = (function.clone(), name.clone());
        let existing = app.store(move |s| s.get_trigger(&f, &n)).await?;
        validate::trigger_config(&existing.trigger_type, config).map_err(ApiFailure::invalid)?;
    }
    let f = function.clone();
    let trigger = app
        .store(move |s| {
            s.update_trigger(&f, &name, |t| {
                if let Some(config) = input.trigger_config {
                    t.trigger_config = config;
                }
                if input.invocation_role.is_some() {
                    t.invocation_role = input.invocation_role;
                }
                if input.qualifier.is_some() {
                    t.qualifier = input.qualifier;
                }
                if input.description.is_some() {
                    t.description = input.description;
                }
                t.last_modified_time = Some(fc::rfc3339_now());
            })
        })
        .await?;
    app.triggers.apply(&function, &trigger);
    app.triggers.settled(&function, &trigger.trigger_name).await;
    ok(&decorate(&app, &function, trigger, &headers))
}

pub async fn delete(
    State(app): State<Arc<AppState>>,
    Path((function, name)): Path<(String, String)>,
) -> ApiResult {
    let (f, n) = (function.clone(), name.clone());
    app.store(move |s| s.delete_trigger(&f, &n)).await?;
    app.triggers.remove(&function, &name);
    no_content()
}

pub async fn list(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params(params);
    let request = params.page_request()?;
    let f = function.clone();
    let page = app.store(move |s| s.list_triggers(&f, &request)).await?;
    ok(&ListTriggersOutput {
        triggers: page
            .items
            .into_iter()
            .map(|t| decorate(&app, &function, t, &headers))
            .collect(),
        next_token: page.next_token,
    })
}
