//! Formats, groups and meetings: the steps the API and the pages share, so that
//! both follow the same rules. Each step parses, asks the policy, and writes
//! in one transaction with its audit rows.

use crate::error::{AppError, AppResult};
use crate::policy::{self, Action};
use crate::request::Cx;
use klubi_db::formats::Format;
use klubi_db::groups::{GroupChange, GroupDetail, NewGroup};
use klubi_db::meetings::Meeting;
use klubi_domain::Invalid;
use klubi_domain::formats::{FormatSpec, PlannedMeeting, Theme, parse_time_of_day};
use klubi_domain::groups::{
    GroupStatus, check_capacity, check_status, parse_capacity, parse_texts,
};
use klubi_domain::meetings::{MeetingDraft, parse_reason};
use klubi_domain::people::Language;
use klubi_domain::schedule::{ScheduleSpec, Skipped};
use std::collections::BTreeSet;

/// A format as typed, before checks.
#[derive(Debug, Clone, Default)]
pub struct FormatInput {
    pub name: String,
    pub description: String,
    pub capacity: i64,
    pub min_attendance: i64,
    pub facilitators: i64,
    pub compensation_cents: Option<i64>,
    pub default_start_time: String,
    /// (theme key, title, duration in minutes).
    pub meetings: Vec<(String, Option<String>, i64)>,
}

fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0).min(100_000)
}

pub fn parse_format(f: FormatInput) -> Result<FormatSpec, Invalid> {
    let mut inv = Invalid::default();
    let start = inv.check(
        "default_start_time",
        parse_time_of_day(&f.default_start_time),
    );
    let mut meetings = Vec::new();
    for (i, (theme, title, minutes)) in f.meetings.iter().enumerate() {
        // An unknown theme still holds its place, so later fields keep their index.
        let theme = inv
            .check(&format!("meetings[{i}].theme"), theme.parse::<Theme>())
            .unwrap_or(Theme::Cv);
        meetings.push(PlannedMeeting {
            theme,
            title: title
                .as_ref()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            duration_minutes: small(*minutes),
        });
    }
    let spec = FormatSpec {
        name: f.name,
        description: f.description,
        default_start_time: start.unwrap_or(jiff::civil::time(9, 0, 0, 0)),
        capacity: small(f.capacity),
        min_attendance: u32::try_from(f.min_attendance).unwrap_or(u32::MAX),
        meetings,
        compensation_cents_per_meeting: f.compensation_cents,
        facilitators: small(f.facilitators),
    };
    match spec.validate() {
        Ok(spec) if inv.is_empty() => Ok(spec),
        Ok(_) => Err(inv),
        Err(more) => {
            inv.0.extend(more.0);
            Err(inv)
        }
    }
}

/// A format's name and description in the reader's language: the templates'
/// come from the catalogue, an organisation's own are as they were typed.
pub fn format_name(lang: Language, f: &Format) -> String {
    match &f.template_key {
        Some(k) => crate::i18n::t(lang, &format!("format-template-{k}")),
        None => f.name.clone(),
    }
}

pub fn format_description(lang: Language, f: &Format) -> String {
    match &f.template_key {
        Some(k) => crate::i18n::t(lang, &format!("format-template-{k}-description")),
        None => f.description.clone(),
    }
}

/// The caller's organisation, once the policy allows them to plan clubs in it
/// (make formats and groups): else 403, or 404 for a participant.
pub fn planner_org(cx: &Cx) -> AppResult<String> {
    let a = cx.actor()?;
    let org = match a.user.organisation_id.clone() {
        Some(o) => o,
        None if a.user.kind == klubi_domain::roles::AccountKind::Staff => {
            return Err(AppError::Forbidden);
        }
        None => return Err(AppError::NotFound),
    };
    policy::require(
        a,
        Action::PlanClubs {
            organisation_id: &org,
        },
    )?;
    Ok(org)
}

/// Whether the caller may plan clubs (pages show the "new" links then).
pub fn may_plan(cx: &Cx) -> bool {
    planner_org(cx).is_ok()
}

/// What a meeting is called: its own title, or its theme's name.
pub fn meeting_what(memo: &mut crate::i18n::Memo, m: &Meeting) -> String {
    m.title.clone().unwrap_or_else(|| memo.theme(&m.theme))
}

/// A format the caller may see, else 404.
pub async fn visible_format(cx: &Cx, id: &str) -> AppResult<Format> {
    let f = klubi_db::formats::get(cx.db(), id).await?;
    policy::require(
        cx.actor()?,
        Action::ViewFormat {
            organisation_id: f.organisation_id.as_deref(),
        },
    )?;
    Ok(f)
}

pub async fn create_format(cx: &Cx, spec: &FormatSpec) -> AppResult<Format> {
    let org = planner_org(cx)?;
    let mut tx = cx.db().begin().await?;
    let f = klubi_db::formats::create(&mut tx, &cx.ctx(), &org, spec, None).await?;
    klubi_db::commit(tx).await?;
    Ok(f)
}

/// A copy of any visible format (a template, typically) into the caller's organisation.
pub async fn copy_format(cx: &Cx, id: &str) -> AppResult<Format> {
    let f = visible_format(cx, id).await?;
    let org = planner_org(cx)?;
    let spec = spec_of(cx.lang, &f);
    let mut tx = cx.db().begin().await?;
    let copy = klubi_db::formats::create(&mut tx, &cx.ctx(), &org, &spec, Some(&f.id)).await?;
    klubi_db::commit(tx).await?;
    Ok(copy)
}

/// A stored format as a spec (templates with their names in `lang`).
pub fn spec_of(lang: Language, f: &Format) -> FormatSpec {
    FormatSpec {
        name: format_name(lang, f),
        description: format_description(lang, f),
        default_start_time: parse_time_of_day(&f.default_start_time)
            .unwrap_or(jiff::civil::time(9, 0, 0, 0)),
        capacity: small(f.capacity),
        min_attendance: small(f.min_attendance),
        meetings: f.meetings.clone(),
        compensation_cents_per_meeting: f.compensation_cents,
        facilitators: small(f.facilitators),
    }
}

/// Edits an organisation's own format. Templates are read-only (403); groups
/// made from the format keep their own copy of the plan.
pub async fn update_format(cx: &Cx, f: &Format, spec: &FormatSpec) -> AppResult<Format> {
    let Some(org) = f.organisation_id.as_deref() else {
        return Err(AppError::Forbidden);
    };
    policy::require(
        cx.actor()?,
        Action::PlanClubs {
            organisation_id: org,
        },
    )?;
    let mut tx = cx.db().begin().await?;
    let f = klubi_db::formats::update(&mut tx, &cx.ctx(), &f.id, org, spec).await?;
    klubi_db::commit(tx).await?;
    Ok(f)
}

/// A group the caller may see (else 404), with whether they are enrolled in it.
pub async fn visible_group(cx: &Cx, id: &str) -> AppResult<GroupDetail> {
    let a = cx.actor()?;
    let g = klubi_db::groups::get(cx.db(), id, cx.now).await?;
    let enrolled = a.user.kind == klubi_domain::roles::AccountKind::Participant
        && klubi_db::groups::is_enrolled(cx.db(), id, &a.user.id).await?;
    policy::require(
        a,
        Action::ViewGroup {
            group: &g,
            enrolled,
        },
    )?;
    Ok(g)
}

/// [`visible_group`] with the group's whole roster read in the same round
/// trip (the group page's). Only staff may ever see a roster, so only theirs
/// is read; what of it the caller is shown is [`crate::referrals::scoped_roster`]'s
/// to decide.
pub async fn visible_group_with_roster(
    cx: &Cx,
    id: &str,
) -> AppResult<(GroupDetail, Vec<klubi_db::referrals::RosterEntry>)> {
    let a = cx.actor()?;
    if a.user.kind != klubi_domain::roles::AccountKind::Staff {
        return Ok((visible_group(cx, id).await?, Vec::new()));
    }
    let (g, roster) = klubi_db::groups::get_with_roster(cx.db(), id, cx.now).await?;
    policy::require(
        a,
        Action::ViewGroup {
            group: &g,
            enrolled: false,
        },
    )?;
    Ok((g, roster))
}

/// A group as typed, before checks. `compensation`: `None` takes the format's.
#[derive(Debug, Clone, Default)]
pub struct GroupInput {
    pub format_id: String,
    pub name: String,
    pub location: String,
    pub capacity: Option<i64>,
    pub facilitator_ids: Vec<String>,
    pub partner_ids: Vec<String>,
    pub compensation: Option<Option<i64>>,
    pub status: Option<String>,
}

fn dedup(ids: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
        .collect()
}

fn check_compensation(inv: &mut Invalid, c: Option<i64>) {
    if let Some(c) = c
        && !(0..=klubi_domain::formats::MAX_COMPENSATION_CENTS).contains(&c)
    {
        inv.push(
            "compensation_cents_per_meeting",
            "error-format-compensation",
        );
    }
}

/// Partners must exist and not be the owner; facilitators must be active coaches
/// of the owner or a partner organisation.
async fn check_people(
    cx: &Cx,
    inv: &mut Invalid,
    owner: &str,
    partners: &[String],
    facilitators: &[String],
) -> AppResult<()> {
    for p in partners {
        match klubi_db::organisations::get(cx.db(), p).await {
            Ok(_) if p != owner => {}
            Ok(_) | Err(klubi_db::DbError::NotFound) => {
                inv.push("partner_organisation_ids", "error-partner-unknown");
                break;
            }
            Err(e) => return Err(e.into()),
        }
    }
    for f in facilitators {
        let ok = match klubi_db::users::get(cx.db(), f).await {
            Ok(u) => {
                u.active
                    && u.kind == klubi_domain::roles::AccountKind::Staff
                    && u.roles.has(klubi_domain::roles::Role::Coach)
                    && u.organisation_id
                        .as_deref()
                        .is_some_and(|o| o == owner || partners.iter().any(|p| p == o))
            }
            Err(klubi_db::DbError::NotFound) => false,
            Err(e) => return Err(e.into()),
        };
        if !ok {
            inv.push("facilitator_ids", "error-facilitator-not-allowed");
            break;
        }
    }
    Ok(())
}

pub async fn create_group(cx: &Cx, input: GroupInput) -> AppResult<String> {
    let org = planner_org(cx)?;
    let mut inv = Invalid::default();
    let texts = match parse_texts(&input.name, &input.location) {
        Ok(t) => Some(t),
        Err(e) => {
            inv.0.extend(e.0);
            None
        }
    };
    let format = match klubi_db::formats::get(cx.db(), input.format_id.trim()).await {
        Ok(f)
            if policy::allows(
                cx.actor()?,
                Action::ViewFormat {
                    organisation_id: f.organisation_id.as_deref(),
                },
            ) =>
        {
            Some(f)
        }
        Ok(_) | Err(klubi_db::DbError::NotFound) => {
            inv.push("format_id", "error-format-unknown");
            None
        }
        Err(e) => return Err(e.into()),
    };
    let capacity = match input.capacity {
        Some(c) => inv.check("capacity", parse_capacity(c)).map(i64::from),
        None => format.as_ref().map(|f| f.capacity),
    };
    let compensation = match input.compensation {
        Some(c) => c,
        None => format.as_ref().and_then(|f| f.compensation_cents),
    };
    check_compensation(&mut inv, compensation);
    let status = match input.status.as_deref().map(str::trim) {
        None | Some("") => Some(GroupStatus::Open),
        Some(s) => match s.parse::<GroupStatus>() {
            Ok(s @ (GroupStatus::Planned | GroupStatus::Open)) => Some(s),
            Ok(_) => {
                inv.push("status", "error-group-status-new");
                None
            }
            Err(k) => {
                inv.push("status", k);
                None
            }
        },
    };
    let partners = dedup(&input.partner_ids);
    let facilitators = dedup(&input.facilitator_ids);
    check_people(cx, &mut inv, &org, &partners, &facilitators).await?;
    let (Some(texts), Some(format), Some(capacity), Some(status)) =
        (texts, format, capacity, status)
    else {
        return Err(inv.into());
    };
    inv.into_result()?;
    let mut tx = cx.db().begin().await?;
    let id = klubi_db::groups::create(
        &mut tx,
        &cx.ctx(),
        &NewGroup {
            organisation_id: &org,
            format_id: &format.id,
            name: &texts.name,
            location: &texts.location,
            capacity,
            min_attendance: format.min_attendance,
            compensation_cents: compensation,
            status: status.as_str(),
            default_start_time: &format.default_start_time,
            plan: &format.meetings,
            partner_ids: &partners,
            facilitator_ids: &facilitators,
        },
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(id)
}

/// A change as typed; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct GroupUpdate {
    pub name: Option<String>,
    pub location: Option<String>,
    pub capacity: Option<i64>,
    pub compensation: Option<Option<i64>>,
    pub status: Option<String>,
    pub partner_ids: Option<Vec<String>>,
    pub facilitator_ids: Option<Vec<String>>,
}

pub async fn update_group(cx: &Cx, g: &GroupDetail, u: GroupUpdate) -> AppResult<()> {
    policy::require(cx.actor()?, Action::ManageGroup { group: g })?;
    let mut inv = Invalid::default();
    let current = &g.group;
    let texts = match parse_texts(
        u.name.as_deref().unwrap_or(&current.name),
        u.location.as_deref().unwrap_or(&current.location),
    ) {
        Ok(t) => Some(t),
        Err(e) => {
            inv.0.extend(e.0);
            None
        }
    };
    let capacity = u
        .capacity
        .and_then(|c| inv.check("capacity", parse_capacity(c)));
    if let Some(c) = u.compensation {
        check_compensation(&mut inv, c);
        if c != current.compensation_cents {
            unlocked(cx, g).await?;
        }
    }
    let status = u
        .status
        .as_deref()
        .and_then(|s| inv.check("status", s.trim().parse::<GroupStatus>()));
    let partners = u.partner_ids.as_deref().map(dedup);
    let facilitators = u.facilitator_ids.as_deref().map(dedup);
    let final_partners = partners
        .clone()
        .unwrap_or_else(|| g.partner_ids().iter().map(|s| s.to_string()).collect());
    let final_facilitators = facilitators
        .clone()
        .unwrap_or_else(|| g.facilitator_ids().iter().map(|s| s.to_string()).collect());
    check_people(
        cx,
        &mut inv,
        &current.organisation_id,
        &final_partners,
        &final_facilitators,
    )
    .await?;
    inv.into_result()?;
    let Some(texts) = texts else {
        return Err(AppError::Internal("texts parsed without errors".into()));
    };
    // Read before the transaction (see `referrals::meetings_of`), for the
    // mails to anyone a raised capacity seats.
    let meetings = if capacity.is_some() {
        crate::referrals::meetings_of(cx, &current.id).await?
    } else {
        vec![]
    };
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &current.id).await?;
    let now_status: GroupStatus = klubi_db::groups::status_in(&mut tx, &current.id)
        .await?
        .parse()
        .map_err(|_| AppError::Internal("stored status".into()))?;
    if let Some(next) = status {
        check_status(now_status, next).map_err(|c| AppError::Conflict(c.key()))?;
    }
    if let Some(c) = capacity {
        let enrolled = klubi_db::groups::enrolled_count(&mut tx, &current.id).await?;
        check_capacity(c, u32::try_from(enrolled).unwrap_or(u32::MAX))
            .map_err(|c| AppError::Conflict(c.key()))?;
    }
    let change = GroupChange {
        name: Some(texts.name).filter(|n| *n != current.name),
        location: Some(texts.location).filter(|l| *l != current.location),
        capacity: capacity.map(i64::from),
        compensation_cents: u.compensation,
        status: status.map(|s| s.as_str().to_string()),
        partner_ids: partners,
        facilitator_ids: facilitators,
    };
    klubi_db::groups::update(
        &mut tx,
        &cx.ctx(),
        &current.id,
        &current.organisation_id,
        &change,
    )
    .await?;
    // More seats go to the waiting list at once, in its order.
    let final_status = status.unwrap_or(now_status);
    if capacity.is_some() && klubi_domain::referrals::takes_referrals(final_status) {
        let promoted = klubi_db::referrals::fill_seats(&mut tx, &cx.ctx(), &current.id).await?;
        crate::referrals::tell_promoted(cx, &mut tx, g, &meetings, &promoted).await?;
    }
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(())
}

fn schedule_open(g: &GroupDetail) -> AppResult<()> {
    match g.group.status.parse::<GroupStatus>() {
        Ok(s) if s.is_closed() => Err(AppError::Conflict(
            klubi_domain::groups::GroupConflict::ScheduleClosed.key(),
        )),
        _ => Ok(()),
    }
}

/// Generates the group's meetings from its plan. Refused when the group has
/// meetings already (edit those one by one instead).
pub async fn generate_schedule(
    cx: &Cx,
    g: &GroupDetail,
    first_date: &str,
    weekdays: &[String],
    start_time: &str,
) -> AppResult<(usize, Vec<Skipped>)> {
    policy::require(cx.actor()?, Action::ManageMeetings { group: g })?;
    schedule_open(g)?;
    let mut inv = Invalid::default();
    let date = inv.check("first_date", klubi_domain::schedule::parse_date(first_date));
    let mut days = Vec::new();
    for w in weekdays {
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
    let time = inv.check("start_time", parse_time_of_day(start_time));
    if g.group.plan.is_empty() {
        inv.push("first_date", "error-schedule-no-plan");
    }
    let (Some(date), Some(time)) = (date, time) else {
        return Err(inv.into());
    };
    inv.into_result()?;
    // The same sensible range as a single meeting.
    let now = jiff::Timestamp::from_second(cx.now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
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
        return Err(AppError::Conflict("error-schedule-exists"));
    }
    for d in &drafts {
        klubi_db::meetings::create(&mut tx, &cx.ctx(), &g.group.id, &g.group.organisation_id, d)
            .await?;
    }
    klubi_db::commit(tx).await?;
    Ok((drafts.len(), schedule.skipped))
}

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

pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn now_ts(cx: &Cx) -> jiff::Timestamp {
    jiff::Timestamp::from_second(cx.now).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

pub async fn add_meeting(cx: &Cx, g: &GroupDetail, draft: MeetingDraft) -> AppResult<String> {
    policy::require(cx.actor()?, Action::ManageMeetings { group: g })?;
    schedule_open(g)?;
    unlocked(cx, g).await?;
    let input = draft.validate(now_ts(cx))?;
    let mut tx = cx.db().begin().await?;
    let id = klubi_db::meetings::create(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        &input,
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(id)
}

/// Edits a meeting; moving it (other times) needs a reason, kept with who moved it.
pub async fn update_meeting(
    cx: &Cx,
    g: &GroupDetail,
    m: &Meeting,
    draft: MeetingDraft,
    reason: &str,
) -> AppResult<()> {
    policy::require(cx.actor()?, Action::ManageMeetings { group: g })?;
    schedule_open(g)?;
    unlocked(cx, g).await?;
    if m.cancelled {
        return Err(AppError::Conflict("error-meeting-cancelled"));
    }
    let input = draft.validate(now_ts(cx))?;
    let moved =
        input.starts_at.as_second() != m.starts_at || input.ends_at.as_second() != m.ends_at;
    let reason = if moved {
        Some(parse_reason(reason).map_err(|k| Invalid::one("reason", k))?)
    } else {
        None
    };
    let mut tx = cx.db().begin().await?;
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
    Ok(())
}

pub async fn cancel_meeting(cx: &Cx, g: &GroupDetail, m: &Meeting, reason: &str) -> AppResult<()> {
    policy::require(cx.actor()?, Action::ManageMeetings { group: g })?;
    schedule_open(g)?;
    unlocked(cx, g).await?;
    let reason = parse_reason(reason).map_err(|k| Invalid::one("reason", k))?;
    let mut tx = cx.db().begin().await?;
    klubi_db::meetings::cancel(&mut tx, &cx.ctx(), &m.id, &g.group.organisation_id, &reason)
        .await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// An approved payment report freezes what it was computed from: the
/// meetings' dates and the group's rate (attendance checks it under the lock).
async fn unlocked(cx: &Cx, g: &GroupDetail) -> AppResult<()> {
    if klubi_db::compensation::locking(cx.db(), &g.group.id)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict("error-compensation-locked"));
    }
    Ok(())
}

/// A meeting the caller may see, with its group, else 404.
pub async fn visible_meeting(cx: &Cx, id: &str) -> AppResult<(Meeting, GroupDetail)> {
    let m = klubi_db::meetings::get(cx.db(), id).await?;
    let g = visible_group(cx, &m.group_id).await?;
    Ok((m, g))
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

/// Whom a user's calendar covers: groups they facilitate or are enrolled in, and
/// for a coordinator, every group of their organisation.
pub fn coordinator_org(a: &crate::auth::Actor) -> Option<&str> {
    if a.user.kind == klubi_domain::roles::AccountKind::Staff
        && a.user.roles.has(klubi_domain::roles::Role::Coordinator)
    {
        a.user.organisation_id.as_deref()
    } else {
        None
    }
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
static SCHEDULES: std::sync::LazyLock<crate::built::Built<std::sync::Arc<Vec<Meeting>>>> =
    std::sync::LazyLock::new(|| crate::built::Built::new(16 * 1024 * 1024));

/// A group's every meeting in time order, kept by the group's calendar version
/// (which the database raises on every change to one of its meetings), so the
/// group page reads them once per change rather than once per view. Who last
/// changed a meeting is left out: a user's name is not part of the version.
pub async fn schedule(cx: &Cx, g: &GroupDetail) -> AppResult<std::sync::Arc<Vec<Meeting>>> {
    let key = format!("{} {}", g.group.id, g.group.calendar_version);
    SCHEDULES
        .get_or_build(&key, || async {
            let mut all =
                klubi_db::meetings::list_for_group(cx.db(), &g.group.id, None, 10_000).await?;
            for m in &mut all {
                m.changed_by_name = None;
            }
            Ok(std::sync::Arc::new(all))
        })
        .await
}
