//! Who must have a second factor, who may set one up for themselves, reset
//! someone else's, and choose an organisation's rule.

use super::{Decision, admin, answer, is_staff, own_org};
use crate::auth::Actor;
use klubi_db::users::User;
use klubi_domain::second_factor::{Requirement, required};

/// Whether the signed-in person must sign in with a second factor, under
/// the rule in force for them (their organisation's, else the installation's).
pub fn must_have_second_factor(a: &Actor, rule: Requirement) -> bool {
    required(a.user.kind, &a.user.roles, rule)
}

/// Whether `u` must, under `rule` (an administrator's view of someone).
pub fn must_have(u: &User, rule: Requirement) -> bool {
    required(u.kind, &u.roles, rule)
}

/// Setting up, changing or turning off one's own second factor: staff.
pub(super) fn use_it(a: &Actor) -> Decision {
    answer(is_staff(a), false)
}

/// Taking away someone else's (a lost phone): an administrator, for staff.
pub(super) fn reset(a: &Actor, target: &User) -> Decision {
    let same_org =
        target.organisation_id.is_some() && target.organisation_id == a.user.organisation_id;
    answer(
        admin(a) && target.kind == klubi_domain::roles::AccountKind::Staff,
        is_staff(a) && same_org,
    )
}

/// An organisation's rule: an administrator; its own staff see it but may not.
pub(super) fn set_rule(a: &Actor, organisation_id: &str) -> Decision {
    answer(admin(a), is_staff(a) && own_org(a, organisation_id))
}
