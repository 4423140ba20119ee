//! The job queue. Handlers enqueue in their own transaction, so a job exists
//! exactly when the change that caused it was committed. Workers lease one job
//! at a time; on PostgreSQL `FOR UPDATE SKIP LOCKED` lets several `serve`
//! processes work the queue without taking the same job, on SQLite the single
//! writer serialises the claim. A lease that runs out (a worker died) makes the
//! job claimable again, so job handlers must be idempotent.

use crate::shared_write::Step;
use crate::writes::Writes;
use crate::{Backend, Db, Result, Tx};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    /// Including this one.
    pub attempts: i64,
}

pub async fn enqueue(
    tx: &mut Tx,
    kind: &str,
    payload: &serde_json::Value,
    run_at: i64,
    now: i64,
) -> Result<()> {
    let mut w = Writes::new();
    push(&mut w, kind, payload, run_at, now);
    w.run(tx).await
}

/// A job, among `w`'s statements (queued with them).
pub fn push(w: &mut Writes, kind: &str, payload: &serde_json::Value, run_at: i64, now: i64) {
    w.push(
        "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4)",
        vec![
            kind.into(),
            payload.to_string().into(),
            run_at.into(),
            now.into(),
        ],
    );
}

const CLAIM_SQLITE: &str =
    "UPDATE jobs SET locked_by = $1, locked_until = $2, attempts = attempts + 1
     WHERE id = (SELECT id FROM jobs
                 WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $3
                   AND (locked_until IS NULL OR locked_until < $3)
                 ORDER BY run_at, id LIMIT 1)
     RETURNING id, kind, payload, attempts";

const CLAIM_POSTGRES: &str =
    "UPDATE jobs SET locked_by = $1, locked_until = $2, attempts = attempts + 1
     WHERE id = (SELECT id FROM jobs
                 WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $3
                   AND (locked_until IS NULL OR locked_until < $3)
                 ORDER BY run_at, id LIMIT 1
                 FOR UPDATE SKIP LOCKED)
     RETURNING id, kind, payload, attempts";

/// Leases the next due job to `worker` until `now + lease_secs`.
pub async fn claim(db: &Db, worker: &str, now: i64, lease_secs: i64) -> Result<Option<Job>> {
    let worker = worker.to_string();
    let row = match db.backend() {
        // On SQLite's one writer the claim shares a commit with the accepts
        // and other shared writes of the moment, rather than holding the
        // writer through a commit of its own between them.
        Backend::Sqlite => {
            db.write_shared(move |tx: &mut Tx| -> Step<'_, Result<_>> {
                Box::pin(async move {
                    Ok(sqlx::query(CLAIM_SQLITE)
                        .bind(worker)
                        .bind(now + lease_secs)
                        .bind(now)
                        .fetch_optional(&mut **tx)
                        .await?)
                })
            })
            .await?
        }
        Backend::Postgres => {
            let mut tx = db.begin().await?;
            let row = sqlx::query(CLAIM_POSTGRES)
                .bind(worker)
                .bind(now + lease_secs)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            // Nothing due (the worker asks every 2 s): nothing changed, so no
            // commit, which would make `changes` report one (and drop the
            // callers kept by it).
            if row.is_some() {
                crate::commit(tx).await?;
            } else {
                tx.rollback().await?;
            }
            row
        }
    };
    Ok(row.map(|r| Job {
        id: r.get("id"),
        kind: r.get("kind"),
        payload: serde_json::from_str(&r.get::<String, _>("payload"))
            .unwrap_or(serde_json::Value::Null),
        attempts: r.get("attempts"),
    }))
}

pub async fn complete(db: &Db, id: i64, now: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    complete_in(&mut tx, id, now).await?;
    crate::commit(tx).await?;
    Ok(())
}

/// Marks a job done inside the caller's transaction (with the change it made).
pub async fn complete_in(tx: &mut Tx, id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = NULL WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records a failure: retried at `retry_at`, or given up when `None`.
pub async fn fail(db: &Db, id: i64, now: i64, error: &str, retry_at: Option<i64>) -> Result<()> {
    let mut tx = db.begin().await?;
    let error: String = error.chars().take(2000).collect();
    match retry_at {
        Some(at) => {
            sqlx::query(
                "UPDATE jobs SET run_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
            )
            .bind(at)
            .bind(error)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query(
                "UPDATE jobs SET failed_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
            )
            .bind(now)
            .bind(error)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
    }
    crate::commit(tx).await?;
    Ok(())
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Depth {
    /// Due now and not yet taken.
    pub due: i64,
    /// Waiting for a later time (retries included).
    pub scheduled: i64,
    /// Given up after too many attempts.
    pub failed: i64,
}

pub async fn depth(db: &Db, now: i64) -> Result<Depth> {
    let r = sqlx::query(
        "SELECT
           CAST(COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL AND run_at <= $1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS due,
           CAST(COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL AND run_at > $1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS scheduled,
           CAST(COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS failed
         FROM jobs WHERE done_at IS NULL",
    )
    .bind(now)
    .fetch_one(db.reader())
    .await?;
    Ok(Depth {
        due: r.get("due"),
        scheduled: r.get("scheduled"),
        failed: r.get("failed"),
    })
}

/// Job payloads (a reset asked for an address); not in the copy (see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "jobs",
    columns: &["jobs.payload", "jobs.last_error"],
    export: &[],
    audit_entities: &[],
    read_actions: &[],
};
