//! The audit log's hash chain (`audit_chain`, append-only like `audit_log`):
//! what the sealer reads and writes, and what verification reads. The rules —
//! what is hashed, what may be sealed, what a break means — are
//! `klubi_domain::audit_chain`'s.

use crate::{Backend, Db, Result, Tx, tx_backend};
use klubi_domain::audit_chain::{Head, Link, Row};
use sqlx::Row as _;

/// The advisory lock key sealers on PostgreSQL take ("klubiaud").
const SEAL_LOCK: i64 = 0x6b6c_7562_6961_7564;

/// A transaction for sealing, which no other sealer runs beside: on SQLite it
/// takes the one writer at once (`BEGIN IMMEDIATE`, so that what it reads is
/// still the newest when it writes, even with another process on the file);
/// on PostgreSQL an advisory lock held until it ends. Should two ever race
/// anyway, `audit_chain`'s keys let one of them fail without a trace.
pub async fn begin_seal(db: &Db) -> Result<Tx> {
    match db.backend() {
        Backend::Sqlite => Ok(db.write.begin_with("BEGIN IMMEDIATE").await?),
        Backend::Postgres => {
            let mut tx = db.begin().await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(SEAL_LOCK)
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
    }
}

fn head_of(row: Option<sqlx::any::AnyRow>) -> Head {
    row.map_or_else(Head::genesis, |r| Head {
        audit_id: r.get("audit_id"),
        hash: r.get("hash"),
    })
}

/// The chain's last link (the genesis when nothing is sealed yet).
pub async fn head(tx: &mut Tx) -> Result<Head> {
    let row = sqlx::query("SELECT audit_id, hash FROM audit_chain ORDER BY audit_id DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    Ok(head_of(row))
}

/// The chain's last link, read outside a transaction.
pub async fn head_now(db: &Db) -> Result<Head> {
    let row = sqlx::query("SELECT audit_id, hash FROM audit_chain ORDER BY audit_id DESC LIMIT 1")
        .fetch_optional(db.reader())
        .await?;
    Ok(head_of(row))
}

const ROW_COLUMNS: &str =
    "SELECT id, at, actor_id, action, entity_type, entity_id, organisation_id, request_id, details
     FROM audit_log";

fn row_of(r: &sqlx::any::AnyRow) -> Row {
    Row {
        id: r.get("id"),
        at: r.get("at"),
        actor_id: r.get("actor_id"),
        action: r.get("action"),
        entity_type: r.get("entity_type"),
        entity_id: r.get("entity_id"),
        organisation_id: r.get("organisation_id"),
        request_id: r.get("request_id"),
        details: r.get("details"),
    }
}

/// Up to `limit` audit rows after `after`, in id order (what may be sealed next).
pub async fn rows_after(tx: &mut Tx, after: i64, limit: i64) -> Result<Vec<Row>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{ROW_COLUMNS} WHERE id > $1 ORDER BY id LIMIT $2"
    )))
    .bind(after)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.iter().map(row_of).collect())
}

/// Appends `links` (which follow the chain's head) to the chain, in one
/// statement; `false` when another sealer appended after the same link first
/// (then the transaction is spent: roll it back).
pub async fn append(tx: &mut Tx, links: &[Link], sealed_at: i64) -> Result<bool> {
    if links.is_empty() {
        return Ok(true);
    }
    let rows = serde_json::Value::Array(
        links
            .iter()
            .map(|l| {
                serde_json::json!([l.audit_id, l.prev_id, l.prev_hash, l.details_hash, l.hash])
            })
            .collect(),
    )
    .to_string();
    let sql = match tx_backend(tx) {
        Backend::Sqlite => {
            "INSERT INTO audit_chain (audit_id, prev_id, prev_hash, details_hash, hash, sealed_at)
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),
                    json_extract(value, '$[2]'), json_extract(value, '$[3]'),
                    json_extract(value, '$[4]'), $1
             FROM json_each($2)"
        }
        Backend::Postgres => {
            "INSERT INTO audit_chain (audit_id, prev_id, prev_hash, details_hash, hash, sealed_at)
             SELECT (value->>0)::bigint, (value->>1)::bigint, value->>2, value->>3, value->>4, $1
             FROM json_array_elements($2::json)"
        }
    };
    match sqlx::query(sql)
        .bind(sealed_at)
        .bind(rows)
        .execute(&mut **tx)
        .await
    {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Up to `limit` links after `after`, in order.
pub async fn links_after(db: &Db, after: i64, limit: i64) -> Result<Vec<Link>> {
    let rows = sqlx::query(
        "SELECT audit_id, prev_id, prev_hash, details_hash, hash FROM audit_chain
         WHERE audit_id > $1 ORDER BY audit_id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Link {
            audit_id: r.get("audit_id"),
            prev_id: r.get("prev_id"),
            prev_hash: r.get("prev_hash"),
            details_hash: r.get("details_hash"),
            hash: r.get("hash"),
        })
        .collect())
}

/// The audit rows with `after < id <= upto`, in id order.
pub async fn rows_between(db: &Db, after: i64, upto: i64) -> Result<Vec<Row>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{ROW_COLUMNS} WHERE id > $1 AND id <= $2 ORDER BY id"
    )))
    .bind(after)
    .bind(upto)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.iter().map(row_of).collect())
}

/// The audit rows after `after` (not sealed yet): how many, and the oldest's time.
pub async fn unsealed(db: &Db, after: i64) -> Result<(i64, Option<i64>)> {
    let r = sqlx::query("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM audit_log WHERE id > $1")
        .bind(after)
        .fetch_one(db.reader())
        .await?;
    Ok((r.get("n"), r.get("oldest")))
}

/// Whether the role this process runs as may rewrite the audit log or its
/// chain (UPDATE, DELETE or TRUNCATE): on PostgreSQL, what
/// docs/deploy/postgresql.md takes away from `serve`'s role; on SQLite
/// whoever may write the file may, always.
pub async fn may_rewrite(db: &Db) -> Result<bool> {
    if db.backend() == Backend::Sqlite {
        return Ok(true);
    }
    let r = sqlx::query(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM (VALUES ('audit_log'), ('audit_chain')) AS t(name),
                (VALUES ('UPDATE'), ('DELETE'), ('TRUNCATE')) AS p(privilege)
         WHERE has_table_privilege(t.name, p.privilege)",
    )
    .fetch_one(db.reader())
    .await?;
    Ok(r.get::<i64, _>(0) > 0)
}
