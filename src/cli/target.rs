//! From `--target` to a connected FC client: the local engine (started on demand), another
//! engine by URL, or Alibaba Cloud FC at `https://<AccountID>.<region>.fc.aliyuncs.com`.
//! Remote targets sign every request with the access alias and retry throttling.

use serde_json::Value;

use super::context::Target;
use super::{Context, Hinted};
use crate::client::{FcClient, RetryPolicy, Signer};
use crate::credentials::Credential;
use crate::manifest::Resource;

/// A client for the command's target, starting the local engine when needed. With
/// `--target fc`, the region and endpoint come from the project's manifest when there is
/// one (read quietly: the command reports its own manifest problems), else the environment.
pub fn connect(ctx: &Context) -> anyhow::Result<FcClient> {
    if ctx.target()? != Target::Fc {
        return connect_for(ctx, &[]);
    }
    let manifest = ctx
        .manifest_path()
        .ok()
        .and_then(|path| crate::manifest::load(&path, &ctx.load_options()).ok());
    match &manifest {
        Some(loaded) => {
            let resources = ctx.selected_resources(&loaded.manifest).unwrap_or_default();
            connect_for(ctx, &resources)
        }
        None => connect_for(ctx, &[]),
    }
}

/// A client for the command's target, for the resources it acts on: with `--target fc`
/// their `region` and `endpoint` props say where to go.
pub fn connect_for(ctx: &Context, resources: &[&Resource]) -> anyhow::Result<FcClient> {
    match ctx.target()? {
        Target::Local => {
            let client = FcClient::new(&super::engine::ensure_engine(ctx)?);
            // The local engine is open unless started with `-a`; sign only when asked to.
            match &ctx.global.access {
                Some(_) => Ok(client.with_signer(signer(&required(ctx, "signing")?))),
                None => Ok(client),
            }
        }
        Target::Url(url) => {
            let client = FcClient::new(&url).with_retries(RetryPolicy::remote());
            match super::config::credential(ctx)? {
                Some(credential) => Ok(client.with_signer(signer(&credential))),
                None => Ok(client),
            }
        }
        Target::Fc => {
            let credential = required(ctx, "`--target fc`")?;
            let endpoint = fc_endpoint(ctx, &credential, resources)?;
            Ok(FcClient::new(&endpoint)
                .with_signer(signer(&credential))
                .with_retries(RetryPolicy::remote()))
        }
    }
}

fn required(ctx: &Context, purpose: &str) -> anyhow::Result<Credential> {
    super::config::required_credential(ctx, purpose)
}

fn signer(credential: &Credential) -> Signer {
    Signer::new(
        &credential.access_key_id,
        &credential.access_key_secret,
        credential.security_token.clone(),
    )
}

/// The FC endpoint: `--endpoint`, else the resources' `endpoint` prop, else the
/// account-scoped endpoint of their `region`.
fn fc_endpoint(
    ctx: &Context,
    credential: &Credential,
    resources: &[&Resource],
) -> anyhow::Result<String> {
    if let Some(endpoint) = &ctx.global.endpoint {
        return Ok(endpoint_url(endpoint));
    }
    if let Some(endpoint) = one_prop(resources, "endpoint")? {
        return Ok(endpoint_url(&endpoint));
    }
    let region = match one_prop(resources, "region")? {
        Some(region) => region,
        None => region_from_env().ok_or_else(|| {
            Hinted::new(
                "`--target fc` needs a region",
                "set `region` in the resource's props, or `ALIBABA_CLOUD_REGION_ID`",
            )
        })?,
    };
    let account = credential.account_id.as_deref().ok_or_else(|| {
        Hinted::new(
            format!("access `{}` has no `AccountID`", credential.alias),
            format!(
                "add it with `s config add -a {} --AccountID ID ...`, or set `AccountID`",
                credential.alias
            ),
        )
    })?;
    Ok(fc_url(account, &region))
}

/// `https://<AccountID>.<region>.fc.aliyuncs.com`.
pub fn fc_url(account_id: &str, region: &str) -> String {
    format!("https://{account_id}.{region}.fc.aliyuncs.com")
}

/// An endpoint as users write it: a bare host gets `https://`.
pub fn endpoint_url(endpoint: &str) -> String {
    let endpoint = endpoint.trim().trim_end_matches('/');
    if endpoint.starts_with("http://") || endpoint.starts_with("https://") {
        endpoint.to_string()
    } else {
        format!("https://{endpoint}")
    }
}

fn region_from_env() -> Option<String> {
    ["ALIBABA_CLOUD_REGION_ID", "REGION"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
}

/// The value of a string prop that every resource agrees on.
fn one_prop(resources: &[&Resource], key: &str) -> anyhow::Result<Option<String>> {
    let mut values: Vec<&str> = resources
        .iter()
        .filter_map(|r| r.props.get(key).and_then(Value::as_str))
        .filter(|v| !v.trim().is_empty())
        .collect();
    values.sort();
    values.dedup();
    match values.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.to_string())),
        many => Err(Hinted::new(
            format!("the resources use different `{key}`s: {}", many.join(", ")),
            "act on one resource at a time with `s <resource> <command>`",
        )
        .into()),
    }
}

/// Run a future to completion on a runtime made for this command.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime can be created")
        .block_on(future)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::{GlobalArgs, OutputFormat};
    use serde_json::json;

    fn ctx(endpoint: Option<&str>) -> Context {
        Context::new(
            GlobalArgs {
                template: None,
                access: None,
                output: OutputFormat::Default,
                target: Some("fc".into()),
                endpoint: endpoint.map(str::to_string),
                debug: false,
                assume_yes: false,
                skip_actions: false,
            },
            None,
        )
    }

    fn credential(account: Option<&str>) -> Credential {
        Credential {
            alias: "prod".into(),
            access_key_id: "id".into(),
            access_key_secret: "secret".into(),
            account_id: account.map(str::to_string),
            security_token: None,
        }
    }

    fn resource(props: Value) -> Resource {
        Resource {
            name: "f".into(),
            component: "fc3".into(),
            props,
            depends_on: Vec::new(),
            actions: Vec::new(),
        }
    }

    #[test]
    fn the_fc_endpoint_is_account_scoped_in_the_resource_region() {
        let r = resource(json!({"region": "cn-shanghai"}));
        let url = fc_endpoint(&ctx(None), &credential(Some("1234")), &[&r]).unwrap();
        assert_eq!(url, "https://1234.cn-shanghai.fc.aliyuncs.com");
    }

    #[test]
    fn endpoint_flag_beats_the_prop_and_the_prop_beats_the_region() {
        let r = resource(json!({"region": "cn-shanghai", "endpoint": "fc.example.com"}));
        let c = credential(Some("1234"));
        let url = fc_endpoint(&ctx(None), &c, &[&r]).unwrap();
        assert_eq!(url, "https://fc.example.com");
        let url = fc_endpoint(&ctx(Some("http://10.0.0.5:9630/")), &c, &[&r]).unwrap();
        assert_eq!(url, "http://10.0.0.5:9630");
    }

    #[test]
    fn a_missing_account_id_or_mixed_regions_are_explained() {
        let r = resource(json!({"region": "cn-shanghai"}));
        let err = fc_endpoint(&ctx(None), &credential(None), &[&r]).unwrap_err();
        assert!(err.to_string().contains("no `AccountID`"), "{err}");
        let other = resource(json!({"region": "cn-beijing"}));
        let err = fc_endpoint(&ctx(None), &credential(Some("1")), &[&r, &other]).unwrap_err();
        assert!(err.to_string().contains("different `region`s"), "{err}");
    }

    /// What goes on the wire to FC: the account-scoped host, signed, without a network.
    #[test]
    fn requests_to_fc_are_signed_for_its_host() {
        let client = reqwest::Client::new();
        let base = fc_url("1234", "cn-hangzhou");
        let mut request = client
            .get(format!("{base}/2023-03-30/functions/f"))
            .build()
            .unwrap();
        signer(&credential(Some("1234"))).sign(&mut request);
        let headers = request.headers();
        assert_eq!(headers["host"], "1234.cn-hangzhou.fc.aliyuncs.com");
        assert_eq!(headers["x-acs-action"], "GetFunction");
        let auth = headers["authorization"].to_str().unwrap();
        assert!(
            auth.starts_with("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-action;"),
            "{auth}"
        );
    }
}
