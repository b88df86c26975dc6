//! The resolve step: global flags, environment and the manifest become plain settings.
//! Commands ask the context for what they need and never look at raw flags twice.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::args::{GlobalArgs, OutputFormat};
use crate::manifest::{self, LoadOptions, Manifest, Resource};

/// Where commands that talk to an FC API send their requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The bundled engine on this machine (started on demand).
    Local,
    /// Alibaba Cloud Function Compute 3.0.
    Fc,
    /// Any FC-3.0-compatible endpoint, e.g. another machine's `s engine`.
    Url(String),
}

pub struct Context {
    pub global: GlobalArgs,
    /// `s <resource> <command>` picks one resource.
    pub resource: Option<String>,
}

impl Context {
    pub fn new(global: GlobalArgs, resource: Option<String>) -> Self {
        Context { global, resource }
    }

    pub fn output(&self) -> OutputFormat {
        self.global.output
    }

    pub fn assume_yes(&self) -> bool {
        self.global.assume_yes
    }

    pub fn target(&self) -> anyhow::Result<Target> {
        match self.global.target.as_deref().map(str::trim) {
            None | Some("") | Some("local") => Ok(Target::Local),
            Some("fc") => Ok(Target::Fc),
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                Ok(Target::Url(url.trim_end_matches('/').to_string()))
            }
            Some(other) => Err(super::Hinted::new(
                format!("unknown target `{other}`"),
                "use `local`, `fc`, or an engine URL such as `http://10.0.0.5:9630`",
            )
            .into()),
        }
    }

    /// The manifest path: `-t` if given, else `s.yaml`/`s.yml` in the working directory.
    pub fn manifest_path(&self) -> anyhow::Result<PathBuf> {
        let cwd = std::env::current_dir().context("cannot read the working directory")?;
        Ok(manifest::find(&cwd, self.global.template.as_deref())?)
    }

    /// Load, evaluate and validate the manifest; warnings go to stderr.
    pub fn load_manifest(&self) -> anyhow::Result<Manifest> {
        let path = self.manifest_path()?;
        self.load_manifest_at(&path)
    }

    pub fn load_manifest_at(&self, path: &Path) -> anyhow::Result<Manifest> {
        let loaded = manifest::load(path, &self.load_options())?;
        for warning in &loaded.warnings {
            super::output::warn(warning);
        }
        Ok(loaded.manifest)
    }

    /// The fc3 resources this command acts on: the one named by `s <resource> <command>`,
    /// else all of them in execution order.
    pub fn selected_resources<'m>(
        &self,
        manifest: &'m Manifest,
    ) -> anyhow::Result<Vec<&'m Resource>> {
        let functions: Vec<&Resource> = manifest
            .resources
            .iter()
            .filter(|r| r.component == "fc3")
            .collect();
        let Some(name) = &self.resource else {
            let domains = manifest
                .resources
                .iter()
                .any(|r| r.component == super::domain::COMPONENT);
            if functions.is_empty() && !domains {
                return Err(super::Hinted::new(
                    format!("`{}` has no fc3 resources", manifest.path.display()),
                    "add a resource with `component: fc3` under `resources:`",
                )
                .into());
            }
            return Ok(functions);
        };
        match functions.iter().find(|r| &r.name == name) {
            Some(r) => Ok(vec![*r]),
            // A custom domain alone: no function to act on (see `domain::plans`).
            None if manifest
                .resources
                .iter()
                .any(|r| &r.name == name && r.component == super::domain::COMPONENT) =>
            {
                Ok(Vec::new())
            }
            None => {
                let names: Vec<&str> = functions.iter().map(|r| r.name.as_str()).collect();
                let hint = manifest::did_you_mean(name, names.iter().copied())
                    .unwrap_or_else(|| format!("resources in this project: {}", names.join(", ")));
                Err(super::Hinted::new(
                    format!(
                        "resource `{name}` not found in `{}`",
                        manifest.path.display()
                    ),
                    hint,
                )
                .into())
            }
        }
    }

    /// Refuse a project whose fc3 resources give one `functionName` to several regions when
    /// the target is one engine: an engine keeps one function per name, so the second
    /// deploy would replace the first and delete its triggers. On FC each region is its own
    /// endpoint, so there is nothing to refuse.
    pub fn check_one_region_per_name(&self, manifest: &Manifest) -> anyhow::Result<()> {
        if self.target()? == Target::Fc {
            return Ok(());
        }
        let mut seen: Vec<(String, &str, &str)> = Vec::new();
        for resource in manifest.resources.iter().filter(|r| r.component == "fc3") {
            let name = super::info::function_name(&resource.props, &resource.name);
            let region = resource.props["region"].as_str().unwrap_or_default();
            let clash = seen
                .iter()
                .find(|(other, other_region, _)| *other == name && *other_region != region);
            if let Some((_, other_region, other_resource)) = clash {
                return Err(super::Hinted::new(
                    format!(
                        "resources `{other_resource}` ({other_region}) and `{}` ({region}) both deploy function `{name}`",
                        resource.name
                    ),
                    "one engine keeps one function per name whatever the region: give each its own `functionName` (e.g. `hello-${vars.region}`), or deploy them to FC with `--target fc`",
                )
                .into());
            }
            seen.push((name, region, &resource.name));
        }
        Ok(())
    }

    /// What `manifest::load` needs from flags and environment. `${config('X')}` reads the
    /// credential fields from the environment (`AccountID`, `AccessKeyID`, ...) first, then
    /// from the access alias (`-a`, the manifest's `access`, or the default).
    pub fn load_options(&self) -> LoadOptions {
        let mut config_values: std::collections::BTreeMap<String, String> =
            crate::credentials::FIELDS
                .into_iter()
                .filter_map(|key| {
                    let value = std::env::var(key).ok().filter(|v| !v.is_empty())?;
                    Some((key.to_string(), value))
                })
                .collect();
        if let Some(credential) = super::config::credential_for_manifest(self) {
            for key in crate::credentials::FIELDS {
                if let Some(value) = credential.field(key) {
                    config_values
                        .entry(key.to_string())
                        .or_insert_with(|| value.to_string());
                }
            }
        }
        // The local engine needs no credentials, so destination ARNs written the FC way
        // (`acs:fc:<region>:${config('AccountID')}:functions/...`) get the engine's account.
        if self.target().is_ok_and(|t| t == Target::Local) {
            config_values
                .entry("AccountID".to_string())
                .or_insert_with(|| {
                    std::env::var("S_ACCOUNT_ID")
                        .ok()
                        .filter(|v| !v.is_empty())
                        .unwrap_or_else(|| crate::engine::DEFAULT_ACCOUNT_ID.to_string())
                });
        }
        LoadOptions {
            access: self.global.access.clone(),
            config_values,
            mask_config: false,
        }
    }

    /// The alias a command should use: `-a`, else a literal `access:` in the manifest.
    pub fn access_alias(&self) -> Option<String> {
        if let Some(alias) = &self.global.access {
            return Some(alias.clone());
        }
        let path = self.manifest_path().ok()?;
        let text = std::fs::read_to_string(path).ok()?;
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).ok()?;
        let access = doc.get("access")?.as_str()?.trim();
        (!access.is_empty() && !access.contains("${")).then(|| access.to_string())
    }
}
