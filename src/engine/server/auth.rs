//! Request signatures for an engine started with access keys (`s engine start -a ALIAS`):
//! every request to the FC API and the engine extras must carry a valid ACS3-HMAC-SHA256
//! signature, rebuilt from the request's own `SignedHeaders`, over the body actually
//! received, dated within 15 minutes, with a nonce never seen before (not even before a
//! restart: see `nonces`). The head is checked before a byte of the body is read, so an
//! unsigned client cannot make the engine buffer anything; the body is then read and must
//! match its signed hash. Only the status probe stays open (it is how the CLI finds a
//! running engine). Without keys nothing is checked.

mod nonces;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use time::{Duration, OffsetDateTime};

use super::error::ApiFailure;
use super::quiet_log::QuietLog;
use crate::fc::signature::{self, SignedRequest};
use crate::fc::{self, ApiError, ErrorCode};
use nonces::NonceBook;
pub use nonces::NonceError;

/// How far `x-acs-date` may be from the engine's clock, either way.
const DATE_WINDOW: Duration = Duration::minutes(15);
/// How long a nonce is remembered: a request dated up to `DATE_WINDOW` ahead is accepted
/// until `DATE_WINDOW` after that date.
const NONCE_KEEP: Duration = Duration::minutes(30);
/// Where an engine keeps the nonces it accepted, in its state directory.
pub const NONCE_FILE: &str = "nonces.db";
/// Headers a signature must cover, so none of them can be swapped in transit.
const REQUIRED_SIGNED: [&str; 4] = [
    "host",
    "x-acs-content-sha256",
    "x-acs-date",
    "x-acs-signature-nonce",
];

/// The access keys an engine accepts and the nonces it has seen.
pub struct Verifier {
    keys: HashMap<String, String>,
    nonces: NonceBook,
}

/// The parts of a received request the check reads.
pub struct Incoming<'a> {
    pub method: &'a str,
    /// The path exactly as received, still percent-encoded.
    pub path: &'a str,
    /// The raw query string, without `?`.
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

impl<'a> Incoming<'a> {
    /// The head of a request, before its body is read.
    pub fn head(parts: &'a axum::http::request::Parts) -> Incoming<'a> {
        Incoming {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query(),
            headers: &parts.headers,
            body: &[],
        }
    }
}

/// A request whose head passed the check; its body must still match `hashed`.
#[derive(Debug)]
pub struct SignedHead {
    hashed: String,
    nonce: String,
}

impl Verifier {
    /// Accept signatures from these `(AccessKeyID, AccessKeySecret)` pairs, remembering
    /// nonces in memory only.
    pub fn new(keys: impl IntoIterator<Item = (String, String)>) -> Verifier {
        Verifier {
            keys: keys.into_iter().collect(),
            nonces: NonceBook::in_memory(NONCE_KEEP),
        }
    }

    /// As `new`, remembering nonces in `home`'s nonce file across restarts.
    pub fn persistent(
        keys: impl IntoIterator<Item = (String, String)>,
        home: &Path,
    ) -> Result<Verifier, NonceError> {
        Ok(Verifier {
            keys: keys.into_iter().collect(),
            nonces: NonceBook::open(&home.join(NONCE_FILE), NONCE_KEEP)?,
        })
    }

    /// True when `key_id` is a configured key and `secret` is its secret (the console's
    /// sign-in checks a typed pair this way).
    pub fn knows(&self, key_id: &str, secret: &str) -> bool {
        self.keys
            .get(key_id)
            .is_some_and(|known| constant_time_eq(known, secret))
    }

    /// `Ok` when `request` is signed by a known key, dated within the window, and its
    /// nonce is new (it is then remembered).
    pub fn check(&self, request: &Incoming, now: OffsetDateTime) -> Result<(), ApiError> {
        let head = Incoming {
            body: &[],
            ..*request
        };
        let signed = self.check_head(&head, now)?;
        self.check_body(signed, request.body, now)
    }

    /// Everything but the body: a known key, the required headers signed, the date, the
    /// signature over the declared body hash, and a nonce not seen before. `request.body`
    /// is not read.
    pub fn check_head(
        &self,
        request: &Incoming,
        now: OffsetDateTime,
    ) -> Result<SignedHead, ApiError> {
        let authorization = header(request.headers, "authorization")
            .ok_or_else(|| missing_header("Authorization"))?;
        let auth = Authorization::parse(&authorization).ok_or_else(|| {
            not_match("the Authorization header is not an ACS3-HMAC-SHA256 signature")
        })?;
        let secret = self.keys.get(auth.key_id).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidAccessKeyId,
                format!("invalid access key ID '{}'", auth.key_id),
            )
        })?;
        for name in REQUIRED_SIGNED {
            if header(request.headers, name).is_none() {
                return Err(missing_header(name));
            }
            if !auth.signed_headers.contains(&name) {
                return Err(not_match(format!("header '{name}' must be signed")));
            }
        }
        check_date(request.headers, now)?;
        let hashed = header(request.headers, "x-acs-content-sha256").unwrap_or_default();
        let expected = expected_signature(request, &auth, &hashed, secret)?;
        if !constant_time_eq(&expected, auth.signature) {
            return Err(not_match(
                "The request signature we calculated does not match the signature you provided. Check your access key and signing method",
            ));
        }
        let nonce = header(request.headers, "x-acs-signature-nonce").unwrap_or_default();
        if self.nonces.seen(&nonce, now).map_err(nonce_failure)? {
            return Err(replayed(&nonce));
        }
        Ok(SignedHead { hashed, nonce })
    }

    /// The body of a request whose head passed: it must match the signed hash; then the
    /// nonce is used up (a tampered body does not use it up).
    pub fn check_body(
        &self,
        head: SignedHead,
        body: &[u8],
        now: OffsetDateTime,
    ) -> Result<(), ApiError> {
        if !constant_time_eq(&head.hashed, &signature::sha256_hex(body)) {
            return Err(not_match(
                "x-acs-content-sha256 does not match the request body",
            ));
        }
        if !self
            .nonces
            .record(&head.nonce, now)
            .map_err(nonce_failure)?
        {
            return Err(replayed(&head.nonce));
        }
        Ok(())
    }
}

fn replayed(nonce: &str) -> ApiError {
    ApiError::new(
        ErrorCode::AccessDenied,
        format!("the signature nonce '{nonce}' was already used"),
    )
}

/// The nonce file failed: refuse rather than accept a request that might be a replay.
fn nonce_failure(error: NonceError) -> ApiError {
    tracing::error!("{error}");
    ApiError::internal("the engine cannot record signature nonces right now")
}

/// Require signatures from `verifier` on `router`'s API routes.
pub fn protect(router: Router, verifier: Option<Arc<Verifier>>) -> Router {
    match verifier {
        Some(verifier) => router.layer(Extension(verifier)),
        None => router,
    }
}

/// The middleware: a no-op unless `protect` gave the router a verifier. An unsigned or
/// wrongly signed request is answered before its body is read.
pub async fn verify(request: Request, next: Next) -> Response {
    let Some(verifier) = request.extensions().get::<Arc<Verifier>>().cloned() else {
        return next.run(request).await;
    };
    if is_open(&request) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let signed = match verifier.check_head(&Incoming::head(&parts), OffsetDateTime::now_utc()) {
        Ok(signed) => signed,
        Err(error) => return refuse(&parts, error),
    };
    let Ok(bytes) = axum::body::to_bytes(body, super::MAX_JSON_BODY).await else {
        return ApiFailure::new(
            ErrorCode::EntityTooLarge,
            "payload size exceeds maximum allowed size",
        )
        .into_response();
    };
    if let Err(error) = verifier.check_body(signed, &bytes, OffsetDateTime::now_utc()) {
        return refuse(&parts, error);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn refuse(parts: &axum::http::request::Parts, error: ApiError) -> Response {
    static REFUSED: QuietLog = QuietLog::new(std::time::Duration::from_secs(10));
    let (method, path) = (&parts.method, parts.uri.path());
    REFUSED.warn(format_args!(
        "refused {method} {path}: {}: {}",
        error.code, error.message
    ));
    ApiFailure::from(error).into_response()
}

/// The FC API and the extras are protected, except the status probe; anything else
/// (HTTP trigger routes) decides for itself.
fn is_open(request: &Request) -> bool {
    let path = request.uri().path();
    let api = path.starts_with(&format!("/{}/", fc::API_VERSION)) || path.starts_with("/_s/");
    !api || (request.method() == axum::http::Method::GET && path == "/_s/v1/status")
}

/// `ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex`.
struct Authorization<'a> {
    key_id: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

impl<'a> Authorization<'a> {
    fn parse(value: &'a str) -> Option<Authorization<'a>> {
        let rest = value.trim().strip_prefix(signature::ALGORITHM)?;
        if !rest.starts_with(' ') {
            return None;
        }
        let (mut key_id, mut signed, mut sig) = (None, None, None);
        for part in rest.split(',') {
            let (name, value) = part.trim().split_once('=')?;
            match name {
                "Credential" => key_id = Some(value),
                "SignedHeaders" => signed = Some(value),
                "Signature" => sig = Some(value),
                _ => return None,
            }
        }
        let signed_headers: Vec<&str> = signed?.split(';').filter(|h| !h.is_empty()).collect();
        Some(Authorization {
            key_id: key_id.filter(|k| !k.is_empty())?,
            signed_headers,
            signature: sig?,
        })
    }
}

fn expected_signature(
    request: &Incoming,
    auth: &Authorization,
    hashed: &str,
    secret: &str,
) -> Result<String, ApiError> {
    let mut headers = Vec::with_capacity(auth.signed_headers.len());
    for name in &auth.signed_headers {
        if name.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(not_match("SignedHeaders must be lowercase"));
        }
        let mut values: Vec<&str> = request
            .headers
            .get_all(*name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::trim)
            .collect();
        if values.is_empty() {
            return Err(not_match(format!("signed header '{name}' is missing")));
        }
        values.sort();
        headers.push((name.to_string(), values.join(",")));
    }
    let query: Vec<(String, String)> =
        form_urlencoded::parse(request.query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let signed = SignedRequest {
        method: request.method,
        path: request.path,
        query: &query,
        headers: &headers,
        hashed_payload: hashed,
    };
    Ok(signed.signature(secret))
}

fn check_date(headers: &HeaderMap, now: OffsetDateTime) -> Result<(), ApiError> {
    let text = header(headers, "x-acs-date").unwrap_or_default();
    let date = OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339)
        .map_err(|_| {
            ApiError::new(
                ErrorCode::AccessDenied,
                format!("x-acs-date '{text}' is not a UTC time like 2024-01-01T00:00:00Z"),
            )
        })?;
    if (date - now).abs() > DATE_WINDOW {
        return Err(ApiError::new(
            ErrorCode::AccessDenied,
            format!("x-acs-date '{text}' is more than 15 minutes away from the server time"),
        ));
    }
    Ok(())
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn missing_header(name: &str) -> ApiError {
    ApiError::new(
        ErrorCode::MissingRequiredHeader,
        format!("required HTTP header {name} was not specified"),
    )
}

fn not_match(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::SignatureNotMatch, message)
}

/// Compare without stopping at the first difference, so timing does not reveal how much
/// of a guessed signature was right.
pub(super) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests;
