//! `s invoke`: send an event to a deployed function (sync or async) and show what FC users
//! expect: the log tail, duration, memory, instance and request ids, then the result.

use std::io::Read;
use std::time::Duration;

use anyhow::Context as _;
use serde_json::json;

use super::args::InvokeArgs;
use super::info::function_name;
use super::output::status;
use super::target::{block_on, connect};
use super::{Context, Failure, Hinted, OutputFormat};
use crate::client::{InvokeOptions, InvokeResponse};

pub fn run(ctx: &Context, args: InvokeArgs) -> anyhow::Result<()> {
    let (name, timeout_s) = target_function(ctx, &args)?;
    let payload = read_payload(&args)?;
    let is_async = args.invocation_type.eq_ignore_ascii_case("async");
    let options = InvokeOptions {
        qualifier: Some(args.qualifier.clone()),
        is_async,
        async_task_id: args.async_task_id.clone(),
        log_tail: !is_async,
        timeout: Some(Duration::from_secs(args.timeout.unwrap_or(timeout_s + 5))),
    };
    let client = connect(ctx)?;
    let response = block_on(client.invoke(&name, payload, &options))?;
    if is_async {
        return print_async(ctx, &name, &response);
    }
    super::invoke_output::print(ctx, &response.into())?;
    Ok(())
}

/// The function to call and its timeout: `--function-name`, else the selected resource.
fn target_function(ctx: &Context, args: &InvokeArgs) -> anyhow::Result<(String, u64)> {
    if let Some(name) = &args.function_name {
        return Ok((name.clone(), 60));
    }
    let manifest = ctx.load_manifest()?;
    let resources = ctx.selected_resources(&manifest)?;
    if resources.len() > 1 {
        let names: Vec<&str> = resources.iter().map(|r| r.name.as_str()).collect();
        return Err(Hinted::new(
            "this project has several functions; say which one to invoke",
            format!(
                "run `s <resource> invoke`, with one of: {}",
                names.join(", ")
            ),
        )
        .into());
    }
    let resource = resources[0];
    let timeout = resource
        .props
        .get("timeout")
        .and_then(|t| t.as_u64())
        .unwrap_or(3);
    Ok((function_name(&resource.props, &resource.name), timeout))
}

/// The event: `-e`, `-f file`, `-f -` (stdin), or empty.
pub(crate) fn read_payload(args: &InvokeArgs) -> anyhow::Result<Vec<u8>> {
    if let Some(event) = &args.event {
        return Ok(event.clone().into_bytes());
    }
    match args.event_file.as_deref() {
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

fn print_async(ctx: &Context, name: &str, response: &InvokeResponse) -> anyhow::Result<()> {
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
        eprintln!("\nhint: follow it with `s task get {task}`");
    }
    println!("{}", task.unwrap_or_else(|| response.request_id.clone()));
    Ok(())
}

/// Exit code 1 after a function error was shown.
pub(crate) fn function_failed() -> anyhow::Error {
    Failure { code: 1 }.into()
}
