//! A user's calendar: the meetings of the groups they facilitate, coordinate or
//! are enrolled in, and its secret iCalendar feed.

use crate::Caller;
use crate::auth::Actor;
use crate::error::{Error, Result};
use bytes::Bytes;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use klubi_domain::people::Language;

pub use klubi_db::meetings::CalendarEntry;

/// The meetings on `a`'s calendar from `from` up to `to` (unix seconds).
async fn entries_of(cx: &Caller, a: &Actor, from: i64, to: i64) -> Result<Vec<CalendarEntry>> {
    Ok(klubi_db::meetings::calendar(
        cx.db(),
        &a.user.id,
        crate::policy::coordinated_organisation(a),
        from,
        to,
    )
    .await?)
}

/// The signed-in caller's meetings from `from` up to `to` (unix seconds).
pub async fn entries(cx: &Caller, from: i64, to: i64) -> Result<Vec<CalendarEntry>> {
    entries_of(cx, cx.actor()?, from, to).await
}

/// A stretch of the caller's calendar, with their feed's token if they made one.
pub struct CalendarRange {
    pub entries: Vec<CalendarEntry>,
    pub feed_token: Option<String>,
}

/// The calendar page: the caller's meetings from `from` up to `to` and their
/// feed token, both read after the caller (and so their calendar version).
pub async fn range(cx: &Caller, from: i64, to: i64) -> Result<CalendarRange> {
    let a = cx.actor()?;
    let feed_token = klubi_db::calendar_feeds::get(cx.db(), &a.user.id)
        .await?
        .map(|nonce| feed_secret(cx, &a.user.id, &nonce));
    Ok(CalendarRange {
        entries: entries_of(cx, a, from, to).await?,
        feed_token,
    })
}

/// The absolute URL of a feed.
pub fn feed_url(cx: &Caller, token: &str) -> String {
    format!("{}/api/v1/me/calendar.ics?token={token}", cx.response_base)
}

/// The caller's feed token, made on first use.
pub async fn feed_token(cx: &Caller) -> Result<String> {
    let a = cx.actor()?;
    if let Some(nonce) = klubi_db::calendar_feeds::get(cx.db(), &a.user.id).await? {
        return Ok(feed_secret(cx, &a.user.id, &nonce));
    }
    set_token(cx, false).await
}

/// Replaces the caller's feed token; the old URL stops working at once.
pub async fn rotate_token(cx: &Caller) -> Result<String> {
    set_token(cx, true).await
}

async fn set_token(cx: &Caller, rotated: bool) -> Result<String> {
    let a = cx.actor()?;
    let nonce = crate::auth::secret::new_secret();
    let token = feed_secret(cx, &a.user.id, &nonce);
    let mut tx = cx.db().begin().await?;
    let hash = crate::auth::secret::hash(&token);
    klubi_db::calendar_feeds::set(&mut tx, &cx.ctx(), &a.user.id, &nonce, &hash, rotated).await?;
    klubi_db::commit(tx).await?;
    Ok(token)
}

/// A feed's secret: derived from the instance's key, the user and the feed's
/// nonce, so that only its hash need be stored (a copy of the database holds
/// no working feed URL) and the owner can be shown it again.
fn feed_secret(cx: &Caller, user_id: &str, nonce: &str) -> String {
    cx.state
        .keys
        .derive("calendar-feed", &format!("{user_id}:{nonce}"))
}

/// Makes the caller's feed link, or replaces the one they have. `true`: it
/// was replaced.
pub async fn renew_feed(cx: &Caller) -> Result<bool> {
    let a = cx.actor()?;
    let had = klubi_db::calendar_feeds::get(cx.db(), &a.user.id)
        .await?
        .is_some();
    set_token(cx, had).await?;
    Ok(had)
}

/// Feeds built lately, by ETag: calendar apps poll the same unchanged feed
/// again and again.
static BUILT: std::sync::LazyLock<crate::built::Built> =
    std::sync::LazyLock::new(|| crate::built::Built::new(32 * 1024 * 1024));

/// How far back a feed reaches (API.md: at least the past 12 months).
const FEED_PAST_SECS: i64 = 400 * 86_400;

/// A feed as its poller gets it.
pub enum Feed {
    /// Nothing changed since the poller's copy (its `If-None-Match`).
    Unchanged { etag: String },
    /// The iCalendar text.
    Body { etag: String, body: Bytes },
}

/// The iCalendar feed of the token's owner (404 for an unknown token or an
/// inactive owner): their meetings from 400 days back and everything ahead,
/// times in UTC (exact across the DST change), cancelled meetings as
/// `STATUS:CANCELLED`, `SEQUENCE` raised on every change. `if_none_match`:
/// the tags the poller has (a header's value).
pub async fn feed(cx: &Caller, token: &str, if_none_match: Option<&str>) -> Result<Feed> {
    if token.len() != 43 {
        return Err(Error::NotFound);
    }
    let hash = crate::auth::secret::hash(token);
    let Some(user) = klubi_db::users::by_calendar_token(cx.db(), &hash).await? else {
        return Err(Error::NotFound);
    };
    if !user.active {
        return Err(Error::NotFound);
    }
    let owner = Actor {
        user,
        session: None,
        read_only: true,
    };
    let lang = owner.user.language;
    let base = cx.response_base.clone();
    // From the start of a UTC day, so the range (and the tag) moves once a day.
    let from = (cx.now - FEED_PAST_SECS).div_euclid(86_400) * 86_400;
    // Calendar apps poll: answer "unchanged" when nothing in the feed changed.
    // The tag covers everything the feed is made of: the range, the language,
    // and the user's calendar version (which the database raises on every
    // change to what their calendar shows), so an unchanged feed costs the one
    // query that found its owner. A new release may word the feed differently.
    let etag = format!(
        "\"{}\"",
        crate::built::key(&format!(
            "{}\n{}\n{base}\n{from}\n{}\n{}",
            env!("CARGO_PKG_VERSION"),
            lang.code(),
            owner.user.id,
            owner.user.calendar_version
        ))
    );
    if if_none_match.is_some_and(|v| v.split(',').any(|t| t.trim() == etag)) {
        return Ok(Feed::Unchanged { etag });
    }
    let body = BUILT
        .get_or_build(&etag, || async {
            // Read after the version: the body is never older than its tag.
            let entries = entries_of(cx, &owner, from, i64::MAX).await?;
            Ok::<_, Error>(Bytes::from(ics(lang, &base, &entries)))
        })
        .await?;
    Ok(Feed::Body { etag, body })
}

/// The iCalendar text of `entries`, in `lang`, with links to `base`.
fn ics(lang: Language, base: &str, entries: &[CalendarEntry]) -> String {
    let host = base.split("://").nth(1).unwrap_or("klubi");
    let mut cal = Calendar::new();
    cal.name(&crate::i18n::t(lang, "calendar-feed-name"))
        .timezone(crate::i18n::TIME_ZONE);
    let mut memo = crate::i18n::Memo::new(lang);
    for e in entries {
        let m = &e.meeting;
        let utc =
            |s: i64| chrono::DateTime::<chrono::Utc>::from_timestamp(s, 0).unwrap_or_default();
        let what = crate::meetings::meeting_what(&mut memo, m);
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
