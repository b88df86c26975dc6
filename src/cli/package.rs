//! `s package`.

use super::args::PackageArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: PackageArgs) -> anyhow::Result<()> {
    super::not_implemented("package")
}
