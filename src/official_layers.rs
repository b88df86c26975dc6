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
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use sha2::{Digest as _, Sha256};

use crate::build::{debs, run_streamed, BuildError, Interpreter};
use crate::fc::Layer;

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
        build(official, &plan, &root, on_line)?;
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

/// What a layer is made of on this host, decided before anything is built.
struct Plan {
    /// A digest of the inputs: the folder's name.
    key: String,
    steps: Vec<Step>,
    warning: Option<String>,
    mapped: String,
}

enum Step {
    /// A symlink at this path (below the layer root) to a host path.
    Link(&'static str, PathBuf),
    /// `pip install --target python <requirement>` with this interpreter.
    Pip(Interpreter, &'static str),
    /// Debian's nginx unpacked, its binary at `nginx/sbin/nginx`.
    NginxDeb,
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

    fn plan(&self) -> Result<Plan, OfficialError> {
        let unavailable = |why: String| OfficialError::Unavailable {
            name: self.name.to_string(),
            why,
        };
        let mut steps = Vec::new();
        let (identity, warning, mapped) = match &self.recipe {
            Recipe::Missing(why) => return Err(unavailable(why.to_string())),
            Recipe::Node(major) => {
                let node = Interpreter::node(None).map_err(|_| {
                    unavailable(
                        "Node.js is not installed on this host; install the `nodejs` package"
                            .into(),
                    )
                })?;
                let bin = node.path.parent().unwrap_or(Path::new("/")).to_path_buf();
                let dir: &'static str = leak(format!("nodejs{major}/bin"));
                steps.push(Step::Link(leak(format!("{dir}/node")), node.path.clone()));
                for tool in ["npm", "npx"] {
                    if bin.join(tool).exists() {
                        steps.push(Step::Link(leak(format!("{dir}/{tool}")), bin.join(tool)));
                    }
                }
                let warning = differs(self.name, &format!("Node.js {major}"), &node, major);
                (
                    node.identity(),
                    warning,
                    format!("the host's Node.js {}", node.version),
                )
            }
            Recipe::Python(minor) => {
                let python = Interpreter::python(None).map_err(|_| {
                    unavailable(
                        "Python 3 is not installed on this host; install the `python3` package"
                            .into(),
                    )
                })?;
                for file in ["python3", "python", leak(format!("python{minor}"))] {
                    let at = leak(format!("python{minor}/bin/{file}"));
                    steps.push(Step::Link(at, python.path.clone()));
                }
                let warning = differs(self.name, &format!("Python {minor}"), &python, minor);
                (
                    python.identity(),
                    warning,
                    format!("the host's Python {}", python.version),
                )
            }
            Recipe::Pip(requirement) => {
                let python = Interpreter::python(None).map_err(|_| {
                    unavailable(
                        "Python 3 with pip is not installed on this host; install `python3-pip`"
                            .into(),
                    )
                })?;
                steps.push(Step::Pip(python.clone(), requirement));
                (
                    format!("{} {requirement}", python.identity()),
                    None,
                    format!("`{requirement}` from PyPI, for Python {}", python.version),
                )
            }
            Recipe::Java(major) => {
                let (home, version) = java_home().ok_or_else(|| {
                    unavailable(format!(
                        "no JDK is installed on this host; install `openjdk-{major}-jdk-headless` (or any JDK with `java` on PATH)"
                    ))
                })?;
                steps.push(Step::Link(leak(format!("java{major}")), home.clone()));
                let found_major = version.split(['.', '-', '+']).next().unwrap_or_default();
                let found_major = match found_major {
                    "1" => version.split('.').nth(1).unwrap_or_default(),
                    other => other,
                };
                let warning = (found_major != *major).then(|| {
                    format!(
                        "official layer `{}` is Java {major} on FC; locally it runs the host's Java {version} (`{}`)",
                        self.name,
                        home.display()
                    )
                });
                (
                    format!("{} {version}", home.display()),
                    warning,
                    format!("the host's JDK {version}"),
                )
            }
            Recipe::Php(version) => {
                let (binary, found) = php().ok_or_else(|| {
                    unavailable(
                        "PHP is not installed on this host; install the `php-cli` package".into(),
                    )
                })?;
                steps.push(Step::Link(
                    leak(format!("php{version}/bin/php")),
                    binary.clone(),
                ));
                let warning = (!found.starts_with(&format!("{version}."))).then(|| {
                    format!(
                        "official layer `{}` is PHP {version} on FC; locally it runs the host's PHP {found}",
                        self.name
                    )
                });
                (
                    format!("{} {found}", binary.display()),
                    warning,
                    format!("the host's PHP {found}"),
                )
            }
            Recipe::Ffmpeg => {
                let ffmpeg = on_path("ffmpeg").ok_or_else(|| {
                    unavailable(
                        "FFmpeg is not installed on this host; install the `ffmpeg` package".into(),
                    )
                })?;
                steps.push(Step::Link("bin/ffmpeg", ffmpeg.clone()));
                if let Some(probe) = on_path("ffprobe") {
                    steps.push(Step::Link("bin/ffprobe", probe));
                }
                let version = first_line("ffmpeg", &["-version"]).unwrap_or_default();
                let warning = (!version.starts_with("ffmpeg version 6")).then(|| {
                    format!(
                        "official layer `{}` is FFmpeg 6 on FC; locally it runs the host's {}",
                        self.name,
                        version.split(" Copyright").next().unwrap_or("ffmpeg")
                    )
                });
                (
                    format!("{} {version}", ffmpeg.display()),
                    warning,
                    "the host's FFmpeg".into(),
                )
            }
            Recipe::Nginx => match on_path("nginx").or_else(|| {
                let sbin = PathBuf::from("/usr/sbin/nginx");
                sbin.is_file().then_some(sbin)
            }) {
                Some(host) => {
                    steps.push(Step::Link("nginx/sbin/nginx", host.clone()));
                    (host.display().to_string(), None, "the host's nginx".into())
                }
                None => {
                    steps.push(Step::NginxDeb);
                    (
                        format!("debian nginx {}", os_codename()),
                        None,
                        "Debian's `nginx` package".into(),
                    )
                }
            },
        };
        let key = hex::encode(Sha256::digest(format!("{}\0{identity}", self.name)));
        Ok(Plan {
            key,
            steps,
            warning,
            mapped,
        })
    }
}

/// `'static` text for the few paths a plan names (a handful per process).
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn differs(name: &str, wanted: &str, found: &Interpreter, version: &str) -> Option<String> {
    let same = found.version == version
        || found
            .version
            .strip_prefix(version)
            .is_some_and(|rest| rest.starts_with('.'));
    (!same).then(|| {
        format!(
            "official layer `{name}` is {wanted} on FC; locally it runs the host's {} {} (`{}`)",
            found.name,
            found.version,
            found.path.display()
        )
    })
}

/// Build `plan` into `root`: in a temporary sibling, renamed into place, under the layer's
/// lock (a concurrent builder may have finished meanwhile).
fn build(
    official: &Official,
    plan: &Plan,
    root: &Path,
    on_line: &mut dyn FnMut(String),
) -> Result<(), OfficialError> {
    let failed = |source: BuildError| OfficialError::Build {
        name: official.name.to_string(),
        source,
    };
    let cache = root.parent().unwrap_or(Path::new("."));
    crate::private_fs::create_dir_all(cache).map_err(|e| failed(BuildError::io(cache, e)))?;
    let lock_path = cache.join(format!(".{}.lock", official.name));
    let lock_file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| failed(BuildError::io(&lock_path, e)))?;
    let _lock = nix::fcntl::Flock::lock(lock_file, nix::fcntl::FlockArg::LockExclusive)
        .map_err(|(_, e)| failed(BuildError::io(&lock_path, e.into())))?;
    if root.is_dir() {
        return Ok(());
    }
    // Whoever held the lock before finished or died: its temporaries are leftovers.
    let prefix = format!(".{}.tmp-", official.name);
    for entry in std::fs::read_dir(cache).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .tempdir_in(cache)
        .map_err(|e| failed(BuildError::io(cache, e)))?;
    for step in &plan.steps {
        run_step(step, tmp.path(), on_line).map_err(failed)?;
    }
    let built = tmp.keep();
    std::fs::rename(&built, root).map_err(|e| {
        let _ = std::fs::remove_dir_all(&built);
        failed(BuildError::io(root, e))
    })
}

fn run_step(step: &Step, dir: &Path, on_line: &mut dyn FnMut(String)) -> Result<(), BuildError> {
    match step {
        Step::Link(at, target) => {
            let path = dir.join(at);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
            }
            std::os::unix::fs::symlink(target, &path).map_err(|e| BuildError::io(&path, e))
        }
        Step::Pip(python, requirement) => {
            let mut command = Command::new(&python.path);
            command
                .args(["-m", "pip", "install", "--target"])
                .arg(dir.join("python"))
                .args([
                    "--disable-pip-version-check",
                    "--no-input",
                    "--no-compile",
                    "--no-cache-dir",
                    "--quiet",
                    requirement,
                ])
                .env("PIP_ROOT_USER_ACTION", "ignore")
                .current_dir(dir);
            run_streamed(&format!("pip install '{requirement}'"), command, on_line)
        }
        Step::NginxDeb => {
            let unpacked = dir.join("debian");
            debs::install(&["nginx".to_string()], &unpacked, on_line)?;
            let sbin = dir.join("nginx/sbin");
            std::fs::create_dir_all(&sbin).map_err(|e| BuildError::io(&sbin, e))?;
            let binary = unpacked.join("usr/sbin/nginx");
            std::fs::rename(&binary, sbin.join("nginx")).map_err(|e| BuildError::io(&binary, e))?;
            let conf = dir.join("nginx/conf");
            std::fs::create_dir_all(&conf).map_err(|e| BuildError::io(&conf, e))?;
            let mime = unpacked.join("etc/nginx/mime.types");
            if mime.is_file() {
                let _ = std::fs::rename(&mime, conf.join("mime.types"));
            }
            std::fs::remove_dir_all(&unpacked).map_err(|e| BuildError::io(&unpacked, e))
        }
    }
}

/// The host JDK's `java.home` and `java.version`.
fn java_home() -> Option<(PathBuf, String)> {
    let out = Command::new("java")
        .args(["-XshowSettings:properties", "-version"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let property = |key: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key)?.trim().strip_prefix('='))
            .map(|v| v.trim().to_string())
    };
    let home = PathBuf::from(property("java.home")?);
    Some((
        home.canonicalize().unwrap_or(home),
        property("java.version")?,
    ))
}

/// The host PHP's binary and version.
fn php() -> Option<(PathBuf, String)> {
    let out = Command::new("php")
        .args(["-r", "echo PHP_BINARY, \"\\n\", PHP_VERSION, \"\\n\";"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let binary = PathBuf::from(lines.next()?);
    (out.status.success() && binary.is_absolute())
        .then(|| (binary, lines.next().unwrap_or_default().to_string()))
}

/// `program` on the host's `PATH`, resolved to its real file.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .map(|p| p.canonicalize().unwrap_or(p))
}

fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(str::to_string)
}

/// `bookworm`, ...: Debian archives differ between releases.
fn os_codename() -> String {
    std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VERSION_CODENAME="))
        .unwrap_or_default()
        .trim_matches('"')
        .to_string()
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

    /// What `cache` holds besides lock files.
    fn built(cache: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(cache)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".lock"))
            .collect();
        names.sort();
        names
    }

    fn link_plan() -> Plan {
        Plan {
            key: "0".repeat(64),
            steps: vec![Step::Link(
                "nodejs20/bin/node",
                PathBuf::from("/usr/bin/env"),
            )],
            warning: None,
            mapped: String::new(),
        }
    }

    #[test]
    fn concurrent_builds_make_one_whole_folder_and_clear_leftovers() {
        let cache = tempfile::tempdir().unwrap();
        let official = find("Nodejs20").unwrap();
        // What a killed build left.
        let stale = cache.path().join(".Nodejs20.tmp-killed/nodejs20/bin");
        std::fs::create_dir_all(&stale).unwrap();
        let root = cache.path().join("Nodejs20-test");
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| build(official, &link_plan(), &root, &mut |_| {}).unwrap());
            }
        });
        assert_eq!(
            std::fs::read_link(root.join("nodejs20/bin/node")).unwrap(),
            PathBuf::from("/usr/bin/env")
        );
        assert_eq!(built(cache.path()), ["Nodejs20-test"]);
    }

    #[test]
    fn a_failed_build_leaves_nothing() {
        let cache = tempfile::tempdir().unwrap();
        let official = find("Python3-Flask2x").unwrap();
        let missing = Interpreter {
            name: "Python",
            path: cache.path().join("no-python"),
            version: "3.11.0".into(),
        };
        let plan = Plan {
            steps: vec![Step::Pip(missing, "flask>=2,<3")],
            ..link_plan()
        };
        let root = cache.path().join("Python3-Flask2x-test");
        let err = build(official, &plan, &root, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("Python3-Flask2x"), "{err}");
        assert_eq!(built(cache.path()), Vec::<String>::new());
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
