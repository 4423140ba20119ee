//! Groups: one run of a format. Their status moves forward only, and their
//! capacity never drops below the people already enrolled.

use crate::validation::Invalid;
use serde::Serialize;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupStatus {
    Planned,
    Open,
    Running,
    Finished,
    Cancelled,
}

impl GroupStatus {
    pub const ALL: [GroupStatus; 5] = [
        GroupStatus::Planned,
        GroupStatus::Open,
        GroupStatus::Running,
        GroupStatus::Finished,
        GroupStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupStatus::Planned => "planned",
            GroupStatus::Open => "open",
            GroupStatus::Running => "running",
            GroupStatus::Finished => "finished",
            GroupStatus::Cancelled => "cancelled",
        }
    }

    fn rank(self) -> u8 {
        match self {
            GroupStatus::Planned => 0,
            GroupStatus::Open => 1,
            GroupStatus::Running => 2,
            GroupStatus::Finished => 3,
            GroupStatus::Cancelled => 4,
        }
    }

    /// Finished and cancelled groups are history: their schedule stays as it was.
    pub fn is_closed(self) -> bool {
        matches!(self, GroupStatus::Finished | GroupStatus::Cancelled)
    }

    /// `planned → open → running → finished`, skipping steps allowed (a club
    /// recorded after it was held), and `cancelled` from any open state. Never back.
    pub fn can_become(self, next: GroupStatus) -> bool {
        if self == next {
            return true;
        }
        if self.is_closed() {
            return false;
        }
        next == GroupStatus::Cancelled || next.rank() > self.rank()
    }

    /// The statuses a group in this status may be given, itself first.
    pub fn choices(self) -> Vec<GroupStatus> {
        GroupStatus::ALL
            .into_iter()
            .filter(|s| self.can_become(*s))
            .collect()
    }
}

impl FromStr for GroupStatus {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GroupStatus::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or("error-group-status-unknown")
    }
}

/// Why a change to a group is refused although every value is well-formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GroupConflict {
    #[error("capacity below the number enrolled")]
    CapacityBelowEnrolled,
    #[error("status cannot go back")]
    StatusBackwards,
    #[error("the schedule of a finished or cancelled group is closed")]
    ScheduleClosed,
}

impl GroupConflict {
    pub fn key(self) -> &'static str {
        match self {
            GroupConflict::CapacityBelowEnrolled => "error-group-capacity-below-enrolled",
            GroupConflict::StatusBackwards => "error-group-status-backwards",
            GroupConflict::ScheduleClosed => "error-group-schedule-closed",
        }
    }
}

pub fn parse_capacity(n: i64) -> Result<u32, &'static str> {
    if (1..=i64::from(crate::formats::MAX_CAPACITY)).contains(&n) {
        Ok(n as u32)
    } else {
        Err("error-format-capacity")
    }
}

/// A capacity change: the new capacity must still hold everyone enrolled.
pub fn check_capacity(new_capacity: u32, enrolled: u32) -> Result<(), GroupConflict> {
    if new_capacity < enrolled {
        Err(GroupConflict::CapacityBelowEnrolled)
    } else {
        Ok(())
    }
}

pub fn check_status(current: GroupStatus, next: GroupStatus) -> Result<(), GroupConflict> {
    if current.can_become(next) {
        Ok(())
    } else {
        Err(GroupConflict::StatusBackwards)
    }
}

/// The texts of a group, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTexts {
    pub name: String,
    pub location: String,
}

pub fn parse_texts(name: &str, location: &str) -> Result<GroupTexts, Invalid> {
    let mut inv = Invalid::default();
    let name = inv.check("name", crate::people::clean_text(name, 2, 200));
    let location = inv.check("location", crate::people::clean_text(location, 0, 300));
    match (name, location) {
        (Some(name), Some(location)) if inv.is_empty() => Ok(GroupTexts { name, location }),
        _ => Err(inv),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn status_moves_forward_or_to_cancelled() {
        use GroupStatus::*;
        assert!(Planned.can_become(Open));
        assert!(Open.can_become(Running));
        assert!(Planned.can_become(Finished));
        assert!(Running.can_become(Cancelled));
        assert!(!Running.can_become(Open));
        assert!(!Finished.can_become(Cancelled));
        assert!(!Cancelled.can_become(Open));
        assert_eq!(Running.choices(), vec![Running, Finished, Cancelled]);
        assert_eq!("open".parse::<GroupStatus>(), Ok(Open));
        assert!("closed".parse::<GroupStatus>().is_err());
    }

    #[test]
    fn capacity_holds_everyone_enrolled() {
        assert_eq!(check_capacity(10, 10), Ok(()));
        assert_eq!(
            check_capacity(9, 10),
            Err(GroupConflict::CapacityBelowEnrolled)
        );
        assert!(parse_capacity(0).is_err() && parse_capacity(101).is_err());
        assert_eq!(parse_capacity(100), Ok(100));
    }

    proptest! {
        #[test]
        fn a_closed_group_never_changes_status(from in 0usize..5, to in 0usize..5) {
            let (a, b) = (GroupStatus::ALL[from], GroupStatus::ALL[to]);
            if a.is_closed() && a != b {
                prop_assert!(!a.can_become(b));
            }
            // Whatever the path, a status never returns to an earlier open one.
            if a.can_become(b) && !b.is_closed() && !a.is_closed() {
                prop_assert!(b.rank() >= a.rank());
            }
        }
    }
}
