//! `s logs`: stored lines of the project's functions (last 20 minutes unless `-s/-e` say
//! otherwise), or with `--tail` a live stream that reconnects with backoff and resumes from
//! the last line seen, until Ctrl-C. Lines go to stdout, short enough for an 80-100 column
//! terminal: `time request text` (UTC time of day, the request id's last 8 characters, the
//! function's name before the text when more than one function is shown), colored by stream
//! and level on a terminal; `-o json` gives one whole JSON object per line instead.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::Context as _;
use colored::Colorize;
use serde_json::json;

use super::args::LogsArgs;
use super::context::Target;
use super::target::{block_on, connect};
use super::{Context, Hinted, OutputFormat};
use crate::client::{ClientError, FcClient, LogStreamEvent};
use crate::engine::store::parse_duration;
use crate::fc::observe::{LogEntry, LogQuery};

/// The window `s logs` shows without `-s`.
const DEFAULT_WINDOW: Duration = Duration::from_secs(20 * 60);
const MAX_BACKOFF: Duration = Duration::from_secs(2);

pub fn run(ctx: &Context, args: LogsArgs) -> anyhow::Result<()> {
    refuse_remote_fc(ctx, "logs")?;
    if let Some(query) = &args.query {
        return Err(Hinted::new(
            format!("`--query {query}` is Log Service (SLS) syntax, which the local log store does not read"),
            "filter with `--search TEXT`, `--request-id ID`, `--instance-id ID` or `--type fail`",
        )
        .into());
    }
    let manifest = ctx.load_manifest()?;
    let functions: Vec<String> = ctx
        .selected_resources(&manifest)?
        .iter()
        .map(|r| super::info::function_name(&r.props, &r.name))
        .collect();
    let query = build_query(&args, functions, crate::fc::epoch_ms())?;
    let printer = Printer::new(ctx.output(), args.highlight.clone(), &query);
    let client = connect(ctx)?;
    if args.tail {
        block_on(follow(&client, query, &printer))
    } else {
        let printed = block_on(print_stored(&client, query.clone(), &printer))?;
        if printed == 0 {
            say_nothing_found(&args, &query);
        }
        Ok(())
    }
}

/// Print page by page, so a long window never sits in memory; how many lines were printed.
async fn print_stored(
    client: &FcClient,
    mut query: LogQuery,
    printer: &Printer,
) -> anyhow::Result<usize> {
    let mut printed = 0;
    loop {
        let page = client.query_logs(&query).await?;
        page.lines.iter().try_for_each(|line| printer.print(line))?;
        printed += page.lines.len();
        match page.next_after {
            Some(after) => query.after = Some(after),
            None => return Ok(printed),
        }
    }
}

/// An empty answer says so on stderr (stdout stays empty for scripts), with the window it
/// looked at and how to look further.
fn say_nothing_found(args: &LogsArgs, query: &LogQuery) {
    let (start, end) = (query.start_ms.unwrap_or(0), query.end_ms.unwrap_or(0));
    let filtered = args.request_id.is_some()
        || args.instance_id.is_some()
        || args.kind.is_some()
        || args.search.is_some();
    let filters = if filtered {
        " matching the filters"
    } else {
        ""
    };
    super::output::warn(format!(
        "no log lines of {}{filters} between {} and {}",
        names(query),
        format_time(start),
        format_time(end)
    ));
    let hint = if args.start_time.is_some() {
        "hint: look further back with an earlier `--start-time` (e.g. `-s 1d`), or follow new lines with `--tail`"
    } else {
        "hint: `s logs` shows the last 20 minutes; look further back with `--start-time` (e.g. `-s 2h`, `-s 1d`), or follow new lines with `--tail`"
    };
    eprintln!("\n{hint}");
}

/// Logs and metrics of Alibaba Cloud FC live in its Log Service, which `s` does not read.
pub(crate) fn refuse_remote_fc(ctx: &Context, what: &str) -> anyhow::Result<()> {
    if ctx.target()? == Target::Fc {
        return Err(Hinted::new(
            format!("`s {what}` reads the local engine; functions on Alibaba Cloud FC keep their logs and metrics in Log Service, which `s` cannot read yet"),
            "open the function's Logs and Monitoring tabs in the FC console, or use `--target local` / an engine URL",
        )
        .into());
    }
    Ok(())
}

/// The engine query for the flags, with `now_ms` for relative times.
fn build_query(args: &LogsArgs, functions: Vec<String>, now_ms: i64) -> anyhow::Result<LogQuery> {
    let start = args
        .start_time
        .as_deref()
        .map(|t| parse_time(t, now_ms))
        .transpose()?;
    let end = args
        .end_time
        .as_deref()
        .map(|t| parse_time(t, now_ms))
        .transpose()?;
    if let Some(kind) = args.kind.as_deref() {
        if kind != "success" && kind != "fail" {
            return Err(Hinted::new(
                format!("`--type {kind}` is not a log type"),
                "use `--type success` or `--type fail`",
            )
            .into());
        }
    }
    let mut query = LogQuery {
        functions: Some(functions.join(",")),
        request_id: args.request_id.clone(),
        instance_id: args.instance_id.clone(),
        kind: args.kind.clone(),
        search: args.search.clone(),
        qualifier: args.qualifier.clone(),
        ..Default::default()
    };
    if args.tail {
        if end.is_some() || args.kind.is_some() {
            return Err(Hinted::new(
                "`--tail` follows new lines: `--end-time` and `--type` do not apply",
                "drop them, or leave out `--tail` to query stored lines",
            )
            .into());
        }
        // With a start time, a tail first replays what was stored since then.
        if start.is_some() {
            query.start_ms = start;
            query.after = Some(0);
        }
        return Ok(query);
    }
    let end_ms = end.unwrap_or(now_ms);
    query.start_ms = Some(start.unwrap_or(end_ms - DEFAULT_WINDOW.as_millis() as i64));
    query.end_ms = Some(end_ms);
    Ok(query)
}

/// RFC 3339, epoch seconds or milliseconds, `now`, or a time ago like `10m`.
fn parse_time(text: &str, now_ms: i64) -> anyhow::Result<i64> {
    let text = text.trim();
    if text == "now" {
        return Ok(now_ms);
    }
    if let Ok(number) = text.parse::<i64>() {
        // Epoch milliseconds have 13 digits today; seconds have 10.
        return Ok(if number >= 100_000_000_000 {
            number
        } else {
            number * 1000
        });
    }
    if let Ok(at) =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
    {
        return Ok((at.unix_timestamp_nanos() / 1_000_000) as i64);
    }
    if let Some(ago) = parse_duration(text) {
        return Ok(now_ms - ago.as_millis() as i64);
    }
    Err(Hinted::new(
        format!("cannot read `{text}` as a time"),
        "use RFC 3339 (`2024-05-01T10:00:00Z`), epoch seconds or milliseconds, or a time ago such as `10m`, `2h`, `1d`",
    )
    .into())
}

/// Stream until Ctrl-C, reconnecting whenever the engine goes away.
async fn follow(client: &FcClient, query: LogQuery, printer: &Printer) -> anyhow::Result<()> {
    tokio::select! {
        result = follow_forever(client, query, printer) => result,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}

async fn follow_forever(
    client: &FcClient,
    mut query: LogQuery,
    printer: &Printer,
) -> anyhow::Result<()> {
    let mut backoff = Duration::from_millis(100);
    let mut waiting = false;
    let mut announced = false;
    loop {
        match client.stream_logs(&query).await {
            Ok(mut stream) => loop {
                match stream.next().await {
                    Ok(Some(LogStreamEvent::Ready { cursor })) => {
                        if !announced {
                            announced = true;
                            super::output::status(
                                "Following",
                                format!("logs of {} (Ctrl-C to stop)", names(&query)),
                            );
                        } else if waiting {
                            super::output::status("Reconnected", client.base_url());
                        }
                        query.after = Some(cursor);
                        waiting = false;
                        backoff = Duration::from_millis(100);
                    }
                    Ok(Some(LogStreamEvent::Line(line))) => {
                        query.after = Some(line.id);
                        printer.print(&line)?;
                    }
                    Ok(None) | Err(_) => break,
                }
            },
            // The engine refused the request itself: retrying will not help.
            Err(ClientError::Api(e)) if e.status < 500 => return Err(e.into()),
            Err(_) => {}
        }
        if !waiting {
            super::output::status(
                "Waiting",
                format!("for the engine at {} (reconnecting)", client.base_url()),
            );
            waiting = true;
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

fn names(query: &LogQuery) -> String {
    let names: Vec<String> = query
        .function_names()
        .iter()
        .map(|n| format!("`{n}`"))
        .collect();
    names.join(", ")
}

/// How lines are written to stdout.
struct Printer {
    json: bool,
    color: bool,
    highlight: Option<String>,
    /// With several functions shown, the width their names are padded to; `None`: one
    /// function, whose name would only repeat on every line.
    function_width: Option<usize>,
}

/// Longer function names are not padded, so one long name does not push every line right.
const MAX_NAME_PAD: usize = 20;
/// How much of a request id a line shows: the random end of FC's `1-<time>-<random>` ids.
const SHORT_REQUEST_ID: usize = 8;

impl Printer {
    fn new(format: OutputFormat, highlight: Option<String>, query: &LogQuery) -> Printer {
        let color =
            colored::control::SHOULD_COLORIZE.should_colorize() && std::io::stdout().is_terminal();
        let names = query.function_names();
        let function_width = (names.len() > 1).then(|| {
            let longest = names.iter().map(|n| n.chars().count()).max();
            longest.unwrap_or(0).min(MAX_NAME_PAD)
        });
        Printer {
            json: matches!(format, OutputFormat::Json),
            color,
            highlight: highlight.filter(|h| !h.is_empty()),
            function_width,
        }
    }

    fn print(&self, line: &LogEntry) -> anyhow::Result<()> {
        let text = if self.json {
            let mut value = serde_json::to_value(line)?;
            value["time"] = json!(format_time(line.time_ms));
            serde_json::to_string(&value)?
        } else {
            self.format(line)
        };
        let mut out = std::io::stdout().lock();
        writeln!(out, "{text}").context("cannot write to stdout")
    }

    fn format(&self, line: &LogEntry) -> String {
        let time = format_clock(line.time_ms, crate::fc::epoch_ms());
        let request = format!("{:<SHORT_REQUEST_ID$}", short_request_id(line));
        let function = self
            .function_width
            .map(|width| format!("{:<width$}  ", line.function))
            .unwrap_or_default();
        let text = message(line);
        if !self.color {
            return format!("{time}  {request}  {function}{text}");
        }
        let request = match line.stream.as_str() {
            "stderr" => request.yellow(),
            "system" => request.dimmed(),
            _ => request.cyan(),
        };
        format!(
            "{}  {request}  {}{}",
            time.dimmed(),
            function.bold(),
            self.paint_text(line, text)
        )
    }

    /// Color by level (or the engine's own lines), then mark `--match` occurrences.
    fn paint_text(&self, line: &LogEntry, text: &str) -> String {
        let painted = |s: &str| match level(line) {
            Level::Error => s.red().to_string(),
            Level::Warn => s.yellow().to_string(),
            Level::System => s.dimmed().to_string(),
            Level::Plain => s.to_string(),
        };
        let Some(needle) = &self.highlight else {
            return painted(text);
        };
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(needle.as_str()) {
            out.push_str(&painted(&rest[..at]));
            out.push_str(&needle.black().on_yellow().to_string());
            rest = &rest[at + needle.len()..];
        }
        out.push_str(&painted(rest));
        out
    }
}

enum Level {
    Error,
    Warn,
    System,
    Plain,
}

fn level(line: &LogEntry) -> Level {
    let text = &line.text;
    if line.stream == "system" && !text.contains("Error") {
        return Level::System;
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["ERROR", "Error", "Traceback", "Exception", "FATAL", "panic"]) {
        Level::Error
    } else if has(&["WARN", "Warning"]) {
        Level::Warn
    } else {
        Level::Plain
    }
}

/// The last characters of the line's request id (`-` for lines outside a request).
fn short_request_id(line: &LogEntry) -> &str {
    let Some(id) = line.request_id.as_deref().filter(|id| !id.is_empty()) else {
        return "-";
    };
    let cut = id
        .char_indices()
        .rev()
        .nth(SHORT_REQUEST_ID - 1)
        .map_or(0, |(at, _)| at);
    &id[cut..]
}

/// The line's text without the time and request id the function's logger put in front
/// (FC's `2024-05-01T10:00:00.123Z <request id> [INFO] ...` format), which the line shows
/// already; any other text is left as the function wrote it.
fn message(line: &LogEntry) -> &str {
    static STAMP: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let stamp = STAMP.get_or_init(|| {
        regex::Regex::new(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?Z? ")
            .expect("a valid pattern")
    });
    let text = line.text.as_str();
    let Some(request) = line.request_id.as_deref().filter(|id| !id.is_empty()) else {
        return text;
    };
    let rest = stamp.find(text).map_or("", |m| &text[m.end()..]);
    match rest.strip_prefix(request) {
        Some(after) if after.starts_with(' ') => &after[1..],
        Some("") => "",
        _ => text,
    }
}

/// `10:00:00.123` (UTC) for a line of today, `2024-05-01 10:00:00.123` for older ones.
fn format_clock(ms: i64, now_ms: i64) -> String {
    let at = |ms: i64| time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000);
    let (Ok(line), Ok(now)) = (at(ms), at(now_ms)) else {
        return ms.to_string();
    };
    let clock = time::macros::format_description!("[hour]:[minute]:[second].[subsecond digits:3]");
    let dated = time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:3]"
    );
    let format = if line.date() == now.date() {
        clock
    } else {
        dated
    };
    line.format(&format).unwrap_or_else(|_| ms.to_string())
}

/// `2024-05-01T10:00:00.123Z`.
fn format_time(ms: i64) -> String {
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) else {
        return ms.to_string();
    };
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    at.format(&format).unwrap_or_else(|_| ms.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    #[test]
    fn times_parse_in_every_accepted_form() {
        assert_eq!(parse_time("1700000000", NOW).unwrap(), NOW);
        assert_eq!(parse_time("1700000000000", NOW).unwrap(), NOW);
        assert_eq!(parse_time("2023-11-14T22:13:20Z", NOW).unwrap(), NOW);
        assert_eq!(parse_time("10m", NOW).unwrap(), NOW - 600_000);
        assert_eq!(parse_time("now", NOW).unwrap(), NOW);
        assert!(parse_time("yesterday", NOW).is_err());
        assert_eq!(format_time(NOW + 5), "2023-11-14T22:13:20.005Z");
    }

    fn entry(request_id: Option<&str>, text: &str) -> LogEntry {
        LogEntry {
            id: 1,
            time_ms: NOW,
            function: "f".into(),
            qualifier: None,
            instance_id: "c-1".into(),
            request_id: request_id.map(str::to_string),
            stream: "stdout".into(),
            text: text.to_string(),
        }
    }

    #[test]
    fn a_logger_prefix_repeating_the_time_and_request_id_is_left_out() {
        let id = "1-6b0f6cb8-00f0623d9e9a292c6708be62";
        let shown = |text: &str| message(&entry(Some(id), text)).to_string();
        assert_eq!(
            shown(&format!(
                "2026-12-02T00:56:24.718Z {id} [INFO] greeting world"
            )),
            "[INFO] greeting world"
        );
        assert_eq!(
            shown(&format!("2024-01-01 00:00:00 {id} [ERROR] boom")),
            "[ERROR] boom"
        );
        // Another request's id, or no time first: the function's own text, untouched.
        let other = "2026-12-02T00:56:24.718Z 1-00000000-111 [INFO] x";
        assert_eq!(shown(other), other);
        let plain = format!("{id} said hi");
        assert_eq!(shown(&plain), plain);
        assert_eq!(message(&entry(None, other)), other);
    }

    #[test]
    fn request_ids_are_cut_to_their_random_end() {
        let id = Some("1-6b0f6cb8-00f0623d9e9a292c6708be62");
        assert_eq!(short_request_id(&entry(id, "")), "6708be62");
        assert_eq!(short_request_id(&entry(Some("abc"), "")), "abc");
        assert_eq!(short_request_id(&entry(None, "")), "-");
    }

    #[test]
    fn the_clock_shows_the_date_only_for_lines_of_another_day() {
        assert_eq!(format_clock(NOW + 5, NOW), "22:13:20.005");
        assert_eq!(
            format_clock(NOW - 86_400_000, NOW),
            "2023-11-13 22:13:20.000"
        );
    }
}
