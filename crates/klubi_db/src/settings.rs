//! Installation-wide flags, such as whether demo data was loaded.

use crate::{Db, Result, Tx};

pub async fn get(db: &Db, key: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key.to_string())
            .fetch_optional(db.reader())
            .await?,
    )
}

/// Sets a flag once; returns false if it was already set (the caller stops).
pub async fn set_once(tx: &mut Tx, key: &str, value: &str) -> Result<bool> {
    let n = sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key.to_string())
    .bind(value.to_string())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(n == 1)
}
