//! The command line: parse, pick the command, report errors. One file per verb; each
//! verb is a thin layer over the library modules (`manifest`, `package`, `client`, `engine`).

pub mod args;
pub mod context;
pub mod output;

mod bucket;
mod build;
mod chart;
mod completions;
mod config;
mod console;
mod deploy;
mod domain;
mod engine;
mod foreign;
mod hooks;
mod info;
mod init;
mod invoke;
mod invoke_output;
mod layer;
mod local;
mod logs;
mod metrics;
mod package;
mod preview;
mod queue;
mod remove;
mod target;
mod task;
mod version;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

pub use args::{Cli, Command, OutputFormat};
pub use context::Context;
pub use output::{Failure, Hinted};

/// Parse `std::env::args`, run, and turn the result into an exit code:
/// 0 ok, 1 failure, 2 usage (clap's own code).
pub fn main() -> ExitCode {
    exit_quietly_on_broken_pipe();
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(refusal) = foreign::refuse_foreign(&argv) {
        return output::report_error(&refusal.into());
    }
    let (resource, argv) = split_resource_prefix(argv);
    let cli = match Cli::try_parse_from(&argv) {
        Ok(cli) => cli,
        Err(err) => {
            if let Some(refusal) = foreign::refuse_mistyped_command(&argv) {
                return output::report_error(&refusal.into());
            }
            let err = foreign::keep_plausible_suggestions(err, &argv);
            // clap prints help/version to stdout and errors to stderr with the right code.
            let code = err.exit_code();
            let _ = err.print();
            return ExitCode::from(code as u8);
        }
    };
    output::init_color();
    if cli.global.debug || std::env::var("DEBUG").is_ok_and(|v| v == "true") {
        output::init_debug_log();
    }
    let ctx = Context::new(cli.global.clone(), resource);
    match run(&ctx, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => output::report_error(&err),
    }
}

/// `println!` panics when stdout is a pipe its reader closed (`s info | head`). The reader
/// had what it wanted: that is success, for every command at once, not a panic and exit 101.
fn exit_quietly_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

/// Dispatch one parsed command.
pub fn run(ctx: &Context, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Preview(args) => preview::run(ctx, args),
        Command::Package(args) => package::run(ctx, args),
        Command::Deploy(args) => deploy::run(ctx, args),
        Command::Invoke(args) => invoke::run(ctx, args),
        Command::Info(args) => info::run(ctx, args),
        Command::Remove(args) => remove::run(ctx, args),
        Command::Logs(args) => logs::run(ctx, args),
        Command::Metrics(args) => metrics::run(ctx, args),
        Command::Config(cmd) => config::run(ctx, cmd),
        Command::Build(args) => build::run(ctx, args),
        Command::Layer(cmd) => layer::run(ctx, cmd),
        Command::Version(cmd) => version::run_version(ctx, cmd),
        Command::Alias(cmd) => version::run_alias(ctx, cmd),
        Command::Local(cmd) => local::run(ctx, cmd),
        Command::Task(cmd) => task::run(ctx, cmd),
        Command::Queue(cmd) => queue::run(ctx, cmd),
        Command::Bucket(cmd) => bucket::run(ctx, cmd),
        Command::Engine(cmd) => engine::run(ctx, cmd),
        Command::Console => console::run(ctx),
        Command::Completions(args) => completions::run(ctx, args),
    }
}

/// Serverless Devs accepts `s <resource> <command> ...`: when the first argument is not a
/// known command or flag but the second is, the first names a resource.
fn split_resource_prefix(
    mut argv: Vec<std::ffi::OsString>,
) -> (Option<String>, Vec<std::ffi::OsString>) {
    let is_command = |arg: &std::ffi::OsString| {
        let name = arg.to_string_lossy();
        Cli::command()
            .get_subcommands()
            .any(|c| c.get_name() == name)
    };
    if argv.len() >= 3 {
        let first = argv[1].to_string_lossy().to_string();
        if !first.starts_with('-') && !is_command(&argv[1]) && is_command(&argv[2]) {
            argv.remove(1);
            return (Some(first), argv);
        }
    }
    (None, argv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
        args.iter().map(|a| a.into()).collect()
    }

    #[test]
    fn resource_prefix_is_split_off_before_a_known_command() {
        let (resource, argv) = split_resource_prefix(os(&["s", "api", "invoke", "-e", "{}"]));
        assert_eq!(resource.as_deref(), Some("api"));
        assert_eq!(argv, os(&["s", "invoke", "-e", "{}"]));
    }

    #[test]
    fn known_command_first_is_not_a_resource() {
        let (resource, argv) = split_resource_prefix(os(&["s", "init", "deploy"]));
        assert_eq!(resource, None);
        assert_eq!(argv.len(), 3);
    }

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// `s <command> --help` explains every flag and argument, as Serverless Devs' does.
    #[test]
    fn every_argument_of_every_command_has_help() {
        fn missing(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                    out.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                missing(sub, &format!("{path} {}", sub.get_name()), out);
            }
        }
        let mut out = Vec::new();
        missing(&Cli::command(), "s", &mut out);
        assert!(
            out.is_empty(),
            "arguments without help:\n{}",
            out.join("\n")
        );
    }
}
