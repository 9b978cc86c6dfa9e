//! The one instant every test derives its times from.
//!
//! No test may depend on the day it runs. Each test process takes its start instant once, from
//! the system clock (which `make test-dates` fakes with libfaketime to year ends, leap days and
//! the department's midnight) or from `SAULET_TEST_START` (RFC 3339) when set. The test PKI is
//! issued at that instant (its certificates and CRL are valid around it), manual clocks start
//! there, and calendar positions a test needs (the next Monday, the department's year) are
//! computed from it rather than from the wall clock.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc, Weekday};
use saulet_api::clock::ManualClock;

static START: OnceLock<DateTime<Utc>> = OnceLock::new();

/// The test process's start instant, to the second.
pub fn start() -> DateTime<Utc> {
    *START.get_or_init(|| {
        let now = match std::env::var("SAULET_TEST_START") {
            Ok(text) if !text.trim().is_empty() => DateTime::parse_from_rfc3339(text.trim())
                .unwrap_or_else(|e| panic!("SAULET_TEST_START `{text}` is not RFC 3339: {e}"))
                .with_timezone(&Utc),
            _ => Utc::now(),
        };
        DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
    })
}

/// A manual clock standing at [`start`].
pub fn manual_clock() -> Arc<ManualClock> {
    ManualClock::new(start())
}

/// The department's UTC offset as the tests run it: `permits.utc_offset_hours` by default
/// (Astana, UTC+5).
pub fn department_offset() -> FixedOffset {
    let hours = saulet_api::permits::PermitSettings::default().utc_offset_hours;
    FixedOffset::east_opt(hours * 3600).expect("a valid offset")
}

/// The department's calendar day at `at`: registration numbers and due dates count in it.
pub fn department_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&department_offset()).date_naive()
}

/// The department's year at `at` (the year in a registration number).
pub fn department_year(at: DateTime<Utc>) -> i32 {
    department_day(at).year()
}

/// The first Monday after the department's day at [`start`] (one to seven days ahead).
pub fn next_monday() -> NaiveDate {
    let mut day = department_day(start()) + Duration::days(1);
    while day.weekday() != Weekday::Mon {
        day += Duration::days(1);
    }
    day
}

/// Noon in the department (07:00 UTC) on `day`.
pub fn department_noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(7, 0, 0).expect("a time").and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_monday_is_within_a_week_of_the_start_and_after_it() {
        let monday = next_monday();
        assert_eq!(monday.weekday(), Weekday::Mon);
        assert!(department_noon(monday) > start());
        assert!(department_noon(monday) <= start() + Duration::days(8));
    }

    #[test]
    fn the_department_year_turns_at_its_own_midnight_not_at_utc_midnight() {
        let eve = DateTime::parse_from_rfc3339("2026-12-31T19:30:00Z")
            .expect("an instant")
            .with_timezone(&Utc);
        assert_eq!(department_year(eve), 2027);
        assert_eq!(department_year(eve - Duration::hours(1)), 2026);
    }
}
