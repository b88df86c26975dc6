//! What `${...}` can see in a manifest: `vars`, `this`, `resources`, `cwd`, `env.X`, and the
//! functions `env`, `config`, `file`, `path`, `json`. References are resolved lazily against
//! the unevaluated tree, so `vars.a` may use `vars.b` and a resource may use another's props;
//! a reference that comes back to itself is reported as a cycle.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use serde_json::Value as Json;

use super::diagnostic::{did_you_mean, ManifestError, Span};
use super::expr::{self, EvalError, Evaluated, Scope, Value};
use super::yaml::{Kind, Node};

/// The most `${file()}` reads: a manifest value, not a data set.
const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Reference chains longer than this are refused (they are cycles in practice).
const MAX_REFERENCE_DEPTH: usize = 32;
const ROOTS: &[&str] = &["vars", "this", "resources", "components", "cwd", "env"];
const FUNCTIONS: &[&str] = &["env", "config", "file", "path", "json", "regex", "secret"];

/// A resource before evaluation: its template-merged props.
#[derive(Debug, Clone)]
pub struct RawResource {
    pub name: String,
    pub name_span: Span,
    pub component: String,
    pub props: Node,
}

/// Everything evaluation reads, fixed for one load.
pub struct Context<'a> {
    pub dir: PathBuf,
    pub access: Option<String>,
    /// Variables from `.env` next to the manifest; the process environment wins.
    pub dotenv: HashMap<String, String>,
    pub config: &'a BTreeMap<String, String>,
    pub mask_config: bool,
    pub vars: Node,
    pub resources: Vec<RawResource>,
}

impl Context<'_> {
    fn env(&self, name: &str) -> Option<String> {
        std::env::var(name)
            .ok()
            .or_else(|| self.dotenv.get(name).cloned())
    }

    fn resource_index(&self, name: &str) -> Option<usize> {
        self.resources.iter().position(|r| r.name == name)
    }
}

/// Evaluation state: which resource `this` is, what is being evaluated (for cycles), and the
/// output references seen (dependencies).
pub struct ManifestScope<'c, 'a> {
    ctx: &'c Context<'a>,
    this: Option<usize>,
    active: Vec<String>,
    /// Resources whose `output` was referenced.
    pub outputs: BTreeSet<String>,
    /// An error found while evaluating a referenced value, reported at that value's place.
    located: Option<ManifestError>,
    /// `did you mean` for the last key a reference did not find.
    missing_hint: Option<String>,
}

impl<'c, 'a> ManifestScope<'c, 'a> {
    pub fn new(ctx: &'c Context<'a>, this: Option<usize>) -> Self {
        ManifestScope {
            ctx,
            this,
            active: Vec::new(),
            outputs: BTreeSet::new(),
            located: None,
            missing_hint: None,
        }
    }

    /// Evaluate every string in `node`.
    pub fn eval_node(&mut self, node: &Node) -> Result<Node, ManifestError> {
        let kind = match &node.kind {
            Kind::Str(text) if text.contains("${") => return self.eval_string(text, &node.span),
            Kind::Seq(items) => Kind::Seq(
                items
                    .iter()
                    .map(|n| self.eval_node(n))
                    .collect::<Result<_, _>>()?,
            ),
            Kind::Map(entries) => Kind::Map(
                entries
                    .iter()
                    .map(|e| {
                        Ok(super::yaml::Entry {
                            key: e.key.clone(),
                            key_span: e.key_span.clone(),
                            value: self.eval_node(&e.value)?,
                        })
                    })
                    .collect::<Result<_, ManifestError>>()?,
            ),
            other => other.clone(),
        };
        Ok(Node::new(node.span.clone(), kind))
    }

    fn eval_string(&mut self, text: &str, span: &Span) -> Result<Node, ManifestError> {
        self.missing_hint = None;
        match expr::evaluate_string(text, self) {
            Ok(Evaluated::Value(json)) => Ok(Node::from_json(&json, span)),
            Ok(Evaluated::Deferred(text)) => Ok(Node::new(span.clone(), Kind::Str(text))),
            Err(err) => Err(self.located.take().unwrap_or_else(|| {
                let at = err
                    .expr
                    .as_deref()
                    .map_or(span.clone(), |e| span.narrow_to(e));
                ManifestError::at(&at, err.message)
                    .with_hint_opt(err.hint.or(self.missing_hint.take()))
            })),
        }
    }

    /// Evaluate a referenced node as resource `this`, guarding against cycles.
    fn referenced(
        &mut self,
        key: String,
        node: &Node,
        this: Option<usize>,
    ) -> Result<Json, EvalError> {
        if let Some(pos) = self.active.iter().position(|a| *a == key) {
            let mut chain: Vec<&str> = self.active[pos..].iter().map(String::as_str).collect();
            chain.push(&key);
            return Err(
                EvalError::new(format!("circular reference: {}", chain.join(" -> ")))
                    .hint("a value cannot depend on itself; break the chain"),
            );
        }
        if self.active.len() >= MAX_REFERENCE_DEPTH {
            return Err(EvalError::new(format!(
                "references nested deeper than {MAX_REFERENCE_DEPTH} levels at `{key}`"
            )));
        }
        self.active.push(key);
        let saved = std::mem::replace(&mut self.this, this);
        let result = self.eval_node(node);
        self.this = saved;
        self.active.pop();
        match result {
            Ok(node) => Ok(node.to_json()),
            Err(err) => {
                // Keep the innermost error: it points at the value that is wrong.
                let message = err.message.clone();
                if self.located.is_none() {
                    self.located = Some(err);
                }
                Err(EvalError::new(message))
            }
        }
    }

    /// Walk `path` into the unevaluated `node`, evaluating only what the path reaches.
    fn walk(
        &mut self,
        root: &Node,
        path: &[String],
        depth: usize,
        this: Option<usize>,
    ) -> Result<Value, EvalError> {
        let mut node = root;
        for (i, key) in path[depth..].iter().enumerate() {
            let next = match &node.kind {
                Kind::Map(_) => node.get(key),
                Kind::Seq(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
                Kind::Str(s) if s.contains("${") => {
                    // A computed value (e.g. `${json(...)}`): evaluate it, then walk the JSON.
                    let shown = path[..depth + i].join(".");
                    let mut value = self.referenced(shown, node, this)?;
                    for key in &path[depth + i..] {
                        match expr::walk(&value, key) {
                            Some(v) => value = v,
                            None => return Ok(Value::Undefined(path.join("."))),
                        }
                    }
                    return Ok(Value::Json(value));
                }
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => {
                    let keys = node
                        .entries()
                        .unwrap_or_default()
                        .iter()
                        .map(|e| e.key.as_str());
                    self.missing_hint = did_you_mean(key, keys).map(|m| {
                        let mut full = path[..depth + i].to_vec();
                        full.push(
                            m.trim_start_matches("did you mean `")
                                .trim_end_matches("`?")
                                .to_string(),
                        );
                        format!("did you mean `{}`?", full.join("."))
                    });
                    return Ok(Value::Undefined(path.join(".")));
                }
            }
        }
        let json = self.referenced(path.join("."), node, this)?;
        Ok(match json {
            Json::Null => Value::Undefined(path.join(".")),
            other => Value::Json(other),
        })
    }

    fn this_lookup(&mut self, path: &[String]) -> Result<Value, EvalError> {
        let index = self
            .this
            .ok_or_else(|| EvalError::new("`this` is only available inside a resource"))?;
        let resource = &self.ctx.resources[index].clone();
        let text = |s: &str| Ok(Value::Json(Json::String(s.to_string())));
        match path.get(1).map(String::as_str) {
            Some("name") if path.len() == 2 => text(&resource.name.clone()),
            Some("component") if path.len() == 2 => text(&resource.component.clone()),
            Some("access") if path.len() == 2 => match &self.ctx.access {
                Some(a) => text(&a.clone()),
                None => Ok(Value::Undefined("this.access".into())),
            },
            Some("props") => {
                // The canonical path names the resource, so cycles are told apart per resource.
                let mut canonical = vec!["resources".to_string(), resource.name.clone()];
                canonical.extend(path[1..].iter().cloned());
                let props = resource.props.clone();
                self.walk(&props, &canonical, 3, Some(index))
            }
            _ => Err(
                EvalError::new(format!("unknown reference `{}`", path.join(".")))
                    .hint("`this` has `name`, `component`, `access` and `props`"),
            ),
        }
    }

    fn resources_lookup(&mut self, path: &[String]) -> Result<Value, EvalError> {
        let Some(name) = path.get(1) else {
            return Err(EvalError::new(
                "`resources` needs a resource name: `resources.<name>.props.x`",
            ));
        };
        let index = self.ctx.resource_index(name).ok_or_else(|| {
            let names = self.ctx.resources.iter().map(|r| r.name.as_str());
            EvalError::new(format!("unknown resource `{name}` in `{}`", path.join("."))).hint(
                did_you_mean(name, names)
                    .unwrap_or_else(|| "resources are the keys under `resources:`".into()),
            )
        })?;
        match path.get(2).map(String::as_str) {
            Some("output") | Some("info") => {
                self.outputs.insert(name.clone());
                Ok(Value::Deferred)
            }
            Some("props") => {
                let props = self.ctx.resources[index].props.clone();
                self.walk(&props, path, 3, Some(index))
            }
            Some("name") if path.len() == 3 => Ok(Value::Json(Json::String(name.clone()))),
            _ => Err(
                EvalError::new(format!("unknown reference `{}`", path.join(".")))
                    .hint("use `resources.<name>.props.<key>` or `resources.<name>.output.<key>`"),
            ),
        }
    }

    fn env_value(&self, name: &str) -> Option<String> {
        self.ctx.env(name)
    }

    fn config_value(&self, key: &str) -> Result<Value, EvalError> {
        let value = self.ctx.config.get(key).ok_or_else(|| {
            EvalError::new(format!("`config('{key}')` has no value: no credentials are configured"))
                .hint(format!("run `s config add`, or set the `{key}` environment variable (with `AccessKeyID` and `AccessKeySecret`)"))
        })?;
        let shown = if self.ctx.mask_config {
            mask(value)
        } else {
            value.clone()
        };
        Ok(Value::Json(Json::String(shown)))
    }

    fn resolve_path(&self, rel: &str) -> PathBuf {
        normalize(&self.ctx.dir.join(rel))
    }
}

impl Scope for ManifestScope<'_, '_> {
    fn lookup(&mut self, path: &[String]) -> Result<Value, EvalError> {
        match path[0].as_str() {
            "vars" => {
                let vars = self.ctx.vars.clone();
                self.walk(&vars, path, 1, None)
            }
            "this" => self.this_lookup(path),
            "resources" | "services" => self.resources_lookup(path),
            "components" => {
                if let Some(name) = path.get(1) {
                    self.outputs.insert(name.clone());
                }
                Ok(Value::Deferred)
            }
            "cwd" if path.len() == 1 => Ok(Value::Json(Json::String(self.ctx.dir.display().to_string()))),
            // The 1.0 form `${env.NAME}`.
            "env" if path.len() == 2 => Ok(self
                .env_value(&path[1])
                .map_or_else(|| Value::Undefined(path.join(".")), |v| Value::Json(Json::String(v)))),
            other => Err(EvalError::new(format!("unknown name `{other}` in `{}`", path.join(".")))
                .hint(did_you_mean(other, ROOTS.iter().copied()).unwrap_or_else(|| {
                    "names are `vars`, `this`, `resources`, `cwd`, and the functions `env()`, `config()`, `file()`, `path()`, `json()`".into()
                }))),
        }
    }

    fn call(&mut self, name: &str, args: Vec<Value>) -> Result<Value, EvalError> {
        let strings: Vec<Option<String>> = args
            .iter()
            .map(|a| match a {
                Value::Json(Json::String(s)) => Some(s.clone()),
                Value::Json(Json::Number(n)) => Some(n.to_string()),
                _ => None,
            })
            .collect();
        let arg = |i: usize| -> Result<String, EvalError> {
            strings.get(i).cloned().flatten().ok_or_else(|| {
                EvalError::new(format!("`{name}()` expects a string argument"))
                    .hint(format!("quote it: `{name}('value')`"))
            })
        };
        match name {
            "env" => {
                let key = arg(0)?;
                match (self.env_value(&key), args.get(1)) {
                    (Some(v), _) => Ok(Value::Json(Json::String(v))),
                    (None, Some(default)) => Ok(default.clone()),
                    (None, None) => Err(EvalError::new(format!("env('{key}') not found"))
                        .hint(format!("set `{key}` in the environment or in `.env` next to the manifest, or give a default: `${{env('{key}', 'value')}}`"))),
                }
            }
            "config" => self.config_value(&arg(0)?),
            "file" => {
                let rel = arg(0)?;
                let path = self.resolve_path(&rel);
                read_small_file(&rel, &path).map(|s| Value::Json(Json::String(s)))
            }
            "path" => {
                let rel = arg(0)?;
                let path = self.resolve_path(&rel);
                if path.exists() {
                    Ok(Value::Json(Json::String(path.display().to_string())))
                } else {
                    Err(EvalError::new(format!(
                        "path `{rel}` does not exist (`{}`)",
                        path.display()
                    ))
                    .hint("paths are relative to the manifest's directory"))
                }
            }
            "json" => match args.into_iter().next() {
                Some(Value::Json(Json::String(s))) => serde_json::from_str(&s)
                    .map(Value::Json)
                    .map_err(|e| EvalError::new(format!("`json()` got invalid JSON: {e}"))),
                Some(other @ Value::Json(_)) | Some(other @ Value::Deferred) => Ok(other),
                _ => Err(EvalError::new("`json()` expects a string")),
            },
            "regex" => Err(
                EvalError::new("`regex()` is only allowed in `actions` keys")
                    .hint("write it as `pre-${regex('deploy|remove')}`"),
            ),
            "secret" => Err(EvalError::new("`secret()` is not supported")
                .hint("keep secrets in the environment or in `.env` and use `${env('NAME')}`")),
            other => Err(
                EvalError::new(format!("unknown function `{other}()`")).hint(
                    did_you_mean(other, FUNCTIONS.iter().copied()).unwrap_or_else(|| {
                        "functions are `env`, `config`, `file`, `path`, `json`".into()
                    }),
                ),
            ),
        }
    }
}

/// The text of `path` for `${file('rel')}`: a regular file of at most [`MAX_FILE_BYTES`].
/// A device (`/dev/zero` never ends) or a FIFO (opening one waits for a writer) is refused,
/// checked on the opened file so nothing can be swapped in between.
fn read_small_file(rel: &str, path: &Path) -> Result<String, EvalError> {
    use std::io::Read as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let cannot = |e: &dyn std::fmt::Display| {
        EvalError::new(format!("cannot read `{rel}` (`{}`): {e}", path.display()))
            .hint("paths are relative to the manifest's directory")
    };
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| cannot(&e))?;
    let meta = file.metadata().map_err(|e| cannot(&e))?;
    if !meta.is_file() {
        return Err(EvalError::new(format!(
            "`file('{rel}')`: `{}` is not a regular file",
            path.display()
        ))
        .hint("`file()` reads regular files only"));
    }
    let too_big = || {
        EvalError::new(format!(
            "`file('{rel}')`: `{}` is larger than {}, the most `file()` reads",
            path.display(),
            crate::package::human_size(MAX_FILE_BYTES)
        ))
        .hint("keep large data in files the code reads at run time")
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| cannot(&e))
}

/// `LTA****KNA` for long values, `****` for short ones.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() >= 12 {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[chars.len() - 3..].iter().collect();
        format!("{head}****{tail}")
    } else {
        "****".into()
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system (symlinks stay as written).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
