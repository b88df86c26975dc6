//! FC's layer API: CreateLayerVersion, GetLayerVersion, GetLayerVersionByArn,
//! ListLayers, ListLayerVersions, DeleteLayerVersion. Layer zips are stored by checksum like
//! function code; functions name layer versions by ARN, checked here when they are set.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;

use super::error::{ApiFailure, ApiResult};
use super::functions::{code_url, save_code};
use super::http::{no_content, ok, parse_body, Params};
use super::{validate, AppState};
use crate::engine::store::{Store, StoreError};
use crate::fc::{self, ErrorCode, FunctionLayer, Layer, LayerVersionInput, OutputCodeLocation};
use crate::official_layers::{self, OfficialError};

pub async fn create(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    validate::layer_name(&name).map_err(ApiFailure::invalid)?;
    let input: LayerVersionInput = parse_body(&body)?;
    let code = input
        .code
        .as_ref()
        .ok_or_else(|| ApiFailure::invalid("code is required: give `code.zipFile`"))?;
    let info = save_code(&app, code).await?;
    let layer = Layer {
        layer_name: name.clone(),
        description: input.description.clone().unwrap_or_default(),
        compatible_runtime: input.compatible_runtime.clone(),
        code_checksum: info.checksum,
        code_digest: Some(info.digest),
        code_size: info.size as i64,
        create_time: fc::rfc3339_now(),
        acl: "0".into(),
        license: input.license.clone().unwrap_or_default(),
        ..Layer::default()
    };
    let (region, account) = (app.region.clone(), app.account_id.clone());
    let stored = app
        .store(move |s| {
            s.publish_layer(layer, |version| {
                fc::layer_arn(&region, &account, &name, version)
            })
        })
        .await?;
    ok(&with_code_url(&app, &headers, stored))
}

pub async fn get(
    State(app): State<Arc<AppState>>,
    Path((name, version)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult {
    let version = version_number(&version)?;
    let layer = app.store(move |s| s.get_layer(&name, version)).await?;
    ok(&with_code_url(&app, &headers, layer))
}

pub async fn get_by_arn(
    State(app): State<Arc<AppState>>,
    Path(arn): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    if let Some((name, version)) = fc::parse_official_layer_arn(&arn) {
        let official = official_layers::find(&name).ok_or_else(|| official_not_found(&name))?;
        return ok(&official_layers::record(official, &app.region, version));
    }
    let (name, version) = parse_arn(&arn)?;
    let layer = app.store(move |s| s.get_layer(&name, version)).await?;
    ok(&with_code_url(&app, &headers, layer))
}

pub async fn delete(
    State(app): State<Arc<AppState>>,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult {
    let version = version_number(&version)?;
    app.store(move |s| s.delete_layer(&name, version)).await?;
    no_content()
}

pub async fn list(
    State(app): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    // The official list is the layers with a local equivalent; every other local layer is
    // the caller's own, so the `public` list is empty.
    if params.bool("official")? == Some(true) {
        let prefix = params.get("prefix").unwrap_or_default().to_string();
        let layers = official_layers::supported()
            .filter(|o| o.name.starts_with(&prefix))
            .map(|o| official_layers::record(o, &app.region, 1))
            .collect();
        return ok(&fc::ListLayersOutput {
            layers,
            next_token: None,
        });
    }
    if params.bool("public")? == Some(true) {
        return ok(&fc::ListLayersOutput::default());
    }
    let request = params.page_request()?;
    let page = app.store(move |s| s.list_layers(&request)).await?;
    ok(&fc::ListLayersOutput {
        layers: page.items,
        next_token: page.next_token,
    })
}

pub async fn list_versions(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    let limit = params.limit(20)?;
    let start = match params.get("startVersion") {
        Some(v) => version_number(v)?,
        None => 0,
    };
    let (layers, next_version) = app
        .store(move |s| s.list_layer_versions(&name, start, limit))
        .await?;
    ok(&fc::ListLayerVersionOutput {
        layers,
        next_version,
    })
}

/// The `{arn, size}` list a function reports for the ARNs it was given; every ARN must name
/// an existing layer version. Official layers are prepared now (built the first time on
/// this host), so one that cannot be provided fails the deploy, not the first invoke.
pub(super) async fn function_layers(
    app: &AppState,
    arns: &[String],
) -> ApiResult<Vec<FunctionLayer>> {
    let mut wanted = Vec::new();
    for arn in arns {
        match fc::parse_official_layer_arn(arn) {
            Some((name, _)) => {
                prepare_official(name).await?;
                wanted.push((arn.clone(), None));
            }
            None => wanted.push((arn.clone(), Some(parse_arn(arn)?))),
        }
    }
    app.store(move |s| {
        wanted
            .into_iter()
            .map(|(arn, stored)| {
                // An official layer has no zip here, so no size FC would report.
                let size = match stored {
                    Some((name, version)) => s.get_layer(&name, version)?.code_size,
                    None => 0,
                };
                Ok(FunctionLayer { arn, size })
            })
            .collect()
    })
    .await
}

/// Build official layer `name` if this host has none yet; a warning (another version of
/// the runtime) goes to the engine log.
async fn prepare_official(name: String) -> ApiResult<()> {
    let shown = name.clone();
    let prepared = tokio::task::spawn_blocking(move || {
        official_layers::prepare(&name, &mut |line| tracing::debug!("official layer: {line}"))
    })
    .await
    .map_err(|e| ApiFailure::new(ErrorCode::InternalServerError, e.to_string()))?;
    match prepared {
        Ok(prepared) => {
            if let Some(warning) = prepared.warning {
                tracing::warn!("{warning}");
            }
            tracing::info!("official layer `{shown}` is {}", prepared.mapped);
            Ok(())
        }
        Err(OfficialError::Unknown(name)) => Err(official_not_found(&name)),
        Err(e @ OfficialError::Unavailable { .. }) => Err(ApiFailure::invalid(e.to_string())),
        Err(e) => Err(ApiFailure::new(
            ErrorCode::InternalServerError,
            e.to_string(),
        )),
    }
}

fn official_not_found(name: &str) -> ApiFailure {
    let known: Vec<&str> = official_layers::supported().map(|o| o.name).collect();
    ApiFailure::new(
        ErrorCode::LayerNotFound,
        format!(
            "official layer '{name}' does not exist; the local engine provides: {}",
            known.join(", ")
        ),
    )
}

/// The layer records of a function's layers, in its order, for building `/opt`.
pub(super) fn resolve(store: &Store, layers: &[FunctionLayer]) -> Result<Vec<Layer>, StoreError> {
    store.resolve_layers(layers)
}

fn with_code_url(app: &AppState, headers: &HeaderMap, mut layer: Layer) -> Layer {
    layer.code = Some(OutputCodeLocation {
        location: code_url(
            app,
            headers,
            layer.code_digest.as_deref().unwrap_or(&layer.code_checksum),
        ),
        repository_type: "zip".into(),
    });
    layer
}

fn parse_arn(arn: &str) -> ApiResult<(String, u32)> {
    fc::parse_layer_arn(arn).ok_or_else(|| {
        ApiFailure::invalid(format!(
            "invalid layer ARN '{arn}': expected acs:fc:<region>:<accountId>:layers/<name>/versions/<version>"
        ))
    })
}

fn version_number(text: &str) -> ApiResult<u32> {
    text.parse()
        .map_err(|_| ApiFailure::invalid(format!("invalid layer version '{text}'")))
}
