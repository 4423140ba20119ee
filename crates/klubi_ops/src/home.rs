//! The home page's facts: a participant's groups (their seat or place in the
//! queue, the next meeting) and referrals to specialists; a staff member's roles.

use crate::Caller;
use crate::error::Result;
use crate::policy::{self, Action};
use klubi_domain::roles::Role;

pub use klubi_db::internal_referrals::InternalReferral;
pub use klubi_db::meetings::Meeting;

/// A participant's group.
pub struct MyGroup {
    pub group_id: String,
    pub name: String,
    /// Their place on the waiting list; `None`: they have a seat.
    pub position: Option<usize>,
    /// The next meeting not cancelled and not over (only with a seat).
    pub next: Option<Meeting>,
}

pub enum Home {
    Participant {
        groups: Vec<MyGroup>,
        /// Their referrals to specialists.
        specialists: Vec<InternalReferral>,
    },
    Staff {
        /// The roles they hold, a section each.
        roles: Vec<Role>,
        /// They may manage their organisation's staff (a link from the
        /// coordinator's section).
        may_manage_users: bool,
    },
}

/// What the signed-in caller's home page shows (401 for someone not signed in).
pub async fn home(cx: &Caller) -> Result<Home> {
    let a = cx.actor()?;
    if let Some(roles) = policy::staff_roles(a) {
        let org = a.user.organisation_id.as_deref().unwrap_or("-");
        return Ok(Home::Staff {
            roles: roles.iter().collect(),
            may_manage_users: policy::allows(
                a,
                Action::ListUsers {
                    organisation_id: org,
                },
            ),
        });
    }
    let mut groups = vec![];
    for g in klubi_db::referrals::groups_of_participant(cx.db(), &a.user.id).await? {
        let next = if g.status == "enrolled" {
            klubi_db::meetings::list_for_group(cx.db(), &g.group_id, None, 200)
                .await?
                .into_iter()
                .find(|m| !m.cancelled && m.ends_at > cx.now)
        } else {
            None
        };
        groups.push(MyGroup {
            group_id: g.group_id,
            name: g.group_name,
            position: g.position,
            next,
        });
    }
    Ok(Home::Participant {
        groups,
        specialists: crate::internal_referrals::list(cx).await?,
    })
}
