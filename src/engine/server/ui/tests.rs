//! The console's handlers over real HTTP: an engine's router (store, pool, async queue) on a
//! loopback port, with and without access keys, read by a plain HTTP client that does not
//! follow redirects.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{COOKIE, HOST, LOCATION, SET_COOKIE};
use reqwest::{redirect, Client, StatusCode};
use tempfile::TempDir;

use crate::engine::pool::{InstancePool, PoolConfig};
use crate::engine::server::auth::{protect, Verifier};
use crate::engine::server::{router, AppState, EngineInfo};
use crate::engine::store::{EventWriter, NewTask, Store};
use crate::fc::{self, Function};

const KEY_ID: &str = "console-key";
const SECRET: &str = "console-secret";
const HOSTILE: &str = "<script>alert('x')</script>";

/// An engine serving on a free loopback port until dropped.
struct Engine {
    url: String,
    client: Client,
    _home: TempDir,
    _server: tokio::task::JoinHandle<()>,
}

impl Engine {
    async fn start(keys: bool) -> Engine {
        let home = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(home.path()).unwrap());
        let events = Arc::new(EventWriter::start_for(&store).unwrap());
        let pool = InstancePool::new(
            PoolConfig {
                idle_timeout: Duration::from_secs(60),
                max_instances: 4,
                scratch_dir: home.path().join("scratch"),
            },
            events,
        );
        seed(&store);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address: SocketAddr = listener.local_addr().unwrap();
        let info = EngineInfo {
            pid: std::process::id(),
            address,
            started_at: fc::rfc3339_now(),
            started: Instant::now(),
        };
        let s_home = home.path().to_path_buf();
        let app = AppState::new(store, pool, "cn-hangzhou".into(), "1".into(), info, s_home);
        let verifier = keys.then(|| Arc::new(Verifier::new([(KEY_ID.into(), SECRET.into())])));
        let routes = protect(router(app), verifier);
        let server = tokio::spawn(async move {
            axum::serve(listener, routes).await.unwrap();
        });
        Engine {
            url: format!("http://{address}"),
            client: Client::builder()
                .redirect(redirect::Policy::none())
                .build()
                .unwrap(),
            _home: home,
            _server: server,
        }
    }

    async fn get(
        &self,
        path: &str,
        cookie: Option<&str>,
    ) -> (StatusCode, reqwest::header::HeaderMap, String) {
        let mut request = self.client.get(format!("{}{path}", self.url));
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        let response = request.send().await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        (status, headers, response.text().await.unwrap())
    }

    async fn post(
        &self,
        path: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self.client.post(format!("{}{path}", self.url)).form(form);
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        request.send().await.unwrap()
    }
}

/// A function whose name and description need escaping, and a task with a hostile payload.
/// The function has no code, so the dispatcher can never run the task to success.
fn seed(store: &Store) {
    let function = Function {
        function_name: "video".into(),
        runtime: "python3.10".into(),
        handler: "index.handler".into(),
        description: format!("converts {HOSTILE}"),
        memory_size: Some(512),
        created_time: Some(fc::rfc3339_now()),
        ..Default::default()
    };
    store.create_function(&function).unwrap();
    let task = NewTask {
        function: "video".into(),
        qualifier: "LATEST".into(),
        task_id: "job-1".into(),
        request_id: "req-1".into(),
        payload: format!(r#"{{"note":"{}"}}"#, HOSTILE.replace('\'', "\\u0027")).into_bytes(),
        named: false,
        created_ms: fc::epoch_ms(),
    };
    store.insert_tasks(&[task]).unwrap();
}

/// `name=value` of the session cookie a response sets.
fn session_cookie(headers: &reqwest::header::HeaderMap) -> String {
    let set = headers
        .get(SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .unwrap();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Strict"), "{set}");
    set.split(';').next().unwrap().to_string()
}

fn form_token(html: &str) -> String {
    let re = regex::Regex::new(r#"name="csrf" value="([0-9a-f]{64})""#).unwrap();
    re.captures(html).expect("a form token")[1].to_string()
}

#[tokio::test]
async fn open_engine_pages_render_and_escape_user_data() {
    let engine = Engine::start(false).await;
    let (status, headers, html) = engine.get("/_s/ui/", None).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(r#"<a href="/_s/ui/functions/video">video</a>"#),
        "{html}"
    );
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    session_cookie(&headers);

    let (status, _, html) = engine.get("/_s/ui/functions/video", None).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("converts &#60;script&#62;"), "{html}");
    assert!(!html.contains(HOSTILE));
    assert_eq!(
        html.matches(r#"<svg class="chart""#).count(),
        5,
        "five charts"
    );
    assert!(html.contains("512 MB"));

    let (status, _, html) = engine.get("/_s/ui/tasks/video/job-1", None).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("&#60;script&#62;alert"), "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("req-1"));

    for (path, needle) in [
        ("/_s/ui/tasks", "job-1"),
        ("/_s/ui/tasks?status=Succeeded&window=15m", "No tasks"),
        ("/_s/ui/logs?function=video&search=x", "No lines match"),
        ("/_s/ui/static/console.js", "EventSource"),
    ] {
        let (status, _, body) = engine.get(path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        assert!(body.contains(needle), "{path}: {body}");
    }
}

#[tokio::test]
async fn missing_things_and_bad_filters_are_html_errors() {
    let engine = Engine::start(false).await;
    for (path, status) in [
        ("/_s/ui/functions/nope", StatusCode::NOT_FOUND),
        ("/_s/ui/tasks/video/nope", StatusCode::NOT_FOUND),
        ("/_s/ui/no/such/page", StatusCode::NOT_FOUND),
        ("/_s/ui/static/other.js", StatusCode::NOT_FOUND),
        ("/_s/ui/tasks?status=Bogus", StatusCode::BAD_REQUEST),
    ] {
        let (got, headers, body) = engine.get(path, None).await;
        assert_eq!(got, status, "{path}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert!(body.contains("<h1>"), "{path}: {body}");
    }
    let (status, headers, _) = engine.get("/_s/ui", None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[LOCATION], "/_s/ui/");
}

#[tokio::test]
async fn stop_needs_the_session_form_token() {
    let engine = Engine::start(false).await;
    let (_, headers, _) = engine.get("/_s/ui/", None).await;
    let cookie = session_cookie(&headers);
    let stop = "/_s/ui/tasks/video/job-1/stop";
    let refused = engine.post(stop, Some(&cookie), &[("csrf", "0")]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = engine.post(stop, None, &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn open_engine_console_answers_only_loopback_host_names() {
    let engine = Engine::start(false).await;
    let response = engine
        .client
        .get(format!("{}/_s/ui/", engine.url))
        .header(HOST, "attacker.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signed_engine_console_requires_signing_in() {
    let engine = Engine::start(true).await;
    let (status, headers, _) = engine.get("/_s/ui/tasks?status=Running", None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[LOCATION],
        "/_s/ui/login?next=%2F_s%2Fui%2Ftasks%3Fstatus%3DRunning"
    );
    for path in [
        "/_s/ui/tasks/video/job-1",
        "/_s/ui/logs/stream",
        "/_s/ui/functions/video",
    ] {
        let (status, _, body) = engine.get(path, None).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
        assert!(!body.contains("video"), "{path}: {body}");
    }
    let refused = engine
        .post("/_s/ui/tasks/video/job-1/stop", None, &[])
        .await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    // The API itself still wants signatures.
    let (status, _, _) = engine.get("/_s/v1/logs", None).await;
    assert!(status.is_client_error(), "{status}");

    let (status, headers, html) = engine.get("/_s/ui/login?next=/_s/ui/tasks", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<label for="secret">"#), "{html}");
    let login = session_cookie(&headers);
    let csrf = form_token(&html);
    assert_eq!(
        login,
        format!("s_login={csrf}"),
        "the form token is also its cookie"
    );

    let attempt = |secret: &'static str, cookie: Option<String>, token: String| {
        let engine = &engine;
        async move {
            let form = [
                ("key_id", KEY_ID),
                ("secret", secret),
                ("next", "/_s/ui/tasks"),
                ("csrf", token.as_str()),
            ];
            engine.post("/_s/ui/login", cookie.as_deref(), &form).await
        }
    };
    let forged = attempt(SECRET, None, csrf.clone()).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN, "no form cookie");
    let forged = attempt(SECRET, Some(login.clone()), "0".repeat(64)).await;
    assert_eq!(
        forged.status(),
        StatusCode::FORBIDDEN,
        "a token not from the form"
    );

    let wrong = attempt("nope", Some(login.clone()), csrf.clone()).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong.headers().get(SET_COOKIE).is_none());
    assert!(wrong.text().await.unwrap().contains("not right"));

    let right = attempt(SECRET, Some(login.clone()), csrf.clone()).await;
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(right.headers()[LOCATION], "/_s/ui/tasks");
    let cookie = session_cookie(right.headers());

    let (status, _, html) = engine.get("/_s/ui/tasks", Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("job-1"), "{html}");
    let token = form_token(&html);

    let stopped = engine
        .post(
            "/_s/ui/tasks/video/job-1/stop",
            Some(&cookie),
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(stopped.status(), StatusCode::SEE_OTHER);
    assert!(stopped.headers()[LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/_s/ui/tasks/video/job-1?stop="));

    let out = engine
        .post("/_s/ui/logout", Some(&cookie), &[("csrf", &token)])
        .await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let (status, _, _) = engine.get("/_s/ui/tasks", Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signed out");
}
