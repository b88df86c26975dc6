//! The verifier against requests signed by the client's signer: a round trip passes, and
//! changing any signed part afterwards fails.

use axum::http::{HeaderName, HeaderValue};
use time::OffsetDateTime;

use super::*;
use crate::client::Signer;

const KEY_ID: &str = "engine-key";
const SECRET: &str = "engine-secret";

/// A signed request, taken apart as the server sees it.
struct Sent {
    method: String,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Sent {
    fn incoming(&self) -> Incoming<'_> {
        Incoming {
            method: &self.method,
            path: &self.path,
            query: self.query.as_deref(),
            headers: &self.headers,
            body: &self.body,
        }
    }

    fn set(&mut self, name: &str, value: &str) {
        self.headers.insert(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
}

fn sign_with(secret: &str, at: OffsetDateTime, nonce: &str) -> Sent {
    let client = reqwest::Client::new();
    let mut request = client
        .post("http://127.0.0.1:9630/2023-03-30/functions/f%2Dx/invocations")
        .query(&[("qualifier", "LATEST"), ("note", "a b/c~")])
        .header("content-type", "application/octet-stream")
        .header("x-fc-invocation-type", "Sync")
        .header("x-fc-log-type", "Tail")
        .body(r#"{"hello":"world"}"#)
        .build()
        .unwrap();
    Signer::new(KEY_ID, secret, None).sign_at(&mut request, at, nonce);
    Sent {
        method: request.method().to_string(),
        path: request.url().path().to_string(),
        query: request.url().query().map(str::to_string),
        headers: request.headers().clone(),
        body: request.body().unwrap().as_bytes().unwrap().to_vec(),
    }
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn signed() -> Sent {
    sign_with(SECRET, now(), &hex::encode(rand::random::<[u8; 16]>()))
}

fn verifier() -> Verifier {
    Verifier::new([(KEY_ID.to_string(), SECRET.to_string())])
}

fn code_of(sent: &Sent) -> String {
    match verifier().check(&sent.incoming(), now()) {
        Ok(()) => "ok".to_string(),
        Err(e) => e.code,
    }
}

#[test]
fn a_signed_request_round_trips() {
    assert_eq!(code_of(&signed()), "ok");
}

#[test]
fn a_changed_method_path_or_query_fails() {
    let mut sent = signed();
    sent.method = "PUT".into();
    assert_eq!(code_of(&sent), "SignatureNotMatch");

    let mut sent = signed();
    sent.path = "/2023-03-30/functions/other/invocations".into();
    assert_eq!(code_of(&sent), "SignatureNotMatch");

    let mut sent = signed();
    sent.query = Some("qualifier=PROD&note=a%20b%2Fc~".into());
    assert_eq!(code_of(&sent), "SignatureNotMatch");

    let mut sent = signed();
    sent.query = Some(format!("{}&extra=1", sent.query.unwrap()));
    assert_eq!(code_of(&sent), "SignatureNotMatch");
}

#[test]
fn the_query_may_be_encoded_differently_but_not_changed() {
    // `+` and `%20` are both a space; key order does not matter.
    let mut sent = signed();
    sent.query = Some("note=a+b%2fc%7E&qualifier=LATEST".into());
    assert_eq!(code_of(&sent), "ok");
}

#[test]
fn each_signed_header_is_covered() {
    let names: Vec<String> = signed()
        .headers
        .keys()
        .map(|k| k.to_string())
        .filter(|k| k != "authorization")
        .collect();
    assert!(names.len() >= 9, "{names:?}");
    for name in names {
        let mut sent = signed();
        let value = format!("{}x", sent.headers[name.as_str()].to_str().unwrap());
        sent.set(&name, &value);
        let code = code_of(&sent);
        // A changed date may also fall outside the window; a changed body hash no longer
        // matches the body. Either way the request is refused.
        assert_ne!(code, "ok", "changing `{name}` went unnoticed");
    }
}

#[test]
fn a_changed_body_fails_even_with_a_matching_hash_header() {
    let mut sent = signed();
    sent.body = br#"{"hello":"mallory"}"#.to_vec();
    assert_eq!(code_of(&sent), "SignatureNotMatch");
    let hash = signature::sha256_hex(&sent.body);
    sent.set("x-acs-content-sha256", &hash);
    assert_eq!(code_of(&sent), "SignatureNotMatch");
}

#[test]
fn a_date_outside_fifteen_minutes_fails() {
    for minutes in [-16, 16] {
        let sent = sign_with(SECRET, now() + Duration::minutes(minutes), "n-date");
        assert_eq!(code_of(&sent), "AccessDenied", "{minutes} minutes");
    }
    let sent = sign_with(SECRET, now() - Duration::minutes(14), "n-ok");
    assert_eq!(code_of(&sent), "ok");
}

#[test]
fn a_replayed_nonce_fails() {
    let verifier = verifier();
    let sent = signed();
    verifier.check(&sent.incoming(), now()).unwrap();
    let error = verifier.check(&sent.incoming(), now()).unwrap_err();
    assert_eq!(error.code, "AccessDenied");
    assert!(error.message.contains("already used"), "{}", error.message);
}

#[test]
fn a_nonce_of_a_refused_request_is_not_used_up() {
    let verifier = verifier();
    let good = signed();
    let mut bad = Sent {
        body: b"tampered".to_vec(),
        ..sign_with(SECRET, now(), "shared")
    };
    bad.headers = good.headers.clone();
    assert!(verifier.check(&bad.incoming(), now()).is_err());
    verifier.check(&good.incoming(), now()).unwrap();
}

#[test]
fn a_wrong_secret_or_unknown_key_fails() {
    let sent = sign_with("wrong", now(), "n1");
    assert_eq!(code_of(&sent), "SignatureNotMatch");
    let mut sent = signed();
    let auth = sent.headers["authorization"]
        .to_str()
        .unwrap()
        .replace(KEY_ID, "nobody");
    sent.set("authorization", &auth);
    assert_eq!(code_of(&sent), "InvalidAccessKeyID");
}

#[test]
fn missing_or_malformed_authorization_fails() {
    let mut sent = signed();
    sent.headers.remove("authorization");
    let error = verifier().check(&sent.incoming(), now()).unwrap_err();
    assert_eq!(error.code, "MissingRequiredHeader");
    assert_eq!(error.status, 400);
    for bad in [
        "Bearer abc",
        "ACS3-HMAC-SHA256Credential=x",
        "ACS3-HMAC-SHA256 Credential=engine-key,Signature=00",
    ] {
        let mut sent = signed();
        sent.set("authorization", bad);
        assert_eq!(code_of(&sent), "SignatureNotMatch", "{bad}");
    }
}

#[test]
fn required_headers_must_be_present_and_signed() {
    let mut sent = signed();
    sent.headers.remove("x-acs-signature-nonce");
    assert_eq!(code_of(&sent), "MissingRequiredHeader");

    // Signed without the nonce: a replay could then pick any nonce it likes.
    let mut sent = signed();
    let auth = sent.headers["authorization"]
        .to_str()
        .unwrap()
        .replace(";x-acs-signature-nonce", "");
    sent.set("authorization", &auth);
    assert_eq!(code_of(&sent), "SignatureNotMatch");
}

#[test]
fn an_unsigned_head_is_refused_without_its_body() {
    let mut sent = signed();
    sent.headers.remove("authorization");
    let head = Incoming {
        body: &[],
        ..sent.incoming()
    };
    let error = verifier().check_head(&head, now()).unwrap_err();
    assert_eq!(error.code, "MissingRequiredHeader");
}

#[test]
fn only_the_api_is_protected() {
    let open = |method: &str, path: &str| {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap();
        is_open(&request)
    };
    assert!(open("GET", "/_s/v1/status"));
    assert!(!open("POST", "/_s/v1/status"));
    assert!(!open("GET", "/_s/v1/logs"));
    assert!(!open("GET", "/2023-03-30/functions"));
}
