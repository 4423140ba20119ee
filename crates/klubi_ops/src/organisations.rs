//! Organisations: an admin creates and renames them; staff see their own and
//! the organisations it partners with in some group.

use crate::Caller;
use crate::error::{Error, Result};
use crate::policy::{self, Action};
use klubi_domain::Invalid;
use klubi_domain::organisations::OrgName;

pub use klubi_db::organisations::Organisation;

/// A page of the organisations the caller may see, by name after `after_name`:
/// an admin's are all, others' their own and its partners.
pub async fn list(cx: &Caller, after_name: Option<&str>, limit: i64) -> Result<Vec<Organisation>> {
    let a = cx.actor()?;
    policy::require(a, Action::ListOrganisations)?;
    Ok(match policy::organisation_scope(a) {
        None => klubi_db::organisations::list(cx.db(), None, after_name, limit).await?,
        Some(own) => {
            klubi_db::organisations::list_with_partners(cx.db(), &own, after_name, limit).await?
        }
    })
}

/// Every organisation (up to 1,000), for the admin who creates them.
pub async fn list_all(cx: &Caller) -> Result<Vec<Organisation>> {
    policy::require(cx.actor()?, Action::CreateOrganisation)?;
    Ok(klubi_db::organisations::list(cx.db(), None, None, 1000).await?)
}

/// Creates an organisation (an admin). A taken name is `Conflict`.
pub async fn create(cx: &Caller, name: &str, kind: &str) -> Result<Organisation> {
    policy::require(cx.actor()?, Action::CreateOrganisation)?;
    let (name, kind) = klubi_domain::organisations::parse_new(name, kind)?;
    let mut tx = cx.db().begin().await?;
    let org = klubi_db::organisations::create(&mut tx, &cx.ctx(), &name, kind).await?;
    klubi_db::commit(tx).await?;
    Ok(org)
}

/// One organisation, if the caller may see it (own, a partner, or an admin).
pub async fn get(cx: &Caller, id: &str) -> Result<Organisation> {
    let a = cx.actor()?;
    let partner = match a.user.organisation_id.as_deref() {
        Some(own) if own != id => klubi_db::organisations::are_partners(cx.db(), own, id).await?,
        _ => false,
    };
    policy::require(a, Action::ViewOrganisation { id, partner })?;
    Ok(klubi_db::organisations::get(cx.db(), id).await?)
}

/// An organisation as the one who may rename it sees it (an admin).
pub async fn for_renaming(cx: &Caller, id: &str) -> Result<Organisation> {
    policy::require(cx.actor()?, Action::RenameOrganisation { id })?;
    Ok(klubi_db::organisations::get(cx.db(), id).await?)
}

/// Renames an organisation (an admin). A taken name is `Conflict`.
pub async fn rename(cx: &Caller, id: &str, name: &str) -> Result<Organisation> {
    let org = for_renaming(cx, id).await?;
    let name = OrgName::parse(name).map_err(|m| Error::from(Invalid::one("name", m)))?;
    let mut tx = cx.db().begin().await?;
    klubi_db::organisations::rename(&mut tx, &cx.ctx(), id, &name).await?;
    klubi_db::commit(tx).await?;
    Ok(Organisation {
        name: name.as_str().to_string(),
        ..org
    })
}
