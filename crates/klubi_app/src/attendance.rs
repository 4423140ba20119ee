//! Attendance, advance notices, no-show alerts, compensation and the group
//! report, as both the pages and the API perform them. Every change to marks,
//! rates or the payment report takes the group's lock first, so an approval
//! and a mark are always in one order: the mark is in the snapshot, or refused.

use crate::clubs;
use crate::error::{AppError, AppResult};
use crate::i18n;
use crate::mail;
use crate::policy::{self, Action};
use crate::request::Cx;
use crate::state::AppStateRef;
use klubi_db::attendance::{self as db, MarkRow, NoShowAlert};
use klubi_db::compensation as comp;
use klubi_db::groups::GroupDetail;
use klubi_db::meetings::Meeting;
use klubi_db::referrals::RosterEntry;
use klubi_domain::Invalid;
use klubi_domain::attendance::{
    self as rules, Alert, AlertPolicy, Mark, Standing, parse_notice_reason,
};
use klubi_domain::compensation::{self as money, Attended, Rates};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A coach's undo within this time sends no alert: the check runs after it.
pub const NO_SHOW_DELAY_SECS: i64 = 600;
pub const NO_SHOW_JOB: &str = "no_show";

pub fn local_day(ts: i64) -> jiff::civil::Date {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.to_zoned(i18n::tz()).date())
        .unwrap_or_default()
}

/// One person's row on a meeting's attendance sheet.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub participant_id: String,
    pub name: String,
    /// The coach's own mark.
    pub marked: Option<Mark>,
    /// What the row shows: the mark, else `excused` for a notice.
    pub shown: Option<Mark>,
    pub marked_at: Option<i64>,
    pub notice_at: Option<i64>,
    pub notice_reason: Option<String>,
}

pub struct Sheet {
    pub meeting: Meeting,
    pub group: GroupDetail,
    pub rows: Vec<SheetRow>,
    pub expected: usize,
    /// The approved payment report's version that locks the marks.
    pub locked: Option<i64>,
}

/// Everyone who may be marked for a meeting starting at `starts_at` (enrolled
/// now, or withdrawn only after it began, as [`db::markable`]) and anyone
/// who has a row for it.
fn sheet_rows(roster: &[RosterEntry], marks: Vec<MarkRow>, starts_at: i64) -> Vec<SheetRow> {
    let mut by_person: HashMap<String, MarkRow> = marks
        .into_iter()
        .map(|r| (r.participant_id.clone(), r))
        .collect();
    let listed: Vec<&RosterEntry> = roster
        .iter()
        .filter(|e| {
            e.status == "enrolled"
                || (e.status == "withdrawn" && e.withdrawn_at.is_some_and(|w| w >= starts_at))
                || by_person.contains_key(&e.participant_id)
        })
        .collect();
    listed
        .into_iter()
        .map(|e| {
            let r = by_person.remove(&e.participant_id);
            SheetRow {
                participant_id: e.participant_id.clone(),
                name: e.name.clone(),
                marked: r.as_ref().and_then(|r| r.status),
                shown: r.as_ref().and_then(MarkRow::shown),
                marked_at: r.as_ref().and_then(|r| r.marked_at),
                notice_at: r.as_ref().and_then(|r| r.notice_at),
                notice_reason: r.and_then(|r| r.notice_reason),
            }
        })
        .collect()
}

/// `locked`: the locking version, already known to the caller.
async fn sheet_of(
    cx: &Cx,
    meeting: Meeting,
    group: GroupDetail,
    locked: Option<i64>,
) -> AppResult<Sheet> {
    let roster = klubi_db::referrals::roster(cx.db(), &group.group.id).await?;
    let marks = db::for_meeting(cx.db(), &meeting.id).await?;
    let rows = sheet_rows(&roster, marks, meeting.starts_at);
    let expected = rules::expected(rows.iter().map(|r| r.shown));
    Ok(Sheet {
        meeting,
        group,
        rows,
        expected,
        locked,
    })
}

/// The sheet of a meeting for those who mark it (404/403 for others).
pub async fn sheet(cx: &Cx, meeting_id: &str) -> AppResult<Sheet> {
    let (m, g) = clubs::visible_meeting(cx, meeting_id).await?;
    policy::require(cx.actor()?, Action::MarkAttendance { group: &g })?;
    let locked = comp::locking(cx.db(), &g.group.id)
        .await?
        .map(|r| r.version);
    sheet_of(cx, m, g, locked).await
}

/// A mark as given: a participant and a status (`None` clears the mark).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MarkInput {
    pub participant_id: String,
    pub status: Option<String>,
}

/// Sets any subset of a meeting's marks and answers with the whole sheet.
pub async fn mark(cx: &Cx, meeting_id: &str, input: &[MarkInput]) -> AppResult<Sheet> {
    Ok(mark_changes(cx, meeting_id, input).await?.0)
}

/// [`mark`], also telling what each changed mark was before (for an undo).
pub async fn mark_changes(
    cx: &Cx,
    meeting_id: &str,
    input: &[MarkInput],
) -> AppResult<(Sheet, Vec<db::Changed>)> {
    let (m, g) = clubs::visible_meeting(cx, meeting_id).await?;
    policy::require(cx.actor()?, Action::MarkAttendance { group: &g })?;
    let mut errors = Invalid::default();
    let mut marks = Vec::with_capacity(input.len());
    for (i, mk) in input.iter().enumerate() {
        match mk.status.as_deref().map(Mark::parse).transpose() {
            Ok(s) => marks.push((mk.participant_id.clone(), s)),
            Err(k) => errors.push(&format!("marks[{i}].status"), k),
        }
    }
    errors.into_result()?;
    if m.cancelled {
        return Err(AppError::Conflict("error-meeting-cancelled"));
    }
    let gid = g.group.id.clone();
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &gid).await?;
    if comp::locked_in(&mut tx, &gid).await?.is_some() {
        return Err(AppError::Conflict("error-compensation-locked"));
    }
    let may = db::markable(&mut tx, &gid, m.starts_at).await?;
    if let Some((i, (p, _))) = marks
        .iter()
        .enumerate()
        .find(|(_, (p, _))| !may.contains(p))
    {
        return Err(AppError::InvalidWith(
            Invalid::one(
                format!("marks[{i}].participant_id"),
                "error-attendance-not-enrolled",
            ),
            vec![("participant_id", p.clone())],
        ));
    }
    let changed = db::set(
        &mut tx,
        &cx.ctx(),
        &m.id,
        &gid,
        &g.group.organisation_id,
        &marks,
    )
    .await?;
    for c in changed.iter().filter(|c| c.to == Some(Mark::Absent)) {
        klubi_db::jobs::enqueue(
            &mut tx,
            NO_SHOW_JOB,
            // The links in the alert name the host the coach used (`cx.base`).
            &serde_json::json!({
                "meeting_id": m.id, "participant_id": c.participant_id, "base": cx.base,
            }),
            cx.now + NO_SHOW_DELAY_SECS,
            cx.now,
        )
        .await?;
    }
    klubi_db::commit(tx).await?;
    // Just checked under the lock: not locked.
    Ok((sheet_of(cx, m, g, None).await?, changed))
}

/// A participant's own meeting, which they may give notice of (404 otherwise).
async fn own_meeting(cx: &Cx, meeting_id: &str) -> AppResult<(Meeting, GroupDetail)> {
    let a = cx.actor()?;
    let m = klubi_db::meetings::get(cx.db(), meeting_id).await?;
    let enrolled = klubi_db::groups::is_enrolled(cx.db(), &m.group_id, &a.user.id).await?;
    policy::require(a, Action::GiveNotice { enrolled })?;
    let g = klubi_db::groups::get(cx.db(), &m.group_id, cx.now).await?;
    if m.cancelled {
        return Err(AppError::Conflict("error-meeting-cancelled"));
    }
    if m.starts_at <= cx.now {
        return Err(AppError::Conflict("error-notice-too-late"));
    }
    Ok((m, g))
}

/// "I can't come": before the meeting, by the participant. Shown to the coach;
/// the row reads `excused` unless the coach marks otherwise.
pub async fn give_notice(cx: &Cx, meeting_id: &str, reason: &str) -> AppResult<MarkRow> {
    let (m, g) = own_meeting(cx, meeting_id).await?;
    let reason = parse_notice_reason(reason).map_err(|k| Invalid::one("reason", k))?;
    set_notice(cx, &m, &g, Some(reason.as_deref())).await?;
    let me = &cx.actor()?.user.id;
    db::for_meeting(cx.db(), &m.id)
        .await?
        .into_iter()
        .find(|r| &r.participant_id == me)
        .ok_or(AppError::NotFound)
}

pub async fn take_back_notice(cx: &Cx, meeting_id: &str) -> AppResult<()> {
    let (m, g) = own_meeting(cx, meeting_id).await?;
    set_notice(cx, &m, &g, None).await
}

async fn set_notice(
    cx: &Cx,
    m: &Meeting,
    g: &GroupDetail,
    notice: Option<Option<&str>>,
) -> AppResult<()> {
    let me = cx.actor()?.user.id.clone();
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if comp::locked_in(&mut tx, &g.group.id).await?.is_some() {
        return Err(AppError::Conflict("error-compensation-locked"));
    }
    db::set_notice(&mut tx, &cx.ctx(), &m.id, &g.group.id, &me, notice).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// The no-show check, run by the worker after [`NO_SHOW_DELAY_SECS`]: if the
/// mark is still `absent`, the referring case manager's organisation's policy
/// decides whether to alert, and a repeat goes to the coordinators as well.
/// Idempotent: an alert per meeting and participant is stored once.
pub async fn run_no_show(state: &AppStateRef, job: &klubi_db::jobs::Job) -> Result<bool, String> {
    let field = |k: &str| {
        job.payload
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| format!("payload without {k}"))
    };
    let (meeting_id, participant_id) = (field("meeting_id")?, field("participant_id")?);
    let e = |e: klubi_db::DbError| e.to_string();
    let dbh = &state.db;
    let now = state.clock.now();
    let m = klubi_db::meetings::get(dbh, &meeting_id).await.map_err(e)?;
    let g = klubi_db::groups::get(dbh, &m.group_id, now)
        .await
        .map_err(e)?;
    let participant = klubi_db::users::get(dbh, &participant_id)
        .await
        .map_err(e)?;
    let referral = klubi_db::referrals::live_for(dbh, &g.group.id, &participant_id)
        .await
        .map_err(e)?;
    let case_manager = match referral.as_ref() {
        Some(r) => Some(klubi_db::users::get(dbh, &r.referred_by).await.map_err(e)?),
        None => None,
    };
    let alert_policy = match case_manager
        .as_ref()
        .and_then(|c| c.organisation_id.as_deref())
    {
        Some(org) => klubi_db::organisations::alert_policy(dbh, org)
            .await
            .map_err(e)?,
        None => AlertPolicy::Off,
    };
    let coordinators: Vec<klubi_db::users::User> =
        klubi_db::users::list(dbh, Some(&g.group.organisation_id), 1000)
            .await
            .map_err(e)?
            .into_iter()
            .filter(|u| u.active && u.roles.has(klubi_domain::roles::Role::Coordinator))
            .collect();
    // `cx.base` of the request that marked (KLUBI_PUBLIC_URL when set).
    let base = field("base")?;
    let ctx = klubi_db::Ctx::system(now, "no-show");
    let mut tx = dbh.begin().await.map_err(e)?;
    let mut history = db::history_in(&mut tx, &g.group.id, &participant_id, m.starts_at)
        .await
        .map_err(e)?;
    // The meeting itself last: later meetings do not change whether this one alerts.
    if let Some(i) = history.iter().position(|(id, _)| *id == m.id) {
        history.truncate(i + 1);
    }
    let marks: Vec<Option<Mark>> = history.into_iter().map(|(_, s)| s).collect();
    let still_absent = db::shown_in(&mut tx, &m.id, &participant_id)
        .await
        .map_err(e)?
        == Some(Mark::Absent);
    let earlier = db::alert_count_in(&mut tx, &g.group.id, &participant_id)
        .await
        .map_err(e)?;
    let due = if still_absent && !m.cancelled {
        rules::alert(
            alert_policy,
            &marks,
            u32::try_from(earlier).unwrap_or(u32::MAX),
        )
    } else {
        None
    };
    if let Some(level) = due {
        let escalated = level == Alert::Escalated;
        let stored = db::insert_alert(
            &mut tx,
            &ctx,
            &g.group.id,
            &m.id,
            &participant_id,
            case_manager.as_ref().map(|c| c.id.as_str()),
            escalated,
        )
        .await
        .map_err(e)?;
        if stored {
            let mut to: Vec<&klubi_db::users::User> = case_manager.iter().collect();
            if escalated {
                to.extend(coordinators.iter());
            }
            let mut seen = HashSet::new();
            for u in to.into_iter().filter(|u| seen.insert(u.id.clone())) {
                let when = i18n::datetime(u.language, m.starts_at);
                let link = format!("{base}/alerts");
                let kind = mail::Kind::NoShow {
                    participant: &participant.name,
                    group: &g.group.name,
                    when: &when,
                    escalated,
                    link: &link,
                };
                mail::queue_to(&mut tx, now, u, kind).await.map_err(e)?;
            }
        }
    }
    klubi_db::jobs::complete_in(&mut tx, job.id, now)
        .await
        .map_err(e)?;
    klubi_db::commit(tx).await.map_err(|x| x.to_string())?;
    state.jobs_notify.notify_one();
    Ok(true)
}

/// Alerts the caller should see: about the clients they referred, and for a
/// coordinator the escalated ones of their organisation's groups.
pub async fn alerts(cx: &Cx, limit: i64) -> AppResult<Vec<NoShowAlert>> {
    let a = cx.actor()?;
    let mut out = db::alerts_for_case_manager(cx.db(), &a.user.id, limit).await?;
    if let Some(org) = clubs::coordinator_org(a) {
        let seen: HashSet<String> = out.iter().map(|x| x.id.clone()).collect();
        out.extend(
            db::escalations_for_organisation(cx.db(), org, limit)
                .await?
                .into_iter()
                .filter(|x| !seen.contains(&x.id)),
        );
        out.sort_by(|x, y| y.created_at.cmp(&x.created_at).then(y.id.cmp(&x.id)));
        out.truncate(usize::try_from(limit).unwrap_or(0));
    }
    Ok(out)
}

pub async fn set_alert_policy(cx: &Cx, organisation_id: &str, policy_s: &str) -> AppResult<()> {
    let a = cx.actor()?;
    klubi_db::organisations::get(cx.db(), organisation_id).await?;
    policy::require(a, Action::ConfigureAlerts { organisation_id })?;
    let p = AlertPolicy::parse(policy_s).map_err(|k| Invalid::one("policy", k))?;
    let mut tx = cx.db().begin().await?;
    klubi_db::organisations::set_alert_policy(&mut tx, &cx.ctx(), organisation_id, p).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

// ---------------------------------------------------------------- compensation

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RateOut {
    /// `null` for the group's own rate (before any change).
    pub effective_from: Option<String>,
    pub rate_cents: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LineOut {
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// The lines and total: computed from the marks, or an approved snapshot.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Statement {
    pub group_id: String,
    /// The rate in force today (cents per attended meeting; `null`: none).
    pub rate_cents: Option<i64>,
    pub rates: Vec<RateOut>,
    pub lines: Vec<LineOut>,
    pub total_cents: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Compensation {
    #[serde(flatten)]
    pub statement: Statement,
    pub approved: bool,
    pub version: Option<i64>,
    pub approved_at: Option<String>,
    pub approved_by: Option<String>,
    pub approved_by_name: Option<String>,
}

use crate::api::me::rfc3339;

async fn rates_of(cx: &Cx, g: &GroupDetail) -> AppResult<(Rates, Vec<RateOut>)> {
    let rows = comp::rates(cx.db(), &g.group.id).await?;
    Ok(rates_from(g.group.compensation_cents, rows))
}

fn rates_from(base: Option<i64>, rows: Vec<(String, Option<i64>)>) -> (Rates, Vec<RateOut>) {
    let mut out = vec![RateOut {
        effective_from: None,
        rate_cents: base,
    }];
    let mut changes = Vec::new();
    for (d, r) in rows {
        if let Ok(day) = d.parse::<jiff::civil::Date>() {
            changes.push((day, r));
        }
        out.push(RateOut {
            effective_from: Some(d),
            rate_cents: r,
        });
    }
    (Rates::new(base, changes), out)
}

/// Everyone's attended meetings of the group and the marks' days.
struct GroupMarks {
    roster: Vec<RosterEntry>,
    meetings: Vec<Meeting>,
    rows: Vec<MarkRow>,
}

async fn group_marks(cx: &Cx, g: &GroupDetail) -> AppResult<GroupMarks> {
    let roster = klubi_db::referrals::roster(cx.db(), &g.group.id).await?;
    let meetings = klubi_db::meetings::list_for_group(cx.db(), &g.group.id, None, 10_000).await?;
    let rows = db::for_group(cx.db(), &g.group.id).await?;
    Ok(GroupMarks {
        roster,
        meetings,
        rows,
    })
}

fn statement_of(
    group_id: &str,
    rates: &Rates,
    rate_out: Vec<RateOut>,
    gm: &GroupMarks,
    today: jiff::civil::Date,
) -> Statement {
    let day: HashMap<&str, jiff::civil::Date> = gm
        .meetings
        .iter()
        .map(|m| (m.id.as_str(), local_day(m.starts_at)))
        .collect();
    let names: HashMap<&str, &str> = gm
        .roster
        .iter()
        .map(|e| (e.participant_id.as_str(), e.name.as_str()))
        .collect();
    let people: Vec<String> = gm
        .roster
        .iter()
        .filter(|e| e.status == "enrolled")
        .map(|e| e.participant_id.clone())
        .collect();
    let attended = gm.rows.iter().filter_map(|r| {
        Some(Attended {
            participant: r.participant_id.clone(),
            day: *day.get(r.meeting_id.as_str())?,
            mark: r.status?,
        })
    });
    let lines = money::lines(rates, &people, attended);
    let total_cents = money::total(&lines);
    Statement {
        group_id: group_id.to_string(),
        rate_cents: rates.on(today),
        rates: rate_out,
        lines: lines
            .into_iter()
            .map(|l| LineOut {
                name: names
                    .get(l.participant.as_str())
                    .map_or_else(|| "–".to_string(), |n| (*n).to_string()),
                participant_id: l.participant,
                attended_meetings: l.attended_meetings,
                amount_cents: l.amount_cents,
            })
            .collect(),
        total_cents,
    }
}

async fn live_statement(cx: &Cx, g: &GroupDetail) -> AppResult<Statement> {
    let (rates, out) = rates_of(cx, g).await?;
    let gm = group_marks(cx, g).await?;
    Ok(statement_of(
        &g.group.id,
        &rates,
        out,
        &gm,
        local_day(cx.now),
    ))
}

fn from_report(r: &comp::Report) -> AppResult<Compensation> {
    let statement: Statement = serde_json::from_value(r.snapshot.clone())
        .map_err(|e| AppError::Internal(format!("compensation snapshot: {e}")))?;
    Ok(Compensation {
        statement,
        approved: r.reopened_at.is_none(),
        version: Some(r.version),
        approved_at: Some(rfc3339(r.approved_at)),
        approved_by: Some(r.approved_by.clone()),
        approved_by_name: Some(r.approved_by_name.clone()),
    })
}

/// The payment report: the approved snapshot while one locks the group,
/// otherwise computed from the marks now.
pub async fn compensation_of(cx: &Cx, g: &GroupDetail) -> AppResult<Compensation> {
    if let Some(r) = comp::locking(cx.db(), &g.group.id).await? {
        return from_report(&r);
    }
    Ok(Compensation {
        statement: live_statement(cx, g).await?,
        approved: false,
        version: None,
        approved_at: None,
        approved_by: None,
        approved_by_name: None,
    })
}

pub async fn managed_group(cx: &Cx, group_id: &str) -> AppResult<GroupDetail> {
    let g = clubs::visible_group(cx, group_id).await?;
    policy::require(cx.actor()?, Action::ManageCompensation { group: &g })?;
    Ok(g)
}

pub async fn compensation(cx: &Cx, group_id: &str) -> AppResult<(GroupDetail, Compensation)> {
    let g = managed_group(cx, group_id).await?;
    let c = compensation_of(cx, &g).await?;
    Ok((g, c))
}

/// A rate from a date on (`None`: no compensation from then).
pub async fn set_rate(
    cx: &Cx,
    group_id: &str,
    effective_from: &str,
    rate_cents: Option<i64>,
) -> AppResult<()> {
    let g = managed_group(cx, group_id).await?;
    let mut errors = Invalid::default();
    let day = klubi_domain::schedule::parse_date(effective_from)
        .map_err(|k| errors.push("effective_from", k))
        .ok();
    let rate = money::parse_rate(rate_cents)
        .map_err(|k| errors.push("rate_cents", k))
        .ok();
    errors.into_result()?;
    let (Some(day), Some(rate)) = (day, rate) else {
        return Err(AppError::Internal("parsed rate missing".into()));
    };
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if comp::locked_in(&mut tx, &g.group.id).await?.is_some() {
        return Err(AppError::Conflict("error-compensation-locked"));
    }
    comp::set_rate(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        &day.to_string(),
        rate,
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

pub async fn remove_rate(cx: &Cx, group_id: &str, effective_from: &str) -> AppResult<()> {
    let g = managed_group(cx, group_id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if comp::locked_in(&mut tx, &g.group.id).await?.is_some() {
        return Err(AppError::Conflict("error-compensation-locked"));
    }
    if !comp::remove_rate(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        effective_from,
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    klubi_db::commit(tx).await?;
    Ok(())
}

/// Approves the report as it stands: the snapshot is computed inside the
/// transaction that holds the group's lock, so no mark can come between.
pub async fn approve(cx: &Cx, group_id: &str) -> AppResult<Compensation> {
    let g = managed_group(cx, group_id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    approve_in(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        g.group.compensation_cents,
    )
    .await?;
    klubi_db::commit(tx).await?;
    compensation_of(cx, &g).await
}

/// The approval itself, in a transaction that holds the group's lock: the
/// statement is computed from what that transaction reads, so no mark can
/// come between the figures and the lock. Returns the version.
pub async fn approve_in(
    tx: &mut klubi_db::Tx,
    ctx: &klubi_db::Ctx,
    group_id: &str,
    organisation_id: &str,
    base_rate: Option<i64>,
) -> AppResult<i64> {
    if let Some(v) = comp::locked_in(tx, group_id).await? {
        return Err(already_approved(v));
    }
    let (rates, out) = rates_from(base_rate, comp::rates_in(tx, group_id).await?);
    let gm = GroupMarks {
        roster: klubi_db::referrals::roster_in(tx, group_id).await?,
        meetings: klubi_db::meetings::list_for_group_in(tx, group_id).await?,
        rows: db::for_group_in(tx, group_id).await?,
    };
    let statement = statement_of(group_id, &rates, out, &gm, local_day(ctx.now));
    let snapshot = serde_json::to_value(&statement)
        .map_err(|e| AppError::Internal(format!("snapshot: {e}")))?;
    comp::approve(
        tx,
        ctx,
        group_id,
        organisation_id,
        &snapshot,
        statement.total_cents,
    )
    .await?
    .map_err(already_approved)
}

fn already_approved(version: i64) -> AppError {
    AppError::ConflictWith(
        "error-compensation-approved",
        vec![("version", version.to_string())],
    )
}

pub async fn reopen(cx: &Cx, group_id: &str, reason: &str) -> AppResult<Compensation> {
    let g = managed_group(cx, group_id).await?;
    let reason =
        klubi_domain::meetings::parse_reason(reason).map_err(|k| Invalid::one("reason", k))?;
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if comp::reopen(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        &reason,
    )
    .await?
    .is_none()
    {
        return Err(AppError::Conflict("error-compensation-not-approved"));
    }
    klubi_db::commit(tx).await?;
    compensation_of(cx, &g).await
}

pub async fn versions(cx: &Cx, group_id: &str) -> AppResult<(GroupDetail, Vec<comp::Report>)> {
    let g = managed_group(cx, group_id).await?;
    let v = comp::versions(cx.db(), &g.group.id).await?;
    Ok((g, v))
}

pub async fn version_statement(
    cx: &Cx,
    group_id: &str,
    version: i64,
) -> AppResult<(GroupDetail, Compensation)> {
    let g = managed_group(cx, group_id).await?;
    let r = comp::version(cx.db(), &g.group.id, version).await?;
    Ok((g, from_report(&r)?))
}

/// Records that the caller took personal data out as a spreadsheet (as the
/// roster's export does): what, of which group or organisation, how many rows.
async fn record_export(
    cx: &Cx,
    entity_type: &str,
    entity_id: &str,
    organisation_id: &str,
    details: serde_json::Value,
) -> AppResult<()> {
    let mut tx = cx.db().begin().await?;
    klubi_db::audit::record(
        &mut tx,
        &cx.ctx(),
        klubi_db::audit::Entry {
            action: "compensation.export",
            entity_type,
            entity_id,
            organisation_id: Some(organisation_id),
            details,
        },
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// A group's payment report (the live one, or version `c.version`) as CSV, audited.
pub async fn csv_export(cx: &Cx, g: &GroupDetail, c: &Compensation) -> AppResult<Vec<u8>> {
    let body = csv(cx, c)?;
    record_export(
        cx,
        "group",
        &g.group.id,
        &g.group.organisation_id,
        serde_json::json!({ "version": c.version, "rows": c.statement.lines.len() }),
    )
    .await?;
    Ok(body)
}

/// An organisation's month as CSV, audited.
pub async fn month_csv_export(cx: &Cx, m: &OrganisationMonth) -> AppResult<Vec<u8>> {
    let body = month_csv(cx, m)?;
    record_export(
        cx,
        "organisation",
        &m.organisation_id,
        &m.organisation_id,
        serde_json::json!({ "month": m.month, "rows": m.lines.len() }),
    )
    .await?;
    Ok(body)
}

/// The columns of a payment line, in every payment spreadsheet.
const PAYMENT_COLUMNS: [&str; 5] = [
    "compensation-csv-name",
    "compensation-csv-id",
    "compensation-csv-meetings",
    "compensation-csv-euros",
    "compensation-csv-cents",
];

/// A payment line's cells for [`PAYMENT_COLUMNS`]: euros with a comma, and cents.
fn payment_cells(name: &str, participant_id: &str, meetings: u32, cents: i64) -> Vec<String> {
    vec![
        name.to_string(),
        participant_id.to_string(),
        meetings.to_string(),
        money::euros_cell(cents),
        cents.to_string(),
    ]
}

/// The payment report as a spreadsheet: UTF-8 with a BOM (Excel reads ä/ö/å
/// right), `;` between cells, euros with a comma and cents, every text cell
/// safe from formula injection.
fn csv(cx: &Cx, c: &Compensation) -> AppResult<Vec<u8>> {
    crate::web::spreadsheet(
        &PAYMENT_COLUMNS.map(|k| cx.t(k)),
        c.statement.lines.iter().map(|l| {
            payment_cells(
                &l.name,
                &l.participant_id,
                l.attended_meetings,
                l.amount_cents,
            )
        }),
    )
}

/// A participant's own statement per group.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyCompensation {
    pub group_id: String,
    pub group_name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
    pub approved: bool,
}

pub async fn my_compensation(cx: &Cx) -> AppResult<Vec<MyCompensation>> {
    let a = cx.actor()?;
    let mut out = Vec::new();
    for mg in klubi_db::referrals::groups_of_participant(cx.db(), &a.user.id).await? {
        let g = klubi_db::groups::get(cx.db(), &mg.group_id, cx.now).await?;
        let c = compensation_of(cx, &g).await?;
        let line = c
            .statement
            .lines
            .iter()
            .find(|l| l.participant_id == a.user.id);
        out.push(MyCompensation {
            group_id: g.group.id.clone(),
            group_name: g.group.name.clone(),
            attended_meetings: line.map_or(0, |l| l.attended_meetings),
            amount_cents: line.map_or(0, |l| l.amount_cents),
            approved: c.approved,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- report

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingCount {
    pub meeting_id: String,
    pub starts_at: String,
    #[serde(skip)]
    pub starts_at_ts: i64,
    pub kind: String,
    pub theme: String,
    pub held: bool,
    pub present: u32,
    pub late: u32,
    pub excused: u32,
    pub absent: u32,
    pub unmarked: u32,
}

impl MeetingCount {
    pub fn attended(&self) -> u32 {
        self.present + self.late
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ParticipantCount {
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    /// `met`, `on_track` or `below`.
    #[schema(value_type = String)]
    pub standing: Standing,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub group_id: String,
    pub enrolled: i64,
    pub waitlisted: i64,
    pub meetings_held: u32,
    pub meetings_remaining: u32,
    /// Attended marks of the enrolled in held meetings over enrolled × held.
    pub attendance_rate: f64,
    pub min_attendance: i64,
    /// Enrolled participants who did not, or can no longer, attend the minimum.
    pub below_min_attendance: Vec<String>,
    pub participants: Vec<ParticipantCount>,
    pub per_meeting: Vec<MeetingCount>,
    pub compensation_total_cents: i64,
    pub compensation_approved: bool,
    pub feedback: serde_json::Value,
    pub outcomes: serde_json::Value,
}

pub async fn report(cx: &Cx, group_id: &str) -> AppResult<(GroupDetail, Report)> {
    let g = clubs::visible_group(cx, group_id).await?;
    policy::require(cx.actor()?, Action::ViewReport { group: &g })?;
    let gm = group_marks(cx, &g).await?;
    // The approved total while locked; otherwise computed from the same marks.
    let c = match comp::locking(cx.db(), &g.group.id).await? {
        Some(r) => (from_report(&r)?.statement.total_cents, true),
        None => {
            let (rates, out) = rates_of(cx, &g).await?;
            let s = statement_of(&g.group.id, &rates, out, &gm, local_day(cx.now));
            (s.total_cents, false)
        }
    };
    let r = report_of(&g, &gm, cx.now, c);
    Ok((g, r))
}

fn report_of(g: &GroupDetail, gm: &GroupMarks, now: i64, (total, approved): (i64, bool)) -> Report {
    let enrolled: Vec<&RosterEntry> = gm
        .roster
        .iter()
        .filter(|e| e.status == "enrolled")
        .collect();
    let enrolled_ids: HashSet<&str> = enrolled.iter().map(|e| e.participant_id.as_str()).collect();
    let mut by_meeting: HashMap<&str, Vec<&MarkRow>> = HashMap::new();
    for r in &gm.rows {
        by_meeting.entry(r.meeting_id.as_str()).or_default().push(r);
    }
    let mut per_meeting = Vec::new();
    let (mut held, mut remaining) = (0u32, 0u32);
    let mut attended_of: HashMap<&str, u32> = HashMap::new();
    let mut attended_marks = 0u64;
    for m in gm.meetings.iter().filter(|m| !m.cancelled) {
        let rows = by_meeting
            .get(m.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let is_held = m.starts_at <= now || rows.iter().any(|r| r.status.is_some());
        let mut c = MeetingCount {
            meeting_id: m.id.clone(),
            starts_at: rfc3339(m.starts_at),
            starts_at_ts: m.starts_at,
            kind: m.kind.clone(),
            theme: m.theme.clone(),
            held: is_held,
            present: 0,
            late: 0,
            excused: 0,
            absent: 0,
            unmarked: 0,
        };
        let mut seen = HashSet::new();
        for r in rows
            .iter()
            .filter(|r| enrolled_ids.contains(r.participant_id.as_str()))
        {
            seen.insert(r.participant_id.as_str());
            match r.shown() {
                Some(Mark::Present) => c.present += 1,
                Some(Mark::Late) => c.late += 1,
                Some(Mark::Excused) => c.excused += 1,
                Some(Mark::Absent) => c.absent += 1,
                None => c.unmarked += 1,
            }
            if r.status.is_some_and(Mark::attended) {
                *attended_of.entry(r.participant_id.as_str()).or_default() += 1;
                if is_held {
                    attended_marks += 1;
                }
            }
        }
        c.unmarked += u32::try_from(enrolled_ids.len() - seen.len()).unwrap_or(0);
        if is_held {
            held += 1;
        } else {
            remaining += 1;
        }
        per_meeting.push(c);
    }
    let min = u32::try_from(g.group.min_attendance).unwrap_or(0);
    let participants: Vec<ParticipantCount> = enrolled
        .iter()
        .map(|e| {
            let n = attended_of
                .get(e.participant_id.as_str())
                .copied()
                .unwrap_or(0);
            ParticipantCount {
                participant_id: e.participant_id.clone(),
                name: e.name.clone(),
                attended_meetings: n,
                standing: rules::standing(n, remaining, min),
            }
        })
        .collect();
    let slots = enrolled.len() as u64 * u64::from(held);
    let rate = if slots == 0 {
        0.0
    } else {
        (attended_marks as f64 / slots as f64 * 10_000.0).round() / 10_000.0
    };
    Report {
        group_id: g.group.id.clone(),
        enrolled: enrolled.len() as i64,
        waitlisted: gm
            .roster
            .iter()
            .filter(|e| e.status == "waitlisted")
            .count() as i64,
        meetings_held: held,
        meetings_remaining: remaining,
        attendance_rate: rate,
        min_attendance: g.group.min_attendance,
        below_min_attendance: participants
            .iter()
            .filter(|p| p.standing == Standing::Below)
            .map(|p| p.participant_id.clone())
            .collect(),
        participants,
        per_meeting,
        compensation_total_cents: total,
        compensation_approved: approved,
        // Feedback and outcomes arrive with their own issues; none is recorded yet.
        feedback: serde_json::json!({ "answers": 0 }),
        outcomes: serde_json::json!({}),
    }
}

// ---------------------------------------------------------------- participant's own

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyMeeting {
    pub meeting_id: String,
    pub starts_at: String,
    #[serde(skip)]
    pub starts_at_ts: i64,
    #[schema(value_type = Option<String>)]
    pub status: Option<Mark>,
    pub notice_reason: Option<String>,
    #[serde(skip)]
    pub noticed: bool,
    #[serde(skip)]
    pub upcoming: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyAttendance {
    pub group_id: String,
    pub group_name: String,
    pub min_attendance: i64,
    pub attended_meetings: u32,
    pub meetings: Vec<MyMeeting>,
}

pub async fn my_attendance(cx: &Cx) -> AppResult<Vec<MyAttendance>> {
    let a = cx.actor()?;
    let rows = db::for_participant(cx.db(), &a.user.id).await?;
    let mut out = Vec::new();
    for mg in klubi_db::referrals::groups_of_participant(cx.db(), &a.user.id).await? {
        if mg.status != "enrolled" {
            continue;
        }
        let g = klubi_db::groups::get(cx.db(), &mg.group_id, cx.now).await?;
        let meetings = klubi_db::meetings::list_for_group(cx.db(), &g.group.id, None, 1000).await?;
        let mut attended = 0;
        let ms: Vec<MyMeeting> = meetings
            .iter()
            .filter(|m| !m.cancelled)
            .map(|m| {
                let r = rows.iter().find(|r| r.meeting_id == m.id);
                if r.and_then(|r| r.status).is_some_and(Mark::attended) {
                    attended += 1;
                }
                MyMeeting {
                    meeting_id: m.id.clone(),
                    starts_at: rfc3339(m.starts_at),
                    starts_at_ts: m.starts_at,
                    status: r.and_then(MarkRow::shown),
                    notice_reason: r.and_then(|r| r.notice_reason.clone()),
                    noticed: r.is_some_and(|r| r.notice_at.is_some()),
                    upcoming: m.starts_at > cx.now,
                }
            })
            .collect();
        out.push(MyAttendance {
            group_id: g.group.id.clone(),
            group_name: g.group.name.clone(),
            min_attendance: g.group.min_attendance,
            attended_meetings: attended,
            meetings: ms,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- an organisation's month

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthLine {
    pub group_id: String,
    pub group_name: String,
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// Every group's compensation lines for the meetings of one month (computed
/// from the marks; a group's own approved report covers the whole group).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganisationMonth {
    pub organisation_id: String,
    /// `YYYY-MM`.
    pub month: String,
    pub lines: Vec<MonthLine>,
    pub total_cents: i64,
}

/// `YYYY-MM` → its first day and the next month's, or a field error.
pub fn parse_month(s: &str) -> Result<(jiff::civil::Date, jiff::civil::Date), &'static str> {
    let (y, m) = s.trim().split_once('-').ok_or("error-month-invalid")?;
    let y: i16 = y.parse().map_err(|_| "error-month-invalid")?;
    let m: i8 = m.parse().map_err(|_| "error-month-invalid")?;
    if !(2000..=2100).contains(&y) {
        return Err("error-month-invalid");
    }
    let first = jiff::civil::Date::new(y, m, 1).map_err(|_| "error-month-invalid")?;
    let next = first
        .checked_add(jiff::Span::new().months(1))
        .map_err(|_| "error-month-invalid")?;
    Ok((first, next))
}

pub async fn organisation_month(
    cx: &Cx,
    organisation_id: &str,
    month: &str,
) -> AppResult<OrganisationMonth> {
    let a = cx.actor()?;
    klubi_db::organisations::get(cx.db(), organisation_id).await?;
    policy::require(a, Action::PlanClubs { organisation_id })?;
    let (first, next) = parse_month(month).map_err(|k| Invalid::one("month", k))?;
    let tz = i18n::tz();
    let at = |d: jiff::civil::Date| {
        d.to_zoned(tz.clone())
            .map(|z| z.timestamp().as_second())
            .map_err(|_| AppError::Invalid(Invalid::one("month", "error-month-invalid")))
    };
    let mut rows = comp::month_rows(cx.db(), organisation_id, at(first)?, at(next)?).await?;
    rows.sort_by(|a, b| {
        (
            &a.group_name,
            &a.group_id,
            &a.participant_name,
            &a.participant_id,
        )
            .cmp(&(
                &b.group_name,
                &b.group_id,
                &b.participant_name,
                &b.participant_id,
            ))
    });
    // Rate changes are read only for the groups that have them.
    let mut changes = if rows.iter().any(|r| r.rate_changes) {
        comp::rates_of_organisation(cx.db(), organisation_id).await?
    } else {
        HashMap::new()
    };
    let mut rates: HashMap<String, Rates> = HashMap::new();
    let mut lines: Vec<MonthLine> = Vec::new();
    for r in rows {
        let amount = if r.rate_changes {
            let rate = rates.entry(r.group_id.clone()).or_insert_with(|| {
                rates_from(r.base_rate, changes.remove(&r.group_id).unwrap_or_default()).0
            });
            rate.on(local_day(r.starts_at)).unwrap_or(0)
        } else {
            r.base_rate.unwrap_or(0) * r.count
        };
        let count = u32::try_from(r.count).unwrap_or(0);
        match lines.last_mut() {
            Some(l) if l.group_id == r.group_id && l.participant_id == r.participant_id => {
                l.attended_meetings += count;
                l.amount_cents += amount;
            }
            _ => lines.push(MonthLine {
                group_id: r.group_id,
                group_name: r.group_name,
                participant_id: r.participant_id,
                name: r.participant_name,
                attended_meetings: count,
                amount_cents: amount,
            }),
        }
    }
    let total_cents = lines.iter().map(|l| l.amount_cents).sum();
    Ok(OrganisationMonth {
        organisation_id: organisation_id.to_string(),
        month: first.strftime("%Y-%m").to_string(),
        lines,
        total_cents,
    })
}

fn month_csv(cx: &Cx, m: &OrganisationMonth) -> AppResult<Vec<u8>> {
    let header: Vec<String> = std::iter::once("compensation-csv-group")
        .chain(PAYMENT_COLUMNS)
        .map(|k| cx.t(k))
        .collect();
    crate::web::spreadsheet(
        &header,
        m.lines.iter().map(|l| {
            let mut cells = vec![l.group_name.clone()];
            cells.extend(payment_cells(
                &l.name,
                &l.participant_id,
                l.attended_meetings,
                l.amount_cents,
            ));
            cells
        }),
    )
}
