//! HTTP trigger URLs and `authType: jwt` end to end: the trigger URL with a bare trailing
//! `/`; a JWT trigger deployed from `s.yaml` (an RSA key pair made with `openssl` for the
//! test, the public half as the trigger's JWKS) letting valid tokens through with their
//! claims passed on, refusing missing, expired and forged ones with FC's 401, and opening
//! whitelisted paths without a token (dot segments cannot widen the whitelist).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

use crate::common::{fc_project, ok, raw_http, TestEngine};

const ECHO: &str = r#"import json
def handler(event, context):
    event = json.loads(event)
    return {'statusCode': 200, 'headers': {'content-type': 'application/json'},
            'body': json.dumps({'path': event['rawPath'], 'headers': event['headers'],
                                'query': event['queryParameters']})}
"#;

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

#[test]
fn a_trigger_url_with_a_trailing_slash_serves_the_root_path() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: web\nruntime: python3.10\nhandler: index.handler\ntriggers:\n  - triggerName: web\n    triggerType: http\n    triggerConfig:\n      authType: anonymous\n      methods: [GET]",
        &[("index.py", ECHO)],
    );
    ok(&engine, &ws, &["deploy", "-y"]);
    for url in ["http/web/web/", "http/web/web"] {
        let response = client()
            .get(format!("{}/{url}", engine.trigger_base()))
            .send()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{url}");
        let seen: Value = response.json().unwrap();
        assert_eq!(seen["path"], "/", "{url}");
    }
}

/// An RSA key pair made by `openssl`: the private key as PEM and the public key as a JWK.
fn rsa_key(dir: &Path, kid: &str) -> (Vec<u8>, Value) {
    let pem = dir.join(format!("{kid}.pem"));
    let made = Command::new("openssl")
        .args(["genrsa", "-out"])
        .arg(&pem)
        .arg("2048")
        .output()
        .expect("openssl is needed for the JWT tests (installed by .ci/setup)");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let modulus = Command::new("openssl")
        .args(["rsa", "-noout", "-modulus", "-in"])
        .arg(&pem)
        .output()
        .unwrap();
    let modulus = String::from_utf8(modulus.stdout).unwrap();
    let hex_n = modulus
        .trim()
        .strip_prefix("Modulus=")
        .expect("openssl prints Modulus=");
    let n = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hex::decode(hex_n).unwrap());
    let jwk = json!({"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig", "e": "AQAB", "n": n});
    (std::fs::read(&pem).unwrap(), jwk)
}

fn sign(pem: &[u8], kid: &str, claims: Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.into());
    let key = EncodingKey::from_rsa_pem(pem).unwrap();
    jsonwebtoken::encode(&header, &claims, &key).unwrap()
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[test]
fn jwt_triggers_check_tokens_pass_claims_and_honor_the_whitelist() {
    let keys = tempfile::tempdir().unwrap();
    let (pem, jwk) = rsa_key(keys.path(), "k1");
    let (other_pem, _) = rsa_key(keys.path(), "k2");
    let engine = TestEngine::start();
    let props = format!(
        "functionName: secure\nruntime: python3.10\nhandler: index.handler\ntriggers:\n  - triggerName: api\n    triggerType: http\n    triggerConfig:\n      authType: jwt\n      methods: [GET, POST]\n      authConfig:\n        jwks: {{keys: [{jwk}]}}\n        tokenLookup:\n          - {{readPosition: header, parameterName: Authorization, prefix: 'Bearer '}}\n          - {{readPosition: query, parameterName: token}}\n        claimPassBy:\n          - {{claimName: uid, mappingParameterName: x-user-id, mappingParameterPosition: header}}\n          - {{claimName: role, mappingParameterName: role, mappingParameterPosition: query}}\n        whitelist: ['/health', '/public/*']"
    );
    let ws = fc_project(&props, &[("index.py", ECHO)]);
    ok(&engine, &ws, &["deploy", "-y"]);
    let url = format!("{}/http/secure/api", engine.trigger_base());
    let good = sign(
        &pem,
        "k1",
        json!({"uid": "u-42", "role": "admin", "exp": now() + 600}),
    );

    let response = client()
        .get(format!("{url}/orders?page=2"))
        .bearer_auth(&good)
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let seen: Value = response.json().unwrap();
    assert_eq!(seen["headers"]["X-User-Id"], "u-42", "{seen}");
    assert_eq!(seen["query"]["role"], "admin", "{seen}");
    assert_eq!(seen["query"]["page"], "2", "{seen}");
    // A caller cannot speak for the token: its own fields under a claim's name are dropped.
    let spoofed: Value = client()
        .get(format!("{url}/orders?role=root&page=3"))
        .bearer_auth(&good)
        .header("x-user-id", "root")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(spoofed["query"]["role"], "admin", "{spoofed}");
    assert_eq!(spoofed["query"]["page"], "3", "{spoofed}");
    assert_eq!(spoofed["headers"]["X-User-Id"], "u-42", "{spoofed}");
    let by_query = client()
        .get(format!("{url}/orders?token={good}"))
        .send()
        .unwrap();
    assert_eq!(by_query.status().as_u16(), 200);

    let refused = |request: reqwest::blocking::RequestBuilder, why: &str| {
        let response = request.send().unwrap();
        assert_eq!(response.status().as_u16(), 401, "{why}");
        let error: Value = response.json().unwrap();
        assert_eq!(error["Code"], "AccessDenied", "{why}: {error}");
        assert!(error["RequestId"].is_string());
        error["Message"].as_str().unwrap().to_string()
    };
    let message = refused(client().get(format!("{url}/orders")), "no token");
    assert!(message.contains("no JWT"), "{message}");
    let expired = sign(&pem, "k1", json!({"uid": "u-42", "exp": now() - 120}));
    let message = refused(client().get(&url).bearer_auth(expired), "expired");
    assert!(message.contains("expired"), "{message}");
    let forged = sign(&other_pem, "k1", json!({"uid": "root", "exp": now() + 600}));
    refused(
        client().get(&url).bearer_auth(forged),
        "signed by another key",
    );
    refused(
        client().get(&url).header("authorization", good.clone()),
        "without the Bearer prefix",
    );

    // Whitelisted paths need no token; dot segments do not make a guarded path free.
    let health = client()
        .get(format!("{url}/health?role=root"))
        .header("x-user-id", "root")
        .send()
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);
    let seen: Value = health.json().unwrap();
    assert!(seen["headers"].get("X-User-Id").is_none(), "{seen}");
    assert!(seen["query"].get("role").is_none(), "{seen}");
    let css = client()
        .get(format!("{url}/public/site.css"))
        .send()
        .unwrap();
    assert_eq!(css.status().as_u16(), 200);
    let sneaky = raw_http(
        engine.port,
        &format!(
            "GET /http/secure/api/public/%2e%2e/orders HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
            engine.port
        ),
    );
    assert!(sneaky.starts_with("HTTP/1.1 401"), "{sneaky}");
}

#[test]
fn a_jwt_trigger_without_keys_is_refused_at_deploy() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: nokeys\nruntime: python3.10\nhandler: index.handler\ntriggers:\n  - triggerName: api\n    triggerType: http\n    triggerConfig:\n      authType: jwt\n      authConfig: {tokenLookup: 'header:Authorization'}",
        &[("index.py", ECHO)],
    );
    let out = crate::common::run(&engine, &ws, &["deploy", "-y"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("authConfig needs `jwks`"), "{err}");
}

#[test]
fn a_custom_domain_with_jwt_auth_checks_tokens_before_its_routes_run() {
    let keys = tempfile::tempdir().unwrap();
    let (pem, jwk) = rsa_key(keys.path(), "d1");
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: site\nruntime: python3.10\nhandler: index.handler",
        &[("index.py", ECHO)],
    );
    ok(&engine, &ws, &["deploy", "-y"]);
    let auth_info = json!({
        "jwks": {"keys": [jwk]},
        "tokenLookup": "header:Authorization:Bearer,cookie:session",
        "claimPassBy": "header:sub:x-subject",
    });
    let domain = json!({
        "domainName": "secure.example.com",
        "protocol": "HTTP",
        "routeConfig": {"routes": [{"path": "/*", "functionName": "site"}]},
        "authConfig": {"authType": "jwt", "authInfo": auth_info.to_string()},
    });
    let created = client()
        .post(format!("{}/2023-03-30/custom-domains", engine.url))
        .json(&domain)
        .send()
        .unwrap();
    assert_eq!(
        created.status().as_u16(),
        200,
        "{}",
        created.text().unwrap()
    );
    let at_domain = |path: &str| {
        client()
            .get(format!("http://127.0.0.1:{}{path}", engine.port))
            .header("host", "secure.example.com")
    };
    let missing = at_domain("/page").send().unwrap();
    assert_eq!(missing.status().as_u16(), 401);
    let token = sign(&pem, "d1", json!({"sub": "alice", "exp": now() + 600}));
    let response = at_domain("/page")
        .header("cookie", format!("theme=dark; session={token}"))
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let seen: Value = response.json().unwrap();
    assert_eq!(seen["path"], "/page");
    assert_eq!(seen["headers"]["X-Subject"], "alice", "{seen}");
}
