//! `s queue ...`.

use super::args::QueueCommand;
use super::Context;

pub fn run(_ctx: &Context, _cmd: QueueCommand) -> anyhow::Result<()> {
    super::not_implemented("queue")
}
