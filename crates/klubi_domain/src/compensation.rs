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
mod tests {
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

    proptest! {
        /// Any marks and any rate changes: each line is the sum, meeting by
        /// meeting, of the rate in force on its day, and the total is the sum
        /// of the lines.
        #[test]
        fn amounts_follow_the_rate_in_force(
            base in proptest::option::of(0i64..5_000),
            changes in proptest::collection::vec((0i16..60, proptest::option::of(0i64..5_000)), 0..5),
            marks in proptest::collection::vec((0u8..4, 0i16..60, any_mark()), 0..40),
        ) {
            let start = date(2026, 1, 1);
            let day = |n: i16| start.checked_add(jiff::Span::new().days(n)).unwrap();
            let rates = Rates::new(base, changes.iter().map(|(n, r)| (day(*n), *r)).collect());
            let attended: Vec<Attended<u8>> = marks
                .iter()
                .map(|(p, n, m)| Attended { participant: *p, day: day(*n), mark: *m })
                .collect();
            let ls = lines(&rates, &[0u8, 1, 2, 3], attended.clone());
            prop_assert_eq!(ls.len(), 4);
            for l in &ls {
                let mine = attended.iter().filter(|a| a.participant == l.participant && a.mark.attended());
                let by_hand: i64 = mine.clone().map(|a| {
                    // The latest change on or before the day, else the base.
                    changes
                        .iter()
                        .filter(|(n, _)| day(*n) <= a.day)
                        .max_by_key(|(n, _)| *n)
                        .map_or(base, |(n, _)| rates.changes.iter().find(|(d, _)| *d == day(*n)).unwrap().1)
                        .unwrap_or(0)
                }).sum();
                prop_assert_eq!(l.amount_cents, by_hand);
                prop_assert_eq!(l.attended_meetings as usize, mine.count());
            }
            prop_assert_eq!(total(&ls), ls.iter().map(|l| l.amount_cents).sum::<i64>());
        }
    }
}
