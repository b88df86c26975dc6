//! `s layer publish|list|versions|remove`: layers on the target (the local engine by
//! default); `s layer prepare-official` builds FC official layers' local equivalents. Publish zips a folder laid out as FC's `/opt` (`python/`, `nodejs/node_modules/`,
//! `bin/`) and prints the new version's ARN on stdout.

use anyhow::Context as _;
use base64::Engine as _;

use super::args::{LayerCommand, LayerPublishArgs};
use super::output::{status, warn};
use super::target::{block_on, connect};
use super::{Context, Hinted, OutputFormat};
use crate::client::FcClient;
use crate::fc::{InputCodeLocation, Layer, LayerVersionInput};
use crate::official_layers::{self, OfficialError};
use crate::package;

pub fn run(ctx: &Context, command: LayerCommand) -> anyhow::Result<()> {
    // Needs no engine: it fills the cache the engine reads.
    if let LayerCommand::PrepareOfficial { name } = &command {
        return prepare_official(name.as_deref());
    }
    let client = connect(ctx)?;
    match command {
        LayerCommand::PrepareOfficial { name } => prepare_official(name.as_deref()),
        LayerCommand::Publish(args) => publish(ctx, &client, args),
        LayerCommand::List { prefix } => {
            let layers = block_on(client.list_layers(prefix.as_deref()))?;
            print_layers(ctx, &layers)
        }
        LayerCommand::Versions(name) => {
            let layers = block_on(client.list_layer_versions(name.get()))?;
            if layers.is_empty() {
                return Err(no_such_layer(name.get()).into());
            }
            print_layers(ctx, &layers)
        }
        LayerCommand::Remove { layer, version_id } => {
            block_on(remove(&client, layer.get(), version_id))
        }
    }
}

fn publish(ctx: &Context, client: &FcClient, args: LayerPublishArgs) -> anyhow::Result<()> {
    if !args.code.exists() {
        return Err(Hinted::new(
            format!("layer code `{}` does not exist", args.code.display()),
            "pass a folder laid out as `/opt`, e.g. `--code ./layer` with `layer/python/...`",
        )
        .into());
    }
    let work = tempfile::tempdir().context("cannot create a temporary folder")?;
    let package = package::prepare_code(&args.code, work.path(), &|_| {})
        .with_context(|| format!("cannot package `{}`", args.code.display()))?;
    let zip = std::fs::read(&package.path)
        .with_context(|| format!("cannot read `{}`", package.path.display()))?;
    let input = LayerVersionInput {
        code: Some(InputCodeLocation {
            zip_file: Some(base64::engine::general_purpose::STANDARD.encode(zip)),
            checksum: Some(package.checksum.to_string()),
            ..Default::default()
        }),
        compatible_runtime: args.compatible_runtime,
        description: args.description,
        license: None,
    };
    let layer = block_on(client.create_layer_version(&args.layer_name, &input))?;
    status(
        "Published",
        format!(
            "layer `{}` version {} ({})",
            layer.layer_name,
            layer.version,
            package::human_size(package.size)
        ),
    );
    match ctx.output() {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&layer)?),
        _ => println!("{}", layer.layer_version_arn),
    }
    Ok(())
}

async fn remove(client: &FcClient, name: &str, version: Option<u32>) -> anyhow::Result<()> {
    let versions: Vec<u32> = match version {
        Some(v) => vec![v],
        None => client
            .list_layer_versions(name)
            .await?
            .iter()
            .map(|l| l.version)
            .collect(),
    };
    if versions.is_empty() {
        return Err(no_such_layer(name).into());
    }
    for v in versions {
        client.delete_layer_version(name, v).await?;
        status("Removed", format!("layer `{name}` version {v}"));
    }
    Ok(())
}

/// Build official layers into the cache deploys use (`official_layers`), so the first
/// deploy downloads nothing; every supported one when `name` is `None`.
fn prepare_official(name: Option<&str>) -> anyhow::Result<()> {
    let names: Vec<&str> = match name {
        Some(name) => vec![name],
        None => official_layers::supported().map(|o| o.name).collect(),
    };
    let mut failed = 0;
    for name in &names {
        match official_layers::prepare(name, &mut |line| eprintln!("  {line}")) {
            Ok(prepared) => {
                if let Some(warning) = &prepared.warning {
                    warn(warning);
                }
                status(
                    "Prepared",
                    format!("official layer `{name}`: {}", prepared.mapped),
                );
            }
            Err(OfficialError::Unknown(_)) => {
                let known: Vec<&str> = official_layers::supported().map(|o| o.name).collect();
                return Err(Hinted::new(
                    format!("official layer `{name}` does not exist"),
                    format!("the local engine provides: {}", known.join(", ")),
                )
                .into());
            }
            // Preparing all: one the host cannot provide is reported, the rest go on.
            Err(e) if names.len() > 1 => {
                warn(&e);
                failed += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if failed > 0 {
        warn(format!(
            "{failed} of {} official layers cannot be provided on this host (see above)",
            names.len()
        ));
    }
    Ok(())
}

fn no_such_layer(name: &str) -> Hinted {
    Hinted::new(
        format!("layer `{name}` has no versions"),
        "run `s layer list` to see the layers, or `s layer publish` to create one",
    )
}

fn print_layers(ctx: &Context, layers: &[Layer]) -> anyhow::Result<()> {
    match ctx.output() {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(layers)?),
        OutputFormat::Yaml => print!("{}", serde_yaml::to_string(layers)?),
        _ => {
            for l in layers {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    l.layer_name,
                    l.version,
                    l.compatible_runtime.join(","),
                    package::human_size(l.code_size.max(0) as u64),
                    l.layer_version_arn
                );
            }
        }
    }
    Ok(())
}
