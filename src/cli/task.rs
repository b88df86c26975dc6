//! `s task ...`.

use super::args::TaskCommand;
use super::Context;

pub fn run(_ctx: &Context, _cmd: TaskCommand) -> anyhow::Result<()> {
    super::not_implemented("task")
}
