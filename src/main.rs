//! Entry point: parse arguments, run the command, map the outcome to an exit code.
//! Everything else lives in the library modules; this file stays thin on purpose.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Inside a custom runtime's sandbox this binary is the instance's init, which relays the
    // engine's calls to the user's server (see `engine::runtime::relay`).
    if let Some(code) = s::engine::runtime::relay::main_if_init() {
        return code;
    }
    s::cli::main()
}
