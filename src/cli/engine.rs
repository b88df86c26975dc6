//! `s engine ...`.

use super::args::EngineCommand;
use super::Context;

pub fn run(_ctx: &Context, _cmd: EngineCommand) -> anyhow::Result<()> {
    super::not_implemented("engine")
}
