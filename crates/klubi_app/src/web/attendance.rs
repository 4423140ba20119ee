//! Attendance on a phone (one tap per person, saved at once with htmx, a plain
//! form without it, and an undo), today's meetings, and the participant's own
//! attendance with "I can't come".

use super::{Page, redirect_with, render, render_invalid};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use klubi_domain::attendance::Mark;
use klubi_ops::attendance::{self as ops, Sheet, SheetRow};
use klubi_ops::i18n;
use serde::Deserialize;

// ---------------------------------------------------------------- the sheet

pub struct Button {
    pub value: &'static str,
    pub label: String,
    pub pressed: bool,
    /// Focus returns here after htmx swaps the row (the pressed button is new).
    pub focus: bool,
}

pub struct RowView {
    pub id: String,
    pub name: String,
    pub shown: String,
    pub shown_class: &'static str,
    pub notice: Option<String>,
    pub buttons: Vec<Button>,
    /// Just changed: what it was before (`unmarked` for none), for the undo.
    pub undo: Option<(String, String)>,
    pub error: Option<String>,
    /// The row came back without the button that had focus (refused while
    /// locked): focus goes to the name.
    pub focus_name: bool,
}

fn mark_label(cx: &Cx, m: Option<Mark>) -> String {
    match m {
        Some(m) => cx.t(&m.name_key()),
        None => cx.t("attendance-unmarked"),
    }
}

fn row_view(cx: &Cx, r: &SheetRow, changed: Option<(&str, Option<Mark>)>) -> RowView {
    let just = changed.filter(|(pid, _)| *pid == r.participant_id);
    let notice = r.notice_at.map(|_| match &r.notice_reason {
        Some(reason) => cx.t_args("attendance-noticed-reason", &[("reason", reason.clone())]),
        None => cx.t("attendance-noticed"),
    });
    RowView {
        id: r.participant_id.clone(),
        name: r.name.clone(),
        shown: mark_label(cx, r.shown),
        shown_class: r.shown.map_or("unmarked", Mark::as_str),
        notice,
        buttons: Mark::ALL
            .into_iter()
            .map(|m| Button {
                value: m.as_str(),
                label: cx.t(&m.name_key()),
                pressed: r.marked == Some(m),
                // After an undo to "not marked" nothing is pressed: the first button.
                focus: just.is_some()
                    && (r.marked == Some(m) || (r.marked.is_none() && m == Mark::Present)),
            })
            .collect(),
        undo: just.map(|(_, was)| {
            (
                was.map_or("unmarked", Mark::as_str).to_string(),
                cx.t_args(
                    "attendance-marked-as",
                    &[
                        ("name", r.name.clone()),
                        ("status", mark_label(cx, r.marked)),
                    ],
                ),
            )
        }),
        error: None,
        focus_name: false,
    }
}

#[derive(Template)]
#[template(path = "attendance/sheet.html")]
struct SheetPage {
    p: Page,
    meeting_id: String,
    group_id: String,
    group_name: String,
    what: String,
    when: String,
    rows: Vec<RowView>,
    summary: String,
    locked: Option<String>,
}

#[derive(Template)]
#[template(path = "attendance/row.html")]
struct RowFragment {
    p: Page,
    meeting_id: String,
    r: RowView,
    summary: String,
    locked: Option<String>,
}

fn summary(cx: &Cx, s: &Sheet) -> String {
    let marked = s.rows.iter().filter(|r| r.marked.is_some()).count();
    cx.t_args(
        "attendance-summary",
        &[
            ("expected", s.expected.to_string()),
            ("total", s.rows.len().to_string()),
            ("marked", marked.to_string()),
        ],
    )
}

fn locked_text(cx: &Cx, s: &Sheet) -> Option<String> {
    s.locked
        .map(|v| cx.t_args("attendance-locked", &[("version", v.to_string())]))
}

fn sheet_page(cx: &Cx, s: &Sheet, changed: Option<(&str, Option<Mark>)>) -> SheetPage {
    let mut memo = i18n::Memo::new(cx.lang);
    SheetPage {
        p: Page::new(cx, "attendance-title"),
        meeting_id: s.meeting.id.clone(),
        group_id: s.group.group.id.clone(),
        group_name: s.group.group.name.clone(),
        what: klubi_ops::meetings::meeting_what(&mut memo, &s.meeting),
        when: i18n::datetime(cx.lang, s.meeting.starts_at),
        rows: s.rows.iter().map(|r| row_view(cx, r, changed)).collect(),
        summary: summary(cx, s),
        locked: locked_text(cx, s),
    }
}

#[derive(Deserialize, Default)]
pub struct SheetQuery {
    #[serde(default)]
    changed: String,
    #[serde(default)]
    was: String,
}

pub async fn sheet(
    cx: Cx,
    Path(id): Path<String>,
    Query(q): Query<SheetQuery>,
) -> AppResult<Response> {
    let s = ops::sheet(&cx, &id).await?;
    let was = Mark::parse(&q.was).ok();
    let changed = (!q.changed.is_empty()).then_some((q.changed.as_str(), was));
    Ok(render(&sheet_page(&cx, &s, changed)))
}

#[derive(Deserialize)]
pub struct MarkForm {
    #[serde(default)]
    participant: String,
    #[serde(default)]
    status: String,
}

/// One tap: htmx gets the row back (and the count, out of band); a plain form
/// is redirected to the sheet with the undo shown on that row.
pub async fn mark(cx: Cx, Path(id): Path<String>, form: CsrfForm<MarkForm>) -> AppResult<Response> {
    let f = form.value;
    let status = (f.status != "unmarked").then(|| f.status.clone());
    let input = [ops::MarkInput {
        participant_id: f.participant.clone(),
        status,
    }];
    match ops::mark_changes(&cx, &id, &input).await {
        Ok((s, changed)) => {
            let row = s
                .rows
                .iter()
                .find(|r| r.participant_id == f.participant)
                .ok_or(AppError::NotFound)?;
            // Unchanged (tapped again): the undo leads back to the same mark.
            let was = changed.first().map_or(row.marked, |c| c.from);
            if cx.htmx {
                return Ok(render(&RowFragment {
                    p: Page::new(&cx, "attendance-title"),
                    meeting_id: s.meeting.id.clone(),
                    r: row_view(&cx, row, Some((&f.participant, was))),
                    summary: summary(&cx, &s),
                    locked: None,
                }));
            }
            let was = was.map_or("unmarked", Mark::as_str);
            Ok(Redirect::to(&format!(
                "/meetings/{id}/attendance?changed={}&was={was}#p-{}",
                super::url_encoded(&f.participant),
                super::url_encoded(&f.participant)
            ))
            .into_response())
        }
        Err(e @ (AppError::Conflict(_) | AppError::Invalid(_) | AppError::InvalidWith(..)))
            if cx.htmx =>
        {
            // The row stays as it was and says why nothing was saved.
            let key = match &e {
                AppError::Conflict(k) => *k,
                _ => "error-attendance-not-saved",
            };
            let before = ops::sheet(&cx, &id).await?;
            let row = before
                .rows
                .iter()
                .find(|r| r.participant_id == f.participant)
                .ok_or(AppError::NotFound)?;
            let mut r = row_view(&cx, row, None);
            r.error = Some(cx.t(key));
            r.focus_name = true;
            Ok(render(&RowFragment {
                p: Page::new(&cx, "attendance-title"),
                meeting_id: before.meeting.id.clone(),
                r,
                summary: summary(&cx, &before),
                locked: locked_text(&cx, &before),
            }))
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- today

pub struct TodayItem {
    pub id: String,
    pub when: String,
    pub what: String,
    pub group: String,
    pub today: bool,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "attendance/today.html")]
struct TodayPage {
    p: Page,
    today: Vec<TodayItem>,
    recent: Vec<TodayItem>,
}

/// Meetings to mark: today's first, then the past week's (a coach may mark
/// afterwards), of the groups the caller runs.
pub async fn today(cx: Cx) -> AppResult<Response> {
    let m = ops::to_mark(&cx).await?;
    let mut memo = i18n::Memo::new(cx.lang);
    let mut item = |e: &ops::CalendarEntry, today: bool| TodayItem {
        id: e.meeting.id.clone(),
        when: if today {
            i18n::time(cx.lang, e.meeting.starts_at)
        } else {
            i18n::datetime(cx.lang, e.meeting.starts_at)
        },
        what: klubi_ops::meetings::meeting_what(&mut memo, &e.meeting),
        group: e.group_name.clone(),
        today,
        cancelled: e.meeting.cancelled,
    };
    let today: Vec<TodayItem> = m.today.iter().map(|e| item(e, true)).collect();
    let recent: Vec<TodayItem> = m.recent.iter().map(|e| item(e, false)).collect();
    Ok(render(&TodayPage {
        p: Page::new(&cx, "today-title"),
        today,
        recent,
    }))
}

// ---------------------------------------------------------------- participant's own

pub struct MyMeetingView {
    pub id: String,
    pub when: String,
    pub status: String,
    pub noticed: bool,
    pub notice_reason: Option<String>,
    pub upcoming: bool,
}

pub struct MyGroupView {
    pub name: String,
    pub attended: String,
    pub minimum: String,
    pub compensation: Option<String>,
    pub meetings: Vec<MyMeetingView>,
}

#[derive(Template)]
#[template(path = "attendance/mine.html")]
struct MinePage {
    p: Page,
    groups: Vec<MyGroupView>,
    reason: String,
    reason_for: String,
}

async fn mine_page(cx: &Cx) -> AppResult<MinePage> {
    let ops::Mine {
        attendance: groups,
        compensation: money,
    } = ops::mine(cx).await?;
    Ok(MinePage {
        p: Page::new(cx, "mine-title"),
        groups: groups
            .into_iter()
            .map(|g| {
                let c = money.iter().find(|c| c.group_id == g.group_id);
                MyGroupView {
                    attended: cx.t_args(
                        "mine-attended",
                        &[("count", g.attended_meetings.to_string())],
                    ),
                    minimum: cx.t_args("mine-minimum", &[("min", g.min_attendance.to_string())]),
                    compensation: c.filter(|c| c.amount_cents > 0 || c.approved).map(|c| {
                        cx.t_args(
                            if c.approved {
                                "mine-compensation-approved"
                            } else {
                                "mine-compensation"
                            },
                            &[("amount", i18n::money(cx.lang, c.amount_cents))],
                        )
                    }),
                    name: g.group_name,
                    meetings: g
                        .meetings
                        .into_iter()
                        .map(|m| MyMeetingView {
                            when: i18n::datetime(cx.lang, m.starts_at_ts),
                            status: if m.upcoming && !m.noticed {
                                cx.t("mine-coming")
                            } else {
                                mark_label(cx, m.status)
                            },
                            noticed: m.noticed,
                            notice_reason: m.notice_reason,
                            upcoming: m.upcoming,
                            id: m.meeting_id,
                        })
                        .collect(),
                }
            })
            .collect(),
        reason: String::new(),
        reason_for: String::new(),
    })
}

pub async fn mine(cx: Cx) -> AppResult<Response> {
    Ok(render(&mine_page(&cx).await?))
}

#[derive(Deserialize)]
pub struct NoticeForm {
    #[serde(default)]
    reason: String,
}

pub async fn give_notice(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoticeForm>,
) -> AppResult<Response> {
    match ops::give_notice(&cx, &id, &form.value.reason).await {
        Ok(_) => Ok(redirect_with(&cx, "/my/attendance", "flash-notice-given")),
        Err(AppError::Invalid(inv)) => {
            let mut page = mine_page(&cx).await?;
            page.p = page.p.with_errors(&inv);
            page.reason = form.value.reason;
            page.reason_for = id;
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn take_back_notice(
    cx: Cx,
    Path(id): Path<String>,
    _form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    ops::take_back_notice(&cx, &id).await?;
    Ok(redirect_with(
        &cx,
        "/my/attendance",
        "flash-notice-taken-back",
    ))
}
