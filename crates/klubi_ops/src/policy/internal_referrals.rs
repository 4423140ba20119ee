//! Who may refer to a specialist and see or handle such a referral: exactly the coach, the specialist and the participant.

use super::{Decision, answer, facilitates, has, involved, is_staff};
use crate::auth::Actor;
use klubi_db::groups::GroupDetail;
use klubi_domain::roles::Role;

/// The list of one's own: coaches and specialists.
pub(super) fn use_them(a: &Actor) -> Decision {
    answer(has(a, Role::Coach) || has(a, Role::Specialist), is_staff(a))
}

/// Refer a participant of the group: its facilitators.
pub(super) fn refer(a: &Actor, group: &GroupDetail) -> Decision {
    answer(facilitates(a, group), involved(a, group))
}

/// The coach who made it, the specialist, the participant. Nobody else,
/// coordinators included.
pub(super) fn view(
    a: &Actor,
    referred_by: &str,
    specialist_id: &str,
    participant_id: &str,
) -> Decision {
    let me = a.user.id.as_str();
    let staff_side = is_staff(a) && (me == referred_by || me == specialist_id);
    answer(staff_side || (!is_staff(a) && me == participant_id), false)
}

/// Accept, record sessions (and read their notes), close: the specialist.
pub(super) fn handle(
    a: &Actor,
    referred_by: &str,
    specialist_id: &str,
    participant_id: &str,
) -> Decision {
    answer(
        has(a, Role::Specialist) && a.user.id == specialist_id,
        view(a, referred_by, specialist_id, participant_id) == Decision::Allow,
    )
}
