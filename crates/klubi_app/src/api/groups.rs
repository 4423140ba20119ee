//! Groups (API.md "groups").

use super::me::rfc3339;
use super::{ApiJson, List, Page, decode_cursor, encode_cursor};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use klubi_ops::groups::{self, GroupDetail, GroupFilter, GroupInput, GroupUpdate};
use serde::{Deserialize, Deserializer, Serialize};

/// `null` and a missing field differ: `Some(None)` is an explicit null.
fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Group {
    pub id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub format_id: String,
    pub name: String,
    pub location: String,
    pub capacity: i64,
    pub enrolled_count: i64,
    pub waitlist_count: i64,
    pub min_attendance: i64,
    pub compensation_cents_per_meeting: Option<i64>,
    /// `planned`, `open`, `running`, `finished` or `cancelled`.
    pub status: String,
    pub facilitator_ids: Vec<String>,
    pub partner_organisation_ids: Vec<String>,
    pub next_meeting_at: Option<String>,
    pub created_at: String,
}

fn group_out(d: GroupDetail) -> Group {
    let facilitator_ids = d.facilitators.into_iter().map(|(id, _, _)| id).collect();
    let partner_organisation_ids = d.partners.into_iter().map(|(id, _)| id).collect();
    let g = d.group;
    Group {
        id: g.id,
        organisation_id: g.organisation_id,
        organisation_name: g.organisation_name,
        format_id: g.format_id,
        name: g.name,
        location: g.location,
        capacity: g.capacity,
        enrolled_count: g.enrolled_count,
        waitlist_count: g.waitlist_count,
        min_attendance: g.min_attendance,
        compensation_cents_per_meeting: g.compensation_cents,
        status: g.status,
        facilitator_ids,
        partner_organisation_ids,
        next_meeting_at: g.next_meeting_at.map(rfc3339),
        created_at: rfc3339(g.created_at),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewGroup {
    pub format_id: String,
    pub name: String,
    #[serde(default)]
    pub location: String,
    /// Default: the format's.
    pub capacity: Option<i64>,
    #[serde(default)]
    pub facilitator_ids: Vec<String>,
    #[serde(default)]
    pub partner_organisation_ids: Vec<String>,
    /// Cents per attended meeting; `null` for none; left out, the format's.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub compensation_cents_per_meeting: Option<Option<i64>>,
    /// `open` (default) or `planned`.
    pub status: Option<String>,
}

/// Creates a group from a format (coordinator); it belongs to the caller's organisation.
#[utoipa::path(post, path = "/groups", tag = "clubs", request_body = NewGroup,
    responses((status = 201, body = Group), (status = 403, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn create_group(
    cx: Cx,
    ApiJson(b): ApiJson<NewGroup>,
) -> AppResult<(StatusCode, Json<Group>)> {
    let g = groups::create(
        &cx,
        GroupInput {
            format_id: b.format_id,
            name: b.name,
            location: b.location,
            capacity: b.capacity,
            facilitator_ids: b.facilitator_ids,
            partner_ids: b.partner_organisation_ids,
            compensation: b.compensation_cents_per_meeting,
            status: b.status,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(group_out(g))))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct GroupQuery {
    /// 1–200, default 50.
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub status: Option<String>,
    /// Groups this organisation owns or partners in.
    pub organisation_id: Option<String>,
    /// Only groups the caller facilitates or created.
    pub mine: Option<bool>,
}

/// Groups the caller is involved in, by name.
#[utoipa::path(get, path = "/groups", tag = "clubs", params(GroupQuery),
    responses((status = 200, body = List<Group>), (status = 422, body = super::Problem)))]
pub async fn list_groups(cx: Cx, Query(q): Query<GroupQuery>) -> AppResult<Json<List<Group>>> {
    let limit = Page {
        limit: q.limit,
        cursor: None,
    }
    .limit();
    let filter = GroupFilter {
        status: q.status,
        organisation_id: q.organisation_id,
        mine: q.mine.unwrap_or(false),
        after: q.cursor.as_deref().map(decode_cursor).transpose()?,
    };
    let list = groups::list(&cx, filter, limit).await?;
    Ok(Json(List {
        items: list
            .items
            .into_iter()
            .map(|group| {
                group_out(GroupDetail {
                    group,
                    partners: vec![],
                    facilitators: vec![],
                })
            })
            .collect(),
        next_cursor: list.next.as_deref().map(encode_cursor),
    }))
}

#[utoipa::path(get, path = "/groups/{id}", tag = "clubs", params(("id" = String, Path)),
    responses((status = 200, body = Group), (status = 404, body = super::Problem)))]
pub async fn get_group(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Group>> {
    Ok(Json(group_out(groups::get(&cx, &id).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GroupPatch {
    pub name: Option<String>,
    pub location: Option<String>,
    /// Never below the number enrolled (409).
    pub capacity: Option<i64>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub compensation_cents_per_meeting: Option<Option<i64>>,
    /// Forward only: `planned → open → running → finished`, or `cancelled`.
    pub status: Option<String>,
    pub facilitator_ids: Option<Vec<String>>,
    pub partner_organisation_ids: Option<Vec<String>>,
}

/// Changes a group (its organisation's coordinator).
#[utoipa::path(patch, path = "/groups/{id}", tag = "clubs", params(("id" = String, Path)), request_body = GroupPatch,
    responses((status = 200, body = Group), (status = 403, body = super::Problem), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn patch_group(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<GroupPatch>,
) -> AppResult<Json<Group>> {
    let g = groups::update(
        &cx,
        &id,
        GroupUpdate {
            name: b.name,
            location: b.location,
            capacity: b.capacity,
            compensation: b.compensation_cents_per_meeting,
            status: b.status,
            partner_ids: b.partner_organisation_ids,
            facilitator_ids: b.facilitator_ids,
        },
    )
    .await?;
    Ok(Json(group_out(g)))
}
