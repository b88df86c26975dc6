//! `s init`.

use super::args::InitArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: InitArgs) -> anyhow::Result<()> {
    super::not_implemented("init")
}
