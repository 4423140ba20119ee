use crate::{Ctx, Db, DbError, Result, Tx, audit, flag, new_id, unique};
use klubi_domain::people::{Email, Language, PersonName, Phone};
use klubi_domain::roles::{AccountKind, Roles};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, serde::Serialize)]
pub struct User {
    pub id: String,
    pub organisation_id: Option<String>,
    pub kind: AccountKind,
    /// Participants may have a phone number instead (staff always have an address).
    pub email: Option<String>,
    pub phone: Option<String>,
    /// An address a member of staff typed that belongs to an account they
    /// may not see (migration 0012): shown back to them, mailed only a notice
    /// without a link, never signed in with.
    pub pending_email: Option<String>,
    pub name: String,
    pub language: Language,
    pub active: bool,
    pub has_password: bool,
    pub roles: Roles,
    pub created_at: i64,
    /// Raised by the database on every change to what the user's calendar
    /// shows (migration 0006): equal versions, equal calendars.
    pub calendar_version: i64,
}

pub(crate) const COLUMNS: &str = "u.id, u.organisation_id, u.kind, u.email, u.phone, u.pending_email, u.name, u.language, u.active, \
     CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password, u.created_at, \
     u.calendar_version";

pub(crate) fn from_row(r: &AnyRow, roles: Roles) -> User {
    User {
        id: r.get("id"),
        organisation_id: r.get("organisation_id"),
        kind: r
            .get::<String, _>("kind")
            .parse()
            .unwrap_or(AccountKind::Participant),
        email: r.get("email"),
        phone: r.get("phone"),
        pending_email: r.get("pending_email"),
        name: r.get("name"),
        language: r.get::<String, _>("language").parse().unwrap_or_default(),
        active: flag(r.get("active")),
        has_password: flag(r.get("has_password")),
        roles,
        created_at: r.get("created_at"),
        calendar_version: r.get("calendar_version"),
    }
}

/// A column `roles` holding user `u`'s roles comma-joined; the aggregate is
/// spelled differently on the two databases.
pub(crate) fn roles_column(backend: crate::Backend) -> &'static str {
    match backend {
        crate::Backend::Sqlite => {
            "(SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles"
        }
        crate::Backend::Postgres => {
            "(SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles"
        }
    }
}

/// Roles from a comma-joined aggregate (one query instead of two on hot paths).
impl User {
    /// The address to show staff: the one the account has, or the one typed
    /// for it that belongs to another account (the same either way, so the
    /// answer does not tell which).
    pub fn shown_email(&self) -> Option<&str> {
        self.email.as_deref().or(self.pending_email.as_deref())
    }
}

pub(crate) fn roles_from_joined(joined: Option<String>) -> Roles {
    Roles::new(
        joined
            .unwrap_or_default()
            .split(',')
            .filter_map(|n| n.parse().ok())
            .collect(),
    )
}

pub struct NewUser<'a> {
    pub organisation_id: Option<&'a str>,
    pub kind: AccountKind,
    pub email: Option<&'a Email>,
    pub phone: Option<&'a Phone>,
    /// See [`User::pending_email`].
    pub pending_email: Option<&'a Email>,
    pub name: &'a PersonName,
    pub language: Language,
    pub roles: &'a Roles,
    pub password_hash: Option<String>,
}

pub async fn create(tx: &mut Tx, ctx: &Ctx, n: NewUser<'_>) -> Result<User> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO users (id, organisation_id, kind, email, phone, name, language, password_hash, active, created_at, pending_email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10)",
    )
    .bind(id.clone())
    .bind(n.organisation_id.map(str::to_string))
    .bind(n.kind.as_str())
    .bind(n.email.map(|e| e.as_str().to_string()))
    .bind(n.phone.map(|p| p.as_str().to_string()))
    .bind(n.name.as_str().to_string())
    .bind(n.language.code())
    .bind(n.password_hash.clone())
    .bind(ctx.now)
    .bind(n.pending_email.map(|e| e.as_str().to_string()))
    .execute(&mut **tx)
    .await
    .map_err(unique("error-email-taken"))?;
    insert_roles(tx, &id, n.roles).await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "user.create",
            entity_type: "user",
            entity_id: &id,
            organisation_id: n.organisation_id,
            details: serde_json::json!({"kind": n.kind.as_str(), "roles": n.roles.names()}),
        },
    )
    .await?;
    Ok(User {
        id,
        organisation_id: n.organisation_id.map(str::to_string),
        kind: n.kind,
        email: n.email.map(|e| e.as_str().to_string()),
        phone: n.phone.map(|p| p.as_str().to_string()),
        pending_email: n.pending_email.map(|e| e.as_str().to_string()),
        name: n.name.as_str().to_string(),
        language: n.language,
        active: true,
        has_password: n.password_hash.is_some(),
        roles: n.roles.clone(),
        created_at: ctx.now,
        // Read again if it matters: the roles just written raised it.
        calendar_version: 0,
    })
}

async fn insert_roles(tx: &mut Tx, user_id: &str, roles: &Roles) -> Result<()> {
    for role in roles.iter() {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(user_id.to_string())
            .bind(role.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn get(db: &Db, id: &str) -> Result<User> {
    one(db, "u.id = $1", id).await?.ok_or(DbError::NotFound)
}

/// A user read inside a write transaction (e.g. one created in it).
pub async fn get_in_tx(tx: &mut Tx, id: &str) -> Result<User> {
    let q = format!(
        "SELECT {COLUMNS}, {roles} FROM users u WHERE u.id = $1",
        roles = roles_column(crate::tx_backend(tx))
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(q))
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(DbError::NotFound)?;
    Ok(from_row(&row, roles_from_joined(row.get("roles"))))
}

/// The owner of a calendar feed by its token's hash, with their roles, in one query.
pub async fn by_calendar_token(db: &Db, token_hash: &str) -> Result<Option<User>> {
    one(
        db,
        "u.id = (SELECT c.user_id FROM calendar_feeds c WHERE c.token_hash = $1)",
        token_hash,
    )
    .await
}

pub async fn find_by_email(db: &Db, email: &Email) -> Result<Option<User>> {
    one(db, "u.email = $1", email.as_str()).await
}

/// One user with their roles, in one query.
async fn one(db: &Db, condition: &'static str, value: &str) -> Result<Option<User>> {
    let q = format!(
        "SELECT {COLUMNS}, {roles} FROM users u WHERE {condition}",
        roles = roles_column(db.backend())
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(q))
        .bind(value.to_string())
        .fetch_optional(db.reader())
        .await?;
    Ok(row.map(|r| from_row(&r, roles_from_joined(r.get("roles")))))
}

/// The stored password hash of an active account, for signing in.
pub async fn password_hash(db: &Db, email: &Email) -> Result<Option<(String, String)>> {
    let row = sqlx::query(
        "SELECT id, password_hash FROM users WHERE email = $1 AND active = 1 AND password_hash IS NOT NULL",
    )
    .bind(email.as_str().to_string())
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|r| (r.get("id"), r.get("password_hash"))))
}

/// Like [`password_hash`] for a participant without an email address, by
/// phone number: only when exactly one such account has it (a shared family
/// phone signs nobody in).
pub async fn password_hash_by_phone(
    db: &Db,
    phone: &klubi_domain::people::Phone,
) -> Result<Vec<(String, String)>> {
    // Two participants may share a number (a family's phone): each keeps
    // signing in with their own password. A handful at most are tried.
    let rows = sqlx::query(
        "SELECT id, password_hash FROM users
         WHERE phone = $1 AND email IS NULL AND kind = 'participant' AND active = 1
           AND password_hash IS NOT NULL
         ORDER BY id LIMIT 5",
    )
    .bind(phone.as_str().to_string())
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get("id"), r.get("password_hash")))
        .collect())
}

pub async fn password_hash_by_id(db: &Db, id: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1 AND active = 1")
            .bind(id.to_string())
            .fetch_optional(db.reader())
            .await?
            .flatten(),
    )
}

/// Staff of one organisation, or of all (admin), by name.
pub async fn list(db: &Db, organisation_id: Option<&str>, limit: i64) -> Result<Vec<User>> {
    let q = format!(
        "SELECT {COLUMNS}, {roles} FROM users u
         WHERE u.kind = 'staff' AND ($1 IS NULL OR u.organisation_id = $1)
         ORDER BY u.name, u.id LIMIT $2",
        roles = roles_column(db.backend())
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(q))
        .bind(organisation_id.map(str::to_string))
        .bind(limit)
        .fetch_all(db.reader())
        .await?;
    Ok(rows
        .iter()
        .map(|r| from_row(r, roles_from_joined(r.get("roles"))))
        .collect())
}

pub async fn set_roles(tx: &mut Tx, ctx: &Ctx, user: &User, roles: &Roles) -> Result<()> {
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
        .bind(user.id.clone())
        .execute(&mut **tx)
        .await?;
    insert_roles(tx, &user.id, roles).await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "user.set_roles",
            entity_type: "user",
            entity_id: &user.id,
            organisation_id: user.organisation_id.as_deref(),
            details: serde_json::json!({"from": user.roles.names(), "to": roles.names()}),
        },
    )
    .await
}

pub async fn set_name(tx: &mut Tx, ctx: &Ctx, user: &User, name: &PersonName) -> Result<()> {
    sqlx::query("UPDATE users SET name = $1 WHERE id = $2")
        .bind(name.as_str().to_string())
        .bind(user.id.clone())
        .execute(&mut **tx)
        .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "user.rename",
            entity_type: "user",
            entity_id: &user.id,
            organisation_id: user.organisation_id.as_deref(),
            details: serde_json::json!({}),
        },
    )
    .await
}

pub async fn set_language(tx: &mut Tx, ctx: &Ctx, user_id: &str, lang: Language) -> Result<()> {
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(user_id.to_string())
        .execute(&mut **tx)
        .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "user.set_language",
            entity_type: "user",
            entity_id: user_id,
            organisation_id: None,
            details: serde_json::json!({"language": lang.code()}),
        },
    )
    .await
}

/// Sets a new password and ends every login session of the account, so a
/// changed or reset password locks out whoever had the old one.
pub async fn set_password(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: &str,
    hash: &str,
    keep_session: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash.to_string())
        .bind(user_id.to_string())
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM login_sessions WHERE user_id = $1 AND ($2 IS NULL OR id_hash <> $2)")
        .bind(user_id.to_string())
        .bind(keep_session.map(str::to_string))
        .execute(&mut **tx)
        .await?;
    // A new password ends every link still out (another reset, an old
    // invitation): whoever set it is in charge of the account now.
    sqlx::query("UPDATE one_time_links SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(ctx.now)
        .bind(user_id.to_string())
        .execute(&mut **tx)
        .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "user.set_password",
            entity_type: "user",
            entity_id: user_id,
            organisation_id: None,
            details: serde_json::json!({}),
        },
    )
    .await
}

/// Deactivation takes effect at once: login sessions end and API tokens are revoked
/// in the same transaction.
pub async fn deactivate(tx: &mut Tx, ctx: &Ctx, user: &User) -> Result<()> {
    sqlx::query("UPDATE users SET active = 0, deactivated_at = $1 WHERE id = $2")
        .bind(ctx.now)
        .bind(user.id.clone())
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM login_sessions WHERE user_id = $1")
        .bind(user.id.clone())
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(ctx.now)
        .bind(user.id.clone())
        .execute(&mut **tx)
        .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "user.deactivate",
            entity_type: "user",
            entity_id: &user.id,
            organisation_id: user.organisation_id.as_deref(),
            details: serde_json::json!({}),
        },
    )
    .await
}

pub async fn reactivate(tx: &mut Tx, ctx: &Ctx, user: &User) -> Result<()> {
    sqlx::query("UPDATE users SET active = 1, deactivated_at = NULL WHERE id = $1")
        .bind(user.id.clone())
        .execute(&mut **tx)
        .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "user.reactivate",
            entity_type: "user",
            entity_id: &user.id,
            organisation_id: user.organisation_id.as_deref(),
            details: serde_json::json!({}),
        },
    )
    .await
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.reader())
        .await?)
}

/// What an account holds about its person (issue 17; see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "users",
    columns: &[
        "users.id",
        "users.organisation_id",
        "users.kind",
        "users.email",
        "users.phone",
        "users.name",
        "users.language",
        "users.password_hash",
        "users.active",
        "users.created_at",
        "users.deactivated_at",
        "users.pending_email",
        "users.erased_at",
        "user_roles.user_id",
        "user_roles.role",
    ],
    export: &[
        crate::privacy::Export {
            key: "account",
            sql: "SELECT u.id, u.kind, u.email, u.phone, u.pending_email, u.name, u.language,
                         u.active, u.created_at, u.deactivated_at, o.name AS organisation_name
                    FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
                   WHERE u.id = $1",
            one: true,
        },
        crate::privacy::Export {
            key: "roles",
            sql: "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role",
            one: false,
        },
    ],
    audit_entities: &[("user", "SELECT id FROM users WHERE id = $1")],
    read_actions: &[],
};
