//! `s invoke`.

use super::args::InvokeArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: InvokeArgs) -> anyhow::Result<()> {
    super::not_implemented("invoke")
}
