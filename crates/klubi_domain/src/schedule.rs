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

    proptest! {
        #[test]
        fn never_on_a_holiday_or_another_weekday(
            year in 2024i16..2031, ordinal in 1i16..360, mask in 1u8..128, count in 1u32..40, hour in 7i8..18
        ) {
            let weekdays: Vec<Weekday> = (0..7)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| Weekday::from_monday_zero_offset(i).unwrap())
                .collect();
            let spec = ScheduleSpec {
                first_date: date(year, 1, 1).checked_add(Span::new().days(i64::from(ordinal))).unwrap(),
                weekdays: weekdays.clone(),
                start_time: time(hour, 0, 0, 0),
                duration_minutes: 90,
                count,
            };
            let s = generate(&spec, &helsinki()).unwrap();
            prop_assert_eq!(s.slots.len(), count as usize);
            for w in s.slots.windows(2) {
                prop_assert!(w[0].date < w[1].date);
            }
            for slot in &s.slots {
                prop_assert!(weekdays.contains(&slot.date.weekday()));
                prop_assert!(holiday_on(slot.date).is_none());
                let local = slot.starts_at.to_zoned(helsinki());
                prop_assert_eq!(local.hour(), hour);
                prop_assert_eq!(slot.ends_at.as_second() - slot.starts_at.as_second(), 90 * 60);
            }
        }
    }
}
