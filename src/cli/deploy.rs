//! `s deploy`: package each fc3 resource's code, then create or update the function, its
//! triggers, async config and concurrency on the target, in the manifest's dependency order.

use std::path::Path;

use anyhow::Context as _;
use base64::Engine as _;
use serde_json::{json, Value};

use super::args::{DeployArgs, FunctionPart};
use super::hooks::Hooks;
use super::output::{status, warn};
use super::target::{block_on, connect_for};
use super::{Context, Hinted, OutputFormat};
use crate::client::FcClient;
use crate::fc::{self, AsyncConfig, FunctionInput, InputCodeLocation, TriggerInput};
use crate::manifest::{Manifest, Resource};
use crate::package;

pub fn run(ctx: &Context, args: DeployArgs) -> anyhow::Result<()> {
    let parts = Parts::from_args(&args)?;
    let manifest = ctx.load_manifest()?;
    let hooks = Hooks::new(ctx, &manifest, "deploy");
    hooks.around(|| deploy_all(ctx, &manifest, &hooks, &parts))
}

/// What one `s deploy` sends: everything, or the parts fc3's flags name.
struct Parts {
    function: Option<FunctionPart>,
    /// `Some(empty)` is every trigger.
    triggers: Option<Vec<String>>,
    async_config: bool,
}

impl Parts {
    fn from_args(args: &DeployArgs) -> anyhow::Result<Parts> {
        if let Some(part) = &args.legacy_type {
            return Err(Hinted::new(
                format!("`--type {part}` is Serverless Devs 2.x's spelling"),
                format!("use `s deploy --function {part}`"),
            )
            .into());
        }
        if args.use_remote {
            return Err(Hinted::new(
                "`--use-remote` (deploy the cloud's configuration back) has no meaning here",
                "the manifest is always what is deployed; drop the flag",
            )
            .into());
        }
        let nothing_named =
            args.function.is_none() && args.trigger.is_none() && !args.async_invoke_config;
        Ok(Parts {
            function: if nothing_named {
                Some(FunctionPart::All)
            } else {
                args.function
            },
            triggers: if nothing_named {
                Some(Vec::new())
            } else {
                named(&args.trigger)
            },
            async_config: nothing_named || args.async_invoke_config,
        })
    }

    /// Everything a plain `s deploy` sends, including what no flag names on its own.
    fn is_everything(&self) -> bool {
        self.function == Some(FunctionPart::All)
            && self.triggers.as_ref().is_some_and(Vec::is_empty)
            && self.async_config
    }
}

fn deploy_all(
    ctx: &Context,
    manifest: &Manifest,
    hooks: &Hooks,
    parts: &Parts,
) -> anyhow::Result<()> {
    ctx.check_one_region_per_name(manifest)?;
    let resources = ctx.selected_resources(manifest)?;
    let domains = super::domain::plans(ctx, manifest, &resources)?;
    let plans = resources
        .iter()
        .map(|r| FunctionPlan::from_resource(r, manifest.dir()))
        .collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(names) = &parts.triggers {
        check_trigger_names(names, &plans)?;
    }
    plans.iter().for_each(FunctionPlan::warn_about_handler);
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
            block_on(deploy_one(&client, plan, &manifest.dir().join(".s"), parts))
        })?;
        results.insert(plan.resource.clone(), summary);
    }
    // Part flags (`--function code`, `--trigger`) name parts of functions only.
    if parts.is_everything() {
        let deployed = block_on(super::domain::deploy(&client, &domains, local))?;
        super::domain::merge_into(&mut results, deployed);
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

    /// A handler the code folder does not hold fails at the first invoke: say so now.
    fn warn_about_handler(&self) {
        let (Some(runtime), Some(handler)) = (&self.input.runtime, &self.input.handler) else {
            return;
        };
        // A ready-made zip (`code: ./code.zip`) is not looked into.
        if !self.code_dir.is_dir() {
            return;
        }
        let problem = match package::check_handler(&self.code_dir, runtime, handler) {
            Ok(()) => return,
            Err(package::HandlerProblem::NoModule { tried }) => {
                format!("the code folder has no `{}`", tried.join("` or `"))
            }
            Err(package::HandlerProblem::NoFunction {
                module,
                function,
                defined,
            }) => {
                let hint =
                    crate::manifest::did_you_mean(&function, defined.iter().map(String::as_str))
                        .map(|h| format!(" ({h})"))
                        .unwrap_or_default();
                format!("`{module}` defines no `{function}`{hint}")
            }
        };
        warn(format!(
            "function `{}`: handler `{handler}` will not be found: {problem}",
            self.name
        ));
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

/// `--trigger` alone (every trigger: no names) or `--trigger a,b`, without empty names.
pub(super) fn named(list: &Option<Vec<String>>) -> Option<Vec<String>> {
    list.as_ref()
        .map(|names| names.iter().filter(|n| !n.is_empty()).cloned().collect())
}

/// `--trigger a,b` names triggers some selected resource declares.
fn check_trigger_names(names: &[String], plans: &[FunctionPlan]) -> anyhow::Result<()> {
    let declared: Vec<&str> = plans
        .iter()
        .flat_map(|p| &p.triggers)
        .filter_map(|t| t.trigger_name.as_deref())
        .collect();
    match names.iter().find(|n| !declared.contains(&n.as_str())) {
        None => Ok(()),
        Some(unknown) => Err(Hinted::new(
            format!("no resource declares trigger `{unknown}`"),
            if declared.is_empty() {
                "these resources have no `triggers`".to_string()
            } else {
                format!("triggers in this project: {}", declared.join(", "))
            },
        )
        .into()),
    }
}

async fn deploy_one(
    client: &FcClient,
    plan: &FunctionPlan,
    work_dir: &Path,
    parts: &Parts,
) -> anyhow::Result<Value> {
    let existing = client.find_function(&plan.name).await?;
    let (function, uploaded) = match (parts.function, existing) {
        (Some(part), existing) => deploy_function(client, plan, work_dir, part, existing).await?,
        (None, Some(existing)) => (existing, None),
        (None, None) => {
            return Err(Hinted::new(
                format!("function `{}` is not deployed", plan.name),
                "deploy it first with `s deploy` (or `s deploy --function`)",
            )
            .into())
        }
    };
    let mut summary = json!({
        "functionName": function.function_name,
        "runtime": function.runtime,
        "handler": function.handler,
        "memorySize": function.memory_size,
        "timeout": function.timeout,
        "codeChecksum": function.code_checksum,
    });
    if let Some(uploaded) = uploaded {
        summary["codeUploaded"] = Value::Bool(uploaded);
    }
    if let Some(names) = &parts.triggers {
        summary["triggers"] = Value::Array(sync_triggers(client, plan, names).await?);
    }
    if parts.async_config {
        match &plan.async_config {
            Some(config) => client.put_async_config(&plan.name, config).await?,
            None => client.delete_async_config(&plan.name).await?,
        }
    }
    if parts.is_everything() {
        match plan.reserved_concurrency {
            Some(n) => client.put_concurrency(&plan.name, n).await?,
            None => client.delete_concurrency(&plan.name).await?,
        }
    }
    Ok(summary)
}

/// Create or update the function itself: its code, its settings, or both (`part`). A
/// function that does not exist yet is created whole, whatever `part` says: FC cannot
/// create one without code, nor code without settings. Also says whether code was uploaded
/// (`None` when the code was left alone).
async fn deploy_function(
    client: &FcClient,
    plan: &FunctionPlan,
    work_dir: &Path,
    part: FunctionPart,
    existing: Option<fc::Function>,
) -> anyhow::Result<(fc::Function, Option<bool>)> {
    let part = match (&existing, part) {
        (None, FunctionPart::Code | FunctionPart::Config) => {
            status(
                "Creating",
                format!("function `{}` whole: it is not deployed yet", plan.name),
            );
            FunctionPart::All
        }
        (_, part) => part,
    };
    let mut input = match part {
        FunctionPart::Code => FunctionInput::default(),
        _ => plan.input.clone(),
    };
    // The manifest is the source of truth: no `layers:` means none, also on update.
    if part != FunctionPart::Code {
        input.layers.get_or_insert_with(Vec::new);
    }
    let mut code_note = "settings only".to_string();
    let mut uploaded = None;
    if part != FunctionPart::Config {
        std::fs::create_dir_all(work_dir)
            .with_context(|| format!("cannot create `{}`", work_dir.display()))?;
        let package = package::prepare_code(&plan.code_dir, work_dir, &|_| {})
            .with_context(|| format!("cannot package the code of `{}`", plan.name))?;
        let checksum = package.checksum.to_string();
        let unchanged = existing
            .as_ref()
            .is_some_and(|f| f.code_checksum.as_deref() == Some(checksum.as_str()));
        if !unchanged {
            let zip = std::fs::read(&package.path)
                .with_context(|| format!("cannot read `{}`", package.path.display()))?;
            input.code = Some(InputCodeLocation {
                zip_file: Some(base64::engine::general_purpose::STANDARD.encode(zip)),
                checksum: Some(checksum.clone()),
                ..Default::default()
            });
        }
        let what = if unchanged {
            "code unchanged"
        } else {
            "code uploaded"
        };
        code_note = format!("{what}, {} bytes", package.size);
        uploaded = Some(!unchanged);
    }
    let function = match existing {
        Some(_) => {
            input.function_name = None;
            client.update_function(&plan.name, &input).await?
        }
        None => {
            client
                .create_function(&input.with_create_defaults())
                .await?
        }
    };
    status(
        "Deployed",
        format!(
            "function `{}` ({}, {code_note})",
            plan.name, function.runtime
        ),
    );
    Ok((function, uploaded))
}

/// Make the target's triggers match the manifest: create, update, delete. With `only`
/// (`--trigger a,b`), just those are created or updated and nothing is deleted.
async fn sync_triggers(
    client: &FcClient,
    plan: &FunctionPlan,
    only: &[String],
) -> anyhow::Result<Vec<Value>> {
    let remote = client.list_triggers(&plan.name).await?;
    let wanted: Vec<&str> = plan
        .triggers
        .iter()
        .filter_map(|t| t.trigger_name.as_deref())
        .collect();
    for stale in remote
        .iter()
        .filter(|t| only.is_empty() && !wanted.contains(&t.trigger_name.as_str()))
    {
        client
            .delete_trigger(&plan.name, &stale.trigger_name)
            .await?;
        status("Removed", format!("trigger `{}`", stale.trigger_name));
    }
    let mut summaries = Vec::new();
    for trigger in &plan.triggers {
        let name = trigger.trigger_name.as_deref().unwrap_or_default();
        if !only.is_empty() && !only.iter().any(|n| n == name) {
            continue;
        }
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
