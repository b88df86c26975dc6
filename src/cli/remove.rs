//! `s remove`: delete each fc3 resource's triggers, async config, concurrency and function.
//! Asks first on a terminal; elsewhere `-y` is required.

use super::args::RemoveArgs;
use super::hooks::Hooks;
use super::info::function_name;
use super::output::{interactive, status};
use super::target::{block_on, connect_for};
use super::{Context, Hinted};
use crate::client::FcClient;

pub fn run(ctx: &Context, _args: RemoveArgs) -> anyhow::Result<()> {
    let manifest = ctx.load_manifest()?;
    let resources = ctx.selected_resources(&manifest)?;
    let domains = super::domain::plans(ctx, &manifest, &resources)?;
    let local = ctx.target()? == super::context::Target::Local;
    let names: Vec<String> = resources
        .iter()
        .map(|r| function_name(&r.props, &r.name))
        .collect();
    if !confirm(ctx, &names)? {
        status("Cancelled", "nothing was removed");
        return Ok(());
    }
    let hooks = Hooks::new(ctx, &manifest, "remove");
    hooks.around(|| {
        let client = connect_for(ctx, &resources)?;
        // A domain goes first: it must never route to a function that is gone.
        block_on(super::domain::remove(&client, &domains, local))?;
        for (resource, name) in resources.iter().zip(&names) {
            hooks.around_resource(resource, || block_on(remove_one(&client, name)))?;
        }
        Ok(())
    })
}

fn confirm(ctx: &Context, names: &[String]) -> anyhow::Result<bool> {
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
        .with_prompt(format!("Remove function `{list}` and its triggers?"))
        .default(false)
        .interact()?)
}

async fn remove_one(client: &FcClient, name: &str) -> anyhow::Result<()> {
    if client.find_function(name).await?.is_none() {
        status("Skipped", format!("function `{name}` is not deployed"));
        return Ok(());
    }
    for trigger in client.list_triggers(name).await? {
        client.delete_trigger(name, &trigger.trigger_name).await?;
        status("Removed", format!("trigger `{}`", trigger.trigger_name));
    }
    client.delete_async_config(name).await?;
    client.delete_concurrency(name).await?;
    client.delete_function(name).await?;
    status("Removed", format!("function `{name}`"));
    Ok(())
}
