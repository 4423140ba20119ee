use crate::{Ctx, Db, DbError, Result, Tx, audit, new_id, unique};
use klubi_domain::attendance::AlertPolicy;
use klubi_domain::organisations::{OrgKind, OrgName};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub created_at: i64,
    /// Who of its staff must have a second factor (`roles`, `all_staff`,
    /// `none`); `None` follows the installation's default (migration 0010).
    pub second_factor: Option<String>,
}

fn from_row(r: AnyRow) -> Organisation {
    Organisation {
        id: r.get("id"),
        name: r.get("name"),
        kind: r.get("kind"),
        created_at: r.get("created_at"),
        second_factor: r.get("second_factor"),
    }
}

pub async fn create(tx: &mut Tx, ctx: &Ctx, name: &OrgName, kind: OrgKind) -> Result<Organisation> {
    let id = new_id();
    sqlx::query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id.clone())
        .bind(name.as_str().to_string())
        .bind(kind.as_str())
        .bind(ctx.now)
        .execute(&mut **tx)
        .await
        .map_err(unique("error-organisation-name-taken"))?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "organisation.create",
            entity_type: "organisation",
            entity_id: &id,
            organisation_id: Some(&id),
            details: serde_json::json!({"name": name.as_str(), "kind": kind.as_str()}),
        },
    )
    .await?;
    Ok(Organisation {
        id,
        name: name.as_str().to_string(),
        kind: kind.as_str().to_string(),
        created_at: ctx.now,
        second_factor: None,
    })
}

pub async fn rename(tx: &mut Tx, ctx: &Ctx, id: &str, name: &OrgName) -> Result<()> {
    let done = sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
        .bind(name.as_str().to_string())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await
        .map_err(unique("error-organisation-name-taken"))?;
    if done.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "organisation.rename",
            entity_type: "organisation",
            entity_id: id,
            organisation_id: Some(id),
            details: serde_json::json!({"name": name.as_str()}),
        },
    )
    .await
}

pub async fn get(db: &Db, id: &str) -> Result<Organisation> {
    sqlx::query("SELECT id, name, kind, created_at, second_factor FROM organisations WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.reader())
        .await?
        .map(from_row)
        .ok_or(DbError::NotFound)
}

/// A page of organisations by name. `visible_to` scopes to one organisation
/// (the staff a coordinator manages); `None` is an admin's view.
pub async fn list(
    db: &Db,
    visible_to: Option<&str>,
    after_name: Option<&str>,
    limit: i64,
) -> Result<Vec<Organisation>> {
    let rows = sqlx::query(
        "SELECT id, name, kind, created_at, second_factor FROM organisations
         WHERE ($1 IS NULL OR id = $1) AND ($2 IS NULL OR name > $2)
         ORDER BY name LIMIT $3",
    )
    .bind(visible_to.map(str::to_string))
    .bind(after_name.map(str::to_string))
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Organisations that work together: one owns a group the other partners in.
const PARTNERS_OF_1: &str =
    "SELECT p.organisation_id FROM group_partners p JOIN club_groups g ON g.id = p.group_id
     WHERE g.organisation_id = $1
     UNION SELECT g.organisation_id FROM club_groups g JOIN group_partners p ON p.group_id = g.id
     WHERE p.organisation_id = $1";

/// A page of `organisation_id` and its partners, by name.
pub async fn list_with_partners(
    db: &Db,
    organisation_id: &str,
    after_name: Option<&str>,
    limit: i64,
) -> Result<Vec<Organisation>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT id, name, kind, created_at, second_factor FROM organisations
         WHERE (id = $1 OR id IN ({PARTNERS_OF_1})) AND ($2 IS NULL OR name > $2)
         ORDER BY name LIMIT $3"
    )))
    .bind(organisation_id.to_string())
    .bind(after_name.map(str::to_string))
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Whether `other` is a partner of `organisation_id` (either way round).
pub async fn are_partners(db: &Db, organisation_id: &str, other: &str) -> Result<bool> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT 1 AS one FROM organisations WHERE id = $2 AND id IN ({PARTNERS_OF_1})"
    )))
    .bind(organisation_id.to_string())
    .bind(other.to_string())
    .fetch_optional(db.reader())
    .await?
    .is_some())
}

/// When the organisation's case managers hear of their clients' missed meetings.
pub async fn alert_policy(db: &Db, id: &str) -> Result<AlertPolicy> {
    let s: Option<String> =
        sqlx::query_scalar("SELECT no_show_alerts FROM organisations WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(db.reader())
            .await?;
    let s = s.ok_or(DbError::NotFound)?;
    Ok(AlertPolicy::parse(&s).unwrap_or(AlertPolicy::EveryMiss))
}

pub async fn alert_policy_in(tx: &mut Tx, id: &str) -> Result<AlertPolicy> {
    let s: Option<String> =
        sqlx::query_scalar("SELECT no_show_alerts FROM organisations WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?;
    Ok(s.and_then(|s| AlertPolicy::parse(&s).ok())
        .unwrap_or(AlertPolicy::EveryMiss))
}

pub async fn set_alert_policy(tx: &mut Tx, ctx: &Ctx, id: &str, p: AlertPolicy) -> Result<()> {
    let done = sqlx::query("UPDATE organisations SET no_show_alerts = $1 WHERE id = $2")
        .bind(p.as_str())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "organisation.no_show_alerts",
            entity_type: "organisation",
            entity_id: id,
            organisation_id: Some(id),
            details: serde_json::json!({ "no_show_alerts": p.as_str() }),
        },
    )
    .await
}
