//! The private line into a custom runtime's sandbox. Inside its own network namespace the
//! user's server listens on FC's port (`customRuntimeConfig.port`, default 9000), where the
//! engine cannot reach it. So this binary is bound into the sandbox as its first program
//! (`s __instance-init`): it starts the user's command, and relays every connection it
//! accepts on the Unix socket the engine handed it (descriptor 3) to `127.0.0.1:<port>`
//! inside the namespace.
//!
//! The socket file lives in the engine's own instance dir, which the sandbox never sees. A
//! connection must open with the instance's secret (hex, [`SECRET_LEN`] bytes) before
//! anything is relayed; the relay then answers one byte: [`CONNECTED`] once the user's
//! server accepted, anything else when it is not listening (yet). This runs inside the
//! sandbox with the function's privileges, so it trusts nothing it reads.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::process::ExitCode;
use std::time::Duration;

/// The hidden first argument that makes this binary the instance's init.
pub const INIT_ARG: &str = "__instance-init";
/// Length of the secret a connection opens with.
pub const SECRET_LEN: usize = 64;
/// The relay's answer once the user's server accepted the connection.
pub const CONNECTED: u8 = 0;
const REFUSED: u8 = 1;
/// The variables the engine passes to the relay; the user's command never sees them.
pub const PORT_VAR: &str = "S_RELAY_PORT";
pub const SECRET_VAR: &str = "S_RELAY_SECRET";

/// Run as the instance's init when asked to (`s __instance-init -- command...`).
pub fn main_if_init() -> Option<ExitCode> {
    let mut args = std::env::args_os().skip(1);
    if args.next().is_none_or(|a| a != INIT_ARG) {
        return None;
    }
    let command: Vec<_> = args.skip_while(|a| a == "--").collect();
    Some(run(command))
}

fn run(command: Vec<std::ffi::OsString>) -> ExitCode {
    let port: u16 = std::env::var(PORT_VAR)
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(9000);
    let secret = std::env::var(SECRET_VAR).unwrap_or_default().into_bytes();
    // SAFETY: descriptor 3 is the listening socket the engine mapped there for this process
    // alone; nothing else in this process owns it.
    let listener = unsafe { UnixListener::from_raw_fd(3) };
    let _ = nix::fcntl::fcntl(
        listener.as_raw_fd(),
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    );
    let Some((program, args)) = command.split_first() else {
        eprintln!("instance init: no command to run");
        return ExitCode::from(2);
    };
    let mut child = match std::process::Command::new(program)
        .args(args)
        .env_remove(PORT_VAR)
        .env_remove(SECRET_VAR)
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot start `{}`: {e}", program.to_string_lossy());
            return ExitCode::from(127);
        }
    };
    if secret.len() == SECRET_LEN {
        std::thread::spawn(move || accept_loop(listener, port, secret));
    }
    exit_code(child.wait())
}

fn exit_code(status: std::io::Result<std::process::ExitStatus>) -> ExitCode {
    use std::os::unix::process::ExitStatusExt;
    match status {
        Ok(s) => match (s.code(), s.signal()) {
            (Some(code), _) => ExitCode::from(code as u8),
            (None, Some(signal)) => ExitCode::from(128 + signal as u8),
            _ => ExitCode::FAILURE,
        },
        Err(_) => ExitCode::FAILURE,
    }
}

fn accept_loop(listener: UnixListener, port: u16, secret: Vec<u8>) {
    for stream in listener.incoming().flatten() {
        let secret = secret.clone();
        std::thread::spawn(move || {
            let _ = relay(stream, port, &secret);
        });
    }
}

fn relay(mut engine: UnixStream, port: u16, secret: &[u8]) -> std::io::Result<()> {
    engine.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut offered = vec![0; SECRET_LEN];
    engine.read_exact(&mut offered)?;
    if !same(&offered, secret) {
        return Ok(());
    }
    engine.set_read_timeout(None)?;
    let app = match TcpStream::connect(("127.0.0.1", port)) {
        Ok(app) => app,
        Err(_) => return engine.write_all(&[REFUSED]),
    };
    let _ = app.set_nodelay(true);
    engine.write_all(&[CONNECTED])?;
    let (mut engine_in, mut app_out) = (engine.try_clone()?, app.try_clone()?);
    let upstream = std::thread::spawn(move || {
        let _ = std::io::copy(&mut engine_in, &mut app_out);
        let _ = app_out.shutdown(Shutdown::Write);
    });
    let (mut app_in, mut engine_out) = (app, engine);
    let _ = std::io::copy(&mut app_in, &mut engine_out);
    let _ = engine_out.shutdown(Shutdown::Write);
    let _ = upstream.join();
    Ok(())
}

/// Compare without an early exit, so the time taken tells nothing about the secret.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same(b"abcd", b"abcd"));
        assert!(!same(b"abcd", b"abce"));
        assert!(!same(b"abc", b"abcd"));
    }
}
