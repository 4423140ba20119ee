//! Failed sign-in attempts, counted in the database so that every `serve`
//! process throttles alike.

use crate::{Db, Result};

pub async fn count_since(db: &Db, key: &str, since: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
            .bind(key.to_string())
            .bind(since)
            .fetch_one(db.reader())
            .await?,
    )
}

/// Records a failure under each key; old rows are swept at the same time.
pub async fn record(db: &Db, keys: &[&str], now: i64, keep_secs: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    for key in keys {
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(key.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(now - keep_secs)
        .execute(&mut *tx)
        .await?;
    crate::commit(tx).await?;
    Ok(())
}

/// A successful sign-in clears the account's count (not the address's).
pub async fn clear(db: &Db, key: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(key.to_string())
        .execute(&mut *tx)
        .await?;
    crate::commit(tx).await?;
    Ok(())
}
