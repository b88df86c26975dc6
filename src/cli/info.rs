//! `s info`.

use super::args::InfoArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: InfoArgs) -> anyhow::Result<()> {
    super::not_implemented("info")
}
