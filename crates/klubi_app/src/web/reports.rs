//! The group report: attendance per meeting as a chart and a table, and who
//! is below the minimum.

use super::{Page, render};
use crate::error::AppResult;
use crate::request::Cx;
use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use klubi_domain::attendance::Standing;
use klubi_ops::i18n;
use klubi_ops::reports::{self, GroupReport};

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
#[template(path = "reports/report.html")]
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
