//! What an official layer is made of on this host: the host tools it links to (found and
//! their versions compared with the layer's) or the packages it installs, and the digest
//! of all that which names its folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sha2::{Digest as _, Sha256};

use super::{Official, OfficialError, Recipe};
use crate::build::Interpreter;
use crate::engine::runtime::sandbox::shown_by_system_dirs;

/// What a layer is made of on this host, decided before anything is built.
pub(super) struct Plan {
    /// A digest of the inputs: the folder's name.
    pub key: String,
    pub steps: Vec<Step>,
    pub warning: Option<String>,
    pub mapped: String,
}

pub(super) enum Step {
    /// A symlink at this path (below the layer root) to a host path.
    Link(String, PathBuf),
    /// `pip install --target python <requirement>` with this interpreter.
    Pip(Interpreter, &'static str),
    /// Debian's nginx unpacked, its binary at `nginx/sbin/nginx`.
    NginxDeb,
}

impl Official {
    pub(super) fn plan(&self) -> Result<Plan, OfficialError> {
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
                let dir = format!("nodejs{major}/bin");
                steps.push(Step::Link(format!("{dir}/node"), node.path.clone()));
                for tool in ["npm", "npx"] {
                    if bin.join(tool).exists() {
                        steps.push(Step::Link(format!("{dir}/{tool}"), bin.join(tool)));
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
                for file in [
                    "python3".to_string(),
                    "python".into(),
                    format!("python{minor}"),
                ] {
                    let at = format!("python{minor}/bin/{file}");
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
                steps.push(Step::Link(format!("java{major}"), home.clone()));
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
                steps.push(Step::Link(format!("php{version}/bin/php"), binary.clone()));
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
                steps.push(Step::Link("bin/ffmpeg".into(), ffmpeg.clone()));
                if let Some(probe) = on_path("ffprobe") {
                    steps.push(Step::Link("bin/ffprobe".into(), probe));
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
                    steps.push(Step::Link("nginx/sbin/nginx".into(), host.clone()));
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
        // Node.js and Python are shown wherever they live (the engine binds the interpreters
        // it found); any other host tool must be inside the system dirs the sandbox shows, or
        // its link would lead nowhere there.
        let interpreter = matches!(self.recipe, Recipe::Node(_) | Recipe::Python(_));
        for step in &steps {
            if let Step::Link(_, target) = step {
                let real = target.canonicalize().unwrap_or_else(|_| target.clone());
                if !interpreter && !shown_by_system_dirs(&real) {
                    return Err(unavailable(format!(
                        "`{}` is outside the system dirs instances see (`/usr`, `/bin`, `/lib`, ...); install it from the system's packages",
                        real.display()
                    )));
                }
            }
        }
        let key = hex::encode(Sha256::digest(format!("{}\0{identity}", self.name)));
        Ok(Plan {
            key,
            steps,
            warning,
            mapped,
        })
    }
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
