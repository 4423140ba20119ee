//! Who may see and change staff accounts and issue tokens for them.

use super::{Decision, admin, answer, has, is_staff, own_org};
use crate::auth::Actor;
use klubi_db::users::User;
use klubi_domain::roles::{AccountKind, Role, Roles};

pub(super) fn list(a: &Actor, organisation_id: &str) -> Decision {
    answer(
        admin(a) || (has(a, Role::Coordinator) && own_org(a, organisation_id)),
        is_staff(a) && own_org(a, organisation_id),
    )
}

/// Invite, change roles, deactivate: `roles` are the roles being granted.
pub(super) fn manage(a: &Actor, organisation_id: &str, roles: &Roles) -> Decision {
    if admin(a) {
        Decision::Allow
    } else if has(a, Role::Coordinator) && own_org(a, organisation_id) {
        // A coordinator runs their own organisation's staff but cannot
        // make administrators of the installation.
        answer(!roles.has(Role::Admin), true)
    } else {
        answer(false, is_staff(a) && own_org(a, organisation_id))
    }
}

/// A change to another account (not one's own).
pub(super) fn change(a: &Actor, target: &User) -> Decision {
    let Some(org) = target.organisation_id.as_deref() else {
        return answer(admin(a), false);
    };
    if target.kind != AccountKind::Staff {
        return answer(admin(a), false);
    }
    if admin(a) {
        Decision::Allow
    } else if has(a, Role::Coordinator) && own_org(a, org) {
        // Coordinators may not take an administrator's access away.
        answer(!target.roles.has(Role::Admin), true)
    } else {
        answer(false, is_staff(a) && own_org(a, org))
    }
}

pub(super) fn issue_token_for(a: &Actor, target: &User) -> Decision {
    answer(
        admin(a),
        is_staff(a)
            && target.organisation_id.is_some()
            && target.organisation_id == a.user.organisation_id,
    )
}

/// The roles a staff member works in (the home page has a section for each);
/// `None` for a participant, whom a stray role row gives nothing.
pub fn staff_roles(a: &Actor) -> Option<&Roles> {
    is_staff(a).then_some(&a.user.roles)
}
