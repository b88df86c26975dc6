//! Custom domains end to end: an `fc3-domain` resource and a `customDomain` prop deployed
//! with `s deploy` in front of a Node.js and a Python web app (custom runtimes listening on
//! port 9000), reached with the domain's `Host` header and at `<domain>.localhost`; FC's
//! path matching (exact, `/prefix/*`, `/*`, longest first), methods, unmatched paths; a
//! domain's host never reaching the API or the console; `s info` and `s remove`.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;

use crate::common::{ok, run, text, TestEngine, Workspace};

const NODE_APP: &str = r#"const http = require('http');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ app: 'node', method: req.method, url: req.url, host: req.headers.host, body }));
  });
}).listen(9000);
"#;

const PYTHON_APP: &str = r#"import http.server, json
class App(http.server.BaseHTTPRequestHandler):
    def answer(self):
        out = json.dumps({'app': 'python', 'method': self.command, 'url': self.path}).encode()
        self.send_response(200)
        self.send_header('content-type', 'application/json')
        self.send_header('content-length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    do_GET = do_POST = do_PUT = do_DELETE = answer
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('0.0.0.0', 9000), App).serve_forever()
"#;

const MANIFEST: &str = r#"edition: 3.0.0
name: web-apps
access: default
resources:
  node-app:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: node-app
      runtime: custom.debian10
      handler: index.handler
      code: ./node
      customRuntimeConfig:
        command: [node, /code/server.js]
        port: 9000
      triggers:
        - triggerName: http
          triggerType: http
          triggerConfig: {authType: anonymous, methods: [GET, POST]}
  py_app:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: py_app
      runtime: custom.debian10
      handler: index.handler
      code: ./py
      customRuntimeConfig:
        command: [python3, /code/app.py]
        port: 9000
      triggers:
        - triggerName: http
          triggerType: http
          triggerConfig: {authType: anonymous, methods: [GET, POST, PUT, DELETE]}
      customDomain:
        domainName: auto
        protocol: HTTP
        route: {path: '/*', qualifier: LATEST}
  site:
    component: fc3-domain
    props:
      region: cn-hangzhou
      domainName: api.example.com
      protocol: HTTP,HTTPS
      routeConfig:
        routes:
          - {path: '/node/*', functionName: node-app, qualifier: LATEST, methods: [GET, POST]}
          - {path: '/py', functionName: py_app, methods: [GET]}
          - {path: '/py/deep/*', functionName: node-app}
          - path: '/old/*'
            functionName: node-app
            rewriteConfig:
              equalRules: [{match: /old/home, replacement: /}]
              wildcardRules: [{match: '/old/*', replacement: '/node/$1'}]
      tlsConfig: {minVersion: TLSv1.2}
"#;

const AUTO_DOMAIN: &str = "py-app.cn-hangzhou.fcapp.localhost";

fn project() -> Workspace {
    let ws = Workspace::new();
    ws.write("s.yaml", MANIFEST);
    ws.write("node/server.js", NODE_APP);
    ws.write("py/app.py", PYTHON_APP);
    ws
}

/// A client that sends `*.localhost` names to the engine, as browsers resolve them.
fn client(engine: &TestEngine) -> reqwest::blocking::Client {
    let at = SocketAddr::from(([127, 0, 0, 1], engine.port));
    reqwest::blocking::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .resolve("api.example.com.localhost", at)
        .resolve(AUTO_DOMAIN, at)
        .build()
        .unwrap()
}

/// A request to the engine's port with `Host: host`; `(status, JSON body)`.
fn send(engine: &TestEngine, method: reqwest::Method, host: &str, path: &str) -> (u16, Value) {
    let response = client(engine)
        .request(method, format!("http://127.0.0.1:{}{path}", engine.port))
        .header("host", host)
        .send()
        .unwrap();
    let status = response.status().as_u16();
    let body = response.text().unwrap();
    (
        status,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

fn get(engine: &TestEngine, host: &str, path: &str) -> (u16, Value) {
    send(engine, reqwest::Method::GET, host, path)
}

#[test]
fn fc3_domain_and_custom_domain_route_web_apps_by_host_and_path() {
    let engine = TestEngine::start();
    let ws = project();
    let deployed = run(&engine, &ws, &["deploy", "-y", "-o", "json"]);
    let log = text(&deployed.stderr);
    assert!(deployed.status.success(), "{log}\n{}", engine.log());
    let port = engine.port;
    assert!(
        log.contains(&format!(
            "custom domain `api.example.com` at http://api.example.com.localhost:{port}/"
        )),
        "{log}"
    );
    assert!(
        log.contains(&format!("http://{AUTO_DOMAIN}:{port}/")),
        "{log}"
    );
    assert!(
        log.contains("`tlsConfig` has no meaning on the local engine"),
        "{log}"
    );
    let domain_lines: String = log
        .lines()
        .filter(|l| l.contains("domain"))
        .map(|l| format!("{}\n", l.replace(&port.to_string(), "[PORT]")))
        .collect();
    insta::assert_snapshot!("domain_deploy_messages", domain_lines);
    let result: Value = serde_json::from_str(&text(&deployed.stdout)).unwrap();
    assert_eq!(result["site"]["domainName"], "api.example.com");
    assert_eq!(result["py_app"]["customDomain"]["domainName"], AUTO_DOMAIN);

    // The Host header FC sees behind DNS; the app gets the full path and query.
    let (status, seen) = get(&engine, "api.example.com", "/node/users/7?full=1");
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["app"], "node");
    assert_eq!(seen["url"], "/node/users/7?full=1");
    assert_eq!(seen["host"], "api.example.com");
    // Longer wildcard prefixes win over shorter ones, exact paths over wildcards.
    assert_eq!(
        get(&engine, "api.example.com", "/py/deep/x").1["app"],
        "node"
    );
    let (status, seen) = get(&engine, "API.Example.com:80", "/py");
    assert_eq!(
        (status, seen["app"].as_str()),
        (200, Some("python")),
        "{seen}"
    );

    // rewriteConfig: the function sees the rewritten path, the query kept.
    let (status, seen) = get(&engine, "api.example.com", "/old/a/b?q=1");
    assert_eq!(
        (status, seen["url"].as_str()),
        (200, Some("/node/a/b?q=1")),
        "{seen}"
    );
    assert_eq!(get(&engine, "api.example.com", "/old/home").1["url"], "/");

    // The same domain at its `.localhost` URL, as a browser opens it.
    let url = format!("http://api.example.com.localhost:{port}/py?via=browser");
    let response = client(&engine).get(&url).send().unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let seen: Value = response.json().unwrap();
    assert_eq!(seen["url"], "/py?via=browser");

    // Methods filter routes; unrouted paths are FC's 404.
    let (status, error) = send(&engine, reqwest::Method::POST, "api.example.com", "/py");
    assert_eq!(status, 405, "{error}");
    let (status, seen) = send(&engine, reqwest::Method::POST, "api.example.com", "/node/");
    assert_eq!((status, seen["method"].as_str()), (200, Some("POST")));
    let (status, error) = get(&engine, "api.example.com", "/py/other");
    assert_eq!(status, 404);
    assert_eq!(error["Code"], "DomainRouteNotFound");
    assert!(error["RequestId"].is_string());

    // `domainName: auto` gets a `.localhost` name of its own, catching every path.
    let response = client(&engine)
        .put(format!("http://{AUTO_DOMAIN}:{port}/any/where"))
        .send()
        .unwrap();
    let seen: Value = response.json().unwrap();
    assert_eq!(
        (seen["app"].as_str(), seen["method"].as_str()),
        (Some("python"), Some("PUT"))
    );
    assert_eq!(seen["url"], "/any/where");

    // `s info` shows the domains (fc3's `url.custom_domain`).
    let info: Value = serde_json::from_str(&ok(&engine, &ws, &["info", "-o", "json"])).unwrap();
    assert_eq!(
        info["site"]["url"]["custom_domain"],
        format!("http://api.example.com.localhost:{port}/")
    );
    assert_eq!(
        info["site"]["routeConfig"]["routes"][1]["qualifier"],
        "LATEST"
    );
    assert_eq!(
        info["py_app"]["customDomain"]["url"]["custom_domain"],
        format!("http://{AUTO_DOMAIN}:{port}/")
    );
    assert_eq!(
        info["py_app"]["url"]["custom_domain"],
        format!("http://{AUTO_DOMAIN}:{port}/")
    );

    // Deploying again updates in place; `s site deploy` deploys that domain alone.
    ok(&engine, &ws, &["deploy", "-y"]);
    assert_eq!(get(&engine, "api.example.com", "/py").0, 200);
    let alone = run(&engine, &ws, &["site", "deploy", "-y"]);
    let log = text(&alone.stderr);
    assert!(alone.status.success(), "{log}");
    assert!(log.contains("custom domain `api.example.com`"), "{log}");
    assert!(!log.contains("function `"), "{log}");

    // Removing only the triggers leaves the domains (FC 3.0 domains need no trigger), and
    // deploying only code leaves them alone.
    ok(&engine, &ws, &["remove", "-y", "--trigger"]);
    assert_eq!(get(&engine, "api.example.com", "/py").0, 200);
    let code_only = run(&engine, &ws, &["deploy", "-y", "--function", "code"]);
    assert!(code_only.status.success(), "{}", text(&code_only.stderr));
    assert!(!text(&code_only.stderr).contains("custom domain"));

    // `s remove` takes the domains away with the functions.
    ok(&engine, &ws, &["remove", "-y"]);
    let (status, _) = get(&engine, "api.example.com", "/py");
    assert_eq!(
        status, 403,
        "a removed domain's host is a foreign host again"
    );
    let listed: Value = reqwest::blocking::get(format!("{}/2023-03-30/custom-domains", engine.url))
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(listed["customDomains"], Value::Array(vec![]));
}

#[test]
fn a_domain_host_never_reaches_the_api_or_the_console() {
    let engine = TestEngine::start();
    let ws = project();
    ok(&engine, &ws, &["deploy", "-y"]);
    for host in ["api.example.com", "api.example.com.localhost"] {
        for path in [
            "/2023-03-30/functions",
            "/2023-03-30/custom-domains",
            "/_s/ui/",
            "/_s/v1/status",
            "/http/node-app/http/",
        ] {
            let (status, body) = get(&engine, host, path);
            assert_eq!(status, 404, "{host}{path}: {body}");
            assert_eq!(body["Code"], "DomainRouteNotFound", "{host}{path}: {body}");
        }
        let (status, body) = send(
            &engine,
            reqwest::Method::DELETE,
            host,
            "/2023-03-30/functions/node-app",
        );
        assert_eq!(status, 404, "{body}");
    }
    // A catch-all domain hands such paths to its function, never to the API.
    let (status, seen) = get(&engine, AUTO_DOMAIN, "/2023-03-30/functions");
    assert_eq!(
        (status, seen["app"].as_str()),
        (200, Some("python")),
        "{seen}"
    );
    let (_, seen) = get(&engine, AUTO_DOMAIN, "/_s/ui/");
    assert_eq!(seen["url"], "/_s/ui/");
    // The functions are all still there.
    let listed: Value = reqwest::blocking::get(format!("{}/2023-03-30/functions", engine.url))
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(listed["functions"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_domains_are_refused_with_a_clear_error() {
    let engine = TestEngine::start();
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nname: t\nresources:\n  d:\n    component: fc3-domain\n    props:\n      region: cn-hangzhou\n      domainName: api.example.com\n      routeConfig:\n        routes:\n          - {path: 'api/*', functionName: f}\n",
    );
    let out = run(&engine, &ws, &["deploy", "-y"]);
    assert!(!out.status.success());
    insta::assert_snapshot!("bad_route_path", text(&out.stderr));

    let http = reqwest::blocking::Client::new();
    for (body, code) in [
        (
            r#"{"domainName":"127.0.0.1","protocol":"HTTP"}"#,
            "InvalidArgument",
        ),
        (
            r#"{"domainName":"a.example.com","protocol":"FTP"}"#,
            "InvalidArgument",
        ),
        (
            r#"{"domainName":"a.example.com","authConfig":{"authType":"jwt","authInfo":"{}"}}"#,
            "InvalidArgument",
        ),
    ] {
        let response = http
            .post(format!("{}/2023-03-30/custom-domains", engine.url))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .unwrap();
        assert_eq!(response.status().as_u16(), 400, "{body}");
        let error: Value = response.json().unwrap();
        assert_eq!(error["Code"], code, "{body}: {error}");
    }
    let huge = format!(
        r#"{{"domainName":"big.example.com","corsConfig":{{"x":"{}"}}}}"#,
        "a".repeat(2 * 1024 * 1024)
    );
    // Its own connection: the engine closes it rather than read the rest of the body.
    let response = reqwest::blocking::Client::new()
        .post(format!("{}/2023-03-30/custom-domains", engine.url))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
    let missing = http
        .get(format!(
            "{}/2023-03-30/custom-domains/nope.example.com",
            engine.url
        ))
        .send()
        .unwrap();
    assert_eq!(missing.status().as_u16(), 404);
    let error: Value = missing.json().unwrap();
    assert_eq!(error["Code"], "DomainNameNotFound");

    // A route to a function that does not exist answers FC's FunctionNotFound.
    let created = http
        .post(format!("{}/2023-03-30/custom-domains", engine.url))
        .header("content-type", "application/json")
        .body(r#"{"domainName":"ghost.example.com","routeConfig":{"routes":[{"path":"/*","functionName":"ghost"}]}}"#)
        .send()
        .unwrap();
    assert_eq!(created.status().as_u16(), 200);
    let ghost = http
        .get(format!("http://127.0.0.1:{}/", engine.port))
        .header("host", "ghost.example.com")
        .send()
        .unwrap();
    assert_eq!(ghost.status().as_u16(), 404);
    let error: Value = ghost.json().unwrap();
    assert_eq!(error["Code"], "FunctionNotFound");
}

#[test]
fn a_certificate_private_key_is_never_stored() {
    let engine = TestEngine::start();
    let http = reqwest::blocking::Client::new();
    let created: Value = http
        .post(format!("{}/2023-03-30/custom-domains", engine.url))
        .header("content-type", "application/json")
        .body(r#"{"domainName":"tls.example.com","protocol":"HTTP,HTTPS","certConfig":{"certName":"c","certificate":"-----BEGIN CERTIFICATE-----","privateKey":"-----BEGIN PRIVATE KEY-----secret"}}"#)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(created["certConfig"]["certName"], "c");
    assert!(
        created["certConfig"].get("privateKey").is_none(),
        "{created}"
    );
    let stored: Vec<u8> = walkdir::WalkDir::new(engine.home.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .flat_map(|e| std::fs::read(e.path()).unwrap_or_default())
        .collect();
    assert!(stored.len() > 4096, "the state dir holds the database");
    assert!(
        !String::from_utf8_lossy(&stored).contains("PRIVATE KEY-----secret"),
        "the private key reached the state dir"
    );
}

#[test]
fn a_domain_with_function_auth_needs_a_signature_on_an_engine_with_keys() {
    let (key, secret) = ("LTAI5tDomainKey00001", "domain-secret-0001");
    let home = crate::common::home_with_key(key, secret);
    let engine = TestEngine::start_in(home, &["-a", "engine"]);
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nname: t\nresources:\n  app:\n    component: fc3\n    props:\n      region: cn-hangzhou\n      functionName: signed-app\n      runtime: custom.debian10\n      handler: index.handler\n      code: ./py\n      customRuntimeConfig: {command: [python3, /code/app.py], port: 9000}\n  site:\n    component: fc3-domain\n    props:\n      region: cn-hangzhou\n      domainName: signed.example.com\n      routeConfig:\n        routes: [{path: '/*', functionName: signed-app}]\n      authConfig: {authType: function}\n",
    );
    ws.write("py/app.py", PYTHON_APP);
    // Deployed through the signed API, as to FC.
    ok(
        &engine,
        &ws,
        &["--target", &engine.url, "-a", "engine", "deploy", "-y"],
    );
    let at = SocketAddr::from(([127, 0, 0, 1], engine.port));
    let http = reqwest::blocking::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .resolve("signed.example.com", at)
        .build()
        .unwrap();
    let url = format!("http://signed.example.com:{}/orders", engine.port);
    let unsigned = http.get(&url).send().unwrap();
    assert_eq!(unsigned.status().as_u16(), 400);
    let error: Value = unsigned.json().unwrap();
    assert_eq!(error["Code"], "MissingRequiredHeader");

    let signed_with = |secret: &str| {
        let mut request = reqwest::Request::new(reqwest::Method::GET, url.parse().unwrap());
        s::client::Signer::new(key, secret, None).sign(&mut request);
        let mut builder = http.get(&url);
        for (name, value) in request.headers() {
            builder = builder.header(name, value);
        }
        builder.send().unwrap()
    };
    let signed = signed_with(secret);
    assert_eq!(signed.status().as_u16(), 200);
    let seen: Value = signed.json().unwrap();
    assert_eq!(seen["url"], "/orders");
    assert_eq!(signed_with("not-the-secret").status().as_u16(), 403);
}

#[test]
fn an_auto_domain_is_skipped_with_a_warning_off_the_local_engine() {
    let engine = TestEngine::start();
    let ws = project();
    // An FC-compatible endpoint other than the local engine: `auto` has no name there.
    let deployed = run(&engine, &ws, &["--target", &engine.url, "deploy", "-y"]);
    let log = text(&deployed.stderr);
    assert!(deployed.status.success(), "{log}");
    assert!(
        log.contains(
            "resource `py_app`: a custom domain with `domainName: auto` is not deployed here"
        ),
        "{log}"
    );
    assert!(log.contains("custom domain `api.example.com`"), "{log}");
    let info = run(
        &engine,
        &ws,
        &["--target", &engine.url, "info", "-o", "json"],
    );
    assert!(info.status.success(), "{}", text(&info.stderr));
    let info: Value = serde_json::from_str(&text(&info.stdout)).unwrap();
    assert_eq!(info["py_app"]["customDomain"]["deployed"], false);
    let removed = run(&engine, &ws, &["--target", &engine.url, "remove", "-y"]);
    assert!(removed.status.success(), "{}", text(&removed.stderr));
}
