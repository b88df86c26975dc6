//! `s preview`.

use super::args::PreviewArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: PreviewArgs) -> anyhow::Result<()> {
    super::not_implemented("preview")
}
