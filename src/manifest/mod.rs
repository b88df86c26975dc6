//! The `s.yaml` model: finding the file, parsing both editions (3.0.0 `resources:` and
//! 1.0.0 `services:`) into one model, evaluating `${...}`, ordering resources, validating
//! fc3 props. Errors point at `file:line:col`. Must not print, call the network, or panic.

mod actions;
mod diagnostic;
mod edition1;
mod expr;
mod merge;
mod order;
mod scope;
mod validate;
mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use actions::{Action, AllowFailure, CommandMatch, Phase, Step, StepKind};
pub use diagnostic::{did_you_mean, ManifestError};

use diagnostic::{Source, Span};
use scope::{Context, ManifestScope, RawResource};
use yaml::{Kind, Node};

/// Options the caller resolves before loading (credentials come from `cli`).
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The `-a` alias, if any; `${config('X')}` looks values up through it.
    pub access: Option<String>,
    /// Credential fields for `${config('X')}`: `AccountID`, `AccessKeyID`, `AccessKeySecret`,
    /// `SecurityToken`, ...
    pub config_values: BTreeMap<String, String>,
    /// Show `${config(...)}` values masked (`s preview`).
    pub mask_config: bool,
}

/// A fully resolved manifest.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The manifest file.
    pub path: PathBuf,
    pub edition: String,
    pub name: Option<String>,
    pub access: Option<String>,
    pub vars: serde_json::Value,
    /// Global `actions` (only `run` and `plugin` steps).
    pub actions: Vec<Action>,
    /// Resources in execution order: dependencies first, otherwise manifest order.
    pub resources: Vec<Resource>,
}

impl Manifest {
    /// The directory the manifest lives in; relative paths in props resolve against it.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// One resource by name.
    pub fn resource(&self, name: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.name == name)
    }

    /// The resolved manifest as a document (what `s preview` prints).
    pub fn to_document(&self) -> serde_json::Value {
        let mut doc = serde_json::Map::new();
        doc.insert("edition".into(), self.edition.clone().into());
        if let Some(name) = &self.name {
            doc.insert("name".into(), name.clone().into());
        }
        if let Some(access) = &self.access {
            doc.insert("access".into(), access.clone().into());
        }
        if !self.vars.is_null() {
            doc.insert("vars".into(), self.vars.clone());
        }
        if !self.actions.is_empty() {
            doc.insert("actions".into(), actions_document(&self.actions));
        }
        let resources = self
            .resources
            .iter()
            .map(|r| {
                let mut entry = serde_json::Map::new();
                entry.insert("component".into(), r.component.clone().into());
                if !r.depends_on.is_empty() {
                    entry.insert("dependsOn".into(), r.depends_on.clone().into());
                }
                if !r.actions.is_empty() {
                    entry.insert("actions".into(), actions_document(&r.actions));
                }
                entry.insert("props".into(), r.props.clone());
                (r.name.clone(), serde_json::Value::Object(entry))
            })
            .collect();
        doc.insert("resources".into(), serde_json::Value::Object(resources));
        serde_json::Value::Object(doc)
    }
}

fn actions_document(actions: &[Action]) -> serde_json::Value {
    serde_json::Value::Object(
        actions
            .iter()
            .map(|a| {
                (
                    a.key.clone(),
                    a.steps.iter().map(|s| s.raw.clone()).collect(),
                )
            })
            .collect(),
    )
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub name: String,
    /// `fc3` for functions.
    pub component: String,
    /// Evaluated props; `${resources.X.output...}` references stay as their source text.
    pub props: serde_json::Value,
    /// Resources that must run before this one (from `output` references).
    pub depends_on: Vec<String>,
    /// Resource-level `actions`.
    pub actions: Vec<Action>,
}

/// A loaded manifest plus the warnings to show (unknown keys, deprecated forms).
#[derive(Debug)]
pub struct Loaded {
    pub manifest: Manifest,
    pub warnings: Vec<String>,
}

const TOP_LEVEL_KEYS: &[&str] = &[
    "edition",
    "name",
    "access",
    "vars",
    "template",
    "extend",
    "env",
    "flow",
    "actions",
    "resources",
    "services",
];
const RESOURCE_KEYS: &[&str] = &["component", "props", "actions", "extend"];
/// How many `extend:` base files may chain.
const MAX_EXTEND_DEPTH: usize = 8;

/// The manifest in `dir`: `explicit` if given, else `s.yaml`, else `s.yml`.
pub fn find(dir: &Path, explicit: Option<&Path>) -> Result<PathBuf, ManifestError> {
    if let Some(path) = explicit {
        let path = dir.join(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(ManifestError::new(format!(
                "manifest `{}` not found",
                path.display()
            )))
        };
    }
    ["s.yaml", "s.yml"]
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            ManifestError::new(format!("no `s.yaml` in `{}`", dir.display()))
                .with_hint("create one with `s init`, or pass `-t path/to/s.yaml`")
        })
}

/// Parse, evaluate and validate the manifest at `path`.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Loaded, ManifestError> {
    let mut warnings = Vec::new();
    let root = read_with_extends(path, &mut Vec::new())?;
    let edition = edition(&root, &mut warnings)?;
    let root = if edition == "3.0.0" {
        if root.get("services").is_some() && root.get("resources").is_none() {
            let span = &root
                .entry("services")
                .map_or(root.span.clone(), |e| e.key_span.clone());
            return Err(ManifestError::at(
                span,
                "keyword `services` has been replaced by `resources` in 3.0.0 YAML",
            )
            .with_hint(
                "rename `services:` to `resources:`, or set `edition: 1.0.0` for the older format",
            ));
        }
        root
    } else {
        edition1::convert(root, &mut warnings)?
    };
    warn_unknown(&root, TOP_LEVEL_KEYS, "at the top level", &mut warnings);
    for ignored in ["env", "flow"] {
        if let Some(entry) = root.entry(ignored) {
            warnings.push(format!(
                "{}: `{ignored}` is not supported yet and is ignored",
                entry.key_span.location()
            ));
        }
    }
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let ctx = Context {
        dotenv: read_dotenv(&dir, &mut warnings),
        dir: scope::normalize(&std::path::absolute(&dir).unwrap_or(dir.clone())),
        access: root
            .get("access")
            .and_then(Node::as_str)
            .map(str::to_string),
        config: &options.config_values,
        mask_config: options.mask_config,
        vars: root
            .get("vars")
            .cloned()
            .unwrap_or_else(|| Node::new(root.span.clone(), Kind::Null)),
        resources: raw_resources(&root, &mut warnings)?,
    };
    let manifest = evaluate(path, &edition, &root, &ctx, &mut warnings)?;
    Ok(Loaded { manifest, warnings })
}

/// Read `path`, then merge it onto its `extend:` base (recursively).
fn read_with_extends(path: &Path, seen: &mut Vec<PathBuf>) -> Result<Node, ManifestError> {
    let mut root = read_root(path)?;
    let Some(extend) = merge::remove_key(&mut root, "extend") else {
        return Ok(root);
    };
    let Some(rel) = extend.value.as_str() else {
        return Err(ManifestError::at(
            &extend.value.span,
            "top-level `extend` must be the path of a base manifest",
        )
        .with_hint("write `extend: ./base.yaml`"));
    };
    let base_path = scope::normalize(&path.parent().unwrap_or(Path::new(".")).join(rel));
    seen.push(scope::normalize(path));
    if seen.contains(&base_path) || seen.len() > MAX_EXTEND_DEPTH {
        return Err(ManifestError::at(
            &extend.value.span,
            format!("`extend` loops back to `{rel}`"),
        )
        .with_hint("a base manifest cannot extend the manifest that extends it"));
    }
    if !base_path.is_file() {
        return Err(ManifestError::at(
            &extend.value.span,
            format!("base manifest `{rel}` not found"),
        )
        .with_hint("the path is relative to this manifest's directory"));
    }
    let base = read_with_extends(&base_path, seen)?;
    Ok(merge::deep_merge(base, root))
}

/// One file as a YAML mapping.
fn read_root(path: &Path) -> Result<Node, ManifestError> {
    let name = display_name(path);
    let bytes = std::fs::read(path)
        .map_err(|e| ManifestError::new(format!("cannot read `{name}`: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        ManifestError::new(format!(
            "`{name}` is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .with_hint("save the manifest as UTF-8")
    })?;
    let source = Arc::new(Source {
        name: name.clone(),
        text,
    });
    let root = yaml::parse(&source)?;
    match root.kind {
        Kind::Map(_) => Ok(root),
        Kind::Null => Err(ManifestError::new(format!("`{name}` is empty"))
            .with_hint("start with `edition: 3.0.0` and a `resources:` mapping (see `s init`)")),
        _ => Err(ManifestError::at(
            &root.span,
            format!("`{name}` must be a mapping, not {}", root.type_name()),
        )
        .with_hint("a manifest has keys such as `edition`, `name`, `vars` and `resources`")),
    }
}

/// The path as the user would write it: relative to the working directory when inside it.
fn display_name(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    shown.display().to_string()
}

fn edition(root: &Node, warnings: &mut Vec<String>) -> Result<String, ManifestError> {
    match root.get("edition") {
        Some(Node {
            kind: Kind::Str(s), ..
        }) => Ok(s.trim().to_string()),
        Some(
            node @ Node {
                kind: Kind::Int(_) | Kind::Float(_),
                ..
            },
        ) => Ok(node.to_json().to_string()),
        Some(node) => Err(ManifestError::at(
            &node.span,
            format!(
                "`edition` must be a version string, not {}",
                node.type_name()
            ),
        )
        .with_hint("write `edition: 3.0.0`")),
        None if root.get("services").is_some() => Ok("1.0.0".into()),
        None => {
            warnings.push(format!(
                "{}: no `edition`; assuming 3.0.0",
                root.span.location()
            ));
            Ok("3.0.0".into())
        }
    }
}

fn warn_unknown(node: &Node, known: &[&str], place: &str, warnings: &mut Vec<String>) {
    for entry in node.entries().unwrap_or_default() {
        if !known.contains(&entry.key.as_str()) {
            let suggestion = did_you_mean(&entry.key, known.iter().copied())
                .map(|s| format!("; {s}"))
                .unwrap_or_default();
            warnings.push(format!(
                "{}: unknown key `{}` {place}{suggestion}",
                entry.key_span.location(),
                entry.key
            ));
        }
    }
}

/// `.env` next to the manifest, without touching the process environment.
fn read_dotenv(dir: &Path, warnings: &mut Vec<String>) -> HashMap<String, String> {
    let path = dir.join(".env");
    let mut values = HashMap::new();
    if !path.is_file() {
        return values;
    }
    match dotenvy::from_path_iter(&path) {
        Ok(iter) => {
            for item in iter {
                match item {
                    Ok((k, v)) => {
                        values.insert(k, v);
                    }
                    Err(e) => {
                        warnings.push(format!(
                            "{}: {e}; the rest of the file is ignored",
                            display_name(&path)
                        ));
                        break;
                    }
                }
            }
        }
        Err(e) => warnings.push(format!("cannot read `{}`: {e}", display_name(&path))),
    }
    values
}

/// Resources with their template merged under the props, in manifest order.
fn raw_resources(
    root: &Node,
    warnings: &mut Vec<String>,
) -> Result<Vec<RawResource>, ManifestError> {
    let Some(resources) = root.entry("resources") else {
        return Err(ManifestError::at(&root.span, "the manifest has no `resources`")
            .with_hint("add `resources:` with at least one resource, e.g. `hello: {component: fc3, props: {...}}`"));
    };
    let Some(entries) = resources.value.entries() else {
        return Err(ManifestError::at(
            &resources.value.span,
            format!(
                "`resources` must be a mapping, not {}",
                resources.value.type_name()
            ),
        )
        .with_hint("resources are named: `resources: {api: {component: fc3, props: {...}}}`"));
    };
    let templates = root.get("template");
    entries
        .iter()
        .map(|entry| {
            let node = &entry.value;
            if !matches!(node.kind, Kind::Map(_)) {
                return Err(ManifestError::at(
                    &node.span,
                    format!(
                        "resource `{}` must be a mapping, not {}",
                        entry.key,
                        node.type_name()
                    ),
                )
                .with_hint("a resource has `component` and `props`"));
            }
            warn_unknown(
                node,
                RESOURCE_KEYS,
                &format!("in resource `{}`", entry.key),
                warnings,
            );
            let component = component(entry.key.as_str(), &entry.key_span, node, warnings)?;
            let props = node
                .get("props")
                .cloned()
                .unwrap_or_else(|| Node::new(node.span.clone(), Kind::Map(Vec::new())));
            let props = match node.get("extend") {
                Some(extend) => apply_template(&entry.key, extend, templates, props)?,
                None => props,
            };
            Ok(RawResource {
                name: entry.key.clone(),
                name_span: entry.key_span.clone(),
                component,
                props,
            })
        })
        .collect()
}

fn component(
    name: &str,
    key_span: &Span,
    node: &Node,
    warnings: &mut Vec<String>,
) -> Result<String, ManifestError> {
    let Some(value) = node.get("component") else {
        return Err(
            ManifestError::at(key_span, format!("resource `{name}` has no `component`"))
                .with_hint("add `component: fc3`"),
        );
    };
    let Some(text) = value.as_str() else {
        return Err(ManifestError::at(
            &value.span,
            format!("`component` must be a string, not {}", value.type_name()),
        )
        .with_hint("write `component: fc3`"));
    };
    let bare = text.trim().trim_start_matches("devsapp/");
    let bare = bare.split('@').next().unwrap_or(bare);
    if bare == "fc3" || bare == "fc3-domain" {
        return Ok(bare.into());
    }
    // fc3's own projects name the component by its source folder (`path('../..')`, often
    // through `${env('fc_component_version', ...)}`): a local component is fc3 under
    // development, or a fork of it.
    if is_local_component(bare) {
        warnings.push(format!(
            "{}: component `{text}` of `{name}` is a local component folder; it is deployed as `fc3`",
            value.span.location()
        ));
        return Ok("fc3".into());
    }
    warnings.push(format!(
        "{}: component `{text}` of `{name}` is not built in; only `fc3` and `fc3-domain` resources can be deployed",
        value.span.location()
    ));
    Ok(text.to_string())
}

/// A component given as a folder (`./fc3`, `/src/fc3`) or computed by an expression that
/// names one (`${path('../..')}`, `${env('fc_component_version', path('..'))}`).
fn is_local_component(text: &str) -> bool {
    let text = text.trim();
    text.starts_with('/')
        || text.starts_with("./")
        || text.starts_with("../")
        || text == "."
        || text == ".."
        || (text.starts_with("${") && text.contains("path("))
}

/// `extend: {name: tpl, ignore: [k]}`: the template (minus `ignore`) under the props.
fn apply_template(
    resource: &str,
    extend: &Node,
    templates: Option<&Node>,
    props: Node,
) -> Result<Node, ManifestError> {
    let hint = "write `extend: {name: <template>, ignore: [keys]}`";
    let Some(name_node) = extend.get("name") else {
        return Err(ManifestError::at(
            &extend.span,
            format!("`extend` of `{resource}` needs a template `name`"),
        )
        .with_hint(hint));
    };
    let Some(name) = name_node.as_str() else {
        return Err(
            ManifestError::at(&name_node.span, "a template `name` must be a string")
                .with_hint(hint),
        );
    };
    let names = templates.and_then(Node::entries).unwrap_or_default();
    let Some(template) = templates.and_then(|t| t.get(name)) else {
        return Err(
            ManifestError::at(&name_node.span, format!("unknown template `{name}`")).with_hint(
                did_you_mean(name, names.iter().map(|e| e.key.as_str())).unwrap_or_else(|| {
                    "templates are defined under the top-level `template:` key".into()
                }),
            ),
        );
    };
    let ignore: Vec<String> = match extend.get("ignore").map(|n| &n.kind) {
        None => Vec::new(),
        Some(Kind::Seq(items)) => items
            .iter()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect(),
        Some(_) => {
            return Err(ManifestError::at(
                &extend.get("ignore").unwrap().span,
                "`ignore` must be a list of keys",
            )
            .with_hint(hint))
        }
    };
    Ok(merge::deep_merge(
        merge::without_keys(template.clone(), &ignore),
        props,
    ))
}

/// Evaluate everything, validate fc3 props, order the resources.
fn evaluate(
    path: &Path,
    edition: &str,
    root: &Node,
    ctx: &Context,
    warnings: &mut Vec<String>,
) -> Result<Manifest, ManifestError> {
    let mut global = ManifestScope::new(ctx, None);
    let vars = global.eval_node(&ctx.vars)?.to_json();
    let name = match root.get("name") {
        Some(node) => Some(expr::text_form(&global.eval_node(node)?.to_json())),
        None => None,
    };
    let access = match root.get("access") {
        Some(node) if node.as_str() == Some("${aliyun-cli}") => Some("${aliyun-cli}".to_string()),
        Some(node) => Some(expr::text_form(&global.eval_node(node)?.to_json())),
        None => None,
    };
    let actions = match root.get("actions") {
        Some(node) => actions::parse(
            node,
            actions::Level::Global,
            &ctx.dir,
            &mut global,
            warnings,
        )?,
        None => Vec::new(),
    };
    let mut resources = Vec::new();
    let mut deps = Vec::new();
    for (index, raw) in ctx.resources.iter().enumerate() {
        let mut scope = ManifestScope::new(ctx, Some(index));
        let props = scope.eval_node(&raw.props)?;
        deps.push(scope.outputs.clone());
        if raw.component == "fc3" {
            let mut checker = validate::Checker {
                resource: raw.name.clone(),
                warnings,
            };
            validate::check_fc3_props(&props, &mut checker)?;
        }
        let resource_node = root.get("resources").and_then(|r| r.get(&raw.name));
        let actions = match resource_node.and_then(|r| r.get("actions")) {
            Some(node) => actions::parse(
                node,
                actions::Level::Resource,
                &ctx.dir,
                &mut ManifestScope::new(ctx, Some(index)),
                warnings,
            )?,
            None => Vec::new(),
        };
        resources.push(Resource {
            name: raw.name.clone(),
            component: raw.component.clone(),
            props: normalize_props(props.to_json()),
            depends_on: scope.outputs.into_iter().collect(),
            actions,
        });
    }
    let names: Vec<String> = resources.iter().map(|r| r.name.clone()).collect();
    let order = order::execution_order(&names, &deps).map_err(|cycle| cycle_error(ctx, &cycle))?;
    let mut slots: Vec<Option<Resource>> = resources.into_iter().map(Some).collect();
    let resources = order.into_iter().filter_map(|i| slots[i].take()).collect();
    Ok(Manifest {
        path: path.to_path_buf(),
        edition: edition.to_string(),
        name,
        access,
        vars,
        actions,
        resources,
    })
}

fn cycle_error(ctx: &Context, cycle: &[String]) -> ManifestError {
    let span = ctx
        .resources
        .iter()
        .find(|r| Some(&r.name) == cycle.first())
        .map(|r| r.name_span.clone());
    let message = format!("dependency cycle: {}", cycle.join(" -> "));
    let hint = "`${resources.X.output...}` makes `X` run first; remove one reference in this chain";
    match span {
        Some(span) => ManifestError::at(&span, message).with_hint(hint),
        None => ManifestError::new(message).with_hint(hint),
    }
}

/// FC wants environment variables as strings; YAML numbers and booleans become text.
fn normalize_props(mut props: serde_json::Value) -> serde_json::Value {
    if let Some(serde_json::Value::Object(env)) = props.get_mut("environmentVariables") {
        for value in env.values_mut() {
            if !value.is_string() {
                *value = serde_json::Value::String(expr::text_form(value));
            }
        }
    }
    props
}

#[cfg(test)]
mod tests;
