//! `.fcignore` rules: gitignore syntax in any folder, applying to that folder's subtree,
//! matched case-insensitively, deeper files overriding shallower ones, and the Serverless
//! Devs extension that `./x` means `/x` (anchored to the file's folder).

use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;

pub const FILE_NAME: &str = ".fcignore";

/// The rules in force while walking: one matcher per `.fcignore` from the root down.
#[derive(Default)]
pub struct IgnoreStack {
    levels: Vec<Gitignore>,
}

impl IgnoreStack {
    /// Enter `dir`: read its `.fcignore` if there is one. Returns whether a level was pushed,
    /// so the caller can `leave` symmetrically.
    pub fn enter(&mut self, dir: &Path) -> std::io::Result<bool> {
        let file = dir.join(FILE_NAME);
        match std::fs::read_to_string(&file) {
            Ok(text) => {
                self.levels.push(parse(dir, &file, &text));
                Ok(true)
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(err) if err.kind() == std::io::ErrorKind::IsADirectory => Ok(false),
            Err(err) => Err(err),
        }
    }

    pub fn leave(&mut self) {
        self.levels.pop();
    }

    /// True when `path` (absolute, under the root) is excluded. The deepest file with an
    /// opinion decides; within a file the last matching line wins (so `!x` re-includes).
    pub fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        for level in self.levels.iter().rev() {
            match level.matched(path, is_dir) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }
}

/// Build the matcher for one `.fcignore`. Lines the gitignore parser rejects are skipped,
/// as git does, rather than failing the whole package.
fn parse(dir: &Path, file: &Path, text: &str) -> Gitignore {
    let mut builder = GitignoreBuilder::new(dir);
    let _ = builder.case_insensitive(true);
    for line in text.lines() {
        let _ = builder.add_line(Some(file.to_path_buf()), &rewrite_line(line));
    }
    builder.build().unwrap_or_else(|_| Gitignore::empty())
}

/// `./x` → `/x` and `!./x` → `!/x`: Serverless Devs accepts the dot form for anchored paths.
fn rewrite_line(line: &str) -> String {
    if let Some(rest) = line.strip_prefix("!./") {
        format!("!/{rest}")
    } else if let Some(rest) = line.strip_prefix("./") {
        format!("/{rest}")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(rules: &[(&str, &str)]) -> IgnoreStack {
        let mut stack = IgnoreStack::default();
        for (dir, text) in rules {
            let dir = Path::new("/code").join(dir);
            stack.levels.push(parse(&dir, &dir.join(FILE_NAME), text));
        }
        stack
    }

    fn ignored(stack: &IgnoreStack, path: &str) -> bool {
        stack.is_ignored(
            &Path::new("/code").join(path.trim_end_matches('/')),
            path.ends_with('/'),
        )
    }

    #[test]
    fn slashless_pattern_matches_at_any_depth() {
        let s = stack(&[("", "aaa\n")]);
        assert!(ignored(&s, "aaa"));
        assert!(ignored(&s, "x/y/aaa"));
        assert!(!ignored(&s, "aaab"));
    }

    #[test]
    fn dot_slash_anchors_to_the_folder() {
        let s = stack(&[("", "./build\n")]);
        assert!(ignored(&s, "build/"));
        assert!(!ignored(&s, "src/build/"));
    }

    #[test]
    fn negation_re_includes_and_last_rule_wins() {
        let s = stack(&[("", "*.log\n!keep.log\n")]);
        assert!(ignored(&s, "a.log"));
        assert!(!ignored(&s, "keep.log"));
        let s = stack(&[("", "!keep.log\n*.log\n")]);
        assert!(ignored(&s, "keep.log"));
    }

    #[test]
    fn matching_ignores_case() {
        let s = stack(&[("", "README.md\n")]);
        assert!(ignored(&s, "readme.MD"));
    }

    #[test]
    fn deeper_file_overrides_shallower_one() {
        let s = stack(&[("", "*.txt\n"), ("sub", "!notes.txt\n")]);
        assert!(ignored(&s, "a.txt"));
        assert!(ignored(&s, "sub/a.txt"));
        assert!(!ignored(&s, "sub/notes.txt"));
    }

    #[test]
    fn nested_rules_apply_only_to_their_subtree() {
        let s = stack(&[("sub", "/data\n")]);
        assert!(ignored(&s, "sub/data"));
        assert!(!ignored(&s, "data"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let s = stack(&[("", "# aaa\n\n  \nbbb\n")]);
        assert!(!ignored(&s, "# aaa"));
        assert!(!ignored(&s, "aaa"));
        assert!(ignored(&s, "bbb"));
    }

    #[test]
    fn contents_pattern_keeps_the_folder_itself() {
        let s = stack(&[("", ".abc/**\n")]);
        assert!(!ignored(&s, ".abc/"));
        assert!(ignored(&s, ".abc/file"));
    }
}
