//! `s remove`: delete each fc3 resource's triggers, async config, concurrency and function.
//! Asks first on a terminal; elsewhere `-y` is required.

use super::args::RemoveArgs;
use super::hooks::Hooks;
use super::info::function_name;
use super::output::{interactive, status};
use super::target::{block_on, connect_for};
use super::{Context, Hinted};
use crate::client::FcClient;

pub fn run(ctx: &Context, args: RemoveArgs) -> anyhow::Result<()> {
    let parts = Parts::from_args(&args);
    if let Some(name) = &args.function_name {
        return remove_by_name(ctx, name, &parts);
    }
    let manifest = ctx.load_manifest()?;
    ctx.check_one_region_per_name(&manifest)?;
    let resources = ctx.selected_resources(&manifest)?;
    let domains = super::domain::plans(ctx, &manifest, &resources)?;
    let local = ctx.target()? == super::context::Target::Local;
    let names: Vec<String> = resources
        .iter()
        .map(|r| function_name(&r.props, &r.name))
        .collect();
    if !confirm(ctx, &names, &parts)? {
        status("Cancelled", "nothing was removed");
        return Ok(());
    }
    let hooks = Hooks::new(ctx, &manifest, "remove");
    hooks.around(|| {
        let client = connect_for(ctx, &resources)?;
        // A domain goes first, and only with its function: it must never route to a
        // function that is gone, and `--trigger` alone leaves it.
        if parts.function {
            block_on(super::domain::remove(&client, &domains, local))?;
        }
        for (resource, name) in resources.iter().zip(&names) {
            hooks.around_resource(resource, || block_on(remove_one(&client, name, &parts)))?;
        }
        Ok(())
    })
}

/// `s remove --function-name NAME`: as fc3 does without a manifest (no hooks to run).
fn remove_by_name(ctx: &Context, name: &str, parts: &Parts) -> anyhow::Result<()> {
    let names = [name.to_string()];
    if !confirm(ctx, &names, parts)? {
        status("Cancelled", "nothing was removed");
        return Ok(());
    }
    let client = super::target::connect(ctx)?;
    block_on(remove_one(&client, name, parts))
}

/// What one `s remove` deletes: the whole function, or the parts fc3's flags name.
struct Parts {
    /// `Some(empty)` is every trigger.
    triggers: Option<Vec<String>>,
    async_config: bool,
    function: bool,
}

impl Parts {
    fn from_args(args: &RemoveArgs) -> Parts {
        let nothing_named = !args.function && args.trigger.is_none() && !args.async_invoke_config;
        let function = nothing_named || args.function;
        Parts {
            triggers: if function {
                Some(Vec::new())
            } else {
                super::deploy::named(&args.trigger)
            },
            async_config: function || args.async_invoke_config,
            function,
        }
    }

    /// What the confirmation question names.
    fn describe(&self, list: &str) -> String {
        if self.function {
            return format!("function `{list}` and its triggers");
        }
        let mut what = Vec::new();
        match self.triggers.as_deref() {
            Some([]) => what.push("the triggers".to_string()),
            Some(names) => what.push(format!("trigger `{}`", names.join("`, `"))),
            None => {}
        }
        if self.async_config {
            what.push("the async invocation config".to_string());
        }
        format!("{} of `{list}`", what.join(" and "))
    }
}

fn confirm(ctx: &Context, names: &[String], parts: &Parts) -> anyhow::Result<bool> {
    if ctx.assume_yes() {
        return Ok(true);
    }
    if !interactive() {
        return Err(Hinted::new(
            "`s remove` needs confirmation",
            "pass `-y` to remove without asking",
        )
        .into());
    }
    let list = names.join("`, `");
    Ok(dialoguer::Confirm::new()
        .with_prompt(format!("Remove {}?", parts.describe(&list)))
        .default(false)
        .interact()?)
}

async fn remove_one(client: &FcClient, name: &str, parts: &Parts) -> anyhow::Result<()> {
    if client.find_function(name).await?.is_none() {
        status("Skipped", format!("function `{name}` is not deployed"));
        return Ok(());
    }
    if let Some(only) = &parts.triggers {
        let deployed = client.list_triggers(name).await?;
        for unknown in only
            .iter()
            .filter(|n| !deployed.iter().any(|t| &t.trigger_name == *n))
        {
            status("Skipped", format!("trigger `{unknown}` is not deployed"));
        }
        for trigger in deployed
            .iter()
            .filter(|t| only.is_empty() || only.contains(&t.trigger_name))
        {
            client.delete_trigger(name, &trigger.trigger_name).await?;
            status("Removed", format!("trigger `{}`", trigger.trigger_name));
        }
    }
    if parts.async_config {
        client.delete_async_config(name).await?;
        if !parts.function {
            status("Removed", format!("async invocation config of `{name}`"));
        }
    }
    if parts.function {
        client.delete_concurrency(name).await?;
        client.delete_function(name).await?;
        status("Removed", format!("function `{name}`"));
    }
    Ok(())
}
