//! The audit log: append-only. This module has no update or delete, and both
//! backends have triggers that refuse them.

use crate::writes::Writes;
use crate::{Ctx, Result, Tx};
use sqlx::Row;

pub struct Entry<'a> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub organisation_id: Option<&'a str>,
    pub details: serde_json::Value,
}

/// Writes one audit row inside the caller's transaction.
pub async fn record(tx: &mut Tx, ctx: &Ctx, e: Entry<'_>) -> Result<()> {
    let mut w = Writes::new();
    push(&mut w, ctx, e);
    w.run(tx).await
}

/// The audit row of `e`, among `w`'s statements (written with them).
pub fn push(w: &mut Writes, ctx: &Ctx, e: Entry<'_>) {
    w.push(
        "INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, organisation_id, request_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        vec![
            ctx.now.into(),
            ctx.actor_id.clone().into(),
            e.action.into(),
            e.entity_type.into(),
            e.entity_id.into(),
            e.organisation_id.into(),
            ctx.request_id.clone().into(),
            e.details.to_string().into(),
        ],
    );
}

/// Writes one audit row per target — the same action on many entities, e.g.
/// a page that shows fifty people's data records fifty reads — with one
/// statement and five parameters: the targets travel as one JSON array
/// (binding hundreds of parameters cost more than the rows themselves).
pub async fn record_each(
    tx: &mut Tx,
    ctx: &Ctx,
    action: &str,
    entity_type: &str,
    targets: &[(&str, Option<&str>)],
) -> Result<()> {
    if targets.is_empty() {
        return Ok(());
    }
    let rows = serde_json::Value::Array(
        targets
            .iter()
            .map(|(id, org)| serde_json::json!([id, org]))
            .collect(),
    )
    .to_string();
    let sql = match crate::tx_backend(tx) {
        crate::Backend::Sqlite => {
            "INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, organisation_id, request_id, details)
             SELECT $1, $2, $3, $4, json_extract(value, '$[0]'), json_extract(value, '$[1]'), $5, '{}'
             FROM json_each($6)"
        }
        crate::Backend::Postgres => {
            "INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, organisation_id, request_id, details)
             SELECT $1, $2, $3, $4, value->>0, value->>1, $5, '{}'
             FROM json_array_elements($6::json)"
        }
    };
    sqlx::query(sql)
        .bind(ctx.now)
        .bind(ctx.actor_id.clone())
        .bind(action.to_string())
        .bind(entity_type.to_string())
        .bind(ctx.request_id.clone())
        .bind(rows)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub organisation_id: Option<String>,
    pub request_id: String,
    pub details: String,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this organisation's rows (a coordinator's view); `None` = all (admin).
    pub organisation_id: Option<String>,
    pub action_prefix: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Rows with id below this (the cursor: newest first).
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// Newest first, filtered; all filters are optional and bound, never spliced.
pub async fn list(db: &crate::Db, f: &Filter) -> Result<Vec<AuditRow>> {
    let rows = sqlx::query(
        "SELECT a.id, a.at, a.actor_id, u.name AS actor_name, a.action, a.entity_type, a.entity_id,
                a.organisation_id, a.request_id, a.details
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE ($1 IS NULL OR a.organisation_id = $1)
           AND ($2 IS NULL OR substr(a.action, 1, length($2)) = $2)
           AND ($3 IS NULL OR a.entity_id = $3)
           AND ($4 IS NULL OR a.actor_id = $4)
           AND ($5 IS NULL OR a.at >= $5)
           AND ($6 IS NULL OR a.at < $6)
           AND ($7 IS NULL OR a.id < $7)
         ORDER BY a.id DESC
         LIMIT $8",
    )
    .bind(f.organisation_id.clone())
    .bind(f.action_prefix.clone())
    .bind(f.entity_id.clone())
    .bind(f.actor_id.clone())
    .bind(f.from)
    .bind(f.to)
    .bind(f.before_id)
    .bind(f.limit.clamp(1, 500))
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditRow {
            id: r.get("id"),
            at: r.get("at"),
            actor_id: r.get("actor_id"),
            actor_name: r.get("actor_name"),
            action: r.get("action"),
            entity_type: r.get("entity_type"),
            entity_id: r.get("entity_id"),
            organisation_id: r.get("organisation_id"),
            request_id: r.get("request_id"),
            details: r.get("details"),
        })
        .collect())
}

/// The audit log: the person's copy has every row by them or about them
/// (built by [`crate::privacy::export`] from the other features' entities).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "audit",
    columns: &[
        "audit_log.at",
        "audit_log.actor_id",
        "audit_log.action",
        "audit_log.entity_id",
        "audit_log.request_id",
        "audit_log.details",
        "audit_chain.details_hash",
    ],
    export: &[],
    audit_entities: &[],
    read_actions: &[],
};
