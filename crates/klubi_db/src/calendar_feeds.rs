//! Each user's calendar feed: the nonce its secret URL token is derived from
//! (klubi_ops::keys; the token itself is stored nowhere) and the token's hash,
//! to find the feed. Rotating draws a new nonce, which revokes the old URL.

use crate::{Ctx, Db, Result, Tx, audit};
use sqlx::Row;

/// The nonce of the user's feed, if they made one.
pub async fn get(db: &Db, user_id: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query("SELECT nonce FROM calendar_feeds WHERE user_id = $1")
            .bind(user_id.to_string())
            .fetch_optional(db.reader())
            .await?
            .map(|r| r.get("nonce")),
    )
}

/// Sets the user's feed (a first one or a replacement): the nonce its token is
/// derived from and the token's hash, in the caller's transaction.
pub async fn set(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    nonce: &str,
    token_hash: &str,
    rotated: bool,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, nonce, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash,
             nonce = excluded.nonce, created_at = excluded.created_at",
    )
    .bind(user_id.to_string())
    .bind(token_hash.to_string())
    .bind(nonce.to_string())
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

/// A person's calendar feed (never its secret; see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "calendar",
    columns: &[
        "calendar_feeds.user_id",
        "calendar_feeds.token_hash",
        "calendar_feeds.created_at",
        "calendar_feeds.nonce",
    ],
    export: &[crate::privacy::Export {
        key: "calendar_feed",
        sql: "SELECT created_at FROM calendar_feeds WHERE user_id = $1",
        one: true,
    }],
    audit_entities: &[],
    read_actions: &[],
};
