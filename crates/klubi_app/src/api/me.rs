use super::ApiJson;
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: String,
    pub email: Option<String>,
    pub name: String,
    pub organisation_id: Option<String>,
    /// Staff roles; a participant has `["participant"]`.
    pub roles: Vec<String>,
    pub language: String,
}

/// The caller.
#[utoipa::path(get, path = "/me", tag = "me",
    responses((status = 200, body = Me), (status = 401, body = super::Problem)))]
pub async fn get_me(cx: Cx) -> AppResult<Json<Me>> {
    let a = cx.actor()?;
    let u = &a.user;
    let roles = klubi_ops::users::role_names(u);
    Ok(Json(Me {
        id: u.id.clone(),
        email: u.email.clone(),
        name: u.name.clone(),
        organisation_id: u.organisation_id.clone(),
        roles,
        language: u.language.code().to_string(),
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Token {
    pub id: String,
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked: bool,
    /// RFC 3339: when it stops working.
    pub expires_at: String,
    /// It may only read (GET); any change it asks for is 403.
    pub read_only: bool,
    /// Who issued it, when not its owner (an administrator).
    pub issued_by: Option<Issuer>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Issuer {
    pub id: String,
    pub name: String,
}

pub use klubi_ops::i18n::rfc3339;

/// The caller's API tokens (never their values).
#[utoipa::path(get, path = "/me/tokens", tag = "me",
    responses((status = 200, body = Vec<Token>), (status = 401, body = super::Problem)))]
pub async fn list_tokens(cx: Cx) -> AppResult<Json<Vec<Token>>> {
    let tokens = klubi_ops::accounts::list_own_tokens(&cx).await?;
    Ok(Json(
        tokens
            .into_iter()
            .map(|t| Token {
                id: t.id,
                name: t.name,
                created_at: rfc3339(t.created_at),
                last_used_at: t.last_used_at.map(rfc3339),
                revoked: t.revoked_at.is_some(),
                expires_at: rfc3339(t.expires_at),
                read_only: t.read_only,
                issued_by: t.issued_by.map(|(id, name)| Issuer { id, name }),
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewToken {
    pub name: String,
    /// 1–365; 90 when left out.
    pub expires_in_days: Option<i64>,
    /// Only reads (GET) are allowed with it; default false.
    pub read_only: Option<bool>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    pub id: String,
    pub name: String,
    /// Shown once; only its hash is stored.
    pub token: String,
    /// RFC 3339.
    pub expires_at: String,
    pub read_only: bool,
}

impl From<klubi_ops::accounts::CreatedToken> for CreatedToken {
    fn from(t: klubi_ops::accounts::CreatedToken) -> Self {
        CreatedToken {
            id: t.id,
            name: t.name,
            token: t.token,
            expires_at: rfc3339(t.expires_at),
            read_only: t.read_only,
        }
    }
}

/// Creates an API token for the caller (staff).
#[utoipa::path(post, path = "/me/tokens", tag = "me", request_body = NewToken,
    responses((status = 201, body = CreatedToken), (status = 422, body = super::Problem)))]
pub async fn create_token(
    cx: Cx,
    ApiJson(body): ApiJson<NewToken>,
) -> AppResult<(StatusCode, Json<CreatedToken>)> {
    let request = klubi_ops::accounts::TokenRequest {
        name: &body.name,
        days: body.expires_in_days,
        read_only: body.read_only.unwrap_or(false),
    };
    // A token's caller needs no password; a page's session would (see the op).
    let created = klubi_ops::accounts::create_own_token(&cx, &request, None).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/me/tokens/{id}", tag = "me",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = super::Problem)))]
pub async fn revoke_token(cx: Cx, Path(id): Path<String>) -> AppResult<StatusCode> {
    klubi_ops::accounts::revoke_own_token(&cx, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
