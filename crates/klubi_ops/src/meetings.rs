//! Meetings: a group's schedule, generated from its plan and then edited one by
//! one (moves and cancellations with a reason), frozen while a report is approved.

use crate::Caller;
use crate::error::{Error, Result};
use crate::groups::visible_group;
use crate::policy::{self, Action};
use klubi_domain::Invalid;
use klubi_domain::formats::parse_time_of_day;
use klubi_domain::groups::GroupStatus;
use klubi_domain::meetings::{MeetingDraft, parse_reason};
use klubi_domain::schedule::{ScheduleSpec, Skipped};
use std::sync::Arc;

pub use klubi_db::groups::GroupDetail;
pub use klubi_db::meetings::Meeting;

/// What a meeting is called: its own title, or its theme's name.
pub fn meeting_what(memo: &mut crate::i18n::Memo, m: &Meeting) -> String {
    m.title.clone().unwrap_or_else(|| memo.theme(&m.theme))
}

/// The local start times of the group's regular meetings, for the unusual-time flag.
pub fn regular_starts(meetings: &[Meeting]) -> Vec<jiff::civil::DateTime> {
    let tz = crate::i18n::tz();
    meetings
        .iter()
        .filter(|m| m.kind == "regular" && !m.cancelled)
        .filter_map(|m| jiff::Timestamp::from_second(m.starts_at).ok())
        .map(|t| t.to_zoned(tz.clone()).datetime())
        .collect()
}

/// Excursions at another time than the group's usual meetings are flagged.
pub fn unusual(m: &Meeting, regular: &[jiff::civil::DateTime]) -> bool {
    m.kind == "excursion"
        && jiff::Timestamp::from_second(m.starts_at)
            .map(|t| {
                klubi_domain::meetings::at_unusual_time(
                    t.to_zoned(crate::i18n::tz()).datetime(),
                    regular,
                )
            })
            .unwrap_or(false)
}

impl crate::built::Weigh for Vec<Meeting> {
    fn weight(&self) -> usize {
        self.iter()
            .map(|m| {
                256 + m.agenda.len() + m.location.len() + m.title.as_deref().map_or(0, str::len)
            })
            .sum()
    }
}

/// Schedules read lately, by group and calendar version.
static SCHEDULES: std::sync::LazyLock<crate::built::Built<Arc<Vec<Meeting>>>> =
    std::sync::LazyLock::new(|| crate::built::Built::new(16 * 1024 * 1024));

/// A group's every meeting in time order, kept by the group's calendar version
/// (which the database raises on every change to one of its meetings), so the
/// group page reads them once per change rather than once per view. Who last
/// changed a meeting is left out: a user's name is not part of the version.
pub async fn schedule(cx: &Caller, g: &GroupDetail) -> Result<Arc<Vec<Meeting>>> {
    let key = format!("{} {}", g.group.id, g.group.calendar_version);
    SCHEDULES
        .get_or_build(&key, || async {
            let mut all =
                klubi_db::meetings::list_for_group(cx.db(), &g.group.id, None, 10_000).await?;
            for m in &mut all {
                m.changed_by_name = None;
            }
            Ok(Arc::new(all))
        })
        .await
}

/// The group's usual meeting times, read only when one of `shown` is an
/// excursion (the only kind compared with them).
async fn regular_of(
    cx: &Caller,
    g: &GroupDetail,
    shown: &[&Meeting],
) -> Result<Vec<jiff::civil::DateTime>> {
    if !shown.iter().any(|m| m.kind == "excursion") {
        return Ok(vec![]);
    }
    Ok(regular_starts(&schedule(cx, g).await?))
}

/// A meeting the caller may see, with its group, else 404.
pub async fn visible_meeting(cx: &Caller, id: &str) -> Result<(Meeting, GroupDetail)> {
    let m = klubi_db::meetings::get(cx.db(), id).await?;
    let g = visible_group(cx, &m.group_id).await?;
    Ok((m, g))
}

/// Whether the caller is one of the group's members, who see its online links:
/// those who run its meetings and the participants enrolled in it.
async fn is_member(cx: &Caller, g: &GroupDetail) -> Result<bool> {
    let a = cx.actor()?;
    Ok(policy::allows(a, Action::ManageMeetings { group: g })
        || (!policy::allows(a, Action::UseStaffArea)
            && klubi_db::groups::is_enrolled(cx.db(), &g.group.id, &a.user.id).await?))
}

fn closed(g: &GroupDetail) -> bool {
    g.group
        .status
        .parse::<GroupStatus>()
        .is_ok_and(|s| s.is_closed())
}

/// A meeting as the caller may see it, and what they may do with it.
pub struct MeetingView {
    /// Its online link only for the group's members.
    pub meeting: Meeting,
    pub group: GroupDetail,
    /// An excursion at another time than the group's usual meetings.
    pub unusual_time: bool,
    /// The caller is one of the group's members (sees the online link).
    pub members: bool,
    /// Staff see the group page; a participant has their own page instead.
    pub staff: bool,
    /// Edit, move or cancel it (not a cancelled one, not in a closed group).
    pub may_edit: bool,
    /// Mark its attendance (not a cancelled one).
    pub may_mark: bool,
}

async fn view_of(cx: &Caller, mut m: Meeting, g: GroupDetail) -> Result<MeetingView> {
    let a = cx.actor()?;
    let regular = regular_of(cx, &g, &[&m]).await?;
    let manage = policy::allows(a, Action::ManageMeetings { group: &g });
    let members = is_member(cx, &g).await?;
    if !members {
        m.online_url = None;
    }
    Ok(MeetingView {
        unusual_time: unusual(&m, &regular),
        members,
        staff: policy::allows(a, Action::UseStaffArea),
        may_edit: manage && !closed(&g) && !m.cancelled,
        may_mark: !m.cancelled && policy::allows(a, Action::MarkAttendance { group: &g }),
        meeting: m,
        group: g,
    })
}

/// A meeting the caller may see (else 404): the meeting page and the API's.
pub async fn get(cx: &Caller, id: &str) -> Result<MeetingView> {
    let (m, g) = visible_meeting(cx, id).await?;
    view_of(cx, m, g).await
}

/// A meeting for its edit form: those who run the group's meetings.
pub async fn edit_form(cx: &Caller, id: &str) -> Result<MeetingView> {
    let (m, g) = visible_meeting(cx, id).await?;
    policy::require(cx.actor()?, Action::ManageMeetings { group: &g })?;
    view_of(cx, m, g).await
}

/// The group a new meeting goes to, for its form: those who run its meetings.
pub async fn new_form(cx: &Caller, group_id: &str) -> Result<GroupDetail> {
    let g = visible_group(cx, group_id).await?;
    policy::require(cx.actor()?, Action::ManageMeetings { group: &g })?;
    Ok(g)
}

/// A meeting in a list, with its unusual-time flag.
pub struct Listed {
    /// Its online link only for the group's members.
    pub meeting: Meeting,
    pub unusual_time: bool,
}

/// A page of a group's meetings.
pub struct MeetingList {
    pub items: Vec<Listed>,
    /// `"<starts_at> <id>"` of the last item, when there are more after it.
    pub next: Option<String>,
}

/// The meetings of a group the caller may see, in time order, cancelled ones
/// included; `after` is the (starts_at, id) last seen.
pub async fn list(
    cx: &Caller,
    group_id: &str,
    after: Option<(i64, String)>,
    limit: i64,
) -> Result<MeetingList> {
    let g = visible_group(cx, group_id).await?;
    let rows = klubi_db::meetings::list_for_group(
        cx.db(),
        &g.group.id,
        after.as_ref().map(|(t, i)| (*t, i.as_str())),
        limit + 1,
    )
    .await?;
    let (rows, next) = crate::groups::page(rows, limit, |m| format!("{} {}", m.starts_at, m.id));
    let members = is_member(cx, &g).await?;
    let regular = regular_of(cx, &g, &rows.iter().collect::<Vec<_>>()).await?;
    Ok(MeetingList {
        items: rows
            .into_iter()
            .map(|mut m| {
                if !members {
                    m.online_url = None;
                }
                Listed {
                    unusual_time: unusual(&m, &regular),
                    meeting: m,
                }
            })
            .collect(),
        next,
    })
}

fn schedule_open(g: &GroupDetail) -> Result<()> {
    if closed(g) {
        return Err(Error::Conflict(
            klubi_domain::groups::GroupConflict::ScheduleClosed.key(),
        ));
    }
    Ok(())
}

fn now_ts(cx: &Caller) -> jiff::Timestamp {
    jiff::Timestamp::from_second(cx.now).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// Takes the group's lock in `tx`, then refuses (409) while an approved
/// payment report freezes what it was computed from (the meetings' dates):
/// an approval and a change to the schedule are always in one order.
async fn lock_unfrozen(tx: &mut klubi_db::Tx, group_id: &str) -> Result<()> {
    klubi_db::groups::lock(tx, group_id).await?;
    if klubi_db::compensation::locked_in(tx, group_id)
        .await?
        .is_some()
    {
        return Err(Error::Conflict("error-compensation-locked"));
    }
    Ok(())
}

/// Adds a meeting to a group (its coordinators and facilitators). Meetings
/// may be recorded in the past, within five years either way of today.
pub async fn add(cx: &Caller, group_id: &str, draft: MeetingDraft) -> Result<MeetingView> {
    let g = new_form(cx, group_id).await?;
    schedule_open(&g)?;
    let input = draft.validate(now_ts(cx))?;
    let mut tx = cx.db().begin().await?;
    lock_unfrozen(&mut tx, &g.group.id).await?;
    let id = klubi_db::meetings::create(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        &input,
    )
    .await?;
    klubi_db::commit(tx).await?;
    get(cx, &id).await
}

/// A change to a meeting as given; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct MeetingPatch {
    /// `Some(None)`: given, but not a time that could be read.
    pub starts_at: Option<Option<jiff::Timestamp>>,
    pub ends_at: Option<Option<jiff::Timestamp>>,
    pub kind: Option<String>,
    pub theme: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub agenda: Option<String>,
    pub guest_organisation: Option<String>,
    pub guest_purpose: Option<String>,
    pub online_url: Option<String>,
}

/// Every field given (a whole form).
impl From<MeetingDraft> for MeetingPatch {
    fn from(d: MeetingDraft) -> Self {
        MeetingPatch {
            starts_at: Some(d.starts_at),
            ends_at: Some(d.ends_at),
            kind: Some(d.kind),
            theme: Some(d.theme),
            title: Some(d.title),
            location: Some(d.location),
            agenda: Some(d.agenda),
            guest_organisation: Some(d.guest_organisation),
            guest_purpose: Some(d.guest_purpose),
            online_url: Some(d.online_url),
        }
    }
}

impl MeetingPatch {
    /// The meeting as it would be with this change.
    fn applied_to(self, m: &Meeting) -> MeetingDraft {
        let keep = |new: Option<String>, old: Option<&String>| {
            new.unwrap_or_else(|| old.cloned().unwrap_or_default())
        };
        MeetingDraft {
            starts_at: self
                .starts_at
                .unwrap_or_else(|| jiff::Timestamp::from_second(m.starts_at).ok()),
            ends_at: self
                .ends_at
                .unwrap_or_else(|| jiff::Timestamp::from_second(m.ends_at).ok()),
            kind: self.kind.unwrap_or_else(|| m.kind.clone()),
            theme: self.theme.unwrap_or_else(|| m.theme.clone()),
            title: keep(self.title, m.title.as_ref()),
            location: keep(self.location, Some(&m.location)),
            agenda: keep(self.agenda, Some(&m.agenda)),
            guest_organisation: keep(self.guest_organisation, m.guest_organisation.as_ref()),
            guest_purpose: keep(self.guest_purpose, m.guest_purpose.as_ref()),
            online_url: keep(self.online_url, m.online_url.as_ref()),
        }
    }
}

/// Edits a meeting; moving it (other times) needs a reason, kept with who moved it.
pub async fn update(
    cx: &Caller,
    id: &str,
    patch: MeetingPatch,
    reason: &str,
) -> Result<MeetingView> {
    let (m, g) = visible_meeting(cx, id).await?;
    policy::require(cx.actor()?, Action::ManageMeetings { group: &g })?;
    schedule_open(&g)?;
    if m.cancelled {
        return Err(Error::Conflict("error-meeting-cancelled"));
    }
    let input = patch.applied_to(&m).validate(now_ts(cx))?;
    let moved =
        input.starts_at.as_second() != m.starts_at || input.ends_at.as_second() != m.ends_at;
    let reason = if moved {
        Some(parse_reason(reason).map_err(|k| Invalid::one("reason", k))?)
    } else {
        None
    };
    let mut tx = cx.db().begin().await?;
    lock_unfrozen(&mut tx, &g.group.id).await?;
    klubi_db::meetings::update(
        &mut tx,
        &cx.ctx(),
        &m.id,
        &g.group.organisation_id,
        &input,
        reason.as_deref(),
    )
    .await?;
    klubi_db::commit(tx).await?;
    get(cx, id).await
}

/// Cancels a meeting with a reason; it stays in the schedule, marked cancelled.
pub async fn cancel(cx: &Caller, id: &str, reason: &str) -> Result<MeetingView> {
    let (m, g) = visible_meeting(cx, id).await?;
    policy::require(cx.actor()?, Action::ManageMeetings { group: &g })?;
    schedule_open(&g)?;
    let reason = parse_reason(reason).map_err(|k| Invalid::one("reason", k))?;
    let mut tx = cx.db().begin().await?;
    lock_unfrozen(&mut tx, &g.group.id).await?;
    klubi_db::meetings::cancel(&mut tx, &cx.ctx(), &m.id, &g.group.organisation_id, &reason)
        .await?;
    klubi_db::commit(tx).await?;
    get(cx, id).await
}

/// The weekdays a schedule may use, as the forms and the API name them.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

pub fn weekday(s: &str) -> Option<jiff::civil::Weekday> {
    use jiff::civil::Weekday::*;
    Some(match s.trim() {
        "mon" | "monday" => Monday,
        "tue" | "tuesday" => Tuesday,
        "wed" | "wednesday" => Wednesday,
        "thu" | "thursday" => Thursday,
        "fri" | "friday" => Friday,
        "sat" | "saturday" => Saturday,
        "sun" | "sunday" => Sunday,
        _ => return None,
    })
}

/// A schedule as asked for. `start_time` `None`: the group's usual start time.
#[derive(Debug, Clone, Default)]
pub struct ScheduleInput {
    /// `YYYY-MM-DD`: the first day the schedule may use.
    pub first_date: String,
    pub weekdays: Vec<String>,
    pub start_time: Option<String>,
}

/// A generated schedule: the group's meetings now, and the holidays passed over.
pub struct Generated {
    pub meetings: Vec<Listed>,
    pub skipped: Vec<Skipped>,
}

/// Generates the group's meetings from its plan on the given weekdays,
/// skipping Finnish public holidays (its coordinators and facilitators).
/// Refused (409) when the group has meetings already: edit those one by one.
pub async fn generate_schedule(cx: &Caller, group_id: &str, s: ScheduleInput) -> Result<Generated> {
    let g = new_form(cx, group_id).await?;
    schedule_open(&g)?;
    let mut inv = Invalid::default();
    let date = inv.check(
        "first_date",
        klubi_domain::schedule::parse_date(&s.first_date),
    );
    let mut days = Vec::new();
    for w in &s.weekdays {
        match weekday(w) {
            Some(d) if !days.contains(&d) => days.push(d),
            Some(_) => {}
            None => {
                inv.push("weekdays", "error-weekday-unknown");
                break;
            }
        }
    }
    if days.is_empty() && inv.is_empty() {
        inv.push("weekdays", "error-schedule-no-weekdays");
    }
    let start_time = s
        .start_time
        .unwrap_or_else(|| g.group.default_start_time.clone());
    let time = inv.check("start_time", parse_time_of_day(&start_time));
    if g.group.plan.is_empty() {
        inv.push("first_date", "error-schedule-no-plan");
    }
    let (Some(date), Some(time)) = (date, time) else {
        return Err(inv.into());
    };
    inv.into_result()?;
    // The same sensible range as a single meeting.
    let now = now_ts(cx);
    let spec = ScheduleSpec {
        first_date: date,
        weekdays: days,
        start_time: time,
        duration_minutes: g
            .group
            .plan
            .first()
            .map(|p| p.duration_minutes)
            .unwrap_or(60),
        count: g.group.plan.len() as u32,
    };
    let schedule = klubi_domain::schedule::generate(&spec, &crate::i18n::tz())?;
    let mut drafts = Vec::new();
    for (slot, plan) in schedule.slots.iter().zip(&g.group.plan) {
        let ends = slot
            .starts_at
            .checked_add(jiff::SignedDuration::from_mins(i64::from(
                plan.duration_minutes,
            )))
            .map_err(|_| Invalid::one("first_date", "error-meeting-date-range"))?;
        let input = MeetingDraft {
            starts_at: Some(slot.starts_at),
            ends_at: Some(ends),
            kind: "regular".into(),
            theme: plan.theme.key().into(),
            title: plan.title.clone().unwrap_or_default(),
            location: g.group.location.clone(),
            ..Default::default()
        }
        .validate(now)
        .map_err(|e| {
            // A date far away fails on the first meeting: name the form's field.
            Invalid(
                e.0.into_iter()
                    .map(|f| klubi_domain::FieldError::new("first_date", f.message))
                    .collect(),
            )
        })?;
        drafts.push(input);
    }
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if klubi_db::meetings::count_active_in(&mut tx, &g.group.id).await? > 0 {
        return Err(Error::Conflict("error-schedule-exists"));
    }
    if klubi_db::compensation::locked_in(&mut tx, &g.group.id)
        .await?
        .is_some()
    {
        return Err(Error::Conflict("error-compensation-locked"));
    }
    for d in &drafts {
        klubi_db::meetings::create(&mut tx, &cx.ctx(), &g.group.id, &g.group.organisation_id, d)
            .await?;
    }
    klubi_db::commit(tx).await?;
    // Read after the commit (the group's schedule has a new version).
    let all = klubi_db::meetings::list_for_group(cx.db(), &g.group.id, None, 500).await?;
    let regular = regular_starts(&all);
    Ok(Generated {
        meetings: all
            .into_iter()
            .map(|m| Listed {
                unusual_time: unusual(&m, &regular),
                meeting: m,
            })
            .collect(),
        skipped: schedule.skipped,
    })
}
