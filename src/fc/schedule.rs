//! When a timer trigger fires: FC's `cronExpression`, six fields with seconds first in UTC
//! (`0 0 8 * * *`, weekdays `0`-`6` or `SUN`-`SAT`, `?` allowed) or `@every 5m`. The one
//! parser the manifest validator, the API and the engine's timers share.

use std::time::Duration;

use chrono::{DateTime, Utc};
use croner::parser::{CronParser, Seconds};
use croner::Cron;

/// When a timer fires.
#[derive(Debug, Clone)]
pub enum Schedule {
    /// `@every 5m`: a fixed interval from when the source started.
    Every(Duration),
    /// Six-field cron, seconds first, evaluated in UTC.
    Cron(Box<Cron>),
}

impl Schedule {
    pub fn parse(expression: &str) -> Result<Schedule, String> {
        let expression = expression.trim();
        if let Some(every) = expression.strip_prefix("@every") {
            return parse_every(every.trim()).map(Schedule::Every);
        }
        let fields = expression.split_whitespace().count();
        if fields != 6 {
            return Err(format!(
                "cron expression `{expression}` has {fields} fields; FC timers use six (seconds minutes hours day-of-month month day-of-week, UTC) or `@every 5m`"
            ));
        }
        CronParser::builder()
            .seconds(Seconds::Required)
            .build()
            .parse(expression)
            .map(|cron| Schedule::Cron(Box::new(cron)))
            .map_err(|e| format!("invalid cron expression `{expression}`: {e}"))
    }

    /// The first tick strictly after `after`; for `@every`, `after` is the previous tick
    /// (or the start).
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Schedule::Every(interval) => Some(after + chrono::Duration::from_std(*interval).ok()?),
            Schedule::Cron(cron) => cron.find_next_occurrence(&after, false).ok(),
        }
    }
}

/// `5m`, `30s`, `1h30m`: a sequence of whole numbers with units `s`, `m` or `h`.
fn parse_every(text: &str) -> Result<Duration, String> {
    let invalid = || {
        format!("invalid interval `@every {text}`: use e.g. `@every 5m`, `@every 30s` or `@every 1h30m`")
    };
    let mut total = 0u64;
    let mut digits = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return Err(invalid()),
        };
        let n: u64 = digits.parse().map_err(|_| invalid())?;
        total = total.saturating_add(n.saturating_mul(unit));
        digits.clear();
    }
    if !digits.is_empty() || total == 0 {
        return Err(invalid());
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn every_accepts_seconds_minutes_hours_and_combinations() {
        assert_eq!(parse_every("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_every("5m").unwrap(), Duration::from_secs(300));
        assert_eq!(parse_every("2h").unwrap(), Duration::from_secs(7200));
        assert_eq!(parse_every("1h30m").unwrap(), Duration::from_secs(5400));
        for bad in ["", "5", "m", "0m", "5d", "1.5h", "-1m"] {
            assert!(parse_every(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_ticks_follow_the_previous_tick() {
        let schedule = Schedule::parse("@every 5m").unwrap();
        let start = at("2024-01-01T00:00:10Z");
        assert_eq!(
            schedule.next_after(start).unwrap(),
            at("2024-01-01T00:05:10Z")
        );
    }

    #[test]
    fn six_field_cron_has_seconds_and_runs_in_utc() {
        let schedule = Schedule::parse("0 0 8 * * *").unwrap();
        let next = schedule.next_after(at("2024-01-01T09:00:00Z")).unwrap();
        assert_eq!(next, at("2024-01-02T08:00:00Z"));
        let every_10s = Schedule::parse("*/10 * * * * *").unwrap();
        assert_eq!(
            every_10s.next_after(at("2024-01-01T00:00:03Z")).unwrap(),
            at("2024-01-01T00:00:10Z")
        );
    }

    #[test]
    fn weekdays_count_from_sunday_zero_and_question_marks_are_accepted() {
        // 2024-01-06 is a Saturday; the next Monday 10:15 is 2024-01-08.
        let weekdays = Schedule::parse("0 15 10 ? * 1-5").unwrap();
        assert_eq!(
            weekdays.next_after(at("2024-01-06T00:00:00Z")).unwrap(),
            at("2024-01-08T10:15:00Z")
        );
        let sunday = Schedule::parse("0 0 0 * * 0").unwrap();
        assert_eq!(
            sunday.next_after(at("2024-01-01T00:00:00Z")).unwrap(),
            Utc.with_ymd_and_hms(2024, 1, 7, 0, 0, 0).unwrap()
        );
    }

    #[test]
    fn five_field_and_broken_expressions_are_refused() {
        let five = Schedule::parse("0 8 * * *").unwrap_err();
        assert!(five.contains("six"), "{five}");
        assert!(Schedule::parse("0 0 25 * * *").is_err());
        assert!(Schedule::parse("@every").is_err());
    }

    #[test]
    fn more_than_six_fields_are_refused() {
        let eight = Schedule::parse("0 0 8 * * * 2024 x").unwrap_err();
        assert!(eight.contains("8 fields"), "{eight}");
        assert!(Schedule::parse("0 0 8 * * * 2024").is_err());
    }
}
