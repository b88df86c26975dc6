//! Zip extraction of arbitrary archives into a fresh folder with a small size bound: it may
//! fail, but it must never write outside the target nor expand beyond the bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LIMIT: u64 = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("in.zip");
    std::fs::write(&zip, data).unwrap();
    let dest = dir.path().join("out");
    let _ = s::package::unpack_with_limit(&zip, &dest, LIMIT);
    // Only the archive and the target folder may exist beside each other.
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names == ["in.zip", "out"] || names == ["in.zip"], "{names:?}");
    let mut total = 0;
    for entry in walk(&dest) {
        let meta = std::fs::symlink_metadata(&entry).unwrap();
        if meta.file_type().is_symlink() {
            let real = entry.canonicalize();
            if let Ok(real) = real {
                assert!(real.starts_with(dest.canonicalize().unwrap()), "{entry:?} -> {real:?}");
            }
        } else if meta.is_file() {
            total += meta.len();
        }
    }
    assert!(total <= LIMIT, "unpacked {total} bytes");
});

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        out.push(path.clone());
        if is_dir {
            out.extend(walk(&path));
        }
    }
    out
}
