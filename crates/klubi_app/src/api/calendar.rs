//! The per-user calendar feed: a secret URL (rotation revokes the old one) that
//! calendar apps poll without signing in, answering `text/calendar`.

use crate::error::{AppError, AppResult};
use crate::request::Cx;
use axum::Json;
use axum::body::Bytes;
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Feed {
    /// Absolute; keep it secret: anyone with it can read the calendar.
    pub url: String,
}

fn feed_url(cx: &Cx, token: &str) -> String {
    format!("{}/api/v1/me/calendar.ics?token={token}", cx.base.clone())
}

/// The caller's feed token, made on first use.
pub async fn feed_token(cx: &Cx) -> AppResult<String> {
    let a = cx.actor()?;
    if let Some(t) = klubi_db::calendar_feeds::get(cx.db(), &a.user.id).await? {
        return Ok(t);
    }
    let token = crate::auth::secret::new_secret();
    let mut tx = cx.db().begin().await?;
    klubi_db::calendar_feeds::set(&mut tx, &cx.ctx(), &a.user.id, &token, false).await?;
    klubi_db::commit(tx).await?;
    Ok(token)
}

pub async fn rotate_token(cx: &Cx) -> AppResult<String> {
    let a = cx.actor()?;
    let token = crate::auth::secret::new_secret();
    let mut tx = cx.db().begin().await?;
    klubi_db::calendar_feeds::set(&mut tx, &cx.ctx(), &a.user.id, &token, true).await?;
    klubi_db::commit(tx).await?;
    Ok(token)
}

/// The caller's secret calendar URL.
#[utoipa::path(get, path = "/me/calendar-feed", tag = "me",
    responses((status = 200, body = Feed), (status = 401, body = super::Problem)))]
pub async fn get_feed(cx: Cx) -> AppResult<Json<Feed>> {
    let token = feed_token(&cx).await?;
    Ok(Json(Feed {
        url: feed_url(&cx, &token),
    }))
}

/// Replaces the caller's calendar URL; the old one stops working at once.
#[utoipa::path(post, path = "/me/calendar-feed/rotate", tag = "me",
    responses((status = 200, body = Feed), (status = 401, body = super::Problem)))]
pub async fn rotate_feed(cx: Cx) -> AppResult<Json<Feed>> {
    let token = rotate_token(&cx).await?;
    Ok(Json(Feed {
        url: feed_url(&cx, &token),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct FeedQuery {
    /// The secret from the feed URL.
    pub token: Option<String>,
}

/// Feeds built lately, by ETag: calendar apps poll the same unchanged feed
/// again and again.
static BUILT: std::sync::LazyLock<crate::built::Built> =
    std::sync::LazyLock::new(|| crate::built::Built::new(32 * 1024 * 1024));

/// How far back a feed reaches (API.md: at least the past 12 months).
const FEED_PAST_SECS: i64 = 400 * 86_400;

/// The iCalendar feed of the token's owner: their meetings from 400 days back
/// and everything ahead, times in UTC (exact across the DST change), cancelled
/// meetings as `STATUS:CANCELLED`, `SEQUENCE` raised on every change.
#[utoipa::path(get, path = "/me/calendar.ics", tag = "me", params(FeedQuery), security(()),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = super::Problem)))]
pub async fn feed(cx: Cx, headers: HeaderMap, Query(q): Query<FeedQuery>) -> AppResult<Response> {
    let token = q.token.unwrap_or_default();
    if token.len() != 43 {
        return Err(AppError::NotFound);
    }
    let Some(user) = klubi_db::users::by_calendar_token(cx.db(), &token).await? else {
        return Err(AppError::NotFound);
    };
    if !user.active {
        return Err(AppError::NotFound);
    }
    let actor = crate::auth::Actor {
        user,
        session: None,
    };
    let lang = actor.user.language;
    let base = cx.base.clone();
    // From the start of a UTC day, so the range (and the tag) moves once a day.
    let from = (cx.now - FEED_PAST_SECS).div_euclid(86_400) * 86_400;
    let coordinator_of = crate::clubs::coordinator_org(&actor);
    // Calendar apps poll: answer 304 when nothing in the feed changed. The tag
    // covers everything the feed is made of: the range, the language, and the
    // user's calendar version (which the database raises on every change to
    // what their calendar shows), so an unchanged feed costs the one query
    // that found its owner.
    // A new release may word the feed differently.
    let etag = format!(
        "\"{}\"",
        crate::built::key(&format!(
            "{}\n{}\n{base}\n{from}\n{}\n{}",
            env!("CARGO_PKG_VERSION"),
            lang.code(),
            actor.user.id,
            actor.user.calendar_version
        ))
    );
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let tag = etag.clone();
    let etag = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    if unchanged {
        let mut res = axum::http::StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, etag);
        return Ok(res);
    }
    let body = BUILT
        .get_or_build(&tag, || async {
            // Read after the version: the body is never older than its tag.
            let entries = klubi_db::meetings::calendar(
                cx.db(),
                &actor.user.id,
                coordinator_of,
                from,
                i64::MAX,
            )
            .await?;
            Ok::<_, AppError>(Bytes::from(build(lang, &base, &entries)))
        })
        .await?;
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    res.headers_mut().insert(header::ETAG, etag);
    // The URL is the secret: keep it out of other sites' logs.
    res.headers_mut()
        .insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    Ok(res)
}

fn build(
    lang: klubi_domain::people::Language,
    base: &str,
    entries: &[klubi_db::meetings::CalendarEntry],
) -> String {
    let host = base.split("://").nth(1).unwrap_or("klubi");
    let mut cal = Calendar::new();
    cal.name(&crate::i18n::t(lang, "calendar-feed-name"))
        .timezone(crate::i18n::TIME_ZONE);
    let mut memo = crate::i18n::Memo::new(lang);
    for e in entries {
        let m = &e.meeting;
        let utc =
            |s: i64| chrono::DateTime::<chrono::Utc>::from_timestamp(s, 0).unwrap_or_default();
        let what = crate::clubs::meeting_what(&mut memo, m);
        let mut ev = Event::with_uid(&format!("meeting-{}@{host}", m.id));
        ev.sequence(u32::try_from(m.sequence).unwrap_or(u32::MAX))
            .timestamp(utc(m.changed_at.unwrap_or(m.created_at)))
            .summary(&format!("{} – {}", e.group_name, what))
            .starts(utc(m.starts_at))
            .ends(utc(m.ends_at))
            .url(&format!("{base}/meetings/{}", m.id));
        let mut description = memo.kind(&m.kind);
        if !m.agenda.is_empty() {
            description.push_str("\n\n");
            description.push_str(&m.agenda);
        }
        if let Some(link) = &m.online_url {
            description.push_str("\n\n");
            description.push_str(link);
        }
        ev.description(&description);
        if !m.location.is_empty() {
            ev.location(&m.location);
        }
        if m.cancelled {
            ev.status(EventStatus::Cancelled);
        } else {
            ev.status(EventStatus::Confirmed);
        }
        cal.push(ev);
    }
    cal.to_string()
}
