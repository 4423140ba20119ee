//! Expense compensation: a group's rates and payment report, approval and
//! reopening, versions and CSVs, one's own, an organisation's month (API.md
//! "compensation", "compensation.csv", "approve").

use super::me::rfc3339;
use super::{ApiJson, List};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use axum::response::Response;
use klubi_ops::compensation;
use serde::{Deserialize, Serialize};

/// The payment report: every line and the total (the approved snapshot while
/// one locks the group).
#[utoipa::path(get, path = "/groups/{id}/compensation", tag = "compensation",
    params(("id" = String, Path)),
    responses((status = 200, body = Compensation), (status = 404, body = super::Problem)))]
pub async fn get_compensation(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Compensation>> {
    Ok(Json(compensation::statement(&cx, &id).await?.into()))
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

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RateOut {
    /// `null` for the group's own rate (before any change).
    pub effective_from: Option<String>,
    pub rate_cents: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LineOut {
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// The payment report: computed from the marks, or an approved snapshot.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Compensation {
    pub group_id: String,
    /// The rate in force today (cents per attended meeting; `null`: none).
    pub rate_cents: Option<i64>,
    pub rates: Vec<RateOut>,
    pub lines: Vec<LineOut>,
    pub total_cents: i64,
    pub approved: bool,
    pub version: Option<i64>,
    pub approved_at: Option<String>,
    pub approved_by: Option<String>,
    pub approved_by_name: Option<String>,
}

impl From<compensation::Compensation> for Compensation {
    fn from(c: compensation::Compensation) -> Self {
        let s = c.statement;
        Compensation {
            group_id: s.group_id,
            rate_cents: s.rate_cents,
            rates: s
                .rates
                .into_iter()
                .map(|r| RateOut {
                    effective_from: r.effective_from,
                    rate_cents: r.rate_cents,
                })
                .collect(),
            lines: s
                .lines
                .into_iter()
                .map(|l| LineOut {
                    participant_id: l.participant_id,
                    name: l.name,
                    attended_meetings: l.attended_meetings,
                    amount_cents: l.amount_cents,
                })
                .collect(),
            total_cents: s.total_cents,
            approved: c.approved,
            version: c.version,
            approved_at: c.approved_at,
            approved_by: c.approved_by,
            approved_by_name: c.approved_by_name,
        }
    }
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

impl From<compensation::MyCompensation> for MyCompensation {
    fn from(c: compensation::MyCompensation) -> Self {
        MyCompensation {
            group_id: c.group_id,
            group_name: c.group_name,
            attended_meetings: c.attended_meetings,
            amount_cents: c.amount_cents,
            approved: c.approved,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthLine {
    pub group_id: String,
    pub group_name: String,
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// Every group's compensation lines for the meetings of one month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganisationMonth {
    pub organisation_id: String,
    /// `YYYY-MM`.
    pub month: String,
    pub lines: Vec<MonthLine>,
    pub total_cents: i64,
}

impl From<compensation::OrganisationMonth> for OrganisationMonth {
    fn from(m: compensation::OrganisationMonth) -> Self {
        OrganisationMonth {
            organisation_id: m.organisation_id,
            month: m.month,
            lines: m
                .lines
                .into_iter()
                .map(|l| MonthLine {
                    group_id: l.group_id,
                    group_name: l.group_name,
                    participant_id: l.participant_id,
                    name: l.name,
                    attended_meetings: l.attended_meetings,
                    amount_cents: l.amount_cents,
                })
                .collect(),
            total_cents: m.total_cents,
        }
    }
}
