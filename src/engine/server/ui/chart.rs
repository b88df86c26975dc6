//! Small SVG charts drawn by hand: bars for counts, lines for durations and memory, over a
//! function's metric buckets. A chart library would bring font handling and inline styles;
//! these need neither: the markup carries a `<title>` and `<desc>` for screen readers,
//! classes for the stylesheet's colors, and a dash pattern so two lines differ without color.
//! Every chart also comes with its numbers as a table. All text in the markup is escaped here
//! because the template inserts it as it is.

use std::fmt::Write as _;

use time::macros::format_description;
use time::OffsetDateTime;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;

/// One named series of values, one per bucket.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub values: Vec<f64>,
}

impl Series {
    pub fn new(label: &str, values: Vec<f64>) -> Series {
        Series {
            label: label.to_string(),
            values,
        }
    }
}

/// A chart ready for a template: `svg` is markup, everything else is plain text.
#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub svg: String,
    /// Series names with their line style, for the legend.
    pub legend: Vec<(String, &'static str)>,
    /// Column headers of the data table after the time.
    pub columns: Vec<String>,
    /// The buckets with any value: time, then one cell per series.
    pub rows: Vec<(String, Vec<String>)>,
}

/// A bar chart of one count series.
pub fn bars(
    id: &str,
    title: &str,
    times: &[i64],
    interval: i64,
    series: Series,
    unit: &str,
) -> Chart {
    let top = nice_max(max_of(std::slice::from_ref(&series)));
    let mut body = String::new();
    let step = plot_width() / times.len().max(1) as f64;
    for (i, value) in series.values.iter().enumerate() {
        if *value <= 0.0 {
            continue;
        }
        let h = value / top * plot_height();
        let _ = write!(
            body,
            r#"<rect class="bar s0" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/>"#,
            LEFT + i as f64 * step + step * 0.1,
            TOP + plot_height() - h,
            (step * 0.8).max(1.0),
            h
        );
    }
    finish(id, title, times, interval, &[series], unit, top, body)
}

/// A line chart of one or more series; buckets without a value break the line.
pub fn lines(
    id: &str,
    title: &str,
    times: &[i64],
    interval: i64,
    series: Vec<Series>,
    unit: &str,
) -> Chart {
    let top = nice_max(max_of(&series));
    let step = plot_width() / times.len().max(1) as f64;
    let mut body = String::new();
    for (n, s) in series.iter().enumerate() {
        let dash = if n == 0 {
            ""
        } else {
            r#" stroke-dasharray="6 4""#
        };
        let point = |i: usize, v: f64| {
            (
                LEFT + (i as f64 + 0.5) * step,
                TOP + plot_height() - v / top * plot_height(),
            )
        };
        for run in runs(&s.values) {
            let points: Vec<String> = run
                .clone()
                .map(|i| {
                    let (x, y) = point(i, s.values[i]);
                    format!("{x:.1},{y:.1}")
                })
                .collect();
            let _ = write!(
                body,
                r#"<polyline class="line s{n}" fill="none" stroke="currentColor" stroke-width="2"{dash} points="{}"/>"#,
                points.join(" ")
            );
            for i in run {
                let (x, y) = point(i, s.values[i]);
                let _ = write!(
                    body,
                    r#"<circle class="dot s{n}" cx="{x:.1}" cy="{y:.1}" r="2.5"/>"#
                );
            }
        }
    }
    finish(id, title, times, interval, &series, unit, top, body)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    id: &str,
    title: &str,
    times: &[i64],
    interval: i64,
    series: &[Series],
    unit: &str,
    top: f64,
    body: String,
) -> Chart {
    let summary = describe(title, times, interval, series, unit);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title {id}-desc" preserveAspectRatio="xMidYMid meet"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(&summary)
    );
    axes(&mut svg, times, interval, top, unit);
    svg.push_str(&body);
    if series.iter().all(|s| s.values.iter().all(|v| *v <= 0.0)) {
        let _ = write!(
            svg,
            r#"<text class="empty" x="{:.1}" y="{:.1}" text-anchor="middle">nothing in this window</text>"#,
            LEFT + plot_width() / 2.0,
            TOP + plot_height() / 2.0
        );
    }
    svg.push_str("</svg>");
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        svg,
        legend: series
            .iter()
            .enumerate()
            .map(|(n, s)| (s.label.clone(), if n == 0 { "solid" } else { "dashed" }))
            .collect(),
        columns: series.iter().map(|s| with_unit(&s.label, unit)).collect(),
        rows: table(times, interval, series),
    }
}

/// Grid lines at zero, half and the top, with their values, and three time labels.
fn axes(svg: &mut String, times: &[i64], interval: i64, top: f64, unit: &str) {
    for fraction in [0.0, 0.5, 1.0] {
        let y = TOP + plot_height() * (1.0 - fraction);
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="currentColor" stroke-opacity="0.25"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            escape(&number(top * fraction, unit))
        );
    }
    if times.is_empty() {
        return;
    }
    let last = times.len() - 1;
    let step = plot_width() / times.len() as f64;
    for (i, anchor) in [(0, "start"), (last / 2, "middle"), (last, "end")] {
        let x = match anchor {
            "start" => LEFT,
            "end" => WIDTH - RIGHT,
            _ => LEFT + (i as f64 + 0.5) * step,
        };
        let _ = write!(
            svg,
            r#"<text class="tick" x="{x:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            HEIGHT - 8.0,
            escape(&label_time(times[i], interval))
        );
    }
}

/// One sentence for screen readers: the total or the peak, and when.
fn describe(title: &str, times: &[i64], interval: i64, series: &[Series], unit: &str) -> String {
    let parts: Vec<String> = series
        .iter()
        .map(|s| {
            let peak = s
                .values
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .filter(|(_, v)| **v > 0.0);
            match peak {
                Some((i, v)) => format!(
                    "{} peaks at {} at {}",
                    s.label,
                    number(*v, unit),
                    label_time(times.get(i).copied().unwrap_or(0), interval)
                ),
                None => format!("{} is zero throughout", s.label),
            }
        })
        .collect();
    format!("{title}: {}.", parts.join("; "))
}

fn table(times: &[i64], interval: i64, series: &[Series]) -> Vec<(String, Vec<String>)> {
    times
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            series
                .iter()
                .any(|s| s.values.get(*i).is_some_and(|v| *v > 0.0))
        })
        .map(|(i, t)| {
            let cells = series
                .iter()
                .map(|s| number(s.values.get(i).copied().unwrap_or(0.0), ""))
                .collect();
            (label_time(*t, interval), cells)
        })
        .collect()
}

/// Index ranges of consecutive positive values.
fn runs(values: &[f64]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, v) in values.iter().enumerate() {
        match (start, *v > 0.0) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..values.len());
    }
    out
}

fn max_of(series: &[Series]) -> f64 {
    series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0, f64::max)
}

/// A round number at or above `max` (2, 4 or 10 times a power of ten, so the middle grid
/// line is round too), at least 2.
fn nice_max(max: f64) -> f64 {
    if max <= 2.0 {
        return 2.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 4.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * magnitude)
}

fn number(value: f64, unit: &str) -> String {
    let text = if value.fract() == 0.0 || value >= 100.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    };
    if unit.is_empty() {
        text
    } else {
        format!("{text} {unit}")
    }
}

fn with_unit(label: &str, unit: &str) -> String {
    if unit.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({unit})")
    }
}

/// `14:05` within a day's buckets, `05-01 14:00` for longer intervals (UTC).
fn label_time(ms: i64, interval: i64) -> String {
    let Ok(at) = OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) else {
        return String::new();
    };
    let text = if interval >= 10 * 60_000 {
        at.format(format_description!("[month]-[day] [hour]:[minute]"))
    } else {
        at.format(format_description!("[hour]:[minute]"))
    };
    text.unwrap_or_default()
}

fn plot_width() -> f64 {
    WIDTH - LEFT - RIGHT
}

fn plot_height() -> f64 {
    HEIGHT - TOP - BOTTOM
}

/// Escape text for SVG content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(n: usize) -> Vec<i64> {
        (0..n as i64).map(|i| i * 60_000).collect()
    }

    #[test]
    fn bars_draw_only_buckets_with_counts_and_describe_the_peak() {
        let chart = bars(
            "c",
            "Invocations",
            &times(4),
            60_000,
            Series::new("Invocations", vec![0.0, 3.0, 0.0, 7.0]),
            "",
        );
        assert_eq!(chart.svg.matches("<rect").count(), 2);
        assert!(chart.svg.starts_with("<svg") && chart.svg.ends_with("</svg>"));
        assert!(chart.svg.contains("peaks at 7 at 00:03"), "{}", chart.svg);
        assert_eq!(chart.rows.len(), 2);
        assert!(
            chart.svg.contains(">10</text>"),
            "the axis tops out at a round 10"
        );
    }

    #[test]
    fn lines_break_at_empty_buckets_and_dash_the_second_series() {
        let chart = lines(
            "d",
            "Duration",
            &times(5),
            60_000,
            vec![
                Series::new("p50", vec![1.0, 2.0, 0.0, 4.0, 5.0]),
                Series::new("p99", vec![3.0, 4.0, 0.0, 6.0, 9.0]),
            ],
            "ms",
        );
        assert_eq!(chart.svg.matches("<polyline").count(), 4);
        assert_eq!(chart.svg.matches("stroke-dasharray").count(), 2);
        assert_eq!(chart.legend[1], ("p99".to_string(), "dashed"));
        assert_eq!(chart.columns, ["p50 (ms)", "p99 (ms)"]);
    }

    #[test]
    fn an_empty_chart_says_so_and_text_is_escaped() {
        let chart = bars(
            "e",
            "a <b> & \"c\"",
            &times(3),
            60_000,
            Series::new("x", vec![0.0; 3]),
            "",
        );
        assert!(chart.svg.contains("nothing in this window"));
        assert!(chart.svg.contains("a &lt;b&gt; &amp; &quot;c&quot;"));
        assert!(!chart.svg.contains("<b>"));
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_max(0.0), 2.0);
        assert_eq!(nice_max(3.0), 4.0);
        assert_eq!(nice_max(12.0), 20.0);
        assert_eq!(nice_max(30.0), 40.0);
        assert_eq!(nice_max(700.0), 1000.0);
    }
}
