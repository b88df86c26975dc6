//! `actions` hooks, parsed and checked for a hooks runner: keys `pre-`, `success-`, `fail-`,
//! `complete-` (and the deprecated `post-`) plus a command or `${regex('...')}`; steps `run`
//! (+ `path`), `plugin` (+ `args`) and, on resources only, `component`; `allow_failure`.

use std::path::{Path, PathBuf};

use super::diagnostic::{did_you_mean, ManifestError};
use super::expr::{self, Expr, Piece};
use super::scope::{normalize, ManifestScope};
use super::yaml::{Kind, Node};

/// When a hook runs relative to its command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Pre,
    Success,
    Fail,
    Complete,
}

/// Which commands a hook applies to.
#[derive(Debug, Clone)]
pub enum CommandMatch {
    Name(String),
    Regex(regex::Regex),
}

impl CommandMatch {
    pub fn matches(&self, command: &str) -> bool {
        match self {
            CommandMatch::Name(name) => name == command,
            CommandMatch::Regex(re) => re.is_match(command),
        }
    }
}

/// One `actions` entry: its key as written, what it matches, and its steps in order.
#[derive(Debug, Clone)]
pub struct Action {
    pub key: String,
    pub phase: Phase,
    pub command: CommandMatch,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub kind: StepKind,
    pub allow_failure: AllowFailure,
    /// The evaluated step as written, for `s preview`.
    pub raw: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StepKind {
    /// A shell command run in `path` (absolute; the manifest directory by default).
    Run { command: String, path: PathBuf },
    Plugin {
        name: String,
        args: serde_json::Value,
    },
    /// `component: "fc3 build --publish-layer"` (resource actions only).
    Component { command: String },
}

/// Whether a failing step stops the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowFailure {
    No,
    Always,
    /// Tolerated when the exit code and the command match (an empty list matches any).
    When {
        exit_codes: Vec<i64>,
        commands: Vec<String>,
    },
}

/// Where the actions live: global ones may only `run` and `plugin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Global,
    Resource,
}

const STEP_KEYS: &[&str] = &[
    "run",
    "path",
    "plugin",
    "args",
    "component",
    "allow_failure",
    "continue-on-error",
];

/// Parse an `actions` mapping; step values are evaluated with `scope`.
pub fn parse(
    node: &Node,
    level: Level,
    dir: &Path,
    scope: &mut ManifestScope,
    warnings: &mut Vec<String>,
) -> Result<Vec<Action>, ManifestError> {
    let entries = node.entries().ok_or_else(|| {
        ManifestError::at(
            &node.span,
            format!("`actions` must be a mapping, not {}", node.type_name()),
        )
        .with_hint("write `actions: {pre-deploy: [{run: npm ci, path: ./}]}`")
    })?;
    let mut actions = Vec::new();
    for entry in entries {
        let (phase, command) = parse_key(&entry.key).map_err(|(message, hint)| {
            ManifestError::at(&entry.key_span, message).with_hint(hint)
        })?;
        if entry.key.starts_with("post-") {
            warnings.push(format!(
                "{}: `{}` is deprecated; use `complete-{}`",
                entry.key_span.location(),
                entry.key,
                &entry.key["post-".len()..]
            ));
        }
        let Kind::Seq(items) = &entry.value.kind else {
            let scope_name = if level == Level::Global {
                "global"
            } else {
                "resource"
            };
            return Err(ManifestError::at(
                &entry.value.span,
                format!(
                    "{scope_name} action `{}` is invalid, it must be a list",
                    entry.key
                ),
            )
            .with_hint("write the steps as a list: `- run: echo hi`"));
        };
        let steps = items
            .iter()
            .map(|item| parse_step(item, level, dir, scope, warnings))
            .collect::<Result<_, _>>()?;
        actions.push(Action {
            key: entry.key.clone(),
            phase,
            command,
            steps,
        });
    }
    Ok(actions)
}

fn parse_key(key: &str) -> Result<(Phase, CommandMatch), (String, String)> {
    let hint =
        "keys are `pre-<command>`, `success-<command>`, `fail-<command>` or `complete-<command>`";
    let phases = [
        ("pre-", Phase::Pre),
        ("success-", Phase::Success),
        ("fail-", Phase::Fail),
        ("complete-", Phase::Complete),
        ("post-", Phase::Complete),
    ];
    let (phase, rest) = phases
        .iter()
        .find_map(|(prefix, phase)| key.strip_prefix(prefix).map(|rest| (*phase, rest)))
        .ok_or_else(|| (format!("unknown action `{key}`"), hint.to_string()))?;
    if rest.is_empty() {
        return Err((format!("action `{key}` names no command"), hint.to_string()));
    }
    if !rest.contains("${") {
        return Ok((phase, CommandMatch::Name(rest.to_string())));
    }
    let bad = || {
        (
            format!("action `{key}` must name a command or use `${{regex('...')}}`"),
            "for example `pre-${regex('deploy|remove')}`".to_string(),
        )
    };
    let pieces = expr::split(rest).map_err(|_| bad())?;
    let [Piece::Expr { inner, .. }] = pieces.as_slice() else {
        return Err(bad());
    };
    let Ok(Expr::Call(name, args)) = expr::parse(inner) else {
        return Err(bad());
    };
    match (name.as_str(), args.as_slice()) {
        ("regex", [Expr::Literal(serde_json::Value::String(pattern))]) => {
            regex::Regex::new(pattern)
                .map(|re| (phase, CommandMatch::Regex(re)))
                .map_err(|e| {
                    (
                        format!("invalid regex in action `{key}`: {e}"),
                        "check the pattern's syntax".into(),
                    )
                })
        }
        _ => Err(bad()),
    }
}

fn parse_step(
    item: &Node,
    level: Level,
    dir: &Path,
    scope: &mut ManifestScope,
    warnings: &mut Vec<String>,
) -> Result<Step, ManifestError> {
    let item = scope.eval_node(item)?;
    let Some(entries) = item.entries() else {
        return Err(ManifestError::at(
            &item.span,
            format!("an action step must be a mapping, not {}", item.type_name()),
        )
        .with_hint(
            "steps are `{run: ..., path: ...}`, `{plugin: ..., args: {...}}` or `{component: ...}`",
        ));
    };
    for entry in entries {
        if !STEP_KEYS.contains(&entry.key.as_str()) {
            let suggestion = did_you_mean(&entry.key, STEP_KEYS.iter().copied())
                .map(|s| format!("; {s}"))
                .unwrap_or_default();
            warnings.push(format!(
                "{}: unknown key `{}` in action step{suggestion}",
                entry.key_span.location(),
                entry.key
            ));
        }
    }
    let text = |key: &str| -> Result<Option<String>, ManifestError> {
        match item.get(key) {
            None => Ok(None),
            Some(Node {
                kind: Kind::Str(s), ..
            }) => Ok(Some(s.clone())),
            Some(other) => Err(ManifestError::at(
                &other.span,
                format!("`{key}` must be a string, not {}", other.type_name()),
            )),
        }
    };
    let kind = if let Some(command) = text("run")? {
        let path = match text("path")? {
            Some(p) => normalize(&dir.join(p)),
            None => dir.to_path_buf(),
        };
        StepKind::Run { command, path }
    } else if let Some(name) = text("plugin")? {
        let args = item
            .get("args")
            .map_or(serde_json::json!({}), Node::to_json);
        StepKind::Plugin { name, args }
    } else if let Some(command) = text("component")? {
        if level == Level::Global {
            return Err(ManifestError::at(
                &item.entry("component").unwrap().key_span,
                "global actions may only use `run` and `plugin`",
            )
            .with_hint("move this `component` step into a resource's `actions`"));
        }
        StepKind::Component { command }
    } else {
        return Err(ManifestError::at(
            &item.span,
            "an action step needs `run`, `plugin` or `component`",
        )
        .with_hint("for example `- run: npm ci` with `path: ./code`"));
    };
    Ok(Step {
        kind,
        allow_failure: allow_failure(&item)?,
        raw: item.to_json(),
    })
}

fn allow_failure(item: &Node) -> Result<AllowFailure, ManifestError> {
    if let Some(Node {
        kind: Kind::Bool(true),
        ..
    }) = item.get("continue-on-error")
    {
        return Ok(AllowFailure::Always);
    }
    let Some(node) = item.get("allow_failure") else {
        return Ok(AllowFailure::No);
    };
    let hint =
        "use `allow_failure: true` or `allow_failure: {exit_code: [101], command: [deploy]}`";
    match &node.kind {
        Kind::Bool(true) => Ok(AllowFailure::Always),
        Kind::Bool(false) => Ok(AllowFailure::No),
        Kind::Map(_) => {
            let exit_codes = list(node, "exit_code", hint, |n| match n.kind {
                Kind::Int(i) => Some(i),
                _ => None,
            })?;
            let commands = list(node, "command", hint, |n| n.as_str().map(str::to_string))?;
            Ok(AllowFailure::When {
                exit_codes,
                commands,
            })
        }
        _ => Err(ManifestError::at(
            &node.span,
            format!(
                "`allow_failure` must be a boolean or a mapping, not {}",
                node.type_name()
            ),
        )
        .with_hint(hint)),
    }
}

/// A list under `key` whose items `item` accepts (a single value counts as a list of one).
fn list<T>(
    node: &Node,
    key: &str,
    hint: &str,
    item: impl Fn(&Node) -> Option<T>,
) -> Result<Vec<T>, ManifestError> {
    let Some(value) = node.get(key) else {
        return Ok(Vec::new());
    };
    let items: Vec<&Node> = match &value.kind {
        Kind::Seq(items) => items.iter().collect(),
        _ => vec![value],
    };
    items
        .into_iter()
        .map(|n| {
            item(n).ok_or_else(|| {
                ManifestError::at(&n.span, format!("invalid `{key}` in `allow_failure`"))
                    .with_hint(hint)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_give_phase_and_command() {
        let (phase, command) = parse_key("pre-deploy").unwrap();
        assert_eq!(phase, Phase::Pre);
        assert!(command.matches("deploy") && !command.matches("remove"));
        let (phase, command) = parse_key("complete-${regex('deploy|remove')}").unwrap();
        assert_eq!(phase, Phase::Complete);
        assert!(command.matches("remove") && !command.matches("invoke"));
        assert_eq!(parse_key("post-deploy").unwrap().0, Phase::Complete);
        assert!(parse_key("before-deploy").is_err());
        assert!(parse_key("pre-").is_err());
        assert!(parse_key("pre-${vars.x}").is_err());
        assert!(parse_key("pre-${regex('(')}").is_err());
    }
}
