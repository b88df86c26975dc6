//! `s info`: what is deployed for each fc3 resource: function, triggers, async config.

use serde_json::{json, Value};

use super::args::InfoArgs;
use super::target::{block_on, connect_for};
use super::{Context, OutputFormat};
use crate::client::FcClient;

pub fn run(ctx: &Context, _args: InfoArgs) -> anyhow::Result<()> {
    let manifest = ctx.load_manifest()?;
    let resources = ctx.selected_resources(&manifest)?;
    let domains = super::domain::plans(ctx, &manifest, &resources)?;
    let local = ctx.target()? == super::context::Target::Local;
    let client = connect_for(ctx, &resources)?;
    let mut out = serde_json::Map::new();
    for resource in resources {
        let name = function_name(&resource.props, &resource.name);
        out.insert(resource.name.clone(), block_on(describe(&client, &name))?);
    }
    let described = block_on(super::domain::describe(&client, &domains, local))?;
    super::domain::merge_into(&mut out, described);
    let value = Value::Object(out);
    match ctx.output() {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&value)?),
        _ => print!("{}", serde_yaml::to_string(&value)?),
    }
    Ok(())
}

/// The deployed function name of a resource (falls back to the resource name).
pub(crate) fn function_name(props: &Value, resource: &str) -> String {
    props
        .get("functionName")
        .and_then(Value::as_str)
        .unwrap_or(resource)
        .to_string()
}

async fn describe(client: &FcClient, name: &str) -> anyhow::Result<Value> {
    let Some(function) = client.find_function(name).await? else {
        return Ok(json!({"functionName": name, "deployed": false}));
    };
    let triggers = client.list_triggers(name).await?;
    let triggers: Vec<Value> = triggers
        .into_iter()
        .map(|t| {
            let config: Value = serde_json::from_str(&t.trigger_config).unwrap_or(Value::Null);
            let mut v = json!({
                "triggerName": t.trigger_name,
                "triggerType": t.trigger_type,
                "triggerConfig": config,
            });
            if let Some(http) = t.http_trigger {
                v["url"] = json!(http.url_internet);
            }
            if let Some(status) = t.status {
                v["status"] = json!(status);
            }
            if let Some(next) = next_timer_run(&t.trigger_type, &config) {
                v["nextRun"] = json!(next);
            }
            if let Some(error) = t.error {
                v["error"] = json!(error);
            }
            v
        })
        .collect();
    let mut value = serde_json::to_value(&function)?;
    value["triggers"] = json!(triggers);
    if let Some(config) = client.get_async_config(name).await? {
        value["asyncInvokeConfig"] = serde_json::to_value(config)?;
    }
    Ok(value)
}

/// When a cron timer fires next (UTC, as FC's schedules read). `@every` timers count from
/// when their engine started, which the CLI cannot know, and disabled ones never fire.
fn next_timer_run(trigger_type: &str, config: &Value) -> Option<String> {
    if trigger_type != "timer" || config.get("enable").and_then(Value::as_bool) == Some(false) {
        return None;
    }
    let expression = config.get("cronExpression")?.as_str()?;
    let schedule = crate::fc::schedule::Schedule::parse(expression).ok()?;
    if matches!(schedule, crate::fc::schedule::Schedule::Every(_)) {
        return None;
    }
    let next = schedule.next_after(chrono::Utc::now())?;
    Some(next.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}
