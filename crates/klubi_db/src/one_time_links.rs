//! Single-use, expiring links for invitations and password resets; only hashes are stored.

use crate::writes::Writes;
use crate::{Ctx, Db, Result, Tx, audit, new_id};
use sqlx::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
        }
    }
}

/// Issues a new link; earlier unused links of the same purpose stop working, so only
/// the newest mail is valid.
pub async fn issue(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    purpose: Purpose,
    token_hash: &str,
    valid_secs: i64,
) -> Result<()> {
    let mut w = Writes::new();
    push(&mut w, ctx, user_id, purpose, token_hash, valid_secs);
    w.run(tx).await
}

/// [`issue`] among `w`'s statements.
pub fn push(
    w: &mut Writes,
    ctx: &Ctx,
    user_id: &str,
    purpose: Purpose,
    token_hash: &str,
    valid_secs: i64,
) {
    let id = new_id();
    w.push(
        "UPDATE one_time_links SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
        vec![ctx.now.into(), user_id.into(), purpose.as_str().into()],
    );
    w.push(
        "INSERT INTO one_time_links (id, user_id, purpose, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        vec![
            id.clone().into(),
            user_id.into(),
            purpose.as_str().into(),
            token_hash.into(),
            ctx.now.into(),
            (ctx.now + valid_secs).into(),
        ],
    );
    audit::push(
        w,
        ctx,
        audit::Entry {
            action: match purpose {
                Purpose::Invitation => "user.invite",
                Purpose::PasswordReset => "user.password_reset_requested",
            },
            entity_type: "user",
            entity_id: user_id,
            organisation_id: None,
            details: serde_json::json!({"link_id": id}),
        },
    );
}

#[derive(Debug, Clone)]
pub struct ValidLink {
    pub id: String,
    pub user_id: String,
    pub purpose: String,
}

/// The link if it is unused, unexpired and its account is active.
pub async fn find_valid(db: &Db, token_hash: &str, now: i64) -> Result<Option<ValidLink>> {
    let row = sqlx::query(
        "SELECT l.id, l.user_id, l.purpose FROM one_time_links l JOIN users u ON u.id = l.user_id
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND u.active = 1",
    )
    .bind(token_hash.to_string())
    .bind(now)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|r| ValidLink {
        id: r.get("id"),
        user_id: r.get("user_id"),
        purpose: r.get("purpose"),
    }))
}

/// Marks the link used; false when someone used it first (two tabs, a replay).
pub async fn consume(tx: &mut Tx, ctx: &Ctx, link: &ValidLink) -> Result<bool> {
    let n = sqlx::query(
        "UPDATE one_time_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(ctx.now)
    .bind(link.id.clone())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if n == 1 {
        audit::record(
            tx,
            ctx,
            audit::Entry {
                action: "user.link_used",
                entity_type: "user",
                entity_id: &link.user_id,
                organisation_id: None,
                details: serde_json::json!({"link_id": link.id, "purpose": link.purpose}),
            },
        )
        .await?;
    }
    Ok(n == 1)
}

/// Links issued to a person (never their secret; see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "accounts",
    columns: &[
        "one_time_links.user_id",
        "one_time_links.purpose",
        "one_time_links.token_hash",
        "one_time_links.created_at",
        "one_time_links.expires_at",
        "one_time_links.used_at",
    ],
    export: &[],
    audit_entities: &[],
    read_actions: &[],
};
