//! The OpenAPI 3 document of the FC 3.0 subset this engine serves, built with `utoipa` from
//! the wire types in `crate::fc`, and served at `/_s/v1/openapi.json`. Each operation below
//! mirrors one route in `router()`; the empty functions only carry the path descriptions
//! (the real handlers read raw bodies and query maps, which utoipa cannot describe).
#![allow(dead_code)]

use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

use crate::fc::{
    Alias, AliasInput, ApiError, AsyncConfig, AsyncTask, ConcurrencyConfig, CustomDomain,
    CustomDomainInput, Function, FunctionInput, Layer, LayerVersionInput, ListAliasesOutput,
    ListAsyncTasksOutput, ListCustomDomainOutput, ListFunctionsOutput, ListInstancesOutput,
    ListLayerVersionOutput, ListLayersOutput, ListTriggersOutput, ListVersionsOutput,
    OutputFuncCode, PublishVersionInput, Trigger, TriggerInput, Version,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "s local Function Compute engine",
        description = "The FC 3.0 API subset served by `s engine start`. Every error is FC JSON: `{Code, Message, RequestId}`."
    ),
    paths(
        create_function,
        list_functions,
        get_function,
        update_function,
        delete_function,
        get_function_code,
        invoke_function,
        create_trigger,
        list_triggers,
        get_trigger,
        update_trigger,
        delete_trigger,
        get_async_config,
        put_async_config,
        delete_async_config,
        list_async_configs,
        get_concurrency,
        put_concurrency,
        delete_concurrency,
        list_concurrency,
        list_instances,
        list_layers,
        create_layer_version,
        list_layer_versions,
        get_layer_version,
        delete_layer_version,
        get_layer_version_by_arn,
        list_async_tasks,
        get_async_task,
        stop_async_task,
        publish_function_version,
        list_function_versions,
        delete_function_version,
        create_alias,
        list_aliases,
        get_alias,
        update_alias,
        delete_alias,
        create_custom_domain,
        list_custom_domains,
        get_custom_domain,
        update_custom_domain,
        delete_custom_domain,
    ),
    components(schemas(ApiError))
)]
struct EngineApi;

/// The document as JSON text.
pub fn document() -> String {
    EngineApi::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document always serializes")
}

/// `GET /_s/v1/openapi.json`.
pub async fn serve() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], document()).into_response()
}

/// `ListAsyncInvokeConfigs`' answer (the handler builds it as a generic list).
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct ListAsyncInvokeConfigsOutput {
    configs: Vec<AsyncConfig>,
    next_token: Option<String>,
}

/// `ListConcurrencyConfigs`' answer.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct ListConcurrencyConfigsOutput {
    configs: Vec<ConcurrencyConfig>,
    next_token: Option<String>,
}

#[utoipa::path(post, path = "/2023-03-30/functions", tag = "functions",
    request_body = FunctionInput,
    responses((status = 200, body = Function), (status = "default", body = ApiError)))]
fn create_function() {}

#[utoipa::path(get, path = "/2023-03-30/functions", tag = "functions",
    params(("prefix" = Option<String>, Query), ("nextToken" = Option<String>, Query),
           ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListFunctionsOutput), (status = "default", body = ApiError)))]
fn list_functions() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}", tag = "functions",
    params(("name" = String, Path), ("qualifier" = Option<String>, Query)),
    responses((status = 200, body = Function), (status = "default", body = ApiError)))]
fn get_function() {}

#[utoipa::path(put, path = "/2023-03-30/functions/{name}", tag = "functions",
    params(("name" = String, Path)), request_body = FunctionInput,
    responses((status = 200, body = Function), (status = "default", body = ApiError)))]
fn update_function() {}

#[utoipa::path(delete, path = "/2023-03-30/functions/{name}", tag = "functions",
    params(("name" = String, Path)),
    responses((status = 204), (status = "default", body = ApiError)))]
fn delete_function() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/code", tag = "functions",
    params(("name" = String, Path), ("qualifier" = Option<String>, Query)),
    responses((status = 200, body = OutputFuncCode), (status = "default", body = ApiError)))]
fn get_function_code() {}

#[utoipa::path(post, path = "/2023-03-30/functions/{name}/invocations", tag = "invoke",
    params(("name" = String, Path), ("qualifier" = Option<String>, Query),
           ("x-fc-invocation-type" = Option<String>, Header, description = "`Sync` (default) or `Async`"),
           ("x-fc-log-type" = Option<String>, Header, description = "`None` or `Tail`")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "the function's result, as it returned it",
         content_type = "application/octet-stream", body = Vec<u8>),
        (status = 202, description = "an async invocation was accepted"),
        (status = "default", body = ApiError)))]
fn invoke_function() {}

#[utoipa::path(post, path = "/2023-03-30/functions/{name}/triggers", tag = "triggers",
    params(("name" = String, Path)), request_body = TriggerInput,
    responses((status = 200, body = Trigger), (status = "default", body = ApiError)))]
fn create_trigger() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/triggers", tag = "triggers",
    params(("name" = String, Path), ("prefix" = Option<String>, Query),
           ("nextToken" = Option<String>, Query), ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListTriggersOutput), (status = "default", body = ApiError)))]
fn list_triggers() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/triggers/{trigger}", tag = "triggers",
    params(("name" = String, Path), ("trigger" = String, Path)),
    responses((status = 200, body = Trigger), (status = "default", body = ApiError)))]
fn get_trigger() {}

#[utoipa::path(put, path = "/2023-03-30/functions/{name}/triggers/{trigger}", tag = "triggers",
    params(("name" = String, Path), ("trigger" = String, Path)), request_body = TriggerInput,
    responses((status = 200, body = Trigger), (status = "default", body = ApiError)))]
fn update_trigger() {}

#[utoipa::path(delete, path = "/2023-03-30/functions/{name}/triggers/{trigger}", tag = "triggers",
    params(("name" = String, Path), ("trigger" = String, Path)),
    responses((status = 204), (status = "default", body = ApiError)))]
fn delete_trigger() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/async-invoke-config", tag = "async",
    params(("name" = String, Path), ("qualifier" = Option<String>, Query)),
    responses((status = 200, body = AsyncConfig), (status = "default", body = ApiError)))]
fn get_async_config() {}

#[utoipa::path(put, path = "/2023-03-30/functions/{name}/async-invoke-config", tag = "async",
    params(("name" = String, Path), ("qualifier" = Option<String>, Query)),
    request_body = AsyncConfig,
    responses((status = 200, body = AsyncConfig), (status = "default", body = ApiError)))]
fn put_async_config() {}

#[utoipa::path(delete, path = "/2023-03-30/functions/{name}/async-invoke-config", tag = "async",
    params(("name" = String, Path), ("qualifier" = Option<String>, Query)),
    responses((status = 204), (status = "default", body = ApiError)))]
fn delete_async_config() {}

#[utoipa::path(get, path = "/2023-03-30/async-invoke-configs", tag = "async",
    params(("functionName" = Option<String>, Query), ("nextToken" = Option<String>, Query),
           ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListAsyncInvokeConfigsOutput), (status = "default", body = ApiError)))]
fn list_async_configs() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/concurrency", tag = "concurrency",
    params(("name" = String, Path)),
    responses((status = 200, body = ConcurrencyConfig), (status = "default", body = ApiError)))]
fn get_concurrency() {}

#[utoipa::path(put, path = "/2023-03-30/functions/{name}/concurrency", tag = "concurrency",
    params(("name" = String, Path)), request_body = ConcurrencyConfig,
    responses((status = 200, body = ConcurrencyConfig), (status = "default", body = ApiError)))]
fn put_concurrency() {}

#[utoipa::path(delete, path = "/2023-03-30/functions/{name}/concurrency", tag = "concurrency",
    params(("name" = String, Path)),
    responses((status = 204), (status = "default", body = ApiError)))]
fn delete_concurrency() {}

#[utoipa::path(get, path = "/2023-03-30/concurrency-configs", tag = "concurrency",
    params(("functionName" = Option<String>, Query), ("nextToken" = Option<String>, Query),
           ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListConcurrencyConfigsOutput), (status = "default", body = ApiError)))]
fn list_concurrency() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/instances", tag = "functions",
    params(("name" = String, Path), ("qualifier" = Option<String>, Query)),
    responses((status = 200, body = ListInstancesOutput), (status = "default", body = ApiError)))]
fn list_instances() {}

#[utoipa::path(get, path = "/2023-03-30/layers", tag = "layers",
    params(("prefix" = Option<String>, Query), ("nextToken" = Option<String>, Query),
           ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListLayersOutput), (status = "default", body = ApiError)))]
fn list_layers() {}

#[utoipa::path(post, path = "/2023-03-30/layers/{name}/versions", tag = "layers",
    params(("name" = String, Path)), request_body = LayerVersionInput,
    responses((status = 200, body = Layer), (status = "default", body = ApiError)))]
fn create_layer_version() {}

#[utoipa::path(get, path = "/2023-03-30/layers/{name}/versions", tag = "layers",
    params(("name" = String, Path), ("startVersion" = Option<String>, Query),
           ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListLayerVersionOutput), (status = "default", body = ApiError)))]
fn list_layer_versions() {}

#[utoipa::path(get, path = "/2023-03-30/layers/{name}/versions/{version}", tag = "layers",
    params(("name" = String, Path), ("version" = String, Path)),
    responses((status = 200, body = Layer), (status = "default", body = ApiError)))]
fn get_layer_version() {}

#[utoipa::path(delete, path = "/2023-03-30/layers/{name}/versions/{version}", tag = "layers",
    params(("name" = String, Path), ("version" = String, Path)),
    responses((status = 204), (status = "default", body = ApiError)))]
fn delete_layer_version() {}

#[utoipa::path(get, path = "/2023-03-30/layerarn/{arn}", tag = "layers",
    params(("arn" = String, Path)),
    responses((status = 200, body = Layer), (status = "default", body = ApiError)))]
fn get_layer_version_by_arn() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/async-tasks", tag = "async",
    params(("name" = String, Path), ("qualifier" = Option<String>, Query),
           ("status" = Option<String>, Query), ("prefix" = Option<String>, Query),
           ("nextToken" = Option<String>, Query), ("limit" = Option<u32>, Query, minimum = 1, maximum = 100),
           ("sortOrderByTime" = Option<String>, Query), ("includePayload" = Option<bool>, Query),
           ("startedTimeBegin" = Option<i64>, Query), ("startedTimeEnd" = Option<i64>, Query)),
    responses((status = 200, body = ListAsyncTasksOutput), (status = "default", body = ApiError)))]
fn list_async_tasks() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/async-tasks/{task}", tag = "async",
    params(("name" = String, Path), ("task" = String, Path), ("qualifier" = Option<String>, Query)),
    responses((status = 200, body = AsyncTask), (status = "default", body = ApiError)))]
fn get_async_task() {}

#[utoipa::path(put, path = "/2023-03-30/functions/{name}/async-tasks/{task}/stop", tag = "async",
    params(("name" = String, Path), ("task" = String, Path), ("qualifier" = Option<String>, Query)),
    responses((status = 200), (status = "default", body = ApiError)))]
fn stop_async_task() {}

#[utoipa::path(post, path = "/2023-03-30/functions/{name}/versions", tag = "versions",
    params(("name" = String, Path)), request_body = PublishVersionInput,
    responses((status = 200, body = Version), (status = "default", body = ApiError)))]
fn publish_function_version() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/versions", tag = "versions",
    params(("name" = String, Path),
           ("direction" = Option<String>, Query, description = "`FORWARD` or `BACKWARD` (default)"),
           ("nextToken" = Option<String>, Query), ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListVersionsOutput), (status = "default", body = ApiError)))]
fn list_function_versions() {}

#[utoipa::path(delete, path = "/2023-03-30/functions/{name}/versions/{version}", tag = "versions",
    params(("name" = String, Path), ("version" = String, Path)),
    responses((status = 204), (status = "default", body = ApiError)))]
fn delete_function_version() {}

#[utoipa::path(post, path = "/2023-03-30/functions/{name}/aliases", tag = "aliases",
    params(("name" = String, Path)), request_body = AliasInput,
    responses((status = 200, body = Alias), (status = "default", body = ApiError)))]
fn create_alias() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/aliases", tag = "aliases",
    params(("name" = String, Path), ("prefix" = Option<String>, Query),
           ("nextToken" = Option<String>, Query), ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListAliasesOutput), (status = "default", body = ApiError)))]
fn list_aliases() {}

#[utoipa::path(get, path = "/2023-03-30/functions/{name}/aliases/{alias}", tag = "aliases",
    params(("name" = String, Path), ("alias" = String, Path)),
    responses((status = 200, body = Alias), (status = "default", body = ApiError)))]
fn get_alias() {}

#[utoipa::path(put, path = "/2023-03-30/functions/{name}/aliases/{alias}", tag = "aliases",
    params(("name" = String, Path), ("alias" = String, Path)), request_body = AliasInput,
    responses((status = 200, body = Alias), (status = "default", body = ApiError)))]
fn update_alias() {}

#[utoipa::path(delete, path = "/2023-03-30/functions/{name}/aliases/{alias}", tag = "aliases",
    params(("name" = String, Path), ("alias" = String, Path)),
    responses((status = 204), (status = "default", body = ApiError)))]
fn delete_alias() {}

#[utoipa::path(post, path = "/2023-03-30/custom-domains", tag = "custom-domains",
    request_body = CustomDomainInput,
    responses((status = 200, body = CustomDomain), (status = "default", body = ApiError)))]
fn create_custom_domain() {}

#[utoipa::path(get, path = "/2023-03-30/custom-domains", tag = "custom-domains",
    params(("prefix" = Option<String>, Query), ("nextToken" = Option<String>, Query),
           ("limit" = Option<u32>, Query, minimum = 1, maximum = 100)),
    responses((status = 200, body = ListCustomDomainOutput), (status = "default", body = ApiError)))]
fn list_custom_domains() {}

#[utoipa::path(get, path = "/2023-03-30/custom-domains/{domainName}", tag = "custom-domains",
    params(("domainName" = String, Path)),
    responses((status = 200, body = CustomDomain), (status = "default", body = ApiError)))]
fn get_custom_domain() {}

#[utoipa::path(put, path = "/2023-03-30/custom-domains/{domainName}", tag = "custom-domains",
    params(("domainName" = String, Path)), request_body = CustomDomainInput,
    responses((status = 200, body = CustomDomain), (status = "default", body = ApiError)))]
fn update_custom_domain() {}

#[utoipa::path(delete, path = "/2023-03-30/custom-domains/{domainName}", tag = "custom-domains",
    params(("domainName" = String, Path)),
    responses((status = 204), (status = "default", body = ApiError)))]
fn delete_custom_domain() {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signer names every operation the document lists (the client signs what the
    /// engine serves): one surface, checked from both ends.
    #[test]
    fn every_documented_operation_has_a_signer_action() {
        let doc: serde_json::Value = serde_json::from_str(&document()).unwrap();
        let paths = doc["paths"].as_object().unwrap();
        let parameter = regex::Regex::new(r"\{[^}]+\}").unwrap();
        let mut seen = 0;
        for (path, operations) in paths {
            let concrete = parameter.replace_all(path, "x").into_owned();
            for method in operations.as_object().unwrap().keys() {
                let method: reqwest::Method = method.to_ascii_uppercase().parse().unwrap();
                assert!(
                    crate::client::action_for(&method, &concrete).is_some(),
                    "{method} {path} has no x-acs-action"
                );
                seen += 1;
            }
        }
        assert!(seen >= 40, "only {seen} operations documented");
        let create =
            crate::client::action_for(&reqwest::Method::POST, "/2023-03-30/custom-domains");
        assert_eq!(create, Some("CreateCustomDomain"));
    }
}
