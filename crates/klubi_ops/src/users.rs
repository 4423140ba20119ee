//! Staff accounts: an admin manages everyone, a coordinator their own
//! organisation's staff (roles, deactivation, invitations).

use crate::Caller;
use crate::error::{Error, Result};
use crate::organisations::Organisation;
use crate::policy::{self, Action};
use klubi_db::one_time_links::Purpose;
use klubi_domain::Invalid;
use klubi_domain::roles::Roles;
use std::collections::HashMap;

pub use klubi_db::users::User;

/// A staff member with their organisation's name (empty when they have none).
pub struct Listed {
    pub user: User,
    pub organisation: String,
}

/// The staff list and what its invitation form offers.
pub struct StaffList {
    /// By name (up to 2,000).
    pub staff: Vec<Listed>,
    /// The organisations whose staff the caller manages (an admin: all).
    pub organisations: Vec<Organisation>,
    /// Whether the caller may make administrators (an admin).
    pub may_grant_admin: bool,
}

/// The organisations whose staff the caller may manage (admin: all).
async fn manageable(cx: &Caller) -> Result<Vec<Organisation>> {
    let a = cx.actor()?;
    let scope = policy::organisation_scope(a);
    let orgs = klubi_db::organisations::list(cx.db(), scope.as_deref(), None, 1000).await?;
    Ok(orgs
        .into_iter()
        .filter(|o| {
            policy::allows(
                a,
                Action::ListUsers {
                    organisation_id: &o.id,
                },
            )
        })
        .collect())
}

/// The staff the caller manages; an admin may narrow it to one `organisation`.
/// Someone who manages no one's staff is `NotFound`.
pub async fn staff_list(cx: &Caller, organisation: Option<&str>) -> Result<StaffList> {
    let a = cx.actor()?;
    let organisations = manageable(cx).await?;
    if organisations.is_empty() {
        return Err(Error::NotFound);
    }
    let names: HashMap<&str, &str> = organisations
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let own_scope = policy::organisation_scope(a);
    let scope = match (&own_scope, organisation) {
        (None, Some(f)) if !f.is_empty() => Some(f.to_string()),
        (s, _) => s.clone(),
    };
    let users = klubi_db::users::list(cx.db(), scope.as_deref(), 2000).await?;
    let staff = users
        .into_iter()
        .map(|u| Listed {
            organisation: u
                .organisation_id
                .as_deref()
                .and_then(|o| names.get(o))
                .map(|n| n.to_string())
                .unwrap_or_default(),
            user: u,
        })
        .collect();
    Ok(StaffList {
        staff,
        organisations,
        may_grant_admin: own_scope.is_none(),
    })
}

/// One staff member as their page shows them.
pub struct StaffMember {
    pub user: User,
    /// The organisation's name, empty when none.
    pub organisation: String,
    /// Whether the caller may change the account (never their own).
    pub may_change: bool,
    /// Whether the caller may make administrators (an admin).
    pub may_grant_admin: bool,
    /// Whether they have a second factor, for an administrator who may reset
    /// it (`None` for anyone else, and on one's own page).
    pub second_factor: Option<bool>,
}

/// A user the caller may see: seeing a user is seeing their organisation's staff list.
async fn target(cx: &Caller, id: &str) -> Result<User> {
    let a = cx.actor()?;
    let user = klubi_db::users::get(cx.db(), id).await?;
    let org = user.organisation_id.as_deref().unwrap_or("-");
    policy::require(
        a,
        Action::ListUsers {
            organisation_id: org,
        },
    )?;
    Ok(user)
}

/// Someone else's account that the caller may change.
async fn changeable(cx: &Caller, id: &str) -> Result<User> {
    let a = cx.actor()?;
    let user = target(cx, id).await?;
    policy::require(a, Action::ChangeUser { target: &user })?;
    if a.user.id == user.id {
        // Locking oneself out or stripping one's own roles by accident helps no one.
        return Err(Error::Conflict("error-cannot-change-self"));
    }
    Ok(user)
}

pub async fn staff_member(cx: &Caller, id: &str) -> Result<StaffMember> {
    let a = cx.actor()?;
    let user = target(cx, id).await?;
    let organisation = match &user.organisation_id {
        Some(o) => klubi_db::organisations::get(cx.db(), o)
            .await
            .map(|o| o.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let second_factor = if a.user.id == user.id {
        None
    } else {
        crate::second_factor::of_staff_member(cx, a, &user).await?
    };
    Ok(StaffMember {
        second_factor,
        may_change: policy::allows(a, Action::ChangeUser { target: &user }) && a.user.id != user.id,
        may_grant_admin: policy::organisation_scope(a).is_none(),
        organisation,
        user,
    })
}

/// Replaces someone else's roles with `roles` (role names); granting needs the
/// right to grant each.
pub async fn set_roles(cx: &Caller, id: &str, roles: &[String]) -> Result<()> {
    let user = changeable(cx, id).await?;
    let roles = Roles::parse(roles).map_err(|m| Error::from(Invalid::one("roles", m)))?;
    let org = user.organisation_id.clone().unwrap_or_default();
    policy::require(
        cx.actor()?,
        Action::ManageUser {
            organisation_id: &org,
            roles: &roles,
        },
    )?;
    let mut tx = cx.db().begin().await?;
    klubi_db::users::set_roles(&mut tx, &cx.ctx(), &user, &roles).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// Takes someone else's access away at once: their login sessions end and
/// their API tokens are revoked.
pub async fn deactivate(cx: &Caller, id: &str) -> Result<()> {
    let user = changeable(cx, id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::users::deactivate(&mut tx, &cx.ctx(), &user).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

pub async fn reactivate(cx: &Caller, id: &str) -> Result<()> {
    let user = changeable(cx, id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::users::reactivate(&mut tx, &cx.ctx(), &user).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// Sends someone else a new invitation (the old link stops working): only
/// to an account that never signed in. Someone who has a password asks for a
/// reset themselves; an invitation would let whoever reads their mail set a
/// new one.
pub async fn resend_invitation(cx: &Caller, id: &str) -> Result<()> {
    let user = changeable(cx, id).await?;
    if !user.active {
        return Err(Error::Conflict("error-user-inactive"));
    }
    if user.has_password {
        return Err(Error::Conflict("error-invitation-used"));
    }
    let mut tx = cx.db().begin().await?;
    crate::accounts::send_link(&mut tx, cx, &user, Purpose::Invitation).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(())
}

/// The roles a user is shown with: a participant's is `participant`, staff's
/// their staff roles.
pub fn role_names(u: &User) -> Vec<String> {
    match u.kind {
        klubi_domain::roles::AccountKind::Participant => vec!["participant".to_string()],
        klubi_domain::roles::AccountKind::Staff => {
            u.roles.names().into_iter().map(str::to_string).collect()
        }
    }
}
