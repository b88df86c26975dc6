//! Every sandboxed instance has a network of its own, as on FC: custom-runtime servers bind
//! FC's port 9000 however many run at once, nothing on the host's loopback (the engine, other
//! instances, other programs) is reachable from inside, and outbound traffic leaves through
//! the egress path only when `internetAccess` allows it; the `pasta` process that carries it
//! ends with its instance.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, UdpSocket};
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::{wait_for, TestEngine};
use crate::isolation::{
    create_function, create_python, invoke, invoke_json, remove, sandboxed_engine, zip_of,
};

/// A custom-runtime server on the port FC gives it, hard-coded as public apps do. It
/// answers `/invoke` with its function's name and instance id, after `delay` seconds.
const APP: &str = r#"import http.server, json, os, time

class App(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get('content-length') or 0)
        event = json.loads(self.rfile.read(n) or b'{}')
        time.sleep(event.get('delay', 0))
        body = json.dumps({'function': os.environ['FC_FUNCTION_NAME'],
                           'instance': os.environ['FC_INSTANCE_ID'],
                           'port': os.environ.get('FC_CUSTOM_LISTEN_PORT')}).encode()
        self.send_response(200)
        self.send_header('content-length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(('0.0.0.0', 9000), App).serve_forever()
"#;

/// Tries TCP connections and a name lookup it is told to, and reports what happened.
const PROBE: &str = r#"import json, socket

def attempt(host, port):
    try:
        s = socket.create_connection((host, port), 3)
        s.sendall(b'ping')
        got = s.recv(16).decode()
        s.close()
        return 'connected:' + got
    except Exception as e:
        return 'failed:' + type(e).__name__

def handler(event, context):
    e = json.loads(event)
    out = {'connect': {'%s:%d' % (h, p): attempt(h, p) for h, p in e.get('connect', [])}}
    if e.get('resolve'):
        try:
            out['resolve'] = socket.getaddrinfo(e['resolve'], 443)[0][4][0]
        except Exception as ex:
            out['resolve'] = 'failed:' + type(ex).__name__
    out['resolv_conf'] = open('/etc/resolv.conf').read()
    return json.dumps(out)
"#;

fn create_app(engine: &TestEngine, name: &str) {
    create_function(
        engine,
        json!({
            "functionName": name, "runtime": "custom.debian10", "handler": "index.handler",
            "timeout": 30, "instanceConcurrency": 1,
            "customRuntimeConfig": {"command": ["python3", "/code/app.py"], "port": 9000},
            "code": {"zipFile": zip_of(&[("app.py", APP)])},
        }),
    );
}

/// The same server as an executable found on the function's `PATH` (`/code/bin`), as
/// `s build` installs `gunicorn` and friends: started by its bare name.
fn create_app_on_path(engine: &TestEngine, name: &str) {
    let script = format!("#!/usr/bin/env python3\n{APP}");
    create_function(
        engine,
        json!({
            "functionName": name, "runtime": "custom.debian10", "handler": "index.handler",
            "timeout": 30, "customRuntimeConfig": {"command": ["blog-server"]},
            "code": {"zipFile": zip_of(&[("bin/blog-server", script.as_str())])},
        }),
    );
}

fn create_probe(engine: &TestEngine, name: &str, internet: bool) {
    let extra = json!({"internetAccess": internet});
    create_python(engine, name, &[("index.py", PROBE)], extra);
}

#[test]
fn custom_runtime_servers_all_bind_port_9000_at_once() {
    let engine = sandboxed_engine();
    create_app(&engine, "shop");
    create_app_on_path(&engine, "blog");
    // Four requests to `shop` that overlap (each holds its instance for a moment) need four
    // instances; `blog` serves beside them. Every server listens on 9000.
    let answers: Vec<(String, Value)> = std::thread::scope(|scope| {
        let calls: Vec<_> = ["shop", "shop", "shop", "shop", "blog", "blog"]
            .into_iter()
            .map(|name| {
                let engine = &engine;
                scope.spawn(move || {
                    let body = invoke(engine, name, &json!({"delay": 1.5}));
                    (name.to_string(), serde_json::from_str(&body).unwrap())
                })
            })
            .collect();
        calls.into_iter().map(|c| c.join().unwrap()).collect()
    });
    let mut shop_instances = BTreeSet::new();
    for (name, answer) in &answers {
        assert_eq!(answer["function"], name.as_str(), "{answer}");
        assert_eq!(answer["port"], "9000", "{answer}");
        if name == "shop" {
            shop_instances.insert(answer["instance"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(shop_instances.len(), 4, "{answers:?}");
}

/// A listener on every host interface that answers `pong` to whoever connects.
fn pong_listener() -> u16 {
    let listener = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 4];
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(b"pong");
        }
    });
    port
}

/// This host's address on its default route (not loopback): how a function reaches a
/// service of the host the way it would reach any other machine.
fn host_address() -> String {
    let socket = UdpSocket::bind("0.0.0.0:0").unwrap();
    socket
        .connect("192.0.2.1:9")
        .expect("this machine needs a default route for the egress test");
    let ip = socket.local_addr().unwrap().ip();
    assert!(!ip.is_loopback(), "no non-loopback address on this machine");
    ip.to_string()
}

#[test]
fn instances_reach_the_network_but_not_the_hosts_loopback() {
    let engine = sandboxed_engine();
    let port = pong_listener();
    let host = host_address();
    create_probe(&engine, "online", true);
    create_probe(&engine, "offline", false);
    // A custom runtime's server is running: its port must not be reachable either.
    create_app(&engine, "neighbour");
    invoke(&engine, "neighbour", &json!({}));

    let targets = json!([
        [host, port],
        ["127.0.0.1", port],
        ["127.0.0.1", engine.port],
        ["127.0.0.1", 9000],
    ]);
    let online = invoke_json(&engine, "online", json!({"connect": targets}));
    let reached =
        |out: &Value, target: String| out["connect"][target].as_str().unwrap().to_string();
    assert_eq!(
        reached(&online, format!("{host}:{port}")),
        "connected:pong",
        "{online}"
    );
    for target in [
        format!("127.0.0.1:{port}"),
        format!("127.0.0.1:{}", engine.port),
        "127.0.0.1:9000".into(),
    ] {
        assert!(
            reached(&online, target.clone()).starts_with("failed:"),
            "{target}: {online}"
        );
    }
    let offline = invoke_json(&engine, "offline", json!({"connect": targets}));
    assert!(
        reached(&offline, format!("{host}:{port}")).starts_with("failed:"),
        "internetAccess: false must mean no network: {offline}"
    );
}

#[test]
fn instances_resolve_names_through_the_hosts_resolver() {
    // The package registry .ci/setup installs from: this machine resolves it.
    let name = "pypi.org";
    let on_host = std::net::ToSocketAddrs::to_socket_addrs(&(name, 443));
    assert!(on_host.is_ok(), "this machine cannot resolve `{name}`");
    let engine = sandboxed_engine();
    create_probe(&engine, "dns", true);
    let out = invoke_json(&engine, "dns", json!({"resolve": name}));
    let resolved = out["resolve"].as_str().unwrap();
    assert!(
        resolved.parse::<std::net::IpAddr>().is_ok(),
        "no DNS inside the instance: {out}"
    );
    assert!(out["resolv_conf"].as_str().unwrap().contains("nameserver"));
}

/// The engine's `pasta` children: each carries one instance's network.
fn pasta_children(engine_pid: u32) -> usize {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0;
    };
    dir.flatten()
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter(|stat| {
            let Some(end) = stat.rfind(')') else {
                return false;
            };
            let comm = &stat[stat.find('(').map_or(0, |s| s + 1)..end];
            let ppid = stat[end + 2..].split(' ').nth(1);
            comm.starts_with("pass") && ppid == Some(engine_pid.to_string().as_str())
        })
        .count()
}

#[test]
fn an_instances_network_ends_with_the_instance() {
    let engine = sandboxed_engine();
    create_probe(&engine, "brief", true);
    invoke_json(&engine, "brief", json!({}));
    assert_eq!(pasta_children(engine.pid()), 1, "one instance, one pasta");
    remove(&engine, "brief");
    wait_for(
        "the instance's pasta to end",
        Duration::from_secs(30),
        || (pasta_children(engine.pid()) == 0).then_some(()),
    );
}
