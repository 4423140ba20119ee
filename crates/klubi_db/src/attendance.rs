//! Attendance marks and advance notices, one row per participant and meeting,
//! and the no-show alerts they cause. Marks are written under the group's lock
//! (the same lock an approval takes), so no mark slips past a locked report.

use crate::{Ctx, Db, Result, Tx, audit, flag, new_id};
use klubi_domain::attendance::Mark;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{HashMap, HashSet};

/// A participant's row for one meeting.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MarkRow {
    pub meeting_id: String,
    pub participant_id: String,
    pub status: Option<Mark>,
    pub marked_by: Option<String>,
    pub marked_at: Option<i64>,
    pub notice_at: Option<i64>,
    pub notice_reason: Option<String>,
}

impl MarkRow {
    /// The mark shown: the coach's, else `excused` for an advance notice.
    pub fn shown(&self) -> Option<Mark> {
        klubi_domain::attendance::effective(self.status, self.notice_at.is_some())
    }
}

const SELECT: &str = "SELECT meeting_id, participant_id, status, marked_by, marked_at, notice_at, \
                      notice_reason FROM attendance";

fn from_row(r: &AnyRow) -> MarkRow {
    MarkRow {
        meeting_id: r.get("meeting_id"),
        participant_id: r.get("participant_id"),
        status: r
            .get::<Option<String>, _>("status")
            .and_then(|s| Mark::parse(&s).ok()),
        marked_by: r.get("marked_by"),
        marked_at: r.get("marked_at"),
        notice_at: r.get("notice_at"),
        notice_reason: r.get("notice_reason"),
    }
}

pub async fn for_meeting(db: &Db, meeting_id: &str) -> Result<Vec<MarkRow>> {
    rows_by(db.reader(), "meeting_id", meeting_id).await
}

pub async fn for_meeting_in(tx: &mut Tx, meeting_id: &str) -> Result<Vec<MarkRow>> {
    rows_by(&mut **tx, "meeting_id", meeting_id).await
}

const FOR_GROUP: &str = "SELECT a.meeting_id, a.participant_id, a.status, a.marked_by, a.marked_at,
        a.notice_at, a.notice_reason
     FROM attendance a JOIN meetings m ON m.id = a.meeting_id
     WHERE a.group_id = $1 AND m.cancelled = 0";

/// Every row of a group's meetings that are not cancelled.
pub async fn for_group(db: &Db, group_id: &str) -> Result<Vec<MarkRow>> {
    fetch(db.reader(), FOR_GROUP, group_id).await
}

pub async fn for_group_in(tx: &mut Tx, group_id: &str) -> Result<Vec<MarkRow>> {
    fetch(&mut **tx, FOR_GROUP, group_id).await
}

/// Rows whose `column` (a fixed name, never input) equals `value`.
async fn rows_by<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    column: &'static str,
    value: &str,
) -> Result<Vec<MarkRow>> {
    fetch(ex, &format!("{SELECT} WHERE {column} = $1"), value).await
}

async fn fetch<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    sql: &str,
    value: &str,
) -> Result<Vec<MarkRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(value.to_string())
        .fetch_all(ex)
        .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// One participant's rows across their groups (their own attendance page).
pub async fn for_participant(db: &Db, participant_id: &str) -> Result<Vec<MarkRow>> {
    rows_by(db.reader(), "participant_id", participant_id).await
}

/// Meetings attended (present or late, not cancelled) per participant of a group.
pub async fn attended_counts(db: &Db, group_id: &str) -> Result<HashMap<String, i64>> {
    let rows = sqlx::query(
        "SELECT a.participant_id, COUNT(*) AS n
         FROM attendance a JOIN meetings m ON m.id = a.meeting_id
         WHERE a.group_id = $1 AND a.status IN ('present', 'late') AND m.cancelled = 0
         GROUP BY a.participant_id",
    )
    .bind(group_id.to_string())
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get("participant_id"), r.get("n")))
        .collect())
}

/// Of `participants`, those who may have a mark for a meeting starting at
/// `starts_at`: enrolled now, or withdrawn only after it began.
pub async fn markable(tx: &mut Tx, group_id: &str, starts_at: i64) -> Result<HashSet<String>> {
    let rows = sqlx::query(
        "SELECT participant_id FROM enrolments
         WHERE group_id = $1
           AND (status = 'enrolled' OR (status = 'withdrawn' AND withdrawn_at >= $2))",
    )
    .bind(group_id.to_string())
    .bind(starts_at)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.iter().map(|r| r.get("participant_id")).collect())
}

/// A mark as it changed: `None` is "not marked".
#[derive(Debug, Clone)]
pub struct Changed {
    pub participant_id: String,
    pub from: Option<Mark>,
    pub to: Option<Mark>,
}

/// Sets (or with `None` clears) marks of one meeting; rows that do not change
/// are left alone. Each change is audited. The caller holds the group's lock.
pub async fn set(
    tx: &mut Tx,
    ctx: &Ctx,
    meeting_id: &str,
    group_id: &str,
    organisation_id: &str,
    marks: &[(String, Option<Mark>)],
) -> Result<Vec<Changed>> {
    let before: HashMap<String, Option<Mark>> = for_meeting_in(tx, meeting_id)
        .await?
        .into_iter()
        .map(|r| (r.participant_id, r.status))
        .collect();
    let mut changed = Vec::new();
    for (participant, to) in marks {
        let from = before.get(participant).copied().flatten();
        if from == *to {
            continue;
        }
        match to {
            Some(m) => {
                sqlx::query(
                    "INSERT INTO attendance (meeting_id, participant_id, group_id, status, marked_by, marked_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (meeting_id, participant_id)
                     DO UPDATE SET status = excluded.status, marked_by = excluded.marked_by,
                                   marked_at = excluded.marked_at",
                )
                .bind(meeting_id.to_string())
                .bind(participant.clone())
                .bind(group_id.to_string())
                .bind(m.as_str())
                .bind(ctx.actor_id.clone())
                .bind(ctx.now)
                .execute(&mut **tx)
                .await?;
            }
            None => {
                // A row that only held the mark goes; one with a notice keeps it.
                sqlx::query(
                    "DELETE FROM attendance
                     WHERE meeting_id = $1 AND participant_id = $2 AND notice_at IS NULL",
                )
                .bind(meeting_id.to_string())
                .bind(participant.clone())
                .execute(&mut **tx)
                .await?;
                sqlx::query(
                    "UPDATE attendance SET status = NULL, marked_by = $3, marked_at = $4
                     WHERE meeting_id = $1 AND participant_id = $2",
                )
                .bind(meeting_id.to_string())
                .bind(participant.clone())
                .bind(ctx.actor_id.clone())
                .bind(ctx.now)
                .execute(&mut **tx)
                .await?;
            }
        }
        audit::record(
            tx,
            ctx,
            audit::Entry {
                action: "attendance.mark",
                entity_type: "meeting",
                entity_id: meeting_id,
                organisation_id: Some(organisation_id),
                details: serde_json::json!({
                    "participant_id": participant,
                    "from": from.map(Mark::as_str),
                    "to": to.map(Mark::as_str),
                }),
            },
        )
        .await?;
        changed.push(Changed {
            participant_id: participant.clone(),
            from,
            to: *to,
        });
    }
    Ok(changed)
}

/// A participant's "I can't come" before a meeting (`Some(reason)` keeps an
/// optional reason), or taking it back (`None`). Audited.
pub async fn set_notice(
    tx: &mut Tx,
    ctx: &Ctx,
    meeting_id: &str,
    group_id: &str,
    participant_id: &str,
    notice: Option<Option<&str>>,
) -> Result<()> {
    match notice {
        Some(reason) => {
            sqlx::query(
                "INSERT INTO attendance (meeting_id, participant_id, group_id, notice_at, notice_reason)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (meeting_id, participant_id)
                 DO UPDATE SET notice_at = excluded.notice_at, notice_reason = excluded.notice_reason",
            )
            .bind(meeting_id.to_string())
            .bind(participant_id.to_string())
            .bind(group_id.to_string())
            .bind(ctx.now)
            .bind(reason.map(str::to_string))
            .execute(&mut **tx)
            .await?;
        }
        None => {
            sqlx::query(
                "DELETE FROM attendance
                 WHERE meeting_id = $1 AND participant_id = $2 AND status IS NULL",
            )
            .bind(meeting_id.to_string())
            .bind(participant_id.to_string())
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "UPDATE attendance SET notice_at = NULL, notice_reason = NULL
                 WHERE meeting_id = $1 AND participant_id = $2",
            )
            .bind(meeting_id.to_string())
            .bind(participant_id.to_string())
            .execute(&mut **tx)
            .await?;
        }
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: if notice.is_some() {
                "attendance.notice"
            } else {
                "attendance.notice_withdrawn"
            },
            entity_type: "meeting",
            entity_id: meeting_id,
            organisation_id: None,
            details: serde_json::json!({ "participant_id": participant_id }),
        },
    )
    .await
}

/// A participant's shown marks in the group's meetings that have begun by
/// `now` (not cancelled), in time order: what the alert rule reads.
pub async fn history_in(
    tx: &mut Tx,
    group_id: &str,
    participant_id: &str,
    now: i64,
) -> Result<Vec<(String, Option<Mark>)>> {
    let rows = sqlx::query(
        "SELECT m.id, a.status, a.notice_at
         FROM meetings m
         LEFT JOIN attendance a ON a.meeting_id = m.id AND a.participant_id = $2
         WHERE m.group_id = $1 AND m.cancelled = 0 AND m.starts_at <= $3
         ORDER BY m.starts_at, m.id",
    )
    .bind(group_id.to_string())
    .bind(participant_id.to_string())
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let status = r
                .get::<Option<String>, _>("status")
                .and_then(|s| Mark::parse(&s).ok());
            let noticed = r.get::<Option<i64>, _>("notice_at").is_some();
            (
                r.get("id"),
                klubi_domain::attendance::effective(status, noticed),
            )
        })
        .collect())
}

/// The shown mark of one participant at one meeting, read in the transaction.
pub async fn shown_in(tx: &mut Tx, meeting_id: &str, participant_id: &str) -> Result<Option<Mark>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE meeting_id = $1 AND participant_id = $2"
    )))
    .bind(meeting_id.to_string())
    .bind(participant_id.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.as_ref().map(from_row).and_then(|r| r.shown()))
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NoShowAlert {
    pub id: String,
    pub group_id: String,
    pub group_name: String,
    pub meeting_id: String,
    pub meeting_starts_at: i64,
    pub participant_id: String,
    pub participant_name: String,
    pub case_manager_id: Option<String>,
    pub escalated: bool,
    pub created_at: i64,
}

pub async fn alert_count_in(tx: &mut Tx, group_id: &str, participant_id: &str) -> Result<i64> {
    Ok(sqlx::query(
        "SELECT COUNT(*) AS n FROM no_show_alerts WHERE group_id = $1 AND participant_id = $2",
    )
    .bind(group_id.to_string())
    .bind(participant_id.to_string())
    .fetch_one(&mut **tx)
    .await?
    .get("n"))
}

/// Records an alert; `false` when this meeting's miss was already alerted.
pub async fn insert_alert(
    tx: &mut Tx,
    ctx: &Ctx,
    group_id: &str,
    meeting_id: &str,
    participant_id: &str,
    case_manager_id: Option<&str>,
    escalated: bool,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO no_show_alerts (id, group_id, meeting_id, participant_id, case_manager_id, escalated, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (meeting_id, participant_id) DO NOTHING",
    )
    .bind(new_id())
    .bind(group_id.to_string())
    .bind(meeting_id.to_string())
    .bind(participant_id.to_string())
    .bind(case_manager_id.map(str::to_string))
    .bind(i64::from(escalated))
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "attendance.no_show_alert",
            entity_type: "meeting",
            entity_id: meeting_id,
            organisation_id: None,
            details: serde_json::json!({
                "participant_id": participant_id,
                "case_manager_id": case_manager_id,
                "escalated": escalated,
            }),
        },
    )
    .await?;
    Ok(true)
}

const ALERTS: &str = "SELECT n.id, n.group_id, g.name AS group_name, n.meeting_id,
        m.starts_at AS meeting_starts_at, n.participant_id, p.name AS participant_name,
        n.case_manager_id, n.escalated, n.created_at
     FROM no_show_alerts n
     JOIN club_groups g ON g.id = n.group_id
     JOIN meetings m ON m.id = n.meeting_id
     JOIN users p ON p.id = n.participant_id";

fn alert_from_row(r: &AnyRow) -> NoShowAlert {
    NoShowAlert {
        id: r.get("id"),
        group_id: r.get("group_id"),
        group_name: r.get("group_name"),
        meeting_id: r.get("meeting_id"),
        meeting_starts_at: r.get("meeting_starts_at"),
        participant_id: r.get("participant_id"),
        participant_name: r.get("participant_name"),
        case_manager_id: r.get("case_manager_id"),
        escalated: flag(r.get("escalated")),
        created_at: r.get("created_at"),
    }
}

/// Alerts about a case manager's clients, newest first.
pub async fn alerts_for_case_manager(
    db: &Db,
    user_id: &str,
    limit: i64,
) -> Result<Vec<NoShowAlert>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{ALERTS} WHERE n.case_manager_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2"
    )))
    .bind(user_id.to_string())
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.iter().map(alert_from_row).collect())
}

/// Escalated alerts of the groups an organisation owns (its coordinators'), newest first.
pub async fn escalations_for_organisation(
    db: &Db,
    organisation_id: &str,
    limit: i64,
) -> Result<Vec<NoShowAlert>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{ALERTS} WHERE g.organisation_id = $1 AND n.escalated = 1
         ORDER BY n.created_at DESC, n.id DESC LIMIT $2"
    )))
    .bind(organisation_id.to_string())
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.iter().map(alert_from_row).collect())
}

/// For a case manager's clients who held a seat: (group, participant) →
/// (meetings attended, meetings held so far), to read beside their referrals.
/// Held as in the group report: begun, or marked already.
pub async fn for_referrer(
    db: &Db,
    referrer_id: &str,
    now: i64,
) -> Result<HashMap<(String, String), (i64, i64)>> {
    let rows = sqlx::query(
        "SELECT r.group_id, r.participant_id,
                (SELECT COUNT(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
                 WHERE a.group_id = r.group_id AND a.participant_id = r.participant_id
                   AND a.status IN ('present', 'late') AND m.cancelled = 0) AS attended,
                (SELECT COUNT(*) FROM meetings m
                 WHERE m.group_id = r.group_id AND m.cancelled = 0
                   AND (m.starts_at <= $2 OR EXISTS (SELECT 1 FROM attendance x
                        WHERE x.meeting_id = m.id AND x.status IS NOT NULL))) AS held
         FROM referrals r
         WHERE r.referred_by = $1 AND r.status IN ('enrolled', 'withdrawn')",
    )
    .bind(referrer_id.to_string())
    .bind(now)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                (r.get("group_id"), r.get("participant_id")),
                (r.get("attended"), r.get("held")),
            )
        })
        .collect())
}

/// Benchmark data only (`klubi bench-data --attendance-groups`): enrols the
/// given participants in every group and marks every meeting for them, in
/// two statements per participant and without audit rows (a real mark is
/// always audited). The statuses cycle by day: 7 in 10 present, then late,
/// excused, absent. Returns the rows written.
pub async fn bench_fill(db: &Db, participant_ids: &[String], now: i64) -> Result<u64> {
    let mut written = 0;
    let mut tx = db.begin().await?;
    for (i, p) in participant_ids.iter().enumerate() {
        sqlx::query(
            "INSERT INTO enrolments (id, group_id, participant_id, status, created_at, updated_at, accepted_at)
             SELECT g.id || '-' || $1, g.id, $1, 'enrolled', $2, $2, $2 FROM club_groups g
             WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.group_id = g.id AND e.participant_id = $1)",
        )
        .bind(p.clone())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        written += sqlx::query(
            "INSERT INTO attendance (meeting_id, participant_id, group_id, status, marked_at)
             SELECT m.id, $1, m.group_id,
                    CASE (m.starts_at / 86400 + $2) % 10
                        WHEN 7 THEN 'late' WHEN 8 THEN 'excused' WHEN 9 THEN 'absent'
                        ELSE 'present' END,
                    $3
             FROM meetings m WHERE m.cancelled = 0
             ON CONFLICT (meeting_id, participant_id) DO NOTHING",
        )
        .bind(p.clone())
        .bind(i as i64)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    crate::commit(tx).await?;
    Ok(written)
}

/// A person's attendance, notices and no-show alerts (see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "attendance",
    columns: &[
        "attendance.participant_id",
        "attendance.status",
        "attendance.marked_by",
        "attendance.marked_at",
        "attendance.notice_at",
        "attendance.notice_reason",
        "no_show_alerts.participant_id",
        "no_show_alerts.case_manager_id",
        "no_show_alerts.escalated",
        "no_show_alerts.created_at",
    ],
    export: &[
        crate::privacy::Export {
            key: "attendance",
            sql: "SELECT a.meeting_id, g.name AS group_name, m.starts_at, a.status,
                         mb.name AS marked_by, a.marked_at, a.notice_at, a.notice_reason
                    FROM attendance a
                    JOIN meetings m ON m.id = a.meeting_id
                    JOIN club_groups g ON g.id = a.group_id
                    LEFT JOIN users mb ON mb.id = a.marked_by
                   WHERE a.participant_id = $1 ORDER BY m.starts_at, a.meeting_id",
            one: false,
        },
        crate::privacy::Export {
            key: "no_show_alerts",
            sql: "SELECT n.id, g.name AS group_name, m.starts_at, n.escalated, n.created_at
                    FROM no_show_alerts n
                    JOIN meetings m ON m.id = n.meeting_id
                    JOIN club_groups g ON g.id = n.group_id
                   WHERE n.participant_id = $1 ORDER BY n.created_at, n.id",
            one: false,
        },
    ],
    audit_entities: &[],
    read_actions: &[],
};
