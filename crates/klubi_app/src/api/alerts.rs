//! No-show alerts and the organisation's alert policy.

use super::me::rfc3339;
use super::{ApiJson, List};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use klubi_ops::alerts;
use serde::{Deserialize, Serialize};

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
