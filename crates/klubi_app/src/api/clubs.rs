//! Formats, groups and meetings (API.md "formats", "groups", "meetings").

use super::me::rfc3339;
use super::{ApiJson, List, Page, decode_cursor, encode_cursor};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use klubi_domain::meetings::MeetingDraft;
use klubi_ops::formats::{self, FormatInput};
use klubi_ops::groups::{self, GroupDetail, GroupFilter, GroupInput, GroupUpdate};
use klubi_ops::meetings::{self, Listed, MeetingView};
use serde::{Deserialize, Deserializer, Serialize};

/// `null` and a missing field differ: `Some(None)` is an explicit null.
fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlannedMeeting {
    /// A theme key: `cv`, `application`, `interview`, `job_ads`, `competence`,
    /// `work_life_skills`, `strengths`, `support_needs`, `peer_support`, `other`.
    pub theme: String,
    /// Required with `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub duration_minutes: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Format {
    pub id: String,
    pub name: String,
    pub description: String,
    /// A shipped template: read-only, every organisation may copy it.
    pub template: bool,
    pub organisation_id: Option<String>,
    pub capacity: i64,
    pub min_attendance: i64,
    /// How many coaches run it together.
    pub facilitators: i64,
    pub compensation_cents_per_meeting: Option<i64>,
    /// Local time (Europe/Helsinki), "HH:MM".
    pub default_start_time: String,
    pub meetings: Vec<PlannedMeeting>,
}

fn format_out(cx: &Cx, f: formats::Format) -> Format {
    Format {
        name: formats::name(cx.lang, &f),
        description: formats::description(cx.lang, &f),
        template: f.is_template(),
        id: f.id,
        organisation_id: f.organisation_id,
        capacity: f.capacity,
        min_attendance: f.min_attendance,
        facilitators: f.facilitators,
        compensation_cents_per_meeting: f.compensation_cents,
        default_start_time: f.default_start_time,
        meetings: f
            .meetings
            .into_iter()
            .map(|m| PlannedMeeting {
                theme: m.theme.key().into(),
                title: m.title,
                duration_minutes: i64::from(m.duration_minutes),
            })
            .collect(),
    }
}

fn default_capacity() -> i64 {
    10
}
fn one() -> i64 {
    1
}
fn nine() -> String {
    "09:00".into()
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewFormat {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_capacity")]
    pub capacity: i64,
    #[serde(default = "one")]
    pub min_attendance: i64,
    #[serde(default = "one")]
    pub facilitators: i64,
    #[serde(default)]
    pub compensation_cents_per_meeting: Option<i64>,
    /// "HH:MM", default "09:00".
    #[serde(default = "nine")]
    pub default_start_time: String,
    pub meetings: Vec<PlannedMeeting>,
}

impl From<NewFormat> for FormatInput {
    fn from(b: NewFormat) -> Self {
        FormatInput {
            name: b.name,
            description: b.description,
            capacity: b.capacity,
            min_attendance: b.min_attendance,
            facilitators: b.facilitators,
            compensation_cents: b.compensation_cents_per_meeting,
            default_start_time: b.default_start_time,
            meetings: b
                .meetings
                .into_iter()
                .map(|m| (m.theme, m.title, m.duration_minutes))
                .collect(),
        }
    }
}

/// Formats the caller may use: the two shipped templates, then their organisation's.
#[utoipa::path(get, path = "/formats", tag = "clubs", params(Page),
    responses((status = 200, body = List<Format>), (status = 401, body = super::Problem)))]
pub async fn list_formats(cx: Cx, Query(page): Query<Page>) -> AppResult<Json<List<Format>>> {
    let after = page.cursor.as_deref().map(decode_cursor).transpose()?;
    let list = formats::list(&cx, after.as_deref(), page.limit()).await?;
    Ok(Json(List {
        items: list.items.into_iter().map(|f| format_out(&cx, f)).collect(),
        next_cursor: list.next.as_deref().map(encode_cursor),
    }))
}

/// Creates a format in the caller's organisation (coordinator).
#[utoipa::path(post, path = "/formats", tag = "clubs", request_body = NewFormat,
    responses((status = 201, body = Format), (status = 403, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn create_format(
    cx: Cx,
    ApiJson(body): ApiJson<NewFormat>,
) -> AppResult<(StatusCode, Json<Format>)> {
    let f = formats::create(&cx, body.into()).await?;
    Ok((StatusCode::CREATED, Json(format_out(&cx, f))))
}

#[utoipa::path(get, path = "/formats/{id}", tag = "clubs", params(("id" = String, Path)),
    responses((status = 200, body = Format), (status = 404, body = super::Problem)))]
pub async fn get_format(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Format>> {
    Ok(Json(format_out(&cx, formats::get(&cx, &id).await?.format)))
}

/// Replaces an organisation's own format (templates are read-only: 403). Groups
/// already made from it keep their plan.
#[utoipa::path(put, path = "/formats/{id}", tag = "clubs", params(("id" = String, Path)), request_body = NewFormat,
    responses((status = 200, body = Format), (status = 403, body = super::Problem), (status = 404, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn update_format(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewFormat>,
) -> AppResult<Json<Format>> {
    let f = formats::update(&cx, &id, body.into()).await?;
    Ok(Json(format_out(&cx, f)))
}

/// Copies a format (a template, typically) into the caller's organisation.
#[utoipa::path(post, path = "/formats/{id}/copy", tag = "clubs", params(("id" = String, Path)),
    responses((status = 201, body = Format), (status = 403, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn copy_format(cx: Cx, Path(id): Path<String>) -> AppResult<(StatusCode, Json<Format>)> {
    let f = formats::copy(&cx, &id).await?;
    Ok((StatusCode::CREATED, Json(format_out(&cx, f))))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Group {
    pub id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub format_id: String,
    pub name: String,
    pub location: String,
    pub capacity: i64,
    pub enrolled_count: i64,
    pub waitlist_count: i64,
    pub min_attendance: i64,
    pub compensation_cents_per_meeting: Option<i64>,
    /// `planned`, `open`, `running`, `finished` or `cancelled`.
    pub status: String,
    pub facilitator_ids: Vec<String>,
    pub partner_organisation_ids: Vec<String>,
    pub next_meeting_at: Option<String>,
    pub created_at: String,
}

fn group_out(d: GroupDetail) -> Group {
    let facilitator_ids = d.facilitators.into_iter().map(|(id, _, _)| id).collect();
    let partner_organisation_ids = d.partners.into_iter().map(|(id, _)| id).collect();
    let g = d.group;
    Group {
        id: g.id,
        organisation_id: g.organisation_id,
        organisation_name: g.organisation_name,
        format_id: g.format_id,
        name: g.name,
        location: g.location,
        capacity: g.capacity,
        enrolled_count: g.enrolled_count,
        waitlist_count: g.waitlist_count,
        min_attendance: g.min_attendance,
        compensation_cents_per_meeting: g.compensation_cents,
        status: g.status,
        facilitator_ids,
        partner_organisation_ids,
        next_meeting_at: g.next_meeting_at.map(rfc3339),
        created_at: rfc3339(g.created_at),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewGroup {
    pub format_id: String,
    pub name: String,
    #[serde(default)]
    pub location: String,
    /// Default: the format's.
    pub capacity: Option<i64>,
    #[serde(default)]
    pub facilitator_ids: Vec<String>,
    #[serde(default)]
    pub partner_organisation_ids: Vec<String>,
    /// Cents per attended meeting; `null` for none; left out, the format's.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub compensation_cents_per_meeting: Option<Option<i64>>,
    /// `open` (default) or `planned`.
    pub status: Option<String>,
}

/// Creates a group from a format (coordinator); it belongs to the caller's organisation.
#[utoipa::path(post, path = "/groups", tag = "clubs", request_body = NewGroup,
    responses((status = 201, body = Group), (status = 403, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn create_group(
    cx: Cx,
    ApiJson(b): ApiJson<NewGroup>,
) -> AppResult<(StatusCode, Json<Group>)> {
    let g = groups::create(
        &cx,
        GroupInput {
            format_id: b.format_id,
            name: b.name,
            location: b.location,
            capacity: b.capacity,
            facilitator_ids: b.facilitator_ids,
            partner_ids: b.partner_organisation_ids,
            compensation: b.compensation_cents_per_meeting,
            status: b.status,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(group_out(g))))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct GroupQuery {
    /// 1–200, default 50.
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub status: Option<String>,
    /// Groups this organisation owns or partners in.
    pub organisation_id: Option<String>,
    /// Only groups the caller facilitates or created.
    pub mine: Option<bool>,
}

/// Groups the caller is involved in, by name.
#[utoipa::path(get, path = "/groups", tag = "clubs", params(GroupQuery),
    responses((status = 200, body = List<Group>), (status = 422, body = super::Problem)))]
pub async fn list_groups(cx: Cx, Query(q): Query<GroupQuery>) -> AppResult<Json<List<Group>>> {
    let limit = Page {
        limit: q.limit,
        cursor: None,
    }
    .limit();
    let filter = GroupFilter {
        status: q.status,
        organisation_id: q.organisation_id,
        mine: q.mine.unwrap_or(false),
        after: q.cursor.as_deref().map(decode_cursor).transpose()?,
    };
    let list = groups::list(&cx, filter, limit).await?;
    Ok(Json(List {
        items: list
            .items
            .into_iter()
            .map(|group| {
                group_out(GroupDetail {
                    group,
                    partners: vec![],
                    facilitators: vec![],
                })
            })
            .collect(),
        next_cursor: list.next.as_deref().map(encode_cursor),
    }))
}

#[utoipa::path(get, path = "/groups/{id}", tag = "clubs", params(("id" = String, Path)),
    responses((status = 200, body = Group), (status = 404, body = super::Problem)))]
pub async fn get_group(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Group>> {
    Ok(Json(group_out(groups::get(&cx, &id).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GroupPatch {
    pub name: Option<String>,
    pub location: Option<String>,
    /// Never below the number enrolled (409).
    pub capacity: Option<i64>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub compensation_cents_per_meeting: Option<Option<i64>>,
    /// Forward only: `planned → open → running → finished`, or `cancelled`.
    pub status: Option<String>,
    pub facilitator_ids: Option<Vec<String>>,
    pub partner_organisation_ids: Option<Vec<String>>,
}

/// Changes a group (its organisation's coordinator).
#[utoipa::path(patch, path = "/groups/{id}", tag = "clubs", params(("id" = String, Path)), request_body = GroupPatch,
    responses((status = 200, body = Group), (status = 403, body = super::Problem), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn patch_group(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<GroupPatch>,
) -> AppResult<Json<Group>> {
    let g = groups::update(
        &cx,
        &id,
        GroupUpdate {
            name: b.name,
            location: b.location,
            capacity: b.capacity,
            compensation: b.compensation_cents_per_meeting,
            status: b.status,
            partner_ids: b.partner_organisation_ids,
            facilitator_ids: b.facilitator_ids,
        },
    )
    .await?;
    Ok(Json(group_out(g)))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Meeting {
    pub id: String,
    pub group_id: String,
    pub starts_at: String,
    pub ends_at: String,
    /// `regular`, `guest_visit`, `excursion` or `online`.
    pub kind: String,
    pub theme: String,
    pub title: Option<String>,
    pub location: String,
    pub agenda: String,
    pub guest_organisation: Option<String>,
    pub guest_purpose: Option<String>,
    /// Shown only to the group's members (facilitators, coordinators, participants).
    pub online_url: Option<String>,
    /// `scheduled` or `cancelled`.
    pub status: String,
    pub cancel_reason: Option<String>,
    /// Why it was last moved.
    pub change_reason: Option<String>,
    /// An excursion at another time than the group's usual meetings.
    pub unusual_time: bool,
    /// Raised on every change (the iCalendar SEQUENCE).
    pub sequence: i64,
}

/// A meeting as the operations give it (its online link only for the
/// group's members).
fn meeting_out(m: meetings::Meeting, unusual_time: bool) -> Meeting {
    Meeting {
        unusual_time,
        id: m.id,
        group_id: m.group_id,
        starts_at: rfc3339(m.starts_at),
        ends_at: rfc3339(m.ends_at),
        kind: m.kind,
        theme: m.theme,
        title: m.title,
        location: m.location,
        agenda: m.agenda,
        guest_organisation: m.guest_organisation,
        guest_purpose: m.guest_purpose,
        online_url: m.online_url,
        status: if m.cancelled {
            "cancelled"
        } else {
            "scheduled"
        }
        .into(),
        cancel_reason: m.cancel_reason,
        change_reason: m.change_reason,
        sequence: m.sequence,
    }
}

fn listed_out(l: Listed) -> Meeting {
    meeting_out(l.meeting, l.unusual_time)
}

fn view_out(v: MeetingView) -> Meeting {
    meeting_out(v.meeting, v.unusual_time)
}

/// The group's meetings in time order, cancelled ones included (marked).
#[utoipa::path(get, path = "/groups/{id}/meetings", tag = "clubs", params(("id" = String, Path), Page),
    responses((status = 200, body = List<Meeting>), (status = 404, body = super::Problem)))]
pub async fn list_meetings(
    cx: Cx,
    Path(id): Path<String>,
    Query(page): Query<Page>,
) -> AppResult<Json<List<Meeting>>> {
    let after = super::time_cursor(&page)?;
    let list = meetings::list(&cx, &id, after, page.limit()).await?;
    Ok(Json(List {
        items: list.items.into_iter().map(listed_out).collect(),
        next_cursor: list.next.as_deref().map(encode_cursor),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewMeeting {
    /// RFC 3339 with an offset.
    pub starts_at: String,
    pub ends_at: String,
    #[serde(default = "regular")]
    pub kind: String,
    pub theme: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub agenda: Option<String>,
    #[serde(default)]
    pub guest_organisation: Option<String>,
    #[serde(default)]
    pub guest_purpose: Option<String>,
    #[serde(default)]
    pub online_url: Option<String>,
}

fn regular() -> String {
    "regular".into()
}

fn instant(s: &str) -> Option<jiff::Timestamp> {
    s.trim().parse::<jiff::Timestamp>().ok()
}

impl NewMeeting {
    fn draft(self) -> MeetingDraft {
        MeetingDraft {
            starts_at: instant(&self.starts_at),
            ends_at: instant(&self.ends_at),
            kind: self.kind,
            theme: self.theme,
            title: self.title.unwrap_or_default(),
            location: self.location.unwrap_or_default(),
            agenda: self.agenda.unwrap_or_default(),
            guest_organisation: self.guest_organisation.unwrap_or_default(),
            guest_purpose: self.guest_purpose.unwrap_or_default(),
            online_url: self.online_url.unwrap_or_default(),
        }
    }
}

/// Adds a meeting (the group's coordinator or a facilitator). Meetings may be
/// recorded in the past, within five years either way of today.
#[utoipa::path(post, path = "/groups/{id}/meetings", tag = "clubs", params(("id" = String, Path)), request_body = NewMeeting,
    responses((status = 201, body = Meeting), (status = 404, body = super::Problem), (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn create_meeting(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<NewMeeting>,
) -> AppResult<(StatusCode, Json<Meeting>)> {
    let v = meetings::add(&cx, &id, b.draft()).await?;
    Ok((StatusCode::CREATED, Json(view_out(v))))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewSchedule {
    /// `YYYY-MM-DD`: the first day the schedule may use.
    pub first_date: String,
    /// `mon` … `sun`.
    pub weekdays: Vec<String>,
    /// Local time "HH:MM"; default the group's usual start time.
    pub start_time: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SkippedDay {
    pub date: String,
    /// The holiday's catalogue key, e.g. `holiday-good-friday`.
    pub holiday: String,
    pub holiday_name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GeneratedSchedule {
    pub meetings: Vec<Meeting>,
    /// Days passed over because they are Finnish public holidays.
    pub skipped: Vec<SkippedDay>,
}

/// Generates the group's meetings from its plan on the given weekdays,
/// skipping Finnish public holidays. 409 when the group already has meetings.
#[utoipa::path(post, path = "/groups/{id}/schedule", tag = "clubs", params(("id" = String, Path)), request_body = NewSchedule,
    responses((status = 201, body = GeneratedSchedule), (status = 404, body = super::Problem), (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn generate_schedule(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<NewSchedule>,
) -> AppResult<(StatusCode, Json<GeneratedSchedule>)> {
    let generated = meetings::generate_schedule(
        &cx,
        &id,
        meetings::ScheduleInput {
            first_date: b.first_date,
            weekdays: b.weekdays,
            start_time: b.start_time,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(GeneratedSchedule {
            meetings: generated.meetings.into_iter().map(listed_out).collect(),
            skipped: generated
                .skipped
                .into_iter()
                .map(|s| SkippedDay {
                    date: s.date.to_string(),
                    holiday: s.holiday.key().to_string(),
                    holiday_name: cx.t(s.holiday.key()),
                })
                .collect(),
        }),
    ))
}

#[utoipa::path(get, path = "/meetings/{id}", tag = "clubs", params(("id" = String, Path)),
    responses((status = 200, body = Meeting), (status = 404, body = super::Problem)))]
pub async fn get_meeting(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Meeting>> {
    Ok(Json(view_out(meetings::get(&cx, &id).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MeetingPatch {
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub kind: Option<String>,
    pub theme: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub agenda: Option<String>,
    pub guest_organisation: Option<String>,
    pub guest_purpose: Option<String>,
    pub online_url: Option<String>,
    /// Required when the times change: why the meeting moved.
    #[serde(default)]
    pub reason: String,
}

/// Changes a meeting; fields left out stay as they are. Moving it needs a `reason`.
#[utoipa::path(patch, path = "/meetings/{id}", tag = "clubs", params(("id" = String, Path)), request_body = MeetingPatch,
    responses((status = 200, body = Meeting), (status = 404, body = super::Problem), (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn patch_meeting(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<MeetingPatch>,
) -> AppResult<Json<Meeting>> {
    let reason = b.reason.clone();
    let v = meetings::update(&cx, &id, b.into(), &reason).await?;
    Ok(Json(view_out(v)))
}

impl From<MeetingPatch> for meetings::MeetingPatch {
    fn from(b: MeetingPatch) -> Self {
        meetings::MeetingPatch {
            starts_at: b.starts_at.as_deref().map(instant),
            ends_at: b.ends_at.as_deref().map(instant),
            kind: b.kind,
            theme: b.theme,
            title: b.title,
            location: b.location,
            agenda: b.agenda,
            guest_organisation: b.guest_organisation,
            guest_purpose: b.guest_purpose,
            online_url: b.online_url,
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Cancellation {
    pub reason: String,
}

/// Cancels a meeting with a reason; it stays in the schedule, marked cancelled.
#[utoipa::path(post, path = "/meetings/{id}/cancel", tag = "clubs", params(("id" = String, Path)), request_body = Cancellation,
    responses((status = 200, body = Meeting), (status = 404, body = super::Problem), (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn cancel_meeting(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<Cancellation>,
) -> AppResult<Json<Meeting>> {
    Ok(Json(view_out(meetings::cancel(&cx, &id, &b.reason).await?)))
}
