//! Entry point: parse arguments, run the command, map the outcome to an exit code.
//! Everything else lives in the library modules; this file stays thin on purpose.

use std::process::ExitCode;

fn main() -> ExitCode {
    s::cli::main()
}
