//! Custom domains of a project: `fc3-domain` resources and the `customDomain` prop of fc3
//! resources, turned into CreateCustomDomain inputs; deployed after the functions they route
//! to, described by `s info` (`url.custom_domain`) and removed by `s remove`.
//!
//! `domainName: auto` names the domain after its first route's function: on the local engine
//! `<function>.<region>.fcapp.localhost`, which a browser resolves to loopback by itself; on
//! FC it needs Serverless Devs' domain service, which this tool does not call. Every local
//! domain is also served as `<domainName>.localhost`, so `api.example.com` is reachable at
//! `http://api.example.com.localhost:9630/` without DNS. `certConfig`, `tlsConfig` and
//! `wafConfig` have no local meaning: sent to FC as written, left out locally.

use serde_json::{json, Value};

use super::output::{status, warn};
use super::{Context, Hinted};
use crate::client::FcClient;
use crate::fc::{self, CustomDomainInput, DomainAuthConfig, PathConfig, RouteConfig};
use crate::manifest::{Manifest, Resource};

/// The component name of a domain resource.
pub const COMPONENT: &str = "fc3-domain";

/// Settings that only matter on FC.
const REMOTE_ONLY: &[&str] = &["certConfig", "tlsConfig", "wafConfig"];

/// One domain to deploy, from the resource that declares it.
#[derive(Debug, Clone)]
pub struct DomainPlan {
    /// The resource that declares it (an fc3-domain resource, or the fc3 resource).
    pub resource: String,
    /// As written: a name or `auto`.
    pub written_name: String,
    pub region: Option<String>,
    pub input: CustomDomainInput,
}

impl DomainPlan {
    /// The name the target knows the domain by; `None` for `auto` off the local engine,
    /// where the name comes from Serverless Devs' domain service, which `s` does not call.
    pub fn name(&self, local: bool) -> Option<String> {
        if !self.written_name.eq_ignore_ascii_case("auto") {
            return Some(fc::normalize_domain_name(&self.written_name));
        }
        if !local {
            return None;
        }
        let function = self
            .input
            .route_config
            .as_ref()
            .and_then(|r| r.routes.first())
            .map(|r| r.function_name.replace('_', "-").to_ascii_lowercase())
            .unwrap_or_default();
        let region = self.region.as_deref().unwrap_or("cn-hangzhou");
        Some(format!("{function}.{region}.fcapp.localhost"))
    }
}

/// The domains a command acts on: every fc3-domain resource when no resource is named (or
/// the one named), and the `customDomain` of each fc3 resource in `functions`.
pub fn plans(
    ctx: &Context,
    manifest: &Manifest,
    functions: &[&Resource],
) -> anyhow::Result<Vec<DomainPlan>> {
    let mut plans = Vec::new();
    for resource in functions {
        if let Some(spec) = resource.props.get("customDomain") {
            plans.push(from_prop(resource, spec)?);
        }
    }
    for resource in manifest
        .resources
        .iter()
        .filter(|r| r.component == COMPONENT)
    {
        if ctx
            .resource
            .as_ref()
            .is_none_or(|name| name == &resource.name)
        {
            plans.push(from_resource(resource)?);
        }
    }
    Ok(plans)
}

fn bad(resource: &str, what: impl std::fmt::Display) -> anyhow::Error {
    Hinted::new(
        format!("resource `{resource}`: {what}"),
        "run `s preview` to see the resolved props",
    )
    .into()
}

/// An `fc3-domain` resource's props.
fn from_resource(resource: &Resource) -> anyhow::Result<DomainPlan> {
    let props = &resource.props;
    let name = &resource.name;
    let routes: RouteConfig = match props.get("routeConfig") {
        Some(value) => serde_json::from_value(value.clone())
            .map_err(|e| bad(name, format!("invalid `routeConfig`: {e}")))?,
        None => {
            return Err(bad(
                name,
                "an fc3-domain resource needs `routeConfig.routes`",
            ))
        }
    };
    if routes.routes.is_empty() {
        return Err(bad(name, "`routeConfig.routes` is empty"));
    }
    let auth_config = match props.get("authConfig") {
        Some(value) => Some(auth_config(value).map_err(|e| bad(name, e))?),
        None => None,
    };
    let object = |key: &str| props.get(key).cloned();
    finish(
        resource,
        props,
        CustomDomainInput {
            route_config: Some(routes),
            auth_config,
            cert_config: object("certConfig"),
            tls_config: object("tlsConfig"),
            waf_config: object("wafConfig"),
            ..Default::default()
        },
    )
}

/// `customDomain: {domainName, protocol, route: {path, qualifier, methods}}` of an fc3
/// resource: one route to that resource's function.
fn from_prop(resource: &Resource, spec: &Value) -> anyhow::Result<DomainPlan> {
    let name = &resource.name;
    let function = super::info::function_name(&resource.props, name);
    let route = spec.get("route").cloned().unwrap_or_else(|| json!({}));
    let text = |key: &str| route.get(key).and_then(Value::as_str).map(str::to_string);
    let methods = match route.get("methods") {
        None | Some(Value::Null) => Vec::new(),
        Some(value) => serde_json::from_value(value.clone())
            .map_err(|e| bad(name, format!("invalid `customDomain.route.methods`: {e}")))?,
    };
    let routes = RouteConfig {
        routes: vec![PathConfig {
            path: text("path").unwrap_or_else(|| "/*".into()),
            function_name: function,
            qualifier: text("qualifier"),
            methods,
            rewrite_config: route.get("rewriteConfig").cloned(),
        }],
    };
    let object = |key: &str| spec.get(key).cloned();
    finish(
        resource,
        spec,
        CustomDomainInput {
            route_config: Some(routes),
            cert_config: object("certConfig"),
            tls_config: object("tlsConfig"),
            waf_config: object("wafConfig"),
            ..Default::default()
        },
    )
}

/// The parts both shapes share: `domainName`, `protocol`, and the checks FC would make.
fn finish(
    resource: &Resource,
    spec: &Value,
    mut input: CustomDomainInput,
) -> anyhow::Result<DomainPlan> {
    let name = &resource.name;
    let written_name = spec
        .get("domainName")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            bad(
                name,
                "the custom domain has no `domainName` (a name or `auto`)",
            )
        })?
        .to_string();
    if !written_name.eq_ignore_ascii_case("auto") {
        fc::check_domain_name(&fc::normalize_domain_name(&written_name))
            .map_err(|e| bad(name, e))?;
    }
    let protocol = spec
        .get("protocol")
        .and_then(Value::as_str)
        .unwrap_or("HTTP")
        .replace(' ', "")
        .to_ascii_uppercase();
    fc::check_protocol(&protocol).map_err(|e| bad(name, e))?;
    input.protocol = Some(protocol);
    if let Some(routes) = &input.route_config {
        fc::check_routes(routes).map_err(|e| {
            Hinted::new(
                format!("resource `{name}`: {e}"),
                "routes look like `{path: /api/*, functionName: api}`; paths are `/login`, `/api/*` or `/*`",
            )
        })?;
    }
    let region = resource
        .props
        .get("region")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(DomainPlan {
        resource: name.clone(),
        written_name,
        region,
        input,
    })
}

/// `authConfig: {authType, authInfo}`; `authInfo` may be written as an object.
fn auth_config(value: &Value) -> Result<DomainAuthConfig, String> {
    let auth_type = value
        .get("authType")
        .and_then(Value::as_str)
        .map(str::to_string);
    let auth_info = match value.get("authInfo") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(other) => Some(other.to_string()),
    };
    Ok(DomainAuthConfig {
        auth_type,
        auth_info,
    })
}

/// Where a browser or curl reaches a domain on the local engine.
pub fn local_url(client: &FcClient, name: &str) -> String {
    let port = reqwest::Url::parse(client.base_url())
        .ok()
        .and_then(|u| u.port_or_known_default())
        .unwrap_or(9630);
    let host = if name.ends_with(".localhost") {
        name.to_string()
    } else {
        format!("{name}.localhost")
    };
    format!("http://{host}:{port}/")
}

/// Create or update each domain; one summary per declaring resource.
pub async fn deploy(
    client: &FcClient,
    plans: &[DomainPlan],
    local: bool,
) -> anyhow::Result<Vec<(String, Value)>> {
    let mut out = Vec::new();
    let mut noted = false;
    for plan in plans {
        let Some(name) = plan.name(local) else {
            warn(format!(
                "resource `{}`: a custom domain with `domainName: auto` is not deployed here: its name comes from Serverless Devs' domain service; set `domainName` to a domain you own (with a CNAME to FC)",
                plan.resource
            ));
            continue;
        };
        let mut input = plan.input.clone();
        if local {
            let unused: Vec<&str> = REMOTE_ONLY
                .iter()
                .copied()
                .filter(|key| match *key {
                    "certConfig" => input.cert_config.take().is_some(),
                    "tlsConfig" => input.tls_config.take().is_some(),
                    _ => input.waf_config.take().is_some(),
                })
                .collect();
            if !unused.is_empty() && !noted {
                let (has, is) = match unused.len() {
                    1 => ("has", "is"),
                    _ => ("have", "are"),
                };
                warn(format!(
                    "custom domain `{name}`: `{}` {has} no meaning on the local engine and {is} left out",
                    unused.join("`, `")
                ));
                noted = true;
            }
        }
        let deployed = if client.find_domain(&name).await?.is_some() {
            client.update_domain(&name, &input).await?
        } else {
            input.domain_name = Some(name.clone());
            client.create_domain(&input).await?
        };
        let url = if local {
            local_url(client, &deployed.domain_name)
        } else {
            format!("http://{}/", deployed.domain_name)
        };
        status("Deployed", format!("custom domain `{name}` at {url}"));
        let summary = json!({
            "domainName": deployed.domain_name,
            "protocol": deployed.protocol,
            "url": url,
            "routes": deployed.route_config.routes,
        });
        out.push((plan.resource.clone(), summary));
    }
    Ok(out)
}

/// A resource's domains as `s info` shows them: `url.custom_domain` as fc3 does.
pub async fn describe(
    client: &FcClient,
    plans: &[DomainPlan],
    local: bool,
) -> anyhow::Result<Vec<(String, Value)>> {
    let mut out = Vec::new();
    for plan in plans {
        let Some(name) = plan.name(local) else {
            out.push((
                plan.resource.clone(),
                json!({"domainName": "auto", "deployed": false}),
            ));
            continue;
        };
        let value = match client.find_domain(&name).await? {
            None => json!({"domainName": name, "deployed": false}),
            Some(domain) => {
                let url = if local {
                    local_url(client, &domain.domain_name)
                } else {
                    format!("http://{}/", domain.domain_name)
                };
                let mut value = serde_json::to_value(&domain)?;
                value["url"] = json!({ "custom_domain": url });
                value
            }
        };
        out.push((plan.resource.clone(), value));
    }
    Ok(out)
}

/// Delete each domain that exists (before the functions it routes to).
pub async fn remove(client: &FcClient, plans: &[DomainPlan], local: bool) -> anyhow::Result<()> {
    for plan in plans {
        let Some(name) = plan.name(local) else {
            continue;
        };
        if client.find_domain(&name).await?.is_none() {
            status("Skipped", format!("custom domain `{name}` is not deployed"));
            continue;
        }
        client.delete_domain(&name).await?;
        status("Removed", format!("custom domain `{name}`"));
    }
    Ok(())
}

/// Put each domain's summary into a command's result: under `customDomain` of its fc3
/// resource's entry (with its URL as `url.custom_domain`, where fc3 shows it), or as the
/// entry of its fc3-domain resource.
pub fn merge_into(results: &mut serde_json::Map<String, Value>, domains: Vec<(String, Value)>) {
    for (resource, value) in domains {
        match results.get_mut(&resource) {
            Some(Value::Object(entry)) => {
                let url = value
                    .pointer("/url/custom_domain")
                    .or_else(|| value.get("url").filter(|u| u.is_string()))
                    .cloned();
                if let Some(url) = url {
                    if let Value::Object(urls) = entry.entry("url").or_insert_with(|| json!({})) {
                        urls.insert("custom_domain".into(), url);
                    }
                }
                entry.insert("customDomain".into(), value);
            }
            _ => {
                results.insert(resource, value);
            }
        }
    }
}
