//! Who may refer to a group, read a referral, decide it, withdraw someone and triage.

use super::{Decision, answer, coordinates, has, involved, is_staff, own_org, partner};
use crate::auth::Actor;
use klubi_db::groups::GroupDetail;
use klubi_domain::roles::Role;

/// Case managers of the owner or a partner organisation.
pub(super) fn refer(a: &Actor, group: &GroupDetail) -> Decision {
    let org_in = own_org(a, &group.group.organisation_id) || partner(a, group);
    answer(has(a, Role::CaseManager) && org_in, involved(a, group))
}

/// The case manager who made it and the group's coordinators; other case
/// managers, also of the same organisation, get 404.
pub(super) fn view(a: &Actor, group: &GroupDetail, referred_by: &str) -> Decision {
    answer(
        (is_staff(a) && a.user.id == referred_by) || coordinates(a, group),
        false,
    )
}

/// Accept or decline, move up the waiting list, resend invitations: the
/// group's coordinators.
pub(super) fn decide(a: &Actor, group: &GroupDetail) -> Decision {
    answer(coordinates(a, group), involved(a, group))
}

/// Its coordinators, the case manager who referred them, and the participant themself.
pub(super) fn withdraw(
    a: &Actor,
    group: &GroupDetail,
    referred_by: Option<&str>,
    participant_id: &str,
) -> Decision {
    let referrer = is_staff(a) && referred_by == Some(a.user.id.as_str());
    let themself = !is_staff(a) && a.user.id == participant_id;
    answer(
        coordinates(a, group) || referrer || themself,
        involved(a, group),
    )
}

/// The referral form and "my referrals": case managers.
pub(super) fn make(a: &Actor) -> Decision {
    answer(has(a, Role::CaseManager), is_staff(a))
}

/// The triage queue of an organisation's groups: its coordinators.
pub(super) fn triage(a: &Actor, organisation_id: &str) -> Decision {
    answer(
        has(a, Role::Coordinator) && own_org(a, organisation_id),
        is_staff(a),
    )
}
