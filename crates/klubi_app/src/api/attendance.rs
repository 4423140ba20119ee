//! Attendance and advance notices (API.md "attendance"), and a participant's own attendance.

use super::me::rfc3339;
use super::{ApiJson, List};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use klubi_ops::attendance;
use klubi_ops::attendance::{self as ops, Sheet};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MarksIn {
    /// Any subset of the meeting's participants; `status` `null` clears a mark.
    pub marks: Vec<MarkInput>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NoticeOut {
    pub reason: Option<String>,
    pub given_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MarkOut {
    pub participant_id: String,
    pub name: String,
    /// What the roster shows: the coach's mark, else `excused` after an advance notice.
    pub status: Option<String>,
    /// The coach's own mark.
    pub marked: Option<String>,
    pub marked_at: Option<String>,
    pub notice: Option<NoticeOut>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SheetOut {
    pub meeting_id: String,
    /// How many to expect: everyone listed but those excused or absent.
    pub expected: usize,
    /// An approved payment report locks the marks.
    pub locked: bool,
    pub marks: Vec<MarkOut>,
}

fn sheet_out(s: Sheet) -> SheetOut {
    SheetOut {
        meeting_id: s.meeting.id,
        expected: s.expected,
        locked: s.locked.is_some(),
        marks: s
            .rows
            .into_iter()
            .map(|r| MarkOut {
                participant_id: r.participant_id,
                name: r.name,
                status: r.shown.map(|m| m.as_str().to_string()),
                marked: r.marked.map(|m| m.as_str().to_string()),
                marked_at: r.marked_at.map(rfc3339),
                notice: r.notice_at.map(|t| NoticeOut {
                    reason: r.notice_reason.clone(),
                    given_at: rfc3339(t),
                }),
            })
            .collect(),
    }
}

/// The meeting's roster with every mark.
#[utoipa::path(get, path = "/meetings/{id}/attendance", tag = "attendance",
    params(("id" = String, Path)),
    responses((status = 200, body = SheetOut), (status = 404, body = super::Problem)))]
pub async fn get_sheet(cx: Cx, Path(id): Path<String>) -> AppResult<Json<SheetOut>> {
    Ok(Json(sheet_out(ops::sheet(&cx, &id).await?)))
}

/// Sets any subset of the marks (`present`, `late`, `excused`, `absent`, or
/// `null` to clear); answers with all of them. A mark for someone not
/// enrolled is 422 naming them; a locked (approved) report is 409.
#[utoipa::path(put, path = "/meetings/{id}/attendance", tag = "attendance",
    params(("id" = String, Path)), request_body = MarksIn,
    responses((status = 200, body = SheetOut), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn put_marks(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<MarksIn>,
) -> AppResult<Json<SheetOut>> {
    let marks: Vec<ops::MarkInput> = b.marks.into_iter().map(Into::into).collect();
    Ok(Json(sheet_out(ops::mark(&cx, &id, &marks).await?)))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct NoticeIn {
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NoticeGiven {
    pub meeting_id: String,
    pub reason: Option<String>,
    pub given_at: String,
}

/// "I can't come": the enrolled participant, before the meeting starts.
#[utoipa::path(post, path = "/meetings/{id}/absence", tag = "attendance",
    params(("id" = String, Path)), request_body = NoticeIn,
    responses((status = 200, body = NoticeGiven), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem)))]
pub async fn give_notice(
    cx: Cx,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<Json<NoticeGiven>> {
    // The body is optional: an empty one is a notice without a reason.
    let b: NoticeIn = if body.iter().all(u8::is_ascii_whitespace) {
        NoticeIn::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|_| crate::error::AppError::BadRequest("error-json-malformed"))?
    };
    let r = ops::give_notice(&cx, &id, b.reason.as_deref().unwrap_or("")).await?;
    Ok(Json(NoticeGiven {
        meeting_id: r.meeting_id,
        reason: r.notice_reason,
        given_at: r.notice_at.map(rfc3339).unwrap_or_default(),
    }))
}

/// Takes an advance notice back (before the meeting starts).
#[utoipa::path(delete, path = "/meetings/{id}/absence", tag = "attendance",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = super::Problem), (status = 409, body = super::Problem)))]
pub async fn take_back_notice(cx: Cx, Path(id): Path<String>) -> AppResult<StatusCode> {
    ops::take_back_notice(&cx, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The participant's own attendance per group.
#[utoipa::path(get, path = "/me/attendance", tag = "attendance",
    responses((status = 200, body = List<MyAttendance>)))]
pub async fn my_attendance(cx: Cx) -> AppResult<Json<List<MyAttendance>>> {
    Ok(Json(List {
        items: ops::my_attendance(&cx)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        next_cursor: None,
    }))
}

/// A mark as given: a participant and a status (`null` clears the mark).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MarkInput {
    pub participant_id: String,
    pub status: Option<String>,
}

impl From<MarkInput> for attendance::MarkInput {
    fn from(m: MarkInput) -> Self {
        attendance::MarkInput {
            participant_id: m.participant_id,
            status: m.status,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyMeeting {
    pub meeting_id: String,
    pub starts_at: String,
    /// The coach's mark, else `excused` after an advance notice; `null`: none yet.
    pub status: Option<String>,
    pub notice_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyAttendance {
    pub group_id: String,
    pub group_name: String,
    pub min_attendance: i64,
    pub attended_meetings: u32,
    pub meetings: Vec<MyMeeting>,
}

impl From<attendance::MyAttendance> for MyAttendance {
    fn from(a: attendance::MyAttendance) -> Self {
        MyAttendance {
            group_id: a.group_id,
            group_name: a.group_name,
            min_attendance: a.min_attendance,
            attended_meetings: a.attended_meetings,
            meetings: a
                .meetings
                .into_iter()
                .map(|m| MyMeeting {
                    meeting_id: m.meeting_id,
                    starts_at: m.starts_at,
                    status: m.status.map(|s| s.as_str().to_string()),
                    notice_reason: m.notice_reason,
                })
                .collect(),
        }
    }
}
