//! Formats (API.md "formats").

use super::{ApiJson, List, Page, decode_cursor, encode_cursor};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use klubi_ops::formats::{self, FormatInput};
use serde::{Deserialize, Serialize};

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
