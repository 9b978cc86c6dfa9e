//! Time comes from an injected clock, so tests can move it (the agreement's 3-day rule, review
//! deadlines, certificate validity, token expiry) without sleeping.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, FixedOffset, Utc};

use crate::i18n::Lang;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The clock every handler and worker reads.
pub type SharedClock = Arc<dyn Clock>;

/// The real time.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until told to move; for tests and demos.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Arc<Self> {
        Arc::new(Self(Mutex::new(start)))
    }

    pub fn set(&self, now: DateTime<Utc>) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = now;
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Kazakhstan has kept one time zone, UTC+5, since 1 March 2024: the department's clock, in which
/// people read every time Saulet shows or sends them.
pub const KAZAKHSTAN_UTC_OFFSET_SECS: i32 = 5 * 3600;

/// The first instant of `day` in a zone `utc_offset_secs` east of UTC (`None` past chrono's range).
pub fn day_start(day: chrono::NaiveDate, utc_offset_secs: i32) -> Option<DateTime<Utc>> {
    day.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc() - Duration::seconds(i64::from(utc_offset_secs)))
}

/// `at` in the department's time zone.
pub fn astana(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    let zone = FixedOffset::east_opt(KAZAKHSTAN_UTC_OFFSET_SECS).expect("UTC+5 is a valid offset");
    at.with_timezone(&zone)
}

/// A moment as people write it in each language, in Astana time, the zone named so nobody
/// abroad reads it as their own: `24.11.2026 15:30 (Астана уақыты)`, `24 November 2026, 15:30
/// Astana time`.
pub fn display_time(at: DateTime<Utc>, lang: Lang) -> String {
    let local = astana(at);
    match lang {
        Lang::Kk => local.format("%d.%m.%Y %H:%M (Астана уақыты)").to_string(),
        Lang::Ru => local.format("%d.%m.%Y %H:%M (время Астаны)").to_string(),
        Lang::En => local.format("%-d %B %Y, %H:%M Astana time").to_string(),
    }
}

/// A calendar day as people write it: `dd.mm.yyyy` in Kazakh and Russian, `24 November 2026`
/// in English.
pub fn display_date(day: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Kk | Lang::Ru => day.format("%d.%m.%Y").to_string(),
        Lang::En => day.format("%-d %B %Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = Utc::now();
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::days(3));
        assert_eq!(clock.now(), start + Duration::days(3));
        clock.set(start);
        assert_eq!(clock.now(), start);
    }

    #[test]
    fn times_are_shown_in_astana_time_across_the_date_line() {
        let at = DateTime::parse_from_rfc3339("2026-12-31T19:30:00Z")
            .expect("RFC 3339")
            .with_timezone(&Utc);
        assert_eq!(
            display_time(at, Lang::Ru),
            "01.01.2027 00:30 (время Астаны)"
        );
        assert_eq!(
            display_time(at, Lang::Kk),
            "01.01.2027 00:30 (Астана уақыты)"
        );
        assert_eq!(
            display_time(at, Lang::En),
            "1 January 2027, 00:30 Astana time"
        );
        let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a day");
        assert_eq!(display_date(day, Lang::Kk), "04.01.2027");
        assert_eq!(display_date(day, Lang::En), "4 January 2027");
    }
}
