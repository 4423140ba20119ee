//! Expense compensation: a group's rates, its payment report with approval,
//! reopening and versions, the CSVs, and an organisation's month.

use super::{Page, redirect_with, render, render_invalid};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use klubi_domain::Invalid;
use klubi_ops::compensation::{self, Compensation};
use klubi_ops::i18n;
use serde::Deserialize;

// ---------------------------------------------------------------- compensation

pub struct LineView {
    pub name: String,
    pub meetings: u32,
    pub amount: String,
}

pub struct RateView {
    pub from: String,
    pub from_iso: Option<String>,
    pub rate: String,
}

pub struct VersionView {
    pub version: i64,
    pub approved: String,
    pub total: String,
    pub reopened: Option<String>,
}

#[derive(Template)]
#[template(path = "compensation/compensation.html")]
struct CompensationPage {
    p: Page,
    group_id: String,
    group_name: String,
    approved: Option<String>,
    lines: Vec<LineView>,
    total: String,
    rates: Vec<RateView>,
    versions: Vec<VersionView>,
    effective_from: String,
    rate: String,
    reason: String,
}

async fn compensation_page(cx: &Cx, group_id: &str) -> AppResult<CompensationPage> {
    let c = compensation::compensation(cx, group_id).await?;
    Ok(compensation_view(
        cx,
        &c.group.group.id,
        &c.group.group.name,
        &c.current,
        &c.versions,
    ))
}

fn compensation_view(
    cx: &Cx,
    group_id: &str,
    group_name: &str,
    c: &Compensation,
    versions: &[compensation::Report],
) -> CompensationPage {
    let approved = c.version.filter(|_| c.approved).map(|v| {
        let r = versions.iter().find(|r| r.version == v);
        cx.t_args(
            "compensation-approved-by",
            &[
                ("version", v.to_string()),
                (
                    "name",
                    r.map(|r| r.approved_by_name.clone()).unwrap_or_default(),
                ),
                (
                    "when",
                    r.map(|r| i18n::datetime(cx.lang, r.approved_at))
                        .unwrap_or_default(),
                ),
            ],
        )
    });
    let rate_text = |r: Option<i64>| super::compensation_text(cx, r);
    CompensationPage {
        p: Page::new(cx, "compensation-title"),
        group_id: group_id.to_string(),
        group_name: group_name.to_string(),
        approved,
        lines: c
            .statement
            .lines
            .iter()
            .map(|l| LineView {
                name: l.name.clone(),
                meetings: l.attended_meetings,
                amount: i18n::money(cx.lang, l.amount_cents),
            })
            .collect(),
        total: i18n::money(cx.lang, c.statement.total_cents),
        rates: c
            .statement
            .rates
            .iter()
            .map(|r| RateView {
                from: match &r.effective_from {
                    None => cx.t("compensation-rate-base"),
                    Some(d) => d
                        .parse::<jiff::civil::Date>()
                        .map(|d| i18n::date_of(cx.lang, d))
                        .unwrap_or_else(|_| d.clone()),
                },
                from_iso: r.effective_from.clone(),
                rate: rate_text(r.rate_cents),
            })
            .collect(),
        versions: versions
            .iter()
            .map(|r| VersionView {
                version: r.version,
                approved: cx.t_args(
                    "compensation-version-approved",
                    &[
                        ("name", r.approved_by_name.clone()),
                        ("when", i18n::datetime(cx.lang, r.approved_at)),
                    ],
                ),
                total: i18n::money(cx.lang, r.total_cents),
                reopened: r.reopened_at.map(|t| {
                    cx.t_args(
                        "compensation-version-reopened",
                        &[
                            ("name", r.reopened_by_name.clone().unwrap_or_default()),
                            ("when", i18n::datetime(cx.lang, t)),
                            ("reason", r.reopen_reason.clone().unwrap_or_default()),
                        ],
                    )
                }),
            })
            .collect(),
        effective_from: String::new(),
        rate: String::new(),
        reason: String::new(),
    }
}

pub async fn compensation(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    Ok(render(&compensation_page(&cx, &id).await?))
}

pub async fn compensation_csv(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    Ok(super::csv_download(
        compensation::compensation_csv(&cx, &id).await?,
        &format!("{}.csv", cx.t("compensation-csv-file")),
    ))
}

pub async fn version_csv(cx: Cx, Path((id, file)): Path<(String, String)>) -> AppResult<Response> {
    let n: i64 = file
        .strip_suffix(".csv")
        .and_then(|v| v.parse().ok())
        .ok_or(AppError::NotFound)?;
    Ok(super::csv_download(
        compensation::version_csv(&cx, &id, n).await?,
        &format!("{}-v{n}.csv", cx.t("compensation-csv-file")),
    ))
}

#[derive(Deserialize)]
pub struct RateForm {
    #[serde(default)]
    effective_from: String,
    #[serde(default)]
    rate: String,
}

pub async fn set_rate(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<RateForm>,
) -> AppResult<Response> {
    let f = form.value;
    let result = match klubi_domain::money::parse_euros(&f.rate) {
        Ok(cents) => compensation::set_rate(&cx, &id, &f.effective_from, cents)
            .await
            .map(|_| ()),
        Err(k) => {
            // Every field's error at once: the date is checked too.
            let mut inv = Invalid::default();
            if let Err(d) = klubi_domain::schedule::parse_date(&f.effective_from) {
                inv.push("effective_from", d);
            }
            inv.push("rate", k);
            Err(inv.into())
        }
    };
    match result {
        Ok(()) => Ok(redirect_with(
            &cx,
            &format!("/groups/{id}/compensation"),
            "flash-rate-saved",
        )),
        Err(AppError::Invalid(inv)) => {
            let mut page = compensation_page(&cx, &id).await?;
            page.p = page.p.with_errors(&inv.renamed(&[("rate_cents", "rate")]));
            page.effective_from = f.effective_from;
            page.rate = f.rate;
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn remove_rate(
    cx: Cx,
    Path((id, date)): Path<(String, String)>,
    _form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    compensation::remove_rate(&cx, &id, &date).await?;
    Ok(redirect_with(
        &cx,
        &format!("/groups/{id}/compensation"),
        "flash-rate-removed",
    ))
}

pub async fn approve(
    cx: Cx,
    Path(id): Path<String>,
    _form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    compensation::approve(&cx, &id).await?;
    Ok(redirect_with(
        &cx,
        &format!("/groups/{id}/compensation"),
        "flash-compensation-approved",
    ))
}

#[derive(Deserialize)]
pub struct ReopenForm {
    #[serde(default)]
    reason: String,
}

pub async fn reopen(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<ReopenForm>,
) -> AppResult<Response> {
    match compensation::reopen(&cx, &id, &form.value.reason).await {
        Ok(_) => Ok(redirect_with(
            &cx,
            &format!("/groups/{id}/compensation"),
            "flash-compensation-reopened",
        )),
        Err(AppError::Invalid(inv)) => {
            let mut page = compensation_page(&cx, &id).await?;
            page.p = page.p.with_errors(&inv);
            page.reason = form.value.reason;
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- the organisation's month

pub struct MonthLineView {
    pub group_id: String,
    pub group: String,
    pub name: String,
    pub meetings: u32,
    pub amount: String,
}

#[derive(Template)]
#[template(path = "compensation/month.html")]
struct MonthPage {
    p: Page,
    month: String,
    lines: Vec<MonthLineView>,
    total: String,
    csv: String,
}

#[derive(Deserialize, Default)]
pub struct MonthQuery {
    #[serde(default)]
    month: String,
}

/// The organisation's compensation for one month, every group (coordinators).
pub async fn month(cx: Cx, Query(q): Query<MonthQuery>) -> AppResult<Response> {
    let a = cx.actor()?;
    let org = a.user.organisation_id.clone().ok_or(AppError::NotFound)?;
    let month = if q.month.trim().is_empty() {
        compensation::month_of(cx.now)
    } else {
        q.month.trim().to_string()
    };
    let (m, errors) = match compensation::organisation_month(&cx, &org, &month).await {
        Ok(m) => (Some(m), None),
        Err(AppError::Invalid(inv)) => (None, Some(inv)),
        Err(e) => return Err(e.into()),
    };
    let mut p = Page::new(&cx, "month-title");
    if let Some(inv) = &errors {
        p = p.with_errors(inv);
    }
    let page = MonthPage {
        p,
        csv: format!("/compensation.csv?month={}", super::url_encoded(&month)),
        lines: m
            .as_ref()
            .map(|m| {
                m.lines
                    .iter()
                    .map(|l| MonthLineView {
                        group_id: l.group_id.clone(),
                        group: l.group_name.clone(),
                        name: l.name.clone(),
                        meetings: l.attended_meetings,
                        amount: i18n::money(cx.lang, l.amount_cents),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        total: i18n::money(cx.lang, m.as_ref().map_or(0, |m| m.total_cents)),
        month,
    };
    Ok(if errors.is_some() {
        render_invalid(&page)
    } else {
        render(&page)
    })
}

pub async fn month_csv(cx: Cx, Query(q): Query<MonthQuery>) -> AppResult<Response> {
    let org = cx
        .actor()?
        .user
        .organisation_id
        .clone()
        .ok_or(AppError::NotFound)?;
    let m = compensation::month_csv(&cx, &org, &q.month).await?;
    Ok(super::csv_download(
        m.body,
        &format!("{}-{}.csv", cx.t("compensation-csv-file"), m.month),
    ))
}
