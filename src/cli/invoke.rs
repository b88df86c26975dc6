//! `s invoke`: send an event to a deployed function (sync or async) and show what FC users
//! expect: the log tail, duration, memory, instance and request ids, then the result.

use std::io::Read;
use std::time::Duration;

use anyhow::Context as _;
use serde_json::json;

use super::args::InvokeArgs;
use super::info::function_name;
use super::invoke_output::{render, InvokeOutput};
use super::output::status;
use super::target::{block_on, connect};
use super::{Context, Failure, Hinted, OutputFormat};
use crate::client::{InvokeOptions, InvokeResponse};
use crate::fc;
use crate::manifest::{Manifest, Resource};

pub fn run(ctx: &Context, args: InvokeArgs) -> anyhow::Result<()> {
    let (name, timeout_s, memory_mb) = target_function(ctx, &args)?;
    let payload = read_payload(&args)?;
    let is_async = args.invocation_type.eq_ignore_ascii_case("async");
    let options = InvokeOptions {
        qualifier: Some(args.qualifier.clone()),
        is_async,
        async_task_id: args
            .async_task_id
            .clone()
            .or_else(|| args.stateful_async_invocation_id.clone()),
        log_tail: !is_async,
        timeout: Some(Duration::from_secs(
            args.timeout.unwrap_or(timeout_s + patience_s()),
        )),
    };
    let client = connect(ctx)?;
    let response = block_on(client.invoke(&name, payload, &options))?;
    if is_async {
        return print_async(ctx, &name, &response, args.function_name.is_some());
    }
    let output = InvokeOutput::from_response(&response, memory_mb);
    if args.silent {
        output.print_result_only()?;
    } else {
        render(&output, ctx.output())?;
    }
    if output.failed() {
        return Err(Failure { code: 1 }.into());
    }
    Ok(())
}

/// How long past the function's own timeout to wait: the engine may first start an
/// instance (and run its initializer), which it allows this long.
fn patience_s() -> u64 {
    crate::engine::runtime::START_TIMEOUT.as_secs() + 10
}

/// The function to call, its timeout and memory size: `--function-name`, else the selected
/// resource.
fn target_function(ctx: &Context, args: &InvokeArgs) -> anyhow::Result<(String, u64, u32)> {
    if let Some(name) = &args.function_name {
        return Ok((name.clone(), 60, fc::DEFAULT_MEMORY_MB));
    }
    let manifest = ctx.load_manifest()?;
    let resource = single_resource(ctx, &manifest)?;
    let number = |key: &str, default: u32| {
        let value = resource.props.get(key).and_then(|v| v.as_u64());
        value.map_or(default, |v| v as u32)
    };
    let timeout = number("timeout", fc::DEFAULT_TIMEOUT_S).into();
    let memory = number("memorySize", fc::DEFAULT_MEMORY_MB);
    Ok((
        function_name(&resource.props, &resource.name),
        timeout,
        memory,
    ))
}

/// The one function a command acts on: `s <resource> <command>`, or the project's only one.
pub(crate) fn single_resource<'m>(
    ctx: &Context,
    manifest: &'m Manifest,
) -> anyhow::Result<&'m Resource> {
    let resources = ctx.selected_resources(manifest)?;
    if let [only] = resources.as_slice() {
        return Ok(only);
    }
    let names: Vec<&str> = resources.iter().map(|r| r.name.as_str()).collect();
    Err(Hinted::new(
        "this project has several functions; say which one to invoke",
        format!(
            "run `s <resource> invoke`, with one of: {}",
            names.join(", ")
        ),
    )
    .into())
}

/// The event: `-e`, `-f file`, `-f -` (stdin), or empty.
pub(crate) fn read_payload(args: &InvokeArgs) -> anyhow::Result<Vec<u8>> {
    if let Some(event) = &args.event {
        return Ok(event.clone().into_bytes());
    }
    let stdin = args.event_stdin.then(|| std::path::Path::new("-"));
    match args.event_file.as_deref().or(stdin) {
        Some(path) if path.as_os_str() == "-" => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .context("cannot read the event from stdin")?;
            Ok(buf)
        }
        Some(path) => std::fs::read(path)
            .with_context(|| format!("cannot read the event file `{}`", path.display())),
        None => Ok(Vec::new()),
    }
}

fn print_async(
    ctx: &Context,
    name: &str,
    response: &InvokeResponse,
    by_name: bool,
) -> anyhow::Result<()> {
    let task = response.async_task_id.clone();
    if ctx.output() == OutputFormat::Json {
        let value = json!({"functionName": name, "requestId": response.request_id, "taskId": task});
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    status("Accepted", format!("async invocation of `{name}`"));
    eprintln!("Request ID: {}", response.request_id);
    if let Some(task) = &task {
        eprintln!("Task ID: {task}");
        // `s task` finds the function through the manifest: name the resource when this
        // command did, since a project with several functions needs it.
        if !by_name {
            let command = match &ctx.resource {
                Some(resource) => format!("s {resource} task get {task}"),
                None => format!("s task get {task}"),
            };
            eprintln!("\nhint: follow it with `{command}`");
        }
    }
    println!("{}", task.unwrap_or_else(|| response.request_id.clone()));
    Ok(())
}
