//! Projects written the way public Serverless Devs projects are run unchanged: custom
//! runtimes with no `handler` and a hard-coded port 9000, FC 2.0-era runtimes and Python
//! HTTP handlers, fc3's deploy/remove/invoke flags, and one function name in two regions.
//! The fixtures are our own, in the style of the official templates.

use std::time::Duration;

use serde_json::Value;

use crate::common::{ok, run, stderr, stdout, text, TestEngine, Workspace};
use crate::isolation::sandboxed_engine;

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// A project folder from `(path, contents)` pairs.
fn project(files: &[(&str, &str)]) -> Workspace {
    let ws = Workspace::new();
    for (path, body) in files {
        ws.write(path, body);
    }
    ws
}

/// A web app template's manifest: a custom runtime started by `command`, no `handler`, port
/// 9000 as the templates write it, one anonymous HTTP trigger.
fn web_manifest(function: &str, command: &str) -> String {
    web_manifest_with(function, command, "")
}

/// [`web_manifest`] with more props lines (indented as props).
fn web_manifest_with(function: &str, command: &str, extra: &str) -> String {
    format!(
        r#"edition: 3.0.0
name: web-app
access: default
vars:
  region: cn-hangzhou
resources:
  web:
    component: fc3
    props:
      region: ${{vars.region}}
      functionName: {function}
      description: a web app on a custom runtime
      runtime: custom.debian10
      code: ./code
      memorySize: 1024
      timeout: 30
      instanceConcurrency: 20
      customRuntimeConfig:
        command: {command}
        port: 9000
      triggers:
        - triggerName: httpTrigger
          triggerType: http
          triggerConfig:
            authType: anonymous
            methods: [GET, POST, PUT, DELETE]
{extra}"#
    )
}

/// An Express-style app: routes on a plain `http` server bound to 9000, as `app.listen(9000)`.
const EXPRESS_STYLE: &str = r#"const http = require('http');
const routes = {
  'GET /': (req, res) => res.end('home'),
  'GET /api/hello': (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ hello: new URL(req.url, 'http://x').searchParams.get('name') }));
  },
  'POST /api/echo': (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => res.end('echo:' + body));
  },
};
http
  .createServer((req, res) => {
    const route = routes[req.method + ' ' + req.url.split('?')[0]];
    if (!route) {
      res.statusCode = 404;
      return res.end('not found');
    }
    route(req, res);
  })
  .listen(9000, '0.0.0.0', () => console.log('listening on 9000'));
"#;

/// A Flask-style WSGI app served the way gunicorn would serve it: `app` is a WSGI callable,
/// the server binds 0.0.0.0:9000.
const FLASK_STYLE: &str = r#"import json
from wsgiref.simple_server import make_server, WSGIRequestHandler


def app(environ, start_response):
    path = environ['PATH_INFO']
    if path == '/':
        body = b'flask-style home'
        kind = 'text/plain'
    elif path == '/api/env':
        body = json.dumps({'function': environ.get('HTTP_X_FC_FUNCTION_NAME'),
                           'method': environ['REQUEST_METHOD']}).encode()
        kind = 'application/json'
    else:
        start_response('404 NOT FOUND', [('Content-Type', 'text/plain')])
        return [b'missing']
    start_response('200 OK', [('Content-Type', kind)])
    return [body]


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


if __name__ == '__main__':
    make_server('0.0.0.0', 9000, app, handler_class=Quiet).serve_forever()
"#;

fn deployed_url(engine: &TestEngine, ws: &Workspace) -> String {
    let info: Value = serde_json::from_str(&ok(engine, ws, &["info", "-o", "json"])).unwrap();
    let url = info["web"]["triggers"][0]["url"]
        .as_str()
        .unwrap_or_default();
    assert!(url.starts_with("http://"), "no trigger URL in {info:#}");
    url.trim_end_matches('/').to_string()
}

#[test]
fn custom_runtime_web_apps_without_handler_run_as_their_templates_wrote_them() {
    let engine = sandboxed_engine();
    let express = project(&[
        // FC's own Node.js in custom runtime images, by its full path.
        (
            "s.yaml",
            &web_manifest("express-app", "[/var/fc/lang/nodejs20/bin/node, index.js]"),
        ),
        ("code/index.js", EXPRESS_STYLE),
    ]);
    let deployed = ok(&engine, &express, &["deploy", "-y", "-o", "json"]);
    let deployed: Value = serde_json::from_str(&deployed).unwrap();
    assert_eq!(
        deployed["web"]["handler"], "handler",
        "fc3's default handler"
    );
    let base = deployed_url(&engine, &express);
    let http = client();
    assert_eq!(http.get(&base).send().unwrap().text().unwrap(), "home");
    let hello: Value = http
        .get(format!("{base}/api/hello?name=fc"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(hello["hello"], "fc");
    let echo = http
        .post(format!("{base}/api/echo"))
        .body("ping")
        .send()
        .unwrap();
    assert_eq!(echo.text().unwrap(), "echo:ping");
    assert_eq!(
        http.get(format!("{base}/nope")).send().unwrap().status(),
        404
    );

    let flask = project(&[
        ("s.yaml", &web_manifest("flask-app", "[python3, app.py]")),
        ("code/app.py", FLASK_STYLE),
    ]);
    ok(&engine, &flask, &["deploy", "-y"]);
    let base = deployed_url(&engine, &flask);
    assert_eq!(
        http.get(&base).send().unwrap().text().unwrap(),
        "flask-style home"
    );
    let seen: Value = http
        .put(format!("{base}/api/env"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(seen["method"], "PUT");
}

#[test]
fn a_redeploy_keeps_a_custom_runtime_handler_set_on_the_target() {
    let engine = TestEngine::start();
    let ws = project(&[
        ("s.yaml", &web_manifest("keeps-handler", "[node, index.js]")),
        ("code/index.js", EXPRESS_STYLE),
    ]);
    ok(&engine, &ws, &["deploy", "-y"]);
    // Someone sets a handler on the target; a manifest without one must not reset it.
    let body = serde_json::json!({"handler": "server.main"}).to_string();
    let response = client()
        .put(format!("{}/2023-03-30/functions/keeps-handler", engine.url))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .unwrap();
    assert!(
        response.status().is_success(),
        "{}",
        response.text().unwrap()
    );
    let deployed: Value =
        serde_json::from_str(&ok(&engine, &ws, &["deploy", "-y", "-o", "json"])).unwrap();
    assert_eq!(deployed["web"]["handler"], "server.main");
}

/// An FC 2.0 project: an edition 1.0.0 manifest, a retired Node.js runtime, and a Python HTTP
/// function written against FC's WSGI handler signature, one as a function and one as a
/// Flask-style app object given as the handler.
const EDITION1: &str = r#"edition: 1.0.0
name: legacy
access: default
services:
  legacy:
    component: devsapp/fc
    props:
      region: cn-hangzhou
      service:
        name: legacy-svc
      function:
        name: wsgi
        runtime: python3
        codeUri: ./code
        handler: index.handler
        memorySize: 128
        timeout: 10
      triggers:
        - name: http
          type: http
          config:
            authType: anonymous
            methods: [GET, POST]
  app:
    component: devsapp/fc
    props:
      region: cn-hangzhou
      service:
        name: legacy-svc
      function:
        name: wsgi-app
        runtime: python3
        codeUri: ./code
        handler: index.app
        memorySize: 128
        timeout: 10
      triggers:
        - name: http
          type: http
          config:
            authType: anonymous
            methods: [GET, POST]
  old-node:
    component: devsapp/fc
    props:
      region: cn-hangzhou
      service:
        name: legacy-svc
      function:
        name: old-node
        runtime: nodejs10
        codeUri: ./node
        handler: index.handler
"#;

const WSGI_HANDLER: &str = r#"import json


def handler(environ, start_response):
    context = environ['fc.context']
    size = int(environ.get('CONTENT_LENGTH') or 0)
    body = environ['wsgi.input'].read(size)
    out = json.dumps({
        'method': environ['REQUEST_METHOD'],
        'path': environ['PATH_INFO'],
        'query': environ['QUERY_STRING'],
        'header': environ.get('HTTP_X_CUSTOM'),
        'body': body.decode(),
        'requestId': context.request_id,
    }).encode()
    start_response('201 Created', [('Content-Type', 'application/json'),
                                   ('Set-Cookie', 'a=1'), ('Set-Cookie', 'b=2')])
    return [out]


class App:
    """A framework-style app object: FC calls it like any WSGI callable."""

    def __call__(self, environ, start_response):
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'app object at ', environ['PATH_INFO'].encode()]


app = App()
"#;

const OLD_NODE: &str =
    "exports.handler = (event, context, callback) => callback(null, 'node ' + process.version);\n";

#[test]
fn fc2_projects_run_with_wsgi_handlers_and_retired_node_runtimes() {
    let engine = TestEngine::start();
    let ws = project(&[
        ("s.yaml", EDITION1),
        ("code/index.py", WSGI_HANDLER),
        ("node/index.js", OLD_NODE),
    ]);
    let preview = run(&engine, &ws, &["preview"]);
    assert!(preview.status.success(), "{}", stderr(&preview));
    assert!(
        stderr(&preview).contains("runtime `nodejs10` is retired"),
        "{}",
        stderr(&preview)
    );
    ok(&engine, &ws, &["deploy", "-y"]);
    let info: Value = serde_json::from_str(&ok(&engine, &ws, &["info", "-o", "json"])).unwrap();
    let url = |resource: &str| {
        info[resource]["triggers"][0]["url"]
            .as_str()
            .unwrap_or_else(|| panic!("no URL for {resource} in {info:#}"))
            .trim_end_matches('/')
            .to_string()
    };
    let response = client()
        .post(format!("{}/items/7?x=1&y=two", url("legacy")))
        .header("x-custom", "yes")
        .body("payload")
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let cookies: Vec<_> = response.headers().get_all("set-cookie").iter().collect();
    assert_eq!(cookies.len(), 2, "both cookies: {cookies:?}");
    let seen: Value = response.json().unwrap();
    assert_eq!(seen["method"], "POST");
    assert_eq!(seen["path"], "/items/7");
    assert_eq!(seen["query"], "x=1&y=two");
    assert_eq!(seen["header"], "yes");
    assert_eq!(seen["body"], "payload");
    assert!(seen["requestId"].as_str().is_some_and(|r| !r.is_empty()));

    let text = client()
        .get(format!("{}/hello", url("app")))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(text, "app object at /hello");

    let invoked = ok(&engine, &ws, &["old-node", "invoke"]);
    assert!(invoked.starts_with("node v"), "{invoked}");
    // What `nodejs10` really is here: the status names the host's version.
    let status = ok(&engine, &ws, &["engine", "status", "-o", "json"]);
    let status: Value = serde_json::from_str(&status).unwrap();
    let node = status["interpreters"]["node"].as_str().unwrap_or_default();
    assert_eq!(invoked.trim(), format!("node v{node}"), "{status:#}");
    let human = ok(&engine, &ws, &["engine", "status"]);
    assert!(human.contains(&format!("Node.js {node}")), "{human}");
}

/// Two resources, three triggers, an async config: what fc3's part flags act on.
const PARTS: &str = r#"edition: 3.0.0
name: parts
access: default
resources:
  svc:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: parts
      runtime: python3.10
      handler: index.handler
      code: ./code
      timeout: 5
      environmentVariables:
        GREETING: GREETING_VALUE
      asyncInvokeConfig:
        asyncTask: true
        maxAsyncRetryAttempts: 1
      triggers:
        - triggerName: web
          triggerType: http
          triggerConfig: {authType: anonymous, methods: [GET]}
        - triggerName: api
          triggerType: http
          triggerConfig: {authType: anonymous, methods: [POST]}
"#;

const GREETER: &str = "import os\n\ndef handler(event, context):\n    return os.environ.get('GREETING', '') + ':VERSION'\n";

fn parts_project(greeting: &str, version: &str) -> Workspace {
    project(&[
        ("s.yaml", &PARTS.replace("GREETING_VALUE", greeting)),
        ("code/index.py", &GREETER.replace("VERSION", version)),
    ])
}

fn rewrite(ws: &Workspace, greeting: &str, version: &str) {
    ws.write("s.yaml", PARTS.replace("GREETING_VALUE", greeting));
    ws.write("code/index.py", GREETER.replace("VERSION", version));
}

fn trigger_names(engine: &TestEngine, ws: &Workspace) -> Vec<String> {
    let info: Value = serde_json::from_str(&ok(engine, ws, &["info", "-o", "json"])).unwrap();
    let mut names: Vec<String> = info["svc"]["triggers"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|t| t["triggerName"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn fc3_deploy_and_remove_flags_act_on_the_parts_they_name() {
    let engine = TestEngine::start();
    let ws = parts_project("hi", "v1");
    // Parts of a function that is not deployed yet: `--trigger` needs the function.
    let early = run(&engine, &ws, &["deploy", "--trigger"]);
    assert!(!early.status.success());
    assert!(
        stderr(&early).contains("function `parts` is not deployed"),
        "{}",
        stderr(&early)
    );
    // `--function code` on a new function creates it whole, and nothing else.
    let created = run(&engine, &ws, &["deploy", "--function", "code"]);
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(
        stderr(&created).contains("not deployed yet"),
        "{}",
        stderr(&created)
    );
    assert_eq!(ok(&engine, &ws, &["invoke"]).trim(), "hi:v1");
    assert!(trigger_names(&engine, &ws).is_empty(), "no triggers yet");

    // Code only: the new code runs, the old settings stay.
    rewrite(&ws, "hello", "v2");
    ok(&engine, &ws, &["deploy", "--function", "code"]);
    assert_eq!(ok(&engine, &ws, &["invoke"]).trim(), "hi:v2");
    // Settings only: the new environment, the code as it was deployed.
    rewrite(&ws, "hello", "v3");
    ok(&engine, &ws, &["deploy", "--function", "config"]);
    assert_eq!(ok(&engine, &ws, &["invoke"]).trim(), "hello:v2");

    // One named trigger, then all of them; an unknown name is refused up front.
    ok(&engine, &ws, &["deploy", "--trigger", "api"]);
    assert_eq!(trigger_names(&engine, &ws), ["api"]);
    let unknown = run(&engine, &ws, &["deploy", "--trigger", "nope"]);
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("triggers in this project: web, api"),
        "{}",
        stderr(&unknown)
    );
    ok(&engine, &ws, &["deploy", "--trigger"]);
    assert_eq!(trigger_names(&engine, &ws), ["api", "web"]);
    assert_eq!(
        ok(&engine, &ws, &["invoke"]).trim(),
        "hello:v2",
        "triggers only"
    );

    // The async config alone.
    ok(&engine, &ws, &["deploy", "--async-invoke-config"]);
    let config = engine_get(&engine, "/2023-03-30/functions/parts/async-invoke-config");
    assert_eq!(config["maxAsyncRetryAttempts"], 1, "{config}");

    // Remove one trigger, then the async config, then everything by name.
    ok(&engine, &ws, &["remove", "-y", "--trigger", "web"]);
    assert_eq!(trigger_names(&engine, &ws), ["api"]);
    ok(&engine, &ws, &["remove", "-y", "--async_invoke_config"]);
    let status = client()
        .get(format!(
            "{}/2023-03-30/functions/parts/async-invoke-config",
            engine.url
        ))
        .send()
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 404, "the async config is gone");
    assert_eq!(
        ok(&engine, &ws, &["invoke"]).trim(),
        "hello:v2",
        "function kept"
    );
    let elsewhere = Workspace::new();
    ok(
        &engine,
        &elsewhere,
        &["remove", "-y", "--function-name", "parts"],
    );
    let gone = run(&engine, &ws, &["invoke"]);
    assert!(!gone.status.success(), "{}", stdout(&gone));

    // Serverless Devs 2.x flags say what to use instead.
    let legacy = run(&engine, &ws, &["deploy", "--type", "code"]);
    assert!(
        stderr(&legacy).contains("use `s deploy --function code`"),
        "{}",
        stderr(&legacy)
    );
}

fn engine_get(engine: &TestEngine, path: &str) -> Value {
    let response = client()
        .get(format!("{}{path}", engine.url))
        .send()
        .unwrap();
    let status = response.status();
    let body = response.text().unwrap();
    assert!(status.is_success(), "GET {path}: {status} {body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn fc3_invoke_flags_silent_and_the_2x_task_id_work() {
    let engine = TestEngine::start();
    let ws = parts_project("hi", "v1");
    ok(&engine, &ws, &["deploy", "-y"]);
    let out = run(&engine, &ws, &["invoke", "--silent"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "hi:v1");
    assert!(!stderr(&out).contains("FC invoke Logs"), "{}", stderr(&out));
    let accepted = ok(
        &engine,
        &ws,
        &[
            "invoke",
            "--invocation-type",
            "async",
            "--stateful-async-invocation-id",
            "legacy-id-1",
        ],
    );
    assert_eq!(accepted.trim(), "legacy-id-1");
    let task = ok(&engine, &ws, &["task", "get", "legacy-id-1", "-o", "json"]);
    let task: Value = serde_json::from_str(&task).unwrap();
    assert_eq!(task["taskId"], "legacy-id-1", "{task:#}");
    let event = Workspace::new();
    let file = event.write("event.json", "{}");
    let stdin = crate::common::output_with_stdin(
        engine.cmd().current_dir(ws.path()).args(["invoke", "-s"]),
        std::fs::read(file).unwrap().as_slice(),
    );
    assert!(stdin.status.success(), "{}", text(&stdin.stderr));
}

const TWO_REGIONS: &str = r#"edition: 3.0.0
name: regions
access: default
resources:
  hz:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: hello
      runtime: python3.10
      handler: index.handler
      code: ./code
  sh:
    component: fc3
    props:
      region: cn-shanghai
      functionName: hello
      runtime: python3.10
      handler: index.handler
      code: ./code
"#;

#[test]
fn one_function_name_in_two_regions_is_refused_before_anything_is_replaced() {
    let engine = TestEngine::start();
    let ws = project(&[
        ("s.yaml", TWO_REGIONS),
        (
            "code/index.py",
            "def handler(event, context):\n    return 'hi'\n",
        ),
    ]);
    for args in [
        &["deploy", "-y"][..],
        &["sh", "deploy", "-y"],
        &["remove", "-y"],
    ] {
        let out = run(&engine, &ws, args);
        assert!(!out.status.success(), "`s {}` must refuse", args.join(" "));
        let err = stderr(&out);
        assert!(
            err.contains(
                "resources `hz` (cn-hangzhou) and `sh` (cn-shanghai) both deploy function `hello`"
            ),
            "{err}"
        );
    }
    let listed = engine_get(&engine, "/2023-03-30/functions");
    assert_eq!(
        listed["functions"].as_array().map(Vec::len),
        Some(0),
        "{listed}"
    );
    // Each region is its own endpoint on FC: the check is for one engine only, so a deploy
    // to FC gets past it (and stops later, here for want of credentials).
    let fc = run(&engine, &ws, &["deploy", "-y", "--target", "fc"]);
    assert!(
        !stderr(&fc).contains("both deploy function"),
        "{}",
        stderr(&fc)
    );
}

/// Writes the event's text to a file under the NAS mount, and reads back what is there.
const NAS_USER: &str = r#"import json, os

def handler(event, context):
    e = json.loads(event)
    path = os.path.join(e['dir'], 'shared.txt')
    if 'write' in e:
        with open(path, 'w') as f:
            f.write(e['write'])
    with open(path) as f:
        return f.read()
"#;

#[test]
fn nas_mounts_are_one_local_folder_per_address_shared_between_functions() {
    let engine = sandboxed_engine();
    let nas = |name: &str, config: Value| {
        crate::isolation::create_function(
            &engine,
            serde_json::json!({
                "functionName": name, "runtime": "python3.10", "handler": "index.handler",
                "nasConfig": config,
                "code": {"zipFile": crate::isolation::zip_of(&[("index.py", NAS_USER)])},
            }),
        )
    };
    let point = |dir: &str| {
        serde_json::json!({"userId": 0, "groupId": 0, "mountPoints": [
            {"serverAddr": "1a2b-x.cn-hangzhou.nas.aliyuncs.com:/share", "mountDir": dir}]})
    };
    nas("writer", point("/mnt/nas"));
    nas("reader", point("/home/data"));
    nas("auto", Value::String("auto".into()));
    let call = |name: &str, event: Value| crate::isolation::invoke(&engine, name, &event);
    let written = call(
        "writer",
        serde_json::json!({"dir": "/mnt/nas", "write": "from writer"}),
    );
    assert_eq!(written, "from writer");
    assert_eq!(
        call("reader", serde_json::json!({"dir": "/home/data"})),
        "from writer"
    );
    let host = engine
        .home
        .path()
        .join("nas/1a2b-x.cn-hangzhou.nas.aliyuncs.com/share/shared.txt");
    assert_eq!(std::fs::read_to_string(&host).unwrap(), "from writer");
    // `nasConfig: auto` is FC's default mount, `/mnt/<function>`.
    call(
        "auto",
        serde_json::json!({"dir": "/mnt/auto", "write": "mine"}),
    );
    assert!(engine
        .home
        .path()
        .join("nas/auto/auto/shared.txt")
        .is_file());
    // An address that climbs out of the NAS root is refused, nothing is created outside it.
    nas(
        "climber",
        serde_json::json!({"mountPoints": [
        {"serverAddr": "evil.example:/../../escaped", "mountDir": "/mnt/x"}]}),
    );
    let (error, text) =
        crate::isolation::try_invoke(&engine, "climber", &serde_json::json!({"dir": "/mnt/x"}));
    assert!(error.is_some(), "{text}");
    assert!(text.contains("nasConfig"), "{text}");
    assert!(!engine.home.path().join("escaped").exists());
}
