//! Internal referral pages: the coach's form (from the roster), the list of
//! one's own, and one referral with the specialist's actions and sessions.

use super::{Choice, Page, redirect_with, render, render_invalid, render_status};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use klubi_domain::Invalid;
use klubi_domain::referrals::{INTERNAL_CONSENT_VERSION, InternalStep};
use klubi_ops::internal_referrals::{self as ops, InternalDraft, InternalReferral, Session};
use serde::Deserialize;

pub struct Row {
    pub id: String,
    pub participant: String,
    pub specialist: String,
    pub referrer: String,
    pub status_key: &'static str,
    pub status: String,
    pub created: String,
}

fn row(cx: &Cx, r: &InternalReferral) -> Row {
    Row {
        id: r.id.clone(),
        participant: r.participant_name.clone(),
        specialist: r.specialist_name.clone(),
        referrer: r.referrer_name.clone(),
        status_key: r.status.as_str(),
        status: cx.t(&format!("internal-status-{}", r.status.as_str())),
        created: klubi_ops::i18n::date(cx.lang, r.created_at),
    }
}

#[derive(Template)]
#[template(path = "internal_referrals/list.html")]
struct ListPage {
    p: Page,
    rows: Vec<Row>,
}

pub async fn list(cx: Cx) -> AppResult<Response> {
    let rows = ops::list(&cx).await?;
    Ok(render(&ListPage {
        rows: rows.iter().map(|r| row(&cx, r)).collect(),
        p: Page::new(&cx, "internal-title"),
    }))
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    pub group: Option<String>,
    pub participant: Option<String>,
}

#[derive(Template)]
#[template(path = "internal_referrals/new.html")]
struct NewPage {
    p: Page,
    group_id: String,
    group_name: String,
    participant_id: String,
    participant_name: String,
    specialists: Vec<Choice>,
    reason: String,
    consent: bool,
    consent_text: String,
    consent_version: &'static str,
}

async fn new_page(
    cx: &Cx,
    group_id: &str,
    participant_id: &str,
    typed: Option<&[(String, String)]>,
) -> AppResult<NewPage> {
    let form = ops::form(cx, group_id, participant_id).await?;
    let chosen = typed
        .map(|p| super::form_value(p, "specialist_id").to_string())
        .unwrap_or_default();
    let mut specialists = vec![Choice {
        value: String::new(),
        label: cx.t("internal-choose-specialist"),
        selected: chosen.is_empty(),
    }];
    specialists.extend(Choice::list(
        form.specialists
            .into_iter()
            .map(|(id, name, org)| (id, format!("{name} ({org})"))),
        &chosen,
    ));
    Ok(NewPage {
        group_id: form.group.group.id.clone(),
        group_name: form.group.group.name.clone(),
        participant_id: form.participant_id,
        participant_name: form.participant_name,
        specialists,
        reason: typed
            .map(|p| super::form_value(p, "reason").to_string())
            .unwrap_or_default(),
        consent: typed.is_some_and(|p| super::form_value(p, "consent") == "yes"),
        consent_text: cx.t("consent-internal-text"),
        consent_version: INTERNAL_CONSENT_VERSION,
        p: Page::new(cx, "internal-new-title"),
    })
}

pub async fn new_form(cx: Cx, Query(q): Query<NewQuery>) -> AppResult<Response> {
    let page = new_page(
        &cx,
        q.group.as_deref().unwrap_or(""),
        q.participant.as_deref().unwrap_or(""),
        None,
    )
    .await?;
    Ok(render(&page))
}

pub async fn create(cx: Cx, form: CsrfForm<NoFields>) -> AppResult<Response> {
    let pairs = &form.pairs;
    let v = |n: &str| super::form_value(pairs, n).to_string();
    let draft = InternalDraft {
        group_id: v("group_id"),
        participant_id: v("participant_id"),
        specialist_id: v("specialist_id"),
        reason: v("reason"),
        consent: v("consent") == "yes",
    };
    match ops::create(&cx, &draft).await {
        Ok(r) => Ok(redirect_with(
            &cx,
            &format!("/internal-referrals/{}", r.id),
            "flash-internal-created",
        )),
        Err(AppError::Invalid(inv)) => {
            let mut page =
                new_page(&cx, &draft.group_id, &draft.participant_id, Some(pairs)).await?;
            page.p = page.p.with_errors(&inv);
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "internal_referrals/show.html")]
struct ShowPage {
    p: Page,
    r: Row,
    referral: InternalReferral,
    sessions: Option<Vec<SessionRow>>,
    may_accept: bool,
    may_record: bool,
    may_close: bool,
    held_on: String,
    note: String,
}

pub struct SessionRow {
    pub day: String,
    pub note: String,
}

async fn show_page(cx: &Cx, id: &str, held_on: String, note: String) -> AppResult<ShowPage> {
    let read = ops::read(cx, id).await?;
    let r = read.referral;
    let h = read.may_handle;
    let sessions = read.sessions.map(|s: Vec<Session>| {
        s.into_iter()
            .map(|s| SessionRow {
                day: klubi_domain::schedule::parse_date(&s.held_on)
                    .map(|d| klubi_ops::i18n::date_of(cx.lang, d))
                    .unwrap_or(s.held_on),
                note: s.note,
            })
            .collect()
    });
    Ok(ShowPage {
        r: row(cx, &r),
        may_accept: h && r.status.may(InternalStep::Accept),
        may_record: h && r.status.may(InternalStep::RecordSession),
        may_close: h && r.status.may(InternalStep::Close),
        sessions,
        held_on,
        note,
        p: Page::new(cx, "internal-referral-title"),
        referral: r,
    })
}

pub async fn show(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let today = klubi_domain::month::local_day(cx.now, &klubi_ops::i18n::tz()).to_string();
    Ok(render(&show_page(&cx, &id, today, String::new()).await?))
}

pub async fn step(
    cx: Cx,
    Path((id, step)): Path<(String, String)>,
    _form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let (s, flash) = match step.as_str() {
        "accept" => (InternalStep::Accept, "flash-internal-accepted"),
        "close" => (InternalStep::Close, "flash-internal-closed"),
        _ => return Err(AppError::NotFound.into()),
    };
    ops::step(&cx, &id, s).await?;
    Ok(redirect_with(
        &cx,
        &format!("/internal-referrals/{id}"),
        flash,
    ))
}

pub async fn add_session(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let held_on = super::form_value(&form.pairs, "held_on").to_string();
    let note = super::form_value(&form.pairs, "note").to_string();
    match ops::add_session(&cx, &id, &held_on, &note).await {
        Ok(_) => Ok(redirect_with(
            &cx,
            &format!("/internal-referrals/{id}#sessions"),
            "flash-session-recorded",
        )),
        Err(AppError::Invalid(inv)) => {
            let mut page = show_page(&cx, &id, held_on, note).await?;
            page.p = page.p.with_errors(&inv);
            Ok(render_invalid(&page))
        }
        Err(AppError::ConflictWith(k, _)) => {
            let mut page = show_page(&cx, &id, held_on, note).await?;
            page.p = page.p.with_errors(&Invalid::one("held_on", k));
            Ok(render_status(StatusCode::CONFLICT, &page))
        }
        Err(e) => Err(e.into()),
    }
}
