//! Who may see formats and plan clubs (make formats and groups) in an organisation.

use super::{Decision, admin, answer, has, is_staff, own_org};
use crate::auth::Actor;
use klubi_domain::roles::Role;

/// A shipped template (`None`) is every staff member's; an organisation's own
/// format its members' (and admins').
pub(super) fn view(a: &Actor, organisation_id: Option<&str>) -> Decision {
    match organisation_id {
        _ if !is_staff(a) => Decision::Hidden,
        None => Decision::Allow,
        Some(org) => answer(admin(a) || own_org(a, org), false),
    }
}

/// Create formats and groups for an organisation, copy templates into it,
/// edit its formats: its coordinators.
pub(super) fn plan(a: &Actor, organisation_id: &str) -> Decision {
    answer(
        has(a, Role::Coordinator) && own_org(a, organisation_id),
        is_staff(a) && (admin(a) || own_org(a, organisation_id)),
    )
}
