//! Integration tests: `completions`. The committed scripts in `completions/` must match
//! what the binary prints. To regenerate them after changing the CLI:
//!
//! ```sh
//! S_UPDATE_COMPLETIONS=1 cargo test --test it completions
//! ```

use std::path::PathBuf;

use crate::common::s;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "s.bash"),
    ("zsh", "_s"),
    ("fish", "s.fish"),
    ("powershell", "_s.ps1"),
    ("elvish", "s.elv"),
];

#[test]
fn committed_completions_match_the_binary() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("S_UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let out = s().args(["completions", shell]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{shell}: empty script");
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &out.stdout).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&out.stdout[..]) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "completions/{stale:?} are stale; regenerate them with \
         `S_UPDATE_COMPLETIONS=1 cargo test --test it completions` and commit the result"
    );
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let out = s().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
