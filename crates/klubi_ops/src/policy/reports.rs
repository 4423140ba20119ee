//! Who may read a group's report: its coordinators and facilitators.

use super::{Decision, runs};
use crate::auth::Actor;
use klubi_db::groups::GroupDetail;

pub(super) fn view(a: &Actor, group: &GroupDetail) -> Decision {
    runs(a, group)
}
