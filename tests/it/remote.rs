//! Credentials and remote targets: `s config` with the file store and the OS keyring,
//! importing Serverless Devs' `access.yaml`, `${config(...)}` from the alias, and a second
//! engine that requires signatures (`s engine start -a ALIAS`) driven by the CLI with
//! `--target http://...` and by the official Python SDK. Nothing here talks to Alibaba
//! Cloud: `--target fc` URL building and signing are unit tests in `cli::target`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{s, stderr, stdout, TestEngine, Workspace};

const KEY_ID: &str = "LTAI5tRemoteEngineKey";
const SECRET: &str = "remote-engine-secret-0123456789";

/// `s` with its own `S_HOME` and no credentials from the environment.
fn s_in(home: &Path) -> Command {
    let mut cmd = s();
    cmd.env("S_HOME", home);
    for key in [
        "AccessKeyID",
        "AccessKeySecret",
        "AccountID",
        "SecurityToken",
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "serverless_devs_config_home",
    ] {
        cmd.env_remove(key);
    }
    cmd
}

fn ok(out: Output, what: &str) -> Output {
    assert!(
        out.status.success(),
        "{what} failed:\n--- stdout\n{}\n--- stderr\n{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// `s config add` with every field as a flag.
fn add_alias(home: &Path, alias: &str, id: &str, secret: &str, store: &str) -> Output {
    s_in(home)
        .args(["config", "add", "-a", alias, "--AccessKeyID", id])
        .args(["--AccessKeySecret", secret, "--AccountID", "1234567890123"])
        .args(["--store", store])
        .output()
        .unwrap()
}

/// add, get (masked), rename, default, delete: the whole life of two aliases.
fn config_round_trip(home: &Path, store: &str, a: &str, b: &str) {
    ok(
        add_alias(
            home,
            a,
            "LTAI5tFirstKeyId0001",
            "first-secret-value-0001",
            store,
        ),
        "add a",
    );
    ok(
        add_alias(
            home,
            b,
            "LTAI5tOtherKeyId0002",
            "other-secret-value-0002",
            store,
        ),
        "add b",
    );
    let out = ok(
        s_in(home)
            .args(["config", "get", "-o", "json"])
            .output()
            .unwrap(),
        "get",
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got[a]["AccessKeyID"], "LTAI************0001", "{got}");
    assert_eq!(
        got[a]["AccessKeySecret"], "firs***************0001",
        "{got}"
    );
    assert_eq!(got[a]["AccountID"], "1234567890123");
    assert_eq!(got[a]["store"], store);
    assert_eq!(
        got[a]["default"], true,
        "the first alias is the default: {got}"
    );
    assert!(!stdout(&out).contains("first-secret-value"), "{got}");

    let renamed = format!("{a}-renamed");
    ok(
        s_in(home)
            .args(["config", "rename", "--source", a, "--target", &renamed])
            .output()
            .unwrap(),
        "rename",
    );
    ok(
        s_in(home).args(["config", "default", b]).output().unwrap(),
        "default",
    );
    let out = ok(
        s_in(home)
            .args(["config", "get", "-a", &renamed])
            .output()
            .unwrap(),
        "get renamed",
    );
    let text = stdout(&out);
    assert!(text.contains("firs***************0001"), "{text}");
    assert!(!text.contains("default: true"), "{text}");
    for alias in [renamed.as_str(), b] {
        ok(
            s_in(home)
                .args(["config", "delete", "-a", alias])
                .output()
                .unwrap(),
            "delete",
        );
    }
    let out = s_in(home).args(["config", "get"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no credentials are configured"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_round_trip_with_the_file_store() {
    let home = tempfile::tempdir().unwrap();
    config_round_trip(home.path(), "file", "first", "second");
    let secrets = home.path().join("credentials-secrets.json");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&secrets).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(std::fs::read_to_string(&secrets).unwrap().trim(), "{}");
}

#[test]
fn config_add_replaces_an_existing_alias_only_with_force_and_keeps_its_account_and_store() {
    let home = tempfile::tempdir().unwrap();
    ok(
        add_alias(
            home.path(),
            "work",
            "LTAI5tFirstKeyId0001",
            "first-secret-0001",
            "file",
        ),
        "add",
    );
    let again = || {
        let mut cmd = s_in(home.path());
        cmd.args([
            "config",
            "add",
            "-a",
            "work",
            "--AccessKeyID",
            "LTAI5tOtherKeyId0002",
        ])
        .args(["--AccessKeySecret", "other-secret-0002"]);
        cmd
    };
    let out = again().output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_snapshot!(stderr(&out), @r"
    error: access `work` already exists

    hint: pass `-f` to replace it (its AccountID is kept unless given), or add another alias with `-a NAME`; `s config get -a work` shows it
    ");
    let get = |home: &Path| -> Value {
        let out = ok(
            s_in(home)
                .args(["config", "get", "-o", "json"])
                .output()
                .unwrap(),
            "get",
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(
        get(home.path())["work"]["AccessKeyID"],
        "LTAI************0001"
    );

    ok(again().arg("-f").output().unwrap(), "add -f");
    let got = get(home.path());
    assert_eq!(got["work"]["AccessKeyID"], "LTAI************0002", "{got}");
    assert_eq!(got["work"]["AccountID"], "1234567890123", "kept: {got}");
    assert_eq!(got["work"]["store"], "file", "kept: {got}");
}

/// The OS keyring, when this machine has a working backend (the kernel keyutils store
/// on Linux). Aliases carry a random suffix: the keyring is shared by the user's processes.
#[test]
fn config_round_trip_with_the_keyring() {
    let home = tempfile::tempdir().unwrap();
    let suffix = format!("{:08x}", rand_u32());
    let probe = add_alias(
        home.path(),
        &format!("probe-{suffix}"),
        "id",
        "secret",
        "keyring",
    );
    if !probe.status.success() {
        let why = stderr(&probe);
        if std::env::var_os("S_TEST_WITHOUT_KEYRING").is_some() {
            eprintln!("keyring test skipped by S_TEST_WITHOUT_KEYRING: {why}");
            return;
        }
        panic!(
            "no OS keyring backend works on this machine, so secrets cannot be stored there:\n{why}\n\
             (set S_TEST_WITHOUT_KEYRING=1 to accept that)"
        );
    }
    ok(
        s_in(home.path())
            .args(["config", "delete", "-a", &format!("probe-{suffix}")])
            .output()
            .unwrap(),
        "delete probe",
    );
    config_round_trip(
        home.path(),
        "keyring",
        &format!("kr-a-{suffix}"),
        &format!("kr-b-{suffix}"),
    );
    assert!(!home.path().join("credentials-secrets.json").exists());
    let book = std::fs::read_to_string(home.path().join("credentials.yaml")).unwrap();
    assert!(!book.contains("secret-value"), "{book}");
}

fn rand_u32() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    nanos ^ std::process::id().rotate_left(16)
}

#[test]
fn config_add_off_a_terminal_names_the_missing_flags() {
    let home = tempfile::tempdir().unwrap();
    let out = s_in(home.path())
        .args(["config", "add", "-a", "x", "--AccessKeyID", "id"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("`AccessKeySecret` is required"), "{err}");
    assert!(err.contains("--AccessKeySecret"), "{err}");
}

#[test]
fn config_import_reads_serverless_devs_access_file() {
    let home = tempfile::tempdir().unwrap();
    let devs = tempfile::tempdir().unwrap();
    // Values encrypted as Serverless Devs writes them (CryptoJS, passphrase `SecretKey123`),
    // next to a plaintext alias and one of another cloud vendor.
    std::fs::write(
        devs.path().join("access.yaml"),
        "prod:\n\
         \x20 AccessKeyID: U2FsdGVkX1/jtNIBvq4ohXnsjdt7eQ/5Nz4/z1v2TLk=\n\
         \x20 AccessKeySecret: U2FsdGVkX18T8a83U1SWzv59vd9qRk2m6pwYSF+rKRU=\n\
         \x20 AccountID: U2FsdGVkX19bn6qK6MqDiV7gEjpVtSx2/p61inmIn20=\n\
         \x20 __provider: U2FsdGVkX1/5gzfwQ2n6DVuR6ukZde2KTZ8jk8Dh6XWZkiVC4YOSYw9BAnJ4PB5R\n\
         \x20 __default: U2FsdGVkX1+DpuPu163f63rmLzip40/JyRM5J5kMuwQ=\n\
         dev:\n\
         \x20 AccessKeyID: LTAIplainid\n\
         \x20 AccessKeySecret: plain-secret-1\n\
         aws:\n\
         \x20 SecretAccessKey: x\n",
    )
    .unwrap();
    let out = ok(
        s_in(home.path())
            .env("serverless_devs_config_home", devs.path())
            .args(["config", "import", "--store", "file"])
            .output()
            .unwrap(),
        "import",
    );
    assert_eq!(stdout(&out), "dev\nprod\n");
    assert!(
        stderr(&out).contains("skipped `aws`: not an Alibaba Cloud access key"),
        "{}",
        stderr(&out)
    );
    let out = ok(
        s_in(home.path())
            .args(["config", "get", "-o", "json"])
            .output()
            .unwrap(),
        "get",
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["prod"]["AccessKeyID"], "LTAI***mple");
    assert_eq!(got["prod"]["AccessKeySecret"], "Secr*****mple");
    assert_eq!(got["prod"]["AccountID"], "1234567890");
    assert_eq!(got["prod"]["default"], true, "{got}");
    assert_eq!(got["dev"]["AccessKeySecret"], "plai******et-1");

    // A second import leaves existing aliases alone unless `--force`.
    let again = ok(
        s_in(home.path())
            .env("serverless_devs_config_home", devs.path())
            .args(["config", "import", "--store", "file"])
            .output()
            .unwrap(),
        "import again",
    );
    assert!(
        stderr(&again).contains("skipped `prod`: the alias already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn manifest_config_values_come_from_the_alias_and_the_environment_wins() {
    let home = tempfile::tempdir().unwrap();
    ok(
        add_alias(
            home.path(),
            "acct",
            "LTAI5tManifest",
            "manifest-secret",
            "file",
        ),
        "add",
    );
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nname: t\naccess: acct\nresources:\n  f:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: f\n      runtime: python3.10\n      handler: index.handler\n      description: ${config('AccountID')}\n",
    );
    let preview = |extra_env: &[(&str, &str)]| {
        let mut cmd = s_in(home.path());
        cmd.current_dir(ws.path()).args(["preview", "-o", "json"]);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let out = ok(cmd.output().unwrap(), "preview");
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["resources"]["f"]["props"]["description"].clone()
    };
    // `preview` masks config values: 13 digits show as their first and last three.
    assert_eq!(preview(&[]), "123****123");
    assert_eq!(preview(&[("AccountID", "9999999999999")]), "999****999");
}

/// A function project for the remote engine.
fn python_project() -> Workspace {
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nname: remote\naccess: default\nresources:\n  hello:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: remote-hello\n      runtime: python3.10\n      handler: index.handler\n      code: ./code\n",
    );
    ws.write(
        "code/index.py",
        "import json\n\ndef handler(event, context):\n    return 'hi ' + json.loads(event)['name']\n",
    );
    ws
}

/// An engine that requires signatures from `KEY_ID`, and a client home with aliases for the
/// right key and a wrong one.
struct SignedSetup {
    engine: TestEngine,
    client_home: TempDir,
    ws: Workspace,
}

impl SignedSetup {
    fn start() -> SignedSetup {
        let engine_home = tempfile::tempdir().unwrap();
        ok(
            add_alias(engine_home.path(), "engine", KEY_ID, SECRET, "file"),
            "add the engine's alias",
        );
        let engine = TestEngine::start_in(engine_home, &["-a", "engine"]);
        let client_home = tempfile::tempdir().unwrap();
        ok(
            add_alias(client_home.path(), "remote", KEY_ID, SECRET, "file"),
            "add the client's alias",
        );
        ok(
            add_alias(
                client_home.path(),
                "wrong",
                KEY_ID,
                "not-the-secret",
                "file",
            ),
            "add a wrong alias",
        );
        SignedSetup {
            engine,
            client_home,
            ws: python_project(),
        }
    }

    /// `s --target <engine> -a <alias> ARGS...` in the project.
    fn cli(&self, alias: Option<&str>, args: &[&str]) -> Output {
        let mut cmd = s_in(self.client_home.path());
        cmd.current_dir(self.ws.path())
            .args(["--target", &self.engine.url]);
        if let Some(alias) = alias {
            cmd.args(["-a", alias]);
        }
        cmd.args(args).output().unwrap()
    }

    fn api(&self, path: &str) -> String {
        format!("{}/2023-03-30{path}", self.engine.url)
    }
}

#[test]
fn signed_engine_serves_a_signed_cli_and_refuses_everyone_else() {
    let setup = SignedSetup::start();
    let log = || setup.engine.log();

    let out = setup.cli(Some("remote"), &["deploy", "-y"]);
    assert!(out.status.success(), "deploy: {}\n{}", stderr(&out), log());
    let out = setup.cli(
        Some("remote"),
        &["invoke", "-o", "json", "-e", r#"{"name":"remote"}"#],
    );
    assert!(out.status.success(), "invoke: {}\n{}", stderr(&out), log());
    let invoked: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(invoked["body"], "hi remote", "{invoked}");
    let out = setup.cli(Some("remote"), &["info", "-o", "json"]);
    assert!(out.status.success(), "info: {}", stderr(&out));
    let info: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["hello"]["functionName"], "remote-hello", "{info}");

    // The status probe stays open: it is how the CLI finds a running engine.
    let status = reqwest::blocking::get(format!("{}/_s/v1/status", setup.engine.url)).unwrap();
    assert_eq!(status.status(), 200);

    // Unsigned: refused before any handler runs, with FC's JSON error.
    let unsigned = reqwest::blocking::get(setup.api("/functions")).unwrap();
    assert_eq!(unsigned.status(), 400);
    assert!(unsigned.headers().contains_key("x-fc-request-id"));
    let body: Value = unsigned.json().unwrap();
    assert_eq!(body["Code"], "MissingRequiredHeader", "{body}");
    assert!(body["RequestId"].as_str().is_some_and(|r| !r.is_empty()));

    // Wrongly signed: a made-up signature, then the CLI with the wrong secret.
    let forged = reqwest::blocking::Client::new()
        .get(setup.api("/functions"))
        .header(
            "authorization",
            format!("ACS3-HMAC-SHA256 Credential={KEY_ID},SignedHeaders=host;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce,Signature=00"),
        )
        .header("x-acs-date", "2024-01-01T00:00:00Z")
        .header("x-acs-signature-nonce", "n")
        .header(
            "x-acs-content-sha256",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        )
        .send()
        .unwrap();
    assert_eq!(forged.status(), 403);
    let body: Value = forged.json().unwrap();
    assert_eq!(
        body["Code"], "AccessDenied",
        "an old date is refused: {body}"
    );

    let now = time::OffsetDateTime::now_utc();
    let date = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let forged = reqwest::blocking::Client::new()
        .get(setup.api("/functions"))
        .header(
            "authorization",
            format!("ACS3-HMAC-SHA256 Credential={KEY_ID},SignedHeaders=host;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce,Signature=00"),
        )
        .header("x-acs-date", date)
        .header("x-acs-signature-nonce", "n")
        .header(
            "x-acs-content-sha256",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        )
        .send()
        .unwrap();
    assert_eq!(forged.status(), 403);
    let body: Value = forged.json().unwrap();
    assert_eq!(body["Code"], "SignatureNotMatch", "{body}");

    let out = setup.cli(Some("wrong"), &["info"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("SignatureNotMatch"), "{err}");
    assert!(err.contains("hint: check the access key"), "{err}");

    // No alias at all (the manifest's `access: default` is not configured here).
    let bare = tempfile::tempdir().unwrap();
    let out = s_in(bare.path())
        .current_dir(setup.ws.path())
        .args(["--target", &setup.engine.url, "info"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("MissingRequiredHeader"), "{err}");
    assert!(err.contains("pass `-a ALIAS`"), "{err}");

    // An unknown key id.
    let other = tempfile::tempdir().unwrap();
    ok(
        add_alias(other.path(), "stranger", "LTAIstranger", SECRET, "file"),
        "add a stranger",
    );
    let out = s_in(other.path())
        .current_dir(setup.ws.path())
        .args(["--target", &setup.engine.url, "-a", "stranger", "info"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("InvalidAccessKeyID"),
        "{}",
        stderr(&out)
    );

    let out = setup.cli(Some("remote"), &["remove", "-y"]);
    assert!(out.status.success(), "remove: {}", stderr(&out));
    let out = setup.cli(Some("remote"), &["info", "-o", "json"]);
    let info: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["hello"]["deployed"], false, "{info}");
}

/// The python that has the official SDK (see `sdk.rs`).
fn sdk_python() -> PathBuf {
    if let Some(python) = std::env::var_os("S_SDK_PYTHON").filter(|v| !v.is_empty()) {
        return PathBuf::from(python);
    }
    let local = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-sdk/bin/python");
    assert!(
        local.is_file(),
        "the FC Python SDK is missing: run `.ci/setup`, or set S_SDK_PYTHON"
    );
    local
}

#[test]
fn official_python_sdk_signs_for_a_signed_engine() {
    let python = sdk_python();
    let setup = SignedSetup::start();
    let out = setup.cli(Some("remote"), &["deploy", "-y"]);
    assert!(out.status.success(), "deploy: {}", stderr(&out));
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/fc_sdk_signed.py");
    let run = |secret: &str| {
        let out = Command::new(&python)
            .arg(&script)
            .arg(format!("127.0.0.1:{}", setup.engine.port))
            .args([KEY_ID, secret, "remote-hello"])
            .env("NO_PROXY", "127.0.0.1")
            .output()
            .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", python.display()));
        assert!(
            out.status.success(),
            "SDK script failed\n{}\n{}\n{}",
            stdout(&out),
            stderr(&out),
            setup.engine.log()
        );
        stdout(&out).trim().to_string()
    };
    assert_eq!(run(SECRET), "signed ok hi sdk");
    assert_eq!(run("a-wrong-secret"), "error SignatureNotMatch");
}
