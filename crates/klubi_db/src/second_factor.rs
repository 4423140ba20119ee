//! The second factor's tables (migration 0010): an account's TOTP secret
//! (sealed by the caller: this module never sees it in clear), its last
//! accepted time step, its recovery codes (hashes), login sessions still
//! waiting for their code, and who must have one (an organisation's choice,
//! the installation's default). Every change writes its audit row.

use crate::{Ctx, Db, DbError, Result, Tx, audit, flag};
use sqlx::Row;
use sqlx::any::AnyRow;

/// The installation's default for organisations without a choice of their
/// own and for accounts of no organisation (`settings`).
pub const DEFAULT_KEY: &str = "second_factor_default";

/// What a login session's lookup learns of its user's second factor
/// (`login_sessions::find_with_user` reads it in the same query).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// The rule in force as stored: the organisation's, else the
    /// installation's; `None` when neither chose.
    pub rule: Option<String>,
    /// A second factor is in use.
    pub enabled: bool,
}

/// The columns of [`Standing`] for a query over `users u`.
pub(crate) const STANDING_COLUMNS: &str = "COALESCE(
        (SELECT o.second_factor FROM organisations o WHERE o.id = u.organisation_id),
        (SELECT st.value FROM settings st WHERE st.key = 'second_factor_default')) AS sf_rule,
     CASE WHEN EXISTS (SELECT 1 FROM second_factors f
                       WHERE f.user_id = u.id AND f.enabled_at IS NOT NULL)
          THEN 1 ELSE 0 END AS sf_enabled";

pub(crate) fn standing_from_row(r: &AnyRow) -> Standing {
    Standing {
        rule: r.get("sf_rule"),
        enabled: flag(r.get("sf_enabled")),
    }
}

/// One account's second factor as stored.
#[derive(Debug, Clone, Default)]
pub struct Factor {
    pub user_id: String,
    pub secret_sealed: Option<String>,
    pub enabled_at: Option<i64>,
    pub last_step: Option<i64>,
    pub new_secret_sealed: Option<String>,
    pub new_secret_at: Option<i64>,
    /// Recovery codes not used yet.
    pub recovery_codes_left: i64,
}

const FACTOR: &str = "SELECT f.user_id, f.secret_sealed, f.enabled_at, f.last_step,
        f.new_secret_sealed, f.new_secret_at,
        (SELECT COUNT(*) FROM recovery_codes c WHERE c.user_id = f.user_id AND c.used_at IS NULL)
            AS codes_left
     FROM second_factors f WHERE f.user_id = $1";

fn factor_from_row(r: AnyRow) -> Factor {
    Factor {
        user_id: r.get("user_id"),
        secret_sealed: r.get("secret_sealed"),
        enabled_at: r.get("enabled_at"),
        last_step: r.get("last_step"),
        new_secret_sealed: r.get("new_secret_sealed"),
        new_secret_at: r.get("new_secret_at"),
        recovery_codes_left: r.get("codes_left"),
    }
}

pub async fn get(db: &Db, user_id: &str) -> Result<Option<Factor>> {
    Ok(sqlx::query(FACTOR)
        .bind(user_id.to_string())
        .fetch_optional(db.reader())
        .await?
        .map(factor_from_row))
}

/// [`get`] inside a transaction.
pub async fn get_in(tx: &mut Tx, user_id: &str) -> Result<Option<Factor>> {
    Ok(sqlx::query(FACTOR)
        .bind(user_id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .map(factor_from_row))
}

fn entry<'a>(action: &'a str, user_id: &'a str, details: serde_json::Value) -> audit::Entry<'a> {
    audit::Entry {
        action,
        entity_type: "user",
        entity_id: user_id,
        organisation_id: None,
        details,
    }
}

/// Keeps a new secret (sealed) to be confirmed; the one in force, if any,
/// stays in force until then.
pub async fn begin(tx: &mut Tx, ctx: &Ctx, user_id: &str, sealed: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO second_factors (user_id, new_secret_sealed, new_secret_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET new_secret_sealed = $2, new_secret_at = $3",
    )
    .bind(user_id.to_string())
    .bind(sealed.to_string())
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        entry("second_factor.setup_begun", user_id, serde_json::json!({})),
    )
    .await
}

/// Puts the new secret (`sealed`, as read when its code was checked) in
/// force with the step its code came from, and a new set of recovery codes.
/// `Conflict` when another setting-up replaced it meanwhile.
pub async fn confirm(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    sealed: &str,
    step: i64,
    code_hashes: &[String],
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE second_factors SET secret_sealed = new_secret_sealed, enabled_at = $3,
             last_step = $4, new_secret_sealed = NULL, new_secret_at = NULL
         WHERE user_id = $1 AND new_secret_sealed = $2",
    )
    .bind(user_id.to_string())
    .bind(sealed.to_string())
    .bind(ctx.now)
    .bind(step)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(DbError::Conflict("error-second-factor-setup-replaced"));
    }
    audit::record(
        tx,
        ctx,
        entry("second_factor.enable", user_id, serde_json::json!({})),
    )
    .await?;
    put_recovery_codes(tx, ctx, user_id, code_hashes).await
}

/// Replaces the account's recovery codes with a new set (the old stop working).
pub async fn replace_recovery_codes(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    code_hashes: &[String],
) -> Result<()> {
    audit::record(
        tx,
        ctx,
        entry(
            "second_factor.recovery_codes_replaced",
            user_id,
            serde_json::json!({}),
        ),
    )
    .await?;
    put_recovery_codes(tx, ctx, user_id, code_hashes).await
}

async fn put_recovery_codes(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    code_hashes: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id.to_string())
        .execute(&mut **tx)
        .await?;
    for h in code_hashes {
        sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user_id.to_string())
        .bind(h.clone())
        .bind(ctx.now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Records `step` as the last accepted, if it is later than the last one:
/// false when it is not (the same code again, or an older one after it).
/// The condition is in the statement, so two requests with one code cannot
/// both pass.
pub async fn accept_step(tx: &mut Tx, ctx: &Ctx, user_id: &str, step: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE second_factors SET last_step = $2
         WHERE user_id = $1 AND enabled_at IS NOT NULL AND (last_step IS NULL OR last_step < $2)",
    )
    .bind(user_id.to_string())
    .bind(step)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    audit::record(
        tx,
        ctx,
        entry("second_factor.code_used", user_id, serde_json::json!({})),
    )
    .await?;
    Ok(true)
}

/// Uses a recovery code (by its hash) once: false when it is unknown or used.
pub async fn use_recovery_code(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    code_hash: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE recovery_codes SET used_at = $3
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(user_id.to_string())
    .bind(code_hash.to_string())
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let left: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
    )
    .bind(user_id.to_string())
    .fetch_one(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        entry(
            "second_factor.recovery_code_used",
            user_id,
            serde_json::json!({ "left": left }),
        ),
    )
    .await?;
    Ok(true)
}

/// A code that did not pass (`what`: `code` or `recovery_code`; `during`:
/// `sign_in` or `setup`): audited, so that someone trying codes is seen.
pub async fn record_refused(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    what: &str,
    during: &str,
) -> Result<()> {
    audit::record(
        tx,
        ctx,
        entry(
            "second_factor.code_refused",
            user_id,
            serde_json::json!({ "what": what, "during": during }),
        ),
    )
    .await
}

/// Takes the account's second factor and recovery codes away: `action` is
/// `second_factor.disable` (one's own) or `second_factor.reset` (an
/// administrator's, for a lost phone; every login session of the account
/// ends too). False when there was nothing to take away.
pub async fn remove(tx: &mut Tx, ctx: &Ctx, user_id: &str, action: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM second_factors WHERE user_id = $1")
        .bind(user_id.to_string())
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id.to_string())
        .execute(&mut **tx)
        .await?;
    if action == "second_factor.reset" {
        sqlx::query("DELETE FROM login_sessions WHERE user_id = $1")
            .bind(user_id.to_string())
            .execute(&mut **tx)
            .await?;
    }
    audit::record(tx, ctx, entry(action, user_id, serde_json::json!({}))).await?;
    Ok(done.rows_affected() > 0)
}

/// A login session whose password was right and whose code is still to come.
pub async fn create_pending_session(
    tx: &mut Tx,
    ctx: &Ctx,
    id_hash: &str,
    user_id: &str,
    csrf_token: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO login_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at,
             second_factor_pending)
         VALUES ($1, $2, $3, $4, $4, 1)",
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
        entry("login.second_factor_asked", user_id, serde_json::json!({})),
    )
    .await
}

/// Ends a session waiting for its code (once: false when it is gone already).
pub async fn end_pending_session(tx: &mut Tx, id_hash: &str) -> Result<bool> {
    Ok(
        sqlx::query("DELETE FROM login_sessions WHERE id_hash = $1 AND second_factor_pending = 1")
            .bind(id_hash.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
}

/// The organisation's own choice (`None`: it follows the installation's).
pub async fn set_organisation_rule(
    tx: &mut Tx,
    ctx: &Ctx,
    organisation_id: &str,
    rule: Option<&str>,
) -> Result<()> {
    let done = sqlx::query("UPDATE organisations SET second_factor = $1 WHERE id = $2")
        .bind(rule.map(str::to_string))
        .bind(organisation_id.to_string())
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "organisation.second_factor",
            entity_type: "organisation",
            entity_id: organisation_id,
            organisation_id: Some(organisation_id),
            details: serde_json::json!({ "second_factor": rule }),
        },
    )
    .await
}

/// The installation's default (`settings`); `None` when none was chosen.
pub async fn installation_rule(db: &Db) -> Result<Option<String>> {
    crate::settings::get(db, DEFAULT_KEY).await
}

/// Sets the installation's default (the demo sets `none`).
pub async fn set_installation_rule(tx: &mut Tx, ctx: &Ctx, rule: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = $2",
    )
    .bind(DEFAULT_KEY)
    .bind(rule.to_string())
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "settings.second_factor_default",
            entity_type: "settings",
            entity_id: DEFAULT_KEY,
            organisation_id: None,
            details: serde_json::json!({ "second_factor": rule }),
        },
    )
    .await
}

/// The stored rule and whether a second factor is in use, for one account
/// (what a login session's lookup reads with it).
pub async fn standing(db: &Db, user_id: &str) -> Result<Standing> {
    let sql = format!("SELECT {STANDING_COLUMNS} FROM users u WHERE u.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(user_id.to_string())
        .fetch_optional(db.reader())
        .await?
        .ok_or(DbError::NotFound)?;
    Ok(standing_from_row(&row))
}

/// A person's second factor (never its secret; see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "second_factor",
    columns: &[
        "login_sessions.second_factor_pending",
        "second_factors.user_id",
        "second_factors.secret_sealed",
        "second_factors.enabled_at",
        "second_factors.last_step",
        "second_factors.new_secret_sealed",
        "second_factors.new_secret_at",
        "recovery_codes.user_id",
        "recovery_codes.code_hash",
        "recovery_codes.created_at",
        "recovery_codes.used_at",
    ],
    export: &[crate::privacy::Export {
        key: "second_factor",
        sql: "SELECT enabled_at,
                     (SELECT COUNT(*) FROM recovery_codes c WHERE c.user_id = f.user_id AND c.used_at IS NULL)
                        AS recovery_codes_left
                FROM second_factors f WHERE f.user_id = $1",
        one: true,
    }],
    audit_entities: &[],
    read_actions: &[],
};
