//! Who may see a group, change it, and how much of its roster they see.

use super::{Action, Decision, allows, answer, coordinates, facilitates, involved, is_staff};
use crate::auth::Actor;
use klubi_db::groups::GroupDetail;

/// Staff involved in it, and the participants enrolled in it.
pub(super) fn view(a: &Actor, group: &GroupDetail, enrolled: bool) -> Decision {
    answer(involved(a, group) || (enrolled && !is_staff(a)), false)
}

/// Its details, capacity, status, partners and facilitators: its coordinators.
pub(super) fn manage(a: &Actor, group: &GroupDetail) -> Decision {
    answer(coordinates(a, group), involved(a, group))
}

/// The whole roster: its coordinators and facilitators.
pub(super) fn view_roster(a: &Actor, group: &GroupDetail) -> Decision {
    answer(coordinates(a, group) || facilitates(a, group), false)
}

/// How much of a roster a caller sees: all of it, only the people they
/// referred (a case manager of the owner or a partner), or nothing (404).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterScope {
    All,
    ReferredBy,
    Nothing,
}

pub fn roster_scope(a: &Actor, group: &GroupDetail) -> RosterScope {
    if allows(a, Action::ViewRoster { group }) {
        RosterScope::All
    } else if allows(a, Action::Refer { group }) {
        RosterScope::ReferredBy
    } else {
        RosterScope::Nothing
    }
}
