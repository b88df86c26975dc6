//! `s build`.

use super::args::BuildArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: BuildArgs) -> anyhow::Result<()> {
    super::not_implemented("build")
}
