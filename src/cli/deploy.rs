//! `s deploy`: package each fc3 resource's code, then create or update the function, its
//! triggers, async config and concurrency on the target, in the manifest's dependency order.

use std::path::Path;

use anyhow::Context as _;
use base64::Engine as _;
use serde_json::{json, Value};

use super::args::DeployArgs;
use super::hooks::Hooks;
use super::output::{status, warn};
use super::target::{block_on, connect_for};
use super::{Context, Hinted, OutputFormat};
use crate::client::FcClient;
use crate::fc::{self, AsyncConfig, FunctionInput, InputCodeLocation, TriggerInput};
use crate::manifest::{Manifest, Resource};
use crate::package;

pub fn run(ctx: &Context, _args: DeployArgs) -> anyhow::Result<()> {
    let manifest = ctx.load_manifest()?;
    let hooks = Hooks::new(ctx, &manifest, "deploy");
    hooks.around(|| deploy_all(ctx, &manifest, &hooks))
}

fn deploy_all(ctx: &Context, manifest: &Manifest, hooks: &Hooks) -> anyhow::Result<()> {
    let resources = ctx.selected_resources(manifest)?;
    let plans = resources
        .iter()
        .map(|r| FunctionPlan::from_resource(r, manifest.dir()))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let local = ctx.target()? == super::context::Target::Local;
    if local {
        plans
            .iter()
            .try_for_each(FunctionPlan::check_runs_locally)?;
    }
    let client = connect_for(ctx, &resources)?;
    let mut results = serde_json::Map::new();
    for (resource, plan) in resources.iter().zip(&plans) {
        let summary = hooks.around_resource(resource, || {
            block_on(deploy_one(&client, plan, &manifest.dir().join(".s")))
        })?;
        results.insert(plan.resource.clone(), summary);
    }
    print_result(ctx, results)
}

/// Everything deploy sends for one resource, resolved from its props.
struct FunctionPlan {
    resource: String,
    name: String,
    input: FunctionInput,
    code_dir: std::path::PathBuf,
    triggers: Vec<TriggerInput>,
    async_config: Option<AsyncConfig>,
    reserved_concurrency: Option<u32>,
}

impl FunctionPlan {
    fn from_resource(resource: &Resource, base: &Path) -> anyhow::Result<Self> {
        let props = &resource.props;
        let bad = |what: String| Hinted::new(what, "run `s preview` to see the resolved props");
        let input = fc::function_input_from_props(props)
            .map_err(|e| bad(format!("resource `{}`: invalid props: {e}", resource.name)))?;
        let name = input.function_name.clone().ok_or_else(|| {
            bad(format!(
                "resource `{}` has no `functionName`",
                resource.name
            ))
        })?;
        let code = props.get("code").and_then(Value::as_str).ok_or_else(|| {
            bad(format!(
                "resource `{}` has no local `code` path",
                resource.name
            ))
        })?;
        let triggers = props
            .get("triggers")
            .and_then(Value::as_array)
            .map(|list| list.iter().map(trigger_input).collect())
            .unwrap_or_default();
        let async_config = props
            .get("asyncInvokeConfig")
            .map(|v| serde_json::from_value(v.clone()))
            .transpose()
            .map_err(|e| {
                bad(format!(
                    "resource `{}`: invalid `asyncInvokeConfig`: {e}",
                    resource.name
                ))
            })?;
        let reserved_concurrency = props
            .pointer("/concurrencyConfig/reservedConcurrency")
            .and_then(Value::as_u64)
            .map(|n| n as u32);
        Ok(FunctionPlan {
            resource: resource.name.clone(),
            name,
            input,
            code_dir: base.join(code),
            triggers,
            async_config,
            reserved_concurrency,
        })
    }

    fn check_runs_locally(&self) -> anyhow::Result<()> {
        let runtime = self.input.runtime.as_deref().unwrap_or_default();
        if fc::runtime_family(runtime) == fc::RuntimeFamily::Unsupported {
            return Err(Hinted::new(
                format!(
                    "function `{}` uses runtime `{runtime}`, which the local engine cannot run",
                    self.name
                ),
                format!(
                    "the local engine runs {}; deploy this function with `--target fc`",
                    fc::LOCAL_RUNTIMES.join(", ")
                ),
            )
            .into());
        }
        Ok(())
    }
}

/// FC takes `triggerConfig` as a JSON document inside a string.
fn trigger_input(spec: &Value) -> TriggerInput {
    let text = |key: &str| spec.get(key).and_then(Value::as_str).map(str::to_string);
    let config = spec
        .get("triggerConfig")
        .cloned()
        .unwrap_or_else(|| json!({}));
    TriggerInput {
        trigger_name: text("triggerName"),
        trigger_type: text("triggerType"),
        trigger_config: Some(match config {
            Value::String(s) => s,
            other => other.to_string(),
        }),
        source_arn: text("sourceArn"),
        invocation_role: text("invocationRole"),
        qualifier: text("qualifier"),
        description: text("description"),
    }
}

async fn deploy_one(
    client: &FcClient,
    plan: &FunctionPlan,
    work_dir: &Path,
) -> anyhow::Result<Value> {
    std::fs::create_dir_all(work_dir)
        .with_context(|| format!("cannot create `{}`", work_dir.display()))?;
    let package = package::prepare_code(&plan.code_dir, work_dir, &|_| {})
        .with_context(|| format!("cannot package the code of `{}`", plan.name))?;
    let checksum = package.checksum.to_string();
    let existing = client.find_function(&plan.name).await?;
    let unchanged = existing
        .as_ref()
        .is_some_and(|f| f.code_checksum.as_deref() == Some(checksum.as_str()));
    let mut input = plan.input.clone();
    // The manifest is the source of truth: no `layers:` means none, also on update.
    input.layers.get_or_insert_with(Vec::new);
    if !unchanged {
        let zip = std::fs::read(&package.path)
            .with_context(|| format!("cannot read `{}`", package.path.display()))?;
        input.code = Some(InputCodeLocation {
            zip_file: Some(base64::engine::general_purpose::STANDARD.encode(zip)),
            checksum: Some(checksum.clone()),
            ..Default::default()
        });
    }
    let function = match existing {
        Some(_) => {
            input.function_name = None;
            client.update_function(&plan.name, &input).await?
        }
        None => client.create_function(&input).await?,
    };
    let code_note = if unchanged {
        "code unchanged"
    } else {
        "code uploaded"
    };
    status(
        "Deployed",
        format!(
            "function `{}` ({}, {code_note}, {} bytes)",
            plan.name, function.runtime, package.size
        ),
    );
    let triggers = sync_triggers(client, plan).await?;
    match &plan.async_config {
        Some(config) => client.put_async_config(&plan.name, config).await?,
        None => client.delete_async_config(&plan.name).await?,
    }
    match plan.reserved_concurrency {
        Some(n) => client.put_concurrency(&plan.name, n).await?,
        None => client.delete_concurrency(&plan.name).await?,
    }
    Ok(json!({
        "functionName": function.function_name,
        "runtime": function.runtime,
        "handler": function.handler,
        "memorySize": function.memory_size,
        "timeout": function.timeout,
        "codeChecksum": function.code_checksum,
        "codeUploaded": !unchanged,
        "triggers": triggers,
    }))
}

/// Make the target's triggers match the manifest: create, update, delete.
async fn sync_triggers(client: &FcClient, plan: &FunctionPlan) -> anyhow::Result<Vec<Value>> {
    let remote = client.list_triggers(&plan.name).await?;
    let wanted: Vec<&str> = plan
        .triggers
        .iter()
        .filter_map(|t| t.trigger_name.as_deref())
        .collect();
    for stale in remote
        .iter()
        .filter(|t| !wanted.contains(&t.trigger_name.as_str()))
    {
        client
            .delete_trigger(&plan.name, &stale.trigger_name)
            .await?;
        status("Removed", format!("trigger `{}`", stale.trigger_name));
    }
    let mut summaries = Vec::new();
    for trigger in &plan.triggers {
        let name = trigger.trigger_name.as_deref().unwrap_or_default();
        let deployed = if remote.iter().any(|t| t.trigger_name == name) {
            let update = TriggerInput {
                trigger_name: None,
                trigger_type: None,
                source_arn: None,
                ..trigger.clone()
            };
            client.update_trigger(&plan.name, name, &update).await?
        } else {
            client.create_trigger(&plan.name, trigger).await?
        };
        let url = deployed
            .http_trigger
            .as_ref()
            .map(|h| h.url_internet.clone());
        let shown = url
            .as_deref()
            .map(|u| format!(" at {u}"))
            .unwrap_or_default();
        status(
            "Deployed",
            format!("{} trigger `{name}`{shown}", deployed.trigger_type),
        );
        if let Some(error) = &deployed.error {
            warn(format!("trigger `{name}` is not running: {error}"));
        }
        let mut summary = json!({
            "triggerName": name,
            "triggerType": deployed.trigger_type,
            "url": url,
            "status": deployed.status,
        });
        // Only HTTP triggers have a URL; `url: null` on the others read as a missing one.
        if url.is_none() {
            summary.as_object_mut().map(|m| m.remove("url"));
        }
        summaries.push(summary);
    }
    Ok(summaries)
}

fn print_result(ctx: &Context, results: serde_json::Map<String, Value>) -> anyhow::Result<()> {
    let value = Value::Object(results);
    match ctx.output() {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&value)?),
        _ => print!("{}", serde_yaml::to_string(&value)?),
    }
    Ok(())
}
