//! Who may add, move and cancel a group's meetings, and who runs meetings at all.

use super::{Decision, answer, has, is_staff, runs};
use crate::auth::Actor;
use klubi_db::groups::GroupDetail;
use klubi_domain::roles::Role;

pub(super) fn manage(a: &Actor, group: &GroupDetail) -> Decision {
    runs(a, group)
}

/// Today's meetings to mark: coaches and coordinators.
pub(super) fn run(a: &Actor) -> Decision {
    answer(
        has(a, Role::Coach) || has(a, Role::Coordinator),
        is_staff(a),
    )
}
