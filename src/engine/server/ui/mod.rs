//! The engine's console under `/_s/ui/`: server-rendered HTML pages (askama templates in
//! `templates/`) over the same store, pool and async queue the API uses, SVG charts drawn
//! here, and a small script that adds live updates through the log stream `s logs --tail`
//! reads. Every page reads fully without JavaScript. Assets are compiled into the binary.
//!
//! These routes sit outside the API's signature check and JSON error rendering: a browser
//! cannot sign requests, so on an engine started with access keys the console asks for a key
//! pair once and keeps a session cookie instead (see `session`). It never writes anything
//! but a task stop, which needs the session's form token. It is served on the engine's IP
//! address only, never on the host name trigger URLs use (see `server::web`).

mod chart;
mod format;
mod functions;
mod logs;
mod session;
mod tasks;
mod throttle;

use std::sync::Arc;

use askama::Template;
use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};

use super::error::ApiFailure;
use super::AppState;
pub use session::Sessions;

/// Where the console lives.
pub const PREFIX: &str = "/_s/ui";

const CSS: &str = include_str!("static/console.css");
const JS: &str = include_str!("static/console.js");
const ICON: &str = include_str!("static/favicon.svg");

/// Pages may load only their own scripts and styles: a payload that slipped through escaping
/// still could not run.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Every console route, under `PREFIX`.
pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    let at = |path: &str| format!("{PREFIX}{path}");
    let guarded = Router::new()
        .route(&at("/"), get(functions::list))
        .route(&at("/functions/:name"), get(functions::show))
        .route(&at("/tasks"), get(tasks::list))
        .route(&at("/tasks/:function/:task"), get(tasks::show))
        .route(&at("/tasks/:function/:task/stop"), post(tasks::stop))
        .route(&at("/logs"), get(logs::page))
        .route(&at("/logs/stream"), get(super::logs::stream))
        .route(&at("/logout"), post(session::logout))
        .route_layer(axum::middleware::from_fn(session::guard));
    let open = Router::new()
        .route(PREFIX, get(|| async { see_other(&format!("{PREFIX}/")) }))
        .route(&at("/login"), get(session::login_form).post(session::login))
        .route(&at("/static/:file"), get(asset))
        .route(&at("/*rest"), axum::routing::any(not_found));
    guarded
        .merge(open)
        .layer(axum::middleware::from_fn_with_state(state, session::gate))
        .layer(axum::middleware::from_fn(security_headers))
        .layer(Extension(Arc::new(Sessions::default())))
        .layer(Extension(Arc::new(throttle::LoginThrottle::default())))
}

/// What every page shows around its content: the section for the navigation, and the
/// session's form token for the sign-out button and stop forms.
#[derive(Debug, Clone, Default)]
pub struct Chrome {
    pub section: &'static str,
    pub csrf: String,
    /// Signed in with an access key (a sign-out button makes sense).
    pub signed_in: bool,
    pub version: &'static str,
}

impl Chrome {
    fn new(section: &'static str, session: &session::Session) -> Chrome {
        Chrome {
            section,
            csrf: session.csrf.clone(),
            signed_in: session.key_id.is_some(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// A console page that could not be shown, rendered as an HTML page with its status.
#[derive(Debug)]
pub struct UiError {
    pub status: StatusCode,
    pub message: String,
}

pub type UiResult<T = Response> = Result<T, UiError>;

impl UiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> UiError {
        UiError {
            status,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> UiError {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn bad_request(message: impl Into<String>) -> UiError {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<ApiFailure> for UiError {
    fn from(failure: ApiFailure) -> UiError {
        let status =
            StatusCode::from_u16(failure.error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        UiError::new(status, failure.error.message)
    }
}

impl From<crate::engine::store::StoreError> for UiError {
    fn from(error: crate::engine::store::StoreError) -> UiError {
        ApiFailure::from(error).into()
    }
}

#[derive(Template)]
#[template(path = "error.html", config = "src/engine/server/ui/askama.toml")]
struct ErrorPage<'a> {
    chrome: Chrome,
    title: String,
    message: &'a str,
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            chrome: Chrome {
                version: env!("CARGO_PKG_VERSION"),
                ..Chrome::default()
            },
            title: self
                .status
                .canonical_reason()
                .unwrap_or("Error")
                .to_string(),
            message: &self.message,
        };
        let body = page.render().unwrap_or_else(|_| self.message.clone());
        (self.status, Html(body)).into_response()
    }
}

/// Render a page template as a 200 HTML response.
pub fn render(page: &impl Template) -> UiResult {
    page.render()
        .map(|html| Html(html).into_response())
        .map_err(|e| {
            UiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot render the page: {e}"),
            )
        })
}

/// After a form post: look at the result with a GET (303 See Other).
pub fn see_other(location: &str) -> Response {
    Redirect::to(location).into_response()
}

async fn not_found() -> UiError {
    UiError::not_found("there is no console page here")
}

/// `GET /_s/ui/static/<file>`: the stylesheet, the script and the icon.
async fn asset(Path(file): Path<String>) -> UiResult {
    let (body, kind) = match file.as_str() {
        "console.css" => (CSS, "text/css; charset=utf-8"),
        "console.js" => (JS, "text/javascript; charset=utf-8"),
        "favicon.svg" => (ICON, "image/svg+xml"),
        _ => return Err(UiError::not_found(format!("no asset named `{file}`"))),
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        body,
    )
        .into_response())
}

/// Headers every console answer carries; pages are never cached (they show live state and
/// a form token).
async fn security_headers(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The link to a console path, with path segments percent-encoded.
pub fn link(segments: &[&str]) -> String {
    let mut out = String::from(PREFIX);
    for segment in segments {
        out.push('/');
        out.push_str(&format::encode_segment(segment));
    }
    out
}

#[cfg(test)]
mod tests;
