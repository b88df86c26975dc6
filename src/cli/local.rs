//! `s local ...`.

use super::args::LocalCommand;
use super::Context;

pub fn run(_ctx: &Context, _cmd: LocalCommand) -> anyhow::Result<()> {
    super::not_implemented("local")
}
