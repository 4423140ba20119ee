//! The group report: per meeting, how the enrolled were marked; meetings held
//! and still to come; per enrolled participant, meetings attended and where
//! they stand against the minimum; the attendance rate. Pure: plain rows in,
//! figures out; `now` is passed in.
//!
//! # How the app calls it
//!
//! The app reads the group's roster, its meetings (all of them, cancelled
//! ones too, in the order it wants them listed) and its attendance rows, maps
//! them row by row and calls [`group_report`]:
//!
//! ```text
//! use klubi_domain::reports::{self, AttendanceRow, MeetingRow, RosterRow, Seat};
//! let roster: Vec<RosterRow> = gm.roster.iter().map(|e| RosterRow {
//!     participant_id: e.participant_id.clone(),
//!     // enrolments.status is CHECKed to one of the three.
//!     seat: Seat::parse(&e.status).unwrap_or(Seat::Withdrawn),
//! }).collect();
//! let meetings: Vec<MeetingRow> = gm.meetings.iter().map(|m| MeetingRow {
//!     id: m.id.clone(),
//!     starts_at: m.starts_at,
//!     cancelled: m.cancelled,
//! }).collect();
//! let marks: Vec<AttendanceRow> = gm.rows.iter().map(|r| AttendanceRow {
//!     meeting_id: r.meeting_id.clone(),
//!     participant_id: r.participant_id.clone(),
//!     mark: r.status,                   // the coach's own mark
//!     noticed: r.notice_at.is_some(),   // an advance notice shows as excused
//! }).collect();
//! let min = u32::try_from(g.group.min_attendance).unwrap_or(0);
//! let r = reports::group_report(&roster, &meetings, &marks, min, cx.now);
//! ```
//!
//! Then it maps the figures back into its own `Report`: `enrolled` and
//! `waitlisted` with `i64::from`, `per_meeting` zipped by `meeting_id` with
//! the meeting's kind, theme and RFC 3339 start, `participants` joined by
//! `participant_id` with the roster's names; `min_attendance`, the
//! compensation figures, feedback and outcomes stay the app's own.

use crate::attendance::{Mark, Standing, effective, standing};
use std::collections::{HashMap, HashSet};

/// Where a person is on the group's roster (`enrolments.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seat {
    Enrolled,
    Waitlisted,
    Withdrawn,
}

impl Seat {
    pub const ALL: [Seat; 3] = [Seat::Enrolled, Seat::Waitlisted, Seat::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            Seat::Enrolled => "enrolled",
            Seat::Waitlisted => "waitlisted",
            Seat::Withdrawn => "withdrawn",
        }
    }

    /// A status as the database stores it; `None` for anything else (it is
    /// not input, so there is no message to show).
    pub fn parse(s: &str) -> Option<Seat> {
        Seat::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One person on the roster. A participant appears once per group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub participant_id: String,
    pub seat: Seat,
}

/// One of the group's meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    pub id: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// A cancelled meeting is left out of the report altogether.
    pub cancelled: bool,
}

/// A participant's attendance row for one meeting (at most one per pair).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub meeting_id: String,
    pub participant_id: String,
    /// The coach's own mark; only this counts as attending or makes a
    /// meeting held.
    pub mark: Option<Mark>,
    /// An advance notice was given: the row shows `excused` unless marked.
    pub noticed: bool,
}

/// How the enrolled were shown at one meeting that is not cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingCount {
    pub meeting_id: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// It started at or before `now`, or someone has a mark for it.
    pub held: bool,
    pub present: u32,
    pub late: u32,
    pub excused: u32,
    pub absent: u32,
    /// Enrolled with no row, or a row that shows nothing.
    pub unmarked: u32,
}

impl MeetingCount {
    pub fn attended(&self) -> u32 {
        self.present + self.late
    }
}

/// One enrolled participant's attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantCount {
    pub participant_id: String,
    /// Meetings (not cancelled) the coach marked present or late.
    pub attended_meetings: u32,
    pub standing: Standing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupReport {
    pub enrolled: u32,
    pub waitlisted: u32,
    pub meetings_held: u32,
    pub meetings_remaining: u32,
    /// Attended marks of the enrolled in held meetings over enrolled × held,
    /// rounded to four decimals; 0 when either is 0.
    pub attendance_rate: f64,
    /// Enrolled participants who did not, or can no longer, attend the
    /// minimum, in roster order.
    pub below_min_attendance: Vec<String>,
    /// The enrolled, in roster order.
    pub participants: Vec<ParticipantCount>,
    /// The meetings that are not cancelled, in the order given.
    pub per_meeting: Vec<MeetingCount>,
}

/// The report of one group at `now` (unix seconds). `min_attendance` is the
/// group's minimum number of attended meetings. Rows of cancelled or unknown
/// meetings are ignored; rows of people who are not enrolled count only
/// towards whether their meeting was held.
pub fn group_report(
    roster: &[RosterRow],
    meetings: &[MeetingRow],
    marks: &[AttendanceRow],
    min_attendance: u32,
    now: i64,
) -> GroupReport {
    let enrolled: Vec<&str> = roster
        .iter()
        .filter(|e| e.seat == Seat::Enrolled)
        .map(|e| e.participant_id.as_str())
        .collect();
    let enrolled_ids: HashSet<&str> = enrolled.iter().copied().collect();
    let mut by_meeting: HashMap<&str, Vec<&AttendanceRow>> = HashMap::new();
    for r in marks {
        by_meeting.entry(r.meeting_id.as_str()).or_default().push(r);
    }
    let mut per_meeting = Vec::new();
    let (mut held, mut remaining) = (0u32, 0u32);
    let mut attended_of: HashMap<&str, u32> = HashMap::new();
    let mut attended_marks = 0u64;
    for m in meetings.iter().filter(|m| !m.cancelled) {
        let rows = by_meeting
            .get(m.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let is_held = m.starts_at <= now || rows.iter().any(|r| r.mark.is_some());
        let mut c = MeetingCount {
            meeting_id: m.id.clone(),
            starts_at: m.starts_at,
            held: is_held,
            present: 0,
            late: 0,
            excused: 0,
            absent: 0,
            unmarked: 0,
        };
        let mut seen = HashSet::new();
        for r in rows
            .iter()
            .filter(|r| enrolled_ids.contains(r.participant_id.as_str()))
        {
            seen.insert(r.participant_id.as_str());
            match effective(r.mark, r.noticed) {
                Some(Mark::Present) => c.present += 1,
                Some(Mark::Late) => c.late += 1,
                Some(Mark::Excused) => c.excused += 1,
                Some(Mark::Absent) => c.absent += 1,
                None => c.unmarked += 1,
            }
            if r.mark.is_some_and(Mark::attended) {
                *attended_of.entry(r.participant_id.as_str()).or_default() += 1;
                if is_held {
                    attended_marks += 1;
                }
            }
        }
        c.unmarked += count(enrolled_ids.len() - seen.len());
        if is_held {
            held += 1;
        } else {
            remaining += 1;
        }
        per_meeting.push(c);
    }
    let participants: Vec<ParticipantCount> = enrolled
        .iter()
        .map(|id| {
            let n = attended_of.get(id).copied().unwrap_or(0);
            ParticipantCount {
                participant_id: (*id).to_string(),
                attended_meetings: n,
                standing: standing(n, remaining, min_attendance),
            }
        })
        .collect();
    let slots = enrolled.len() as u64 * u64::from(held);
    let attendance_rate = if slots == 0 {
        0.0
    } else {
        (attended_marks as f64 / slots as f64 * 10_000.0).round() / 10_000.0
    };
    GroupReport {
        enrolled: count(enrolled.len()),
        waitlisted: count(roster.iter().filter(|e| e.seat == Seat::Waitlisted).count()),
        meetings_held: held,
        meetings_remaining: remaining,
        attendance_rate,
        below_min_attendance: participants
            .iter()
            .filter(|p| p.standing == Standing::Below)
            .map(|p| p.participant_id.clone())
            .collect(),
        participants,
        per_meeting,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seat(id: &str, seat: Seat) -> RosterRow {
        RosterRow {
            participant_id: id.to_string(),
            seat,
        }
    }

    fn meeting(id: &str, starts_at: i64, cancelled: bool) -> MeetingRow {
        MeetingRow {
            id: id.to_string(),
            starts_at,
            cancelled,
        }
    }

    fn row(
        meeting_id: &str,
        participant_id: &str,
        mark: Option<Mark>,
        noticed: bool,
    ) -> AttendanceRow {
        AttendanceRow {
            meeting_id: meeting_id.to_string(),
            participant_id: participant_id.to_string(),
            mark,
            noticed,
        }
    }

    #[test]
    fn seats_parse_as_the_database_spells_them() {
        for s in Seat::ALL {
            assert_eq!(Seat::parse(s.as_str()), Some(s));
        }
        assert_eq!(Seat::parse("Enrolled"), None);
    }

    /// Three enrolled (a, b, c), one waitlisted (w), one withdrawn (x);
    /// minimum 2; now = 1000. m1 (500) and m2 (900) have started; m3 (2000)
    /// has not but b is marked present in it already; m4 (3000) is to come;
    /// mc is cancelled and its marks count for nothing.
    #[test]
    fn a_small_group_counted_by_hand() {
        use Mark::*;
        let roster = [
            seat("a", Seat::Enrolled),
            seat("w", Seat::Waitlisted),
            seat("b", Seat::Enrolled),
            seat("x", Seat::Withdrawn),
            seat("c", Seat::Enrolled),
        ];
        let meetings = [
            meeting("m1", 500, false),
            meeting("mc", 700, true),
            meeting("m2", 900, false),
            meeting("m3", 2000, false),
            meeting("m4", 3000, false),
        ];
        let marks = [
            row("m1", "a", Some(Present), false),
            row("m1", "b", Some(Late), true),
            row("m1", "c", None, true),
            row("m1", "x", Some(Present), false),
            row("mc", "a", Some(Present), false),
            row("mc", "c", Some(Present), false),
            row("m2", "a", Some(Absent), false),
            row("m2", "b", None, false),
            row("m3", "b", Some(Present), false),
            row("m4", "c", None, true),
            row("gone", "a", Some(Present), false),
        ];
        let r = group_report(&roster, &meetings, &marks, 2, 1000);
        let counts: Vec<(&str, bool, [u32; 5])> = r
            .per_meeting
            .iter()
            .map(|c| {
                (
                    c.meeting_id.as_str(),
                    c.held,
                    [c.present, c.late, c.excused, c.absent, c.unmarked],
                )
            })
            .collect();
        assert_eq!(
            counts,
            vec![
                ("m1", true, [1, 1, 1, 0, 0]),
                ("m2", true, [0, 0, 0, 1, 2]),
                ("m3", true, [1, 0, 0, 0, 2]),
                ("m4", false, [0, 0, 1, 0, 2]),
            ]
        );
        assert_eq!(r.per_meeting[2].starts_at, 2000);
        assert_eq!(r.per_meeting[0].attended(), 2);
        assert_eq!((r.enrolled, r.waitlisted), (3, 1));
        assert_eq!((r.meetings_held, r.meetings_remaining), (3, 1));
        let people: Vec<(&str, u32, Standing)> = r
            .participants
            .iter()
            .map(|p| (p.participant_id.as_str(), p.attended_meetings, p.standing))
            .collect();
        assert_eq!(
            people,
            vec![
                ("a", 1, Standing::OnTrack),
                ("b", 2, Standing::Met),
                ("c", 0, Standing::Below),
            ]
        );
        assert_eq!(r.below_min_attendance, vec!["c".to_string()]);
        // a in m1, b in m1 and m3: 3 of 3 enrolled × 3 held.
        assert_eq!(r.attendance_rate, 0.3333);
    }

    #[test]
    fn an_empty_group_has_a_rate_of_nought() {
        let r = group_report(&[], &[meeting("m", 0, false)], &[], 1, 10);
        assert_eq!(r.attendance_rate, 0.0);
        assert_eq!((r.meetings_held, r.meetings_remaining), (1, 0));
        let r = group_report(&[seat("a", Seat::Enrolled)], &[], &[], 1, 10);
        assert_eq!(r.attendance_rate, 0.0);
        assert_eq!(r.below_min_attendance, vec!["a".to_string()]);
    }

    #[test]
    fn the_rate_rounds_to_four_decimals() {
        // 2 of 3 slots: 0.666666… → 0.6667.
        let roster = [
            seat("a", Seat::Enrolled),
            seat("b", Seat::Enrolled),
            seat("c", Seat::Enrolled),
        ];
        let marks = [
            row("m", "a", Some(Mark::Present), false),
            row("m", "b", Some(Mark::Late), false),
        ];
        let r = group_report(&roster, &[meeting("m", 0, false)], &marks, 0, 10);
        assert_eq!(r.attendance_rate, 0.6667);
    }

    // ------------------------------------------------------------ property

    const MEETINGS: usize = 6;
    const PEOPLE: usize = 7;

    fn any_seat() -> impl Strategy<Value = Option<Seat>> {
        prop_oneof![
            Just(None),
            Just(Some(Seat::Enrolled)),
            Just(Some(Seat::Enrolled)),
            Just(Some(Seat::Waitlisted)),
            Just(Some(Seat::Withdrawn)),
        ]
    }

    fn any_mark() -> impl Strategy<Value = Option<Mark>> {
        prop_oneof![
            Just(None),
            Just(Some(Mark::Present)),
            Just(Some(Mark::Late)),
            Just(Some(Mark::Excused)),
            Just(Some(Mark::Absent)),
        ]
    }

    /// A group: who is on the roster (in a shuffled order), its meetings
    /// (some cancelled, around `now` = 0) and rows for any meeting —
    /// including one the group does not have (index `MEETINGS`) — and any
    /// person, on the roster or not; and a minimum attendance.
    type Group = (Vec<RosterRow>, Vec<MeetingRow>, Vec<AttendanceRow>, u32);

    fn any_group() -> impl Strategy<Value = Group> {
        (
            proptest::collection::vec(any_seat(), PEOPLE),
            Just((0..PEOPLE).collect::<Vec<usize>>()).prop_shuffle(),
            proptest::collection::vec((-3i64..4, proptest::bool::weighted(0.2)), 0..MEETINGS),
            proptest::collection::btree_map(
                (0..=MEETINGS, 0..PEOPLE),
                (any_mark(), any::<bool>()),
                0..30,
            ),
            0u32..6,
        )
            .prop_map(|(seats, order, ms, rows, min)| {
                let roster = order
                    .into_iter()
                    .filter_map(|p| {
                        seats[p].map(|s| RosterRow {
                            participant_id: format!("p{p}"),
                            seat: s,
                        })
                    })
                    .collect();
                let meetings = ms
                    .into_iter()
                    .enumerate()
                    .map(|(i, (t, cancelled))| MeetingRow {
                        id: format!("m{i}"),
                        starts_at: t,
                        cancelled,
                    })
                    .collect();
                let marks = rows
                    .into_iter()
                    .map(|((m, p), (mark, noticed))| AttendanceRow {
                        meeting_id: format!("m{m}"),
                        participant_id: format!("p{p}"),
                        mark,
                        noticed,
                    })
                    .collect();
                (roster, meetings, marks, min)
            })
    }

    /// What a person's row for a meeting shows, looked up by a scan:
    /// the coach's mark, else `excused` for a notice, else nothing.
    fn shown_by_scan(marks: &[AttendanceRow], meeting: &str, person: &str) -> Option<Mark> {
        for r in marks {
            if r.meeting_id == meeting && r.participant_id == person {
                if r.mark.is_some() {
                    return r.mark;
                }
                if r.noticed {
                    return Some(Mark::Excused);
                }
                return None;
            }
        }
        None
    }

    /// Whether the coach marked the person present or late at the meeting.
    fn attended_by_scan(marks: &[AttendanceRow], meeting: &str, person: &str) -> bool {
        marks.iter().any(|r| {
            r.meeting_id == meeting
                && r.participant_id == person
                && matches!(r.mark, Some(Mark::Present | Mark::Late))
        })
    }

    proptest! {
        /// Any roster, meetings and rows: every figure of the report agrees
        /// with counting by brute force, person by person and meeting by
        /// meeting.
        #[test]
        fn every_figure_matches_counting_by_hand(
            (roster, meetings, marks, min) in any_group(),
        ) {
            let now = 0;
            let r = group_report(&roster, &meetings, &marks, min, now);

            let enrolled: Vec<&str> = roster
                .iter()
                .filter(|e| matches!(e.seat, Seat::Enrolled))
                .map(|e| e.participant_id.as_str())
                .collect();
            let live: Vec<&MeetingRow> = meetings.iter().filter(|m| !m.cancelled).collect();
            let held_by_hand = |m: &MeetingRow| {
                m.starts_at <= now
                    || marks.iter().any(|x| x.meeting_id == m.id && x.mark.is_some())
            };

            prop_assert_eq!(r.enrolled as usize, enrolled.len());
            prop_assert_eq!(
                r.waitlisted as usize,
                roster.iter().filter(|e| matches!(e.seat, Seat::Waitlisted)).count()
            );

            // Meeting by meeting.
            prop_assert_eq!(r.per_meeting.len(), live.len());
            for (c, m) in r.per_meeting.iter().zip(&live) {
                prop_assert_eq!(&c.meeting_id, &m.id);
                prop_assert_eq!(c.starts_at, m.starts_at);
                prop_assert_eq!(c.held, held_by_hand(m));
                let mut tally = [0u32; 5];
                for p in &enrolled {
                    let slot = match shown_by_scan(&marks, &m.id, p) {
                        Some(Mark::Present) => 0,
                        Some(Mark::Late) => 1,
                        Some(Mark::Excused) => 2,
                        Some(Mark::Absent) => 3,
                        None => 4,
                    };
                    tally[slot] += 1;
                }
                prop_assert_eq!([c.present, c.late, c.excused, c.absent, c.unmarked], tally);
            }
            let held = live.iter().filter(|m| held_by_hand(m)).count() as u32;
            let remaining = live.len() as u32 - held;
            prop_assert_eq!(r.meetings_held, held);
            prop_assert_eq!(r.meetings_remaining, remaining);

            // Person by person: attended meetings and the minimum, in words:
            // met once attended reaches it; below when even every meeting
            // left would not reach it; on track otherwise.
            prop_assert_eq!(r.participants.len(), enrolled.len());
            let mut below = Vec::new();
            for (pc, p) in r.participants.iter().zip(&enrolled) {
                prop_assert_eq!(pc.participant_id.as_str(), *p);
                let n = live.iter().filter(|m| attended_by_scan(&marks, &m.id, p)).count() as u32;
                prop_assert_eq!(pc.attended_meetings, n);
                let expected = if n >= min {
                    Standing::Met
                } else if n + remaining < min {
                    Standing::Below
                } else {
                    Standing::OnTrack
                };
                prop_assert_eq!(pc.standing, expected);
                if expected == Standing::Below {
                    below.push(p.to_string());
                }
            }
            prop_assert_eq!(&r.below_min_attendance, &below);

            // The rate: within half a ten-thousandth of attended over slots,
            // and a whole number of ten-thousandths.
            let attended: u32 = live
                .iter()
                .filter(|m| held_by_hand(m))
                .map(|m| enrolled.iter().filter(|p| attended_by_scan(&marks, &m.id, p)).count() as u32)
                .sum();
            let slots = enrolled.len() as u32 * held;
            if slots == 0 {
                prop_assert_eq!(r.attendance_rate, 0.0);
            } else {
                let exact = f64::from(attended) / f64::from(slots);
                prop_assert!((r.attendance_rate - exact).abs() <= 0.00005 + 1e-12,
                    "{} vs {}/{}", r.attendance_rate, attended, slots);
                let ten_thousandths = r.attendance_rate * 10_000.0;
                prop_assert!((ten_thousandths - ten_thousandths.round()).abs() < 1e-6);
            }
        }
    }
}
