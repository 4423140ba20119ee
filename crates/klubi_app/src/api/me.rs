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
    let roles = match u.kind {
        klubi_domain::roles::AccountKind::Participant => vec!["participant".to_string()],
        klubi_domain::roles::AccountKind::Staff => {
            u.roles.names().into_iter().map(str::to_string).collect()
        }
    };
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
}

pub fn rfc3339(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| {
            t.to_zoned(crate::i18n::tz())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        })
        .unwrap_or_default()
}

/// The caller's API tokens (never their values).
#[utoipa::path(get, path = "/me/tokens", tag = "me",
    responses((status = 200, body = Vec<Token>), (status = 401, body = super::Problem)))]
pub async fn list_tokens(cx: Cx) -> AppResult<Json<Vec<Token>>> {
    let a = cx.actor()?;
    let tokens = klubi_db::api_tokens::list_for_user(cx.db(), &a.user.id).await?;
    Ok(Json(
        tokens
            .into_iter()
            .map(|t| Token {
                id: t.id,
                name: t.name,
                created_at: rfc3339(t.created_at),
                last_used_at: t.last_used_at.map(rfc3339),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewToken {
    pub name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    pub id: String,
    pub name: String,
    /// Shown once; only its hash is stored.
    pub token: String,
}

/// Creates an API token for the caller.
#[utoipa::path(post, path = "/me/tokens", tag = "me", request_body = NewToken,
    responses((status = 201, body = CreatedToken), (status = 422, body = super::Problem)))]
pub async fn create_token(
    cx: Cx,
    ApiJson(body): ApiJson<NewToken>,
) -> AppResult<(StatusCode, Json<CreatedToken>)> {
    let a = cx.actor()?;
    let name = crate::accounts::token_name(&body.name)?;
    let created = crate::accounts::create_token(&cx, &a.user, &name).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/me/tokens/{id}", tag = "me",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = super::Problem)))]
pub async fn revoke_token(cx: Cx, Path(id): Path<String>) -> AppResult<StatusCode> {
    let a = cx.actor()?;
    let mut tx = cx.db().begin().await?;
    klubi_db::api_tokens::revoke(&mut tx, &cx.ctx(), &a.user.id, &id).await?;
    klubi_db::commit(tx).await?;
    Ok(StatusCode::NO_CONTENT)
}
