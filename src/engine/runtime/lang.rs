//! FC's language dirs in custom runtimes: the `custom.debian*` images carry interpreters at
//! `/var/fc/lang/<language><version>/bin` (`/var/fc/lang/nodejs20/bin/node`,
//! `/var/fc/lang/python3.10/bin/python3`), and public projects start their servers with
//! those paths or put them first on `PATH`. Each instance sees them as links to the host's
//! own interpreter; which version that is, is the host's (`s engine status` shows it).

use std::path::{Path, PathBuf};

/// Where FC puts its language dirs.
pub const LANG_ROOT: &str = "/var/fc/lang";

/// The language dirs of FC's custom runtime images, by interpreter family.
const NODE_DIRS: &[&str] = &[
    "nodejs12", "nodejs14", "nodejs16", "nodejs18", "nodejs20", "nodejs22",
];
const PYTHON_DIRS: &[&str] = &[
    "python3.9",
    "python3.10",
    "python3.11",
    "python3.12",
    "python3.13",
];

/// One link an instance sees: `path` in the sandbox pointing at `target` on the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangLink {
    pub path: String,
    pub target: PathBuf,
}

/// The links for a host `node` at `exe` (with `npm`/`npx` when they sit beside it).
pub fn node_links(exe: &Path) -> Vec<LangLink> {
    let mut tools = vec![("node", exe.to_path_buf())];
    tools.extend(siblings(exe, &["npm", "npx"]));
    links(NODE_DIRS, &tools)
}

/// The links for a host `python3` at `exe`: `python3`, `python`, `python3.X` for the dir's
/// own version, and `pip`/`pip3` when they sit beside it.
pub fn python_links(exe: &Path) -> Vec<LangLink> {
    let mut out = Vec::new();
    let pips = siblings(exe, &["pip3", "pip"]);
    for dir in PYTHON_DIRS {
        let mut tools: Vec<(&str, PathBuf)> = vec![
            ("python3", exe.to_path_buf()),
            ("python", exe.to_path_buf()),
            (dir, exe.to_path_buf()),
        ];
        for (_, pip) in pips.iter().take(1) {
            tools.push(("pip3", pip.clone()));
            tools.push(("pip", pip.clone()));
        }
        out.extend(links(&[dir], &tools));
    }
    out
}

/// `tools` beside `exe` that exist on the host.
fn siblings<'a>(exe: &Path, tools: &[&'a str]) -> Vec<(&'a str, PathBuf)> {
    let Some(dir) = exe.parent() else {
        return Vec::new();
    };
    tools
        .iter()
        .map(|t| (*t, dir.join(t)))
        .filter(|(_, p)| p.exists())
        .collect()
}

fn links(dirs: &[&str], tools: &[(&str, PathBuf)]) -> Vec<LangLink> {
    dirs.iter()
        .flat_map(|dir| {
            tools.iter().map(move |(name, target)| LangLink {
                path: format!("{LANG_ROOT}/{dir}/bin/{name}"),
                target: target.clone(),
            })
        })
        .collect()
}

/// A command under [`LANG_ROOT`] as the host runs it (no sandbox, no language dirs): the
/// interpreter the link would point at.
pub fn host_command<'a>(command: &str, links: &'a [LangLink]) -> Option<&'a Path> {
    links
        .iter()
        .find(|l| l.path == command)
        .map(|l| l.target.as_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fc_language_dir_points_at_the_host_interpreter() {
        let node = node_links(Path::new("/usr/bin/node"));
        assert!(node.contains(&LangLink {
            path: "/var/fc/lang/nodejs20/bin/node".into(),
            target: "/usr/bin/node".into(),
        }));
        assert_eq!(
            node.iter().filter(|l| l.path.ends_with("/node")).count(),
            NODE_DIRS.len()
        );
        let python = python_links(Path::new("/opt/py/bin/python3.11"));
        for name in ["python3", "python", "python3.10"] {
            let path = format!("/var/fc/lang/python3.10/bin/{name}");
            assert_eq!(
                host_command(&path, &python),
                Some(Path::new("/opt/py/bin/python3.11")),
                "{path}"
            );
        }
        assert_eq!(
            host_command("/var/fc/lang/python3.10/bin/python3.9", &python),
            None
        );
    }
}
