//! Finnish public holidays and the other days on which no one works, computed
//! (not listed) so schedules are right for any year. Meeting schedules skip them.

use jiff::civil::{Date, Weekday, date};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    Epiphany,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    MayDay,
    AscensionDay,
    Whitsunday,
    MidsummerEve,
    MidsummerDay,
    AllSaintsDay,
    IndependenceDay,
    ChristmasEve,
    ChristmasDay,
    StStephensDay,
}

impl Holiday {
    /// Catalogue key of the holiday's name.
    pub fn key(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "holiday-new-years-day",
            Holiday::Epiphany => "holiday-epiphany",
            Holiday::GoodFriday => "holiday-good-friday",
            Holiday::EasterSunday => "holiday-easter-sunday",
            Holiday::EasterMonday => "holiday-easter-monday",
            Holiday::MayDay => "holiday-may-day",
            Holiday::AscensionDay => "holiday-ascension-day",
            Holiday::Whitsunday => "holiday-whitsunday",
            Holiday::MidsummerEve => "holiday-midsummer-eve",
            Holiday::MidsummerDay => "holiday-midsummer-day",
            Holiday::AllSaintsDay => "holiday-all-saints-day",
            Holiday::IndependenceDay => "holiday-independence-day",
            Holiday::ChristmasEve => "holiday-christmas-eve",
            Holiday::ChristmasDay => "holiday-christmas-day",
            Holiday::StStephensDay => "holiday-st-stephens-day",
        }
    }
}

/// Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm,
/// "Meeus/Jones/Butcher"), for years 1583–9999.
pub fn easter_sunday(year: i16) -> Option<Date> {
    if !(1583..=9999).contains(&year) {
        return None;
    }
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The first `weekday` on or after `from`.
fn next_weekday(from: Date, weekday: Weekday) -> Date {
    let ahead =
        (weekday.to_monday_zero_offset() - from.weekday().to_monday_zero_offset()).rem_euclid(7);
    from.checked_add(jiff::Span::new().days(i64::from(ahead)))
        .unwrap_or(from)
}

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

/// Every holiday of `year`, in date order. Midsummer Eve and Christmas Eve are
/// not public holidays by law but are days off in practice, so clubs don't meet.
pub fn holidays(year: i16) -> Vec<(Date, Holiday)> {
    let Some(easter) = easter_sunday(year) else {
        return vec![];
    };
    let midsummer_day = next_weekday(date(year, 6, 20), Weekday::Saturday);
    let mut all = vec![
        (date(year, 1, 1), Holiday::NewYearsDay),
        (date(year, 1, 6), Holiday::Epiphany),
        (plus_days(easter, -2), Holiday::GoodFriday),
        (easter, Holiday::EasterSunday),
        (plus_days(easter, 1), Holiday::EasterMonday),
        (date(year, 5, 1), Holiday::MayDay),
        (plus_days(easter, 39), Holiday::AscensionDay),
        (plus_days(easter, 49), Holiday::Whitsunday),
        (plus_days(midsummer_day, -1), Holiday::MidsummerEve),
        (midsummer_day, Holiday::MidsummerDay),
        (
            next_weekday(date(year, 10, 31), Weekday::Saturday),
            Holiday::AllSaintsDay,
        ),
        (date(year, 12, 6), Holiday::IndependenceDay),
        (date(year, 12, 24), Holiday::ChristmasEve),
        (date(year, 12, 25), Holiday::ChristmasDay),
        (date(year, 12, 26), Holiday::StStephensDay),
    ];
    all.sort_by_key(|(d, _)| *d);
    all
}

/// The holiday on that date, if it is one.
pub fn holiday_on(d: Date) -> Option<Holiday> {
    holidays(d.year())
        .into_iter()
        .find(|(h, _)| *h == d)
        .map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Easter Sundays from the church calendar (evl.fi) for 2024–2030.
    const EASTERS: [(i16, i8, i8); 7] = [
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2028, 4, 16),
        (2029, 4, 1),
        (2030, 4, 21),
    ];

    #[test]
    fn easter_2024_to_2030() {
        for (y, m, d) in EASTERS {
            assert_eq!(easter_sunday(y), Some(date(y, m, d)), "{y}");
        }
        assert_eq!(easter_sunday(1000), None);
    }

    /// The movable holidays of 2024–2030 as the official calendar lists them:
    /// (Good Friday, Ascension, Midsummer Eve, All Saints' Day).
    #[test]
    fn movable_holidays_2024_to_2030() {
        type MonthDay = (i8, i8);
        let known: [(i16, MonthDay, MonthDay, MonthDay, MonthDay); 7] = [
            (2024, (3, 29), (5, 9), (6, 21), (11, 2)),
            (2025, (4, 18), (5, 29), (6, 20), (11, 1)),
            (2026, (4, 3), (5, 14), (6, 19), (10, 31)),
            (2027, (3, 26), (5, 6), (6, 25), (11, 6)),
            (2028, (4, 14), (5, 25), (6, 23), (11, 4)),
            (2029, (3, 30), (5, 10), (6, 22), (11, 3)),
            (2030, (4, 19), (5, 30), (6, 21), (11, 2)),
        ];
        for (y, gf, asc, mse, ass) in known {
            let at = |(m, d): (i8, i8)| holiday_on(date(y, m, d));
            assert_eq!(at(gf), Some(Holiday::GoodFriday), "{y}");
            assert_eq!(at(asc), Some(Holiday::AscensionDay), "{y}");
            assert_eq!(at(mse), Some(Holiday::MidsummerEve), "{y}");
            assert_eq!(at(ass), Some(Holiday::AllSaintsDay), "{y}");
            assert_eq!(holidays(y).len(), 15);
        }
        assert_eq!(
            holiday_on(date(2026, 12, 6)),
            Some(Holiday::IndependenceDay)
        );
        assert_eq!(holiday_on(date(2026, 12, 7)), None);
    }

    proptest! {
        #[test]
        fn shapes_hold_every_year(year in 1900i16..2200) {
            let h = holidays(year);
            let find = |x: Holiday| h.iter().find(|(_, k)| *k == x).map(|(d, _)| *d);
            let easter = find(Holiday::EasterSunday).unwrap();
            prop_assert_eq!(easter.weekday(), Weekday::Sunday);
            prop_assert!(easter >= date(year, 3, 22) && easter <= date(year, 4, 25));
            let mid = find(Holiday::MidsummerDay).unwrap();
            prop_assert_eq!(mid.weekday(), Weekday::Saturday);
            prop_assert!(mid >= date(year, 6, 20) && mid <= date(year, 6, 26));
            let all_saints = find(Holiday::AllSaintsDay).unwrap();
            prop_assert_eq!(all_saints.weekday(), Weekday::Saturday);
            prop_assert!(all_saints >= date(year, 10, 31) && all_saints <= date(year, 11, 6));
            prop_assert_eq!(find(Holiday::AscensionDay).unwrap().weekday(), Weekday::Thursday);
        }
    }
}
