//! Working-day calendar for statutory review periods.
//!
//! Review periods for permit applications are counted in working days. The
//! rule has two layers:
//!
//! 1. **Base rule.** Monday to Friday are working days; Saturday and Sunday
//!    are not.
//! 2. **Exceptions.** Each year has a data file that lists the days where the
//!    base rule does not hold:
//!    * `holiday`: a day that is not worked. This covers public holidays and
//!      the "moved day off" that the Labour Code grants when a holiday falls
//!      on a Saturday or Sunday, as well as days off moved by a government
//!      decree or ministerial order. A holiday may fall on any day of the week
//!      (a holiday on a weekend is listed for its name but changes nothing).
//!    * `working_day`: a Saturday or Sunday that a decree or order has made a
//!      working day, in exchange for a day off elsewhere.
//!
//! Dates outside every loaded year follow the base rule only.
//!
//! # Data file format
//!
//! One JSON file per year, for example `calendar/kz-2026.json`:
//!
//! ```json
//! {
//!   "year": 2026,
//!   "source": "Where the facts come from (law, decree, order, announcement)",
//!   "verified": true,
//!   "days": [
//!     {
//!       "date": "2026-03-23",
//!       "kind": "holiday",
//!       "name": { "kk": "Наурыз мейрамы", "ru": "Наурыз мейрамы", "en": "Nauryz" }
//!     },
//!     {
//!       "date": "2026-01-03",
//!       "kind": "working_day",
//!       "name": { "kk": "Жұмыс күні", "ru": "Рабочий день", "en": "Working day" }
//!     }
//!   ]
//! }
//! ```
//!
//! * `year`: the calendar year the file describes.
//! * `source`: a free-text note naming the legal sources the file was built
//!   from.
//! * `verified` (optional, default `false`): whether the facts were checked
//!   against published sources. Unverified years still load; the flag lets
//!   an administrator see which years need review.
//! * `days`: the exceptions. `date` is an ISO 8601 date (`YYYY-MM-DD`),
//!   `kind` is `"holiday"` or `"working_day"`, and `name` holds the display
//!   name in Kazakh (`kk`), Russian (`ru`) and English (`en`).
//!
//! Unknown fields are rejected so that a typing mistake in a field name is
//! reported instead of being ignored.
//!
//! A file is valid when every date lies in `year`, no date appears twice,
//! every `working_day` is a Saturday or Sunday, and no name is blank. See
//! [`YearFile::validate`].
//!
//! # Limits
//!
//! No function in this module panics or loops without bound:
//!
//! * [`Calendar::add_working_days`] treats any `n` above
//!   [`MAX_WORKING_DAYS`] as [`MAX_WORKING_DAYS`].
//! * Day-by-day searches stop after [`MAX_SCAN_DAYS`] calendar days, or at
//!   the first or last date that [`NaiveDate`] can represent, and return the
//!   date reached at that point.
//! * [`Calendar::working_days_between`] does not walk day by day; it counts
//!   weekdays arithmetically and then corrects for the exceptions in range.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Bound;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The largest number of working days [`Calendar::add_working_days`] will
/// add. Larger requests are treated as this many days (about fourteen years).
pub const MAX_WORKING_DAYS: u32 = 3650;

/// The largest number of calendar days a day-by-day search will step through
/// (about one hundred years). Only a calendar with an unrealistic run of
/// holidays can reach this limit.
pub const MAX_SCAN_DAYS: u32 = 36_600;

/// The embedded data files, one per year, in year order.
const EMBEDDED_FILES: [&str; 3] = [
    include_str!("../../calendar/kz-2025.json"),
    include_str!("../../calendar/kz-2026.json"),
    include_str!("../../calendar/kz-2027.json"),
];

/// Whether an exception day is a day off or a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A day that is not worked, whatever day of the week it is.
    Holiday,
    /// A Saturday or Sunday that is worked.
    WorkingDay,
}

/// A display name in the three languages of the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

/// One exception to the base Monday-to-Friday rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDay {
    /// The date the exception applies to.
    pub date: NaiveDate,
    /// Whether the date is a day off or a working day.
    pub kind: DayKind,
    /// What the day is called, for display.
    pub name: Names,
}

/// The contents of one per-year data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearFile {
    /// The calendar year the file describes.
    pub year: i32,
    /// A note naming the legal sources the file was built from.
    pub source: String,
    /// Whether the facts were checked against published sources. Defaults to
    /// `false` when the field is missing.
    #[serde(default)]
    pub verified: bool,
    /// The exceptions to the base rule for this year.
    pub days: Vec<CalendarDay>,
}

/// Why a data file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// The text is not valid JSON, or does not have the expected shape.
    #[error("calendar file could not be read: {0}")]
    Json(#[from] serde_json::Error),
    /// A listed date does not belong to the file's year.
    #[error("calendar file for {year}: {date} is not in {year}")]
    DateOutsideYear {
        /// The year the file describes.
        year: i32,
        /// The offending date.
        date: NaiveDate,
    },
    /// A date is listed more than once.
    #[error("calendar file for {year}: {date} is listed more than once")]
    DuplicateDate {
        /// The year the file describes.
        year: i32,
        /// The repeated date.
        date: NaiveDate,
    },
    /// A transferred working day falls on Monday to Friday, where it would
    /// have no effect.
    #[error(
        "calendar file for {year}: {date} is marked as a working_day but it is a {weekday}; \
         only a Saturday or Sunday can be made a working day"
    )]
    WorkingDayOnWeekday {
        /// The year the file describes.
        year: i32,
        /// The offending date.
        date: NaiveDate,
        /// The day of the week the date falls on.
        weekday: Weekday,
    },
    /// A name is empty or only whitespace.
    #[error("calendar file for {year}: {date} has an empty name in language \"{language}\"")]
    EmptyName {
        /// The year the file describes.
        year: i32,
        /// The date whose name is missing.
        date: NaiveDate,
        /// The language code of the empty name (`kk`, `ru` or `en`).
        language: &'static str,
    },
}

impl YearFile {
    /// Reads a data file from JSON text and checks it with
    /// [`YearFile::validate`].
    pub fn parse(json: &str) -> Result<Self, CalendarError> {
        let file: YearFile = serde_json::from_str(json)?;
        file.validate()?;
        Ok(file)
    }

    /// Checks that every date lies in `year`, that no date appears twice,
    /// that every `working_day` is a Saturday or Sunday, and that no name is
    /// blank. A holiday may fall on any day of the week. The first problem
    /// found is returned, in file order.
    pub fn validate(&self) -> Result<(), CalendarError> {
        let year = self.year;
        let mut seen = HashSet::with_capacity(self.days.len());
        for day in &self.days {
            let date = day.date;
            if date.year() != year {
                return Err(CalendarError::DateOutsideYear { year, date });
            }
            if !seen.insert(date) {
                return Err(CalendarError::DuplicateDate { year, date });
            }
            if day.kind == DayKind::WorkingDay && !is_weekend(date) {
                return Err(CalendarError::WorkingDayOnWeekday {
                    year,
                    date,
                    weekday: date.weekday(),
                });
            }
            let names = [
                ("kk", &day.name.kk),
                ("ru", &day.name.ru),
                ("en", &day.name.en),
            ];
            for (language, text) in names {
                if text.trim().is_empty() {
                    return Err(CalendarError::EmptyName {
                        year,
                        date,
                        language,
                    });
                }
            }
        }
        Ok(())
    }
}

/// Answers working-day questions: the base Monday-to-Friday rule plus a set
/// of exception days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// The exception days, ordered by date so that ranges can be read
    /// quickly.
    exceptions: BTreeMap<NaiveDate, DayKind>,
    /// The years whose days were checked against the published decrees;
    /// `None` for a calendar built from days alone (nothing provisional).
    verified_years: Option<BTreeSet<i32>>,
}

impl Calendar {
    /// Builds a calendar from exception days. If a date is given more than
    /// once, the last entry wins. Entries are not validated here; use
    /// [`YearFile::validate`] on data files first.
    pub fn new(days: impl IntoIterator<Item = CalendarDay>) -> Self {
        let exceptions = days.into_iter().map(|d| (d.date, d.kind)).collect();
        Self {
            exceptions,
            verified_years: None,
        }
    }

    /// The department's calendar: `days` for the years it defines (`defined`: year → verified),
    /// and for every other year of `span` the holidays fixed by law
    /// ([`super::statutory::fixed_holidays`]), so no year silently counts weekends only. A date
    /// in a year that is not defined and verified is provisional ([`Calendar::is_provisional`]).
    pub fn kept(
        days: impl IntoIterator<Item = CalendarDay>,
        defined: &BTreeMap<i32, bool>,
        span: std::ops::RangeInclusive<i32>,
    ) -> Self {
        let statutory = span
            .filter(|year| !defined.contains_key(year))
            .flat_map(super::statutory::fixed_holidays);
        let mut calendar = Self::new(statutory.chain(days));
        calendar.verified_years = Some(
            defined
                .iter()
                .filter(|(_, verified)| **verified)
                .map(|(year, _)| *year)
                .collect(),
        );
        calendar
    }

    /// Whether a due date on `d` may still move: its year has no verified calendar yet.
    pub fn is_provisional(&self, d: NaiveDate) -> bool {
        self.verified_years
            .as_ref()
            .is_some_and(|years| !years.contains(&d.year()))
    }

    /// Builds the calendar from the data files compiled into the program
    /// (see [`Calendar::embedded_years`]).
    pub fn embedded() -> Self {
        Self::new(Self::embedded_years().into_iter().flat_map(|y| y.days))
    }

    /// What a fresh installation counts on: the data files compiled into the program, and for
    /// every other year from 2000 to 2100 the holidays fixed by law (see [`Calendar::kept`]).
    pub fn shipped() -> Self {
        let years = Self::embedded_years();
        let defined = years.iter().map(|y| (y.year, y.verified)).collect();
        Self::kept(
            years.into_iter().flat_map(|y| y.days),
            &defined,
            2000..=2100,
        )
    }

    /// The parsed data files compiled into the program, in year order, for
    /// example to seed a database table.
    ///
    /// A file that fails to parse or validate is left out rather than
    /// causing a panic. The unit tests check that every embedded file loads,
    /// so this cannot happen in a tested build; use
    /// [`Calendar::try_embedded_years`] to see the error instead.
    pub fn embedded_years() -> Vec<YearFile> {
        EMBEDDED_FILES
            .iter()
            .filter_map(|json| YearFile::parse(json).ok())
            .collect()
    }

    /// Like [`Calendar::embedded_years`], but returns the first error
    /// instead of leaving a broken file out.
    pub fn try_embedded_years() -> Result<Vec<YearFile>, CalendarError> {
        EMBEDDED_FILES
            .iter()
            .map(|json| YearFile::parse(json))
            .collect()
    }

    /// Whether `d` is a working day: an exception for `d` decides if there
    /// is one, otherwise Monday to Friday are working days.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.exceptions.get(&d) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::WorkingDay) => true,
            None => !is_weekend(d),
        }
    }

    /// The date `n` working days after `start`, not counting `start` itself
    /// (the filing day is not counted); `n = 0` returns `start`.
    ///
    /// The result is always a working day when `n > 0`. Any `n` above
    /// [`MAX_WORKING_DAYS`] is treated as [`MAX_WORKING_DAYS`]. If the search
    /// reaches the last date [`NaiveDate`] can represent, or steps through
    /// [`MAX_SCAN_DAYS`] calendar days, the date reached is returned.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut remaining = n.min(MAX_WORKING_DAYS);
        let mut current = start;
        let mut scanned = 0;
        while remaining > 0 && scanned < MAX_SCAN_DAYS {
            let Some(next) = current.succ_opt() else {
                break;
            };
            current = next;
            scanned += 1;
            if self.is_working_day(current) {
                remaining -= 1;
            }
        }
        current
    }

    /// Working days in `(from, to]`: how many working days pass after `from`
    /// up to and including `to`; 0 if `to <= from`.
    ///
    /// For any `n` up to [`MAX_WORKING_DAYS`],
    /// `working_days_between(s, add_working_days(s, n)) == n` (barring the
    /// search limits described on [`Calendar::add_working_days`]).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let mut count = weekdays_up_to(to) - weekdays_up_to(from);
        let range = (Bound::Excluded(from), Bound::Included(to));
        for (&date, &kind) in self.exceptions.range(range) {
            match (kind, is_weekend(date)) {
                (DayKind::Holiday, false) => count -= 1,
                (DayKind::WorkingDay, true) => count += 1,
                _ => {}
            }
        }
        // The full range of `NaiveDate` holds fewer than `u32::MAX` days, so
        // the fallback is never used; it only avoids a panic path.
        u32::try_from(count.max(0)).unwrap_or(u32::MAX)
    }

    /// The last working day strictly before `d`.
    ///
    /// If the search reaches the first date [`NaiveDate`] can represent, or
    /// steps through [`MAX_SCAN_DAYS`] calendar days, the date reached is
    /// returned.
    pub fn previous_working_day(&self, d: NaiveDate) -> NaiveDate {
        let mut current = d;
        let mut scanned = 0;
        while scanned < MAX_SCAN_DAYS {
            let Some(prev) = current.pred_opt() else {
                break;
            };
            current = prev;
            scanned += 1;
            if self.is_working_day(current) {
                break;
            }
        }
        current
    }
}

/// Whether `d` is a Saturday or Sunday.
fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The number of Mondays to Fridays on or before `d`, counted from a fixed
/// origin. Only differences between two results are meaningful.
fn weekdays_up_to(d: NaiveDate) -> i64 {
    // `num_days_from_ce` is 1 for 0001-01-01, a Monday, so `days` is 0 on
    // that Monday, and `days mod 7` is 0 for Monday through 6 for Sunday.
    // Adding one gives the count of days strictly before the day after `d`.
    let days = i64::from(d.num_days_from_ce()) - 1;
    let next = days + 1;
    5 * next.div_euclid(7) + next.rem_euclid(7).min(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("valid")
    }

    fn names(en: &str) -> Names {
        Names {
            kk: en.to_string(),
            ru: en.to_string(),
            en: en.to_string(),
        }
    }

    fn day(s: &str, kind: DayKind) -> CalendarDay {
        CalendarDay {
            date: date(s),
            kind,
            name: names("test"),
        }
    }

    /// Counts working days in `(from, to]` one day at a time, as a reference
    /// for the arithmetic version.
    fn brute_between(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| cal.is_working_day(*d))
            .count() as u32
    }

    #[test]
    fn weekends_are_skipped() {
        let cal = Calendar::default();
        // Friday + 1 is the following Monday.
        assert_eq!(
            cal.add_working_days(date("2026-04-10"), 1),
            date("2026-04-13")
        );
        // Saturday and Sunday filings also land on Monday.
        assert_eq!(
            cal.add_working_days(date("2026-04-11"), 1),
            date("2026-04-13")
        );
        assert_eq!(
            cal.add_working_days(date("2026-04-12"), 1),
            date("2026-04-13")
        );
        // Ten working days from a Monday is the Monday two weeks later.
        assert_eq!(
            cal.add_working_days(date("2026-04-13"), 10),
            date("2026-04-27")
        );
        assert!(!cal.is_working_day(date("2026-04-11")));
        assert!(cal.is_working_day(date("2026-04-13")));
    }

    #[test]
    fn filing_day_is_not_counted() {
        let cal = Calendar::embedded();
        let monday = date("2026-04-13");
        assert_eq!(cal.add_working_days(monday, 0), monday);
        assert_eq!(cal.add_working_days(monday, 1), date("2026-04-14"));
        assert_eq!(cal.working_days_between(monday, monday), 0);
        assert_eq!(cal.working_days_between(monday, date("2026-04-14")), 1);
        // n = 0 returns the start even when it is not a working day.
        let saturday = date("2026-04-11");
        assert_eq!(cal.add_working_days(saturday, 0), saturday);
    }

    #[test]
    fn nauryz_2026_run() {
        let cal = Calendar::embedded();
        // 21-23 March 2026 are Nauryz (Sat-Mon); the Saturday and Sunday are
        // moved to Tuesday 24 and Wednesday 25 March.
        for d in [
            "2026-03-21",
            "2026-03-22",
            "2026-03-23",
            "2026-03-24",
            "2026-03-25",
        ] {
            assert!(!cal.is_working_day(date(d)), "{d} should be a day off");
        }
        let friday = date("2026-03-20");
        assert_eq!(cal.add_working_days(friday, 1), date("2026-03-26"));
        assert_eq!(cal.add_working_days(friday, 3), date("2026-03-30"));
        // Ten working days from Monday 16 March: 17-20 March are days 1-4,
        // then 26, 27, 30, 31 March and 1, 2 April are days 5-10.
        assert_eq!(
            cal.add_working_days(date("2026-03-16"), 10),
            date("2026-04-02")
        );
        assert_eq!(cal.working_days_between(friday, date("2026-03-31")), 4);
        assert_eq!(cal.previous_working_day(date("2026-03-26")), friday);
        // 8 March 2026 is a Sunday, so Monday 9 March is off.
        assert_eq!(
            cal.add_working_days(date("2026-03-06"), 1),
            date("2026-03-10")
        );
    }

    #[test]
    fn transferred_saturday_counts_synthetic() {
        let cal = Calendar::new([
            day("2026-01-01", DayKind::Holiday),
            day("2026-01-02", DayKind::Holiday),
            day("2026-01-03", DayKind::WorkingDay),
        ]);
        assert!(cal.is_working_day(date("2026-01-03")));
        assert!(!cal.is_working_day(date("2026-01-04")));
        assert_eq!(
            cal.add_working_days(date("2025-12-31"), 1),
            date("2026-01-03")
        );
        assert_eq!(
            cal.add_working_days(date("2025-12-31"), 2),
            date("2026-01-05")
        );
        assert_eq!(
            cal.working_days_between(date("2025-12-31"), date("2026-01-05")),
            2
        );
        assert_eq!(
            cal.previous_working_day(date("2026-01-05")),
            date("2026-01-03")
        );
    }

    #[test]
    fn transferred_sunday_2025_counts() {
        let cal = Calendar::embedded();
        // Order No. 436: the day off moved from Sunday 5 January 2025 to
        // Friday 3 January 2025.
        assert!(!cal.is_working_day(date("2025-01-03")));
        assert!(cal.is_working_day(date("2025-01-05")));
        let filed = date("2024-12-31");
        assert_eq!(cal.add_working_days(filed, 1), date("2025-01-05"));
        assert_eq!(cal.add_working_days(filed, 2), date("2025-01-06"));
        // 7 January is Orthodox Christmas.
        assert_eq!(cal.add_working_days(filed, 3), date("2025-01-08"));
        assert_eq!(
            cal.previous_working_day(date("2025-01-06")),
            date("2025-01-05")
        );
    }

    #[test]
    fn between_is_inverse_of_add() {
        let cal = Calendar::embedded();
        let mut start = date("2024-12-20");
        while start <= date("2028-01-10") {
            for n in [0, 1, 2, 3, 5, 10, 15, 20, 30, 45, 60] {
                let end = cal.add_working_days(start, n);
                assert_eq!(cal.working_days_between(start, end), n, "{start} + {n}");
                if n > 0 {
                    assert!(cal.is_working_day(end), "{start} + {n} = {end}");
                    assert_eq!(
                        cal.working_days_between(start, cal.previous_working_day(end)),
                        n - 1
                    );
                }
            }
            // The other direction: for a working day `end` after `start`,
            // adding the count lands exactly on `end`.
            for offset in 1..40 {
                let Some(end) = start.checked_add_days(chrono::Days::new(offset)) else {
                    continue;
                };
                if cal.is_working_day(end) {
                    let n = cal.working_days_between(start, end);
                    assert_eq!(cal.add_working_days(start, n), end, "{start} -> {end}");
                }
            }
            start = start.succ_opt().expect("valid");
        }
    }

    #[test]
    fn between_matches_day_by_day_count() {
        let cal = Calendar::new([
            day("2026-01-03", DayKind::WorkingDay),
            day("2026-01-05", DayKind::Holiday),
            day("2026-01-10", DayKind::Holiday), // a holiday on a Saturday
            day("-0001-12-31", DayKind::Holiday),
            day("0001-01-06", DayKind::WorkingDay),
        ]);
        let origins = ["2025-12-20", "-0001-12-01", "0000-06-15", "0001-01-01"];
        for origin in origins {
            let from = date(origin);
            for len in 0..120 {
                let to = from + chrono::Days::new(len);
                assert_eq!(
                    cal.working_days_between(from, to),
                    brute_between(&cal, from, to),
                    "{from}..{to}"
                );
            }
        }
        assert_eq!(
            cal.working_days_between(date("2026-02-01"), date("2026-01-01")),
            0
        );
    }

    #[test]
    fn extreme_inputs_do_not_panic_or_hang() {
        let cal = Calendar::embedded();
        let start = date("2026-01-01");
        assert_eq!(
            cal.add_working_days(start, u32::MAX),
            cal.add_working_days(start, MAX_WORKING_DAYS)
        );
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 10), NaiveDate::MAX);
        assert_eq!(cal.previous_working_day(NaiveDate::MIN), NaiveDate::MIN);
        let all = cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX);
        assert!(all > 100_000_000);
        assert_eq!(cal.working_days_between(NaiveDate::MAX, NaiveDate::MIN), 0);

        // A calendar where nothing is ever worked stops at the scan limit.
        let first = date("2030-01-01");
        let blocked = Calendar::new(first.iter_days().take(40_000).map(|d| CalendarDay {
            date: d,
            kind: DayKind::Holiday,
            name: names("blocked"),
        }));
        let reached = blocked.add_working_days(first, 5);
        assert_eq!(reached, first + chrono::Days::new(u64::from(MAX_SCAN_DAYS)));
        let last = first + chrono::Days::new(39_999);
        let back = blocked.previous_working_day(last);
        assert_eq!(back, last - chrono::Days::new(u64::from(MAX_SCAN_DAYS)));
    }

    #[test]
    fn previous_working_day_skips_weekend_and_holidays() {
        let cal = Calendar::embedded();
        assert_eq!(
            cal.previous_working_day(date("2026-04-13")),
            date("2026-04-10")
        );
        assert_eq!(
            cal.previous_working_day(date("2026-04-14")),
            date("2026-04-13")
        );
        // 7, 9 (Sat), 11 (moved) May 2026 are off; 8 May is a Friday.
        assert_eq!(
            cal.previous_working_day(date("2026-05-12")),
            date("2026-05-08")
        );
    }

    fn file_json(days: &str) -> String {
        format!(r#"{{"year":2026,"source":"test","days":[{days}]}}"#)
    }

    const NAME: &str = r#""name":{"kk":"a","ru":"b","en":"c"}"#;

    #[test]
    fn validation_rejects_date_outside_year() {
        let json = file_json(&format!(
            r#"{{"date":"2025-12-31","kind":"holiday",{NAME}}}"#
        ));
        let err = YearFile::parse(&json).expect_err("refused");
        assert!(matches!(err, CalendarError::DateOutsideYear { .. }));
        let msg = err.to_string();
        assert!(msg.contains("2025-12-31"), "{msg}");
    }

    #[test]
    fn validation_rejects_duplicate_date() {
        let json = file_json(&format!(
            r#"{{"date":"2026-03-23","kind":"holiday",{NAME}}},
               {{"date":"2026-03-23","kind":"holiday",{NAME}}}"#
        ));
        let err = YearFile::parse(&json).expect_err("refused");
        assert!(matches!(err, CalendarError::DuplicateDate { .. }));
        assert!(err.to_string().contains("2026-03-23"));
    }

    #[test]
    fn validation_rejects_working_day_on_weekday() {
        let json = file_json(&format!(
            r#"{{"date":"2026-03-24","kind":"working_day",{NAME}}}"#
        ));
        let err = YearFile::parse(&json).expect_err("refused");
        assert!(matches!(
            err,
            CalendarError::WorkingDayOnWeekday {
                weekday: Weekday::Tue,
                ..
            }
        ));
        let msg = err.to_string();
        assert!(msg.contains("2026-03-24") && msg.contains("Tue"), "{msg}");
    }

    #[test]
    fn validation_accepts_weekend_working_day_and_any_holiday() {
        let json = file_json(&format!(
            r#"{{"date":"2026-01-03","kind":"working_day",{NAME}}},
               {{"date":"2026-03-21","kind":"holiday",{NAME}}},
               {{"date":"2026-03-23","kind":"holiday",{NAME}}}"#
        ));
        let file = YearFile::parse(&json).expect("valid");
        assert!(!file.verified);
        assert_eq!(file.days.len(), 3);
        assert_eq!(file.days[0].kind, DayKind::WorkingDay);
    }

    #[test]
    fn validation_rejects_blank_name_bad_kind_and_bad_json() {
        let json = file_json(
            r#"{"date":"2026-03-23","kind":"holiday","name":{"kk":"a","ru":" ","en":"c"}}"#,
        );
        let err = YearFile::parse(&json).expect_err("refused");
        assert!(matches!(
            err,
            CalendarError::EmptyName { language: "ru", .. }
        ));

        let json = file_json(&format!(
            r#"{{"date":"2026-03-23","kind":"weekend",{NAME}}}"#
        ));
        assert!(matches!(
            YearFile::parse(&json),
            Err(CalendarError::Json(_))
        ));
        let json = file_json(&format!(
            r#"{{"date":"2026-02-30","kind":"holiday",{NAME}}}"#
        ));
        assert!(matches!(
            YearFile::parse(&json),
            Err(CalendarError::Json(_))
        ));
        assert!(matches!(
            YearFile::parse("not json"),
            Err(CalendarError::Json(_))
        ));
        let json = r#"{"year":2026,"source":"x","days":[],"extra":1}"#;
        assert!(matches!(YearFile::parse(json), Err(CalendarError::Json(_))));
    }

    #[test]
    fn embedded_files_parse_and_validate() {
        let years = Calendar::try_embedded_years().expect("valid");
        let numbers: Vec<i32> = years.iter().map(|y| y.year).collect();
        assert_eq!(numbers, [2025, 2026, 2027]);
        assert_eq!(Calendar::embedded_years(), years);
        for year in &years {
            year.validate().expect("valid");
            assert!(!year.source.trim().is_empty());
            assert!(!year.days.is_empty());
            // Every fixed-date public holiday is listed.
            for md in [
                (1, 1),
                (1, 2),
                (1, 7),
                (3, 8),
                (3, 21),
                (3, 22),
                (3, 23),
                (5, 1),
                (5, 7),
                (5, 9),
                (7, 6),
                (8, 30),
                (10, 25),
                (12, 16),
            ] {
                let d = NaiveDate::from_ymd_opt(year.year, md.0, md.1).expect("valid");
                assert!(
                    year.days
                        .iter()
                        .any(|x| x.date == d && x.kind == DayKind::Holiday),
                    "{d} missing"
                );
            }
        }
        let cal = Calendar::embedded();
        assert!(!cal.is_working_day(date("2025-06-06")));
        assert!(!cal.is_working_day(date("2026-05-27")));
        assert!(!cal.is_working_day(date("2027-01-04")));
        assert!(cal.is_working_day(date("2026-01-05")));
    }

    #[test]
    fn year_file_round_trips_through_json() {
        let years = Calendar::try_embedded_years().expect("valid");
        for year in years {
            let json = serde_json::to_string(&year).expect("valid");
            assert_eq!(YearFile::parse(&json).expect("valid"), year);
        }
        let json = serde_json::to_string(&DayKind::WorkingDay).expect("valid");
        assert_eq!(json, r#""working_day""#);
    }
}
