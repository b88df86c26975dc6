//! `s remove`.

use super::args::RemoveArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: RemoveArgs) -> anyhow::Result<()> {
    super::not_implemented("remove")
}
