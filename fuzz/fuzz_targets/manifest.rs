//! The s.yaml loader and its `${...}` evaluator on arbitrary text: errors are fine, panics
//! and hangs are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().unwrap();
    }
    DIR.with(|dir| {
        let path = dir.path().join("s.yaml");
        std::fs::write(&path, data).unwrap();
        let _ = s::manifest::load(&path, &s::manifest::LoadOptions::default());
    });
});
