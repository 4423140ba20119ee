//! Who hears of and reads no-show alerts, and who chooses the organisation's alert policy.

use super::{Decision, admin, answer, has, is_staff, own_org};
use crate::auth::Actor;
use klubi_db::users::User;
use klubi_domain::roles::{AccountKind, Role};

/// Case managers (their clients) and coordinators (escalations).
pub(super) fn see(a: &Actor) -> Decision {
    answer(
        has(a, Role::CaseManager) || has(a, Role::Coordinator),
        is_staff(a),
    )
}

/// The organisation's coordinators (and admins).
pub(super) fn configure(a: &Actor, organisation_id: &str) -> Decision {
    answer(
        admin(a) || (has(a, Role::Coordinator) && own_org(a, organisation_id)),
        is_staff(a) && own_org(a, organisation_id),
    )
}

/// The organisation a coordinator runs (their own), for what is listed by
/// organisation: its meetings to mark today, its escalated no-show alerts.
/// `None` for anyone who coordinates nothing.
pub fn coordinated_organisation(a: &Actor) -> Option<&str> {
    if has(a, Role::Coordinator) {
        a.user.organisation_id.as_deref()
    } else {
        None
    }
}

/// Who hears of a repeated no-show in a group of `organisation_id` besides
/// the referring case manager: the organisation's active coordinators.
pub fn hears_escalations(u: &User, organisation_id: &str) -> bool {
    u.active
        && u.kind == AccountKind::Staff
        && u.roles.has(Role::Coordinator)
        && u.organisation_id.as_deref() == Some(organisation_id)
}
