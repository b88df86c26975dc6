//! Custom domains CRUD (`/2023-03-30/custom-domains[/{domainName}]`) and the in-memory
//! table the request router reads (`DomainTable`): loaded at start-up, replaced entry by
//! entry after each committed write, so routing a request never touches SQLite.
//!
//! Local meaning: a domain's routes are served on the engine's own port for requests whose
//! `Host` is the domain's name or `<domainName>.localhost` (see `domain_host`).
//! `certConfig`, `tlsConfig`, `wafConfig` and `corsConfig` are stored and echoed, and do
//! nothing locally; a certificate's private key is never stored or echoed.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::error::{ApiFailure, ApiResult};
use super::http::{json, no_content, ok, parse_body, Params};
use super::AppState;
use crate::engine::triggers::jwt::JwtConfig;
use crate::fc::{self, CustomDomain, CustomDomainInput, DomainAuthConfig, ListCustomDomainOutput};

/// Largest CreateCustomDomain / UpdateCustomDomain body: a route table, keys and a
/// certificate chain fit many times over.
pub const MAX_BODY: usize = 1024 * 1024;

/// How a domain's requests are authenticated, parsed once per write.
#[derive(Debug, Clone)]
pub enum DomainAuth {
    Anonymous,
    /// ACS3 signatures, on an engine started with access keys.
    Function,
    Jwt(Arc<JwtConfig>),
}

impl DomainAuth {
    pub fn parse(config: &DomainAuthConfig) -> Result<DomainAuth, String> {
        match config
            .auth_type
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("") | Some("anonymous") => Ok(DomainAuth::Anonymous),
            Some("function") => Ok(DomainAuth::Function),
            Some("jwt") => {
                let info = config.auth_info.as_deref().ok_or(
                    "authConfig.authType jwt needs authInfo with `jwks` and `tokenLookup`",
                )?;
                Ok(DomainAuth::Jwt(Arc::new(JwtConfig::parse(
                    &Value::String(info.to_string()),
                )?)))
            }
            Some(other) => Err(format!(
                "invalid authConfig.authType '{other}': use anonymous, function or jwt"
            )),
        }
    }
}

/// A domain ready to serve.
#[derive(Debug)]
pub struct ServedDomain {
    pub domain: CustomDomain,
    pub auth: DomainAuth,
    /// Each route's compiled `rewriteConfig`, in route order.
    pub rewrites: Vec<Option<fc::Rewrite>>,
}

/// Every domain by its lower-case name.
#[derive(Default)]
pub struct DomainTable {
    domains: RwLock<HashMap<String, Arc<ServedDomain>>>,
}

impl DomainTable {
    pub fn load(&self, domains: Vec<CustomDomain>) {
        for domain in domains {
            self.put(domain);
        }
    }

    fn put(&self, domain: CustomDomain) {
        // Stored domains passed this check when written; one that no longer parses serves
        // nobody rather than serving without its authentication.
        let rewrites = domain
            .route_config
            .routes
            .iter()
            .map(|r| {
                r.rewrite_config
                    .as_ref()
                    .map(fc::Rewrite::compile)
                    .transpose()
            })
            .collect::<Result<Vec<_>, String>>();
        let auth = DomainAuth::parse(&domain.auth_config);
        let (auth, rewrites) = match (auth, rewrites) {
            (Ok(auth), Ok(rewrites)) => (auth, rewrites),
            (Err(e), _) | (_, Err(e)) => {
                tracing::warn!("custom domain `{}`: {e}", domain.domain_name);
                self.remove(&domain.domain_name);
                return;
            }
        };
        let name = domain.domain_name.clone();
        self.write().insert(
            name,
            Arc::new(ServedDomain {
                domain,
                auth,
                rewrites,
            }),
        );
    }

    fn remove(&self, name: &str) {
        self.write().remove(name);
    }

    /// The domain a host name (no port, lower-case) names, if any.
    pub fn get(&self, name: &str) -> Option<Arc<ServedDomain>> {
        let domains = self.domains.read().unwrap_or_else(|e| e.into_inner());
        if domains.is_empty() {
            return None;
        }
        domains.get(name).cloned()
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Arc<ServedDomain>>> {
        self.domains.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// Check an input's parts that are present; `Err` is the caller's to fix.
fn check(input: &CustomDomainInput) -> Result<(), String> {
    if let Some(protocol) = &input.protocol {
        fc::check_protocol(protocol)?;
    }
    if let Some(routes) = &input.route_config {
        fc::check_routes(routes)?;
    }
    if let Some(auth) = &input.auth_config {
        DomainAuth::parse(auth)?;
    }
    Ok(())
}

/// Methods upper-case, qualifiers explicit; a certificate keeps its name and body only.
fn tidy(domain: &mut CustomDomain) {
    for route in &mut domain.route_config.routes {
        route.methods = route
            .methods
            .iter()
            .map(|m| m.to_ascii_uppercase())
            .collect();
        route
            .qualifier
            .get_or_insert_with(|| super::http::LATEST.into());
    }
    if let Some(Value::Object(cert)) = &mut domain.cert_config {
        cert.remove("privateKey");
    }
}

pub async fn create(State(app): State<Arc<AppState>>, body: Bytes) -> ApiResult {
    let input: CustomDomainInput = parse_body(&body)?;
    let name = input
        .domain_name
        .as_deref()
        .map(fc::normalize_domain_name)
        .ok_or_else(|| ApiFailure::invalid("domainName is required"))?;
    fc::check_domain_name(&name).map_err(ApiFailure::invalid)?;
    check(&input).map_err(ApiFailure::invalid)?;
    let now = fc::rfc3339_now();
    let mut domain = CustomDomain {
        domain_name: name,
        protocol: input.protocol.unwrap_or_else(|| "HTTP".into()),
        route_config: input.route_config.unwrap_or_default(),
        auth_config: input.auth_config.unwrap_or_else(|| DomainAuthConfig {
            auth_type: Some("anonymous".into()),
            auth_info: None,
        }),
        cert_config: input.cert_config,
        tls_config: input.tls_config,
        waf_config: input.waf_config,
        cors_config: input.cors_config,
        account_id: app.account_id.clone(),
        api_version: fc::API_VERSION.into(),
        created_time: now.clone(),
        last_modified_time: now,
        subdomain_count: Some("1".into()),
    };
    tidy(&mut domain);
    let stored = domain.clone();
    app.store(move |s| s.create_domain(&stored)).await?;
    app.domains.put(domain.clone());
    json(StatusCode::OK, &domain)
}

pub async fn get(State(app): State<Arc<AppState>>, Path(name): Path<String>) -> ApiResult {
    let name = fc::normalize_domain_name(&name);
    ok(&app.store(move |s| s.get_domain(&name)).await?)
}

pub async fn update(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    body: Bytes,
) -> ApiResult {
    let input: CustomDomainInput = parse_body(&body)?;
    check(&input).map_err(ApiFailure::invalid)?;
    let name = fc::normalize_domain_name(&name);
    let domain = app
        .store(move |s| {
            s.update_domain(&name, |d| {
                if let Some(protocol) = input.protocol {
                    d.protocol = protocol;
                }
                if let Some(routes) = input.route_config {
                    d.route_config = routes;
                }
                if let Some(auth) = input.auth_config {
                    d.auth_config = auth;
                }
                for (field, value) in [
                    (&mut d.cert_config, input.cert_config),
                    (&mut d.tls_config, input.tls_config),
                    (&mut d.waf_config, input.waf_config),
                    (&mut d.cors_config, input.cors_config),
                ] {
                    if value.is_some() {
                        *field = value;
                    }
                }
                tidy(d);
                d.last_modified_time = fc::rfc3339_now();
                Ok(())
            })
        })
        .await?;
    app.domains.put(domain.clone());
    ok(&domain)
}

pub async fn delete(State(app): State<Arc<AppState>>, Path(name): Path<String>) -> ApiResult {
    let name = fc::normalize_domain_name(&name);
    let n = name.clone();
    app.store(move |s| s.delete_domain(&n)).await?;
    app.domains.remove(&name);
    no_content()
}

pub async fn list(
    State(app): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let request = Params(params).page_request()?;
    let page = app.store(move |s| s.list_domains(&request)).await?;
    ok(&ListCustomDomainOutput {
        custom_domains: page.items,
        next_token: page.next_token,
    })
}
