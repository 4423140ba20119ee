//! Meetings: adding one to a group, the meeting page (agenda, kind, place, the
//! link for members), editing or moving it with a reason, and cancelling it.

use super::groups::day_of;
use super::{Choice, Page, redirect_with, render, render_status};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use klubi_domain::Invalid;
use klubi_domain::formats::Theme;
use klubi_domain::meetings::{MeetingDraft, MeetingKind};
use klubi_ops::meetings::{self, GroupDetail, Meeting, MeetingView};

/// The meeting form's values, as typed or as stored.
pub struct MeetingForm {
    pub date: String,
    pub start: String,
    pub end: String,
    pub kinds: Vec<Choice>,
    pub themes: Vec<Choice>,
    pub title: String,
    pub location: String,
    pub agenda: String,
    pub guest_organisation: String,
    pub guest_purpose: String,
    pub online_url: String,
    pub reason: String,
}

fn kinds(cx: &Cx, chosen: &str) -> Vec<Choice> {
    Choice::list(
        MeetingKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_string(), cx.t(&k.name_key()))),
        chosen,
    )
}

fn themes(cx: &Cx, chosen: &str) -> Vec<Choice> {
    Choice::list(
        Theme::ALL
            .into_iter()
            .map(|t| (t.key().to_string(), cx.t(&t.name_key()))),
        chosen,
    )
}

fn local(ts: i64) -> jiff::civil::DateTime {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.to_zoned(klubi_ops::i18n::tz()).datetime())
        .unwrap_or_default()
}

impl MeetingForm {
    fn typed(cx: &Cx, pairs: &[(String, String)]) -> MeetingForm {
        let v = |n: &str| super::form_value(pairs, n).to_string();
        MeetingForm {
            date: v("date"),
            start: v("start"),
            end: v("end"),
            kinds: kinds(cx, super::form_value(pairs, "kind")),
            themes: themes(cx, super::form_value(pairs, "theme")),
            title: v("title"),
            location: v("location"),
            agenda: v("agenda"),
            guest_organisation: v("guest_organisation"),
            guest_purpose: v("guest_purpose"),
            online_url: v("online_url"),
            reason: v("reason"),
        }
    }

    fn stored(cx: &Cx, m: &Meeting) -> MeetingForm {
        let (s, e) = (local(m.starts_at), local(m.ends_at));
        MeetingForm {
            date: s.date().to_string(),
            start: format!("{:02}:{:02}", s.hour(), s.minute()),
            end: format!("{:02}:{:02}", e.hour(), e.minute()),
            kinds: kinds(cx, &m.kind),
            themes: themes(cx, &m.theme),
            title: m.title.clone().unwrap_or_default(),
            location: m.location.clone(),
            agenda: m.agenda.clone(),
            guest_organisation: m.guest_organisation.clone().unwrap_or_default(),
            guest_purpose: m.guest_purpose.clone().unwrap_or_default(),
            online_url: m.online_url.clone().unwrap_or_default(),
            reason: String::new(),
        }
    }

    fn blank(cx: &Cx, g: &GroupDetail) -> MeetingForm {
        MeetingForm {
            date: String::new(),
            start: g.group.default_start_time.clone(),
            end: String::new(),
            kinds: kinds(cx, "regular"),
            themes: themes(cx, "cv"),
            title: String::new(),
            location: g.group.location.clone(),
            agenda: String::new(),
            guest_organisation: String::new(),
            guest_purpose: String::new(),
            online_url: String::new(),
            reason: String::new(),
        }
    }
}

/// A local date and times (Helsinki) from the form, as instants; the errors
/// name the form's own fields.
fn read_draft(pairs: &[(String, String)], inv: &mut Invalid) -> MeetingDraft {
    let date = inv.check(
        "date",
        klubi_domain::schedule::parse_date(super::form_value(pairs, "date")),
    );
    let start = inv.check(
        "start",
        klubi_domain::formats::parse_time_of_day(super::form_value(pairs, "start")),
    );
    let end = inv.check(
        "end",
        klubi_domain::formats::parse_time_of_day(super::form_value(pairs, "end")),
    );
    let at = |t: Option<jiff::civil::Time>| {
        date.zip(t)
            .and_then(|(d, t)| d.to_datetime(t).to_zoned(klubi_ops::i18n::tz()).ok())
            .map(|z| z.timestamp())
    };
    MeetingDraft {
        starts_at: at(start),
        ends_at: at(end),
        kind: super::form_value(pairs, "kind").to_string(),
        theme: super::form_value(pairs, "theme").to_string(),
        title: super::form_value(pairs, "title").to_string(),
        location: super::form_value(pairs, "location").to_string(),
        agenda: super::form_value(pairs, "agenda").to_string(),
        guest_organisation: super::form_value(pairs, "guest_organisation").to_string(),
        guest_purpose: super::form_value(pairs, "guest_purpose").to_string(),
        online_url: super::form_value(pairs, "online_url").to_string(),
    }
}

/// The domain names instants `starts_at`/`ends_at`; the form has a date and times.
const FORM_FIELDS: [(&str, &str); 2] = [("starts_at", "date"), ("ends_at", "end")];

#[derive(Template)]
#[template(path = "meetings/new.html")]
struct NewPage {
    p: Page,
    g: GroupDetail,
    f: MeetingForm,
}

pub async fn new_form(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let g = meetings::new_form(&cx, &id).await?;
    let f = MeetingForm::blank(&cx, &g);
    Ok(render(&NewPage {
        f,
        g,
        p: Page::new(&cx, "meeting-new-title"),
    }))
}

pub async fn create(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let mut inv = Invalid::default();
    let draft = read_draft(&form.pairs, &mut inv);
    let result = if inv.is_empty() {
        meetings::add(&cx, &id, draft).await
    } else {
        // Report the rest of the form's problems too.
        if let Err(more) = draft.validate(jiff::Timestamp::from_second(cx.now).unwrap_or_default())
        {
            inv.0.extend(
                more.0
                    .into_iter()
                    .filter(|e| e.field != "starts_at" && e.field != "ends_at"),
            );
        }
        Err(AppError::Invalid(inv))
    };
    let (status, inv) = match result {
        Ok(v) => {
            return Ok(redirect_with(
                &cx,
                &format!("/meetings/{}", v.meeting.id),
                "flash-meeting-created",
            ));
        }
        Err(AppError::Invalid(inv)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, inv.renamed(&FORM_FIELDS))
        }
        Err(AppError::Conflict(k)) => (StatusCode::CONFLICT, Invalid::one("date", k)),
        Err(e) => return Err(e.into()),
    };
    // The form again (to those who may add meetings), as typed.
    let g = meetings::new_form(&cx, &id).await?;
    let f = MeetingForm::typed(&cx, &form.pairs);
    Ok(render_status(
        status,
        &NewPage {
            f,
            g,
            p: Page::new(&cx, "meeting-new-title").with_errors(&inv),
        },
    ))
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
struct ShowPage {
    p: Page,
    m: Meeting,
    g: GroupDetail,
    day: String,
    time: String,
    kind: String,
    what: String,
    theme_description: String,
    unusual: bool,
    members: bool,
    /// Staff see the group page; a participant has their own page instead.
    staff: bool,
    may_edit: bool,
    may_mark: bool,
    changed: String,
    f: MeetingForm,
    cancel_reason: String,
}

fn show_page(cx: &Cx, v: MeetingView, f: Option<MeetingForm>, cancel_reason: String) -> ShowPage {
    let m = v.meeting;
    let mut p = Page::new(cx, "meeting-title");
    let mut memo = klubi_ops::i18n::Memo::new(cx.lang);
    let what = meetings::meeting_what(&mut memo, &m);
    p.title = format!("{} – {}", what, v.group.group.name);
    ShowPage {
        day: day_of(cx, m.starts_at),
        time: format!(
            "{}–{}",
            klubi_ops::i18n::time(cx.lang, m.starts_at),
            klubi_ops::i18n::time(cx.lang, m.ends_at)
        ),
        kind: memo.kind(&m.kind),
        theme_description: m
            .theme
            .parse::<Theme>()
            .map(|t| cx.t(&t.description_key()))
            .unwrap_or_default(),
        unusual: v.unusual_time,
        changed: match (&m.changed_by_name, m.changed_at) {
            (Some(who), Some(at)) => cx.t_args(
                "meeting-changed-by",
                &[
                    ("name", who.clone()),
                    ("when", klubi_ops::i18n::datetime(cx.lang, at)),
                ],
            ),
            _ => String::new(),
        },
        f: f.unwrap_or_else(|| MeetingForm::stored(cx, &m)),
        may_edit: v.may_edit,
        may_mark: v.may_mark,
        members: v.members,
        staff: v.staff,
        what,
        cancel_reason,
        m,
        g: v.group,
        p,
    }
}

pub async fn show(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let v = meetings::get(&cx, &id).await?;
    Ok(render(&show_page(&cx, v, None, String::new())))
}

pub async fn update(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let mut inv = Invalid::default();
    let draft = read_draft(&form.pairs, &mut inv);
    let result = if inv.is_empty() {
        meetings::update(
            &cx,
            &id,
            draft.into(),
            super::form_value(&form.pairs, "reason"),
        )
        .await
        .map(|_| ())
    } else {
        Err(AppError::Invalid(inv))
    };
    let (status, inv) = match result {
        Ok(()) => {
            return Ok(redirect_with(
                &cx,
                &format!("/meetings/{id}"),
                "flash-meeting-saved",
            ));
        }
        Err(AppError::Invalid(inv)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, inv.renamed(&FORM_FIELDS))
        }
        Err(AppError::Conflict(k)) => (StatusCode::CONFLICT, Invalid::one("date", k)),
        Err(e) => return Err(e.into()),
    };
    // The page again (to those who may edit the meeting), the form as typed.
    let v = meetings::edit_form(&cx, &id).await?;
    let f = MeetingForm::typed(&cx, &form.pairs);
    let mut page = show_page(&cx, v, Some(f), String::new());
    page.p = page.p.with_errors(&inv);
    Ok(render_status(status, &page))
}

pub async fn cancel(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let reason = super::form_value(&form.pairs, "cancel_reason").to_string();
    let (status, inv) = match meetings::cancel(&cx, &id, &reason).await {
        Ok(_) => {
            return Ok(redirect_with(
                &cx,
                &format!("/meetings/{id}"),
                "flash-meeting-cancelled",
            ));
        }
        Err(AppError::Invalid(inv)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            inv.renamed(&[("reason", "cancel_reason")]),
        ),
        Err(AppError::Conflict(k)) => (StatusCode::CONFLICT, Invalid::one("cancel_reason", k)),
        Err(e) => return Err(e.into()),
    };
    let v = meetings::edit_form(&cx, &id).await?;
    let mut page = show_page(&cx, v, None, reason);
    page.p = page.p.with_errors(&inv);
    Ok(render_status(status, &page))
}
