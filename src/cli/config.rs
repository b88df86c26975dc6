//! `s config ...`.

use super::args::ConfigCommand;
use super::Context;

pub fn run(_ctx: &Context, _cmd: ConfigCommand) -> anyhow::Result<()> {
    super::not_implemented("config")
}
