//! Internal referrals to specialists and the sessions the specialist holds.
//! Callers decide who may see what; every read of a reason or of notes is
//! recorded with [`record_read`].

use crate::{Ctx, Db, DbError, Result, Tx, audit, new_id};
use klubi_domain::referrals::{INTERNAL_CONSENT_VERSION, InternalStatus};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, serde::Serialize)]
pub struct InternalReferral {
    pub id: String,
    pub participant_id: String,
    pub participant_name: String,
    pub group_id: String,
    pub group_name: String,
    pub referred_by: String,
    pub referrer_name: String,
    pub specialist_id: String,
    pub specialist_name: String,
    pub specialist_organisation_id: Option<String>,
    /// Personal data: shown only after [`record_read`].
    pub reason: String,
    pub status: InternalStatus,
    pub consent_version: String,
    pub consent_at: i64,
    pub accepted_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub created_at: i64,
}

const SELECT: &str = "SELECT i.id, i.participant_id, p.name AS participant_name, i.group_id,
        g.name AS group_name, i.referred_by, c.name AS referrer_name, i.specialist_id,
        s.name AS specialist_name, s.organisation_id AS specialist_organisation_id, i.reason,
        i.status, i.consent_version, i.consent_at, i.accepted_at, i.closed_at, i.created_at
     FROM internal_referrals i JOIN users p ON p.id = i.participant_id
     JOIN club_groups g ON g.id = i.group_id JOIN users c ON c.id = i.referred_by
     JOIN users s ON s.id = i.specialist_id";

fn from_row(r: &AnyRow) -> InternalReferral {
    InternalReferral {
        id: r.get("id"),
        participant_id: r.get("participant_id"),
        participant_name: r.get("participant_name"),
        group_id: r.get("group_id"),
        group_name: r.get("group_name"),
        referred_by: r.get("referred_by"),
        referrer_name: r.get("referrer_name"),
        specialist_id: r.get("specialist_id"),
        specialist_name: r.get("specialist_name"),
        specialist_organisation_id: r.get("specialist_organisation_id"),
        reason: r.get("reason"),
        status: r
            .get::<String, _>("status")
            .parse()
            .unwrap_or(InternalStatus::Closed),
        consent_version: r.get("consent_version"),
        consent_at: r.get("consent_at"),
        accepted_at: r.get("accepted_at"),
        closed_at: r.get("closed_at"),
        created_at: r.get("created_at"),
    }
}

pub struct NewInternal<'a> {
    pub participant_id: &'a str,
    pub group_id: &'a str,
    pub specialist_id: &'a str,
    pub reason: &'a str,
}

/// Saves a referral the caller has checked (a facilitating coach, an enrolled
/// participant, a specialist of the partnership, the consent given).
pub async fn create(tx: &mut Tx, ctx: &Ctx, n: &NewInternal<'_>) -> Result<String> {
    let id = new_id();
    let by = ctx
        .actor_id
        .clone()
        .ok_or_else(|| DbError::Config("an internal referral needs its coach".into()))?;
    sqlx::query(
        "INSERT INTO internal_referrals (id, participant_id, group_id, referred_by, specialist_id, reason,
             status, consent_version, consent_by, consent_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $4, $8, $8, $8)",
    )
    .bind(id.clone())
    .bind(n.participant_id.to_string())
    .bind(n.group_id.to_string())
    .bind(by)
    .bind(n.specialist_id.to_string())
    .bind(n.reason.to_string())
    .bind(INTERNAL_CONSENT_VERSION)
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "internal_referral.create",
            entity_type: "internal_referral",
            entity_id: &id,
            organisation_id: None,
            details: serde_json::json!({
                "participant_id": n.participant_id,
                "specialist_id": n.specialist_id,
                "consent_version": INTERNAL_CONSENT_VERSION,
            }),
        },
    )
    .await?;
    Ok(id)
}

pub async fn get(db: &Db, id: &str) -> Result<InternalReferral> {
    sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE i.id = $1")))
        .bind(id.to_string())
        .fetch_optional(db.reader())
        .await?
        .map(|r| from_row(&r))
        .ok_or(DbError::NotFound)
}

/// The referrals a user is part of (as the coach, the specialist or the
/// participant), newest first.
pub async fn list_for(db: &Db, user_id: &str, limit: i64) -> Result<Vec<InternalReferral>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE i.referred_by = $1 OR i.specialist_id = $1 OR i.participant_id = $1
         ORDER BY i.created_at DESC, i.id DESC LIMIT $2"
    )))
    .bind(user_id.to_string())
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// Records that the actor was shown the referral's reason or its notes.
pub async fn record_read(tx: &mut Tx, ctx: &Ctx, id: &str, what: &'static str) -> Result<()> {
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: what,
            entity_type: "internal_referral",
            entity_id: id,
            organisation_id: None,
            details: serde_json::json!({}),
        },
    )
    .await
}

/// Moves the referral to `to` if it is still in `from` (a concurrent change
/// makes this 0 rows: the caller answers 409).
pub async fn set_status(
    tx: &mut Tx,
    ctx: &Ctx,
    id: &str,
    from: &[InternalStatus],
    to: InternalStatus,
) -> Result<bool> {
    let mut done = 0;
    for f in from {
        done += sqlx::query(
            "UPDATE internal_referrals SET status = $1, updated_at = $2,
                 accepted_at = CASE WHEN $1 = 'accepted' THEN $2 ELSE accepted_at END,
                 closed_at = CASE WHEN $1 = 'closed' THEN $2 ELSE closed_at END
             WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(ctx.now)
        .bind(id.to_string())
        .bind(f.as_str())
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    if done == 1 {
        audit::record(
            tx,
            ctx,
            audit::Entry {
                action: match to {
                    InternalStatus::Accepted => "internal_referral.accept",
                    InternalStatus::Closed => "internal_referral.close",
                    InternalStatus::Pending => "internal_referral.reopen",
                },
                entity_type: "internal_referral",
                entity_id: id,
                organisation_id: None,
                details: serde_json::json!({}),
            },
        )
        .await?;
    }
    Ok(done == 1)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Session {
    pub id: String,
    pub held_on: String,
    pub note: String,
    pub created_at: i64,
}

pub async fn add_session(
    tx: &mut Tx,
    ctx: &Ctx,
    id: &str,
    held_on: &str,
    note: &str,
) -> Result<String> {
    let sid = new_id();
    sqlx::query(
        "INSERT INTO specialist_sessions (id, internal_referral_id, held_on, note, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sid.clone())
    .bind(id.to_string())
    .bind(held_on.to_string())
    .bind(note.to_string())
    .bind(ctx.actor_id.clone().unwrap_or_default())
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE internal_referrals SET updated_at = $1 WHERE id = $2")
        .bind(ctx.now)
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "internal_referral.session",
            entity_type: "internal_referral",
            entity_id: id,
            organisation_id: None,
            details: serde_json::json!({"session_id": sid, "held_on": held_on}),
        },
    )
    .await?;
    Ok(sid)
}

/// The sessions held, oldest first.
pub async fn sessions(db: &Db, id: &str) -> Result<Vec<Session>> {
    let rows = sqlx::query(
        "SELECT id, held_on, note, created_at FROM specialist_sessions
         WHERE internal_referral_id = $1 ORDER BY held_on, created_at, id",
    )
    .bind(id.to_string())
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Session {
            id: r.get("id"),
            held_on: r.get("held_on"),
            note: r.get("note"),
            created_at: r.get("created_at"),
        })
        .collect())
}

/// Active specialists of these organisations: (id, name, organisation name), by name.
pub async fn specialists_in(
    db: &Db,
    organisations: &[&str],
) -> Result<Vec<(String, String, String)>> {
    let mut out: Vec<(String, String, String)> = vec![];
    for org in organisations {
        let rows = sqlx::query(
            "SELECT u.id, u.name, o.name AS org FROM users u
             JOIN user_roles r ON r.user_id = u.id AND r.role = 'specialist'
             JOIN organisations o ON o.id = u.organisation_id
             WHERE u.organisation_id = $1 AND u.active = 1 AND u.kind = 'staff'",
        )
        .bind(org.to_string())
        .fetch_all(db.reader())
        .await?;
        for r in rows {
            let id: String = r.get("id");
            if !out.iter().any(|(i, _, _)| *i == id) {
                out.push((id, r.get("name"), r.get("org")));
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// Internal referrals of a person to a specialist (see [`crate::privacy`]).
/// The specialist's session notes are not in the person's copy: the person
/// asks the specialist's organisation, which checks them for other people's
/// data before giving them (the choice is in `docs/privacy.md`).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "internal_referrals",
    columns: &[
        "internal_referrals.participant_id",
        "internal_referrals.referred_by",
        "internal_referrals.specialist_id",
        "internal_referrals.reason",
        "internal_referrals.status",
        "internal_referrals.consent_version",
        "internal_referrals.consent_by",
        "internal_referrals.consent_at",
        "internal_referrals.accepted_at",
        "internal_referrals.closed_at",
        "internal_referrals.created_at",
        "internal_referrals.updated_at",
        "specialist_sessions.held_on",
        "specialist_sessions.note",
        "specialist_sessions.created_by",
        "specialist_sessions.created_at",
    ],
    export: &[
        crate::privacy::Export {
            key: "internal_referrals",
            sql: "SELECT i.id, g.name AS group_name, rb.name AS referred_by,
                         s.name AS specialist, i.reason, i.status, i.consent_version, i.consent_at,
                         i.accepted_at, i.closed_at, i.created_at
                    FROM internal_referrals i
                    JOIN club_groups g ON g.id = i.group_id
                    LEFT JOIN users rb ON rb.id = i.referred_by
                    LEFT JOIN users s ON s.id = i.specialist_id
                   WHERE i.participant_id = $1 ORDER BY i.created_at, i.id",
            one: false,
        },
        crate::privacy::Export {
            key: "specialist_sessions",
            sql: "SELECT ss.internal_referral_id, ss.held_on, u.name AS specialist, ss.created_at
                    FROM specialist_sessions ss
                    JOIN internal_referrals i ON i.id = ss.internal_referral_id
                    LEFT JOIN users u ON u.id = ss.created_by
                   WHERE i.participant_id = $1 ORDER BY ss.held_on, ss.id",
            one: false,
        },
    ],
    audit_entities: &[(
        "internal_referral",
        "SELECT id FROM internal_referrals WHERE participant_id = $1",
    )],
    read_actions: &[
        "internal_referral.read_reason",
        "internal_referral.read_notes",
    ],
};
