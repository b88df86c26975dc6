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
use crate::fc::{self, FunctionLayer, Layer, LayerVersionInput, OutputCodeLocation};

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
    // Every local layer is the caller's own: `official`/`public` lists are empty.
    if params.bool("official")? == Some(true) || params.bool("public")? == Some(true) {
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
/// an existing layer version.
pub(super) async fn function_layers(
    app: &AppState,
    arns: &[String],
) -> ApiResult<Vec<FunctionLayer>> {
    let mut wanted = Vec::new();
    for arn in arns {
        wanted.push((arn.clone(), parse_arn(arn)?));
    }
    app.store(move |s| {
        wanted
            .into_iter()
            .map(|(arn, (name, version))| {
                let layer = s.get_layer(&name, version)?;
                Ok(FunctionLayer {
                    arn,
                    size: layer.code_size,
                })
            })
            .collect()
    })
    .await
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
