//! Who may read the audit log and the outgoing mail: administrators.

use super::{Decision, admin, answer, is_staff};
use crate::auth::Actor;

pub(super) fn view(a: &Actor) -> Decision {
    answer(admin(a), is_staff(a))
}
