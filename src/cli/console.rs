//! `s console`: the URL of the engine's web console. On a terminal it opens a browser with
//! `xdg-open` (or `open` on macOS) when one can be shown; otherwise, and always off a
//! terminal, it prints the URL on stdout.

use std::io::IsTerminal as _;
use std::process::{Command, Stdio};

use super::context::Target;
use super::{Context, Hinted};
use crate::engine::server::ui::PREFIX;

pub fn run(ctx: &Context) -> anyhow::Result<()> {
    let base = match ctx.target()? {
        Target::Local => super::engine::ensure_engine(ctx)?,
        Target::Url(url) => url,
        Target::Fc => {
            return Err(Hinted::new(
                "the console belongs to the local engine, not to Alibaba Cloud FC",
                "use FC's own console for `--target fc`, or run `s console` without `--target`",
            )
            .into())
        }
    };
    let url = console_url(&base);
    if std::io::stdout().is_terminal() && open_in_browser(&url) {
        eprintln!("opened {url} in your browser");
        return Ok(());
    }
    println!("{url}");
    Ok(())
}

/// `http://host:port` → `http://host:port/_s/ui/`.
fn console_url(base: &str) -> String {
    format!("{}{PREFIX}/", base.trim_end_matches('/'))
}

/// Hand the URL to the desktop's opener; false when there is none to run or no display.
fn open_in_browser(url: &str) -> bool {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        let display = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|v| !v.is_empty()));
        if !display {
            return false;
        }
        "xdg-open"
    };
    Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_url_is_under_the_engine() {
        assert_eq!(
            console_url("http://127.0.0.1:9630"),
            "http://127.0.0.1:9630/_s/ui/"
        );
        assert_eq!(console_url("http://h:1/"), "http://h:1/_s/ui/");
    }
}
