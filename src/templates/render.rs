//! Rendering a template into a project folder: `{{ name }}` placeholders (any spacing) are
//! replaced in file contents and paths; every path is checked to stay inside the folder.

use std::path::{Component, Path, PathBuf};

use indexmap::IndexMap;

use super::TemplateError;

/// Replace `{{ key }}` (spacing-tolerant) for every known key; unknown placeholders and
/// runtime expressions such as `${vars.region}` are left as they are.
pub fn substitute(text: &str, values: &IndexMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let replaced = after.find("}}").and_then(|end| {
            let key = after[..end].trim();
            values.get(key).map(|value| (value, end))
        });
        match replaced {
            Some((value, end)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Write `files` (relative path, contents) into `dest`, rendering text files. Returns the
/// paths written. Nothing is written unless every path is safe.
pub fn render_files(
    files: &[(String, &[u8])],
    values: &IndexMap<String, String>,
    dest: &Path,
) -> Result<Vec<PathBuf>, TemplateError> {
    let planned = files
        .iter()
        .map(|(path, contents)| {
            let rel = safe_relative(&substitute(path, values))?;
            let rendered = match std::str::from_utf8(contents) {
                Ok(text) => substitute(text, values).into_bytes(),
                Err(_) => contents.to_vec(),
            };
            Ok((dest.join(rel), rendered))
        })
        .collect::<Result<Vec<_>, TemplateError>>()?;
    let mut written = Vec::new();
    for (path, contents) in planned {
        let write_err = |source| TemplateError::Write {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_err)?;
        }
        // Replace rather than write through: an existing symlink must not redirect us.
        if std::fs::symlink_metadata(&path).is_ok() {
            std::fs::remove_file(&path).map_err(write_err)?;
        }
        std::fs::write(&path, contents).map_err(write_err)?;
        written.push(path);
    }
    Ok(written)
}

fn safe_relative(path: &str) -> Result<PathBuf, TemplateError> {
    let unsafe_path = || TemplateError::UnsafePath {
        path: path.to_string(),
    };
    let mut rel = PathBuf::new();
    for component in Path::new(&path.replace('\\', "/")).components() {
        match component {
            Component::Normal(part) => rel.push(part),
            Component::CurDir => {}
            _ => return Err(unsafe_path()),
        }
    }
    if rel.as_os_str().is_empty() {
        return Err(unsafe_path());
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> IndexMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn placeholders_tolerate_spacing() {
        let v = values(&[("name", "hello")]);
        assert_eq!(
            substitute("a: {{name}} {{ name }} {{  name\t}}", &v),
            "a: hello hello hello"
        );
    }

    #[test]
    fn unknown_placeholders_and_expressions_stay() {
        let v = values(&[("name", "hello")]);
        assert_eq!(
            substitute("{{ other }} ${vars.x} {{", &v),
            "{{ other }} ${vars.x} {{"
        );
    }

    #[test]
    fn paths_outside_the_project_are_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("project");
        for evil in [
            "../evil.txt",
            "/tmp/evil.txt",
            "a/../../evil.txt",
            "{{ name }}/x",
        ] {
            let files = vec![
                ("ok.txt".to_string(), &b"fine"[..]),
                (evil.to_string(), &b"bad"[..]),
            ];
            let err = render_files(&files, &values(&[("name", "..")]), &dest).unwrap_err();
            assert!(matches!(err, TemplateError::UnsafePath { .. }), "{evil}");
        }
        assert!(!dest.exists());
        assert!(!dir.path().join("evil.txt").exists());
    }

    #[test]
    fn text_files_are_rendered_and_binary_files_copied() {
        let dir = tempfile::tempdir().unwrap();
        let binary: &[u8] = &[0xff, 0xfe, b'{', b'{'];
        let files = vec![
            ("{{ name }}.txt".to_string(), &b"hi {{ name }}"[..]),
            ("bin".to_string(), binary),
        ];
        render_files(&files, &values(&[("name", "you")]), dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("you.txt")).unwrap(),
            "hi you"
        );
        assert_eq!(std::fs::read(dir.path().join("bin")).unwrap(), binary);
    }
}
