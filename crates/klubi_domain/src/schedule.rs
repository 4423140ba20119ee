//! Generating a group's meeting schedule: from a first date, on chosen weekdays,
//! at a local time, skipping Finnish holidays. Pure: the caller edits the result
//! meeting by meeting afterwards.

use crate::holidays::holiday_on;
use crate::validation::Invalid;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

pub const MAX_MEETINGS: u32 = 100;
pub const MAX_DURATION_MINUTES: u32 = 12 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleSpec {
    pub first_date: Date,
    pub weekdays: Vec<Weekday>,
    /// Local time in the installation's time zone.
    pub start_time: Time,
    pub duration_minutes: u32,
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub date: Date,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
}

/// A day that was passed over because it is a holiday, to show the coordinator why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skipped {
    pub date: Date,
    pub holiday: crate::holidays::Holiday,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub slots: Vec<Slot>,
    pub skipped: Vec<Skipped>,
}

impl ScheduleSpec {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::default();
        if self.weekdays.is_empty() {
            inv.push("weekdays", "error-schedule-no-weekdays");
        }
        if self.count == 0 || self.count > MAX_MEETINGS {
            inv.push("count", "error-schedule-count");
        }
        if self.duration_minutes == 0 || self.duration_minutes > MAX_DURATION_MINUTES {
            inv.push("duration_minutes", "error-schedule-duration");
        }
        inv.into_result()
    }
}

/// The meetings of `spec` in `tz`. A local time that does not exist on a day
/// (inside the spring-forward gap) moves forward, as clocks do.
pub fn generate(spec: &ScheduleSpec, tz: &TimeZone) -> Result<Schedule, Invalid> {
    spec.validate()?;
    let mut slots = Vec::new();
    let mut skipped = Vec::new();
    let mut day = spec.first_date;
    // Weekly at the least, so 100 meetings fit in two years however many holidays fall.
    let last_day = spec
        .first_date
        .checked_add(Span::new().days(2 * 366))
        .map_err(|_| Invalid::one("first_date", "error-schedule-date-range"))?;
    while slots.len() < spec.count as usize && day <= last_day {
        if spec.weekdays.contains(&day.weekday()) {
            match holiday_on(day) {
                Some(holiday) => skipped.push(Skipped { date: day, holiday }),
                None => {
                    let starts = day
                        .to_datetime(spec.start_time)
                        .to_zoned(tz.clone())
                        .map_err(|_| Invalid::one("start_time", "error-schedule-date-range"))?;
                    let ends = starts
                        .checked_add(Span::new().minutes(i64::from(spec.duration_minutes)))
                        .map_err(|_| Invalid::one("duration_minutes", "error-schedule-duration"))?;
                    slots.push(Slot {
                        date: day,
                        starts_at: starts.timestamp(),
                        ends_at: ends.timestamp(),
                    });
                }
            }
        }
        day = day
            .tomorrow()
            .map_err(|_| Invalid::one("first_date", "error-schedule-date-range"))?;
    }
    Ok(Schedule { slots, skipped })
}

/// A day as a date input sends it (`2026-11-23`) or as Finns and Swedes
/// write it (`23.11.2026`).
pub fn parse_date(s: &str) -> Result<Date, &'static str> {
    let t = s.trim();
    if let Ok(d) = t.parse::<Date>() {
        return Ok(d);
    }
    let parts: Vec<&str> = t.split('.').collect();
    if let [d, m, y] = parts[..] {
        let n = |x: &str| x.parse::<i16>().map_err(|_| "error-date-invalid");
        let (d, m, y) = (n(d)?, n(m)?, n(y)?);
        if (1000..=9999).contains(&y) {
            return Date::new(y, m as i8, d as i8).map_err(|_| "error-date-invalid");
        }
    }
    Err("error-date-invalid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::holidays::Holiday;
    use jiff::civil::{date, time};
    use proptest::prelude::*;

    fn helsinki() -> TimeZone {
        TimeZone::get("Europe/Helsinki").unwrap()
    }

    #[test]
    fn dates_parse_in_both_forms() {
        assert_eq!(parse_date("2026-11-23"), Ok(date(2026, 11, 23)));
        assert_eq!(parse_date(" 3.4.2026 "), Ok(date(2026, 4, 3)));
        for bad in [
            "31.2.2026",
            "1.1.26",
            "2026-13-01",
            "",
            "1.1.2026.1",
            "200.1.2026",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn skips_easter_and_keeps_the_count() {
        // Mondays and Fridays from Monday 30 March 2026: Good Friday 3.4. and
        // Easter Monday 6.4. are skipped, five meetings still come out.
        let spec = ScheduleSpec {
            first_date: date(2026, 3, 30),
            weekdays: vec![Weekday::Monday, Weekday::Friday],
            start_time: time(9, 0, 0, 0),
            duration_minutes: 180,
            count: 5,
        };
        let s = generate(&spec, &helsinki()).unwrap();
        let days: Vec<Date> = s.slots.iter().map(|x| x.date).collect();
        assert_eq!(
            days,
            vec![
                date(2026, 3, 30),
                date(2026, 4, 10),
                date(2026, 4, 13),
                date(2026, 4, 17),
                date(2026, 4, 20)
            ]
        );
        assert_eq!(
            s.skipped,
            vec![
                Skipped {
                    date: date(2026, 4, 3),
                    holiday: Holiday::GoodFriday
                },
                Skipped {
                    date: date(2026, 4, 6),
                    holiday: Holiday::EasterMonday
                },
            ]
        );
    }

    #[test]
    fn local_time_holds_across_the_dst_change() {
        // Daylight saving starts on Sunday 29 March 2026 at 03:00 local time.
        let spec = ScheduleSpec {
            first_date: date(2026, 3, 26),
            weekdays: vec![Weekday::Thursday, Weekday::Monday],
            start_time: time(10, 0, 0, 0),
            duration_minutes: 240,
            count: 2,
        };
        let s = generate(&spec, &helsinki()).unwrap();
        assert_eq!(
            s.slots[0].starts_at.to_string(),
            "2026-03-26T08:00:00Z",
            "EET, UTC+2"
        );
        assert_eq!(
            s.slots[1].starts_at.to_string(),
            "2026-03-30T07:00:00Z",
            "EEST, UTC+3"
        );
        assert_eq!(s.slots[1].ends_at.to_string(), "2026-03-30T11:00:00Z");
    }

    #[test]
    fn the_gap_moves_forward() {
        let spec = ScheduleSpec {
            first_date: date(2026, 3, 29),
            weekdays: vec![Weekday::Sunday],
            start_time: time(3, 30, 0, 0),
            duration_minutes: 60,
            count: 1,
        };
        let s = generate(&spec, &helsinki()).unwrap();
        assert_eq!(
            s.slots[0].starts_at.to_string(),
            "2026-03-29T01:30:00Z",
            "04:30 EEST"
        );
    }

    #[test]
    fn bad_specs_name_their_fields() {
        let spec = ScheduleSpec {
            first_date: date(2026, 1, 5),
            weekdays: vec![],
            start_time: time(9, 0, 0, 0),
            duration_minutes: 0,
            count: 101,
        };
        let fields: Vec<String> = generate(&spec, &helsinki())
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["weekdays", "count", "duration_minutes"]);
    }

    /// Easter Sundays as the church calendar lists them (evl.fi), for every
    /// year the property below can reach.
    const EASTER_SUNDAYS: [(i16, i8, i8); 10] = [
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2028, 4, 16),
        (2029, 4, 1),
        (2030, 4, 21),
        (2031, 4, 13),
        (2032, 3, 28),
        (2033, 4, 17),
    ];

    /// Whether `d` is a day off, told from the day itself by the calendar's
    /// rules as written (not by `holidays`): fixed dates, the Midsummer and
    /// All Saints' weekends by their windows, and the Easter feasts by their
    /// distance from the listed Easter Sunday.
    fn day_off_by_the_rules(d: Date) -> Option<Holiday> {
        let (month, day, weekday) = (d.month(), d.day(), d.weekday());
        let fixed = match (month, day) {
            (1, 1) => Some(Holiday::NewYearsDay),
            (1, 6) => Some(Holiday::Epiphany),
            (5, 1) => Some(Holiday::MayDay),
            (12, 6) => Some(Holiday::IndependenceDay),
            (12, 24) => Some(Holiday::ChristmasEve),
            (12, 25) => Some(Holiday::ChristmasDay),
            (12, 26) => Some(Holiday::StStephensDay),
            _ => None,
        };
        if fixed.is_some() {
            return fixed;
        }
        // Midsummer Day is the Saturday of 20–26 June, its eve the day before.
        if month == 6 && weekday == Weekday::Friday && (19..=25).contains(&day) {
            return Some(Holiday::MidsummerEve);
        }
        if month == 6 && weekday == Weekday::Saturday && (20..=26).contains(&day) {
            return Some(Holiday::MidsummerDay);
        }
        // All Saints' Day is the Saturday of 31 October – 6 November.
        if weekday == Weekday::Saturday && ((month == 10 && day == 31) || (month == 11 && day <= 6))
        {
            return Some(Holiday::AllSaintsDay);
        }
        let &(y, m, dd) = EASTER_SUNDAYS
            .iter()
            .find(|(y, _, _)| *y == d.year())
            .expect("the year is in the table");
        match (d - date(y, m, dd)).get_days() {
            -2 => Some(Holiday::GoodFriday),
            0 => Some(Holiday::EasterSunday),
            1 => Some(Holiday::EasterMonday),
            39 => Some(Holiday::AscensionDay),
            49 => Some(Holiday::Whitsunday),
            _ => None,
        }
    }

    /// The oracle's holiday rules and the crate's agree on every day of the
    /// table's years (so a failure below is the schedule's, not the oracle's).
    #[test]
    fn the_oracle_knows_the_same_days_off_2024_to_2033() {
        let mut d = date(2024, 1, 1);
        while d.year() <= 2033 {
            assert_eq!(day_off_by_the_rules(d), holiday_on(d), "{d}");
            d = d.tomorrow().unwrap();
        }
    }

    /// Walks day by day from `first`: a day on a weekday of `mask` (bit 0 is
    /// Monday) is a meeting unless it is a day off, in which case it is
    /// skipped; the walk stops at the `count`th meeting.
    fn walk(first: Date, mask: u8, count: u32) -> (Vec<Date>, Vec<Skipped>) {
        let (mut meetings, mut skipped) = (Vec::new(), Vec::new());
        let mut d = first;
        while meetings.len() < count as usize {
            if mask & (1 << d.weekday().to_monday_zero_offset()) != 0 {
                match day_off_by_the_rules(d) {
                    Some(holiday) => skipped.push(Skipped { date: d, holiday }),
                    None => meetings.push(d),
                }
            }
            d = d.tomorrow().unwrap();
        }
        (meetings, skipped)
    }

    proptest! {
        /// Any first date, weekdays, count and hour: the meetings fall on
        /// exactly the first `count` chosen weekdays from the first date that
        /// are not days off, none left out and none extra; the days off passed
        /// over on the way are the skipped ones, named; every meeting starts
        /// at the hour on its own local date and lasts its duration.
        #[test]
        fn meets_on_exactly_the_first_chosen_weekdays_that_are_not_days_off(
            year in 2024i16..2031, ordinal in 1i16..360, mask in 1u8..128, count in 1u32..40, hour in 7i8..18
        ) {
            let weekdays: Vec<Weekday> = (0..7)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| Weekday::from_monday_zero_offset(i).unwrap())
                .collect();
            let first_date = date(year, 1, 1).checked_add(Span::new().days(i64::from(ordinal))).unwrap();
            let spec = ScheduleSpec {
                first_date,
                weekdays,
                start_time: time(hour, 0, 0, 0),
                duration_minutes: 90,
                count,
            };
            let s = generate(&spec, &helsinki()).unwrap();
            let (days, skipped) = walk(first_date, mask, count);
            let got: Vec<Date> = s.slots.iter().map(|x| x.date).collect();
            prop_assert_eq!(got, days);
            prop_assert_eq!(s.skipped, skipped);
            for slot in &s.slots {
                let local = slot.starts_at.to_zoned(helsinki());
                prop_assert_eq!(local.date(), slot.date);
                prop_assert_eq!((local.hour(), local.minute(), local.second()), (hour, 0, 0));
                prop_assert_eq!(slot.ends_at.as_second() - slot.starts_at.as_second(), 90 * 60);
            }
        }
    }
}
