//! Who may set rates and approve or reopen a group's payment report: its coordinators.

use super::{Decision, answer, coordinates, involved};
use crate::auth::Actor;
use klubi_db::groups::GroupDetail;

pub(super) fn manage(a: &Actor, group: &GroupDetail) -> Decision {
    answer(coordinates(a, group), involved(a, group))
}
