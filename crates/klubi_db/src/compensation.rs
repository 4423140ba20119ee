//! Compensation rates with effective dates and the approved payment reports.
//! An approval is a snapshot (the lines and total as JSON) that never changes;
//! reopening marks it reopened with a reason, and the next approval is a new
//! version. Approval and every attendance change take the group's lock, so a
//! mark is either in the snapshot or refused.

use crate::{Ctx, Db, Result, Tx, audit, new_id};
use sqlx::Row;
use sqlx::any::AnyRow;

/// Rate changes of a group: (`YYYY-MM-DD`, cents or none), by date.
pub async fn rates(db: &Db, group_id: &str) -> Result<Vec<(String, Option<i64>)>> {
    rates_with(db.reader(), group_id).await
}

pub async fn rates_in(tx: &mut Tx, group_id: &str) -> Result<Vec<(String, Option<i64>)>> {
    rates_with(&mut **tx, group_id).await
}

async fn rates_with<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    group_id: &str,
) -> Result<Vec<(String, Option<i64>)>> {
    let rows = sqlx::query(
        "SELECT effective_from, rate_cents FROM compensation_rates
         WHERE group_id = $1 ORDER BY effective_from",
    )
    .bind(group_id.to_string())
    .fetch_all(ex)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get("effective_from"), r.get("rate_cents")))
        .collect())
}

/// Sets the rate from a date on (replacing a change on the same date). Audited.
pub async fn set_rate(
    tx: &mut Tx,
    ctx: &Ctx,
    group_id: &str,
    organisation_id: &str,
    effective_from: &str,
    rate_cents: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO compensation_rates (group_id, effective_from, rate_cents, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (group_id, effective_from)
         DO UPDATE SET rate_cents = excluded.rate_cents, created_by = excluded.created_by,
                       created_at = excluded.created_at",
    )
    .bind(group_id.to_string())
    .bind(effective_from.to_string())
    .bind(rate_cents)
    .bind(ctx.actor_id.clone())
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "compensation.rate",
            entity_type: "group",
            entity_id: group_id,
            organisation_id: Some(organisation_id),
            details: serde_json::json!({
                "effective_from": effective_from, "rate_cents": rate_cents,
            }),
        },
    )
    .await
}

/// Removes the change of one date; `false` if there was none.
pub async fn remove_rate(
    tx: &mut Tx,
    ctx: &Ctx,
    group_id: &str,
    organisation_id: &str,
    effective_from: &str,
) -> Result<bool> {
    let done =
        sqlx::query("DELETE FROM compensation_rates WHERE group_id = $1 AND effective_from = $2")
            .bind(group_id.to_string())
            .bind(effective_from.to_string())
            .execute(&mut **tx)
            .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "compensation.rate_removed",
            entity_type: "group",
            entity_id: group_id,
            organisation_id: Some(organisation_id),
            details: serde_json::json!({ "effective_from": effective_from }),
        },
    )
    .await?;
    Ok(true)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub id: String,
    pub group_id: String,
    pub version: i64,
    pub approved_by: String,
    pub approved_by_name: String,
    pub approved_at: i64,
    pub snapshot: serde_json::Value,
    pub total_cents: i64,
    pub reopened_by_name: Option<String>,
    pub reopened_at: Option<i64>,
    pub reopen_reason: Option<String>,
}

const SELECT: &str =
    "SELECT r.id, r.group_id, r.version, r.approved_by, a.name AS approved_by_name,
        r.approved_at, r.snapshot, r.total_cents, o.name AS reopened_by_name, r.reopened_at,
        r.reopen_reason
     FROM compensation_reports r
     JOIN users a ON a.id = r.approved_by
     LEFT JOIN users o ON o.id = r.reopened_by";

fn from_row(r: &AnyRow) -> Report {
    let snapshot: String = r.get("snapshot");
    Report {
        id: r.get("id"),
        group_id: r.get("group_id"),
        version: r.get("version"),
        approved_by: r.get("approved_by"),
        approved_by_name: r.get("approved_by_name"),
        approved_at: r.get("approved_at"),
        snapshot: serde_json::from_str(&snapshot).unwrap_or(serde_json::Value::Null),
        total_cents: r.get("total_cents"),
        reopened_by_name: r.get("reopened_by_name"),
        reopened_at: r.get("reopened_at"),
        reopen_reason: r.get("reopen_reason"),
    }
}

/// The version that locks the group now, if any.
pub async fn locking(db: &Db, group_id: &str) -> Result<Option<Report>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE r.group_id = $1 AND r.reopened_at IS NULL"
    )))
    .bind(group_id.to_string())
    .fetch_optional(db.reader())
    .await?;
    Ok(row.as_ref().map(from_row))
}

/// The locking version's number, read in the caller's transaction (which
/// holds the group's lock).
pub async fn locked_in(tx: &mut Tx, group_id: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT version FROM compensation_reports WHERE group_id = $1 AND reopened_at IS NULL",
    )
    .bind(group_id.to_string())
    .fetch_optional(&mut **tx)
    .await?)
}

/// Every version, newest first.
pub async fn versions(db: &Db, group_id: &str) -> Result<Vec<Report>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE r.group_id = $1 ORDER BY r.version DESC"
    )))
    .bind(group_id.to_string())
    .fetch_all(db.reader())
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

pub async fn version(db: &Db, group_id: &str, version: i64) -> Result<Report> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE r.group_id = $1 AND r.version = $2"
    )))
    .bind(group_id.to_string())
    .bind(version)
    .fetch_optional(db.reader())
    .await?
    .as_ref()
    .map(from_row)
    .ok_or(crate::DbError::NotFound)
}

/// Stores an approved snapshot as the next version. `Err(version)` when a
/// version already locks the group. The caller holds the group's lock.
pub async fn approve(
    tx: &mut Tx,
    ctx: &Ctx,
    group_id: &str,
    organisation_id: &str,
    snapshot: &serde_json::Value,
    total_cents: i64,
) -> Result<Result<i64, i64>> {
    if let Some(v) = locked_in(tx, group_id).await? {
        return Ok(Err(v));
    }
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM compensation_reports WHERE group_id = $1")
            .bind(group_id.to_string())
            .fetch_one(&mut **tx)
            .await?;
    let version = last.unwrap_or(0) + 1;
    let approver = ctx.actor_id.clone().unwrap_or_default();
    sqlx::query(
        "INSERT INTO compensation_reports (id, group_id, version, approved_by, approved_at, snapshot, total_cents)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(group_id.to_string())
    .bind(version)
    .bind(approver)
    .bind(ctx.now)
    .bind(snapshot.to_string())
    .bind(total_cents)
    .execute(&mut **tx)
    .await
    .map_err(crate::unique("error-compensation-approved"))?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "compensation.approve",
            entity_type: "group",
            entity_id: group_id,
            organisation_id: Some(organisation_id),
            details: serde_json::json!({ "version": version, "total_cents": total_cents }),
        },
    )
    .await?;
    Ok(Ok(version))
}

/// Reopens the locking version with a reason; `None` when nothing was approved.
pub async fn reopen(
    tx: &mut Tx,
    ctx: &Ctx,
    group_id: &str,
    organisation_id: &str,
    reason: &str,
) -> Result<Option<i64>> {
    let Some(version) = locked_in(tx, group_id).await? else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE compensation_reports SET reopened_by = $1, reopened_at = $2, reopen_reason = $3
         WHERE group_id = $4 AND version = $5",
    )
    .bind(ctx.actor_id.clone())
    .bind(ctx.now)
    .bind(reason.to_string())
    .bind(group_id.to_string())
    .bind(version)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "compensation.reopen",
            entity_type: "group",
            entity_id: group_id,
            organisation_id: Some(organisation_id),
            details: serde_json::json!({ "version": version, "reason": reason }),
        },
    )
    .await?;
    Ok(Some(version))
}

/// Attended meetings of one participant in one group of an organisation's
/// month: `count` meetings, all on `starts_at` when the group has rate changes
/// (one row per meeting then, so each takes the rate of its date), otherwise
/// summed by the database (`starts_at` is then the first of them).
#[derive(Debug, Clone)]
pub struct MonthRow {
    pub group_id: String,
    pub group_name: String,
    pub base_rate: Option<i64>,
    pub participant_id: String,
    pub participant_name: String,
    pub starts_at: i64,
    pub count: i64,
    pub rate_changes: bool,
}

const MONTH_FROM: &str = "FROM meetings m
         JOIN club_groups g ON g.id = m.group_id
         JOIN attendance a ON a.meeting_id = m.id
         JOIN users p ON p.id = a.participant_id
         WHERE g.organisation_id = $1 AND m.starts_at >= $2 AND m.starts_at < $3
           AND m.cancelled = 0 AND a.status IN ('present', 'late')";

/// Attended (present or late) marks at meetings of the organisation's groups
/// starting in `[from, to)`, not cancelled: counted per person and group by
/// the database where one rate holds (a thousand groups' month is ten
/// thousand rows, not a hundred thousand), meeting by meeting where the rate
/// changes. In no particular order.
pub async fn month_rows(
    db: &Db,
    organisation_id: &str,
    from: i64,
    to: i64,
) -> Result<Vec<MonthRow>> {
    let summed = format!(
        "SELECT g.id AS group_id, g.name AS group_name, g.compensation_cents,
                a.participant_id, p.name AS participant_name, MIN(m.starts_at) AS starts_at,
                COUNT(*) AS n
         {MONTH_FROM}
           AND NOT EXISTS (SELECT 1 FROM compensation_rates c WHERE c.group_id = g.id)
         GROUP BY g.id, g.name, g.compensation_cents, a.participant_id, p.name"
    );
    let each = format!(
        "SELECT g.id AS group_id, g.name AS group_name, g.compensation_cents,
                a.participant_id, p.name AS participant_name, m.starts_at, 1 AS n
         {MONTH_FROM}
           AND EXISTS (SELECT 1 FROM compensation_rates c WHERE c.group_id = g.id)"
    );
    let mut out = Vec::new();
    for (sql, changes) in [(summed, false), (each, true)] {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(organisation_id.to_string())
            .bind(from)
            .bind(to)
            .fetch_all(db.reader())
            .await?;
        out.extend(rows.iter().map(|r| MonthRow {
            group_id: r.get("group_id"),
            group_name: r.get("group_name"),
            base_rate: r.get("compensation_cents"),
            participant_id: r.get("participant_id"),
            participant_name: r.get("participant_name"),
            starts_at: r.get("starts_at"),
            count: r.get("n"),
            rate_changes: changes,
        }));
    }
    Ok(out)
}

/// Rate changes of every group of an organisation: group → [(date, rate)].
pub async fn rates_of_organisation(
    db: &Db,
    organisation_id: &str,
) -> Result<std::collections::HashMap<String, Vec<(String, Option<i64>)>>> {
    let rows = sqlx::query(
        "SELECT c.group_id, c.effective_from, c.rate_cents
         FROM compensation_rates c JOIN club_groups g ON g.id = c.group_id
         WHERE g.organisation_id = $1 ORDER BY c.group_id, c.effective_from",
    )
    .bind(organisation_id.to_string())
    .fetch_all(db.reader())
    .await?;
    let mut out: std::collections::HashMap<String, Vec<(String, Option<i64>)>> =
        std::collections::HashMap::new();
    for r in &rows {
        out.entry(r.get("group_id"))
            .or_default()
            .push((r.get("effective_from"), r.get("rate_cents")));
    }
    Ok(out)
}

/// Compensation is computed from attendance and rates; the person's lines
/// are in the export from `klubi_ops` (see [`crate::privacy`]). Approved
/// reports hold names in their snapshots.
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "compensation",
    columns: &[
        "compensation_rates.created_by",
        "compensation_rates.created_at",
        "compensation_reports.approved_by",
        "compensation_reports.approved_at",
        "compensation_reports.snapshot",
        "compensation_reports.reopened_by",
        "compensation_reports.reopened_at",
        "compensation_reports.reopen_reason",
    ],
    export: &[],
    audit_entities: &[],
    read_actions: &[],
};
