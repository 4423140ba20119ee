//! An organisation's month of compensation: one line per group and
//! participant for the attended meetings of the month, paid at the rate in
//! force on each meeting's local date, and the total. Pure: rows in, lines
//! out.
//!
//! # How the app calls it
//!
//! The app reads the month's rows (`klubi_db::compensation::month_rows`: per
//! group and participant where the group has one rate, per meeting where its
//! rate changes), and the rate changes of the groups that have any
//! (`rates_of_organisation`, read only when some row has `rate_changes`),
//! maps them and calls [`organisation_month`]:
//!
//! ```text
//! use klubi_domain::month::{self, MonthRow};
//! let rows: Vec<MonthRow> = rows.into_iter().map(|r| MonthRow {
//!     group_id: r.group_id,
//!     group_name: r.group_name,
//!     base_rate: r.base_rate,
//!     participant_id: r.participant_id,
//!     participant_name: r.participant_name,
//!     starts_at: r.starts_at,
//!     count: u32::try_from(r.count).unwrap_or(0),
//! }).collect();
//! // group id → its changes, dates parsed as `rates_from` does (a date that
//! // does not parse is left out).
//! let changes: HashMap<String, Vec<(jiff::civil::Date, Option<i64>)>> = changes
//!     .into_iter()
//!     .map(|(g, cs)| (g, cs.into_iter()
//!         .filter_map(|(d, r)| Some((d.parse().ok()?, r)))
//!         .collect()))
//!     .collect();
//! let m = month::organisation_month(rows, &changes, &i18n::tz());
//! ```
//!
//! Then it maps each [`MonthLine`] field for field into its own `MonthLine`
//! and takes `total_cents` as it is; `organisation_id` and the `YYYY-MM`
//! month stay the app's own. The `rate_changes` flag of a row is not needed:
//! a group found in `changes` is paid by its rates, any other at its base.

use crate::compensation::Rates;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::collections::HashMap;

/// Attended meetings of one participant in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    pub group_id: String,
    pub group_name: String,
    /// The group's own rate per attended meeting, before any change (cents;
    /// `None`: no compensation).
    pub base_rate: Option<i64>,
    pub participant_id: String,
    pub participant_name: String,
    /// Unix seconds: the meeting's start. Its local date picks the rate when
    /// the group's rate changes; a row of such a group should then stand for
    /// that one meeting.
    pub starts_at: i64,
    /// Attended meetings the row stands for.
    pub count: u32,
}

/// A participant's compensation from one group for the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthLine {
    pub group_id: String,
    pub group_name: String,
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// Sorted by group name, group id, participant name, participant id;
    /// one per group and participant.
    pub lines: Vec<MonthLine>,
    pub total_cents: i64,
}

/// The lines and total of `rows`, in any order. A row's amount is its count
/// times the rate: for a group in `changes` (group id → rate changes, as
/// [`Rates::new`] takes them) the rate in force on the local date in `tz` of
/// the row's `starts_at`, for any other group its `base_rate`; no rate pays 0.
/// A group's and a participant's names are taken to be the same on all their
/// rows.
pub fn organisation_month(
    mut rows: Vec<MonthRow>,
    changes: &HashMap<String, Vec<(Date, Option<i64>)>>,
    tz: &TimeZone,
) -> Month {
    rows.sort_by(|a, b| {
        (
            &a.group_name,
            &a.group_id,
            &a.participant_name,
            &a.participant_id,
        )
            .cmp(&(
                &b.group_name,
                &b.group_id,
                &b.participant_name,
                &b.participant_id,
            ))
    });
    let mut rates: HashMap<String, Rates> = HashMap::new();
    let mut lines: Vec<MonthLine> = Vec::new();
    for r in rows {
        let rate = match changes.get(&r.group_id) {
            Some(c) => rates
                .entry(r.group_id.clone())
                .or_insert_with(|| Rates::new(r.base_rate, c.clone()))
                .on(local_day(r.starts_at, tz)),
            None => r.base_rate,
        };
        let amount = rate.unwrap_or(0) * i64::from(r.count);
        match lines.last_mut() {
            Some(l) if l.group_id == r.group_id && l.participant_id == r.participant_id => {
                l.attended_meetings += r.count;
                l.amount_cents += amount;
            }
            _ => lines.push(MonthLine {
                group_id: r.group_id,
                group_name: r.group_name,
                participant_id: r.participant_id,
                name: r.participant_name,
                attended_meetings: r.count,
                amount_cents: amount,
            }),
        }
    }
    let total_cents = lines.iter().map(|l| l.amount_cents).sum();
    Month { lines, total_cents }
}

/// The date in `tz` of a unix second (an instant out of range: jiff's default date).
pub fn local_day(ts: i64, tz: &TimeZone) -> Date {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.to_zoned(tz.clone()).date())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compensation::tests::rate_in_force_by_scan;
    use jiff::civil::date;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn helsinki() -> TimeZone {
        TimeZone::get("Europe/Helsinki").unwrap()
    }

    /// Unix seconds of a UTC instant written out.
    fn utc(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    fn row(
        group: (&str, &str, Option<i64>),
        participant: (&str, &str),
        starts_at: i64,
        count: u32,
    ) -> MonthRow {
        MonthRow {
            group_id: group.0.to_string(),
            group_name: group.1.to_string(),
            base_rate: group.2,
            participant_id: participant.0.to_string(),
            participant_name: participant.1.to_string(),
            starts_at,
            count,
        }
    }

    fn figures(m: &Month) -> Vec<(&str, &str, u32, i64)> {
        m.lines
            .iter()
            .map(|l| {
                (
                    l.group_id.as_str(),
                    l.participant_id.as_str(),
                    l.attended_meetings,
                    l.amount_cents,
                )
            })
            .collect()
    }

    #[test]
    fn local_days_are_helsinki_days() {
        // 22:30 UTC in March is 00:30 the next day in Helsinki (EET, UTC+2).
        assert_eq!(
            local_day(utc("2026-03-14T22:30:00Z"), &helsinki()),
            date(2026, 3, 15)
        );
        assert_eq!(
            local_day(utc("2026-03-14T21:30:00Z"), &helsinki()),
            date(2026, 3, 14)
        );
    }

    /// Group "Bravo" (b, 9 € a meeting, no changes) comes after group "Aalto"
    /// (a, 10 € until 15 March, 12 € from then, nothing from 25 March).
    /// Eeva attended three Bravo meetings and Aalto meetings on 14 March
    /// (local), 15 March (local, though still 14 March in UTC) and 25 March;
    /// Anna and another Anna (ids y < z) attended one Aalto meeting each.
    #[test]
    fn a_month_by_hand() {
        let a = ("a", "Aalto", Some(1000));
        let b = ("b", "Bravo", Some(900));
        let eeva = ("e", "Eeva");
        let changes = HashMap::from([(
            "a".to_string(),
            vec![(date(2026, 3, 15), Some(1200)), (date(2026, 3, 25), None)],
        )]);
        let rows = vec![
            row(b, eeva, utc("2026-03-02T15:00:00Z"), 3),
            row(a, ("z", "Anna"), utc("2026-03-20T10:00:00Z"), 1),
            row(a, eeva, utc("2026-03-14T10:00:00Z"), 1),
            row(a, eeva, utc("2026-03-14T22:30:00Z"), 1),
            row(a, ("y", "Anna"), utc("2026-03-03T10:00:00Z"), 1),
            row(a, eeva, utc("2026-03-25T10:00:00Z"), 1),
        ];
        let m = organisation_month(rows, &changes, &helsinki());
        assert_eq!(
            figures(&m),
            vec![
                ("a", "y", 1, 1000),
                ("a", "z", 1, 1200),
                ("a", "e", 3, 1000 + 1200),
                ("b", "e", 3, 2700),
            ]
        );
        assert_eq!(m.total_cents, 1000 + 1200 + 2200 + 2700);
        assert_eq!(
            (m.lines[2].group_name.as_str(), m.lines[2].name.as_str()),
            ("Aalto", "Eeva")
        );
    }

    #[test]
    fn a_group_without_a_rate_pays_nothing_and_an_empty_month_is_empty() {
        let rows = vec![row(("g", "G", None), ("p", "P"), 0, 4)];
        let m = organisation_month(rows, &HashMap::new(), &helsinki());
        assert_eq!(figures(&m), vec![("g", "p", 4, 0)]);
        assert_eq!(m.total_cents, 0);
        let m = organisation_month(vec![], &HashMap::new(), &helsinki());
        assert_eq!(
            m,
            Month {
                lines: vec![],
                total_cents: 0
            }
        );
    }

    // ------------------------------------------------------------ property

    const GROUPS: usize = 4;
    const PEOPLE: usize = 5;
    /// Few names, so different ids often share one and the ids break the tie.
    const NAMES: [&str; 3] = ["Aino", "Bo", "Åke"];

    /// A group: its name (an index into `NAMES`), base rate and, if it has
    /// any, its rate changes (days of March 2026, ties possible).
    type Group = (usize, Option<i64>, Option<Vec<(i8, Option<i64>)>>);

    fn any_group() -> impl Strategy<Value = Group> {
        (
            0..NAMES.len(),
            proptest::option::of(0i64..5_000),
            proptest::option::of(proptest::collection::vec(
                (1i8..32, proptest::option::of(0i64..5_000)),
                0..4,
            )),
        )
    }

    proptest! {
        /// Any groups, people and rows (meetings at any local time of March
        /// 2026, across the change to summer time): there is exactly one line
        /// per group and participant with rows, in name-then-id order, each
        /// summing the counts and, row by row, count × the rate a scan of the
        /// group's changes finds in force on the meeting's local date; the
        /// total is the sum of all rows' amounts.
        #[test]
        fn lines_and_total_match_summing_row_by_row(
            groups in proptest::collection::vec(any_group(), GROUPS),
            people in proptest::collection::vec(0..NAMES.len(), PEOPLE),
            meetings in proptest::collection::vec(
                (0..GROUPS, 0..PEOPLE, 1i8..32, 0i8..24, 0i8..60, 1u32..4),
                0..30,
            ),
        ) {
            let tz = helsinki();
            let mut changes = HashMap::new();
            for (g, (_, _, cs)) in groups.iter().enumerate() {
                if let Some(cs) = cs {
                    let cs: Vec<(Date, Option<i64>)> =
                        cs.iter().map(|(d, r)| (date(2026, 3, *d), *r)).collect();
                    changes.insert(format!("g{g}"), cs);
                }
            }
            // Each row, and its local date as generated (not as computed
            // back from the instant).
            let rows: Vec<(MonthRow, Date)> = meetings
                .iter()
                .map(|&(g, p, day, hour, minute, count)| {
                    let local = date(2026, 3, day);
                    let starts_at = local
                        .at(hour, minute, 0, 0)
                        .to_zoned(tz.clone())
                        .unwrap()
                        .timestamp()
                        .as_second();
                    let r = MonthRow {
                        group_id: format!("g{g}"),
                        group_name: NAMES[groups[g].0].to_string(),
                        base_rate: groups[g].1,
                        participant_id: format!("p{p}"),
                        participant_name: NAMES[people[p]].to_string(),
                        starts_at,
                        count,
                    };
                    (r, local)
                })
                .collect();
            let m = organisation_month(rows.iter().map(|(r, _)| r.clone()).collect(), &changes, &tz);

            let no_changes = Vec::new();
            let amount_by_hand = |r: &MonthRow, day: Date| {
                let cs = changes.get(&r.group_id).unwrap_or(&no_changes);
                rate_in_force_by_scan(r.base_rate, cs, day).unwrap_or(0) * i64::from(r.count)
            };
            type Key = (String, String, String, String);
            let mut by_hand: BTreeMap<Key, (u32, i64)> = BTreeMap::new();
            let mut total = 0i64;
            for (r, day) in &rows {
                let key = (
                    r.group_name.clone(),
                    r.group_id.clone(),
                    r.participant_name.clone(),
                    r.participant_id.clone(),
                );
                let e = by_hand.entry(key).or_default();
                let amount = amount_by_hand(r, *day);
                e.0 += r.count;
                e.1 += amount;
                total += amount;
            }
            let got: Vec<(Key, (u32, i64))> = m
                .lines
                .iter()
                .map(|l| {
                    (
                        (l.group_name.clone(), l.group_id.clone(), l.name.clone(), l.participant_id.clone()),
                        (l.attended_meetings, l.amount_cents),
                    )
                })
                .collect();
            let expected: Vec<(Key, (u32, i64))> = by_hand.into_iter().collect();
            prop_assert_eq!(got, expected);
            prop_assert_eq!(m.total_cents, total);
        }
    }
}
