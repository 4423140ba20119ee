//! Who may mark attendance, and a participant's own attendance and notices.

use super::{Decision, answer, is_staff, runs};
use crate::auth::Actor;
use klubi_db::groups::GroupDetail;

/// The group's facilitators and coordinators.
pub(super) fn mark(a: &Actor, group: &GroupDetail) -> Decision {
    runs(a, group)
}

/// "I can't come" to a meeting of a group: the participant enrolled in it.
pub(super) fn give_notice(a: &Actor, enrolled: bool) -> Decision {
    answer(enrolled && !is_staff(a), false)
}

/// One's own attendance and compensation: participants.
pub(super) fn own(a: &Actor) -> Decision {
    answer(!is_staff(a), false)
}
