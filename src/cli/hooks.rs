//! The `actions` runner: `pre-`, `success-`, `fail-` and `complete-` hooks of a command,
//! global and per resource, in Serverless Devs' order: global `pre`; per resource `pre` →
//! the command → `success` or `fail` → `complete`; global `success` or `fail`; global
//! `complete`. `run` steps go through `sh -c` in their `path` with output streamed to
//! stderr; `component: fc3 <command> ...` steps run our own command for that resource;
//! plugins are not supported. `--skip-actions` turns all of it off.

use std::path::Path;
use std::process::Command;

use anyhow::Context as _;

use super::output::status;
use super::{Context, Hinted, OutputFormat};
use crate::build::{run_streamed, BuildError};
use crate::manifest::{Action, AllowFailure, Manifest, Phase, Resource, StepKind};

/// The hooks of one command over one manifest.
pub struct Hooks<'m> {
    ctx: &'m Context,
    manifest: &'m Manifest,
    command: &'static str,
}

impl<'m> Hooks<'m> {
    pub fn new(ctx: &'m Context, manifest: &'m Manifest, command: &'static str) -> Self {
        Hooks {
            ctx,
            manifest,
            command,
        }
    }

    /// Run `body` between the global hooks.
    pub fn around<T>(&self, body: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
        let result = self
            .run(&self.manifest.actions, Phase::Pre, None)
            .and_then(|()| body());
        self.finish(&self.manifest.actions, None, result)
    }

    /// Run `body` for one resource between its hooks.
    pub fn around_resource<T>(
        &self,
        resource: &Resource,
        body: impl FnOnce() -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let result = self
            .run(&resource.actions, Phase::Pre, Some(resource))
            .and_then(|()| body());
        self.finish(&resource.actions, Some(resource), result)
    }

    /// `success` or `fail`, then `complete`; the command's own error wins over a hook's.
    fn finish<T>(
        &self,
        actions: &[Action],
        resource: Option<&Resource>,
        result: anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let phase = if result.is_ok() {
            Phase::Success
        } else {
            Phase::Fail
        };
        let after = self
            .run(actions, phase, resource)
            .and_then(|()| self.run(actions, Phase::Complete, resource));
        match (result, after) {
            (Ok(value), Ok(())) => Ok(value),
            (Err(err), _) | (Ok(_), Err(err)) => Err(err),
        }
    }

    fn run(
        &self,
        actions: &[Action],
        phase: Phase,
        resource: Option<&Resource>,
    ) -> anyhow::Result<()> {
        if self.ctx.global.skip_actions {
            return Ok(());
        }
        let matching = actions
            .iter()
            .filter(|a| a.phase == phase && a.command.matches(self.command));
        for action in matching {
            let scope = resource.map_or("global".to_string(), |r| format!("`{}`", r.name));
            status("Action", format!("{scope} `{}`", action.key));
            for step in &action.steps {
                let Err(err) = self.step(&step.kind, resource) else {
                    continue;
                };
                if self.tolerated(&step.allow_failure, &err) {
                    super::output::warn(format!("{err:#} (allowed to fail)"));
                    continue;
                }
                return Err(err.context(format!("action `{}` failed", action.key)));
            }
        }
        Ok(())
    }

    fn step(&self, kind: &StepKind, resource: Option<&Resource>) -> anyhow::Result<()> {
        match kind {
            StepKind::Run { command, path } => run_shell(command, path),
            StepKind::Component { command } => self.component(command, resource),
            StepKind::Plugin { name, .. } => Err(Hinted::new(
                format!("plugin `{name}` cannot run: plugins are not supported"),
                "replace the `plugin` step with a `run` step that calls a script",
            )
            .into()),
        }
    }

    /// `fc3 build --publish-layer` → `s <resource> build --publish-layer`, as a child process
    /// of this binary with the same manifest and target, and without hooks of its own.
    fn component(&self, command: &str, resource: Option<&Resource>) -> anyhow::Result<()> {
        let words = split_words(command);
        let Some((component, args)) = words.split_first() else {
            return Err(Hinted::new(
                "a `component` step is empty",
                "write `component: fc3 build`",
            )
            .into());
        };
        if component != "fc3" {
            return Err(Hinted::new(
                format!("component `{component}` cannot run here: only `fc3` is built in"),
                "write the step as `component: fc3 <command>`",
            )
            .into());
        }
        let exe = std::env::current_exe().context("cannot find the `s` executable")?;
        let mut child = Command::new(exe);
        if let Some(r) = resource {
            child.arg(&r.name);
        }
        child.args(args).arg("--skip-actions");
        child.arg("-t").arg(&self.manifest.path);
        if let Some(target) = &self.ctx.global.target {
            child.args(["--target", target]);
        }
        if let Some(access) = &self.ctx.global.access {
            child.args(["-a", access]);
        }
        if self.ctx.assume_yes() {
            child.arg("-y");
        }
        let dir = self.manifest.dir();
        child.current_dir(dir);
        stream(&format!("s {}", args.join(" ")), child)
    }

    /// Serverless Devs tolerates every action failure when `-o` is given.
    fn tolerated(&self, allow: &AllowFailure, err: &anyhow::Error) -> bool {
        if self.ctx.output() != OutputFormat::Default {
            return true;
        }
        match allow {
            AllowFailure::No => false,
            AllowFailure::Always => true,
            AllowFailure::When {
                exit_codes,
                commands,
            } => {
                let code = exit_code(err);
                let code_ok = exit_codes.is_empty()
                    || code.is_some_and(|c| exit_codes.contains(&i64::from(c)));
                let command_ok = commands.is_empty() || commands.iter().any(|c| c == self.command);
                code_ok && command_ok
            }
        }
    }
}

fn run_shell(command: &str, path: &Path) -> anyhow::Result<()> {
    if !path.is_dir() {
        return Err(Hinted::new(
            format!("the action's `path` `{}` does not exist", path.display()),
            "fix `path` in the action step; it is relative to the manifest's folder",
        )
        .into());
    }
    let mut child = Command::new("sh");
    child.args(["-c", command]).current_dir(path);
    stream(command, child)
}

/// Run with output passed to stderr line by line (stdout stays for the command's data).
fn stream(shown: &str, command: Command) -> anyhow::Result<()> {
    run_streamed(shown, command, &mut |line| eprintln!("{line}")).map_err(|err| match err {
        // The output was already shown as it came.
        BuildError::ToolFailed {
            command,
            status,
            code,
            ..
        } => anyhow::Error::new(StepFailed {
            command,
            status,
            code,
        }),
        other => other.into(),
    })
}

/// A step that ran and exited unsuccessfully.
#[derive(Debug, thiserror::Error)]
#[error("`{command}` failed ({status})")]
struct StepFailed {
    command: String,
    status: String,
    code: Option<i32>,
}

fn exit_code(err: &anyhow::Error) -> Option<i32> {
    err.chain()
        .find_map(|e| e.downcast_ref::<StepFailed>())
        .and_then(|f| f.code)
}

/// Split a command line on whitespace, honouring single and double quotes.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_commands_split_like_a_shell() {
        assert_eq!(
            split_words("fc3 build --publish-layer"),
            ["fc3", "build", "--publish-layer"]
        );
        assert_eq!(
            split_words(r#"fc3 build --command "pip install -t . x" ''"#),
            ["fc3", "build", "--command", "pip install -t . x", ""]
        );
    }
}
