//! Functions CRUD and GetFunctionCode. Code arrives as a base64 zip, is checked against
//! `code.checksum` (its CRC-64) when given, and is stored under its SHA-256; the function
//! records both, and the size.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use base64::Engine as _;

use super::error::{ApiFailure, ApiResult};
use super::http::{no_content, ok, parse_body, Params};
use super::{specs, validate, AppState};
use crate::engine::store::{CodeInfo, StoredFunction};
use crate::fc::{self, Function, FunctionInput, InputCodeLocation, ListFunctionsOutput};

/// The API's limit on an inline zip (`code.zipFile`).
const MAX_ZIP_BYTES: usize = 100 * 1024 * 1024;

pub async fn create(State(app): State<Arc<AppState>>, body: Bytes) -> ApiResult {
    let input: FunctionInput = parse_body(&body)?;
    let name = required(&input.function_name, "functionName")?;
    validate::function_name(name).map_err(ApiFailure::invalid)?;
    required(&input.runtime, "runtime")?;
    required(&input.handler, "handler")?;
    validate::function_settings(&input).map_err(ApiFailure::invalid)?;
    let code = input
        .code
        .as_ref()
        .ok_or_else(|| ApiFailure::invalid("code is required: give `code.zipFile`"))?;
    let info = save_code(&app, code).await?;

    let mut function = Function::from_input(&input);
    let now = fc::rfc3339_now();
    function.function_id = Some(new_id());
    function.function_arn = Some(app.function_arn(name));
    function.created_time = Some(now.clone());
    function.last_modified_time = Some(now);
    function.state = Some("Active".into());
    function.last_update_status = Some("Successful".into());
    if let Some(serde_json::Value::Array(tags)) = input.extra.get("tags") {
        function.tags = tags.clone();
    }
    set_code(&mut function, &info);
    if let Some(arns) = &input.layers {
        function.layers = super::layers::function_layers(&app, arns).await?;
    }
    let stored = app.store(move |s| s.create_function(&function)).await?;
    app.specs.invalidate(name);
    ok(&stored.function)
}

pub async fn get(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let stored = stored_as_qualified(&app, name, &Params(params)).await?;
    ok(&stored.function)
}

/// The function as the request's qualifier names it: LATEST, a version, or an alias's
/// main version.
async fn stored_as_qualified(
    app: &Arc<AppState>,
    name: String,
    params: &Params,
) -> ApiResult<StoredFunction> {
    let qualifier = params.qualifier()?;
    let version = specs::resolve_version(app, &name, &qualifier, specs::AliasRouting::Main).await?;
    app.store(move |s| match &version {
        None => s.get_function(&name),
        Some(v) => s.get_version(&name, v),
    })
    .await
}

pub async fn update(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    body: Bytes,
) -> ApiResult {
    let input: FunctionInput = parse_body(&body)?;
    validate::function_settings(&input).map_err(ApiFailure::invalid)?;
    let code = match &input.code {
        Some(code) => Some(save_code(&app, code).await?),
        None => None,
    };
    let layers = match &input.layers {
        Some(arns) => Some(super::layers::function_layers(&app, arns).await?),
        None => None,
    };
    let owned = name.clone();
    let stored = app
        .store(move |s| {
            s.update_function(&owned, |function| {
                function.apply_input(&input);
                if let Some(info) = &code {
                    set_code(function, info);
                }
                if let Some(layers) = layers {
                    function.layers = layers;
                }
                function.last_modified_time = Some(fc::rfc3339_now());
                function.last_update_status = Some("Successful".into());
            })
        })
        .await?;
    app.specs.invalidate(&name);
    app.pool.retire(&name).await;
    ok(&stored.function)
}

pub async fn delete(State(app): State<Arc<AppState>>, Path(name): Path<String>) -> ApiResult {
    let owned = name.clone();
    app.store(move |s| s.delete_function(&owned)).await?;
    app.specs.invalidate(&name);
    app.triggers.remove_function(&name);
    app.pool.retire_all(&name).await;
    no_content()
}

pub async fn list(
    State(app): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    let request = params.page_request()?;
    let page = app.store(move |s| s.list_functions(&request)).await?;
    ok(&ListFunctionsOutput {
        functions: page.items,
        next_token: page.next_token,
    })
}

/// `{url, checksum}`; the URL points at the engine's own download route, on the host the
/// caller used to reach us.
pub async fn code(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> ApiResult {
    let stored = stored_as_qualified(&app, name, &Params(params)).await?;
    let package = stored.function.code_digest.as_ref();
    let checksum = stored.function.code_checksum.clone().unwrap_or_default();
    ok(&fc::OutputFuncCode {
        url: code_url(&app, &headers, package.unwrap_or(&checksum)),
        checksum,
    })
}

/// The engine's download URL of a stored zip, on the host the caller used to reach us.
pub(super) fn code_url(app: &AppState, headers: &HeaderMap, checksum: &str) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .unwrap_or_else(|| app.info.address.to_string());
    format!("http://{host}/_s/v1/code/{checksum}.zip")
}

fn required<'a>(value: &'a Option<String>, field: &str) -> ApiResult<&'a str> {
    match value.as_deref() {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(ApiFailure::invalid(format!("{field} is required"))),
    }
}

fn zip_too_large(size: usize) -> ApiFailure {
    ApiFailure::new(
        fc::ErrorCode::EntityTooLarge,
        format!("code package size {size} exceeds maximum allowed size ({MAX_ZIP_BYTES} bytes)"),
    )
}

/// Decode, verify and store an inline zip.
pub(super) async fn save_code(app: &AppState, code: &InputCodeLocation) -> ApiResult<CodeInfo> {
    if code.oss_bucket_name.is_some() || code.oss_object_name.is_some() {
        return Err(ApiFailure::invalid(
            "code from OSS is not supported by the local engine: send `code.zipFile`",
        ));
    }
    let encoded = code
        .zip_file
        .as_deref()
        .ok_or_else(|| ApiFailure::invalid("code.zipFile is required"))?;
    // Refuse an oversized package before decoding it (4 base64 characters per 3 bytes).
    let encoded = encoded.trim();
    if encoded.len() / 4 * 3 > MAX_ZIP_BYTES + 2 {
        return Err(zip_too_large(encoded.len() / 4 * 3));
    }
    let zip = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|e| ApiFailure::invalid(format!("code.zipFile is not valid base64: {e}")))?;
    if zip.len() > MAX_ZIP_BYTES {
        return Err(zip_too_large(zip.len()));
    }
    validate::code_zip(&zip).map_err(ApiFailure::invalid)?;
    let expected = code.checksum.clone().filter(|c| !c.is_empty());
    let saved = app
        .store(move |s| {
            let computed = crate::package::crc64(&zip).to_string();
            match expected {
                // Verify before storing, so a corrupt upload leaves nothing behind.
                Some(expected) if expected != computed => Ok(Err(format!(
                    "code checksum mismatch: given {expected}, computed {computed}"
                ))),
                _ => s.save_code(&zip).map(Ok),
            }
        })
        .await?;
    let info = saved.map_err(ApiFailure::invalid)?;
    Ok(info)
}

fn set_code(function: &mut Function, info: &CodeInfo) {
    function.code_checksum = Some(info.checksum.clone());
    function.code_digest = Some(info.digest.clone());
    function.code_size = Some(info.size as i64);
}

/// A random id in FC's uuid-like shape.
pub(super) fn new_id() -> String {
    let b: [u8; 16] = rand::random();
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}
