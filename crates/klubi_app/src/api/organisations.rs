use super::{ApiJson, List, Page, decode_cursor, encode_cursor};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use klubi_ops::organisations;
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    /// `employment_services`, `coaching_provider`, `rehabilitation`, `education` or `other`.
    pub kind: String,
    /// Who of its staff must sign in with a second factor: `roles`,
    /// `all_staff` or `none`; `null` follows the installation's default.
    pub second_factor: Option<String>,
}

impl From<organisations::Organisation> for Organisation {
    fn from(o: organisations::Organisation) -> Self {
        Organisation {
            id: o.id,
            name: o.name,
            kind: o.kind,
            second_factor: o.second_factor,
        }
    }
}

/// Organisations: an admin sees all, others their own and its partners (organisations
/// that own a group the caller's partners in, or partner in one of its groups).
#[utoipa::path(get, path = "/organisations", tag = "organisations", params(Page),
    responses((status = 200, body = List<Organisation>), (status = 401, body = super::Problem)))]
pub async fn list(cx: Cx, Query(page): Query<Page>) -> AppResult<Json<List<Organisation>>> {
    let after = page.cursor.as_deref().map(decode_cursor).transpose()?;
    let limit = page.limit();
    let rows = organisations::list(&cx, after.as_deref(), limit + 1).await?;
    let (rows, next_cursor) = super::page_of(rows, limit, |o| encode_cursor(&o.name));
    Ok(Json(List {
        items: rows.into_iter().map(Organisation::from).collect(),
        next_cursor,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: String,
}

/// Creates an organisation (admin).
#[utoipa::path(post, path = "/organisations", tag = "organisations", request_body = NewOrganisation,
    responses((status = 201, body = Organisation), (status = 403, body = super::Problem),
              (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn create(
    cx: Cx,
    ApiJson(body): ApiJson<NewOrganisation>,
) -> AppResult<(StatusCode, Json<Organisation>)> {
    let org = organisations::create(&cx, &body.name, &body.kind).await?;
    Ok((StatusCode::CREATED, Json(org.into())))
}

/// One organisation, if the caller may see it.
#[utoipa::path(get, path = "/organisations/{id}", tag = "organisations",
    params(("id" = String, Path)),
    responses((status = 200, body = Organisation), (status = 404, body = super::Problem)))]
pub async fn get_one(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Organisation>> {
    Ok(Json(organisations::get(&cx, &id).await?.into()))
}
