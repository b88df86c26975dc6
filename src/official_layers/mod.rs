//! FC's official layers (`acs:fc:<region>:official:layers/<Name>/versions/<n>`) given local
//! equivalents at the paths their documentation tells functions to use: `Nodejs20` is
//! `/opt/nodejs20/bin/node`, `Python310` is `/opt/python3.10/bin/python3`,
//! `Python3-Flask2x` is Flask in `/opt/python`, `Nginx` is `/opt/nginx/sbin/nginx`, ...
//!
//! Each is a folder laid out as under `/opt`, merged into a function's `/opt` like any
//! layer. Runtimes and tools come from the host: the folder holds symlinks to them, which
//! resolve inside the sandbox because it shows the system dirs and the interpreters the
//! engine found; a version other than the layer's is used with a warning naming both.
//! Libraries come from the package registries, installed once (`pip install --target`,
//! Debian archives unpacked) into a per-user cache, `<S_HOME>/official-layers` (or
//! `$S_OFFICIAL_LAYERS`), and reused by every deploy after. A folder is built in a
//! temporary sibling and renamed into place under a lock, so two deploys never race and a
//! killed build leaves nothing half-made; its name carries a digest of what it was made
//! from (tool paths and versions), so a changed host builds a new one.
//!
//! Every version number of a layer maps to the same local folder: the local equivalent has
//! one version.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::build::BuildError;
use crate::fc::Layer;

mod build;
mod plan;

/// The account part of an official layer's ARN.
pub const ACCOUNT: &str = "official";

/// One official layer and how it is made here.
pub struct Official {
    pub name: &'static str,
    /// What FC documents it as.
    pub description: &'static str,
    pub compatible_runtime: &'static [&'static str],
    recipe: Recipe,
}

enum Recipe {
    /// `nodejs<major>/bin/{node,npm,npx}`: the host's Node.js.
    Node(&'static str),
    /// `python<minor>/bin/{python3,python,python<minor>}`: the host's Python.
    Python(&'static str),
    /// `java<major>`: the host's JDK (its `java.home`).
    Java(&'static str),
    /// `php<version>/bin/php`: the host's PHP.
    Php(&'static str),
    /// `bin/ffmpeg`, `bin/ffprobe`: the host's FFmpeg.
    Ffmpeg,
    /// `nginx/sbin/nginx`: the host's nginx, else Debian's package unpacked.
    Nginx,
    /// `python/`: a requirement installed with the host's pip.
    Pip(&'static str),
    /// Known to FC, no local equivalent: why, and what to do instead.
    Missing(&'static str),
}

const CUSTOM: &[&str] = &[
    "custom",
    "custom.debian10",
    "custom.debian11",
    "custom.debian12",
];

/// The official layers the local engine knows, by FC's names.
pub const CATALOG: &[Official] = &[
    node("Nodejs14", "14"),
    node("Nodejs16", "16"),
    node("Nodejs18", "18"),
    node("Nodejs20", "20"),
    node("Nodejs22", "22"),
    python("Python38", "3.8"),
    python("Python39", "3.9"),
    python("Python310", "3.10"),
    python("Python312", "3.12"),
    Official {
        name: "Python3-Flask2x",
        description: "Flask 2.x in /opt/python",
        compatible_runtime: &["python3.9", "python3.10", "custom", "custom.debian10"],
        recipe: Recipe::Pip("flask>=2,<3"),
    },
    Official {
        name: "Python3-Flask3x",
        description: "Flask 3.x in /opt/python",
        compatible_runtime: &["python3.12", "custom.debian10", "custom.debian11"],
        recipe: Recipe::Pip("flask>=3,<4"),
    },
    java("Java8", "8"),
    java("Java11", "11"),
    java("Java17", "17"),
    java("Java21", "21"),
    Official {
        name: "PHP81",
        description: "PHP 8.1 runtime: /opt/php8.1/bin/php",
        compatible_runtime: CUSTOM,
        recipe: Recipe::Php("8.1"),
    },
    Official {
        name: "PHP80",
        description: "PHP 8.0 runtime: /opt/php8.0/bin/php",
        compatible_runtime: CUSTOM,
        recipe: Recipe::Php("8.0"),
    },
    Official {
        name: "FFmpeg6x",
        description: "FFmpeg 6: /opt/bin/ffmpeg, /opt/bin/ffprobe",
        compatible_runtime: &["custom", "custom.debian10", "python3.10", "python3.9", "nodejs16"],
        recipe: Recipe::Ffmpeg,
    },
    Official {
        name: "Nginx",
        description: "nginx: /opt/nginx/sbin/nginx",
        compatible_runtime: &["custom.debian10"],
        recipe: Recipe::Nginx,
    },
    Official {
        name: "ServerlessDevs",
        description: "the Serverless Devs CLI",
        compatible_runtime: CUSTOM,
        recipe: Recipe::Missing(
            "a function deploying with Serverless Devs from inside needs the cloud; run `s` on the host instead",
        ),
    },
];

const fn node(name: &'static str, major: &'static str) -> Official {
    Official {
        name,
        description: "Node.js runtime: /opt/nodejs<major>/bin/node",
        compatible_runtime: CUSTOM,
        recipe: Recipe::Node(major),
    }
}

const fn python(name: &'static str, minor: &'static str) -> Official {
    Official {
        name,
        description: "Python runtime: /opt/python<minor>/bin/python3",
        compatible_runtime: CUSTOM,
        recipe: Recipe::Python(minor),
    }
}

const fn java(name: &'static str, major: &'static str) -> Official {
    Official {
        name,
        description: "Java runtime (JDK): /opt/java<major>/bin/java",
        compatible_runtime: CUSTOM,
        recipe: Recipe::Java(major),
    }
}

/// The entry named `name` (FC's spelling, exact).
pub fn find(name: &str) -> Option<&'static Official> {
    CATALOG.iter().find(|o| o.name == name)
}

/// The layers that have a local equivalent, for `ListLayers?official=true`.
pub fn supported() -> impl Iterator<Item = &'static Official> {
    CATALOG
        .iter()
        .filter(|o| !matches!(o.recipe, Recipe::Missing(_)))
}

/// Where built layers are kept: `$S_OFFICIAL_LAYERS`, else `<S_HOME>/official-layers`.
pub fn cache_dir() -> PathBuf {
    match std::env::var_os("S_OFFICIAL_LAYERS").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => crate::paths::s_home().join("official-layers"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OfficialError {
    #[error("official layer `{0}` does not exist")]
    Unknown(String),
    /// Known, but it cannot be provided here; the message says what to install.
    #[error("official layer `{name}` cannot be provided locally: {why}")]
    Unavailable { name: String, why: String },
    #[error("cannot build official layer `{name}`: {source}")]
    Build {
        name: String,
        #[source]
        source: BuildError,
    },
}

/// A layer ready to merge: its folder, and what the user should know about it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub root: PathBuf,
    /// E.g. the host's Node.js is not the layer's version.
    pub warning: Option<String>,
    /// What it maps to, for messages and listings.
    pub mapped: String,
}

/// Layers prepared by this process, by name: probing the host again for every instance
/// start would cost a process spawn each time.
static PREPARED: Mutex<Option<HashMap<String, Prepared>>> = Mutex::new(None);

/// The layer `name`, built first when this host has none yet (`on_line` gets the
/// installer's output).
pub fn prepare(name: &str, on_line: &mut dyn FnMut(String)) -> Result<Prepared, OfficialError> {
    if let Some(done) = memo(name).filter(|p| p.root.is_dir()) {
        return Ok(done);
    }
    let official = find(name).ok_or_else(|| OfficialError::Unknown(name.to_string()))?;
    let plan = official.plan()?;
    let root = cache_dir().join(format!("{}-{}", official.name, &plan.key[..16]));
    if !root.is_dir() {
        build::build(official, &plan, &root, on_line)?;
    }
    let prepared = Prepared {
        root,
        warning: plan.warning,
        mapped: plan.mapped,
    };
    PREPARED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get_or_insert_with(HashMap::new)
        .insert(name.to_string(), prepared.clone());
    Ok(prepared)
}

/// The layer `name` when this process prepared it already (never builds).
pub fn memo(name: &str) -> Option<Prepared> {
    PREPARED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .and_then(|m| m.get(name).cloned())
}

/// The API's record of an official layer version.
pub fn record(official: &Official, region: &str, version: u32) -> Layer {
    Layer {
        layer_name: official.name.to_string(),
        version,
        layer_version_arn: crate::fc::layer_arn(region, ACCOUNT, official.name, version),
        description: official.describe(),
        compatible_runtime: official
            .compatible_runtime
            .iter()
            .map(|s| s.to_string())
            .collect(),
        acl: "1".into(),
        ..Layer::default()
    }
}

impl Official {
    /// FC's description with the version filled in.
    pub fn describe(&self) -> String {
        let version = match &self.recipe {
            Recipe::Node(v) | Recipe::Python(v) | Recipe::Java(v) => v,
            _ => "",
        };
        self.description
            .replace("<major>", version)
            .replace("<minor>", version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_fc_spellings_and_unique() {
        let mut names: Vec<_> = CATALOG.iter().map(|o| o.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), CATALOG.len());
        assert!(find("Nodejs20").is_some());
        assert!(find("nodejs20").is_none());
        assert!(supported().all(|o| o.name != "ServerlessDevs"));
    }

    #[test]
    fn records_carry_the_official_arn() {
        let layer = record(find("Python3-Flask2x").unwrap(), "cn-hangzhou", 2);
        assert_eq!(
            layer.layer_version_arn,
            "acs:fc:cn-hangzhou:official:layers/Python3-Flask2x/versions/2"
        );
        assert_eq!(layer.acl, "1");
    }
}
