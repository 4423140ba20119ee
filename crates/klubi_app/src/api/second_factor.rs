//! Who of an organisation's staff must sign in with a second factor.

use super::ApiJson;
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use klubi_ops::second_factor;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SecondFactorRuleIn {
    /// `roles` (administrators, case managers and specialists), `all_staff`
    /// or `none`; `null` follows the installation's default.
    pub second_factor: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SecondFactorRuleOut {
    pub organisation_id: String,
    /// As set; `null` follows the installation's default.
    pub second_factor: Option<String>,
}

/// Who of the organisation's staff must sign in with a second factor (admin).
#[utoipa::path(put, path = "/organisations/{id}/second-factor", tag = "organisations",
    params(("id" = String, Path)), request_body = SecondFactorRuleIn,
    responses((status = 200, body = SecondFactorRuleOut), (status = 403, body = super::Problem),
              (status = 404, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn set_rule(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<SecondFactorRuleIn>,
) -> AppResult<Json<SecondFactorRuleOut>> {
    let rule = second_factor::set_organisation_rule(&cx, &id, b.second_factor.as_deref()).await?;
    Ok(Json(SecondFactorRuleOut {
        organisation_id: id,
        second_factor: rule.map(|r| r.as_str().to_string()),
    }))
}
