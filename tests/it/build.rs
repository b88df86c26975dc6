//! Integration tests: `s build` with real pip and npm against the public registries,
//! layers shared by functions, and `actions` hooks around deploy.

use std::process::Output;

use crate::common::{run, stderr, stdout, TestEngine, Workspace};

/// Run and require success, showing stderr and the engine log otherwise.
fn ok(engine: &TestEngine, ws: &Workspace, args: &[&str]) -> Output {
    let out = run(engine, ws, args);
    assert!(
        out.status.success(),
        "`s {}` failed:\n{}\nengine log:\n{}",
        args.join(" "),
        stderr(&out),
        engine.log()
    );
    out
}

/// The function's result from `s invoke -o json`.
fn invoke_result(engine: &TestEngine, ws: &Workspace, resource: Option<&str>) -> String {
    let mut args: Vec<&str> = resource.into_iter().collect();
    args.extend(["invoke", "-o", "json", "-e", "{}"]);
    let out = ok(engine, ws, &args);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON from invoke ({e}): {}", stdout(&out)));
    value["body"].as_str().unwrap_or_default().to_string()
}

/// `s.yaml` with the given resources block (already indented under `resources:`).
fn manifest(ws: &Workspace, top: &str, resources: &str) {
    ws.write(
        "s.yaml",
        format!("edition: 3.0.0\nname: test\naccess: default\n{top}resources:\n{resources}"),
    );
}

#[test]
fn python_dependency_installed_by_build_is_importable_after_deploy() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    manifest(
        &ws,
        "",
        "  fn:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: py-deps\n      runtime: python3.10\n      handler: index.handler\n      code: ./code\n",
    );
    ws.write("code/requirements.txt", "inflection==0.5.1\n");
    ws.write(
        "code/index.py",
        "import inflection\n\ndef handler(event, context):\n    return inflection.camelize('from_pypi')\n",
    );
    let out = ok(&engine, &ws, &["build"]);
    assert!(stderr(&out).contains("Built `fn`"), "{}", stderr(&out));
    assert!(ws.path().join("code/python/inflection.py").is_file());
    let again = ok(&engine, &ws, &["build"]);
    assert!(stderr(&again).contains("Fresh `fn`"), "{}", stderr(&again));
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(invoke_result(&engine, &ws, None), "FromPypi");
}

#[test]
fn failed_install_shows_the_tool_output() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    manifest(
        &ws,
        "",
        "  fn:\n    component: fc3\n    props:\n      functionName: broken\n      runtime: python3.10\n      handler: index.handler\n      code: ./code\n",
    );
    ws.write(
        "code/requirements.txt",
        "this-package-does-not-exist-s-build==0.0.1\n",
    );
    let out = run(&engine, &ws, &["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("No matching distribution"), "{err}");
    assert!(err.contains("building `fn` failed"), "{err}");
}

#[test]
fn nodejs_dependency_installed_by_build_is_importable_after_deploy() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    manifest(
        &ws,
        "",
        "  fn:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: node-deps\n      runtime: nodejs20\n      handler: index.handler\n      code: ./code\n",
    );
    ws.write(
        "code/package.json",
        r#"{"name": "fn", "version": "1.0.0", "dependencies": {"ms": "2.1.3"}}"#,
    );
    ws.write(
        "code/index.js",
        "const ms = require('ms');\nexports.handler = async () => String(ms('2h'));\n",
    );
    ok(&engine, &ws, &["build"]);
    assert!(ws
        .path()
        .join("code/node_modules/ms/package.json")
        .is_file());
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(invoke_result(&engine, &ws, None), "7200000");
}

#[test]
fn layer_published_once_is_shared_by_two_functions() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    ws.write("layer/python/greeting.py", "WORD = 'from-layer'\n");
    let out = ok(
        &engine,
        &ws,
        &[
            "layer",
            "publish",
            "--code",
            "layer",
            "--layer-name",
            "shared",
            "--compatible-runtime",
            "python3.10",
        ],
    );
    let arn = stdout(&out).trim().to_string();
    assert!(arn.ends_with(":layers/shared/versions/1"), "{arn}");
    let function = |resource: &str, name: &str| {
        format!(
            "  {resource}:\n    component: fc3\n    props:\n      functionName: {name}\n      runtime: python3.10\n      handler: index.handler\n      code: ./{resource}\n      layers:\n        - {arn}\n"
        )
    };
    manifest(
        &ws,
        "",
        &(function("a", "layer-a") + &function("b", "layer-b")),
    );
    for resource in ["a", "b"] {
        ws.write(
            &format!("{resource}/index.py"),
            format!(
                "import greeting\n\ndef handler(event, context):\n    return '{resource} ' + greeting.WORD\n"
            ),
        );
    }
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(invoke_result(&engine, &ws, Some("a")), "a from-layer");
    assert_eq!(invoke_result(&engine, &ws, Some("b")), "b from-layer");

    let list = ok(&engine, &ws, &["layer", "list"]);
    assert!(
        stdout(&list).starts_with("shared\t1\tpython3.10"),
        "{}",
        stdout(&list)
    );
    let versions = ok(&engine, &ws, &["layer", "versions", "shared", "-o", "json"]);
    let versions: serde_json::Value = serde_json::from_slice(&versions.stdout).unwrap();
    assert_eq!(versions[0]["layerVersionArn"], arn.as_str());
    ok(
        &engine,
        &ws,
        &[
            "layer",
            "remove",
            "--layer-name",
            "shared",
            "--version-id",
            "1",
        ],
    );
    let gone = run(&engine, &ws, &["layer", "versions", "shared"]);
    assert!(!gone.status.success());
}

/// A project whose hooks append their names to `order.txt`.
fn hooks_project(ws: &Workspace, resource_pre: &str) {
    let log = |name: &str| format!("        - run: echo {name} >> order.txt\n");
    let top = format!(
        "actions:\n  pre-deploy:\n{}  success-deploy:\n{}  fail-deploy:\n{}  complete-deploy:\n{}",
        log("global-pre"),
        log("global-success"),
        log("global-fail"),
        log("global-complete")
    )
    .replace("        - run", "    - run");
    let resources = format!(
        "  fn:\n    component: fc3\n    actions:\n      pre-deploy:\n{resource_pre}      success-deploy:\n{}      fail-deploy:\n{}      complete-deploy:\n{}    props:\n      functionName: hooked\n      runtime: python3.10\n      handler: index.handler\n      code: ./code\n",
        log("resource-success"),
        log("resource-fail"),
        log("resource-complete")
    );
    manifest(ws, &top, &resources);
    ws.write(
        "code/index.py",
        "def handler(event, context):\n    return 'ok'\n",
    );
}

fn order(ws: &Workspace) -> Vec<String> {
    std::fs::read_to_string(ws.path().join("order.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn hooks_run_in_order_around_the_resource_and_the_command() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    let pre = "        - run: echo resource-pre >> order.txt\n        - component: fc3 build --command \"echo component >> ../order.txt\"\n";
    hooks_project(&ws, pre);
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(
        order(&ws),
        [
            "global-pre",
            "resource-pre",
            "component",
            "resource-success",
            "resource-complete",
            "global-success",
            "global-complete"
        ]
    );
}

#[test]
fn failing_pre_deploy_hook_stops_the_deploy_unless_allowed_or_skipped() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    let failing = "        - run: echo hook-says-no && exit 3\n";
    hooks_project(&ws, failing);
    let out = run(&engine, &ws, &["deploy", "-y"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("hook-says-no"), "{err}");
    assert!(err.contains("action `pre-deploy` failed"), "{err}");
    assert_eq!(
        order(&ws),
        [
            "global-pre",
            "resource-fail",
            "resource-complete",
            "global-fail",
            "global-complete"
        ]
    );
    let info = run(&engine, &ws, &["invoke", "-e", "{}"]);
    assert!(!info.status.success(), "the function must not be deployed");

    std::fs::remove_file(ws.path().join("order.txt")).unwrap();
    ok(&engine, &ws, &["deploy", "-y", "--skip-actions"]);
    assert!(order(&ws).is_empty());
    assert_eq!(invoke_result(&engine, &ws, None), "ok");

    let tolerated = "        - run: exit 3\n          allow_failure:\n            exit_code: [3]\n            command: [deploy]\n";
    hooks_project(&ws, tolerated);
    let out = ok(&engine, &ws, &["deploy", "-y"]);
    assert!(stderr(&out).contains("allowed to fail"), "{}", stderr(&out));
    assert!(order(&ws).contains(&"resource-success".to_string()));
}

const APT_APP: &str = r#"
import subprocess
from http.server import BaseHTTPRequestHandler, HTTPServer

import inflection

class H(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('content-length', 0)))
        # `hello` by name: the engine puts `/code/apt-archives/usr/bin` on PATH.
        greeting = subprocess.run(['hello'], capture_output=True, text=True).stdout.strip()
        out = ('%s %s' % (greeting, inflection.camelize('from_pypi'))).encode()
        self.send_response(200)
        self.send_header('content-length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *a):
        pass

HTTPServer(('0.0.0.0', 9000), H).serve_forever()
"#;

/// A custom-runtime project with `apt-get.list` and `requirements.txt`.
fn apt_project(list: &str) -> Workspace {
    let ws = Workspace::new();
    manifest(
        &ws,
        "",
        "  fn:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: apt-deps\n      runtime: custom.debian10\n      handler: index.handler\n      code: ./code\n      customRuntimeConfig:\n        command: [python3, app.py]\n        port: 9000\n",
    );
    ws.write("code/apt-get.list", list);
    ws.write("code/requirements.txt", "inflection==0.5.1\n");
    ws.write("code/app.py", APT_APP);
    ws
}

#[test]
fn custom_runtime_build_installs_debian_and_python_packages_the_sandbox_finds() {
    assert!(
        std::process::Command::new("apt-get")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
        "apt-get is required: this test needs a Debian host"
    );
    let engine = crate::isolation::sandboxed_engine();
    let ws = apt_project("# GNU hello, a small program with a binary in usr/bin\nhello\n");
    let out = ok(&engine, &ws, &["build", "--use-docker"]);
    let err = stderr(&out);
    assert!(err.contains("on the host"), "{err}");
    assert!(
        err.contains("Built `fn`: installed from apt-get.list, requirements.txt"),
        "{err}"
    );
    assert!(ws.path().join("code/apt-archives/usr/bin/hello").is_file());
    assert!(ws.path().join("code/python/inflection.py").is_file());
    ok(&engine, &ws, &["deploy", "-y"]);
    let out = ok(&engine, &ws, &["invoke", "-e", "{}"]);
    assert_eq!(stdout(&out).trim(), "Hello, world! FromPypi");
}

#[test]
fn apt_list_entries_must_be_package_names() {
    let engine = TestEngine::start();
    let ws = apt_project("hello -o=Dir::Etc::sourcelist=/tmp/evil\n");
    let out = run(&engine, &ws, &["build"]);
    assert!(!out.status.success());
    insta::assert_snapshot!(stderr(&out), @r"
    error: cannot build `fn`: `apt-get.list`: `-o=Dir::Etc::sourcelist=/tmp/evil` is not a Debian package name

    hint: list Debian package names in `apt-get.list`, separated by spaces or lines (`#` starts a comment)
    ");
    assert!(!ws.path().join("code/apt-archives").exists());
}

#[test]
fn python_packages_go_to_the_folder_the_functions_pythonpath_names() {
    let engine = crate::isolation::sandboxed_engine();
    let ws = Workspace::new();
    // As public custom-runtime templates write it: their own PYTHONPATH, not FC's /code/python.
    manifest(
        &ws,
        "",
        "  fn:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: third-party\n      runtime: custom.debian10\n      code: ./code\n      environmentVariables:\n        PYTHONPATH: /code/3rd-packages\n      customRuntimeConfig:\n        command: [python3, app.py]\n        port: 9000\n",
    );
    ws.write("code/requirements.txt", "inflection==0.5.1\n");
    ws.write(
        "code/app.py",
        APT_APP.replace(
            "greeting = subprocess.run(['hello'], capture_output=True, text=True).stdout.strip()",
            "greeting = 'Hello,'",
        ),
    );
    let out = ok(&engine, &ws, &["build"]);
    assert!(stderr(&out).contains("-t 3rd-packages"), "{}", stderr(&out));
    assert!(ws.path().join("code/3rd-packages/inflection.py").is_file());
    assert!(!ws.path().join("code/python").exists());
    ok(&engine, &ws, &["deploy", "-y"]);
    let out = ok(&engine, &ws, &["invoke", "-e", "{}"]);
    assert_eq!(stdout(&out).trim(), "Hello, FromPypi");
}
