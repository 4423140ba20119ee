use super::ApiJson;
use crate::api::me::CreatedToken;
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use klubi_ops::accounts::{self, StaffInput};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub organisation_id: String,
    /// `admin`, `coordinator`, `coach`, `case_manager`, `specialist`.
    pub roles: Vec<String>,
    /// `fi` (default), `sv` or `en`: the language of the invitation and the pages.
    pub language: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: String,
    pub email: Option<String>,
    pub name: String,
    pub organisation_id: Option<String>,
    pub roles: Vec<String>,
    pub language: String,
    pub active: bool,
}

impl From<klubi_ops::users::User> for User {
    fn from(u: klubi_ops::users::User) -> Self {
        User {
            roles: u.roles.names().into_iter().map(str::to_string).collect(),
            email: u.shown_email().map(str::to_string),
            id: u.id,
            name: u.name,
            organisation_id: u.organisation_id,
            language: u.language.code().to_string(),
            active: u.active,
        }
    }
}

/// Creates a staff member and mails them an invitation link (admin; a coordinator for their own organisation).
#[utoipa::path(post, path = "/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = User), (status = 403, body = super::Problem),
              (status = 404, body = super::Problem), (status = 409, body = super::Problem),
              (status = 422, body = super::Problem)))]
pub async fn create(
    cx: Cx,
    ApiJson(body): ApiJson<NewUser>,
) -> AppResult<(StatusCode, Json<User>)> {
    let input = StaffInput {
        email: body.email,
        name: body.name,
        organisation_id: body.organisation_id,
        roles: body.roles,
        language: body.language.unwrap_or_else(|| "fi".into()),
    };
    let user = accounts::invite_staff(&cx, &input).await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewTokenFor {
    /// Defaults to "api".
    pub name: Option<String>,
    /// 1–365; 90 when left out.
    pub expires_in_days: Option<i64>,
    /// Only reads (GET) are allowed with it; default false.
    pub read_only: Option<bool>,
}

/// Issues an API token for another user (admin); audited.
#[utoipa::path(post, path = "/users/{id}/tokens", tag = "users",
    params(("id" = String, Path)), request_body = NewTokenFor,
    responses((status = 201, body = CreatedToken), (status = 403, body = super::Problem),
              (status = 404, body = super::Problem)))]
pub async fn create_token(
    cx: Cx,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<(StatusCode, Json<CreatedToken>)> {
    // The body is optional: no body means the default name.
    let body: Option<NewTokenFor> = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        Some(
            serde_json::from_slice(&body)
                .map_err(|_| crate::error::AppError::BadRequest("error-json-malformed"))?,
        )
    };
    let (name, days, read_only) = match body {
        Some(b) => (b.name, b.expires_in_days, b.read_only.unwrap_or(false)),
        None => (None, None, false),
    };
    let name = name.unwrap_or_else(|| "api".to_string());
    let request = accounts::TokenRequest {
        name: &name,
        days,
        read_only,
    };
    let created = accounts::create_token_for(&cx, &id, &request).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}
