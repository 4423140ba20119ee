//! Attendance, advance notices, no-show alerts, compensation and the group
//! report (API.md "attendance", "compensation", "compensation.csv", "approve",
//! "report").

use super::attendance_out::{
    Compensation, MarkInput, MyAttendance, MyCompensation, OrganisationMonth, Report,
};
use super::me::rfc3339;
use super::{ApiJson, List};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use klubi_ops::attendance::{self as ops, Sheet};
use klubi_ops::{alerts, compensation, reports};
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

/// The payment report: every line and the total (the approved snapshot while
/// one locks the group).
#[utoipa::path(get, path = "/groups/{id}/compensation", tag = "compensation",
    params(("id" = String, Path)),
    responses((status = 200, body = Compensation), (status = 404, body = super::Problem)))]
pub async fn get_compensation(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Compensation>> {
    Ok(Json(
        compensation::compensation(&cx, &id).await?.current.into(),
    ))
}

/// The same as CSV: UTF-8 with a BOM, `;`-separated, a header row, euros with
/// a comma and cents, formula-injection safe.
#[utoipa::path(get, path = "/groups/{id}/compensation.csv", tag = "compensation",
    params(("id" = String, Path)),
    responses((status = 200, content_type = "text/csv"), (status = 404, body = super::Problem)))]
pub async fn get_compensation_csv(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let body = compensation::compensation_csv(&cx, &id).await?;
    Ok(crate::web::csv_download(body, "kulukorvaukset.csv"))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RateIn {
    /// `YYYY-MM-DD`: applies to meetings on or after this local date.
    pub effective_from: String,
    /// Cents per attended meeting; `null` for no compensation from that date.
    pub rate_cents: Option<i64>,
}

/// A new rate from a date on.
#[utoipa::path(post, path = "/groups/{id}/compensation/rates", tag = "compensation",
    params(("id" = String, Path)), request_body = RateIn,
    responses((status = 200, body = Compensation), (status = 409, body = super::Problem),
              (status = 422, body = super::Problem)))]
pub async fn set_rate(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<RateIn>,
) -> AppResult<Json<Compensation>> {
    let c = compensation::set_rate(&cx, &id, &b.effective_from, b.rate_cents).await?;
    Ok(Json(c.into()))
}

/// Approves and locks the report: an immutable snapshot, a new version.
#[utoipa::path(post, path = "/groups/{id}/compensation/approve", tag = "compensation",
    params(("id" = String, Path)),
    responses((status = 200, body = Compensation), (status = 409, body = super::Problem)))]
pub async fn approve(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Compensation>> {
    Ok(Json(compensation::approve(&cx, &id).await?.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReopenIn {
    #[serde(default)]
    pub reason: String,
}

/// Reopens an approved report for a correction (with a reason); the version
/// stays downloadable and the next approval is a new one.
#[utoipa::path(post, path = "/groups/{id}/compensation/reopen", tag = "compensation",
    params(("id" = String, Path)), request_body = ReopenIn,
    responses((status = 200, body = Compensation), (status = 409, body = super::Problem),
              (status = 422, body = super::Problem)))]
pub async fn reopen(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ReopenIn>,
) -> AppResult<Json<Compensation>> {
    Ok(Json(
        compensation::reopen(&cx, &id, &b.reason).await?.into(),
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct VersionOut {
    pub version: i64,
    pub approved_at: String,
    pub approved_by: String,
    pub approved_by_name: String,
    pub total_cents: i64,
    pub reopened_at: Option<String>,
    pub reopened_by_name: Option<String>,
    pub reopen_reason: Option<String>,
}

/// Every approved version, newest first.
#[utoipa::path(get, path = "/groups/{id}/compensation/versions", tag = "compensation",
    params(("id" = String, Path)),
    responses((status = 200, body = List<VersionOut>), (status = 404, body = super::Problem)))]
pub async fn list_versions(cx: Cx, Path(id): Path<String>) -> AppResult<Json<List<VersionOut>>> {
    let vs = compensation::versions(&cx, &id).await?;
    Ok(Json(List {
        items: vs
            .into_iter()
            .map(|r| VersionOut {
                version: r.version,
                approved_at: rfc3339(r.approved_at),
                approved_by: r.approved_by,
                approved_by_name: r.approved_by_name,
                total_cents: r.total_cents,
                reopened_at: r.reopened_at.map(rfc3339),
                reopened_by_name: r.reopened_by_name,
                reopen_reason: r.reopen_reason,
            })
            .collect(),
        next_cursor: None,
    }))
}

/// One approved version as CSV (`{file}` is `<version>.csv`).
#[utoipa::path(get, path = "/groups/{id}/compensation/versions/{file}", tag = "compensation",
    params(("id" = String, Path), ("file" = String, Path)),
    responses((status = 200, content_type = "text/csv"), (status = 404, body = super::Problem)))]
pub async fn get_version_csv(
    cx: Cx,
    Path((id, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let n: i64 = file
        .strip_suffix(".csv")
        .and_then(|v| v.parse().ok())
        .ok_or(crate::error::AppError::NotFound)?;
    let body = compensation::version_csv(&cx, &id, n).await?;
    Ok(crate::web::csv_download(
        body,
        &format!("kulukorvaukset-v{n}.csv"),
    ))
}

/// The group's report: enrolment, meetings held, attendance rate, the
/// below-minimum list, per-meeting attendance and the compensation total.
#[utoipa::path(get, path = "/groups/{id}/report", tag = "attendance",
    params(("id" = String, Path)),
    responses((status = 200, body = Report), (status = 404, body = super::Problem)))]
pub async fn get_report(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Report>> {
    Ok(Json(reports::report(&cx, &id).await?.report.into()))
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

/// The participant's own compensation statement per group.
#[utoipa::path(get, path = "/me/compensation", tag = "compensation",
    responses((status = 200, body = List<MyCompensation>)))]
pub async fn my_compensation(cx: Cx) -> AppResult<Json<List<MyCompensation>>> {
    Ok(Json(List {
        items: compensation::my_compensation(&cx)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        next_cursor: None,
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AlertOut {
    pub id: String,
    pub group_id: String,
    pub group_name: String,
    pub meeting_id: String,
    pub meeting_starts_at: String,
    pub participant_id: String,
    pub participant_name: String,
    /// It has happened before: the coordinators were told too.
    pub escalated: bool,
    pub created_at: String,
}

/// Missed meetings of the caller's clients (and, for a coordinator, the
/// escalated ones of their organisation's groups), newest first.
#[utoipa::path(get, path = "/no-show-alerts", tag = "attendance",
    responses((status = 200, body = List<AlertOut>)))]
pub async fn list_alerts(cx: Cx) -> AppResult<Json<List<AlertOut>>> {
    let items = alerts::alerts(&cx, 200)
        .await?
        .alerts
        .into_iter()
        .map(|a| AlertOut {
            id: a.id,
            group_id: a.group_id,
            group_name: a.group_name,
            meeting_id: a.meeting_id,
            meeting_starts_at: rfc3339(a.meeting_starts_at),
            participant_id: a.participant_id,
            participant_name: a.participant_name,
            escalated: a.escalated,
            created_at: rfc3339(a.created_at),
        })
        .collect();
    Ok(Json(List {
        items,
        next_cursor: None,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AlertPolicyIn {
    /// `off`, `every_miss` or `two_in_a_row`.
    pub policy: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AlertPolicyOut {
    pub organisation_id: String,
    pub no_show_alerts: String,
}

/// When the organisation's case managers hear of missed meetings.
#[utoipa::path(put, path = "/organisations/{id}/no-show-alerts", tag = "attendance",
    params(("id" = String, Path)), request_body = AlertPolicyIn,
    responses((status = 200, body = AlertPolicyOut), (status = 403, body = super::Problem),
              (status = 422, body = super::Problem)))]
pub async fn set_alert_policy(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<AlertPolicyIn>,
) -> AppResult<Json<AlertPolicyOut>> {
    let p = alerts::set_alert_policy(&cx, &id, &b.policy).await?;
    Ok(Json(AlertPolicyOut {
        organisation_id: id,
        no_show_alerts: p.as_str().to_string(),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct MonthQuery {
    /// `YYYY-MM`.
    #[serde(default)]
    pub month: String,
}

/// The compensation lines of all the organisation's groups for the meetings
/// of one month (its coordinators).
#[utoipa::path(get, path = "/organisations/{id}/compensation", tag = "compensation",
    params(("id" = String, Path), MonthQuery),
    responses((status = 200, body = OrganisationMonth), (status = 404, body = super::Problem),
              (status = 422, body = super::Problem)))]
pub async fn organisation_month(
    cx: Cx,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<MonthQuery>,
) -> AppResult<Json<OrganisationMonth>> {
    Ok(Json(
        compensation::organisation_month(&cx, &id, &q.month)
            .await?
            .into(),
    ))
}

/// The same month as CSV.
#[utoipa::path(get, path = "/organisations/{id}/compensation.csv", tag = "compensation",
    params(("id" = String, Path), MonthQuery),
    responses((status = 200, content_type = "text/csv"), (status = 404, body = super::Problem)))]
pub async fn organisation_month_csv(
    cx: Cx,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<MonthQuery>,
) -> AppResult<Response> {
    let m = compensation::month_csv(&cx, &id, &q.month).await?;
    Ok(crate::web::csv_download(
        m.body,
        &format!("kulukorvaukset-{}.csv", m.month),
    ))
}
