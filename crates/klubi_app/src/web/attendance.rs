//! Attendance on a phone (one tap per person, saved at once with htmx, a plain
//! form without it, and an undo), today's meetings, the participant's own
//! attendance with "I can't come", no-show alerts, the compensation page with
//! approval and versions, and the group report with its chart.

use super::{Choice, Page, redirect_with, render, render_invalid};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use klubi_domain::Invalid;
use klubi_domain::attendance::{AlertPolicy, Mark, Standing};
use klubi_ops::alerts;
use klubi_ops::attendance::{self as ops, Sheet, SheetRow};
use klubi_ops::compensation::{self, Compensation};
use klubi_ops::i18n;
use klubi_ops::reports::{self, GroupReport};
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
                urlencoding(&f.participant),
                urlencoding(&f.participant)
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

fn urlencoding(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
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

// ---------------------------------------------------------------- alerts

pub struct AlertView {
    pub participant: String,
    pub group_id: String,
    pub group: String,
    pub when: String,
    pub escalated: bool,
}

#[derive(Template)]
#[template(path = "attendance/alerts.html")]
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
#[template(path = "attendance/compensation.html")]
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

// ---------------------------------------------------------------- report

pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub height: u32,
    pub label: String,
    pub value: u32,
}

pub struct MeetingRowView {
    /// The bar's number in the chart (held meetings only).
    pub number: Option<usize>,
    pub when: String,
    pub what: String,
    pub present: u32,
    pub late: u32,
    pub excused: u32,
    pub absent: u32,
    pub unmarked: u32,
    pub held: bool,
}

pub struct PersonView {
    pub name: String,
    pub attended: u32,
    pub standing: String,
    pub below: bool,
}

#[derive(Template)]
#[template(path = "attendance/report.html")]
struct ReportPage {
    p: Page,
    group_id: String,
    group_name: String,
    facts: Vec<(String, String)>,
    bars: Vec<Bar>,
    chart_width: u32,
    chart_max: u32,
    meetings: Vec<MeetingRowView>,
    people: Vec<PersonView>,
    below_heading: String,
    below: Vec<String>,
    may_manage_compensation: bool,
}

/// Chart geometry: one bar per meeting, its height the attended count over
/// the enrolled (the same numbers are in the table below it).
const CHART_HEIGHT: u32 = 160;
const BAR_STEP: u32 = 48;

pub async fn report(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    Ok(render(&report_view(&cx, &reports::report(&cx, &id).await?)))
}

fn report_view(cx: &Cx, gr: &GroupReport) -> ReportPage {
    let (g, r, meetings) = (&gr.group, &gr.report, &gr.meetings);
    let mut memo = i18n::Memo::new(cx.lang);
    let max = u32::try_from(r.enrolled).unwrap_or(0).max(1);
    let held: Vec<&reports::MeetingCount> = r.per_meeting.iter().filter(|m| m.held).collect();
    let bars = held
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let v = m.attended();
            let h = v.min(max) * CHART_HEIGHT / max;
            Bar {
                x: 40 + u32::try_from(i).unwrap_or(0) * BAR_STEP,
                y: 10 + CHART_HEIGHT - h,
                height: h,
                label: i18n::date(cx.lang, m.starts_at_ts),
                value: v,
            }
        })
        .collect::<Vec<_>>();
    let final_ = r.meetings_remaining == 0;
    let may_manage_compensation = gr.may_manage_compensation;
    let pct = format!("{:.0} %", r.attendance_rate * 100.0);
    ReportPage {
        p: Page::new(cx, "report-title"),
        group_id: g.group.id.clone(),
        group_name: g.group.name.clone(),
        facts: vec![
            (cx.t("report-enrolled"), r.enrolled.to_string()),
            (cx.t("report-waitlisted"), r.waitlisted.to_string()),
            (cx.t("report-meetings-held"), r.meetings_held.to_string()),
            (
                cx.t("report-meetings-remaining"),
                r.meetings_remaining.to_string(),
            ),
            (cx.t("report-attendance-rate"), pct),
            (cx.t("report-min-attendance"), r.min_attendance.to_string()),
            (
                cx.t(if r.compensation_approved {
                    "report-compensation-approved"
                } else {
                    "report-compensation-total"
                }),
                i18n::money(cx.lang, r.compensation_total_cents),
            ),
        ],
        chart_width: 40 + u32::try_from(bars.len()).unwrap_or(0) * BAR_STEP + 10,
        chart_max: max,
        bars,
        meetings: r
            .per_meeting
            .iter()
            .scan(0usize, |held, m| {
                if m.held {
                    *held += 1;
                }
                Some((m.held.then_some(*held), m))
            })
            .map(|(number, m)| MeetingRowView {
                number,
                when: i18n::datetime(cx.lang, m.starts_at_ts),
                what: meetings
                    .iter()
                    .find(|x| x.id == m.meeting_id)
                    .map(|x| klubi_ops::meetings::meeting_what(&mut memo, x))
                    .unwrap_or_default(),
                present: m.present,
                late: m.late,
                excused: m.excused,
                absent: m.absent,
                unmarked: m.unmarked,
                held: m.held,
            })
            .collect(),
        people: r
            .participants
            .iter()
            .map(|p| PersonView {
                name: p.name.clone(),
                attended: p.attended_meetings,
                standing: cx.t(match p.standing {
                    Standing::Met => "standing-met",
                    Standing::OnTrack => "standing-on-track",
                    Standing::Below if final_ => "standing-below",
                    Standing::Below => "standing-cannot-reach",
                }),
                below: p.standing == Standing::Below,
            })
            .collect(),
        below_heading: cx.t(if final_ {
            "report-below-final"
        } else {
            "report-below-flagged"
        }),
        below: r
            .participants
            .iter()
            .filter(|p| p.standing == Standing::Below)
            .map(|p| p.name.clone())
            .collect(),
        may_manage_compensation,
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
#[template(path = "attendance/month.html")]
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
        csv: format!("/compensation.csv?month={}", urlencoding(&month)),
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
