//! Formats: the shipped templates (no organisation, read-only) and each
//! organisation's own. A group copies the plan it needs, so editing a format
//! never reaches groups already made from it.

use crate::{Ctx, Db, DbError, Result, Tx, audit, new_id};
use klubi_domain::formats::{FormatSpec, PlannedMeeting};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Format {
    pub id: String,
    /// `None` for a shipped template.
    pub organisation_id: Option<String>,
    pub template_key: Option<String>,
    pub name: String,
    pub description: String,
    pub capacity: i64,
    pub min_attendance: i64,
    pub facilitators: i64,
    pub compensation_cents: Option<i64>,
    /// "HH:MM", local time.
    pub default_start_time: String,
    pub meetings: Vec<PlannedMeeting>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Format {
    pub fn is_template(&self) -> bool {
        self.organisation_id.is_none()
    }
}

const COLUMNS: &str = "id, organisation_id, template_key, name, description, capacity, min_attendance, \
     facilitators, compensation_cents, default_start_time, meetings, created_at, updated_at";

fn from_row(r: AnyRow) -> Format {
    let meetings: String = r.get("meetings");
    Format {
        id: r.get("id"),
        organisation_id: r.get("organisation_id"),
        template_key: r.get("template_key"),
        name: r.get("name"),
        description: r.get("description"),
        capacity: r.get("capacity"),
        min_attendance: r.get("min_attendance"),
        facilitators: r.get("facilitators"),
        compensation_cents: r.get("compensation_cents"),
        default_start_time: r.get("default_start_time"),
        // Written only by this module from a validated plan.
        meetings: serde_json::from_str(&meetings).unwrap_or_default(),
        created_at: r.get("created_at"),
        updated_at: r.get("updated_at"),
    }
}

use klubi_domain::formats::time_text;

fn plan_json(spec: &FormatSpec) -> String {
    serde_json::to_string(&spec.meetings).unwrap_or_else(|_| "[]".into())
}

/// Puts the shipped templates in place (once; later starts leave them be).
pub(crate) async fn ensure_templates(db: &Db) -> Result<()> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    for (key, spec) in klubi_domain::formats::templates() {
        sqlx::query(
            "INSERT INTO formats (id, organisation_id, template_key, name, description, capacity,
                 min_attendance, facilitators, compensation_cents, default_start_time, meetings,
                 created_at, updated_at)
             VALUES ($1, NULL, $2, $3, '', $4, $5, $6, $7, $8, $9, $10, $10)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(format!("template-{key}"))
        .bind(key.to_string())
        .bind(spec.name.clone())
        .bind(i64::from(spec.capacity))
        .bind(i64::from(spec.min_attendance))
        .bind(i64::from(spec.facilitators))
        .bind(spec.compensation_cents_per_meeting)
        .bind(time_text(spec.default_start_time))
        .bind(plan_json(&spec))
        .bind(now)
        .execute(&db.write)
        .await?;
    }
    Ok(())
}

pub async fn create(
    tx: &mut Tx,
    ctx: &Ctx,
    organisation_id: &str,
    spec: &FormatSpec,
    copied_from: Option<&str>,
) -> Result<Format> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO formats (id, organisation_id, template_key, name, description, capacity,
             min_attendance, facilitators, compensation_cents, default_start_time, meetings,
             created_at, updated_at)
         VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(id.clone())
    .bind(organisation_id.to_string())
    .bind(spec.name.clone())
    .bind(spec.description.clone())
    .bind(i64::from(spec.capacity))
    .bind(i64::from(spec.min_attendance))
    .bind(i64::from(spec.facilitators))
    .bind(spec.compensation_cents_per_meeting)
    .bind(time_text(spec.default_start_time))
    .bind(plan_json(spec))
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: if copied_from.is_some() {
                "format.copy"
            } else {
                "format.create"
            },
            entity_type: "format",
            entity_id: &id,
            organisation_id: Some(organisation_id),
            details: serde_json::json!({"name": spec.name, "copied_from": copied_from}),
        },
    )
    .await?;
    get_in_tx(tx, &id).await
}

/// Changes an organisation's own format; templates have no organisation and so
/// never match.
pub async fn update(
    tx: &mut Tx,
    ctx: &Ctx,
    id: &str,
    organisation_id: &str,
    spec: &FormatSpec,
) -> Result<Format> {
    let done = sqlx::query(
        "UPDATE formats SET name = $1, description = $2, capacity = $3, min_attendance = $4,
             facilitators = $5, compensation_cents = $6, default_start_time = $7, meetings = $8,
             updated_at = $9
         WHERE id = $10 AND organisation_id = $11",
    )
    .bind(spec.name.clone())
    .bind(spec.description.clone())
    .bind(i64::from(spec.capacity))
    .bind(i64::from(spec.min_attendance))
    .bind(i64::from(spec.facilitators))
    .bind(spec.compensation_cents_per_meeting)
    .bind(time_text(spec.default_start_time))
    .bind(plan_json(spec))
    .bind(ctx.now)
    .bind(id.to_string())
    .bind(organisation_id.to_string())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "format.update",
            entity_type: "format",
            entity_id: id,
            organisation_id: Some(organisation_id),
            details: serde_json::json!({"name": spec.name}),
        },
    )
    .await?;
    get_in_tx(tx, id).await
}

pub async fn get_in_tx(tx: &mut Tx, id: &str) -> Result<Format> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM formats WHERE id = $1"
    )))
    .bind(id.to_string())
    .fetch_optional(&mut **tx)
    .await?
    .map(from_row)
    .ok_or(DbError::NotFound)
}

pub async fn get(db: &Db, id: &str) -> Result<Format> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM formats WHERE id = $1"
    )))
    .bind(id.to_string())
    .fetch_optional(db.reader())
    .await?
    .map(from_row)
    .ok_or(DbError::NotFound)
}

/// The sort key of the format lists: templates first, then by name.
const SORT_KEY: &str =
    "(CASE WHEN organisation_id IS NULL THEN '0' ELSE '1' END || name || ' ' || id)";

pub fn sort_key(f: &Format) -> String {
    format!(
        "{}{} {}",
        if f.is_template() { '0' } else { '1' },
        f.name,
        f.id
    )
}

/// The templates and `organisation_id`'s formats (every format for `None`, an
/// admin), templates first then by name; `after` is the [`sort_key`] last seen.
pub async fn list(
    db: &Db,
    organisation_id: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Format>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM formats
         WHERE (organisation_id IS NULL OR $1 IS NULL OR organisation_id = $1)
           AND ($2 IS NULL OR {SORT_KEY} > $2)
         ORDER BY {SORT_KEY} LIMIT $3"
    )))
    .bind(organisation_id.map(str::to_string))
    .bind(after.map(str::to_string))
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}
