//! `s completions`: print the completion script for a shell, generated from the clap
//! definition. The committed copies in `completions/` are checked against this output.

use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs};
use super::Context;

pub fn run(_ctx: &Context, args: CompletionsArgs) -> anyhow::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "s", &mut script);
    std::io::Write::write_all(&mut std::io::stdout(), &script)?;
    Ok(())
}
