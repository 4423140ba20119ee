//! Login sessions live in the database so that several `serve` processes share them
//! and logout or deactivation ends them everywhere at once. Only a hash of the
//! cookie value is stored.

use crate::users::{self, User};
use crate::{Ctx, Db, Result, Tx, audit};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct LoginSession {
    pub id_hash: String,
    pub user_id: String,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The password was right; the second factor's code is still to come
    /// (migration 0010): no page but the code page accepts the session.
    pub second_factor_pending: bool,
    /// Who must have a second factor and whether the user has one, read
    /// with the session (so a caller kept in memory carries it too).
    pub second_factor: crate::second_factor::Standing,
}

pub async fn create(
    tx: &mut Tx,
    ctx: &Ctx,
    id_hash: &str,
    user_id: &str,
    csrf_token: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO login_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(id_hash.to_string())
    .bind(user_id.to_string())
    .bind(csrf_token.to_string())
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "login.sign_in",
            entity_type: "user",
            entity_id: user_id,
            organisation_id: None,
            details: serde_json::json!({}),
        },
    )
    .await
}

/// The session with that hash and its user, if the account is still active, in one
/// query: every signed-in page asks this first. Roles are aggregated, which is
/// spelled differently on the two databases.
pub async fn find_with_user(db: &Db, id_hash: &str) -> Result<Option<(LoginSession, User)>> {
    let sql = format!(
        "SELECT {cols}, s.id_hash, s.csrf_token, s.created_at AS s_created_at, s.last_seen_at,
                s.second_factor_pending, {roles}, {second_factor}
         FROM login_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = $1 AND u.active = 1",
        cols = users::COLUMNS,
        roles = users::roles_column(db.backend()),
        second_factor = crate::second_factor::STANDING_COLUMNS,
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_hash.to_string())
        .fetch_optional(db.reader())
        .await?;
    Ok(row.map(|r| {
        let user = users::from_row(&r, users::roles_from_joined(r.get("roles")));
        let session = LoginSession {
            id_hash: r.get("id_hash"),
            user_id: user.id.clone(),
            csrf_token: r.get("csrf_token"),
            created_at: r.get("s_created_at"),
            last_seen_at: r.get("last_seen_at"),
            second_factor_pending: crate::flag(r.get("second_factor_pending")),
            second_factor: crate::second_factor::standing_from_row(&r),
        };
        (session, user)
    }))
}

/// Not audited: it is bookkeeping of a read, not a change anyone made.
pub async fn touch(db: &Db, id_hash: &str, now: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE login_sessions SET last_seen_at = $1 WHERE id_hash = $2")
        .bind(now)
        .bind(id_hash.to_string())
        .execute(&mut *tx)
        .await?;
    crate::commit(tx).await?;
    Ok(())
}

/// Removes an expired session (found on use); not a change by a person, so not audited.
pub async fn expire(db: &Db, id_hash: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM login_sessions WHERE id_hash = $1")
        .bind(id_hash.to_string())
        .execute(&mut *tx)
        .await?;
    crate::commit(tx).await?;
    Ok(())
}

pub async fn end(tx: &mut Tx, ctx: &Ctx, s: &LoginSession) -> Result<()> {
    sqlx::query("DELETE FROM login_sessions WHERE id_hash = $1")
        .bind(s.id_hash.clone())
        .execute(&mut **tx)
        .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "login.sign_out",
            entity_type: "user",
            entity_id: &s.user_id,
            organisation_id: None,
            details: serde_json::json!({}),
        },
    )
    .await
}

/// Sweeps sessions past either limit (the worker calls it now and then).
pub async fn sweep(db: &Db, idle_before: i64, created_before: i64) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = sqlx::query("DELETE FROM login_sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before)
        .bind(created_before)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    crate::commit(tx).await?;
    Ok(n)
}

/// A person's sign-ins (never the cookie's secret; see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "accounts",
    columns: &[
        "login_sessions.id_hash",
        "login_sessions.user_id",
        "login_sessions.csrf_token",
        "login_sessions.created_at",
        "login_sessions.last_seen_at",
    ],
    export: &[crate::privacy::Export {
        key: "sessions",
        sql: "SELECT created_at, last_seen_at FROM login_sessions
               WHERE user_id = $1 ORDER BY created_at",
        one: false,
    }],
    audit_entities: &[],
    read_actions: &[],
};
