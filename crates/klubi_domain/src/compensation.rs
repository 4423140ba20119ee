//! Expense compensation (kulukorvaus): a rate per attended meeting, changed
//! from a date onwards, summed into one line per participant.

use crate::attendance::Mark;
use crate::formats::MAX_COMPENSATION_CENTS;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A group's policy over time: the rate it started with, and changes that
/// apply to meetings on or after their date. `None` is "no compensation".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rates {
    pub base: Option<i64>,
    /// Sorted by date; one change per date.
    pub changes: Vec<(Date, Option<i64>)>,
}

impl Rates {
    pub fn new(base: Option<i64>, mut changes: Vec<(Date, Option<i64>)>) -> Rates {
        changes.sort_by_key(|(d, _)| *d);
        changes.dedup_by_key(|(d, _)| *d);
        Rates { base, changes }
    }

    /// The rate for a meeting held on `day` (its local date).
    pub fn on(&self, day: Date) -> Option<i64> {
        self.changes
            .iter()
            .rev()
            .find(|(from, _)| *from <= day)
            .map_or(self.base, |(_, r)| *r)
    }
}

/// A rate as given (cents, `None` for none): at most the formats' ceiling.
pub fn parse_rate(cents: Option<i64>) -> Result<Option<i64>, &'static str> {
    match cents {
        Some(c) if c < 0 => Err("error-compensation-negative"),
        Some(c) if c > MAX_COMPENSATION_CENTS => Err("error-compensation-too-high"),
        other => Ok(other),
    }
}

/// One meeting of one participant, as the statement needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attended<P> {
    pub participant: P,
    pub day: Date,
    pub mark: Mark,
}

/// A participant's line: meetings attended and the amount for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line<P> {
    pub participant: P,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// Lines for everyone in `people` (also those who attended nothing), in that
/// order, plus anyone else who attended. Only `present` and `late` count.
pub fn lines<P: Ord + Clone>(
    rates: &Rates,
    people: &[P],
    marks: impl IntoIterator<Item = Attended<P>>,
) -> Vec<Line<P>> {
    let mut sums: BTreeMap<P, (u32, i64)> = BTreeMap::new();
    for m in marks {
        if !m.mark.attended() {
            continue;
        }
        let e = sums.entry(m.participant).or_default();
        e.0 += 1;
        e.1 += rates.on(m.day).unwrap_or(0);
    }
    let mut out: Vec<Line<P>> = people
        .iter()
        .map(|p| {
            let (n, c) = sums.remove(p).unwrap_or_default();
            Line {
                participant: p.clone(),
                attended_meetings: n,
                amount_cents: c,
            }
        })
        .collect();
    out.extend(sums.into_iter().map(|(p, (n, c))| Line {
        participant: p,
        attended_meetings: n,
        amount_cents: c,
    }));
    out
}

pub fn total<P>(lines: &[Line<P>]) -> i64 {
    lines.iter().map(|l| l.amount_cents).sum()
}

/// Euros for a Finnish spreadsheet: "12,50" (no thousands separator, so the
/// cell parses as a number in Excel and LibreOffice with a Finnish locale).
pub fn euros_cell(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{},{:02}", c / 100, c % 100)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn a_new_rate_applies_from_its_date_on() {
        let r = Rates::new(
            None,
            vec![
                (date(2026, 3, 1), Some(900)),
                (date(2026, 4, 1), Some(1200)),
            ],
        );
        assert_eq!(r.on(date(2026, 2, 28)), None);
        assert_eq!(r.on(date(2026, 3, 1)), Some(900));
        assert_eq!(r.on(date(2026, 3, 31)), Some(900));
        assert_eq!(r.on(date(2026, 4, 1)), Some(1200));
        let stop = Rates::new(Some(500), vec![(date(2026, 5, 1), None)]);
        assert_eq!(stop.on(date(2026, 4, 30)), Some(500));
        assert_eq!(stop.on(date(2026, 5, 1)), None);
    }

    #[test]
    fn lines_count_present_and_late_only() {
        let r = Rates::new(Some(900), vec![(date(2026, 3, 10), Some(1000))]);
        let d1 = date(2026, 3, 3);
        let d2 = date(2026, 3, 10);
        let marks = vec![
            Attended {
                participant: "a",
                day: d1,
                mark: Mark::Present,
            },
            Attended {
                participant: "a",
                day: d2,
                mark: Mark::Late,
            },
            Attended {
                participant: "b",
                day: d1,
                mark: Mark::Excused,
            },
            Attended {
                participant: "b",
                day: d2,
                mark: Mark::Absent,
            },
            Attended {
                participant: "c",
                day: d2,
                mark: Mark::Present,
            },
        ];
        let l = lines(&r, &["b", "a"], marks);
        assert_eq!(
            l,
            vec![
                Line {
                    participant: "b",
                    attended_meetings: 0,
                    amount_cents: 0
                },
                Line {
                    participant: "a",
                    attended_meetings: 2,
                    amount_cents: 1900
                },
                Line {
                    participant: "c",
                    attended_meetings: 1,
                    amount_cents: 1000
                },
            ]
        );
        assert_eq!(total(&l), 2900);
    }

    #[test]
    fn rates_parse_and_euros_print_the_finnish_way() {
        assert_eq!(parse_rate(Some(-1)), Err("error-compensation-negative"));
        assert_eq!(parse_rate(None), Ok(None));
        assert_eq!(parse_rate(Some(0)), Ok(Some(0)));
        assert_eq!(euros_cell(0), "0,00");
        assert_eq!(euros_cell(905), "9,05");
        assert_eq!(euros_cell(123_456), "1234,56");
    }

    fn any_mark() -> impl Strategy<Value = Mark> {
        prop_oneof![
            Just(Mark::Present),
            Just(Mark::Late),
            Just(Mark::Excused),
            Just(Mark::Absent)
        ]
    }

    /// The rate in force on `day`, found by scanning every change as given,
    /// without sorting: the change with the latest date on or before `day`
    /// holds; of several changes given for that same date, the one given
    /// first holds (a later one for the same date is ignored); with no change
    /// on or before `day`, the base.
    pub(crate) fn rate_in_force_by_scan(
        base: Option<i64>,
        changes: &[(Date, Option<i64>)],
        day: Date,
    ) -> Option<i64> {
        let mut holding: Option<(Date, Option<i64>)> = None;
        for &(from, rate) in changes {
            if from > day {
                continue;
            }
            let later = match holding {
                None => true,
                Some((held_from, _)) => from > held_from,
            };
            if later {
                holding = Some((from, rate));
            }
        }
        match holding {
            Some((_, rate)) => rate,
            None => base,
        }
    }

    #[test]
    fn of_two_changes_on_one_date_the_first_given_holds() {
        let d = date(2026, 3, 1);
        let r = Rates::new(
            Some(500),
            vec![
                (date(2026, 4, 1), Some(1)),
                (d, Some(900)),
                (d, None),
                (d, Some(1200)),
            ],
        );
        assert_eq!(r.on(date(2026, 2, 28)), Some(500));
        assert_eq!(r.on(d), Some(900));
        assert_eq!(r.on(date(2026, 3, 31)), Some(900));
        assert_eq!(r.on(date(2026, 4, 1)), Some(1));
        assert_eq!(r.changes.len(), 2);
    }

    proptest! {
        /// Any base and any changes, several on one date among them (the
        /// dates are few, so ties are common): on every day around them the
        /// rate in force is what a scan of the changes as given finds.
        #[test]
        fn rate_on_a_day_is_the_latest_change_on_or_before_it_first_given_on_a_tie(
            base in proptest::option::of(0i64..5_000),
            changes in proptest::collection::vec((0i16..15, proptest::option::of(0i64..5_000)), 0..8),
        ) {
            let start = date(2026, 1, 1);
            let day = |n: i16| start.checked_add(jiff::Span::new().days(n)).unwrap();
            let given: Vec<(Date, Option<i64>)> = changes.iter().map(|(n, r)| (day(*n), *r)).collect();
            let rates = Rates::new(base, given.clone());
            for n in -1i16..17 {
                prop_assert_eq!(rates.on(day(n)), rate_in_force_by_scan(base, &given, day(n)), "day {}", n);
            }
        }

        /// Any marks and any rate changes (ties included): there is a line
        /// for each of `people` in that order, then one for each other
        /// participant who attended, in ascending order; each line counts the
        /// participant's present and late marks and sums, meeting by meeting,
        /// the rate a scan of the changes finds in force on its day; the
        /// total is the sum of those amounts.
        #[test]
        fn lines_sum_the_rate_in_force_per_attended_meeting(
            base in proptest::option::of(0i64..5_000),
            changes in proptest::collection::vec((0i16..30, proptest::option::of(0i64..5_000)), 0..8),
            marks in proptest::collection::vec((0u8..6, 0i16..40, any_mark()), 0..40),
        ) {
            let start = date(2026, 1, 1);
            let day = |n: i16| start.checked_add(jiff::Span::new().days(n)).unwrap();
            let given: Vec<(Date, Option<i64>)> = changes.iter().map(|(n, r)| (day(*n), *r)).collect();
            let rates = Rates::new(base, given.clone());
            let attended: Vec<Attended<u8>> = marks
                .iter()
                .map(|(p, n, m)| Attended { participant: *p, day: day(*n), mark: *m })
                .collect();
            let people = [3u8, 0, 2, 1];
            let ls = lines(&rates, &people, attended);

            // By hand: who gets a line, in which order, and what it says.
            let attends = |m: Mark| matches!(m, Mark::Present | Mark::Late);
            let mut expected: Vec<(u8, u32, i64)> = Vec::new();
            let others = (0u8..6).filter(|p| !people.contains(p) && marks.iter().any(|(q, _, m)| q == p && attends(*m)));
            for p in people.iter().copied().chain(others) {
                let mut n = 0u32;
                let mut cents = 0i64;
                for (q, d, m) in &marks {
                    if *q == p && attends(*m) {
                        n += 1;
                        cents += rate_in_force_by_scan(base, &given, day(*d)).unwrap_or(0);
                    }
                }
                expected.push((p, n, cents));
            }
            let got: Vec<(u8, u32, i64)> = ls.iter().map(|l| (l.participant, l.attended_meetings, l.amount_cents)).collect();
            prop_assert_eq!(&got, &expected);
            prop_assert_eq!(total(&ls), expected.iter().map(|(_, _, c)| c).sum::<i64>());
        }
    }
}
