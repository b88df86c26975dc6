//! Placeholder renderer for invocation results; replaced by the shared renderer.

use super::{Context, OutputFormat};
use crate::client::InvokeResponse;

pub struct InvocationView {
    pub response: InvokeResponse,
}

impl From<InvokeResponse> for InvocationView {
    fn from(response: InvokeResponse) -> Self {
        InvocationView { response }
    }
}

pub fn print(ctx: &Context, view: &InvocationView) -> anyhow::Result<()> {
    let r = &view.response;
    if ctx.output() == OutputFormat::Json {
        println!("{}", String::from_utf8_lossy(&r.body));
        return Ok(());
    }
    eprintln!("========= FC invoke Logs begin =========");
    eprint!("{}", r.log_result.clone().unwrap_or_default());
    eprintln!("========= FC invoke Logs end =========");
    eprintln!("Request ID: {}", r.request_id);
    println!("{}", String::from_utf8_lossy(&r.body));
    if r.error_type.is_some() {
        return Err(super::invoke::function_failed());
    }
    Ok(())
}
