//! Who may see, make and rename organisations, and which organisations' rows a caller lists.

use super::{Decision, admin, answer, is_staff, own_org};
use crate::auth::Actor;

/// Staff pages and the staff API (participants have their own).
pub(super) fn use_staff_area(a: &Actor) -> Decision {
    answer(is_staff(a), false)
}

pub(super) fn create(a: &Actor) -> Decision {
    answer(admin(a), is_staff(a))
}

pub(super) fn view(a: &Actor, id: &str, partner: bool) -> Decision {
    answer(
        admin(a) || (is_staff(a) && (own_org(a, id) || partner)),
        false,
    )
}

pub(super) fn rename(a: &Actor, id: &str) -> Decision {
    answer(admin(a), is_staff(a) && own_org(a, id))
}

/// Which organisations' rows a caller may list: `None` means all (an admin).
pub fn organisation_scope(a: &Actor) -> Option<String> {
    if admin(a) {
        None
    } else {
        // A staff member without an organisation sees nothing: an impossible id.
        Some(
            a.user
                .organisation_id
                .clone()
                .unwrap_or_else(|| "-".to_string()),
        )
    }
}
