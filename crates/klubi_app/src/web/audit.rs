//! Admin: the audit log (filterable, newest first) and the mail outbox.

use super::{Page, render};
use crate::error::AppResult;
use crate::request::Cx;
use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use klubi_ops::audit::{self, AuditRow, Mail, Search};
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

pub async fn list(cx: Cx, Query(q): Query<AuditQuery>) -> AppResult<Response> {
    let page = audit::list(
        &cx,
        &Search {
            action: &q.action,
            entity_id: &q.entity,
            from: &q.from,
            to: &q.to,
            before: q.before,
        },
    )
    .await?;
    let rows = page.rows;
    let next = page.older_than.map(|last| {
        let enc = super::url_encoded;
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
    let mails = audit::outbox(&cx).await?;
    Ok(render(&OutboxPage {
        p: Page::new(&cx, "outbox-title"),
        mails,
    }))
}

#[derive(Template)]
#[template(path = "audit/outbox_mail.html")]
struct OutboxMailPage {
    p: Page,
    mail: audit::OutboxMail,
}

pub async fn outbox_mail(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let mail = audit::outbox_mail(&cx, &id).await?;
    Ok(render(&OutboxMailPage {
        p: Page::new(&cx, "outbox-mail-title"),
        mail,
    }))
}
