//! The engine left running all day is safe from what reaches its port: web pages in the
//! user's browser (cross-site posts, DNS rebinding), unsigned uploads on a signed engine,
//! crowds of slow clients, replayed signatures, guessed console secrets, and API inputs
//! beyond FC's bounds. Each test drives the real binary and engine, and the official SDK and
//! `s` keep working beside the refusals.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

use crate::common::{
    fc_project, home_with_key, ok, raw_http, run, stderr, text, wait_for, TestEngine, Workspace,
};
use crate::engine_api::{code_zip, function_body};

const API: &str = "/2023-03-30";
const KEY_ID: &str = "LTAI5tWebSafetyKey01";
const SECRET: &str = "web-safety-secret-0123456789";

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// One raw HTTP/1.1 exchange (the request must say `Connection: close`): status and body.
fn raw(port: u16, request: &str) -> (u16, String) {
    let answer = raw_http(port, request);
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// A refusal as FC words it: 403 and `{Code, Message, RequestId}`.
fn assert_refused((status, body): (u16, String), what: &str) {
    assert_eq!(status, 403, "{what}: {body}");
    let error: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{what}: {body}"));
    assert_eq!(error["Code"], "AccessDenied", "{what}: {body}");
    assert!(
        error["Message"].as_str().is_some_and(|m| !m.is_empty()),
        "{what}: {body}"
    );
    assert!(
        error["RequestId"].as_str().is_some_and(|m| !m.is_empty()),
        "{what}: {body}"
    );
}

/// Answers an HTTP trigger's event with a page, anything else with `hello`.
const HANDLER: &str = "def handler(event, context):\n    if b'rawPath' in event:\n        return {'statusCode': 200, 'body': 'page'}\n    return 'hello'\n";

/// A function `web` with an anonymous HTTP trigger `page`.
fn web_project() -> Workspace {
    fc_project(
        "functionName: web\nruntime: python3.10\nhandler: index.handler\ntriggers:\n  - triggerName: page\n    triggerType: http\n    triggerConfig:\n      authType: anonymous\n      methods: [GET, POST]",
        &[("index.py", HANDLER)],
    )
}

/// The official SDK lists the engine's functions and invokes `web`.
fn sdk_lists_and_invokes(engine: &TestEngine) {
    let sdk_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk");
    let script = format!(
        r#"
import io, sys
sys.path.insert(0, {dir:?})
from alibabacloud_fc20230330 import models as fc
from darabonba.runtime import RuntimeOptions
from sdk_common import check, engine_client
client = engine_client(sys.argv[1])
names = [f.function_name for f in client.list_functions(fc.ListFunctionsRequest()).body.functions]
check("web" in names, f"functions: {{names}}")
out = client.invoke_function_with_options("web", fc.InvokeFunctionRequest(body=io.BytesIO(b"ping")), fc.InvokeFunctionHeaders(), RuntimeOptions())
check(out.status_code == 200, f"invoke status {{out.status_code}}")
print("sdk ok", flush=True)
"#,
        dir = sdk_dir.display().to_string()
    );
    let out = Command::new(crate::sdk::sdk_python())
        .args(["-c", &script, &format!("127.0.0.1:{}", engine.port)])
        .env("NO_PROXY", "127.0.0.1")
        .output()
        .unwrap();
    assert!(
        text(&out.stdout).contains("sdk ok"),
        "the SDK failed:\n{}\n{}\nengine log:\n{}",
        text(&out.stdout),
        text(&out.stderr),
        engine.log()
    );
}

#[test]
fn web_pages_cannot_drive_or_read_a_keyless_engine_while_the_sdk_and_s_work() {
    let engine = TestEngine::start();
    let ws = web_project();
    let deployed = run(&engine, &ws, &["deploy", "-y"]);
    assert!(deployed.status.success(), "{}", stderr(&deployed));
    let port = engine.port;
    let trigger_url = format!("{}/http/web/page", engine.trigger_base());
    assert!(
        stderr(&deployed).contains(&trigger_url),
        "{}",
        stderr(&deployed)
    );

    // A page elsewhere posts a function as text/plain (a "simple" request, no preflight).
    let evil = serde_json::to_string(&function_body("evil")).unwrap();
    let post = |headers: &str, path: &str, body: &str| {
        raw(
            port,
            &format!(
                "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}Content-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ),
        )
    };
    let cross_site = "Origin: http://evil.example\r\nSec-Fetch-Site: cross-site\r\n";
    let functions = format!("{API}/functions");
    assert_refused(post(cross_site, &functions, &evil), "a cross-site create");
    assert_refused(
        post("", &functions, &evil),
        "a text/plain create without an Origin",
    );
    let invoke = format!("{API}/functions/web/invocations");
    assert_refused(post(cross_site, &invoke, "{}"), "a cross-site invoke");
    let trigger_page = format!("Origin: http://localhost:{port}\r\nSec-Fetch-Site: same-site\r\n");
    assert_refused(
        post(&trigger_page, &invoke, "{}"),
        "an invoke from a trigger's page",
    );
    let (status, _) = raw(
        port,
        &format!(
            "GET {functions}/evil HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 404, "the refused function was not created");

    // DNS rebinding: the page's own host name, resolved to loopback, reads the engine.
    let read = |path: &str, host: &str| {
        raw(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    let rebound = format!("rebind.evil.example:{port}");
    assert_refused(
        read(&functions, &rebound),
        "a foreign-Host read of functions",
    );
    assert_refused(read("/_s/v1/logs", &rebound), "a foreign-Host read of logs");
    let (status, page) = read("/_s/ui/", &rebound);
    assert_eq!(status, 403, "the console on a foreign host: {page}");

    // Trigger URLs live on a host name, never on the console's address, and take any origin.
    let info: Value = serde_json::from_str(&ok(&engine, &ws, &["info", "-o", "json"])).unwrap();
    let shown = info.to_string();
    assert!(
        shown.contains(&trigger_url),
        "s info shows {trigger_url}: {shown}"
    );
    let (status, body) = read("/http/web/page", &format!("localhost:{port}"));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, "page");
    let (status, body) = raw(
        port,
        &format!("GET /http/web/page HTTP/1.1\r\nHost: localhost:{port}\r\n{cross_site}Connection: close\r\n\r\n"),
    );
    assert_eq!(
        status, 200,
        "a page elsewhere may call a trigger URL: {body}"
    );
    assert_refused(
        read("/http/web/page", &format!("127.0.0.1:{port}")),
        "a trigger URL on the console's address",
    );
    let (status, _) = read("/_s/ui/", &format!("localhost:{port}"));
    assert_eq!(status, 303, "the console moves to the IP address");

    // The CLI and the official SDK go on as before.
    let invoked = ok(&engine, &ws, &["invoke", "-e", "{}"]);
    assert!(invoked.contains("hello"), "{invoked}");
    sdk_lists_and_invokes(&engine);
}

/// An engine that requires signatures from `KEY_ID`/`SECRET` (alias `engine`).
fn signed_engine(envs: &[(&str, &str)], fd_limit: Option<u64>) -> TestEngine {
    let home = home_with_key(KEY_ID, SECRET);
    TestEngine::start_limited(home, &["-a", "engine"], envs, fd_limit)
}

/// `s ARGS` against a signed engine, with its key.
fn signed_args<'a>(engine: &'a TestEngine, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--target", engine.url.as_str(), "-a", "engine"];
    all.extend_from_slice(args);
    all
}

/// Peak resident memory of a process, in bytes.
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    kb * 1024
}

/// Post `length` bytes to `path` without a signature; what the engine answered, if it did
/// before hanging up.
fn unsigned_upload(port: u16, path: &str, length: usize) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    // Read while writing, so the answer is taken before the engine's reset discards it.
    let mut reader = stream.try_clone().unwrap();
    let answer = std::thread::spawn(move || {
        let mut answer = Vec::new();
        let _ = reader.read_to_end(&mut answer);
        text(&answer)
    });
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    );
    let chunk = vec![b'x'; 1024 * 1024];
    if stream.write_all(head.as_bytes()).is_ok() {
        for _ in 0..length / chunk.len() {
            if stream.write_all(&chunk).is_err() {
                break;
            }
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
    answer.join().unwrap()
}

#[test]
fn unsigned_uploads_are_refused_before_their_bodies_are_read() {
    let engine = signed_engine(&[], None);
    let port = engine.port;
    let uploads: Vec<_> = (0..20)
        .map(|_| {
            std::thread::spawn(move || {
                unsigned_upload(port, &format!("{API}/functions"), 100 * 1024 * 1024)
            })
        })
        .collect();
    let answers: Vec<String> = uploads.into_iter().map(|u| u.join().unwrap()).collect();
    assert!(
        answers.iter().any(|a| a.contains("MissingRequiredHeader")),
        "the uploads were refused as unsigned: {:?}",
        answers.iter().map(|a| a.lines().next()).collect::<Vec<_>>()
    );
    let peak = peak_rss(engine.pid());
    assert!(
        peak < 100 * 1024 * 1024,
        "the engine's peak RSS reached {} MB",
        peak / 1024 / 1024
    );
    let answer = crate::common::http_get(&format!("{}/_s/v1/status", engine.url));
    assert_eq!(answer.map(|(status, _)| status), Some(200), "still serving");
}

#[test]
fn slow_connections_do_not_lock_out_a_signed_invoke() {
    // A low open-file limit as some systems default to, and a long body timeout: only the
    // engine's own bounds stand between the slow clients and its descriptors.
    let engine = signed_engine(&[("S_CLIENT_TIMEOUT", "600")], Some(256));
    let ws = fc_project(
        "functionName: quick\nruntime: python3.10\nhandler: index.handler",
        &[(
            "index.py",
            "def handler(event, context):\n    return 'still here'\n",
        )],
    );
    ok(&engine, &ws, &signed_args(&engine, &["deploy", "-y"]));

    let head = format!("POST {API}/functions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    let mut slow: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", engine.port)).unwrap();
            let _ = stream.write_all(head.as_bytes());
            stream
        })
        .collect();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let trickle = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            // The attack itself: one more byte of each head now and then.
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for stream in &mut slow {
                    let _ = stream.write_all(b"x");
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })
    };

    let mut invoke = engine
        .cmd()
        .current_dir(ws.path())
        .args(signed_args(&engine, &["invoke", "-e", "{}"]))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    let finished = wait_for("the signed invoke", Duration::from_secs(120), || {
        let status = invoke.try_wait().unwrap();
        (status.is_some() || Instant::now() > deadline).then_some(status)
    });
    if finished.is_none() {
        let _ = invoke.kill();
    }
    let out = invoke.wait_with_output().unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    trickle.join().unwrap();
    assert!(
        finished.is_some_and(|s| s.success()),
        "s invoke failed while slow clients held connections:\n{}\nengine log:\n{}",
        stderr(&out),
        engine.log()
    );
    assert!(
        text(&out.stdout).contains("still here"),
        "{}",
        text(&out.stdout)
    );
    let noise = engine.log().matches("accept failed").count();
    assert!(noise <= 2, "{noise} `accept failed` lines");
}

/// A GET of the function list, signed now with a fresh nonce.
fn signed_list(engine: &TestEngine) -> reqwest::header::HeaderMap {
    let url = format!("{}{API}/functions", engine.url);
    let mut request = reqwest::Request::new(reqwest::Method::GET, url.parse().unwrap());
    s::client::Signer::new(KEY_ID, SECRET, None).sign(&mut request);
    request.headers().clone()
}

fn send_list(engine: &TestEngine, headers: &reqwest::header::HeaderMap) -> (u16, Value) {
    let response = client()
        .get(format!("{}{API}/functions", engine.url))
        .headers(headers.clone())
        .send()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

#[test]
fn a_replayed_signature_is_refused_after_a_restart() {
    let mut engine = signed_engine(&[], None);
    let captured = signed_list(&engine);
    assert_eq!(send_list(&engine, &captured).0, 200);
    let (status, error) = send_list(&engine, &captured);
    assert_eq!((status, &error["Code"]), (403, &json!("AccessDenied")));

    engine.restart();
    let (status, error) = send_list(&engine, &captured);
    assert_eq!(status, 403, "replayed after a restart: {error}");
    assert!(
        error["Message"].as_str().unwrap().contains("already used"),
        "{error}"
    );
    assert_eq!(send_list(&engine, &signed_list(&engine)).0, 200);
    let nonces = engine.home.path().join("engine/nonces.db");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&nonces).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "{}", nonces.display());
}

/// The sign-in form's token and its cookie (`s_login=...`).
fn login_form(engine: &TestEngine) -> (String, String) {
    let response = client()
        .get(format!("{}/_s/ui/login", engine.url))
        .send()
        .unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let html = response.text().unwrap();
    let token = regex::Regex::new(r#"name="csrf" value="([0-9a-f]+)""#)
        .unwrap()
        .captures(&html)
        .expect("a form token")[1]
        .to_string();
    (token, cookie)
}

fn sign_in(
    engine: &TestEngine,
    secret: &str,
    token: &str,
    cookie: Option<&str>,
    origin: Option<&str>,
) -> reqwest::blocking::Response {
    let mut request = client().post(format!("{}/_s/ui/login", engine.url)).form(&[
        ("key_id", KEY_ID),
        ("secret", secret),
        ("csrf", token),
    ]);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    request.send().unwrap()
}

#[test]
fn console_sign_in_needs_its_form_token_and_is_throttled() {
    let engine = signed_engine(&[], None);
    let (token, cookie) = login_form(&engine);
    let status = |r: reqwest::blocking::Response| r.status().as_u16();

    // Another site posting the form (login CSRF) has neither the cookie nor the origin.
    assert_eq!(status(sign_in(&engine, SECRET, &token, None, None)), 403);
    let elsewhere = Some("http://evil.example");
    assert_eq!(
        status(sign_in(&engine, SECRET, &token, Some(&cookie), elsewhere)),
        403
    );
    let signed_in = sign_in(&engine, SECRET, &token, Some(&cookie), None);
    assert_eq!(signed_in.status().as_u16(), 303);
    assert!(signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("s_console="));

    // Guessing: a few wrong secrets are answered, then the address has to wait, and even
    // the right secret is not looked at until it has.
    let mut answers = Vec::new();
    while answers.len() < 30 && answers.last() != Some(&429) {
        answers.push(status(sign_in(
            &engine,
            "guess",
            &token,
            Some(&cookie),
            None,
        )));
    }
    assert_eq!(answers.last(), Some(&429), "{answers:?}");
    assert!(
        answers.len() <= 10,
        "too many guesses answered: {answers:?}"
    );
    assert!(
        answers[..answers.len() - 1].iter().all(|s| *s == 401),
        "{answers:?}"
    );
    assert_eq!(
        status(sign_in(&engine, SECRET, &token, Some(&cookie), None)),
        429
    );
}

fn api(engine: &TestEngine, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
    let response = client()
        .request(method, format!("{}{API}{path}", engine.url))
        .json(&body)
        .send()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

fn assert_invalid((status, error): (u16, Value), what: &str) -> String {
    assert_eq!(status, 400, "{what}: {error}");
    assert_eq!(error["Code"], "InvalidArgument", "{what}: {error}");
    error["Message"].as_str().unwrap_or_default().to_string()
}

#[test]
fn api_inputs_are_bounded_as_fc_bounds_them() {
    use reqwest::Method;
    let engine = TestEngine::start();
    let mut body = function_body("bounded");
    for concurrency in [0, 201, 3000] {
        body["instanceConcurrency"] = json!(concurrency);
        let answer = api(&engine, Method::POST, "/functions", body.clone());
        assert_invalid(answer, &format!("instanceConcurrency {concurrency}"));
    }
    let mut not_zip = function_body("bounded");
    not_zip["code"]["zipFile"] =
        json!(base64::engine::general_purpose::STANDARD.encode("not a zip"));
    let message = assert_invalid(
        api(&engine, Method::POST, "/functions", not_zip),
        "not a zip",
    );
    let home = engine.home.path().display().to_string();
    assert!(
        !message.contains(&home) && !message.contains("/tmp"),
        "{message}"
    );

    body["instanceConcurrency"] = json!(200);
    assert_eq!(api(&engine, Method::POST, "/functions", body).0, 200);
    let path = "/functions/bounded";
    let broken = json!({"code": {"zipFile": base64::engine::general_purpose::STANDARD.encode(b"PK\x03\x04broken")}});
    assert_invalid(
        api(&engine, Method::PUT, path, broken),
        "an update to a broken zip",
    );
    let zip = base64::engine::general_purpose::STANDARD
        .encode(code_zip("def handler(e, c):\n    return 1\n"));
    assert_eq!(
        api(
            &engine,
            Method::PUT,
            path,
            json!({"code": {"zipFile": zip}})
        )
        .0,
        200
    );
    let many = json!({"instanceConcurrency": 500});
    assert_invalid(api(&engine, Method::PUT, path, many), "an update to 500");

    let timer = |name: &str, cron: &str| {
        json!({"triggerName": name, "triggerType": "timer",
               "triggerConfig": json!({"cronExpression": cron, "enable": false}).to_string()})
    };
    let triggers = "/functions/bounded/triggers";
    let eight = "0 0 8 * * * 2024 x";
    assert_invalid(
        api(&engine, Method::POST, triggers, timer("t", eight)),
        "an 8-field cron",
    );
    assert_eq!(
        api(&engine, Method::POST, triggers, timer("t", "0 0 8 * * *")).0,
        200
    );
    let update = |cron: &str| json!({"triggerConfig": json!({"cronExpression": cron}).to_string()});
    let trigger = "/functions/bounded/triggers/t";
    assert_invalid(
        api(&engine, Method::PUT, trigger, update(eight)),
        "an update to 8 fields",
    );
    assert_eq!(
        api(&engine, Method::PUT, trigger, update("@every 5m")).0,
        200
    );
}
