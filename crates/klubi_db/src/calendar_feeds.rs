//! Each user's secret calendar URL token. Rotating replaces it, which revokes the old URL.

use crate::{Ctx, Db, Result, Tx, audit};
use sqlx::Row;

pub async fn get(db: &Db, user_id: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query("SELECT token FROM calendar_feeds WHERE user_id = $1")
            .bind(user_id.to_string())
            .fetch_optional(db.reader())
            .await?
            .map(|r| r.get("token")),
    )
}

/// Sets the user's token (a first one or a replacement), in the caller's transaction.
pub async fn set(tx: &mut Tx, ctx: &Ctx, user_id: &str, token: &str, rotated: bool) -> Result<()> {
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at",
    )
    .bind(user_id.to_string())
    .bind(token.to_string())
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: if rotated {
                "calendar_feed.rotate"
            } else {
                "calendar_feed.create"
            },
            entity_type: "user",
            entity_id: user_id,
            organisation_id: None,
            details: serde_json::json!({}),
        },
    )
    .await
}
