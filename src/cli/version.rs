//! `s version publish|list|remove` and `s alias publish|list|get|remove`: versions and
//! aliases of the project's function on the target, as Serverless Devs' fc3 component
//! offers them. Invoke one with `s invoke --qualifier <version or alias>`.

use std::collections::BTreeMap;

use super::args::{AliasCommand, AliasPublishArgs, VersionCommand};
use super::info::function_name;
use super::invoke::single_resource;
use super::output::status;
use super::target::{block_on, connect};
use super::task::{print_data, table};
use super::{Context, Hinted};
use crate::client::{ClientError, FcClient};
use crate::fc::{Alias, AliasInput, ErrorCode};

pub fn run_version(ctx: &Context, command: VersionCommand) -> anyhow::Result<()> {
    let function = project_function(ctx)?;
    let client = connect(ctx)?;
    match command {
        VersionCommand::Publish { description } => {
            let version = block_on(client.publish_version(&function, description))?;
            status(
                "Published",
                format!("function `{function}` version {}", version.version_id),
            );
            if !print_data(ctx, &version)? {
                println!("{}", version.version_id);
            }
        }
        VersionCommand::List => {
            let versions = block_on(client.list_versions(&function))?;
            if !print_data(ctx, &versions)? {
                let rows: Vec<Vec<String>> = versions
                    .iter()
                    .map(|v| {
                        vec![
                            v.version_id.clone(),
                            v.created_time.clone(),
                            v.description.clone(),
                        ]
                    })
                    .collect();
                print!("{}", table(&["VERSION", "CREATED", "DESCRIPTION"], &rows));
            }
        }
        VersionCommand::Remove { version_id } => {
            block_on(client.delete_version(&function, &version_id))?;
            status(
                "Removed",
                format!("function `{function}` version {version_id}"),
            );
        }
    }
    Ok(())
}

pub fn run_alias(ctx: &Context, command: AliasCommand) -> anyhow::Result<()> {
    let function = project_function(ctx)?;
    let client = connect(ctx)?;
    match command {
        AliasCommand::Publish(args) => {
            let alias = block_on(publish_alias(&client, &function, args))?;
            if !print_data(ctx, &alias)? {
                print_aliases(&[alias]);
            }
        }
        AliasCommand::List => {
            let aliases = block_on(client.list_aliases(&function))?;
            if !print_data(ctx, &aliases)? {
                print_aliases(&aliases);
            }
        }
        AliasCommand::Get { alias_name } => {
            let alias = block_on(client.get_alias(&function, &alias_name))?;
            if !print_data(ctx, &alias)? {
                print_aliases(&[alias]);
            }
        }
        AliasCommand::Remove { alias_name } => {
            block_on(client.delete_alias(&function, &alias_name))?;
            status("Removed", format!("alias `{alias_name}` of `{function}`"));
        }
    }
    Ok(())
}

fn project_function(ctx: &Context) -> anyhow::Result<String> {
    let manifest = ctx.load_manifest()?;
    let resource = single_resource(ctx, &manifest)?;
    Ok(function_name(&resource.props, &resource.name))
}

/// Create the alias, or update it when it exists (as `s alias publish` does).
async fn publish_alias(
    client: &FcClient,
    function: &str,
    args: AliasPublishArgs,
) -> anyhow::Result<Alias> {
    let version_id = if args.version_id.eq_ignore_ascii_case("latest") {
        let versions = client.list_versions(function).await?;
        let newest = versions.first().ok_or_else(|| {
            Hinted::new(
                format!("function `{function}` has no published versions"),
                "publish one first with `s version publish`",
            )
        })?;
        newest.version_id.clone()
    } else {
        args.version_id
    };
    let weights = args
        .additional_version_weight
        .as_deref()
        .map(parse_weights)
        .transpose()?;
    let mut input = AliasInput {
        alias_name: None,
        version_id: Some(version_id),
        description: args.description,
        additional_version_weight: weights,
    };
    match client.get_alias(function, &args.alias_name).await {
        Ok(_) => {
            let alias = client
                .update_alias(function, &args.alias_name, &input)
                .await?;
            status(
                "Updated",
                format!(
                    "alias `{}` -> version {}",
                    alias.alias_name, alias.version_id
                ),
            );
            Ok(alias)
        }
        Err(ClientError::Api(api)) if api.is(ErrorCode::AliasNotFound) => {
            input.alias_name = Some(args.alias_name);
            let alias = client.create_alias(function, &input).await?;
            status(
                "Published",
                format!(
                    "alias `{}` -> version {}",
                    alias.alias_name, alias.version_id
                ),
            );
            Ok(alias)
        }
        Err(err) => Err(err.into()),
    }
}

fn parse_weights(text: &str) -> anyhow::Result<BTreeMap<String, f64>> {
    serde_json::from_str(text).map_err(|err| {
        Hinted::new(
            format!("--additional-version-weight is not a JSON object of weights: {err}"),
            r#"give version ids and shares, e.g. --additional-version-weight '{"2": 0.1}'"#,
        )
        .into()
    })
}

fn print_aliases(aliases: &[Alias]) {
    let rows: Vec<Vec<String>> = aliases
        .iter()
        .map(|a| {
            let extra: Vec<String> = a
                .additional_version_weight
                .iter()
                .map(|(v, w)| format!("{v}:{w}"))
                .collect();
            vec![
                a.alias_name.clone(),
                a.version_id.clone(),
                extra.join(","),
                a.description.clone(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &["ALIAS", "VERSION", "ADDITIONAL WEIGHTS", "DESCRIPTION"],
            &rows
        )
    );
}
