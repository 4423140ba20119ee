//! Attendance: the four marks, what counts as attending, the minimum-attendance
//! rule and when a missed meeting alerts the case manager.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Present,
    Late,
    Excused,
    Absent,
}

impl Mark {
    pub const ALL: [Mark; 4] = [Mark::Present, Mark::Late, Mark::Excused, Mark::Absent];

    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Present => "present",
            Mark::Late => "late",
            Mark::Excused => "excused",
            Mark::Absent => "absent",
        }
    }

    pub fn parse(s: &str) -> Result<Mark, &'static str> {
        Mark::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or("error-attendance-status")
    }

    /// `late` counts as attended (the Tampere pilot paid for it too).
    pub fn attended(self) -> bool {
        matches!(self, Mark::Present | Mark::Late)
    }

    pub fn name_key(self) -> String {
        format!("attendance-{}", self.as_str())
    }
}

/// What a participant's row shows for a meeting: the coach's mark, else an
/// advance notice makes it `excused` until the coach says otherwise.
pub fn effective(mark: Option<Mark>, noticed: bool) -> Option<Mark> {
    mark.or(noticed.then_some(Mark::Excused))
}

/// Whom the coach should expect: everyone enrolled but those marked or noticed
/// as not coming (a mark of present/late or none yet still counts as expected).
pub fn expected(shown: impl IntoIterator<Item = Option<Mark>>) -> usize {
    shown
        .into_iter()
        .filter(|m| !matches!(m, Some(Mark::Excused | Mark::Absent)))
        .count()
}

/// Where a participant stands against the group's minimum attendance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Has attended at least the minimum.
    Met,
    /// Not yet, but the meetings left are enough.
    OnTrack,
    /// Cannot reach the minimum any more (before the end: flagged; after: listed).
    Below,
}

/// `attended`: meetings attended so far; `remaining`: meetings still to be
/// held (not cancelled). After the last meeting `remaining` is 0, so everyone
/// short of the minimum is `Below`.
pub fn standing(attended: u32, remaining: u32, min: u32) -> Standing {
    if attended >= min {
        Standing::Met
    } else if attended.saturating_add(remaining) >= min {
        Standing::OnTrack
    } else {
        Standing::Below
    }
}

/// An organisation's choice of when a referring case manager hears of a
/// missed meeting (a mark of `absent`; an excused absence never alerts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertPolicy {
    Off,
    EveryMiss,
    TwoInARow,
}

impl AlertPolicy {
    pub const ALL: [AlertPolicy; 3] = [
        AlertPolicy::Off,
        AlertPolicy::EveryMiss,
        AlertPolicy::TwoInARow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AlertPolicy::Off => "off",
            AlertPolicy::EveryMiss => "every_miss",
            AlertPolicy::TwoInARow => "two_in_a_row",
        }
    }

    pub fn parse(s: &str) -> Result<AlertPolicy, &'static str> {
        AlertPolicy::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or("error-alert-policy")
    }

    pub fn name_key(self) -> String {
        format!("alert-policy-{}", self.as_str().replace('_', "-"))
    }
}

/// Who is told of a miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    /// The referring case manager.
    CaseManager,
    /// The case manager and the group's coordinators: it has happened before.
    Escalated,
}

/// Whether the latest meeting's mark alerts. `marks` are the participant's
/// shown marks in the group's held meetings in time order, ending with the
/// meeting just marked; `earlier_alerts` counts alerts already sent for them
/// in this group. The second and later alerts escalate to the coordinators.
pub fn alert(policy: AlertPolicy, marks: &[Option<Mark>], earlier_alerts: u32) -> Option<Alert> {
    let (last, before) = marks.split_last()?;
    if *last != Some(Mark::Absent) {
        return None;
    }
    let due = match policy {
        AlertPolicy::Off => false,
        AlertPolicy::EveryMiss => true,
        AlertPolicy::TwoInARow => before.last() == Some(&Some(Mark::Absent)),
    };
    due.then_some(if earlier_alerts == 0 {
        Alert::CaseManager
    } else {
        Alert::Escalated
    })
}

/// The longest optional text a participant may give with an advance notice.
pub const NOTICE_REASON_MAX: usize = 500;

pub fn parse_notice_reason(s: &str) -> Result<Option<String>, &'static str> {
    let t = crate::people::clean_multiline(s, 0, NOTICE_REASON_MAX)
        .map_err(|_| "error-notice-reason-long")?;
    Ok((!t.is_empty()).then_some(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn late_counts_and_excused_does_not() {
        assert!(Mark::Present.attended());
        assert!(Mark::Late.attended());
        assert!(!Mark::Excused.attended());
        assert!(!Mark::Absent.attended());
        assert_eq!(Mark::parse("late"), Ok(Mark::Late));
        assert!(Mark::parse("LATE").is_err());
        assert!(Mark::parse("here").is_err());
    }

    #[test]
    fn a_notice_shows_as_excused_until_the_coach_marks() {
        assert_eq!(effective(None, true), Some(Mark::Excused));
        assert_eq!(effective(Some(Mark::Present), true), Some(Mark::Present));
        assert_eq!(effective(None, false), None);
        assert_eq!(
            expected([
                None,
                Some(Mark::Excused),
                Some(Mark::Late),
                Some(Mark::Absent)
            ]),
            2
        );
    }

    #[test]
    fn standing_against_the_minimum() {
        assert_eq!(standing(0, 5, 1), Standing::OnTrack);
        assert_eq!(standing(0, 0, 1), Standing::Below);
        assert_eq!(standing(1, 0, 1), Standing::Met);
        assert_eq!(standing(1, 1, 3), Standing::Below);
        assert_eq!(standing(0, 0, 0), Standing::Met);
    }

    #[test]
    fn alerts_per_policy() {
        use Mark::*;
        let one = [Some(Present), Some(Absent)];
        let two = [Some(Absent), Some(Absent)];
        assert_eq!(alert(AlertPolicy::Off, &two, 0), None);
        assert_eq!(
            alert(AlertPolicy::EveryMiss, &one, 0),
            Some(Alert::CaseManager)
        );
        assert_eq!(
            alert(AlertPolicy::EveryMiss, &one, 1),
            Some(Alert::Escalated)
        );
        assert_eq!(alert(AlertPolicy::TwoInARow, &one, 0), None);
        assert_eq!(
            alert(AlertPolicy::TwoInARow, &two, 0),
            Some(Alert::CaseManager)
        );
        // An excused absence or an unmarked meeting breaks the run.
        assert_eq!(
            alert(AlertPolicy::TwoInARow, &[Some(Excused), Some(Absent)], 0),
            None
        );
        assert_eq!(
            alert(AlertPolicy::TwoInARow, &[None, Some(Absent)], 0),
            None
        );
        assert_eq!(
            alert(AlertPolicy::EveryMiss, &[Some(Absent), Some(Late)], 0),
            None
        );
        assert_eq!(alert(AlertPolicy::EveryMiss, &[], 0), None);
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

    proptest! {
        /// Whatever the marks, the minimum rule agrees with counting by hand,
        /// and someone `Below` can never meet the minimum with the meetings left.
        #[test]
        fn minimum_rule_matches_counting(
            marks in proptest::collection::vec(any_mark(), 0..12),
            remaining in 0u32..8,
            min in 0u32..8,
        ) {
            let attended = marks.iter().filter(|m| m.is_some_and(Mark::attended)).count() as u32;
            let s = standing(attended, remaining, min);
            prop_assert_eq!(s == Standing::Met, attended >= min);
            prop_assert_eq!(s == Standing::Below, attended + remaining < min);
            if remaining == 0 {
                prop_assert_ne!(s, Standing::OnTrack);
            }
        }

        /// An alert only ever follows an `absent` mark, never under `Off`, and
        /// `TwoInARow` alerts only when `EveryMiss` would.
        #[test]
        fn alerts_follow_absences_only(
            marks in proptest::collection::vec(any_mark(), 0..8),
            earlier in 0u32..3,
        ) {
            prop_assert_eq!(alert(AlertPolicy::Off, &marks, earlier), None);
            let every = alert(AlertPolicy::EveryMiss, &marks, earlier);
            prop_assert_eq!(every.is_some(), marks.last() == Some(&Some(Mark::Absent)));
            if alert(AlertPolicy::TwoInARow, &marks, earlier).is_some() {
                prop_assert!(every.is_some());
            }
            if let Some(a) = every {
                prop_assert_eq!(a == Alert::Escalated, earlier > 0);
            }
        }
    }
}
