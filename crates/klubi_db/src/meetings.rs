//! Meetings of a group. A change raises `sequence` (the iCalendar SEQUENCE), a
//! move or a cancellation keeps who and why on the row, and every change writes
//! its audit row. Cancelled meetings stay, marked.

use crate::{Ctx, Db, DbError, Result, Tx, audit, flag, new_id};
use klubi_domain::meetings::MeetingInput;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Meeting {
    pub id: String,
    pub group_id: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub kind: String,
    pub theme: String,
    pub title: Option<String>,
    pub location: String,
    pub agenda: String,
    pub guest_organisation: Option<String>,
    pub guest_purpose: Option<String>,
    pub online_url: Option<String>,
    pub cancelled: bool,
    pub cancel_reason: Option<String>,
    pub change_reason: Option<String>,
    pub changed_by_name: Option<String>,
    pub changed_at: Option<i64>,
    pub sequence: i64,
    pub created_at: i64,
}

const SELECT: &str = "SELECT m.id, m.group_id, m.starts_at, m.ends_at, m.kind, m.theme, m.title,
        m.location, m.agenda, m.guest_organisation, m.guest_purpose, m.online_url, m.cancelled,
        m.cancel_reason, m.change_reason, cu.name AS changed_by_name, m.changed_at, m.sequence,
        m.created_at
     FROM meetings m LEFT JOIN users cu ON cu.id = m.changed_by";

fn from_row(r: &AnyRow) -> Meeting {
    Meeting {
        id: r.get("id"),
        group_id: r.get("group_id"),
        starts_at: r.get("starts_at"),
        ends_at: r.get("ends_at"),
        kind: r.get("kind"),
        theme: r.get("theme"),
        title: r.get("title"),
        location: r.get("location"),
        agenda: r.get("agenda"),
        guest_organisation: r.get("guest_organisation"),
        guest_purpose: r.get("guest_purpose"),
        online_url: r.get("online_url"),
        cancelled: flag(r.get("cancelled")),
        cancel_reason: r.get("cancel_reason"),
        change_reason: r.get("change_reason"),
        changed_by_name: r.get("changed_by_name"),
        changed_at: r.get("changed_at"),
        sequence: r.get("sequence"),
        created_at: r.get("created_at"),
    }
}

fn details(m: &MeetingInput) -> serde_json::Value {
    serde_json::json!({
        "starts_at": m.starts_at.as_second(), "ends_at": m.ends_at.as_second(),
        "kind": m.kind.as_str(), "theme": m.theme.key(), "location": m.location,
    })
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// Binds a meeting's fields as `$1`…`$10`, in the order of the meetings table:
/// the insert and the update share it.
fn bind_fields<'q>(q: AnyQuery<'q>, m: &MeetingInput) -> AnyQuery<'q> {
    q.bind(m.starts_at.as_second())
        .bind(m.ends_at.as_second())
        .bind(m.kind.as_str())
        .bind(m.theme.key())
        .bind(m.title.clone())
        .bind(m.location.clone())
        .bind(m.agenda.clone())
        .bind(m.guest_organisation.clone())
        .bind(m.guest_purpose.clone())
        .bind(m.online_url.clone())
}

pub async fn create(
    tx: &mut Tx,
    ctx: &Ctx,
    group_id: &str,
    organisation_id: &str,
    m: &MeetingInput,
) -> Result<String> {
    let id = new_id();
    bind_fields(
        sqlx::query(
            "INSERT INTO meetings (starts_at, ends_at, kind, theme, title, location, agenda,
                 guest_organisation, guest_purpose, online_url, id, group_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        ),
        m,
    )
    .bind(id.clone())
    .bind(group_id.to_string())
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    let mut d = details(m);
    d["group_id"] = serde_json::json!(group_id);
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "meeting.create",
            entity_type: "meeting",
            entity_id: &id,
            organisation_id: Some(organisation_id),
            details: d,
        },
    )
    .await?;
    Ok(id)
}

/// Replaces a meeting's details. `reason` is required by the caller when the
/// times move; it is kept on the row with who moved it.
pub async fn update(
    tx: &mut Tx,
    ctx: &Ctx,
    id: &str,
    organisation_id: &str,
    m: &MeetingInput,
    reason: Option<&str>,
) -> Result<()> {
    let done = bind_fields(
        sqlx::query(
            "UPDATE meetings SET starts_at = $1, ends_at = $2, kind = $3, theme = $4, title = $5,
                 location = $6, agenda = $7, guest_organisation = $8, guest_purpose = $9, online_url = $10,
                 change_reason = COALESCE($11, change_reason),
                 changed_by = CASE WHEN $12 = 1 THEN $13 ELSE changed_by END,
                 changed_at = CASE WHEN $12 = 1 THEN $14 ELSE changed_at END,
                 sequence = sequence + 1
             WHERE id = $15 AND cancelled = 0",
        ),
        m,
    )
    .bind(reason.map(str::to_string))
    .bind(i64::from(reason.is_some()))
    .bind(ctx.actor_id.clone())
    .bind(ctx.now)
    .bind(id.to_string())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::Conflict("error-meeting-cancelled"));
    }
    let mut d = details(m);
    d["reason"] = serde_json::json!(reason);
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: if reason.is_some() {
                "meeting.move"
            } else {
                "meeting.update"
            },
            entity_type: "meeting",
            entity_id: id,
            organisation_id: Some(organisation_id),
            details: d,
        },
    )
    .await
}

pub async fn cancel(
    tx: &mut Tx,
    ctx: &Ctx,
    id: &str,
    organisation_id: &str,
    reason: &str,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE meetings SET cancelled = 1, cancel_reason = $1, changed_by = $2, changed_at = $3,
             sequence = sequence + 1
         WHERE id = $4 AND cancelled = 0",
    )
    .bind(reason.to_string())
    .bind(ctx.actor_id.clone())
    .bind(ctx.now)
    .bind(id.to_string())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::Conflict("error-meeting-cancelled"));
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "meeting.cancel",
            entity_type: "meeting",
            entity_id: id,
            organisation_id: Some(organisation_id),
            details: serde_json::json!({"reason": reason}),
        },
    )
    .await
}

pub async fn get(db: &Db, id: &str) -> Result<Meeting> {
    sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE m.id = $1")))
        .bind(id.to_string())
        .fetch_optional(db.reader())
        .await?
        .as_ref()
        .map(from_row)
        .ok_or(DbError::NotFound)
}

/// A group's meetings in time order; `after` is the (starts_at, id) last seen.
pub async fn list_for_group(
    db: &Db,
    group_id: &str,
    after: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<Meeting>> {
    let (t, id) = after
        .map(|(t, i)| (t, i.to_string()))
        .unwrap_or((i64::MIN, String::new()));
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE m.group_id = $1 AND (m.starts_at > $2 OR (m.starts_at = $2 AND m.id > $3))
         ORDER BY m.starts_at, m.id LIMIT $4"
    )))
    .bind(group_id.to_string())
    .bind(t)
    .bind(id)
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// Every meeting of a group in time order, read in the caller's transaction.
pub async fn list_for_group_in(tx: &mut Tx, group_id: &str) -> Result<Vec<Meeting>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE m.group_id = $1 ORDER BY m.starts_at, m.id"
    )))
    .bind(group_id.to_string())
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// A meeting in someone's calendar, with its group's name (guest details and
/// reasons are left out: calendars do not show them).
#[derive(Debug, Clone)]
pub struct CalendarEntry {
    pub meeting: Meeting,
    pub group_name: String,
}

/// One calendar row as the aggregate query writes it.
#[derive(serde::Deserialize)]
struct CalendarRow {
    id: String,
    group_id: String,
    starts_at: i64,
    ends_at: i64,
    kind: String,
    theme: String,
    title: Option<String>,
    location: String,
    agenda: String,
    online_url: Option<String>,
    cancelled: i64,
    changed_at: Option<i64>,
    sequence: i64,
    created_at: i64,
    group_name: String,
}

/// The groups whose meetings are on `user_id`'s calendar (see [`calendar`]).
const CALENDAR_GROUPS: &str = "SELECT f.group_id FROM group_facilitators f WHERE f.user_id = $1
               UNION SELECT e.group_id FROM enrolments e WHERE e.participant_id = $1 AND e.status = 'enrolled'
               UNION SELECT g2.id FROM club_groups g2 WHERE g2.organisation_id = $2";

/// The meetings of `user_id` between `from` and `to` (unix seconds): of the
/// groups they facilitate, of the groups `coordinator_of` owns (a coordinator's
/// organisation), and of the groups they are enrolled in. Only what calendars
/// show (no guest details or reasons).
///
/// The rows come back as one JSON array built by the database: a busy coach's
/// feed is hundreds of meetings, and row by row each value would be copied
/// twice on its way out of the driver (several microseconds a row).
pub async fn calendar(
    db: &Db,
    user_id: &str,
    coordinator_of: Option<&str>,
    from: i64,
    to: i64,
) -> Result<Vec<CalendarEntry>> {
    const FIELDS: &str = "'id', m.id, 'group_id', m.group_id, 'starts_at', m.starts_at,
        'ends_at', m.ends_at, 'kind', m.kind, 'theme', m.theme, 'title', m.title,
        'location', m.location, 'agenda', m.agenda, 'online_url', m.online_url,
        'cancelled', m.cancelled, 'changed_at', m.changed_at, 'sequence', m.sequence,
        'created_at', m.created_at, 'group_name', g.name";
    let items = match db.backend() {
        crate::Backend::Sqlite => {
            format!("json_group_array(json_object({FIELDS}))")
        }
        crate::Backend::Postgres => {
            format!("CAST(COALESCE(json_agg(json_build_object({FIELDS})), '[]') AS TEXT)")
        }
    };
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {items} AS items
         FROM meetings m JOIN club_groups g ON g.id = m.group_id
         WHERE m.starts_at >= $3 AND m.starts_at < $4 AND m.group_id IN ({CALENDAR_GROUPS})"
    )))
    .bind(user_id.to_string())
    .bind(coordinator_of.unwrap_or("-").to_string())
    .bind(from)
    .bind(to)
    .fetch_one(db.reader())
    .await?;
    let json: String = row.get("items");
    let mut rows: Vec<CalendarRow> =
        serde_json::from_str(&json).map_err(|e| DbError::Config(format!("calendar rows: {e}")))?;
    // Sorted here: an ORDER BY inside the aggregate would sort the built JSON texts.
    rows.sort_unstable_by(|a, b| (a.starts_at, &a.id).cmp(&(b.starts_at, &b.id)));
    Ok(rows
        .into_iter()
        .map(|r| CalendarEntry {
            meeting: Meeting {
                id: r.id,
                group_id: r.group_id,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                kind: r.kind,
                theme: r.theme,
                title: r.title,
                location: r.location,
                agenda: r.agenda,
                guest_organisation: None,
                guest_purpose: None,
                online_url: r.online_url,
                cancelled: flag(r.cancelled),
                cancel_reason: None,
                change_reason: None,
                changed_by_name: None,
                changed_at: r.changed_at,
                sequence: r.sequence,
                created_at: r.created_at,
            },
            group_name: r.group_name,
        })
        .collect())
}

/// Meetings not cancelled, inside a transaction that holds the group's lock.
pub async fn count_active_in(tx: &mut Tx, group_id: &str) -> Result<i64> {
    Ok(
        sqlx::query("SELECT COUNT(*) AS n FROM meetings WHERE group_id = $1 AND cancelled = 0")
            .bind(group_id.to_string())
            .fetch_one(&mut **tx)
            .await?
            .get("n"),
    )
}

/// The meetings of a person's groups (see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "meetings",
    columns: &[
        "meetings.cancel_reason",
        "meetings.change_reason",
        "meetings.changed_by",
        "meetings.changed_at",
    ],
    export: &[crate::privacy::Export {
        key: "meetings",
        sql: "SELECT m.id, g.name AS group_name, m.starts_at, m.ends_at, m.kind, m.theme,
                     m.title, m.location, m.cancelled
                FROM meetings m JOIN club_groups g ON g.id = m.group_id
               WHERE m.group_id IN (SELECT group_id FROM enrolments WHERE participant_id = $1)
               ORDER BY m.starts_at, m.id",
        one: false,
    }],
    audit_entities: &[],
    read_actions: &[],
};
