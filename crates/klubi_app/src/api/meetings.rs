//! Meetings and schedules (API.md "meetings").

use super::me::rfc3339;
use super::{ApiJson, List, Page, encode_cursor};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use klubi_domain::meetings::MeetingDraft;
use klubi_ops::meetings::{self, Listed, MeetingView};
use serde::{Deserialize, Serialize};

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
