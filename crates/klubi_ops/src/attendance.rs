//! Attendance: a meeting's sheet and its marks (under the group's lock,
//! refused while an approved payment report locks them), a participant's
//! advance notices and own attendance, and the meetings a coach has to mark.

use crate::Caller;
use crate::alerts::{NO_SHOW_DELAY_SECS, NoShow};
use crate::compensation::MyCompensation;
use crate::error::{Error, Result};
use crate::i18n::{self, rfc3339};
use crate::policy::{self, Action};
use klubi_db::attendance as db;
use klubi_db::compensation as comp;
use klubi_db::groups::GroupDetail;
use klubi_db::meetings::Meeting;
use klubi_db::referrals::RosterEntry;
use klubi_domain::Invalid;
use klubi_domain::attendance::{self as rules, Mark, parse_notice_reason};
use klubi_domain::month::local_day;
use std::collections::HashMap;

/// A participant's row for one meeting, and a mark as it changed.
pub use klubi_db::attendance::{Changed, MarkRow};
/// One meeting of someone's calendar, with its group's name.
pub use klubi_db::meetings::CalendarEntry;

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
    cx: &Caller,
    meeting: Meeting,
    group: GroupDetail,
    locked: Option<i64>,
) -> Result<Sheet> {
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
pub async fn sheet(cx: &Caller, meeting_id: &str) -> Result<Sheet> {
    let (m, g) = crate::meetings::visible_meeting(cx, meeting_id).await?;
    policy::require(cx.actor()?, Action::MarkAttendance { group: &g })?;
    let locked = comp::locking(cx.db(), &g.group.id)
        .await?
        .map(|r| r.version);
    sheet_of(cx, m, g, locked).await
}

/// A mark as given: a participant and a status (`None` clears the mark).
#[derive(Debug, Clone)]
pub struct MarkInput {
    pub participant_id: String,
    pub status: Option<String>,
}

/// Sets any subset of a meeting's marks and answers with the whole sheet.
pub async fn mark(cx: &Caller, meeting_id: &str, input: &[MarkInput]) -> Result<Sheet> {
    Ok(mark_changes(cx, meeting_id, input).await?.0)
}

/// [`mark`], also telling what each changed mark was before (for an undo).
pub async fn mark_changes(
    cx: &Caller,
    meeting_id: &str,
    input: &[MarkInput],
) -> Result<(Sheet, Vec<Changed>)> {
    let (m, g) = crate::meetings::visible_meeting(cx, meeting_id).await?;
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
        return Err(Error::Conflict("error-meeting-cancelled"));
    }
    let gid = g.group.id.clone();
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &gid).await?;
    if comp::locked_in(&mut tx, &gid).await?.is_some() {
        return Err(Error::Conflict("error-compensation-locked"));
    }
    let may = db::markable(&mut tx, &gid, m.starts_at).await?;
    if let Some((i, (p, _))) = marks
        .iter()
        .enumerate()
        .find(|(_, (p, _))| !may.contains(p))
    {
        return Err(Error::InvalidWith(
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
        crate::jobs::enqueue(
            &mut tx,
            &NoShow::of(&m.id, &c.participant_id),
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
async fn own_meeting(cx: &Caller, meeting_id: &str) -> Result<(Meeting, GroupDetail)> {
    let a = cx.actor()?;
    let m = klubi_db::meetings::get(cx.db(), meeting_id).await?;
    let enrolled = klubi_db::groups::is_enrolled(cx.db(), &m.group_id, &a.user.id).await?;
    policy::require(a, Action::GiveNotice { enrolled })?;
    let g = klubi_db::groups::get(cx.db(), &m.group_id, cx.now).await?;
    if m.cancelled {
        return Err(Error::Conflict("error-meeting-cancelled"));
    }
    if m.starts_at <= cx.now {
        return Err(Error::Conflict("error-notice-too-late"));
    }
    Ok((m, g))
}

/// "I can't come": before the meeting, by the participant. Shown to the coach;
/// the row reads `excused` unless the coach marks otherwise.
pub async fn give_notice(cx: &Caller, meeting_id: &str, reason: &str) -> Result<MarkRow> {
    let (m, g) = own_meeting(cx, meeting_id).await?;
    let reason = parse_notice_reason(reason).map_err(|k| Invalid::one("reason", k))?;
    set_notice(cx, &m, &g, Some(reason.as_deref())).await?;
    let me = &cx.actor()?.user.id;
    db::for_meeting(cx.db(), &m.id)
        .await?
        .into_iter()
        .find(|r| &r.participant_id == me)
        .ok_or(Error::NotFound)
}

pub async fn take_back_notice(cx: &Caller, meeting_id: &str) -> Result<()> {
    let (m, g) = own_meeting(cx, meeting_id).await?;
    set_notice(cx, &m, &g, None).await
}

async fn set_notice(
    cx: &Caller,
    m: &Meeting,
    g: &GroupDetail,
    notice: Option<Option<&str>>,
) -> Result<()> {
    let me = cx.actor()?.user.id.clone();
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if comp::locked_in(&mut tx, &g.group.id).await?.is_some() {
        return Err(Error::Conflict("error-compensation-locked"));
    }
    db::set_notice(&mut tx, &cx.ctx(), &m.id, &g.group.id, &me, notice).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

// ---------------------------------------------------------------- participant's own

#[derive(Debug, Clone)]
pub struct MyMeeting {
    pub meeting_id: String,
    /// RFC 3339, Helsinki time.
    pub starts_at: String,
    pub starts_at_ts: i64,
    /// The coach's mark, else `excused` after an advance notice.
    pub status: Option<Mark>,
    pub notice_reason: Option<String>,
    pub noticed: bool,
    pub upcoming: bool,
}

#[derive(Debug, Clone)]
pub struct MyAttendance {
    pub group_id: String,
    pub group_name: String,
    pub min_attendance: i64,
    pub attended_meetings: u32,
    pub meetings: Vec<MyMeeting>,
}

/// The caller's own attendance in each group they are enrolled in:
/// participants (404 for staff).
pub async fn my_attendance(cx: &Caller) -> Result<Vec<MyAttendance>> {
    let a = cx.actor()?;
    policy::require(a, Action::OwnAttendance)?;
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

/// A participant's own page: their attendance and compensation per group.
pub struct Mine {
    pub attendance: Vec<MyAttendance>,
    pub compensation: Vec<MyCompensation>,
}

/// [`my_attendance`] and [`crate::compensation::my_compensation`] together.
pub async fn mine(cx: &Caller) -> Result<Mine> {
    Ok(Mine {
        attendance: my_attendance(cx).await?,
        compensation: crate::compensation::my_compensation(cx).await?,
    })
}

// ---------------------------------------------------------------- today

/// The meetings a coach (or coordinator) has to mark.
pub struct ToMark {
    /// Today's, Helsinki time, in order.
    pub today: Vec<CalendarEntry>,
    /// The past week's that have begun, the latest first.
    pub recent: Vec<CalendarEntry>,
}

/// Meetings to mark: today's first, then the past week's (a coach may mark
/// afterwards), of the groups the caller runs (coaches and coordinators).
pub async fn to_mark(cx: &Caller) -> Result<ToMark> {
    let a = cx.actor()?;
    policy::require(a, Action::RunMeetings)?;
    let tz = i18n::tz();
    let day = local_day(cx.now, &tz);
    let start = day
        .to_zoned(tz.clone())
        .map(|z| z.timestamp().as_second())
        .unwrap_or(cx.now);
    let end = start + 86_400 + 3_600;
    let entries = klubi_db::meetings::calendar(
        cx.db(),
        &a.user.id,
        policy::coordinated_organisation(a),
        start - 7 * 86_400,
        end,
    )
    .await?;
    let (mut today, mut recent) = (vec![], vec![]);
    for e in entries {
        let is_today = local_day(e.meeting.starts_at, &tz) == day;
        if is_today {
            today.push(e);
        } else if e.meeting.starts_at <= cx.now {
            recent.push(e);
        }
    }
    recent.reverse();
    Ok(ToMark { today, recent })
}
