//! Checks of evaluated fc3 props against Function Compute 3.0's rules (names, runtimes,
//! sizes, limits, triggers, async config). The first error stops the load with its place in
//! the file; unknown keys only warn. Values still waiting for another resource's output
//! (`${resources.R.output...}`) are not checked.

mod function;
mod trigger;

use super::diagnostic::{did_you_mean, ManifestError};
use super::yaml::{Kind, Node};

pub use function::check_fc3_props;

/// Shared helpers: the warnings sink and the resource being checked.
pub struct Checker<'w> {
    pub resource: String,
    pub warnings: &'w mut Vec<String>,
}

type Checked = Result<(), ManifestError>;

impl Checker<'_> {
    /// Warn about keys of `node` that are not in `known`.
    fn unknown_keys(&mut self, node: &Node, known: &[&str], what: &str) {
        for entry in node.entries().unwrap_or_default() {
            if !known.contains(&entry.key.as_str()) {
                let suggestion = did_you_mean(&entry.key, known.iter().copied())
                    .map(|s| format!("; {s}"))
                    .unwrap_or_default();
                self.warnings.push(format!(
                    "{}: unknown key `{}` in {what} of `{}`{suggestion}",
                    entry.key_span.location(),
                    entry.key,
                    self.resource
                ));
            }
        }
    }
}

/// A value that will only be known later (an output reference kept as text).
fn is_deferred(node: &Node) -> bool {
    matches!(&node.kind, Kind::Str(s) if s.contains("${"))
}

fn must_be_map<'n>(node: &'n Node, key: &str) -> Result<Option<&'n Node>, ManifestError> {
    match node.get(key) {
        None => Ok(None),
        Some(v) if is_deferred(v) || matches!(v.kind, Kind::Map(_)) => Ok(Some(v)),
        Some(v) => Err(ManifestError::at(
            &v.span,
            format!("`{key}` must be a mapping, not {}", v.type_name()),
        )),
    }
}

/// An integer in `min..=max`, if present.
fn int_range(
    node: &Node,
    key: &str,
    min: i64,
    max: i64,
    hint: &str,
) -> Result<Option<i64>, ManifestError> {
    let Some(value) = node.get(key) else {
        return Ok(None);
    };
    if is_deferred(value) {
        return Ok(None);
    }
    let n = match value.kind {
        Kind::Int(n) => n,
        Kind::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => f as i64,
        _ => {
            return Err(ManifestError::at(
                &value.span,
                format!("`{key}` must be an integer, not {}", value.type_name()),
            )
            .with_hint(hint.to_string()))
        }
    };
    if n < min || n > max {
        return Err(ManifestError::at(
            &value.span,
            format!("`{key}` is {n}, outside {min}..={max}"),
        )
        .with_hint(hint.to_string()));
    }
    Ok(Some(n))
}

/// A string, if present.
fn string<'n>(node: &'n Node, key: &str) -> Result<Option<&'n str>, ManifestError> {
    match node.get(key) {
        None => Ok(None),
        Some(v) if is_deferred(v) => Ok(None),
        Some(Node {
            kind: Kind::Str(s), ..
        }) => Ok(Some(s)),
        Some(v) => Err(ManifestError::at(
            &v.span,
            format!("`{key}` must be a string, not {}", v.type_name()),
        )),
    }
}

/// One of `allowed`, if present.
fn one_of(node: &Node, key: &str, allowed: &[&str]) -> Checked {
    let Some(value) = string(node, key)? else {
        return Ok(());
    };
    if allowed.contains(&value) {
        return Ok(());
    }
    let span = &node
        .get(key)
        .map(|n| n.span.clone())
        .unwrap_or_else(|| node.span.clone());
    let choices = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(
        ManifestError::at(span, format!("invalid `{key}` `{value}`")).with_hint(
            did_you_mean(value, allowed.iter().copied())
                .unwrap_or_else(|| format!("use one of {choices}")),
        ),
    )
}

fn boolean(node: &Node, key: &str) -> Checked {
    match node.get(key) {
        Some(v) if !is_deferred(v) && !matches!(v.kind, Kind::Bool(_)) => Err(ManifestError::at(
            &v.span,
            format!("`{key}` must be `true` or `false`, not {}", v.type_name()),
        )),
        _ => Ok(()),
    }
}
