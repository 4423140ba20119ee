//! Admin: the audit log (filterable, newest first) and the mail outbox.

use super::{Page, render};
use crate::error::AppResult;
use crate::policy::{self, Action};
use crate::request::Cx;
use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use klubi_db::audit::{AuditRow, Filter};
use klubi_db::outbox::Mail;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub before: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct AuditPage {
    p: Page,
    rows: Vec<AuditRow>,
    q: AuditQuery,
    next: Option<String>,
}

/// `YYYY-MM-DD` as the start of that day in Helsinki, in unix seconds.
fn day_start(s: &str) -> Option<i64> {
    let d: jiff::civil::Date = s.trim().parse().ok()?;
    let z = d.to_zoned(crate::i18n::tz()).ok()?;
    Some(z.timestamp().as_second())
}

pub async fn list(cx: Cx, Query(q): Query<AuditQuery>) -> AppResult<Response> {
    policy::require(cx.actor()?, Action::ViewAudit)?;
    let limit = 100;
    let filter = Filter {
        organisation_id: None,
        action_prefix: Some(q.action.trim().to_string()).filter(|s| !s.is_empty()),
        entity_id: Some(q.entity.trim().to_string()).filter(|s| !s.is_empty()),
        actor_id: None,
        from: day_start(&q.from),
        to: day_start(&q.to).map(|t| t + 24 * 3600),
        before_id: q.before,
        limit,
    };
    let rows = klubi_db::audit::list(cx.db(), &filter).await?;
    let next = (rows.len() as i64 == limit).then(|| {
        let last = rows.last().map(|r| r.id).unwrap_or_default();
        let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        format!(
            "/admin/audit?action={}&entity={}&from={}&to={}&before={last}",
            enc(&q.action),
            enc(&q.entity),
            enc(&q.from),
            enc(&q.to)
        )
    });
    Ok(render(&AuditPage {
        p: Page::new(&cx, "audit-title"),
        rows,
        q,
        next,
    }))
}

#[derive(Template)]
#[template(path = "audit/outbox.html")]
struct OutboxPage {
    p: Page,
    mails: Vec<Mail>,
}

pub async fn outbox(cx: Cx) -> AppResult<Response> {
    policy::require(cx.actor()?, Action::ViewOutbox)?;
    Ok(render(&OutboxPage {
        p: Page::new(&cx, "outbox-title"),
        mails: klubi_db::outbox::list(cx.db(), 200).await?,
    }))
}
