//! FC's official layers in the real sandbox: functions written for FC (`PATH=/opt/nodejs20/bin`,
//! Flask from `/opt/python`) deploy and run unchanged; an unknown or unprovidable official
//! layer fails the deploy with a clear message; the API lists the official layers.
//!
//! Registry-built layers (Flask from PyPI) are kept in one cache under the target dir that
//! every test run shares, so only the first run downloads.

use std::time::Duration;

use serde_json::Value;

use crate::common::{fc_project, run, stderr, stdout, wait_for, TestEngine, Workspace};
use crate::isolation;

/// The official-layer cache shared by test runs.
fn shared_cache() -> String {
    format!("{}/official-layers", env!("CARGO_TARGET_TMPDIR"))
}

/// A sandboxed engine using the shared cache.
fn engine() -> TestEngine {
    assert!(
        isolation::sandbox_works(),
        "bubblewrap is required: run .ci/setup"
    );
    isolation::engine(&[], &[("S_OFFICIAL_LAYERS", &shared_cache())])
}

fn deploy(engine: &TestEngine, ws: &Workspace) {
    let out = run(engine, ws, &["deploy", "-y"]);
    assert!(
        out.status.success(),
        "deploy failed:\n{}\nengine log:\n{}",
        stderr(&out),
        engine.log()
    );
}

/// The body of one invocation.
fn invoke(engine: &TestEngine, ws: &Workspace) -> String {
    let out = run(engine, ws, &["invoke", "-e", "ping"]);
    assert!(
        out.status.success(),
        "invoke failed:\n{}\nengine log:\n{}",
        stderr(&out),
        engine.log()
    );
    stdout(&out).trim().to_string()
}

const NODE_SERVER: &str = r#"
const http = require('http');
const { execFileSync } = require('child_process');
http.createServer((req, res) => {
  // The layer's `node`, first on the function's own PATH.
  const first = process.env.PATH.split(':')[0];
  const version = execFileSync(`${first}/node`, ['-p', 'process.versions.node']).toString().trim();
  res.end(`node ${version} from ${first}`);
}).listen(process.env.FC_CUSTOM_LISTEN_PORT || 9000, '0.0.0.0');
"#;

#[test]
fn nodejs20_layer_runs_a_custom_runtime_started_by_name() {
    node_layer_runs(engine(), true);
}

#[test]
fn nodejs20_layer_paths_work_without_the_sandbox_too() {
    let home = tempfile::tempdir().unwrap();
    let cache = shared_cache();
    let envs = [("S_SANDBOX", "off"), ("S_OFFICIAL_LAYERS", cache.as_str())];
    node_layer_runs(TestEngine::start_env(home, &[], &envs), false);
}

/// Deploy and invoke a server started as `node server.js` with the layer's `PATH`; in the
/// sandbox the layer is at `/opt`, without it at the merged folder on the host.
fn node_layer_runs(engine: TestEngine, sandboxed: bool) {
    let ws = fc_project(
        "functionName: node-layer\nruntime: custom.debian10\nhandler: index.handler\nlayers:\n  - acs:fc:cn-hangzhou:official:layers/Nodejs20/versions/1\nenvironmentVariables:\n  PATH: /opt/nodejs20/bin:/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/sbin:/bin\ncustomRuntimeConfig:\n  command: [node, server.js]\n  port: 9000",
        &[("server.js", NODE_SERVER)],
    );
    deploy(&engine, &ws);
    // The layer is the host's Node.js (a warning names another major version).
    let host = std::process::Command::new("node")
        .args(["-p", "process.versions.node"])
        .output()
        .expect("node is required: run .ci/setup");
    let host = String::from_utf8_lossy(&host.stdout).trim().to_string();
    let body = invoke(&engine, &ws);
    let dir = body
        .strip_prefix(&format!("node {host} from "))
        .unwrap_or_else(|| panic!("{body}"));
    match sandboxed {
        true => assert_eq!(dir, "/opt/nodejs20/bin"),
        false => assert!(
            dir.ends_with("/nodejs20/bin") && dir.starts_with(engine.home.path().to_str().unwrap()),
            "{dir}"
        ),
    }
}

const FLASK_APP: &str = r#"
import importlib.metadata
import flask

app = flask.Flask(__name__)

@app.route('/invoke', methods=['POST'])
def invoke():
    return 'flask %s from %s' % (importlib.metadata.version('flask').split('.')[0], flask.__file__)

app.run(host='0.0.0.0', port=9000)
"#;

#[test]
fn flask2x_layer_is_importable_from_opt_python() {
    let engine = engine();
    let ws = fc_project(
        "functionName: flask-layer\nruntime: custom.debian10\nhandler: index.handler\nlayers:\n  - acs:fc:cn-hangzhou:official:layers/Python3-Flask2x/versions/2\nenvironmentVariables:\n  PYTHONPATH: /opt/python\ncustomRuntimeConfig:\n  command: [python3, app.py]\n  port: 9000",
        &[("app.py", FLASK_APP)],
    );
    deploy(&engine, &ws);
    assert_eq!(
        invoke(&engine, &ws),
        "flask 2 from /opt/python/flask/__init__.py"
    );
    // Built once into the shared cache, reused by the next deploy.
    let built: Vec<_> = std::fs::read_dir(shared_cache())
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("Python3-Flask2x-")
        })
        .collect();
    assert_eq!(built.len(), 1, "one Flask2x folder is cached");
}

#[test]
fn unknown_and_unprovidable_official_layers_fail_the_deploy() {
    let engine = engine();
    for (layer, expected) in [
        (
            "NoSuchLayer",
            "official layer 'NoSuchLayer' does not exist; the local engine provides: Nodejs14",
        ),
        (
            "ServerlessDevs",
            "official layer `ServerlessDevs` cannot be provided locally",
        ),
    ] {
        let ws = fc_project(
            &format!("functionName: bad-layer\nruntime: custom.debian10\nhandler: index.handler\nlayers:\n  - acs:fc:cn-hangzhou:official:layers/{layer}/versions/1\ncustomRuntimeConfig:\n  command: [node, server.js]"),
            &[("server.js", NODE_SERVER)],
        );
        let out = run(&engine, &ws, &["deploy", "-y"]);
        assert!(!out.status.success(), "{layer} deployed");
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
}

#[test]
fn api_lists_and_describes_official_layers() {
    let engine = TestEngine::start();
    let client = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let get = |path: &str| -> (u16, Value) {
        let reply = client
            .get(format!("{}/2023-03-30{path}", engine.url))
            .send()
            .unwrap();
        (reply.status().as_u16(), reply.json().unwrap())
    };
    let (status, list) = get("/layers?official=true&prefix=Python3-");
    assert_eq!(status, 200, "{list}");
    let names: Vec<&str> = list["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["layerName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Python3-Flask2x", "Python3-Flask3x"]);
    let arn = "acs:fc:cn-hangzhou:official:layers/Nodejs20/versions/3";
    let (status, layer) = get(&format!("/layerarn/{}", urlencode(arn)));
    assert_eq!(status, 200, "{layer}");
    assert_eq!(layer["layerVersionArn"], arn);
    assert_eq!(layer["acl"], "1");
    let (status, missing) = get(&format!(
        "/layerarn/{}",
        urlencode("acs:fc:cn-hangzhou:official:layers/Nope/versions/1")
    ));
    assert_eq!(
        (status, &missing["Code"]),
        (404, &Value::from("LayerNotFound"))
    );
}

fn urlencode(text: &str) -> String {
    text.replace(':', "%3A").replace('/', "%2F")
}

/// A config as FC's Nginx layer takes it, plus `user root;` (see README).
const NGINX_CONF: &str = "user root;
pid /tmp/nginx.pid;
error_log stderr;
events {}
http {
  access_log off;
  client_body_temp_path /tmp/body;
  proxy_temp_path /tmp/proxy;
  fastcgi_temp_path /tmp/fastcgi;
  uwsgi_temp_path /tmp/uwsgi;
  scgi_temp_path /tmp/scgi;
  include /opt/nginx/conf/mime.types;
  server {
    listen 9000;
    location / { return 200 'nginx $nginx_version'; }
  }
}
";

#[test]
fn nginx_layer_serves_from_opt_nginx() {
    let engine = engine();
    let ws = fc_project(
        "functionName: nginx-layer\nruntime: custom.debian10\nhandler: index.handler\nlayers:\n  - acs:fc:cn-hangzhou:official:layers/Nginx/versions/1\nenvironmentVariables:\n  PATH: /opt/nginx/sbin:/usr/local/bin:/usr/bin:/bin\ncustomRuntimeConfig:\n  command: [nginx, -c, /code/nginx.conf, -g, 'daemon off;']\n  port: 9000",
        &[("nginx.conf", NGINX_CONF)],
    );
    deploy(&engine, &ws);
    let body = invoke(&engine, &ws);
    assert!(body.starts_with("nginx 1."), "{body}");
}

#[test]
fn a_layer_backed_by_another_runtime_version_says_so_in_the_function_log() {
    let engine = engine();
    let host = std::process::Command::new("node")
        .args(["-p", "process.versions.node.split('.')[0]"])
        .output()
        .expect("node is required: run .ci/setup");
    let host = String::from_utf8_lossy(&host.stdout).trim().to_string();
    // A Node.js layer of another major version than the host's.
    let major = if host == "16" { "18" } else { "16" };
    let ws = fc_project(
        &format!("functionName: other-node\nruntime: custom.debian10\nhandler: index.handler\nlayers:\n  - acs:fc:cn-hangzhou:official:layers/Nodejs{major}/versions/1\nenvironmentVariables:\n  PATH: /opt/nodejs{major}/bin:/usr/bin:/bin\ncustomRuntimeConfig:\n  command: [node, server.js]\n  port: 9000"),
        &[("server.js", NODE_SERVER)],
    );
    deploy(&engine, &ws);
    let body = invoke(&engine, &ws);
    assert!(body.contains(&format!("/opt/nodejs{major}/bin")), "{body}");
    let expected = format!(
        "warning: official layer `Nodejs{major}` is Node.js {major} on FC; locally it runs the host's Node.js {host}."
    );
    wait_for(
        "the warning in the function log",
        Duration::from_secs(10),
        || {
            let out = run(&engine, &ws, &["logs"]);
            stdout(&out).contains(&expected).then_some(())
        },
    );
}
