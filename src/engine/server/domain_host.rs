//! Requests for a custom domain: a `Host` that is a stored domain's name (`api.example.com`,
//! as FC sees it behind DNS) or that name under `.localhost` (`api.example.com.localhost`,
//! which browsers resolve to loopback on their own). Such a request never reaches the API,
//! the console or a trigger URL, whatever its path: it is routed by the domain's route table
//! (FC's matching, full path passed on) and invoked exactly as an HTTP trigger request.
//! Requests on an IP address host never name a domain, so the console's origin stays its own.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use axum::{Extension, Router};
use tower::ServiceExt as _;

use super::domains::{DomainAuth, ServedDomain};
use super::error::{ApiFailure, ApiResult};
use super::http::{RequestId, LATEST};
use super::http_trigger::{self, HttpCall};
use super::{web, AppState};
use crate::engine::triggers::http::{percent_decode, AuthType};
use crate::fc::{self, ErrorCode, RouteMatch};

/// The suffix every domain is also served under, so a browser reaches it without DNS.
pub const LOCAL_SUFFIX: &str = ".localhost";

/// The outermost layer: a request for a domain goes to `domains` (the domain serving
/// router, with its own request framing); anything else goes on unchanged.
pub async fn intercept(
    app: Arc<AppState>,
    domains: Router,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(served) = domain_for(&app, request.headers()) else {
        return next.run(request).await;
    };
    request.extensions_mut().insert(served);
    match domains.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// The domain a request's `Host` names, if any.
fn domain_for(app: &AppState, headers: &HeaderMap) -> Option<Arc<ServedDomain>> {
    if web::HostKind::of(headers).is_ip() {
        return None;
    }
    let name = fc::normalize_domain_name(web::host_name(web::host(headers)?));
    app.domains.get(&name).or_else(|| {
        let stem = name.strip_suffix(LOCAL_SUFFIX)?;
        app.domains.get(stem)
    })
}

/// Every request of a domain: route, authenticate, invoke.
pub async fn serve(
    State(app): State<Arc<AppState>>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    Extension(served): Extension<Arc<ServedDomain>>,
    request: Request,
) -> ApiResult {
    let (parts, body) = request.into_parts();
    let domain = &served.domain;
    let raw_path = parts.uri.path().to_string();
    let path = percent_decode(&raw_path);
    let routes = &domain.route_config.routes;
    let route = match fc::match_route(routes, &path, parts.method.as_str()) {
        RouteMatch::Found(route) => route,
        RouteMatch::MethodNotAllowed(route) => {
            return Err(ApiFailure::new(
                ErrorCode::PathNotSupported,
                format!(
                    "method {} is not allowed on route '{}' of custom domain '{}' (allowed: {})",
                    parts.method,
                    route.path,
                    domain.domain_name,
                    route.methods.join(", ")
                ),
            )
            .with_status(405))
        }
        RouteMatch::NoRoute => {
            return Err(ApiFailure::new(
                ErrorCode::DomainRouteNotFound,
                format!(
                    "no route of custom domain '{}' matches path '{path}'",
                    domain.domain_name
                ),
            ))
        }
    };
    let auth = match served.auth {
        DomainAuth::Anonymous => AuthType::Anonymous,
        DomainAuth::Function => AuthType::Function,
        DomainAuth::Jwt(_) => AuthType::Jwt,
    };
    let prefix = domain
        .domain_name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_string();
    let mut call = HttpCall::read(
        route.function_name.clone(),
        prefix,
        raw_path,
        request_id,
        parts,
        body,
        auth,
    )
    .await?;
    if let DomainAuth::Jwt(jwt) = &served.auth {
        call.check_jwt(jwt)?;
    }
    // Authentication saw the path as requested; the function sees it rewritten.
    let index = routes.iter().position(|r| std::ptr::eq(r, route));
    let rewrite = index.and_then(|i| served.rewrites.get(i)?.as_ref());
    if let Some(rewritten) = rewrite.and_then(|r| r.apply(&call.raw_path)) {
        call.raw_path = rewritten;
    }
    let qualifier = route.qualifier.as_deref().unwrap_or(LATEST);
    http_trigger::run(&app, call, qualifier).await
}
