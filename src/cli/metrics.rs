//! `s metrics`.

use super::args::MetricsArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: MetricsArgs) -> anyhow::Result<()> {
    super::not_implemented("metrics")
}
