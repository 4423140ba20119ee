//! The per-user calendar feed: a secret URL (rotation revokes the old one) that
//! calendar apps poll without signing in, answering `text/calendar`.

use crate::error::{AppError, AppResult};
use crate::request::Cx;
use axum::Json;
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klubi_ops::calendar::{self, Feed as FeedOut};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Feed {
    /// Absolute; keep it secret: anyone with it can read the calendar.
    pub url: String,
}

/// The caller's secret calendar URL.
#[utoipa::path(get, path = "/me/calendar-feed", tag = "me",
    responses((status = 200, body = Feed), (status = 401, body = super::Problem)))]
pub async fn get_feed(cx: Cx) -> AppResult<Json<Feed>> {
    let token = calendar::feed_token(&cx).await?;
    Ok(Json(Feed {
        url: calendar::feed_url(&cx, &token),
    }))
}

/// Replaces the caller's calendar URL; the old one stops working at once.
#[utoipa::path(post, path = "/me/calendar-feed/rotate", tag = "me",
    responses((status = 200, body = Feed), (status = 401, body = super::Problem)))]
pub async fn rotate_feed(cx: Cx) -> AppResult<Json<Feed>> {
    let token = calendar::rotate_token(&cx).await?;
    Ok(Json(Feed {
        url: calendar::feed_url(&cx, &token),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct FeedQuery {
    /// The secret from the feed URL.
    pub token: Option<String>,
}

/// The iCalendar feed of the token's owner: their meetings from 400 days back
/// and everything ahead, times in UTC (exact across the DST change), cancelled
/// meetings as `STATUS:CANCELLED`, `SEQUENCE` raised on every change.
#[utoipa::path(get, path = "/me/calendar.ics", tag = "me", params(FeedQuery), security(()),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = super::Problem)))]
pub async fn feed(cx: Cx, headers: HeaderMap, Query(q): Query<FeedQuery>) -> AppResult<Response> {
    let if_none_match = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    let token = q.token.unwrap_or_default();
    let (mut res, etag) = match calendar::feed(&cx, &token, if_none_match).await? {
        FeedOut::Unchanged { etag } => (StatusCode::NOT_MODIFIED.into_response(), etag),
        FeedOut::Body { etag, body } => {
            let mut res = body.into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=300"),
            );
            // The URL is the secret: keep it out of other sites' logs.
            res.headers_mut()
                .insert("referrer-policy", HeaderValue::from_static("no-referrer"));
            (res, etag)
        }
    };
    let etag = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    res.headers_mut().insert(header::ETAG, etag);
    Ok(res)
}
