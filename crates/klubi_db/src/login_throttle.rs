//! Throttling counters, kept in the database so that every `serve` process
//! throttles alike, and raised atomically: [`take`] is one statement that
//! counts the attempt and answers with the count, so concurrent attempts are
//! each counted before any of them is let through.
//!
//! A counter counts within a fixed window: the first hit after the window
//! has passed starts a new one at 1.

use crate::{Db, Result};

/// Counts one more hit under each of `keys` and returns each count in its
/// current window (this hit included), in one transaction.
pub async fn take(db: &Db, keys: &[&str], now: i64, window_secs: i64) -> Result<Vec<i64>> {
    let mut tx = db.begin().await?;
    let mut counts = Vec::with_capacity(keys.len());
    for key in keys {
        let n: i64 = sqlx::query_scalar(
            "INSERT INTO login_throttle (key, window_start, hits) VALUES ($1, $2, 1)
             ON CONFLICT (key) DO UPDATE SET
                 hits = CASE WHEN login_throttle.window_start <= $3 THEN 1 ELSE login_throttle.hits + 1 END,
                 window_start = CASE WHEN login_throttle.window_start <= $3 THEN $2 ELSE login_throttle.window_start END
             RETURNING hits",
        )
        .bind(key.to_string())
        .bind(now)
        .bind(now - window_secs)
        .fetch_one(&mut *tx)
        .await?;
        counts.push(n);
    }
    // Old counters go at the same time (a few rows per sign-in attempt).
    sqlx::query("DELETE FROM login_throttle WHERE window_start <= $1")
        .bind(now - window_secs)
        .execute(&mut *tx)
        .await?;
    crate::commit(tx).await?;
    Ok(counts)
}

/// The count under `key` in the current window, without counting.
pub async fn count(db: &Db, key: &str, now: i64, window_secs: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT hits FROM login_throttle WHERE key = $1 AND window_start > $2")
            .bind(key.to_string())
            .bind(now - window_secs)
            .fetch_optional(db.reader())
            .await?
            .unwrap_or(0),
    )
}

/// After an attempt that turned out right, in one transaction: takes one hit
/// back from each of `give_back` and forgets each of `clear`.
pub async fn settle(db: &Db, give_back: &[&str], clear: &[&str]) -> Result<()> {
    let mut tx = db.begin().await?;
    for key in give_back {
        sqlx::query("UPDATE login_throttle SET hits = hits - 1 WHERE key = $1 AND hits > 0")
            .bind(key.to_string())
            .execute(&mut *tx)
            .await?;
    }
    for key in clear {
        sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(key.to_string())
            .execute(&mut *tx)
            .await?;
    }
    crate::commit(tx).await?;
    Ok(())
}

/// Sign-in counters keyed by what was typed; not in the copy (they run out in minutes) (see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "login_throttle",
    columns: &[
        "login_throttle.key",
        "login_throttle.window_start",
        "login_throttle.hits",
    ],
    export: &[],
    audit_entities: &[],
    read_actions: &[],
};
