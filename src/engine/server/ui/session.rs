//! Who may use the console. On an engine started with access keys, a person signs in once
//! with an access key id and secret; the engine checks the pair against its keys and keeps a
//! random session token in memory, sent back as an `HttpOnly; SameSite=Strict` cookie. On an
//! open loopback engine everyone who reaches it gets a session without signing in, as the
//! API is open too, but only under a loopback host name (a page elsewhere cannot read the
//! console through DNS rebinding). Every session has its own form token: the forms that
//! change something (stop, sign out) must carry it, so another site cannot post them. The
//! sign-in form, shown before there is a session, carries a token of its own that must match
//! a cookie set with the form, and wrong secrets are throttled per address (see `throttle`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use super::throttle::LoginThrottle;
use super::{render, see_other, Chrome, UiError, UiResult, PREFIX};
use crate::engine::server::auth::{constant_time_eq, Verifier};
use crate::engine::server::quiet_log::QuietLog;
use crate::engine::server::web::{self, ConsoleRefusal};
use crate::engine::server::AppState;

pub const COOKIE: &str = "s_console";
/// The sign-in form's token, set with the form (double-submit: another site can neither
/// read it nor set it).
const LOGIN_COOKIE: &str = "s_login";
/// A session nobody used for this long is gone.
const IDLE: Duration = Duration::from_secs(12 * 3600);
/// Sessions kept at most; the least recently used go first.
const MAX_SESSIONS: usize = 1_000;

/// One browser's session.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    /// Hidden field of every form that changes something.
    pub csrf: String,
    /// The access key the person signed in with; `None` on an open engine.
    pub key_id: Option<String>,
    last_seen: Instant,
}

/// The sessions of one engine, in memory: a restart signs everyone out.
#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Start a session.
    pub fn open(&self, key_id: Option<String>) -> Session {
        let session = Session {
            token: new_token(),
            csrf: new_token(),
            key_id,
            last_seen: Instant::now(),
        };
        let mut map = self.lock();
        map.retain(|_, s| s.last_seen.elapsed() < IDLE);
        if map.len() >= MAX_SESSIONS {
            let oldest = map
                .values()
                .min_by_key(|s| s.last_seen)
                .map(|s| s.token.clone());
            if let Some(token) = oldest {
                map.remove(&token);
            }
        }
        map.insert(session.token.clone(), session.clone());
        session
    }

    /// The live session of `token`, marked as used now.
    pub fn find(&self, token: &str) -> Option<Session> {
        let mut map = self.lock();
        let session = map.get_mut(token)?;
        if session.last_seen.elapsed() >= IDLE {
            map.remove(token);
            return None;
        }
        session.last_seen = Instant::now();
        Some(session.clone())
    }

    pub fn close(&self, token: &str) {
        self.lock().remove(token);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn new_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

fn set_cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path={PREFIX}; HttpOnly; SameSite=Strict"
    ))
    .expect("a hex token is a valid header value")
}

fn clear_cookie() -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}=; Path={PREFIX}; HttpOnly; SameSite=Strict; Max-Age=0"
    ))
    .expect("a valid header value")
}

/// The value of cookie `name` the request carries.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value.trim().to_string())
}

fn login_cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{LOGIN_COOKIE}={token}; Path={PREFIX}/login; HttpOnly; SameSite=Strict"
    ))
    .expect("a hex token is a valid header value")
}

fn sessions(request: &Request) -> Arc<Sessions> {
    request
        .extensions()
        .get::<Arc<Sessions>>()
        .cloned()
        .expect("the console router carries its sessions")
}

fn verifier(request: &Request) -> Option<Arc<Verifier>> {
    request.extensions().get::<Arc<Verifier>>().cloned()
}

/// Middleware of every page: find the session (or open one on an open engine), and send a
/// browser without one to the sign-in form on an engine with keys.
pub async fn guard(mut request: Request, next: Next) -> Response {
    let sessions = sessions(&request);
    let keys = verifier(&request);
    let found = cookie(request.headers(), COOKIE).and_then(|t| sessions.find(&t));
    if let Some(session) = found {
        request.extensions_mut().insert(session);
        return next.run(request).await;
    }
    if keys.is_some() {
        if request.method() == Method::GET {
            let here = request
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or(PREFIX);
            let to = format!("{PREFIX}/login?{}", super::format::query(&[("next", here)]));
            return see_other(&to);
        }
        return UiError::new(StatusCode::UNAUTHORIZED, "sign in to the console first")
            .into_response();
    }
    let session = sessions.open(None);
    request.extensions_mut().insert(session.clone());
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(&session.token));
    response
}

/// Middleware of every console route, signed in or not: the console answers only on the
/// engine's IP address and takes posts from its own pages only (see `web`).
pub async fn gate(State(app): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let keyless = verifier(&request).is_none();
    let loopback = Some(app.info.address.ip())
        .filter(|ip| ip.is_loopback())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let here = request
        .uri()
        .path_and_query()
        .map_or(PREFIX, |p| p.as_str())
        .to_string();
    match web::console_refusal(
        request.method(),
        request.headers(),
        keyless,
        loopback,
        &here,
    ) {
        None => next.run(request).await,
        Some(ConsoleRefusal::MoveTo(url)) => see_other(&url),
        Some(ConsoleRefusal::Forbidden(message)) => {
            static REFUSED: QuietLog = QuietLog::new(Duration::from_secs(10));
            let method = request.method();
            REFUSED.warn(format_args!("console refused {method} {here}: {message}"));
            UiError::new(StatusCode::FORBIDDEN, message).into_response()
        }
    }
}

/// Refuse a form post that does not carry the session's token (its origin was checked by
/// `gate`).
pub fn check_form(session: &Session, token: &str) -> UiResult<()> {
    if !constant_time_eq(&session.csrf, token) {
        tracing::warn!("console form refused: wrong form token");
        return Err(UiError::new(
            StatusCode::FORBIDDEN,
            "this form is out of date or came from another site: reload the page and try again",
        ));
    }
    Ok(())
}

#[derive(Template)]
#[template(path = "login.html", config = "src/engine/server/ui/askama.toml")]
struct LoginPage {
    chrome: Chrome,
    title: &'static str,
    next: String,
    key_id: String,
    error: Option<String>,
    /// The form's token, also in the `s_login` cookie.
    csrf: String,
}

impl LoginPage {
    fn new(next: String, csrf: String) -> LoginPage {
        LoginPage {
            chrome: login_chrome(),
            title: "Sign in",
            next,
            key_id: String::new(),
            error: None,
            csrf,
        }
    }

    /// The form again with `error`, answered with `status`; the cookie already holds the
    /// token.
    fn again(mut self, key_id: &str, status: StatusCode, error: String) -> UiResult {
        self.key_id = key_id.to_string();
        self.error = Some(error);
        let mut response = render(&self)?;
        *response.status_mut() = status;
        Ok(response)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// `GET /_s/ui/login`: the form, with a fresh token in a hidden field and in a cookie.
pub async fn login_form(request: Request) -> UiResult {
    if verifier(&request).is_none() {
        return Ok(see_other(&format!("{PREFIX}/")));
    }
    let Query(query) = Query::<NextQuery>::try_from_uri(request.uri()).unwrap_or_default();
    let csrf = new_token();
    let mut response = render(&LoginPage::new(safe_next(&query.next), csrf.clone()))?;
    response
        .headers_mut()
        .append(header::SET_COOKIE, login_cookie(&csrf));
    Ok(response)
}

fn login_chrome() -> Chrome {
    Chrome {
        section: "login",
        version: env!("CARGO_PKG_VERSION"),
        ..Chrome::default()
    }
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    key_id: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /_s/ui/login`: the form's token must match its cookie; an address that sent too
/// many wrong secrets waits; then check the pair, start a session and go where the person
/// was headed.
pub async fn login(
    Extension(sessions): Extension<Arc<Sessions>>,
    Extension(throttle): Extension<Arc<LoginThrottle>>,
    verifier: Option<Extension<Arc<Verifier>>>,
    peer: Option<ConnectInfo<SocketAddr>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> UiResult {
    let next = safe_next(&form.next);
    let Some(Extension(verifier)) = verifier else {
        return Ok(see_other(&next));
    };
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(&expected, &form.csrf) {
        tracing::warn!("console sign-in refused: the form token does not match its cookie");
        return Err(UiError::new(
            StatusCode::FORBIDDEN,
            "this sign-in form is out of date or came from another site: reload it and try again",
        ));
    }
    let page = LoginPage::new(next.clone(), form.csrf.clone());
    let key_id = form.key_id.trim();
    let ip = peer.map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |ConnectInfo(p)| p.ip());
    if let Err(wait) = throttle.check(ip, Instant::now()) {
        static WAITING: QuietLog = QuietLog::new(Duration::from_secs(10));
        WAITING.warn(format_args!(
            "console sign-in from {ip} refused: too many wrong secrets"
        ));
        let message = format!(
            "Too many wrong secrets from your address: try again in {} s.",
            wait.as_secs().max(1)
        );
        return page.again(key_id, StatusCode::TOO_MANY_REQUESTS, message);
    }
    if !verifier.knows(key_id, form.secret.trim()) {
        throttle.failed(ip, Instant::now());
        tracing::warn!("console sign-in refused for access key id `{key_id}` from {ip}");
        let message = "The access key ID or secret is not right.".to_string();
        return page.again(key_id, StatusCode::UNAUTHORIZED, message);
    }
    throttle.succeeded(ip);
    let session = sessions.open(Some(key_id.to_string()));
    let mut response = see_other(&next);
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(&session.token));
    Ok(response)
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub csrf: String,
}

/// `POST /_s/ui/logout`.
pub async fn logout(
    Extension(sessions): Extension<Arc<Sessions>>,
    Extension(session): Extension<Session>,
    Form(form): Form<TokenForm>,
) -> UiResult {
    check_form(&session, &form.csrf)?;
    sessions.close(&session.token);
    let mut response = see_other(&format!("{PREFIX}/login"));
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_cookie());
    Ok(response)
}

/// Only console paths: a sign-in link must not send anyone elsewhere.
fn safe_next(next: &str) -> String {
    let inside = next.starts_with(&format!("{PREFIX}/")) && !next.contains("//");
    if inside && !next.starts_with(&format!("{PREFIX}/login")) {
        next.to_string()
    } else {
        format!("{PREFIX}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_inside_the_console() {
        assert_eq!(
            safe_next("/_s/ui/tasks?status=Running"),
            "/_s/ui/tasks?status=Running"
        );
        for outside in [
            "https://evil.example/",
            "//evil.example",
            "/_s/ui//x",
            "/_s/v1/logs",
            "/_s/ui/login",
        ] {
            assert_eq!(safe_next(outside), "/_s/ui/", "{outside}");
        }
    }

    #[test]
    fn sessions_are_found_by_token_and_closed() {
        let sessions = Sessions::default();
        let session = sessions.open(Some("key".into()));
        assert_eq!(sessions.find(&session.token).unwrap().csrf, session.csrf);
        assert!(sessions.find("other").is_none());
        sessions.close(&session.token);
        assert!(sessions.find(&session.token).is_none());
    }

    #[test]
    fn forms_need_the_session_token() {
        let session = Sessions::default().open(None);
        assert!(check_form(&session, &session.csrf).is_ok());
        assert!(check_form(&session, "wrong").is_err());
    }
}
