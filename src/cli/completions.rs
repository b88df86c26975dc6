//! `s completions`.

use super::args::CompletionsArgs;
use super::Context;

pub fn run(_ctx: &Context, _args: CompletionsArgs) -> anyhow::Result<()> {
    super::not_implemented("completions")
}
