//! `s engine ...`.

use super::args::EngineCommand;
use super::Context;

pub fn run(_ctx: &Context, _cmd: EngineCommand) -> anyhow::Result<()> {
    super::not_implemented("engine")
}

/// Placeholder until the engine lands: the URL the engine would answer on.
pub(crate) fn ensure_engine(_ctx: &Context) -> anyhow::Result<String> {
    Ok(crate::paths::engine_url())
}
