//! Does the code folder hold the handler a built-in runtime will call? `index.handler` for
//! Python means `index.py` (or the package `index/__init__.py`) defining `handler`; for
//! Node.js `index.js`/`.mjs`/`.cjs` exporting it. Checked before deploy so a typo is named
//! then, not by a traceback at the first invoke. The check reads source text and says
//! "missing" only when the name appears nowhere in the module: code that builds its exports
//! dynamically is never flagged.

use std::path::{Path, PathBuf};

use crate::fc::{runtime_family, RuntimeFamily};

/// What is wrong with a handler, in words for a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandlerProblem {
    /// No file for the module part (`index` of `index.handler`).
    NoModule { tried: Vec<String> },
    /// The module exists but never mentions the function part.
    NoFunction {
        module: String,
        function: String,
        /// Functions the module does define, for "did you mean".
        defined: Vec<String>,
    },
}

/// Files bigger than this are not read: a handler module is source, not data.
const MAX_MODULE_BYTES: u64 = 4 * 1024 * 1024;

/// Check `handler` of a `runtime` function whose code is in `code_dir`. `Ok` for runtimes
/// whose handler names no file (custom runtimes) and for handlers of another shape.
pub fn check_handler(code_dir: &Path, runtime: &str, handler: &str) -> Result<(), HandlerProblem> {
    let family = runtime_family(runtime);
    let Some((module, function)) = handler.rsplit_once('.') else {
        return Ok(());
    };
    let candidates: Vec<String> = match family {
        RuntimeFamily::Python => {
            let base = module.replace('.', "/");
            vec![format!("{base}.py"), format!("{base}/__init__.py")]
        }
        RuntimeFamily::NodeJs => ["js", "mjs", "cjs"]
            .iter()
            .map(|ext| format!("{module}.{ext}"))
            .collect(),
        _ => return Ok(()),
    };
    let Some((name, path)) = candidates
        .iter()
        .map(|c| (c.clone(), code_dir.join(c)))
        .find(|(_, p)| is_regular_file(p))
    else {
        return Err(HandlerProblem::NoModule { tried: candidates });
    };
    let Some(source) = read_source(&path) else {
        return Ok(());
    };
    if mentions(&source, function) || exports_dynamically(&source, family) {
        return Ok(());
    }
    Err(HandlerProblem::NoFunction {
        module: name,
        function: function.to_string(),
        defined: defined_functions(&source, family),
    })
}

/// A regular file inside the code folder: a symlink is followed by the packager too, but a
/// link out of the folder is not the handler's business here.
fn is_regular_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

fn read_source(path: &PathBuf) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_MODULE_BYTES {
        return None;
    }
    std::fs::read(path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// `word` appears as a whole identifier somewhere in `source`.
fn mentions(source: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    source.match_indices(word).any(|(at, _)| {
        let before = source[..at].chars().next_back();
        let after = source[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Modules whose names come from elsewhere (`from x import *`, `module.exports = require(..)`):
/// a missing name in their text proves nothing.
fn exports_dynamically(source: &str, family: RuntimeFamily) -> bool {
    match family {
        RuntimeFamily::Python => ["import *", "__getattr__", "globals()"]
            .iter()
            .any(|p| source.contains(p)),
        _ => {
            source.contains("Object.assign(exports")
                || source.contains("Object.assign(module.exports")
                || source.contains("export *")
                || source.match_indices("module.exports").any(|(at, found)| {
                    let rest = source[at + found.len()..].trim_start();
                    rest.strip_prefix('=')
                        .is_some_and(|value| !value.trim_start().starts_with('{'))
                })
        }
    }
}

/// Names the module plainly defines or exports: `def name(` in Python, `exports.name`,
/// `function name(` or `export ... name` in JavaScript.
fn defined_functions(source: &str, family: RuntimeFamily) -> Vec<String> {
    let ident = |rest: &str| -> Option<String> {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        (!name.is_empty()).then_some(name)
    };
    let mut names = Vec::new();
    for line in source.lines() {
        let line = line.trim_start();
        let rest = match family {
            RuntimeFamily::Python => line
                .strip_prefix("async def ")
                .or_else(|| line.strip_prefix("def ")),
            _ => line
                .strip_prefix("exports.")
                .or_else(|| line.strip_prefix("module.exports."))
                .or_else(|| line.strip_prefix("export async function "))
                .or_else(|| line.strip_prefix("export function "))
                .or_else(|| line.strip_prefix("export const ")),
        };
        if let Some(name) = rest.and_then(ident) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, body).unwrap();
        }
        dir
    }

    #[test]
    fn python_handlers_are_found_in_modules_and_packages() {
        let dir = folder(&[
            ("index.py", "def handler(event, context):\n    return 1\n"),
            ("pkg/api/__init__.py", "async def main(e, c):\n    pass\n"),
        ]);
        assert_eq!(
            check_handler(dir.path(), "python3.10", "index.handler"),
            Ok(())
        );
        assert_eq!(
            check_handler(dir.path(), "python3.10", "pkg.api.main"),
            Ok(())
        );
        assert_eq!(
            check_handler(dir.path(), "python3.10", "index.hander"),
            Err(HandlerProblem::NoFunction {
                module: "index.py".into(),
                function: "hander".into(),
                defined: vec!["handler".into()],
            })
        );
        assert_eq!(
            check_handler(dir.path(), "python3.10", "main.handler"),
            Err(HandlerProblem::NoModule {
                tried: vec!["main.py".into(), "main/__init__.py".into()]
            })
        );
    }

    #[test]
    fn node_handlers_accept_every_export_style_and_name_the_defined_ones() {
        let dir = folder(&[
            ("index.js", "exports.handler = async (event) => 'ok';\n"),
            ("esm.mjs", "export const main = async () => 1;\n"),
            ("dyn.js", "module.exports = require('./impl');\n"),
        ]);
        assert_eq!(
            check_handler(dir.path(), "nodejs20", "index.handler"),
            Ok(())
        );
        assert_eq!(check_handler(dir.path(), "nodejs20", "esm.main"), Ok(()));
        let missing = check_handler(dir.path(), "nodejs20", "index.handle").unwrap_err();
        assert!(
            matches!(&missing, HandlerProblem::NoFunction { defined, .. } if defined == &["handler"]),
            "{missing:?}"
        );
        // An identifier that is only part of another one is not a mention.
        assert!(!mentions("exports.handlerX = 1", "handler"));
        // Exports built elsewhere: a name missing from the text proves nothing.
        assert_eq!(check_handler(dir.path(), "nodejs20", "dyn.handler"), Ok(()));
    }

    #[test]
    fn custom_runtimes_and_other_shapes_are_not_checked() {
        let dir = folder(&[]);
        assert_eq!(
            check_handler(dir.path(), "custom.debian10", "index.handler"),
            Ok(())
        );
        assert_eq!(check_handler(dir.path(), "python3.10", "handler"), Ok(()));
    }
}
