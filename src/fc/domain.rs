//! Custom domains (CreateCustomDomain and friends): the wire models, their bounds, and FC's
//! route matching (exact paths before `/*` wildcards, the longest prefix first, then the
//! methods filter). Pure: the engine stores and serves them, the CLI builds them from
//! `fc3-domain` resources and `customDomain` props.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Most routes one domain holds (FC documents no number; this bounds the matcher's work).
pub const MAX_ROUTES: usize = 100;
/// Longest route path.
pub const MAX_ROUTE_PATH: usize = 1024;

/// One row of a domain's route table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PathConfig {
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub function_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// Upper-case on the wire; empty allows every method.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<String>,
    /// Equal, wildcard and regex rules for the path the function sees (`fc::Rewrite`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub rewrite_config: Option<Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RouteConfig {
    #[serde(default)]
    pub routes: Vec<PathConfig>,
}

/// `authConfig`: `authType` anonymous (default), function or jwt; `authInfo` is a JSON
/// document as a string (for jwt, the same shape as an HTTP trigger's `authConfig`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainAuthConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_info: Option<String>,
}

/// CreateCustomDomainInput and UpdateCustomDomainInput (update has no `domainName`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomDomainInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_config: Option<RouteConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_config: Option<DomainAuthConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub cert_config: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub tls_config: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub waf_config: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub cors_config: Option<Value>,
}

/// A custom domain as FC answers it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomDomain {
    #[serde(default)]
    pub domain_name: String,
    #[serde(default)]
    pub protocol: String,
    #[serde(default)]
    pub route_config: RouteConfig,
    #[serde(default)]
    pub auth_config: DomainAuthConfig,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub cert_config: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub tls_config: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub waf_config: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub cors_config: Option<Value>,
    #[serde(default)]
    pub account_id: String,
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub created_time: String,
    #[serde(default)]
    pub last_modified_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdomain_count: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListCustomDomainOutput {
    #[serde(default)]
    pub custom_domains: Vec<CustomDomain>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Domain names are compared without case, as DNS does.
pub fn normalize_domain_name(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// A DNS name: 1..=253 characters, labels of letters, digits, `-` and `_` (1..=63 each),
/// no leading or trailing `-`, at least two labels.
pub fn check_domain_name(name: &str) -> Result<(), String> {
    let invalid = |why: &str| Err(format!("invalid domainName '{name}': {why}"));
    if name.is_empty() || name.len() > 253 {
        return invalid("it must have 1 to 253 characters");
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return invalid("it needs at least two labels, like api.example.com");
    }
    if labels
        .last()
        .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()))
    {
        return invalid("it must be a name, not an IP address");
    }
    for label in labels {
        let ok_chars = label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if label.is_empty() || label.len() > 63 || !ok_chars {
            return invalid("each label has 1 to 63 letters, digits, '-' or '_'");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return invalid("a label may not start or end with '-'");
        }
    }
    Ok(())
}

/// `protocol`: HTTP, HTTPS or HTTP,HTTPS.
pub fn check_protocol(protocol: &str) -> Result<(), String> {
    match protocol {
        "HTTP" | "HTTPS" | "HTTP,HTTPS" => Ok(()),
        other => Err(format!(
            "invalid protocol '{other}': use HTTP, HTTPS or HTTP,HTTPS"
        )),
    }
}

/// A route table FC would accept: bounded, paths absolute with `*` only as a final `/*`,
/// a function name on every route.
pub fn check_routes(routes: &RouteConfig) -> Result<(), String> {
    if routes.routes.len() > MAX_ROUTES {
        return Err(format!(
            "routeConfig has {} routes; at most {MAX_ROUTES} are allowed",
            routes.routes.len()
        ));
    }
    for route in &routes.routes {
        let path = &route.path;
        if !path.starts_with('/') || path.len() > MAX_ROUTE_PATH {
            return Err(format!(
                "invalid route path '{path}': a route path starts with '/' and has at most {MAX_ROUTE_PATH} characters"
            ));
        }
        let stem = path.strip_suffix("/*").unwrap_or(path);
        if stem.contains('*') {
            return Err(format!(
                "invalid route path '{path}': '*' may only end a path, as in /api/*"
            ));
        }
        if route.function_name.is_empty() {
            return Err(format!("route '{path}' has no functionName"));
        }
        if !super::rules::is_function_name(&route.function_name) {
            return Err(format!(
                "route '{path}': invalid functionName '{}'",
                route.function_name
            ));
        }
        if let Some(qualifier) = &route.qualifier {
            let named = qualifier.len() <= 128
                && qualifier
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if qualifier.is_empty() || !named {
                return Err(format!("route '{path}': invalid qualifier '{qualifier}'"));
            }
        }
        if let Some(rewrite) = &route.rewrite_config {
            super::Rewrite::compile(rewrite).map_err(|e| format!("route '{path}': {e}"))?;
        }
        for method in &route.methods {
            if !HTTP_METHODS.contains(&method.to_ascii_uppercase().as_str()) {
                return Err(format!("route '{path}': unknown method '{method}'"));
            }
        }
    }
    Ok(())
}

const HTTP_METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];

/// What matching a request against a route table found.
#[derive(Debug, PartialEq)]
pub enum RouteMatch<'a> {
    Found(&'a PathConfig),
    /// Some route takes the path, none the method.
    MethodNotAllowed(&'a PathConfig),
    NoRoute,
}

/// FC's matching: an exact path wins; otherwise the wildcard route (`/*`, `/a/*`) with the
/// longest prefix. Among routes for the same path, the first that allows the method.
/// `path` is the decoded request path.
pub fn match_route<'a>(routes: &'a [PathConfig], path: &str, method: &str) -> RouteMatch<'a> {
    let rank = |route: &PathConfig| -> Option<usize> {
        match route.path.strip_suffix('*') {
            None => (route.path == path).then_some(usize::MAX),
            Some(prefix) => path.starts_with(prefix).then_some(prefix.len()),
        }
    };
    let mut candidates: Vec<(usize, usize, &PathConfig)> = routes
        .iter()
        .enumerate()
        .filter_map(|(index, route)| Some((rank(route)?, index, route)))
        .collect();
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let allows = |route: &PathConfig| {
        route.methods.is_empty() || route.methods.iter().any(|m| m.eq_ignore_ascii_case(method))
    };
    match candidates.iter().find(|(_, _, route)| allows(route)) {
        Some((_, _, route)) => RouteMatch::Found(route),
        None => match candidates.first() {
            Some((_, _, route)) => RouteMatch::MethodNotAllowed(route),
            None => RouteMatch::NoRoute,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(path: &str, function: &str, methods: &[&str]) -> PathConfig {
        PathConfig {
            path: path.into(),
            function_name: function.into(),
            methods: methods.iter().map(|m| m.to_string()).collect(),
            ..Default::default()
        }
    }

    fn target(routes: &[PathConfig], path: &str, method: &str) -> Option<String> {
        match match_route(routes, path, method) {
            RouteMatch::Found(r) => Some(r.function_name.clone()),
            _ => None,
        }
    }

    #[test]
    fn exact_paths_beat_wildcards_and_longer_prefixes_win() {
        let routes = [
            route("/*", "all", &[]),
            route("/api/*", "api", &[]),
            route("/api/v2/*", "v2", &[]),
            route("/api/login", "login", &[]),
        ];
        assert_eq!(target(&routes, "/", "GET").as_deref(), Some("all"));
        assert_eq!(target(&routes, "/x/y", "GET").as_deref(), Some("all"));
        assert_eq!(target(&routes, "/api/", "GET").as_deref(), Some("api"));
        assert_eq!(target(&routes, "/api/users", "GET").as_deref(), Some("api"));
        assert_eq!(target(&routes, "/api/v2/a", "GET").as_deref(), Some("v2"));
        assert_eq!(
            target(&routes, "/api/login", "GET").as_deref(),
            Some("login")
        );
        // `/api` is not below `/api/*`; only the catch-all takes it.
        assert_eq!(target(&routes, "/api", "GET").as_deref(), Some("all"));
    }

    #[test]
    fn methods_filter_routes_and_unmatched_paths_have_no_route() {
        let routes = [
            route("/items", "read", &["GET"]),
            route("/items", "write", &["POST", "PUT"]),
        ];
        assert_eq!(target(&routes, "/items", "get").as_deref(), Some("read"));
        assert_eq!(target(&routes, "/items", "PUT").as_deref(), Some("write"));
        assert!(matches!(
            match_route(&routes, "/items", "DELETE"),
            RouteMatch::MethodNotAllowed(_)
        ));
        assert_eq!(match_route(&routes, "/other", "GET"), RouteMatch::NoRoute);
    }

    #[test]
    fn route_tables_are_checked() {
        let table = |path: &str| RouteConfig {
            routes: vec![route(path, "f", &[])],
        };
        assert!(check_routes(&table("/*")).is_ok());
        assert!(check_routes(&table("/a/b/*")).is_ok());
        assert!(check_routes(&table("a")).is_err());
        assert!(check_routes(&table("/a*/b")).is_err());
        let mut bad_method = table("/a");
        bad_method.routes[0].methods = vec!["FETCH".into()];
        assert!(check_routes(&bad_method).is_err());
        let many = RouteConfig {
            routes: vec![route("/", "f", &[]); MAX_ROUTES + 1],
        };
        assert!(check_routes(&many).is_err());
    }

    #[test]
    fn domain_names_are_dns_names() {
        assert!(check_domain_name("api.example.com").is_ok());
        assert!(check_domain_name("my_fn.cn-hangzhou.fcapp.localhost").is_ok());
        assert!(check_domain_name("localhost").is_err());
        assert!(check_domain_name("a..b").is_err());
        assert!(check_domain_name("-a.b").is_err());
        assert!(check_domain_name("a/b.c").is_err());
        assert!(check_domain_name("127.0.0.1").is_err());
        assert!(check_domain_name(&format!("{}.com", "a".repeat(64))).is_err());
        assert_eq!(normalize_domain_name("API.Example.com."), "api.example.com");
    }
}
