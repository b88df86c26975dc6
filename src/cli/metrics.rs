//! `s metrics`: per function of the project, invocation counts, durations, cold starts,
//! memory and concurrency over `--window`, then charts of each series at `--interval`, sized
//! to the terminal. `-o json`/`-o yaml` print the engine's report for scripts.

use std::io::IsTerminal;

use super::args::MetricsArgs;
use super::chart::{self, Merge, Series, Style, TimeAxis};
use super::target::{block_on, connect};
use super::{Context, Hinted, OutputFormat};
use crate::engine::store::parse_duration;
use crate::fc::observe::{FunctionMetrics, MetricsQuery, MetricsStats};

/// Width when stdout is not a terminal.
const DEFAULT_WIDTH: usize = 80;

pub fn run(ctx: &Context, args: MetricsArgs) -> anyhow::Result<()> {
    super::logs::refuse_remote_fc(ctx, "metrics")?;
    let window_ms = duration_ms(&args.window, "--window")?;
    let interval_ms = duration_ms(&args.interval, "--interval")?;
    let manifest = ctx.load_manifest()?;
    let functions: Vec<String> = ctx
        .selected_resources(&manifest)?
        .iter()
        .map(|r| super::info::function_name(&r.props, &r.name))
        .collect();
    let end_ms = crate::fc::epoch_ms();
    let query = MetricsQuery {
        functions: Some(functions.join(",")),
        start_ms: end_ms - window_ms,
        end_ms,
        interval_ms,
    };
    let client = connect(ctx)?;
    let report = block_on(client.metrics_report(&query))?;
    match ctx.output() {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        OutputFormat::Yaml => print!("{}", serde_yaml::to_string(&report)?),
        _ => {
            let (width, style) = terminal();
            for function in &report.functions {
                print!("{}", render_function(function, &args, width, style));
            }
        }
    }
    Ok(())
}

fn duration_ms(text: &str, flag: &str) -> anyhow::Result<i64> {
    match parse_duration(text) {
        Some(d) if d.as_millis() > 0 => Ok(d.as_millis() as i64),
        _ => Err(Hinted::new(
            format!("`{flag} {text}` is not a duration"),
            "use a number with a unit: `30s`, `5m`, `1h`, `1d`",
        )
        .into()),
    }
}

/// Chart width and style for stdout.
fn terminal() -> (usize, Style) {
    if !std::io::stdout().is_terminal() {
        return (DEFAULT_WIDTH, Style::Ascii);
    }
    let width = terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .unwrap_or(DEFAULT_WIDTH);
    (width.max(20), Style::Unicode)
}

/// Which value of a bucket a chart draws.
type Pick = fn(&MetricsStats) -> f64;

/// The summary table and charts of one function.
fn render_function(f: &FunctionMetrics, args: &MetricsArgs, width: usize, style: Style) -> String {
    let mut out = format!(
        "{} (last {}, every {})\n{}\n",
        f.function,
        args.window,
        args.interval,
        summary(&f.summary)
    );
    let axis = TimeAxis {
        start_ms: f.buckets.first().map(|b| b.start_ms).unwrap_or(0),
        interval_ms: f
            .buckets
            .get(1)
            .zip(f.buckets.first())
            .map(|(b, a)| b.start_ms - a.start_ms)
            .unwrap_or(60_000),
    };
    let per = format!("per {}", args.interval);
    let charts: [(&str, &str, Merge, Pick); 5] = [
        ("invocations", &per, Merge::Sum, |s| s.invocations as f64),
        ("errors", &per, Merge::Sum, |s| s.errors as f64),
        ("duration p99", "ms", Merge::Max, |s| s.duration_p99_ms),
        ("cold starts", &per, Merge::Sum, |s| s.cold_starts as f64),
        ("concurrent instances", "", Merge::Max, |s| {
            s.peak_concurrent_instances as f64
        }),
    ];
    for (title, unit, merge, value) in charts {
        let series = Series {
            title: title.to_string(),
            unit: unit.to_string(),
            values: f.buckets.iter().map(|b| value(&b.stats)).collect(),
            merge,
        };
        out.push('\n');
        out.push_str(&chart::render(&series, axis, width, style));
    }
    out.push('\n');
    out
}

fn summary(s: &MetricsStats) -> String {
    let ms = |v: f64| format!("{} ms", chart::number(v));
    [
        format!(
            "  invocations {}   errors {}   timeouts {}   throttles {}   cold starts {}",
            s.invocations, s.errors, s.timeouts, s.throttles, s.cold_starts
        ),
        format!(
            "  duration    p50 {}   p90 {}   p99 {}   max {}",
            ms(s.duration_p50_ms),
            ms(s.duration_p90_ms),
            ms(s.duration_p99_ms),
            ms(s.duration_max_ms)
        ),
        format!(
            "  init        avg {}   max {}",
            ms(s.init_duration_avg_ms),
            ms(s.init_duration_max_ms)
        ),
        format!(
            "  memory      max {} MB   peak instances {}",
            s.max_memory_mb, s.peak_concurrent_instances
        ),
    ]
    .join("\n")
}
