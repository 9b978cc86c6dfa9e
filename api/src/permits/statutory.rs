//! The holidays the law fixes on fixed dates, for any year (the Law of the Republic of
//! Kazakhstan of 13 December 2001 No. 267-II "On holidays in the Republic of Kazakhstan", and the
//! Labour Code of the Republic of Kazakhstan, articles 84–85): when one falls on a Saturday, a
//! Sunday or another holiday, the day off moves to the next working day, except for the religious
//! holidays (Orthodox Christmas). Movable holidays (the first day of Kurban Ait) and the days
//! the Government moves by decree are not here: they come from the year's calendar data, which is
//! why a year without it is counted on these days alone and its due dates are provisional.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::calendar::{CalendarDay, DayKind, Names};

/// (month, day, moves when on a day off, kk, ru, en).
const FIXED: [(u32, u32, bool, &str, &str, &str); 14] = [
    (1, 1, true, "Жаңа жыл", "Новый год", "New Year"),
    (1, 2, true, "Жаңа жыл", "Новый год", "New Year"),
    (
        1,
        7,
        false,
        "Православиелік Рождество",
        "Православное Рождество",
        "Orthodox Christmas",
    ),
    (
        3,
        8,
        true,
        "Халықаралық әйелдер күні",
        "Международный женский день",
        "International Women's Day",
    ),
    (3, 21, true, "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz"),
    (3, 22, true, "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz"),
    (3, 23, true, "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz"),
    (
        5,
        1,
        true,
        "Қазақстан халқының бірлігі мерекесі",
        "Праздник единства народа Казахстана",
        "Unity Day of the People of Kazakhstan",
    ),
    (
        5,
        7,
        true,
        "Отан қорғаушы күні",
        "День защитника Отечества",
        "Defender of the Fatherland Day",
    ),
    (5, 9, true, "Жеңіс күні", "День Победы", "Victory Day"),
    (7, 6, true, "Астана күні", "День столицы", "Capital Day"),
    (
        8,
        30,
        true,
        "Конституция күні",
        "День Конституции",
        "Constitution Day",
    ),
    (
        10,
        25,
        true,
        "Республика күні",
        "День Республики",
        "Republic Day",
    ),
    (
        12,
        16,
        true,
        "Тәуелсіздік күні",
        "День Независимости",
        "Independence Day",
    ),
];

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The fixed-date holidays of `year` and the days off they move, in date order.
pub fn fixed_holidays(year: i32) -> Vec<CalendarDay> {
    let holidays: Vec<(NaiveDate, bool, Names)> = FIXED
        .iter()
        .filter_map(|&(m, d, moves, kk, ru, en)| {
            let name = Names {
                kk: kk.to_owned(),
                ru: ru.to_owned(),
                en: en.to_owned(),
            };
            NaiveDate::from_ymd_opt(year, m, d).map(|date| (date, moves, name))
        })
        .collect();
    let fixed: BTreeSet<NaiveDate> = holidays.iter().map(|(d, _, _)| *d).collect();
    let mut taken = fixed.clone();
    let mut out: Vec<CalendarDay> = Vec::new();
    for (date, moves, name) in holidays {
        out.push(CalendarDay {
            date,
            kind: DayKind::Holiday,
            name: name.clone(),
        });
        if !moves || !is_weekend(date) {
            continue;
        }
        // The next weekday that is neither a holiday nor already a moved day off.
        let mut next = date;
        for _ in 0..14 {
            let Some(day) = next.succ_opt() else { break };
            next = day;
            if !is_weekend(next) && !taken.contains(&next) {
                taken.insert(next);
                let moved = |text: &str, from: &str| format!("{text} ({from})");
                let from = date.format("%d.%m").to_string();
                out.push(CalendarDay {
                    date: next,
                    kind: DayKind::Holiday,
                    name: Names {
                        kk: moved(&name.kk, &format!("{from} күнінен ауыстырылған демалыс")),
                        ru: moved(&name.ru, &format!("перенос выходного с {from}")),
                        en: moved(&name.en, &format!("day off moved from {from}")),
                    },
                });
                break;
            }
        }
    }
    out.retain(|d| d.date.year() == year);
    out.sort_by_key(|d| d.date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permits::calendar::YearFile;

    /// The 2027 data file was derived by hand from the same rules; the generated days must match
    /// it, apart from the movable Kurban Ait.
    #[test]
    fn the_law_gives_the_2027_file_without_its_movable_feast() {
        let file = YearFile::parse(include_str!("../../calendar/kz-2027.json")).expect("2027");
        let from_file: Vec<NaiveDate> = file
            .days
            .iter()
            .filter(|d| d.kind == DayKind::Holiday && !d.name.en.contains("Kurban"))
            .map(|d| d.date)
            .collect();
        let generated: Vec<NaiveDate> = fixed_holidays(2027).iter().map(|d| d.date).collect();
        assert_eq!(generated, from_file);
    }

    #[test]
    fn a_holiday_on_a_weekend_moves_the_day_off_but_christmas_does_not() {
        // 2028: 1 January is a Saturday, 2 January a Sunday: both move, to 3 and 4 January.
        let days: Vec<String> = fixed_holidays(2028)
            .iter()
            .map(|d| d.date.to_string())
            .collect();
        for expected in ["2028-01-03", "2028-01-04"] {
            assert!(days.contains(&expected.to_owned()), "{days:?}");
        }
        // 7 January 2029 is a Sunday: Orthodox Christmas moves nothing.
        let days: Vec<NaiveDate> = fixed_holidays(2029).iter().map(|d| d.date).collect();
        let eighth = NaiveDate::from_ymd_opt(2029, 1, 8).expect("a day");
        assert!(!days.contains(&eighth), "{days:?}");
        assert_eq!(
            fixed_holidays(2030).len(),
            fixed_holidays(2030)
                .iter()
                .map(|d| d.date)
                .collect::<BTreeSet<_>>()
                .len()
        );
    }
}
