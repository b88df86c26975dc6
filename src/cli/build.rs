//! `s build [resource]`: install each fc3 resource's dependencies into its code folder with
//! the host's pip or npm (see `crate::build`), between the `build` hooks. Progress and tool
//! output go to stderr; a failed tool's output is shown in full.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

use super::args::BuildArgs;
use super::hooks::Hooks;
use super::output::{self, status, warn};
use super::{Context, Hinted};
use crate::build::{self, BuildError, BuildEvent, BuildOutcome, BuildSpec};
use crate::manifest::{Manifest, Resource};

pub fn run(ctx: &Context, args: BuildArgs) -> anyhow::Result<()> {
    let manifest = ctx.load_manifest()?;
    let scoped;
    let ctx = match (&args.resource, &ctx.resource) {
        (Some(name), None) => {
            scoped = Context::new(ctx.global.clone(), Some(name.clone()));
            &scoped
        }
        _ => ctx,
    };
    let resources = ctx.selected_resources(&manifest)?;
    if args.use_docker || args.use_sandbox {
        let flag = if args.use_docker {
            "--use-docker"
        } else {
            "--use-sandbox"
        };
        status(
            "Building",
            format!("on the host with its own pip, npm and apt (`{flag}` needs no container here)"),
        );
    }
    let hooks = Hooks::new(ctx, &manifest, "build");
    hooks.around(|| {
        for resource in resources {
            hooks.around_resource(resource, || build_resource(&manifest, resource, &args))?;
        }
        Ok(())
    })
}

fn build_resource(
    manifest: &Manifest,
    resource: &Resource,
    args: &BuildArgs,
) -> anyhow::Result<()> {
    let name = &resource.name;
    let Some(code_dir) = local_code(manifest, resource) else {
        status(
            "Skipping",
            format!("`{name}`: its code is not a local folder"),
        );
        return Ok(());
    };
    let runtime = resource.props.get("runtime").and_then(Value::as_str);
    let spec = BuildSpec {
        code_dir: code_dir.clone(),
        runtime: runtime.unwrap_or_default().to_string(),
        command: args.command.clone(),
        python: args.python.clone(),
        node: args.node.clone(),
        force: args.force,
        state_dir: crate::paths::s_home(),
        python_dir: build::python_dir_for(
            resource
                .props
                .pointer("/environmentVariables/PYTHONPATH")
                .and_then(Value::as_str),
        ),
    };
    let outcome = run_with_progress(name, &spec)?;
    match outcome {
        BuildOutcome::Built { what } => {
            status("Built", format!("`{name}`: installed from {what}"));
            check_packaged(&code_dir);
            if code_dir.join(build::APT_LIST).is_file() {
                status(
                    "Note",
                    format!("`{name}`: the local engine finds `/code/{}` by itself; on FC, add its `usr/bin` to `PATH` and its library dirs to `LD_LIBRARY_PATH` in `environmentVariables`", build::APT_ARCHIVES),
                );
            }
        }
        BuildOutcome::UpToDate { what } => status(
            "Fresh",
            format!("`{name}`: {what} and the interpreter are unchanged (`--force` rebuilds)"),
        ),
        BuildOutcome::NothingToDo { reason } => status("Skipping", format!("`{name}`: {reason}")),
    }
    Ok(())
}

/// Build with a spinner showing the tool's latest line on a terminal, or the lines
/// themselves elsewhere; on failure the full output is shown once.
fn run_with_progress(name: &str, spec: &BuildSpec) -> anyhow::Result<BuildOutcome> {
    let bar = output::interactive().then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner:.green} {prefix} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        bar
    });
    let mut on_event = |event: BuildEvent| match event {
        BuildEvent::Step(shown) => {
            status("Building", format!("`{name}`: {shown}"));
            if let Some(bar) = &bar {
                bar.set_prefix(shown);
            }
        }
        BuildEvent::Output(line) => match &bar {
            Some(bar) => bar.set_message(line),
            None => eprintln!("  {line}"),
        },
        BuildEvent::Warning(message) => match &bar {
            Some(bar) => bar.suspend(|| warn(&message)),
            None => warn(&message),
        },
    };
    let result = build::build(spec, &mut on_event);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(outcome) => Ok(outcome),
        Err(BuildError::ToolFailed {
            command,
            status,
            output,
            ..
        }) => {
            if bar.is_some() {
                eprint!("{output}");
            }
            Err(Hinted::new(
                format!("building `{name}` failed: `{command}` ended with {status}"),
                "the tool's output is above; fix the dependency files, then run `s build` again",
            )
            .into())
        }
        Err(BuildError::Invalid(why)) => Err(Hinted::new(
            format!("cannot build `{name}`: {why}"),
            "list Debian package names in `apt-get.list`, separated by spaces or lines (`#` starts a comment)",
        )
        .into()),
        Err(err @ BuildError::ToolMissing { .. }) => {
            Err(anyhow::Error::new(err).context(format!("cannot build `{name}`")))
        }
        Err(err) => Err(err.into()),
    }
}

/// The resource's code folder, when `props.code` is a local folder.
fn local_code(manifest: &Manifest, resource: &Resource) -> Option<PathBuf> {
    let code = resource.props.get("code")?.as_str()?;
    let path: PathBuf = manifest.dir().join(code).components().collect();
    path.is_dir().then_some(path)
}

/// Installed dependencies are only useful if deploy packages them.
fn check_packaged(code_dir: &Path) {
    for dir in ["python", "node_modules", build::APT_ARCHIVES] {
        let path = code_dir.join(dir);
        if path.is_dir() && crate::package::is_ignored(code_dir, &path, true) {
            warn(format!(
                "`.fcignore` excludes `{dir}/`, so deploy will not upload the installed dependencies; remove that rule or publish them as a layer"
            ));
        }
    }
}
