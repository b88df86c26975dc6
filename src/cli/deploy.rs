//! `s deploy`.

use super::args::DeployArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: DeployArgs) -> anyhow::Result<()> {
    super::not_implemented("deploy")
}
