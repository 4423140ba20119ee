//! My calendar, for every role: the meetings of my groups as an agenda by
//! week (today marked), and my secret calendar-feed link.

use super::{Page, redirect_with, render};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use jiff::civil::Date;
use jiff::{Span, ToSpan};
use klubi_ops::calendar::{self, CalendarEntry};
use klubi_ops::meetings::meeting_what;
use serde::Deserialize;

pub struct Item {
    pub id: String,
    pub time: String,
    pub what: String,
    pub group: String,
    pub location: String,
    pub kind: String,
    pub is_regular: bool,
    pub cancelled: bool,
}

pub struct Day {
    pub heading: String,
    pub iso: String,
    pub today: bool,
    pub items: Vec<Item>,
}

pub struct Week {
    pub heading: String,
    pub days: Vec<Day>,
}

#[derive(Template)]
#[template(path = "calendar/calendar.html")]
struct CalendarPage<'a> {
    p: Page,
    /// The weeks, built by [`Weeks`] (escaped there).
    weeks: &'a str,
    prev: String,
    next: String,
    this_week: String,
    range: String,
    feed_url: Option<String>,
}

struct Labels {
    empty: String,
    today: String,
    nothing: String,
    cancelled: String,
}

#[derive(Template)]
#[template(path = "calendar/weeks.html")]
struct Weeks {
    weeks: Vec<Week>,
    empty: bool,
    labels: Labels,
}

/// A calendar page's weeks (rendered) and the user's feed token.
struct Part {
    weeks: String,
    feed: Option<String>,
}

impl klubi_ops::built::Weigh for Part {
    fn weight(&self) -> usize {
        self.weeks.len() + 64
    }
}

/// Parts built lately: a coach's calendar with fifty groups is hundreds of
/// meetings, and it changes far less often than it is opened.
static BUILT: std::sync::LazyLock<klubi_ops::built::Built<std::sync::Arc<Part>>> =
    std::sync::LazyLock::new(|| klubi_ops::built::Built::new(16 * 1024 * 1024));

#[derive(Deserialize, Default)]
pub struct CalendarQuery {
    #[serde(default)]
    from: String,
}

/// Weeks on one page.
const WEEKS: i64 = 4;

pub async fn show(cx: Cx, Query(q): Query<CalendarQuery>) -> AppResult<Response> {
    let a = cx.actor()?;
    let tz = klubi_ops::i18n::tz();
    let today = jiff::Timestamp::from_second(cx.now)
        .map(|t| t.to_zoned(tz.clone()).date())
        .unwrap_or_default();
    // A bad or far-away date falls back to this week rather than failing.
    let from = q
        .from
        .parse::<Date>()
        .ok()
        .filter(|d| (d.year() - today.year()).abs() <= 10)
        .unwrap_or(today);
    let monday = from
        .checked_sub(Span::new().days(i64::from(from.weekday().to_monday_zero_offset())))
        .unwrap_or(from);
    let end = monday.checked_add((WEEKS * 7).days()).unwrap_or(monday);
    // Everything the weeks and the feed link are made of: the user's calendar
    // version (read with the signed-in user) rises with every change to them.
    let key = format!(
        "{} {} {} {monday} {today} {}",
        a.user.id,
        a.user.calendar_version,
        cx.lang.code(),
        env!("CARGO_PKG_VERSION"),
    );
    let ts = |d: Date| {
        d.to_zoned(tz.clone())
            .map(|z| z.timestamp().as_second())
            .unwrap_or(0)
    };
    let part = BUILT
        .get_or_build(&key, || async {
            // Read after the version: never older than their key.
            let range = calendar::range(&cx, ts(monday), ts(end)).await?;
            let weeks = build_weeks(&cx, &range.entries, monday, today)
                .render()
                .map_err(|e| AppError::Internal(format!("template: {e}")))?;
            Ok::<_, AppError>(std::sync::Arc::new(Part {
                weeks,
                feed: range.feed_token,
            }))
        })
        .await?;
    Ok(render(&CalendarPage {
        prev: monday
            .checked_sub((WEEKS * 7).days())
            .unwrap_or(monday)
            .to_string(),
        next: end.to_string(),
        this_week: today.to_string(),
        range: format!(
            "{} – {}",
            klubi_ops::i18n::date_of(cx.lang, monday),
            klubi_ops::i18n::date_of(cx.lang, end.yesterday().unwrap_or(end))
        ),
        feed_url: part.feed.as_ref().map(|t| calendar::feed_url(&cx, t)),
        weeks: &part.weeks,
        p: Page::new(&cx, "calendar-title"),
    }))
}

/// The weeks of `entries` from `monday` on, today marked.
fn build_weeks(cx: &Cx, entries: &[CalendarEntry], monday: Date, today: Date) -> Weeks {
    let tz = klubi_ops::i18n::tz();
    let empty = entries.is_empty();
    // Each meeting's local day once, then the weeks by day.
    let mut memo = klubi_ops::i18n::Memo::new(cx.lang);
    let mut by_day: std::collections::BTreeMap<Date, Vec<Item>> = Default::default();
    for e in entries {
        let m = &e.meeting;
        let (Ok(s), Ok(t)) = (
            jiff::Timestamp::from_second(m.starts_at),
            jiff::Timestamp::from_second(m.ends_at),
        ) else {
            continue;
        };
        let (s, t) = (s.to_zoned(tz.clone()), t.to_zoned(tz.clone()));
        by_day.entry(s.date()).or_default().push(Item {
            id: m.id.clone(),
            time: format!(
                "{}–{}",
                klubi_ops::i18n::time_of(cx.lang, s.time()),
                klubi_ops::i18n::time_of(cx.lang, t.time())
            ),
            what: meeting_what(&mut memo, m),
            group: e.group_name.clone(),
            location: m.location.clone(),
            kind: memo.kind(&m.kind),
            is_regular: m.kind == "regular",
            cancelled: m.cancelled,
        });
    }
    let mut weeks: Vec<Week> = Vec::new();
    for w in 0..WEEKS {
        let start = monday.checked_add((w * 7).days()).unwrap_or(monday);
        let last = start.checked_add(6.days()).unwrap_or(start);
        let mut days = Vec::new();
        for d in 0..7 {
            let date = start.checked_add(d.days()).unwrap_or(start);
            let items = by_day.remove(&date).unwrap_or_default();
            if !items.is_empty() || date == today {
                days.push(Day {
                    heading: klubi_ops::i18n::day(cx.lang, date),
                    iso: date.to_string(),
                    today: date == today,
                    items,
                });
            }
        }
        weeks.push(Week {
            heading: cx.t_args(
                "calendar-week",
                &[
                    ("week", start.iso_week_date().week().to_string()),
                    ("from", klubi_ops::i18n::date_of(cx.lang, start)),
                    ("to", klubi_ops::i18n::date_of(cx.lang, last)),
                ],
            ),
            days,
        });
    }
    Weeks {
        weeks,
        empty,
        labels: Labels {
            empty: cx.t("calendar-empty"),
            today: cx.t("calendar-today"),
            nothing: cx.t("calendar-nothing-today"),
            cancelled: cx.t("meeting-cancelled"),
        },
    }
}

/// Makes the feed link, or replaces it (the old link stops working).
pub async fn feed(cx: Cx, _form: CsrfForm<NoFields>) -> AppResult<Response> {
    let rotated = calendar::renew_feed(&cx).await?;
    Ok(redirect_with(
        &cx,
        "/calendar#feed",
        if rotated {
            "flash-feed-rotated"
        } else {
            "flash-feed-created"
        },
    ))
}
