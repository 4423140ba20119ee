//! Groups (one run of a format), their partner organisations and facilitators.
//! Lists are scoped in SQL: a non-admin sees the groups their organisation owns
//! or partners in, and the groups they facilitate.

use crate::{Ctx, Db, DbError, Result, Tx, audit, new_id};
use klubi_domain::formats::PlannedMeeting;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Group {
    pub id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub format_id: String,
    /// The format's name as stored, and its template key (templates are named
    /// from the catalogue).
    pub format_name: String,
    pub format_template_key: Option<String>,
    pub name: String,
    pub location: String,
    pub capacity: i64,
    pub min_attendance: i64,
    pub compensation_cents: Option<i64>,
    pub status: String,
    pub default_start_time: String,
    pub plan: Vec<PlannedMeeting>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub enrolled_count: i64,
    pub waitlist_count: i64,
    /// The next meeting not cancelled, from the `now` the query was given.
    pub next_meeting_at: Option<i64>,
    /// Raised by the database on every change to one of the group's meetings
    /// or to its name (migration 0006): equal versions, equal schedules.
    pub calendar_version: i64,
}

/// A group with who is involved in it: what the policy decides on.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GroupDetail {
    pub group: Group,
    /// (id, name), by name.
    pub partners: Vec<(String, String)>,
    /// (user id, name, organisation id), by name.
    pub facilitators: Vec<(String, String, Option<String>)>,
}

impl GroupDetail {
    pub fn partner_ids(&self) -> Vec<&str> {
        self.partners.iter().map(|(id, _)| id.as_str()).collect()
    }
    pub fn facilitator_ids(&self) -> Vec<&str> {
        self.facilitators
            .iter()
            .map(|(id, _, _)| id.as_str())
            .collect()
    }
}

const SELECT: &str = "SELECT g.id, g.organisation_id, o.name AS organisation_name, g.format_id,
        fm.name AS format_name, fm.template_key AS format_template_key, g.name,
        g.location, g.capacity, g.min_attendance, g.compensation_cents, g.status,
        g.default_start_time, g.plan, g.created_by, g.created_at, g.updated_at, g.calendar_version,
        (SELECT COUNT(*) FROM enrolments e WHERE e.group_id = g.id AND e.status = 'enrolled') AS enrolled_count,
        (SELECT COUNT(*) FROM enrolments e WHERE e.group_id = g.id AND e.status = 'waitlisted') AS waitlist_count,
        (SELECT MIN(m.starts_at) FROM meetings m WHERE m.group_id = g.id AND m.cancelled = 0 AND m.ends_at > $1) AS next_meeting_at
     FROM club_groups g JOIN organisations o ON o.id = g.organisation_id
     JOIN formats fm ON fm.id = g.format_id";

fn from_row(r: AnyRow) -> Group {
    let plan: String = r.get("plan");
    Group {
        id: r.get("id"),
        organisation_id: r.get("organisation_id"),
        organisation_name: r.get("organisation_name"),
        format_id: r.get("format_id"),
        format_name: r.get("format_name"),
        format_template_key: r.get("format_template_key"),
        name: r.get("name"),
        location: r.get("location"),
        capacity: r.get("capacity"),
        min_attendance: r.get("min_attendance"),
        compensation_cents: r.get("compensation_cents"),
        status: r.get("status"),
        default_start_time: r.get("default_start_time"),
        plan: serde_json::from_str(&plan).unwrap_or_default(),
        created_by: r.get("created_by"),
        created_at: r.get("created_at"),
        updated_at: r.get("updated_at"),
        enrolled_count: r.get("enrolled_count"),
        waitlist_count: r.get("waitlist_count"),
        next_meeting_at: r.get("next_meeting_at"),
        calendar_version: r.get("calendar_version"),
    }
}

pub struct NewGroup<'a> {
    pub organisation_id: &'a str,
    pub format_id: &'a str,
    pub name: &'a str,
    pub location: &'a str,
    pub capacity: i64,
    pub min_attendance: i64,
    pub compensation_cents: Option<i64>,
    pub status: &'a str,
    pub default_start_time: &'a str,
    pub plan: &'a [PlannedMeeting],
    pub partner_ids: &'a [String],
    pub facilitator_ids: &'a [String],
}

pub async fn create(tx: &mut Tx, ctx: &Ctx, g: &NewGroup<'_>) -> Result<String> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO club_groups (id, organisation_id, format_id, name, location, capacity,
             min_attendance, compensation_cents, status, default_start_time, plan, created_by,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
    )
    .bind(id.clone())
    .bind(g.organisation_id.to_string())
    .bind(g.format_id.to_string())
    .bind(g.name.to_string())
    .bind(g.location.to_string())
    .bind(g.capacity)
    .bind(g.min_attendance)
    .bind(g.compensation_cents)
    .bind(g.status.to_string())
    .bind(g.default_start_time.to_string())
    .bind(serde_json::to_string(g.plan).unwrap_or_else(|_| "[]".into()))
    .bind(ctx.actor_id.clone())
    .bind(ctx.now)
    .execute(&mut **tx)
    .await?;
    insert_people(tx, &id, g.partner_ids, g.facilitator_ids).await?;
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "group.create",
            entity_type: "group",
            entity_id: &id,
            organisation_id: Some(g.organisation_id),
            details: serde_json::json!({
                "name": g.name, "format_id": g.format_id, "capacity": g.capacity,
                "compensation_cents": g.compensation_cents, "status": g.status,
                "partner_ids": g.partner_ids, "facilitator_ids": g.facilitator_ids,
            }),
        },
    )
    .await?;
    Ok(id)
}

async fn insert_people(
    tx: &mut Tx,
    id: &str,
    partners: &[String],
    facilitators: &[String],
) -> Result<()> {
    for p in partners {
        sqlx::query("INSERT INTO group_partners (group_id, organisation_id) VALUES ($1, $2)")
            .bind(id.to_string())
            .bind(p.clone())
            .execute(&mut **tx)
            .await?;
    }
    for f in facilitators {
        sqlx::query("INSERT INTO group_facilitators (group_id, user_id) VALUES ($1, $2)")
            .bind(id.to_string())
            .bind(f.clone())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A change to a group; `None` leaves a field as it is.
#[derive(Debug, Default, serde::Serialize)]
pub struct GroupChange {
    pub name: Option<String>,
    pub location: Option<String>,
    pub capacity: Option<i64>,
    pub compensation_cents: Option<Option<i64>>,
    pub status: Option<String>,
    pub partner_ids: Option<Vec<String>>,
    pub facilitator_ids: Option<Vec<String>>,
}

/// Takes the group's row for this transaction (a no-op write locks it on
/// PostgreSQL; SQLite has one writer), so a capacity check and the enrolments
/// it counts cannot interleave with another change.
pub async fn lock(tx: &mut Tx, id: &str) -> Result<()> {
    let done = sqlx::query("UPDATE club_groups SET updated_at = updated_at WHERE id = $1")
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub async fn enrolled_count(tx: &mut Tx, id: &str) -> Result<i64> {
    Ok(sqlx::query(
        "SELECT COUNT(*) AS n FROM enrolments WHERE group_id = $1 AND status = 'enrolled'",
    )
    .bind(id.to_string())
    .fetch_one(&mut **tx)
    .await?
    .get("n"))
}

pub async fn status_in(tx: &mut Tx, id: &str) -> Result<String> {
    sqlx::query("SELECT status FROM club_groups WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.get("status"))
        .ok_or(DbError::NotFound)
}

/// Applies a change the caller has checked (with [`lock`] held).
pub async fn update(
    tx: &mut Tx,
    ctx: &Ctx,
    id: &str,
    organisation_id: &str,
    c: &GroupChange,
) -> Result<()> {
    sqlx::query(
        "UPDATE club_groups SET
             name = COALESCE($1, name),
             location = COALESCE($2, location),
             capacity = COALESCE($3, capacity),
             compensation_cents = CASE WHEN $4 = 1 THEN $5 ELSE compensation_cents END,
             status = COALESCE($6, status),
             updated_at = $7
         WHERE id = $8",
    )
    .bind(c.name.clone())
    .bind(c.location.clone())
    .bind(c.capacity)
    .bind(i64::from(c.compensation_cents.is_some()))
    .bind(c.compensation_cents.flatten())
    .bind(c.status.clone())
    .bind(ctx.now)
    .bind(id.to_string())
    .execute(&mut **tx)
    .await?;
    if let Some(p) = &c.partner_ids {
        sqlx::query("DELETE FROM group_partners WHERE group_id = $1")
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        insert_people(tx, id, p, &[]).await?;
    }
    if let Some(f) = &c.facilitator_ids {
        sqlx::query("DELETE FROM group_facilitators WHERE group_id = $1")
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        insert_people(tx, id, &[], f).await?;
    }
    audit::record(
        tx,
        ctx,
        audit::Entry {
            action: "group.update",
            entity_type: "group",
            entity_id: id,
            organisation_id: Some(organisation_id),
            details: serde_json::to_value(c).unwrap_or_default(),
        },
    )
    .await
}

pub async fn get(db: &Db, id: &str, now: i64) -> Result<GroupDetail> {
    Ok(get_with(db, id, now, false).await?.0)
}

/// The group and its whole roster in one round trip, for the group page. The
/// caller's policy decides how much of the roster anyone is shown.
pub async fn get_with_roster(
    db: &Db,
    id: &str,
    now: i64,
) -> Result<(GroupDetail, Vec<crate::referrals::RosterEntry>)> {
    get_with(db, id, now, true).await
}

async fn get_with(
    db: &Db,
    id: &str,
    now: i64,
    with_roster: bool,
) -> Result<(GroupDetail, Vec<crate::referrals::RosterEntry>)> {
    // Partners and facilitators in the same round trip, as one JSON column:
    // `k` tells them apart.
    const PEOPLE: &str = "FROM (SELECT 'p' AS k, o.id, o.name, NULL AS organisation_id
               FROM group_partners p JOIN organisations o ON o.id = p.organisation_id
              WHERE p.group_id = $2
             UNION ALL
             SELECT 'f' AS k, u.id, u.name, u.organisation_id
               FROM group_facilitators f JOIN users u ON u.id = f.user_id
              WHERE f.group_id = $2) x";
    let people = match db.backend() {
        crate::Backend::Sqlite => format!(
            "(SELECT json_group_array(json_array(x.k, x.id, x.name, x.organisation_id) ORDER BY x.k, x.name) {PEOPLE})"
        ),
        crate::Backend::Postgres => format!(
            "(SELECT CAST(COALESCE(json_agg(json_build_array(x.k, x.id, x.name, x.organisation_id) ORDER BY x.k, x.name), '[]') AS TEXT) {PEOPLE})"
        ),
    };
    let roster = if with_roster {
        format!(
            ", {} AS roster",
            crate::referrals::roster_json(db.backend(), "x.id")
        )
    } else {
        String::new()
    };
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT x.*, {people} AS people{roster} FROM ({SELECT} WHERE g.id = $2) x"
    )))
    .bind(now)
    .bind(id.to_string())
    .fetch_optional(db.reader())
    .await?
    .ok_or(DbError::NotFound)?;
    let people: String = row.get("people");
    let people: Vec<(String, String, String, Option<String>)> =
        serde_json::from_str(&people).map_err(|e| DbError::Config(format!("group people: {e}")))?;
    let roster = if with_roster {
        crate::referrals::roster_from_json(row.get("roster"))?
    } else {
        Vec::new()
    };
    let group = from_row(row);
    let (mut partners, mut facilitators) = (Vec::new(), Vec::new());
    for (k, id, name, organisation_id) in people {
        if k == "p" {
            partners.push((id, name));
        } else {
            facilitators.push((id, name, organisation_id));
        }
    }
    Ok((
        GroupDetail {
            group,
            partners,
            facilitators,
        },
        roster,
    ))
}

/// Who is asking for a list: `organisation_id` `None` is an admin (every group).
pub struct Viewer<'a> {
    pub organisation_id: Option<&'a str>,
    pub user_id: &'a str,
}

#[derive(Debug, Default)]
pub struct Filter {
    pub status: Option<String>,
    /// Groups this organisation owns or partners in.
    pub organisation_id: Option<String>,
    /// Groups this user facilitates or created.
    pub mine_of: Option<String>,
    /// The `name id` key last seen.
    pub after: Option<String>,
}

pub fn sort_key(g: &Group) -> String {
    format!("{} {}", g.name, g.id)
}

pub async fn list(
    db: &Db,
    viewer: &Viewer<'_>,
    f: &Filter,
    now: i64,
    limit: i64,
) -> Result<Vec<Group>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT}
         WHERE ($2 IS NULL OR g.organisation_id = $2
                OR EXISTS (SELECT 1 FROM group_partners p WHERE p.group_id = g.id AND p.organisation_id = $2)
                OR EXISTS (SELECT 1 FROM group_facilitators f WHERE f.group_id = g.id AND f.user_id = $3))
           AND ($4 IS NULL OR g.status = $4)
           AND ($5 IS NULL OR g.organisation_id = $5
                OR EXISTS (SELECT 1 FROM group_partners p WHERE p.group_id = g.id AND p.organisation_id = $5))
           AND ($6 IS NULL OR g.created_by = $6
                OR EXISTS (SELECT 1 FROM group_facilitators f WHERE f.group_id = g.id AND f.user_id = $6))
           AND ($7 IS NULL OR g.name || ' ' || g.id > $7)
         ORDER BY g.name || ' ' || g.id
         LIMIT $8"
    )))
    .bind(now)
    .bind(viewer.organisation_id.map(str::to_string))
    .bind(viewer.user_id.to_string())
    .bind(f.status.clone())
    .bind(f.organisation_id.clone())
    .bind(f.mine_of.clone())
    .bind(f.after.clone())
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Active staff with the coach role in any of `organisations`: who may facilitate.
pub async fn coaches_of(db: &Db, organisations: &[&str]) -> Result<Vec<(String, String, String)>> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for org in organisations {
        let rows = sqlx::query(
            "SELECT u.id, u.name, u.organisation_id FROM users u
             JOIN user_roles r ON r.user_id = u.id AND r.role = 'coach'
             WHERE u.organisation_id = $1 AND u.active = 1 AND u.kind = 'staff'
             ORDER BY u.name",
        )
        .bind(org.to_string())
        .fetch_all(db.reader())
        .await?;
        out.extend(
            rows.into_iter()
                .map(|r| (r.get("id"), r.get("name"), r.get("organisation_id"))),
        );
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// The groups of one organisation with these statuses, (id, name) by name:
/// for filters, without the counts a full [`Group`] carries.
pub async fn names_of(
    db: &Db,
    organisation_id: &str,
    statuses: &[&str],
) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query(
        "SELECT id, name, status FROM club_groups WHERE organisation_id = $1 ORDER BY name, id",
    )
    .bind(organisation_id.to_string())
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|r| statuses.contains(&r.get::<String, _>("status").as_str()))
        .map(|r| (r.get("id"), r.get("name")))
        .collect())
}

/// Whether `user_id` is enrolled in the group (participants see their own groups).
pub async fn is_enrolled(db: &Db, group_id: &str, user_id: &str) -> Result<bool> {
    Ok(sqlx::query(
        "SELECT 1 AS one FROM enrolments WHERE group_id = $1 AND participant_id = $2 AND status = 'enrolled'",
    )
    .bind(group_id.to_string())
    .bind(user_id.to_string())
    .fetch_optional(db.reader())
    .await?
    .is_some())
}

/// Who made a group and who runs it: staff's own data, not in the copy yet (see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "groups",
    columns: &[
        "club_groups.created_by",
        "club_groups.created_at",
        "group_facilitators.user_id",
    ],
    export: &[],
    audit_entities: &[],
    read_actions: &[],
};
