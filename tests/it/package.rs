//! Integration tests: `package`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{s, stderr, stdout, Workspace};

const MANIFEST: &str = "edition: 3.0.0
resources:
  hello:
    component: fc3
    props:
      functionName: hello
      runtime: python3.10
      handler: index.handler
      code: ./code
";

fn project() -> Workspace {
    let ws = Workspace::new();
    ws.write("s.yaml", MANIFEST);
    ws.write(
        "code/index.py",
        "def handler(event, context):\n    return event\n",
    );
    ws.write("code/lib/util.py", "X = 1\n".repeat(200));
    ws
}

fn package(ws: &Workspace, args: &[&str]) -> Output {
    s().arg("package")
        .args(args)
        .current_dir(ws.path())
        .output()
        .unwrap()
}

fn zip_path(ws: &Workspace) -> PathBuf {
    ws.path().join(".s/hello.zip")
}

fn names_in(zip: &Path) -> Vec<String> {
    let file = std::fs::File::open(zip).unwrap();
    let archive = zip::ZipArchive::new(file).unwrap();
    let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
    names.sort();
    names
}

#[test]
fn same_tree_gives_identical_bytes_and_checksum() {
    let ws = project();
    let first = package(&ws, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let bytes = std::fs::read(zip_path(&ws)).unwrap();
    let checksum = stdout(&first).trim().to_string();
    assert_eq!(checksum, s::package::crc64(&bytes).to_string());

    // New modification times (and a fresh write of the same contents) change nothing.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    for rel in ["code/index.py", "code/lib/util.py"] {
        let path = ws.path().join(rel);
        let contents = std::fs::read(&path).unwrap();
        std::fs::write(&path, contents).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(later).unwrap();
    }
    let second = package(&ws, &[]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(stdout(&second).trim(), checksum);
    assert_eq!(std::fs::read(zip_path(&ws)).unwrap(), bytes);
}

#[test]
fn reports_files_size_and_checksum() {
    let ws = project();
    let out = package(&ws, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let checksum = stdout(&out).trim().to_string();
    let size = std::fs::metadata(zip_path(&ws)).unwrap().len();
    let text = stderr(&out)
        .replace(&checksum, "[CHECKSUM]")
        .replace(&s::package::human_size(size), "[SIZE]");
    insta::assert_snapshot!(text, @"    Packaged `hello`: 2 files, [SIZE], checksum [CHECKSUM] → .s/hello.zip");
}

#[test]
fn json_output_describes_the_package() {
    let ws = project();
    let out = package(&ws, &["-o", "json", "--out", "dist/code.zip"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bytes = std::fs::read(ws.path().join("dist/code.zip")).unwrap();
    assert_eq!(json["resource"], "hello");
    assert_eq!(json["checksum"], s::package::crc64(&bytes).to_string());
    assert_eq!(json["size"], bytes.len() as u64);
    assert_eq!(json["files"], 2);
}

#[test]
fn fcignore_rules_apply_at_every_level_with_negation() {
    let ws = project();
    ws.write(
        "code/.fcignore",
        "# root rules\n*.log\n!keep.log\n./build\nTests/\n",
    );
    ws.write("code/app.log", "x");
    ws.write("code/keep.log", "x");
    ws.write("code/build/out.txt", "x");
    ws.write("code/lib/build/kept.txt", "x");
    ws.write("code/tests/test_a.py", "x");
    ws.write("code/lib/.fcignore", "*.tmp\n!keep.log\n/data\n");
    ws.write("code/lib/a.tmp", "x");
    ws.write("code/lib/debug.log", "x");
    ws.write("code/lib/data/big.csv", "x");
    ws.write("code/lib/sub/data/small.csv", "x");
    ws.write("code/lib/sub/keep.log", "x");
    ws.write("code/.gitignore", "index.py\n");
    ws.write("code/.hidden", "x");
    let out = package(&ws, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        names_in(&zip_path(&ws)),
        [
            ".fcignore",
            ".gitignore",
            ".hidden",
            "index.py",
            "keep.log",
            "lib/",
            "lib/.fcignore",
            "lib/build/",
            "lib/build/kept.txt",
            "lib/sub/",
            "lib/sub/data/",
            "lib/sub/data/small.csv",
            "lib/sub/keep.log",
            "lib/util.py",
        ]
    );
}

#[cfg(unix)]
#[test]
fn modes_symlinks_and_empty_folders_survive_a_round_trip() {
    use std::os::unix::fs::PermissionsExt;
    let ws = project();
    let bootstrap = ws.write("code/bootstrap", "#!/bin/sh\necho hi\n");
    std::fs::set_permissions(&bootstrap, std::fs::Permissions::from_mode(0o644)).unwrap();
    let tool = ws.write("code/bin/tool", "#!/bin/sh\n");
    std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o750)).unwrap();
    std::os::unix::fs::symlink("../index.py", ws.path().join("code/bin/entry.py")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", ws.path().join("code/outside")).unwrap();
    std::fs::create_dir_all(ws.path().join("code/empty")).unwrap();
    let out = package(&ws, &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    let dest = ws.path().join("unpacked");
    // The absolute link is stored as a link (never followed), and unpacking refuses it.
    let err = s::package::unpack(&zip_path(&ws), &dest).unwrap_err();
    assert!(err.to_string().contains("`outside`"), "{err}");
    std::fs::remove_file(ws.path().join("code/outside")).unwrap();
    let out = package(&ws, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::remove_dir_all(&dest).unwrap();
    s::package::unpack(&zip_path(&ws), &dest).unwrap();

    let mode = |rel: &str| {
        std::fs::metadata(dest.join(rel))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("bootstrap"), 0o755, "root bootstrap always gets +x");
    assert_eq!(mode("bin/tool"), 0o750);
    let link = dest.join("bin/entry.py");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("../index.py"));
    assert_eq!(
        std::fs::read_to_string(&link).unwrap(),
        std::fs::read_to_string(ws.path().join("code/index.py")).unwrap()
    );
    assert!(dest.join("empty").is_dir());
}

fn random_file(ws: &Workspace, rel: &str, bytes: usize) {
    use rand::RngCore;
    let mut data = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut data);
    ws.write(rel, data);
}

#[test]
fn over_the_limit_fails_with_a_report_and_writes_nothing() {
    let ws = project();
    for i in 0..3 {
        random_file(&ws, &format!("code/assets/blob{i}.bin"), 20 * 1024 * 1024);
    }
    let out = package(&ws, &[]);
    assert!(!out.status.success());
    let text = stderr(&out);
    assert!(text.contains("over the 50.0 MB limit"), "{text}");
    assert!(text.contains("20.0 MB  assets/blob0.bin"), "{text}");
    assert!(text.contains("60.0 MB  assets/"), "{text}");
    assert!(text.contains("`.fcignore`"), "{text}");
    assert!(!zip_path(&ws).exists());
    let leftovers: Vec<_> = std::fs::read_dir(ws.path().join(".s"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn already_compressed_files_over_the_limit_fail_before_anything_is_written() {
    let ws = project();
    random_file(&ws, "code/model.zip", 51 * 1024 * 1024);
    let out = package(&ws, &[]);
    assert!(!out.status.success());
    let text = stderr(&out).replace(&ws.path().display().to_string(), "[TMP]");
    insta::assert_snapshot!(text);
    assert!(!ws.path().join(".s").exists());
}

#[test]
fn unknown_resource_suggests_the_closest_name() {
    let ws = project();
    let out = package(&ws, &["helo"]);
    assert!(!out.status.success());
    insta::assert_snapshot!(stderr(&out), @r"
    error: resource `helo` not found in `s.yaml`

    hint: did you mean `hello`?
    ");
}

fn evil_zip(ws: &Workspace, build: impl FnOnce(&mut zip::ZipWriter<std::fs::File>)) -> PathBuf {
    let path = ws.path().join("evil.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    build(&mut writer);
    writer.finish().unwrap();
    path
}

fn file(writer: &mut zip::ZipWriter<std::fs::File>, name: &str, contents: &[u8]) {
    let options = zip::write::SimpleFileOptions::default();
    writer.start_file(name, options).unwrap();
    writer.write_all(contents).unwrap();
}

#[test]
fn unpack_refuses_entries_outside_the_target() {
    for name in [
        "../evil.txt",
        "a/../../evil.txt",
        "/tmp/s-zip-slip-evil.txt",
    ] {
        let ws = Workspace::new();
        let zip = evil_zip(&ws, |w| {
            file(w, "ok.txt", b"fine");
            file(w, name, b"bad");
        });
        let dest = ws.path().join("dest");
        let err = s::package::unpack(&zip, &dest).unwrap_err();
        assert!(
            err.to_string().contains("refusing to unpack entry"),
            "{name}: {err}"
        );
        assert!(!ws.path().join("evil.txt").exists());
        assert!(!Path::new("/tmp/s-zip-slip-evil.txt").exists());
    }
}

#[test]
fn unpack_refuses_symlinks_that_escape() {
    let ws = Workspace::new();
    let zip = evil_zip(&ws, |w| {
        let options = zip::write::SimpleFileOptions::default();
        w.add_symlink("up", "../..", options).unwrap();
    });
    let err = s::package::unpack(&zip, &ws.path().join("dest")).unwrap_err();
    assert!(err.to_string().contains("symlink points outside"), "{err}");
    assert!(std::fs::symlink_metadata(ws.path().join("dest/up")).is_err());
}

#[test]
fn unpack_refuses_archives_that_expand_too_far() {
    let ws = Workspace::new();
    let zip = evil_zip(&ws, |w| file(w, "zeros", &vec![0; 1024 * 1024]));
    let err = s::package::unpack_with_limit(&zip, &ws.path().join("dest"), 1000).unwrap_err();
    assert!(err.to_string().contains("expands to more than"), "{err}");
    assert!(!ws.path().join("dest/zeros").exists());
}

#[test]
fn prepare_code_zips_folders_and_passes_archives_through() {
    let ws = project();
    let work = ws.path().join("work");
    let built = s::package::prepare_code(&ws.path().join("code"), &work, &|_| {}).unwrap();
    assert_eq!(built.path, work.join(format!("{}.zip", built.checksum)));
    assert_eq!(built.files, 2);
    let bytes = std::fs::read(&built.path).unwrap();
    assert_eq!(built.checksum, s::package::crc64(&bytes));

    let jar = ws.path().join("app.jar");
    std::fs::copy(&built.path, &jar).unwrap();
    let passed = s::package::prepare_code(&jar, &work, &|_| {}).unwrap();
    assert_eq!(passed.path, jar);
    assert_eq!(passed.checksum, built.checksum);
    assert_eq!(passed.size, bytes.len() as u64);
}
