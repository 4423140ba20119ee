//! No-show alerts: the list a case manager (or coordinator) reads, and the
//! organisation's alert policy.

use super::{Choice, Page, redirect_with, render, render_invalid};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx};
use askama::Template;
use axum::response::Response;
use klubi_domain::attendance::AlertPolicy;
use klubi_ops::alerts;
use klubi_ops::i18n;
use serde::Deserialize;

// ---------------------------------------------------------------- alerts

pub struct AlertView {
    pub participant: String,
    pub group_id: String,
    pub group: String,
    pub when: String,
    pub escalated: bool,
}

#[derive(Template)]
#[template(path = "alerts/alerts.html")]
struct AlertsPage {
    p: Page,
    alerts: Vec<AlertView>,
    policy: Option<Vec<Choice>>,
}

async fn alerts_page(cx: &Cx) -> AppResult<AlertsPage> {
    let list = alerts::alerts(cx, 100).await?;
    let policy = list.policy.map(|current| {
        Choice::list(
            AlertPolicy::ALL
                .into_iter()
                .map(|p| (p.as_str().to_string(), cx.t(&p.name_key()))),
            current.as_str(),
        )
    });
    let alerts = list
        .alerts
        .into_iter()
        .map(|x| AlertView {
            participant: x.participant_name,
            group_id: x.group_id,
            group: x.group_name,
            when: i18n::datetime(cx.lang, x.meeting_starts_at),
            escalated: x.escalated,
        })
        .collect();
    Ok(AlertsPage {
        p: Page::new(cx, "alerts-title"),
        alerts,
        policy,
    })
}

pub async fn alerts(cx: Cx) -> AppResult<Response> {
    Ok(render(&alerts_page(&cx).await?))
}

#[derive(Deserialize)]
pub struct PolicyForm {
    #[serde(default)]
    policy: String,
}

pub async fn set_alert_policy(cx: Cx, form: CsrfForm<PolicyForm>) -> AppResult<Response> {
    let org = cx
        .actor()?
        .user
        .organisation_id
        .clone()
        .ok_or(AppError::NotFound)?;
    match alerts::set_alert_policy(&cx, &org, &form.value.policy).await {
        Ok(_) => Ok(redirect_with(&cx, "/alerts", "flash-alert-policy-saved")),
        Err(AppError::Invalid(inv)) => {
            let mut page = alerts_page(&cx).await?;
            page.p = page.p.with_errors(&inv);
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}
