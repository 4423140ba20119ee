//! API tokens: shown once, stored only as a hash.

use crate::users::{self, User};
use crate::{Ctx, Db, DbError, Result, Tx, audit, new_id};
use sqlx::Row;

#[derive(Debug, Clone, serde::Serialize)]
pub struct ApiToken {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// When it stops working (unix seconds).
    pub expires_at: i64,
    /// It may only read (GET); any change it asks for is 403.
    pub read_only: bool,
    /// Who made it, when not its owner (an administrator), with their name.
    pub issued_by: Option<(String, String)>,
}

/// What a new token may do and for how long.
pub struct Limits {
    pub expires_at: i64,
    pub read_only: bool,
}

pub async fn create(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    organisation_id: Option<&str>,
    name: &str,
    token_hash: &str,
    limits: &Limits,
) -> Result<ApiToken> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_by, created_at, expires_at, read_only)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.clone())
    .bind(user_id.to_string())
    .bind(name.to_string())
    .bind(token_hash.to_string())
    .bind(ctx.actor_id.clone())
    .bind(ctx.now)
    .bind(limits.expires_at)
    .bind(i64::from(limits.read_only))
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "api_token.create",
            entity_type: "api_token",
            entity_id: &id,
            organisation_id,
            // The owner and, as the row's actor, whoever issued it.
            details: serde_json::json!({"user_id": user_id, "name": name,
                "expires_at": limits.expires_at, "read_only": limits.read_only}),
        },
    )
    .await?;
    Ok(ApiToken {
        id,
        user_id: user_id.to_string(),
        name: name.to_string(),
        created_at: ctx.now,
        last_used_at: None,
        revoked_at: None,
        expires_at: limits.expires_at,
        read_only: limits.read_only,
        issued_by: None,
    })
}

pub struct LiveToken {
    pub id: String,
    pub last_used_at: Option<i64>,
    pub read_only: bool,
    pub user: User,
}

/// A live token (not revoked, not run out at `now`) and its active owner, in
/// one query (every API request asks this first).
pub async fn find_live(db: &Db, token_hash: &str, now: i64) -> Result<Option<LiveToken>> {
    let sql = format!(
        "SELECT {cols}, t.id AS token_id, t.last_used_at, t.read_only, {roles}
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1
           AND t.expires_at > $2",
        cols = users::COLUMNS,
        roles = users::roles_column(db.backend())
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(token_hash.to_string())
        .bind(now)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.map(|r| LiveToken {
        id: r.get("token_id"),
        last_used_at: r.get("last_used_at"),
        read_only: r.get::<i64, _>("read_only") != 0,
        user: users::from_row(&r, users::roles_from_joined(r.get("roles"))),
    }))
}

/// Records use. Callers write at most once a minute per token (see
/// [`LiveToken::needs_touch`]), so a busy integration doesn't turn reads into writes.
pub async fn mark_used(db: &Db, id: &str, now: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE api_tokens SET last_used_at = $1
         WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(now)
    .bind(id.to_string())
    .bind(now - 60)
    .execute(&mut *tx)
    .await?;
    crate::commit(tx).await?;
    Ok(())
}

impl LiveToken {
    pub fn needs_touch(&self, now: i64) -> bool {
        self.last_used_at.is_none_or(|t| now - t >= 60)
    }
}

pub async fn list_for_user(db: &Db, user_id: &str) -> Result<Vec<ApiToken>> {
    let rows = sqlx::query(
        "SELECT t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.revoked_at, t.expires_at,
                t.read_only, t.created_by, i.name AS issuer_name
         FROM api_tokens t LEFT JOIN users i ON i.id = t.created_by AND t.created_by <> t.user_id
         WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id DESC",
    )
    .bind(user_id.to_string())
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ApiToken {
            id: r.get("id"),
            user_id: r.get("user_id"),
            name: r.get("name"),
            created_at: r.get("created_at"),
            last_used_at: r.get("last_used_at"),
            revoked_at: r.get("revoked_at"),
            expires_at: r.get::<Option<i64>, _>("expires_at").unwrap_or(0),
            read_only: r.get::<i64, _>("read_only") != 0,
            issued_by: r
                .get::<Option<String>, _>("issuer_name")
                .and_then(|n| Some((r.get::<Option<String>, _>("created_by")?, n))),
        })
        .collect())
}

/// Revokes one of `user_id`'s tokens; someone else's token is "not found".
pub async fn revoke(tx: &mut Tx, ctx: &Ctx, user_id: &str, token_id: &str) -> Result<()> {
    let n = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
    )
    .bind(ctx.now)
    .bind(token_id.to_string())
    .bind(user_id.to_string())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(DbError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "api_token.revoke",
            entity_type: "api_token",
            entity_id: token_id,
            organisation_id: None,
            details: serde_json::json!({"user_id": user_id}),
        },
    )
    .await
}

/// A person's API tokens (never their secret; see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "accounts",
    columns: &[
        "api_tokens.user_id",
        "api_tokens.name",
        "api_tokens.token_hash",
        "api_tokens.created_by",
        "api_tokens.created_at",
        "api_tokens.last_used_at",
        "api_tokens.revoked_at",
        "api_tokens.expires_at",
        "api_tokens.read_only",
    ],
    export: &[crate::privacy::Export {
        key: "tokens",
        sql: "SELECT t.id, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
                     t.read_only, i.name AS issued_by
                FROM api_tokens t LEFT JOIN users i ON i.id = t.created_by
               WHERE t.user_id = $1 ORDER BY t.created_at, t.id",
        one: false,
    }],
    audit_entities: &[("api_token", "SELECT id FROM api_tokens WHERE user_id = $1")],
    read_actions: &[],
};
