//! FC's version and alias APIs: PublishFunctionVersion, ListFunctionVersions,
//! DeleteFunctionVersion, CreateAlias, GetAlias, ListAliases, UpdateAlias, DeleteAlias.
//! Invocations reach versions and aliases through the `qualifier` (see `specs::resolve`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};

use super::error::{ApiFailure, ApiResult};
use super::http::{is_alias_name, no_content, ok, parse_body, Params, LATEST};
use super::AppState;
use crate::engine::store::StoreError;
use crate::fc::{
    self, Alias, AliasInput, ListAliasesOutput, ListVersionsOutput, PublishVersionInput,
};

pub async fn publish(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    body: Bytes,
) -> ApiResult {
    let input: PublishVersionInput = parse_body(&body)?;
    let description = input.description.unwrap_or_default();
    let now = fc::rfc3339_now();
    let version = app
        .store(move |s| s.publish_version(&name, &description, &now))
        .await?;
    ok(&version)
}

pub async fn list(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    let forward = match params.get("direction") {
        None => false,
        Some(d) if d.eq_ignore_ascii_case("BACKWARD") => false,
        Some(d) if d.eq_ignore_ascii_case("FORWARD") => true,
        Some(d) => {
            return Err(ApiFailure::invalid(format!(
                "direction must be FORWARD or BACKWARD, got '{d}'"
            )))
        }
    };
    let start = match params.get("nextToken") {
        None => None,
        Some(token) => Some(
            token
                .parse::<i64>()
                .map_err(|_| ApiFailure::invalid(format!("nextToken '{token}' is not valid")))?,
        ),
    };
    let limit = params.limit(20)?;
    let page = app
        .store(move |s| s.list_versions(&name, forward, start, limit))
        .await?;
    ok(&ListVersionsOutput {
        versions: page.items,
        direction: if forward { "FORWARD" } else { "BACKWARD" }.into(),
        next_token: page.next_token,
    })
}

pub async fn delete(
    State(app): State<Arc<AppState>>,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult {
    let (f, v) = (name.clone(), version.clone());
    app.store(move |s| s.delete_version(&f, &v)).await?;
    app.specs.invalidate(&name);
    app.pool.retire_version(&name, &version).await;
    no_content()
}

pub async fn create_alias(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    body: Bytes,
) -> ApiResult {
    let input: AliasInput = parse_body(&body)?;
    let alias_name = input
        .alias_name
        .clone()
        .ok_or_else(|| ApiFailure::invalid("aliasName is required"))?;
    check_alias_name(&alias_name)?;
    let now = fc::rfc3339_now();
    let mut alias = Alias {
        alias_name,
        created_time: now.clone(),
        last_modified_time: now,
        ..Alias::default()
    };
    apply(&mut alias, input)?;
    if alias.version_id.is_empty() {
        return Err(ApiFailure::invalid("versionId is required"));
    }
    let created = app.store(move |s| s.create_alias(&name, &alias)).await?;
    ok(&created)
}

pub async fn get_alias(
    State(app): State<Arc<AppState>>,
    Path((name, alias)): Path<(String, String)>,
) -> ApiResult {
    ok(&app.store(move |s| s.get_alias(&name, &alias)).await?)
}

pub async fn update_alias(
    State(app): State<Arc<AppState>>,
    Path((name, alias_name)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let input: AliasInput = parse_body(&body)?;
    let now = fc::rfc3339_now();
    let updated = app
        .store(move |s| {
            s.update_alias(&name, &alias_name, |alias| {
                apply(alias, input)
                    .map_err(|failure| StoreError::Invalid(failure.error.message))?;
                alias.last_modified_time = now;
                Ok(())
            })
        })
        .await?;
    ok(&updated)
}

pub async fn delete_alias(
    State(app): State<Arc<AppState>>,
    Path((name, alias)): Path<(String, String)>,
) -> ApiResult {
    app.store(move |s| s.delete_alias(&name, &alias)).await?;
    no_content()
}

pub async fn list_aliases(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    let request = params.page_request()?;
    let page = app.store(move |s| s.list_aliases(&name, &request)).await?;
    ok(&ListAliasesOutput {
        aliases: page.items,
        next_token: page.next_token,
    })
}

/// Apply the fields the caller gave, then check the routing.
fn apply(alias: &mut Alias, input: AliasInput) -> ApiResult<()> {
    if let Some(version) = input.version_id {
        alias.version_id = version;
    }
    if let Some(description) = input.description {
        alias.description = description;
    }
    if let Some(weights) = input.additional_version_weight {
        alias.additional_version_weight = weights;
    }
    fc::check_alias_routing(&alias.version_id, &alias.additional_version_weight)
        .map_err(ApiFailure::invalid)
}

fn check_alias_name(name: &str) -> ApiResult<()> {
    if name == LATEST || !is_alias_name(name) {
        return Err(ApiFailure::invalid(format!(
            "aliasName '{name}' is not valid: a letter first, then letters, digits, '-' or '_', at most 128 characters, and not LATEST"
        )));
    }
    Ok(())
}
