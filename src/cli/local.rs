//! `s local invoke`: run a function of the project once, from its code folder, through an
//! in-process instance pool (no engine, no deploy), and print the result like `s invoke`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use bytes::Bytes;

use super::args::{InvokeArgs, LocalCommand};
use super::invoke_output::{render, InvokeOutput};
use super::{output, Context, Failure, Hinted};
use crate::engine::pool::{
    EventSink, FunctionSpec, InstancePool, Invocation, InvocationRecord, LogLine, PoolConfig,
};
use crate::fc;
use crate::manifest::{Manifest, Resource};

pub fn run(ctx: &Context, cmd: LocalCommand) -> anyhow::Result<()> {
    match cmd {
        LocalCommand::Invoke(args) => invoke(ctx, args),
    }
}

/// Lines are shown through the result's log tail; nothing else needs keeping.
struct Discard;

impl EventSink for Discard {
    fn log_line(&self, _line: LogLine) {}
    fn invocation_finished(&self, _record: InvocationRecord) {}
}

fn invoke(ctx: &Context, args: InvokeArgs) -> anyhow::Result<()> {
    let manifest = ctx.load_manifest()?;
    let resource = super::invoke::single_resource(ctx, &manifest)?;
    let spec = function_spec(&manifest, resource)?;
    let payload = Bytes::from(super::invoke::read_payload(&args)?);
    if args.invocation_type.eq_ignore_ascii_case("async") {
        output::warn("`s local invoke` runs the function synchronously");
    }
    let memory = spec.function.memory_mb();
    let request_id = fc::new_request_id();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let scratch = tempfile::tempdir().context("cannot create a scratch folder")?;
    let result = runtime.block_on(async {
        let pool = InstancePool::new(
            PoolConfig {
                idle_timeout: Duration::from_secs(600),
                max_instances: 1,
                scratch_dir: scratch.path().to_path_buf(),
            },
            Arc::new(Discard),
        );
        let invocation = Invocation {
            request_id: request_id.clone(),
            payload,
            is_async: false,
            retry_count: 0,
            headers: vec![],
            http: None,
        };
        let result = pool.invoke(Arc::new(spec), invocation).await;
        pool.shutdown().await;
        result
    });
    let result = result.map_err(|err| {
        Hinted::new(
            format!("the function could not start: {err}"),
            "check `runtime`, `handler` and `code` in `s.yaml`",
        )
    })?;
    let out = InvokeOutput::from_result(&result, &request_id, memory);
    render(&out, ctx.output())?;
    if out.failed() {
        return Err(Failure { code: 1 }.into());
    }
    Ok(())
}

/// The function as FC would create it from these props, running from the local code folder.
fn function_spec(manifest: &Manifest, resource: &Resource) -> anyhow::Result<FunctionSpec> {
    let mut input = fc::function_input_from_props(&resource.props).map_err(|e| {
        Hinted::new(
            format!("invalid props of `{}`: {e}", resource.name),
            "see `s preview` for the resolved manifest",
        )
    })?;
    if input.function_name.is_none() {
        input.function_name = Some(resource.name.clone());
    }
    let function = fc::Function::from_input(&input);
    let code_dir = code_dir(manifest, resource);
    if !code_dir.is_dir() {
        return Err(Hinted::new(
            format!("code folder `{}` does not exist", code_dir.display()),
            "set `code` in the resource props to the folder with your handler",
        )
        .into());
    }
    let region = resource.props["region"]
        .as_str()
        .unwrap_or("cn-hangzhou")
        .to_string();
    Ok(FunctionSpec {
        function,
        code_dir,
        generation: 1,
        region,
        account_id: "local".into(),
        reserved_concurrency: None,
        layer_root: None,
        version: None,
    })
}

/// `code: ./code` or `code: {src: ./code}`, relative to the manifest; default its folder.
fn code_dir(manifest: &Manifest, resource: &Resource) -> PathBuf {
    let code = &resource.props["code"];
    let rel = code
        .as_str()
        .or_else(|| code["src"].as_str())
        .unwrap_or(".");
    let dir = manifest.dir().join(rel);
    dir.canonicalize().unwrap_or(dir)
}
