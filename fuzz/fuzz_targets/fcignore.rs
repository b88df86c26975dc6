//! `.fcignore` rules from arbitrary text, matched against paths taken from the same input:
//! the first line is the path to test, the rest is the `.fcignore` file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().unwrap();
    }
    let text = String::from_utf8_lossy(data);
    let (first, rules) = text.split_once('\n').unwrap_or((&text, ""));
    DIR.with(|dir| {
        let root = dir.path();
        std::fs::write(root.join(".fcignore"), rules).unwrap();
        let rel = first.trim_start_matches('/').replace('\0', "");
        let path = root.join(rel);
        let _ = s::package::is_ignored(root, &path, false);
        let _ = s::package::is_ignored(root, &path, true);
    });
});
