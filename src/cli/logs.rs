//! `s logs`.

use super::args::LogsArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: LogsArgs) -> anyhow::Result<()> {
    super::not_implemented("logs")
}
