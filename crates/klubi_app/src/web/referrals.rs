//! Referral pages: the case manager's form and list, one referral (accept,
//! decline, withdraw), the coordinator's triage queue, the roster's actions
//! and CSV, and the participant's "I can't come after all".

use super::{Choice, Page, redirect_with, render, render_invalid, render_status};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use klubi_domain::Invalid;
use klubi_domain::people::Language;
use klubi_domain::referrals::{CONSENT_VERSION, ParticipantDraft, ReferralDraft};
use klubi_ops::referrals::{self, Group, MyReferral, Referral};
use serde::Deserialize;

const PAGE_SIZE: i64 = 50;

/// A referral as a list row shows it.
pub struct Row {
    pub id: String,
    pub participant: String,
    pub group_id: String,
    pub group: String,
    pub status_key: String,
    pub status: String,
    pub created: String,
    pub needs: String,
    pub referrer: String,
    /// "2 / 3" meetings attended of those held, for someone who held a seat.
    pub attendance: String,
}

fn row(cx: &Cx, r: &Referral) -> Row {
    let shown = referrals::shown_status(r);
    Row {
        id: r.id.clone(),
        participant: r.participant_name.clone(),
        group_id: r.group_id.clone(),
        group: r.group_name.clone(),
        status_key: shown.to_string(),
        status: cx.t(&format!("referral-status-{shown}")),
        created: klubi_ops::i18n::date(cx.lang, r.created_at),
        needs: r.needs.clone(),
        referrer: r.referrer_name.clone(),
        attendance: String::new(),
    }
}

fn cursor_of(r: &Referral) -> String {
    crate::api::encode_cursor(&format!("{} {}", r.created_at, r.id))
}

fn my_cursor_of(m: &MyReferral) -> String {
    cursor_of(&m.referral)
}

#[derive(Deserialize, Default)]
pub struct CursorQuery {
    pub cursor: Option<String>,
    pub group: Option<String>,
}

fn cursor(q: &CursorQuery) -> AppResult<Option<(i64, String)>> {
    Ok(crate::api::time_cursor(&crate::api::Page {
        limit: None,
        cursor: q.cursor.clone().filter(|c| !c.is_empty()),
    })?)
}

#[derive(Template)]
#[template(path = "referrals/list.html")]
struct ListPage {
    p: Page,
    rows: Vec<Row>,
    next: Option<String>,
    may_refer: bool,
    may_triage: bool,
}

/// The case manager's own referrals, newest first.
pub async fn list(cx: Cx, Query(q): Query<CursorQuery>) -> AppResult<Response> {
    let mine = referrals::mine(&cx, cursor(&q)?, PAGE_SIZE + 1).await?;
    let (rows, next) = crate::api::page_of(mine.rows, PAGE_SIZE, my_cursor_of);
    Ok(render(&ListPage {
        rows: rows
            .iter()
            .map(|m| {
                let mut out = row(&cx, &m.referral);
                if let Some((attended, held)) = m.attendance {
                    out.attendance = cx.t_args(
                        "referrals-attendance",
                        &[
                            ("attended", attended.to_string()),
                            ("held", held.to_string()),
                        ],
                    );
                }
                out
            })
            .collect(),
        next,
        may_refer: mine.may_refer,
        may_triage: mine.may_triage,
        p: Page::new(&cx, "referrals-title"),
    }))
}

/// The referral form's values.
pub struct ReferralForm {
    pub groups: Vec<Choice>,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub languages: Vec<Choice>,
    pub needs: String,
    pub consent: bool,
}

#[derive(Template)]
#[template(path = "referrals/new.html")]
struct NewPage {
    p: Page,
    f: ReferralForm,
    consent_text: String,
    consent_version: &'static str,
    existing: Option<String>,
}

fn language_choices(cx: &Cx, chosen: &str) -> Vec<Choice> {
    Choice::list(
        Language::ALL.into_iter().map(|l| {
            (
                l.code().to_string(),
                cx.t(&format!("language-{}", l.code())),
            )
        }),
        chosen,
    )
}

/// The form with the groups to choose from (`referrals::referral_form` or,
/// again after a refused post, `referrals::referable`).
fn form_page(
    cx: &Cx,
    groups: &[Group],
    chosen_group: &str,
    typed: Option<&[(String, String)]>,
) -> NewPage {
    let mut choices = vec![Choice {
        value: String::new(),
        label: cx.t("referral-choose-group"),
        selected: chosen_group.is_empty(),
    }];
    choices.extend(Choice::list(
        groups.iter().map(|g| {
            let when = g
                .next_meeting_at
                .map(|t| format!(" ({})", klubi_ops::i18n::date(cx.lang, t)))
                .unwrap_or_default();
            (g.id.clone(), format!("{}{when}", g.name))
        }),
        chosen_group,
    ));
    let v = |n: &str| {
        typed
            .map(|p| super::form_value(p, n).to_string())
            .unwrap_or_default()
    };
    let lang = typed
        .map(|p| super::form_value(p, "language").to_string())
        .unwrap_or_else(|| "fi".into());
    NewPage {
        f: ReferralForm {
            groups: choices,
            name: v("name"),
            email: v("email"),
            phone: v("phone"),
            languages: language_choices(cx, &lang),
            needs: v("needs"),
            consent: typed.is_some_and(|p| super::form_value(p, "consent") == "yes"),
        },
        consent_text: cx.t("consent-referral-text"),
        consent_version: CONSENT_VERSION,
        existing: None,
        p: Page::new(cx, "referral-new-title"),
    }
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    pub group: Option<String>,
}

pub async fn new_form(cx: Cx, Query(q): Query<NewQuery>) -> AppResult<Response> {
    let groups = referrals::referral_form(&cx).await?;
    let page = form_page(&cx, &groups, q.group.as_deref().unwrap_or(""), None);
    Ok(render(&page))
}

/// The form's field names are the API's without the `participant.` prefix.
const FORM_FIELDS: [(&str, &str); 5] = [
    ("participant.name", "name"),
    ("participant.email", "email"),
    ("participant.phone", "phone"),
    ("participant.language", "language"),
    ("group_id", "group"),
];

pub async fn create(cx: Cx, form: CsrfForm<NoFields>) -> AppResult<Response> {
    let pairs = &form.pairs;
    let v = |n: &str| super::form_value(pairs, n).to_string();
    let draft = ReferralDraft {
        group_id: v("group"),
        participant: ParticipantDraft {
            name: v("name"),
            email: v("email"),
            phone: v("phone"),
            language: v("language"),
        },
        needs: v("needs"),
        consent: v("consent") == "yes",
    };
    let refused = match referrals::refer(&cx, &draft).await {
        Ok(r) => {
            return Ok(redirect_with(
                &cx,
                &format!("/referrals/{}", r.id),
                "flash-referral-created",
            ));
        }
        Err(e) => e,
    };
    // Shown again with what was typed (nothing is saved).
    let groups = match &refused {
        AppError::Invalid(_) | AppError::ConflictWith(..) | AppError::Conflict(_) => {
            referrals::referable(&cx).await?
        }
        // A group the case manager cannot see is a mistake in the form; for
        // someone who may not refer at all, the form is not there (as GET).
        AppError::NotFound => referrals::referral_form(&cx).await?,
        _ => vec![],
    };
    match refused {
        AppError::Invalid(inv) => {
            let mut page = form_page(&cx, &groups, &draft.group_id, Some(pairs));
            page.p = page.p.with_errors(&inv.renamed(&FORM_FIELDS));
            Ok(render_invalid(&page))
        }
        AppError::ConflictWith(k, extra) => {
            let mut page = form_page(&cx, &groups, &draft.group_id, Some(pairs));
            page.existing = extra
                .iter()
                .find(|(n, _)| *n == "existing_referral_id")
                .map(|(_, id)| id.clone());
            page.p = page.p.with_errors(&Invalid::one("email", k));
            Ok(render_status(StatusCode::CONFLICT, &page))
        }
        AppError::Conflict(k) => {
            let mut page = form_page(&cx, &groups, &draft.group_id, Some(pairs));
            page.p = page.p.with_errors(&Invalid::one("group", k));
            Ok(render_status(StatusCode::CONFLICT, &page))
        }
        AppError::NotFound => {
            let mut page = form_page(&cx, &groups, "", Some(pairs));
            page.p = page
                .p
                .with_errors(&Invalid::one("group", "error-group-unknown"));
            Ok(render_invalid(&page))
        }
        e => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "referrals/show.html")]
struct ShowPage {
    p: Page,
    r: Row,
    referral: Referral,
    consent_at: String,
    decided_at: String,
    may_decide: bool,
    may_withdraw: bool,
    reason: String,
}

async fn show_page(cx: &Cx, id: &str, reason: String) -> AppResult<ShowPage> {
    let read = referrals::read(cx, id).await?;
    let (r, may_decide, may_withdraw) = (read.referral, read.may_decide, read.may_withdraw);
    Ok(ShowPage {
        r: row(cx, &r),
        consent_at: klubi_ops::i18n::datetime(cx.lang, r.consent_at),
        decided_at: r
            .decided_at
            .map(|t| klubi_ops::i18n::datetime(cx.lang, t))
            .unwrap_or_default(),
        may_decide,
        may_withdraw,
        reason,
        p: Page::new(cx, "referral-title"),
        referral: r,
    })
}

pub async fn show(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    Ok(render(&show_page(&cx, &id, String::new()).await?))
}

/// Where a decision returns to: the triage queue when it came from there.
fn back_to(pairs: &[(String, String)], fallback: &str) -> String {
    let back = super::form_value(pairs, "back");
    if back.is_empty() {
        fallback.to_string()
    } else {
        super::safe_back(back).to_string()
    }
}

pub async fn accept(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let r = referrals::accept(&cx, &id).await?;
    let key = match r.status {
        klubi_domain::referrals::ReferralStatus::Enrolled => "flash-referral-enrolled",
        _ => "flash-referral-waitlisted",
    };
    Ok(redirect_with(
        &cx,
        &back_to(&form.pairs, &format!("/referrals/{id}")),
        key,
    ))
}

pub async fn decline(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let reason = super::form_value(&form.pairs, "reason").to_string();
    match referrals::decline(&cx, &id, &reason).await {
        Ok(_) => Ok(redirect_with(
            &cx,
            &back_to(&form.pairs, &format!("/referrals/{id}")),
            "flash-referral-declined",
        )),
        Err(AppError::Invalid(inv)) => {
            let mut page = show_page(&cx, &id, reason).await?;
            page.p = page.p.with_errors(&inv);
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn withdraw_referral(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let reason = super::form_value(&form.pairs, "withdraw_reason");
    match referrals::withdraw_referral(&cx, &id, reason).await {
        Ok(_) => Ok(redirect_with(
            &cx,
            &format!("/referrals/{id}"),
            "flash-referral-withdrawn",
        )),
        Err(AppError::Invalid(inv)) => {
            let mut page = show_page(&cx, &id, String::new()).await?;
            page.p = page
                .p
                .with_errors(&inv.renamed(&[("reason", "withdraw_reason")]));
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "referrals/triage.html")]
struct TriagePage {
    p: Page,
    rows: Vec<Row>,
    total: i64,
    next: Option<String>,
    groups: Vec<Choice>,
    group: String,
    back: String,
}

/// The coordinator's queue: pending referrals to their organisation's groups.
pub async fn triage(cx: Cx, Query(q): Query<CursorQuery>) -> AppResult<Response> {
    let group = q.group.clone().filter(|g| !g.is_empty());
    let queue = referrals::triage(&cx, group.as_deref(), cursor(&q)?, PAGE_SIZE).await?;
    let (rows, next) = crate::api::page_of(queue.rows, PAGE_SIZE, cursor_of);
    let (total, own) = (queue.pending_total, queue.groups);
    let mut groups = vec![Choice {
        value: String::new(),
        label: cx.t("triage-all-groups"),
        selected: group.is_none(),
    }];
    groups.extend(Choice::list(own, group.as_deref().unwrap_or("")));
    let back = match &group {
        Some(g) => format!("/triage?group={g}"),
        None => "/triage".into(),
    };
    Ok(render(&TriagePage {
        rows: rows.iter().map(|r| row(&cx, r)).collect(),
        total,
        next,
        groups,
        group: group.unwrap_or_default(),
        back,
        p: Page::new(&cx, "triage-title"),
    }))
}

/// The roster's actions on one participant: withdraw, move up, resend.
pub async fn roster_action(
    cx: Cx,
    Path((id, participant_id, action)): Path<(String, String, String)>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let reason = super::form_value(&form.pairs, "reason");
    let back = format!("/groups/{id}#roster");
    let done = match action.as_str() {
        "withdraw" => {
            referrals::withdraw(&cx, &id, &participant_id, reason).await?;
            "flash-participant-withdrawn"
        }
        "move-up" => match referrals::move_up(&cx, &id, &participant_id, reason).await {
            Ok(_) => "flash-moved-up",
            Err(AppError::Invalid(inv)) => {
                // The group's page again, the reason's error beside its field.
                let g = klubi_ops::groups::visible_group(&cx, &id).await?;
                return super::groups::show_with_errors(
                    &cx,
                    g,
                    &inv.renamed(&[("reason", &format!("reason-{participant_id}"))]),
                )
                .await;
            }
            Err(e) => return Err(e.into()),
        },
        "invite" => {
            referrals::resend_invitation(&cx, &id, &participant_id).await?;
            "flash-invitation-sent"
        }
        "print" => {
            let printed = referrals::print_invitation(&cx, &id, &participant_id).await?;
            // In the participant's language, whoever prints it.
            let lang = printed.language;
            return Ok(super::no_referrer(render(&PrintedPage {
                p: Page::new_in(&cx, lang, "printed-title"),
                code_url: format!("{}/code", cx.base),
                group_id: id,
                printed,
            })));
        }
        _ => return Err(AppError::NotFound.into()),
    };
    Ok(redirect_with(&cx, &back, done))
}

#[derive(Template)]
#[template(path = "referrals/printed.html")]
struct PrintedPage {
    p: Page,
    printed: referrals::Printed,
    code_url: String,
    group_id: String,
}

/// The roster as CSV for the coordinator (UTF-8 with a BOM so that Excel
/// reads ä and ö; `;` as Finnish spreadsheets expect; formula-safe cells).
pub async fn roster_csv(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let roster = referrals::roster_export(&cx, &id).await?;
    let header = [
        "roster-csv-name",
        "roster-csv-status",
        "roster-csv-position",
        "roster-csv-email",
        "roster-csv-phone",
        "roster-csv-referred-by",
        "roster-csv-moved-up-reason",
    ]
    .map(|k| cx.t(k));
    let body = klubi_ops::spreadsheet::file(
        &header,
        roster.iter().map(|e| {
            vec![
                e.name.clone(),
                cx.t(&format!("enrolment-status-{}", e.status)),
                e.position.map(|p| p.to_string()).unwrap_or_default(),
                e.email.clone().unwrap_or_default(),
                e.phone.clone().unwrap_or_default(),
                e.referrer_name.clone().unwrap_or_default(),
                e.moved_up_reason.clone().unwrap_or_default(),
            ]
        }),
    )?;
    Ok(super::csv_download(body, "osallistujat.csv"))
}

#[derive(Template)]
#[template(path = "referrals/withdraw.html")]
struct WithdrawPage {
    p: Page,
    group_id: String,
    group_name: String,
    reason: String,
}

/// The participant's own "I can't come after all" (a link in their mail and
/// on their page): a confirmation with an optional reason.
pub async fn my_withdraw_form(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let g = referrals::my_group(&cx, &id).await?;
    Ok(render(&WithdrawPage {
        group_id: g.group.id,
        group_name: g.group.name,
        reason: String::new(),
        p: Page::new(&cx, "my-withdraw-title"),
    }))
}

pub async fn my_withdraw(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let reason = super::form_value(&form.pairs, "reason").to_string();
    match referrals::withdraw_myself(&cx, &id, &reason).await {
        Ok(()) => Ok(redirect_with(&cx, "/", "flash-my-withdrawn")),
        Err(AppError::Invalid(inv)) => {
            let g = referrals::my_group(&cx, &id).await?;
            Ok(render_invalid(&WithdrawPage {
                group_id: g.group.id,
                group_name: g.group.name,
                reason,
                p: Page::new(&cx, "my-withdraw-title").with_errors(&inv),
            }))
        }
        Err(e) => Err(e.into()),
    }
}
