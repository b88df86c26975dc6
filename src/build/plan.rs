//! What `s build` runs for a function: chosen from its runtime and the files in its code
//! folder, with the interpreter the user picked, and a warning when that interpreter's
//! version differs from the function's runtime.

use std::path::{Path, PathBuf};

use super::tool::Interpreter;
use super::{BuildError, BuildSpec};
use crate::fc::{self, RuntimeFamily};

/// One build step and what decides whether it must run again.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The input the build is about: `requirements.txt`, `package.json`, `build command`.
    pub what: String,
    /// The command line as shown to the user.
    pub shown: String,
    pub action: Action,
    /// Files whose contents decide whether to build again.
    pub inputs: Vec<PathBuf>,
    /// What the tool creates; a build is redone when it is missing. `None`: always build.
    pub output: Option<PathBuf>,
    /// Which interpreter, and its version.
    pub tool_identity: String,
    pub warning: Option<String>,
}

/// What a step does.
#[derive(Debug, Clone)]
pub enum Action {
    /// Run a tool in the code folder.
    Tool {
        program: PathBuf,
        args: Vec<String>,
        envs: Vec<(String, String)>,
    },
    /// Download these Debian packages and unpack them into `<code>/apt-archives`.
    Debs { packages: Vec<String> },
}

/// The steps for `spec`, in order; empty when there is nothing to install. A custom
/// runtime gets what FC's build does for it: `apt-get.list`, then `requirements.txt`, then
/// `package.json`, whichever the code has (`apt-get.list` first for built-in runtimes too).
pub fn plans(spec: &BuildSpec) -> Result<Vec<Plan>, BuildError> {
    if let Some(command) = &spec.command {
        return Ok(vec![command_plan(command)]);
    }
    let code = &spec.code_dir;
    let has = |name: &str| code.join(name).is_file();
    let mut plans = Vec::new();
    if has(APT_LIST) {
        plans.push(apt_plan(spec)?);
    }
    let family = fc::runtime_family(&spec.runtime);
    let custom = family == RuntimeFamily::Custom;
    if (custom || family == RuntimeFamily::Python) && has("requirements.txt") {
        plans.push(python_plan(spec)?);
    }
    if (custom || family == RuntimeFamily::NodeJs) && has("package.json") {
        plans.push(node_plan(spec)?);
    }
    Ok(plans)
}

/// The Debian packages a function needs, one or more a line (FC's custom runtimes).
pub const APT_LIST: &str = "apt-get.list";
/// Where `apt-get.list` packages are unpacked, below the code folder.
pub const APT_ARCHIVES: &str = "apt-archives";

/// Why `plans` found nothing, for the user.
pub fn nothing_reason(spec: &BuildSpec) -> String {
    match fc::runtime_family(&spec.runtime) {
        RuntimeFamily::Python => "no `requirements.txt` in the code folder".into(),
        RuntimeFamily::NodeJs => "no `package.json` in the code folder".into(),
        RuntimeFamily::Custom => {
            "no `apt-get.list`, `requirements.txt` or `package.json` in the code folder".into()
        }
        _ => format!(
            "runtime `{}` has no installer; pass `--command` to run a build command",
            spec.runtime
        ),
    }
}

fn apt_plan(spec: &BuildSpec) -> Result<Plan, BuildError> {
    let list = spec.code_dir.join(APT_LIST);
    let packages = super::debs::read_list(&list)?;
    Ok(Plan {
        what: APT_LIST.into(),
        shown: format!(
            "apt-get download {} (unpacked into {APT_ARCHIVES})",
            packages.join(" ")
        ),
        action: Action::Debs { packages },
        inputs: vec![list],
        output: Some(spec.code_dir.join(APT_ARCHIVES)),
        tool_identity: "apt".into(),
        warning: None,
    })
}

/// An explicit command always runs: its inputs are unknown.
fn command_plan(command: &str) -> Plan {
    Plan {
        what: "build command".into(),
        shown: command.to_string(),
        action: Action::Tool {
            program: PathBuf::from("sh"),
            args: vec!["-c".into(), command.to_string()],
            envs: Vec::new(),
        },
        inputs: Vec::new(),
        output: None,
        tool_identity: String::new(),
        warning: None,
    }
}

fn python_plan(spec: &BuildSpec) -> Result<Plan, BuildError> {
    let python = Interpreter::python(spec.python.as_deref())?;
    let code = &spec.code_dir;
    let target = code.join(&spec.python_dir);
    let cache = spec.state_dir.join("cache").join("pip");
    let args: Vec<String> = [
        "-m",
        "pip",
        "install",
        "--requirement",
        "requirements.txt",
        "--target",
        spec.python_dir.as_str(),
        "--upgrade",
        "--disable-pip-version-check",
        "--no-input",
        // Bytecode would be written for the host's Python, not the function's.
        "--no-compile",
        "--cache-dir",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([cache.display().to_string()])
    .collect();
    Ok(Plan {
        what: "requirements.txt".into(),
        shown: format!("pip install -r requirements.txt -t {}", spec.python_dir),
        action: Action::Tool {
            program: python.path.clone(),
            args,
            envs: vec![("PIP_ROOT_USER_ACTION".into(), "ignore".into())],
        },
        inputs: vec![code.join("requirements.txt")],
        output: Some(target),
        tool_identity: python.identity(),
        warning: mismatch(&python, &spec.runtime, "--python"),
    })
}

fn node_plan(spec: &BuildSpec) -> Result<Plan, BuildError> {
    let node = Interpreter::node(spec.node.as_deref())?;
    let code = &spec.code_dir;
    let lockfile = ["package-lock.json", "npm-shrinkwrap.json"]
        .iter()
        .map(|name| code.join(name))
        .find(|p| p.is_file());
    // Without a lockfile, do not write one: the next build would see a new input.
    let (verb, extra) = match &lockfile {
        Some(_) => ("ci", None),
        None => ("install", Some("--no-package-lock")),
    };
    let cache = spec.state_dir.join("cache").join("npm");
    let mut args: Vec<String> = vec![verb.into(), "--omit=dev".into()];
    args.extend(extra.map(str::to_string));
    args.extend(["--no-audit", "--no-fund", "--cache"].map(str::to_string));
    args.push(cache.display().to_string());
    let mut inputs = vec![code.join("package.json")];
    inputs.extend(lockfile);
    // `npm` runs under whichever `node` comes first on PATH: put the chosen one there.
    let bin_dir = node.path.parent().unwrap_or(Path::new("/")).to_path_buf();
    let npm = Some(bin_dir.join("npm"))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("npm"));
    let path = std::env::var("PATH").unwrap_or_default();
    Ok(Plan {
        what: "package.json".into(),
        shown: format!("npm {}", args[..2].join(" ")),
        action: Action::Tool {
            program: npm,
            args,
            envs: vec![("PATH".into(), format!("{}:{path}", bin_dir.display()))],
        },
        inputs,
        output: Some(code.join("node_modules")),
        tool_identity: node.identity(),
        warning: mismatch(&node, &spec.runtime, "--node"),
    })
}

/// The version a runtime name stands for: `python3.10` → `3.10`, `nodejs20` → `20`, and
/// `python3` → `3.6`, the Python of FC's `python3` runtime.
pub fn runtime_version(runtime: &str) -> Option<&str> {
    match runtime {
        "python3" => Some("3.6"),
        _ => runtime
            .strip_prefix("python")
            .or_else(|| runtime.strip_prefix("nodejs"))
            .filter(|v| !v.is_empty()),
    }
}

fn mismatch(interpreter: &Interpreter, runtime: &str, flag: &str) -> Option<String> {
    let wanted = runtime_version(runtime)?;
    let matches = interpreter.version == wanted
        || interpreter
            .version
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with('.'));
    (!matches).then(|| {
        format!(
            "the host's {} is {}, but the function runs on `{runtime}`; packages with compiled parts may not work there (pass `{flag} PATH` to use another interpreter)",
            interpreter.name, interpreter.version
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_runtimes_get_every_installer_their_code_needs_apt_first() {
        let code = tempfile::tempdir().unwrap();
        for (name, body) in [
            ("apt-get.list", "hello\n"),
            ("requirements.txt", "flask\n"),
            ("package.json", "{}"),
        ] {
            std::fs::write(code.path().join(name), body).unwrap();
        }
        let whats = |runtime: &str| -> Vec<String> {
            let spec = BuildSpec {
                code_dir: code.path().to_path_buf(),
                runtime: runtime.into(),
                command: None,
                python: None,
                node: None,
                force: false,
                state_dir: code.path().join("state"),
                python_dir: "python".into(),
            };
            plans(&spec).unwrap().into_iter().map(|p| p.what).collect()
        };
        assert_eq!(
            whats("custom.debian10"),
            ["apt-get.list", "requirements.txt", "package.json"]
        );
        assert_eq!(whats("python3.10"), ["apt-get.list", "requirements.txt"]);
        assert_eq!(whats("nodejs20"), ["apt-get.list", "package.json"]);
    }

    #[test]
    fn python_packages_go_where_the_functions_own_pythonpath_looks() {
        use super::super::python_dir_for;
        assert_eq!(python_dir_for(None), "python");
        assert_eq!(python_dir_for(Some("/code/3rd-packages")), "3rd-packages");
        assert_eq!(
            python_dir_for(Some("/opt/python:/code/lib/site/:/code/other")),
            "lib/site"
        );
        // Nothing below the code folder, or a way out of it: FC's default.
        assert_eq!(python_dir_for(Some("/opt/python:/usr/lib")), "python");
        assert_eq!(python_dir_for(Some("/code/../etc")), "python");
        assert_eq!(python_dir_for(Some("/code/")), "python");
    }

    #[test]
    fn runtime_names_give_the_language_version() {
        assert_eq!(runtime_version("python3.10"), Some("3.10"));
        assert_eq!(runtime_version("python3"), Some("3.6"));
        assert_eq!(runtime_version("nodejs20"), Some("20"));
        assert_eq!(runtime_version("custom.debian10"), None);
    }

    #[test]
    fn versions_match_on_their_leading_parts_only() {
        let python = |v: &str| Interpreter {
            name: "Python",
            path: PathBuf::from("/usr/bin/python3"),
            version: v.into(),
        };
        assert!(mismatch(&python("3.10.4"), "python3.10", "--python").is_none());
        assert!(mismatch(&python("3.1.0"), "python3.10", "--python").is_some());
        assert!(mismatch(&python("3.11.7"), "python3.10", "--python")
            .unwrap()
            .contains("`python3.10`"));
        assert!(mismatch(&python("3.11.7"), "custom", "--python").is_none());
    }
}
