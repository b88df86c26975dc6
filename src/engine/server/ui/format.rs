//! How the console writes times, durations, sizes and links, and the time windows its pages
//! offer. Pure functions: the pages call them while building their view models.

use time::macros::format_description;
use time::OffsetDateTime;

/// The time windows a page can look back over: `(value, label, milliseconds)`.
pub const WINDOWS: [(&str, &str, i64); 5] = [
    ("15m", "last 15 minutes", 15 * 60_000),
    ("1h", "last hour", 3_600_000),
    ("6h", "last 6 hours", 6 * 3_600_000),
    ("24h", "last 24 hours", 24 * 3_600_000),
    ("7d", "last 7 days", 7 * 24 * 3_600_000),
];

pub const DEFAULT_WINDOW: &str = "1h";

/// A window choice for a `<select>`.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The window named `value` (the default for anything unknown): `(value, milliseconds)`.
pub fn window(value: Option<&str>) -> (&'static str, i64) {
    let wanted = value.unwrap_or(DEFAULT_WINDOW);
    WINDOWS
        .iter()
        .find(|(v, _, _)| *v == wanted)
        .or_else(|| WINDOWS.iter().find(|(v, _, _)| *v == DEFAULT_WINDOW))
        .map(|(v, _, ms)| (*v, *ms))
        .expect("the default window is listed")
}

/// The label of a window value, e.g. "last hour".
pub fn window_label(value: &str) -> &'static str {
    WINDOWS
        .iter()
        .find(|(v, _, _)| *v == value)
        .map(|(_, label, _)| *label)
        .unwrap_or("")
}

pub fn window_choices(selected: &str) -> Vec<Choice> {
    WINDOWS
        .iter()
        .map(|(value, label, _)| Choice {
            value: value.to_string(),
            label: label.to_string(),
            selected: *value == selected,
        })
        .collect()
}

/// `2024-05-01 12:00:03 UTC`.
pub fn time_ms(ms: i64) -> String {
    let Ok(at) = OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) else {
        return ms.to_string();
    };
    at.format(format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
    ))
    .unwrap_or_else(|_| ms.to_string())
}

/// `12:00:03.123` (UTC), for log lines and timelines where the day is plain.
pub fn clock_ms(ms: i64) -> String {
    let Ok(at) = OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) else {
        return ms.to_string();
    };
    at.format(format_description!(
        "[hour]:[minute]:[second].[subsecond digits:3]"
    ))
    .unwrap_or_else(|_| ms.to_string())
}

/// RFC 3339, for `<time datetime>`.
pub fn iso_ms(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|at| {
            at.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// `850 ms`, `12.4 s`, `3 min 5 s`, `2 h 10 min`.
pub fn duration_ms(ms: f64) -> String {
    if ms < 1.0 {
        return format!("{ms:.2} ms");
    }
    if ms < 1_000.0 {
        return format!("{ms:.0} ms");
    }
    let s = ms / 1_000.0;
    if s < 60.0 {
        return format!("{s:.1} s");
    }
    let total = s.round() as u64;
    if total < 3_600 {
        return format!("{} min {} s", total / 60, total % 60);
    }
    format!("{} h {} min", total / 3_600, (total % 3_600) / 60)
}

/// A bucket size in words: `1 min`, `24 min`, `2 h`, `2 h 48 min`.
pub fn interval(ms: i64) -> String {
    if ms % 3_600_000 == 0 {
        format!("{} h", ms / 3_600_000)
    } else if ms % 60_000 == 0 && ms < 3_600_000 {
        format!("{} min", ms / 60_000)
    } else {
        duration_ms(ms as f64)
    }
}

/// How long ago `ms` was, from `now_ms`: `5 s ago`, `3 min ago`, `2 h ago`, `4 d ago`.
pub fn ago(ms: i64, now_ms: i64) -> String {
    let s = ((now_ms - ms).max(0)) / 1_000;
    match s {
        0..=59 => format!("{s} s ago"),
        60..=3_599 => format!("{} min ago", s / 60),
        3_600..=86_399 => format!("{} h ago", s / 3_600),
        _ => format!("{} d ago", s / 86_400),
    }
}

/// Epoch milliseconds of an RFC 3339 time, if it is one.
pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
}

/// Percent-encode one path segment: everything but RFC 3986's unreserved characters.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `key=value&...` for the non-empty pairs, form-encoded.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        if !value.is_empty() {
            serializer.append_pair(key, value);
        }
    }
    serializer.finish()
}

/// A JSON document pretty-printed; anything else as it is.
pub fn pretty_payload(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .filter(|v| v.is_object() || v.is_array())
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_pick_a_readable_unit() {
        assert_eq!(duration_ms(0.5), "0.50 ms");
        assert_eq!(duration_ms(850.0), "850 ms");
        assert_eq!(duration_ms(12_400.0), "12.4 s");
        assert_eq!(duration_ms(185_000.0), "3 min 5 s");
        assert_eq!(duration_ms(7_800_000.0), "2 h 10 min");
        assert_eq!(interval(60_000), "1 min");
        assert_eq!(interval(7_200_000), "2 h");
        assert_eq!(interval(10_080_000), "2 h 48 min");
    }

    #[test]
    fn times_are_utc_and_round_trip() {
        assert_eq!(time_ms(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(clock_ms(1_234), "00:00:01.234");
        assert_eq!(
            parse_rfc3339_ms(&iso_ms(1_700_000_000_000)),
            Some(1_700_000_000_000)
        );
    }

    #[test]
    fn unknown_windows_fall_back_to_the_default() {
        assert_eq!(window(Some("6h")), ("6h", 6 * 3_600_000));
        assert_eq!(window(Some("forever")).0, DEFAULT_WINDOW);
        assert_eq!(window(None).0, DEFAULT_WINDOW);
    }

    #[test]
    fn segments_and_queries_are_encoded() {
        assert_eq!(encode_segment("a b/c?"), "a%20b%2Fc%3F");
        assert_eq!(encode_segment("task-1_x.y~"), "task-1_x.y~");
        assert_eq!(query(&[("a", "x y"), ("b", ""), ("c", "&")]), "a=x+y&c=%26");
    }

    #[test]
    fn json_payloads_are_pretty_printed() {
        assert_eq!(pretty_payload(r#"{"a":1}"#), "{\n  \"a\": 1\n}");
        assert_eq!(pretty_payload("plain <text>"), "plain <text>");
    }
}
