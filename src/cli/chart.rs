//! Bar charts of a time series for the terminal: one column per bucket (adjacent buckets
//! merged when they do not fit the width), bars drawn with eighth blocks, a y label for the
//! top and zero, and UTC times under the first and last column. `Style::Ascii` draws with
//! plain characters for pipes and terminals without Unicode.

use std::fmt::Write as _;

/// How many text rows a bar may grow.
const HEIGHT: usize = 5;
const EIGHTHS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Unicode,
    Ascii,
}

/// How buckets that share a column combine: counts add up, levels keep the highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    Sum,
    Max,
}

/// One chart: a title, the unit of its values, one value per bucket.
#[derive(Debug, Clone)]
pub struct Series {
    pub title: String,
    pub unit: String,
    pub values: Vec<f64>,
    pub merge: Merge,
}

/// Where the buckets are in time.
#[derive(Debug, Clone, Copy)]
pub struct TimeAxis {
    pub start_ms: i64,
    pub interval_ms: i64,
}

/// The chart as lines of text, at most `width` columns wide.
pub fn render(series: &Series, axis: TimeAxis, width: usize, style: Style) -> String {
    let max = series.values.iter().copied().fold(0.0, f64::max);
    let top = number(max);
    let label_width = top.len().max(1);
    let room = width.saturating_sub(label_width + 2).max(1);
    let group = series.values.len().div_ceil(room).max(1);
    let columns = merge_columns(&series.values, group, series.merge);
    let mut out = String::new();
    let unit = if series.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", series.unit)
    };
    let _ = writeln!(out, "{} (max {top}{unit})", series.title);
    for row in (0..HEIGHT).rev() {
        let label = match row {
            r if r == HEIGHT - 1 => top.as_str(),
            0 => "0",
            _ => "",
        };
        let axis_char = match (style, label.is_empty()) {
            (Style::Unicode, true) => '│',
            (Style::Unicode, false) => '┤',
            (Style::Ascii, true) => '|',
            (Style::Ascii, false) => '+',
        };
        let cells: String = columns.iter().map(|v| cell(*v, max, row, style)).collect();
        let _ = writeln!(out, "{label:>label_width$} {axis_char}{cells}");
    }
    let (corner, rule) = match style {
        Style::Unicode => ('└', '─'),
        Style::Ascii => ('+', '-'),
    };
    let rule: String = std::iter::repeat_n(rule, columns.len()).collect();
    let _ = writeln!(out, "{:label_width$} {corner}{rule}", "");
    let _ = writeln!(
        out,
        "{:label_width$}  {}",
        "",
        time_labels(axis, group, columns.len())
    );
    out
}

fn merge_columns(values: &[f64], group: usize, merge: Merge) -> Vec<f64> {
    values
        .chunks(group)
        .map(|chunk| match merge {
            Merge::Sum => chunk.iter().sum(),
            Merge::Max => chunk.iter().copied().fold(0.0, f64::max),
        })
        .collect()
}

/// The character of one column in one row (row 0 at the bottom).
fn cell(value: f64, max: f64, row: usize, style: Style) -> char {
    if value <= 0.0 || max <= 0.0 {
        return ' ';
    }
    let eighths = ((value / max) * (HEIGHT * 8) as f64).round() as usize;
    // Anything above zero shows at least a sliver.
    let eighths = eighths.max(1);
    let fill = eighths.saturating_sub(row * 8).min(8);
    match style {
        Style::Unicode => EIGHTHS[fill],
        Style::Ascii => match fill {
            0 => ' ',
            1..=4 => '.',
            _ => '#',
        },
    }
}

/// First column's time on the left, last column's on the right, when both fit.
fn time_labels(axis: TimeAxis, group: usize, columns: usize) -> String {
    let step = axis.interval_ms * group as i64;
    let seconds = step % 60_000 != 0;
    let first = clock(axis.start_ms, seconds);
    let last = clock(axis.start_ms + step * (columns as i64 - 1).max(0), seconds);
    let utc = format!("{last} UTC");
    if columns > first.len() + utc.len() {
        format!("{first}{utc:>width$}", width = columns - first.len())
    } else {
        format!("{first} UTC")
    }
}

/// `HH:MM` (or `HH:MM:SS`) in UTC.
fn clock(ms: i64, seconds: bool) -> String {
    let secs = ms.div_euclid(1000).rem_euclid(86_400);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if seconds {
        format!("{h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// A compact number: whole numbers as they are, small fractions with one decimal.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 || value.abs() >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(values: Vec<f64>, merge: Merge) -> Series {
        Series {
            title: "invocations per 1m".into(),
            unit: String::new(),
            values,
            merge,
        }
    }

    const AXIS: TimeAxis = TimeAxis {
        start_ms: 1_700_000_040_000,
        interval_ms: 60_000,
    };

    #[test]
    fn bar_chart_at_a_fixed_width() {
        let values = vec![
            0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 13.0, 8.0, 5.0, 3.0, 2.0, 1.0, 0.0, 0.0, 4.0,
            4.0, 20.0, 0.5,
        ];
        let unicode = render(
            &series(values.clone(), Merge::Sum),
            AXIS,
            40,
            Style::Unicode,
        );
        insta::assert_snapshot!("bar_chart_unicode_40", unicode);
        let ascii = render(&series(values, Merge::Sum), AXIS, 40, Style::Ascii);
        insta::assert_snapshot!("bar_chart_ascii_40", ascii);
    }

    #[test]
    fn buckets_merge_when_they_do_not_fit() {
        let values: Vec<f64> = (0..120).map(|i| (i % 10) as f64).collect();
        let text = render(&series(values, Merge::Max), AXIS, 30, Style::Unicode);
        insta::assert_snapshot!("bar_chart_merged_30", text);
        assert!(text.lines().all(|l| l.chars().count() <= 30));
    }

    #[test]
    fn an_all_zero_series_draws_an_empty_chart() {
        let text = render(&series(vec![0.0; 5], Merge::Sum), AXIS, 40, Style::Ascii);
        assert!(text.starts_with("invocations per 1m (max 0)"));
        assert!(!text.contains('#'));
    }
}
