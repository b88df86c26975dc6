//! From `--target` to a connected FC client: the local engine (started on demand), another
//! engine by URL, or Alibaba Cloud FC.

use super::context::Target;
use super::{Context, Hinted};
use crate::client::FcClient;

/// A client for the command's target, starting the local engine when needed.
pub fn connect(ctx: &Context) -> anyhow::Result<FcClient> {
    match ctx.target()? {
        Target::Local => Ok(FcClient::new(&super::engine::ensure_engine(ctx)?)),
        Target::Url(url) => Ok(FcClient::new(&url)),
        Target::Fc => Err(Hinted::new(
            "deploying to Alibaba Cloud Function Compute is not available in this version",
            "use the local engine (`--target local`) or another engine (`--target http://host:port`)",
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
