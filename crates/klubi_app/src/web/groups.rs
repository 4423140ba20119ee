//! Groups: the list with filters, a new group from a format, the group page
//! (facts, partners, facilitators, the schedule) and its edit form, and
//! generating the schedule.

use super::{Choice, Page, redirect_with, render, render_invalid, render_status};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use klubi_domain::Invalid;
use klubi_domain::groups::GroupStatus;
use klubi_ops::groups::{
    self, Group, GroupDetail, GroupEditForm, GroupFilter, GroupInput, GroupPage, GroupUpdate,
    Meeting, RosterEntry,
};
use klubi_ops::meetings;
use serde::Deserialize;

pub fn status_label(cx: &Cx, status: &str) -> String {
    cx.t(&format!("group-status-{status}"))
}

pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub status: String,
    pub next_meeting: String,
    pub seats: String,
}

fn group_row(cx: &Cx, g: &Group) -> GroupRow {
    GroupRow {
        id: g.id.clone(),
        name: g.name.clone(),
        organisation: g.organisation_name.clone(),
        status: status_label(cx, &g.status),
        next_meeting: g
            .next_meeting_at
            .map(|t| klubi_ops::i18n::datetime(cx.lang, t))
            .unwrap_or_else(|| "–".into()),
        seats: cx.t_args(
            "group-seats",
            &[
                ("enrolled", g.enrolled_count.to_string()),
                ("capacity", g.capacity.to_string()),
            ],
        ),
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    mine: String,
    #[serde(default)]
    after: String,
}

#[derive(Template)]
#[template(path = "groups/list.html")]
struct ListPage {
    p: Page,
    rows: Vec<GroupRow>,
    statuses: Vec<Choice>,
    organisations: Vec<Choice>,
    mine: bool,
    may_plan: bool,
    /// The query of the next page, if there is one.
    next: Option<String>,
    filtered: bool,
}

const PAGE_SIZE: i64 = 50;

pub async fn list(cx: Cx, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let filter = |status: &str| GroupFilter {
        status: Some(status.to_string()).filter(|s| !s.is_empty()),
        organisation_id: Some(q.organisation.clone()).filter(|s| !s.is_empty()),
        mine: !q.mine.is_empty(),
        after: Some(q.after.clone()).filter(|s| !s.is_empty()),
    };
    // A status that is not one is said next to its filter; the rest still applies.
    let (overview, inv) = match groups::overview(&cx, filter(&q.status), PAGE_SIZE).await {
        Err(AppError::Invalid(inv)) => (groups::overview(&cx, filter(""), PAGE_SIZE).await?, inv),
        other => (other?, Invalid::default()),
    };
    let list = overview.list;
    let next = list.next.map(|after| {
        let mut qs = form_urlencoded::Serializer::new(String::new());
        qs.append_pair("status", &q.status)
            .append_pair("organisation", &q.organisation)
            .append_pair("mine", &q.mine)
            .append_pair("after", &after);
        qs.finish()
    });
    let mut organisations = vec![Choice {
        value: String::new(),
        label: cx.t("filter-all"),
        selected: q.organisation.is_empty(),
    }];
    organisations.extend(Choice::list(overview.organisations, &q.organisation));
    let mut statuses = vec![Choice {
        value: String::new(),
        label: cx.t("filter-all"),
        selected: q.status.is_empty(),
    }];
    statuses.extend(Choice::list(
        GroupStatus::ALL
            .into_iter()
            .map(|s| (s.as_str().to_string(), status_label(&cx, s.as_str()))),
        &q.status,
    ));
    let mut p = Page::new(&cx, "groups-title");
    if !inv.is_empty() {
        p = p.with_errors(&inv);
    }
    Ok(render(&ListPage {
        rows: list.items.iter().map(|g| group_row(&cx, g)).collect(),
        statuses,
        organisations,
        mine: !q.mine.is_empty(),
        may_plan: list.may_plan,
        next,
        filtered: !(q.status.is_empty() && q.organisation.is_empty() && q.mine.is_empty()),
        p,
    }))
}

/// One checkbox of a list (partners, facilitators, weekdays).
pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

fn checks(items: impl IntoIterator<Item = (String, String)>, chosen: &[String]) -> Vec<Check> {
    items
        .into_iter()
        .map(|(value, label)| Check {
            checked: chosen.contains(&value),
            value,
            label,
        })
        .collect()
}

/// The new-group form's values.
pub struct NewGroupForm {
    pub formats: Vec<Choice>,
    pub name: String,
    pub location: String,
    pub capacity: String,
    pub compensation_mode: String,
    pub compensation: String,
    pub status: String,
    pub partners: Vec<Check>,
    pub facilitators: Vec<Check>,
}

#[derive(Template)]
#[template(path = "groups/new.html")]
struct NewPage {
    p: Page,
    f: NewGroupForm,
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    format: String,
}

async fn new_form_values(
    cx: &Cx,
    pairs: &[(String, String)],
    format: &str,
) -> AppResult<NewGroupForm> {
    let choices = groups::new_form(cx).await?;
    Ok(NewGroupForm {
        formats: Choice::list(
            choices
                .formats
                .iter()
                .map(|f| (f.id.clone(), klubi_ops::formats::name(cx.lang, f))),
            format,
        ),
        name: super::form_value(pairs, "name").to_string(),
        location: super::form_value(pairs, "location").to_string(),
        capacity: super::form_value(pairs, "capacity").to_string(),
        compensation_mode: Some(super::form_value(pairs, "compensation_mode").to_string())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "default".into()),
        compensation: super::form_value(pairs, "compensation").to_string(),
        status: Some(super::form_value(pairs, "status").to_string())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "open".into()),
        partners: checks(
            choices.organisations,
            &super::form_values(pairs, "partners"),
        ),
        facilitators: checks(choices.coaches, &super::form_values(pairs, "facilitators")),
    })
}

pub async fn new_form(cx: Cx, Query(q): Query<NewQuery>) -> AppResult<Response> {
    let f = new_form_values(&cx, &[], &q.format).await?;
    Ok(render(&NewPage {
        f,
        p: Page::new(&cx, "group-new-title"),
    }))
}

/// Reads the compensation choice: the format's, none, or a rate typed in euros.
fn read_compensation(pairs: &[(String, String)], inv: &mut Invalid) -> Option<Option<i64>> {
    match super::form_value(pairs, "compensation_mode") {
        "none" => Some(None),
        "rate" => {
            match klubi_domain::money::parse_euros(super::form_value(pairs, "compensation")) {
                Ok(Some(c)) => Some(Some(c)),
                Ok(None) => {
                    inv.push("compensation", "error-required");
                    None
                }
                Err(k) => {
                    inv.push("compensation", k);
                    None
                }
            }
        }
        _ => None,
    }
}

fn read_capacity(pairs: &[(String, String)], inv: &mut Invalid) -> Option<i64> {
    let c = super::form_value(pairs, "capacity").trim();
    if c.is_empty() {
        return None;
    }
    match c.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            inv.push("capacity", "error-number-invalid");
            None
        }
    }
}

/// The form's names for the fields the shared operations name as the API does.
const FORM_FIELDS: [(&str, &str); 4] = [
    ("format_id", "format"),
    ("partner_organisation_ids", "partners"),
    ("facilitator_ids", "facilitators"),
    ("compensation_cents_per_meeting", "compensation"),
];

pub async fn create(cx: Cx, form: CsrfForm<NoFields>) -> AppResult<Response> {
    let pairs = &form.pairs;
    let mut inv = Invalid::default();
    let capacity = read_capacity(pairs, &mut inv);
    let compensation = read_compensation(pairs, &mut inv);
    let result = if inv.is_empty() {
        groups::create(
            &cx,
            GroupInput {
                format_id: super::form_value(pairs, "format").to_string(),
                name: super::form_value(pairs, "name").to_string(),
                location: super::form_value(pairs, "location").to_string(),
                capacity,
                facilitator_ids: super::form_values(pairs, "facilitators"),
                partner_ids: super::form_values(pairs, "partners"),
                compensation,
                status: Some(super::form_value(pairs, "status").to_string()),
            },
        )
        .await
    } else {
        Err(AppError::Invalid(inv))
    };
    match result {
        Ok(g) => Ok(redirect_with(
            &cx,
            &format!("/groups/{}", g.group.id),
            "flash-group-created",
        )),
        // The form again (to those who may make groups), with its errors.
        Err(AppError::Invalid(inv)) => {
            let f = new_form_values(&cx, pairs, super::form_value(pairs, "format")).await?;
            Ok(render_invalid(&NewPage {
                f,
                p: Page::new(&cx, "group-new-title").with_errors(&inv.renamed(&FORM_FIELDS)),
            }))
        }
        Err(e) => Err(e.into()),
    }
}

pub struct MeetingRow {
    pub id: String,
    pub day: String,
    pub time: String,
    pub kind: String,
    pub is_regular: bool,
    pub what: String,
    pub location: String,
    pub cancelled: bool,
    pub unusual: bool,
    pub past: bool,
}

pub fn meeting_rows(cx: &Cx, all: &[Meeting]) -> Vec<MeetingRow> {
    let regular = meetings::regular_starts(all);
    let mut memo = klubi_ops::i18n::Memo::new(cx.lang);
    all.iter()
        .map(|m| MeetingRow {
            id: m.id.clone(),
            day: day_of(cx, m.starts_at),
            time: format!(
                "{}–{}",
                klubi_ops::i18n::time(cx.lang, m.starts_at),
                klubi_ops::i18n::time(cx.lang, m.ends_at)
            ),
            kind: memo.kind(&m.kind),
            is_regular: m.kind == "regular",
            what: meetings::meeting_what(&mut memo, m),
            location: m.location.clone(),
            cancelled: m.cancelled,
            unusual: meetings::unusual(m, &regular),
            past: m.ends_at < cx.now,
        })
        .collect()
}

pub fn day_of(cx: &Cx, ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| klubi_ops::i18n::day(cx.lang, t.to_zoned(klubi_ops::i18n::tz()).date()))
        .unwrap_or_default()
}

/// Holidays the schedule passed over: on the group's meeting weekdays between
/// its first and last meeting.
fn skipped_holidays(cx: &Cx, all: &[Meeting]) -> Vec<String> {
    let regular = meetings::regular_starts(all);
    let (Some(first), Some(last)) = (regular.iter().min(), regular.iter().max()) else {
        return vec![];
    };
    let days: Vec<_> = regular.iter().map(|d| d.weekday()).collect();
    let mut out = vec![];
    let mut d = first.date();
    while d <= last.date() {
        if days.contains(&d.weekday())
            && let Some(h) = klubi_domain::holidays::holiday_on(d)
        {
            out.push(format!(
                "{} ({})",
                klubi_ops::i18n::day(cx.lang, d),
                cx.t(h.key())
            ));
        }
        match d.tomorrow() {
            Ok(n) => d = n,
            Err(_) => break,
        }
    }
    out
}

pub struct ScheduleForm {
    pub first_date: String,
    pub weekdays: Vec<Check>,
    pub start_time: String,
}

#[derive(Template)]
#[template(path = "groups/show.html")]
struct ShowPage {
    p: Page,
    g: GroupDetail,
    status: String,
    format_name: String,
    compensation: String,
    seats: String,
    meetings: Vec<MeetingRow>,
    skipped: Vec<String>,
    may_manage: bool,
    may_schedule: bool,
    closed: bool,
    schedule: ScheduleForm,
    /// None: the caller sees no roster.
    roster: Option<Vec<RosterRow>>,
    /// The whole roster (not only the caller's own clients).
    roster_all: bool,
    may_decide: bool,
    may_refer: bool,
    /// A facilitator may refer the group's participants to a specialist.
    may_refer_specialist: bool,
    may_report: bool,
    may_compensate: bool,
}

/// One person on the group page's roster.
pub struct RosterRow {
    pub participant_id: String,
    pub name: String,
    pub status_key: String,
    pub status: String,
    pub position: String,
    pub referrer: String,
    pub moved_up_reason: String,
    pub referral_id: String,
    pub has_email: bool,
    pub invited: bool,
    pub attended: i64,
    /// The move-up form's field name for errors (one form per row).
    pub err_field: String,
}

fn roster_rows(cx: &Cx, roster: Vec<RosterEntry>) -> Vec<RosterRow> {
    roster
        .into_iter()
        .map(|e| RosterRow {
            status: cx.t(&format!("enrolment-status-{}", e.status)),
            position: e.position.map(|p| p.to_string()).unwrap_or_default(),
            referrer: e.referrer_name.unwrap_or_default(),
            moved_up_reason: e.moved_up_reason.unwrap_or_default(),
            referral_id: e.referral_id.unwrap_or_default(),
            has_email: e.email.is_some(),
            invited: !e.has_password,
            attended: e.attended_count,
            status_key: e.status,
            err_field: format!("reason-{}", e.participant_id),
            participant_id: e.participant_id,
            name: e.name,
        })
        .collect()
}

/// The group page again with errors of a roster form (e.g. a move-up without a reason).
pub async fn show_with_errors(cx: &Cx, g: GroupDetail, inv: &Invalid) -> AppResult<Response> {
    let page = groups::show(cx, &g.group.id).await?;
    let schedule = default_schedule(cx, &page.group);
    let mut page = show_page(cx, page, schedule);
    page.p = page.p.with_errors(inv);
    Ok(render_invalid(&page))
}

fn weekday_checks(cx: &Cx, chosen: &[String]) -> Vec<Check> {
    checks(
        meetings::WEEKDAYS
            .iter()
            .map(|w| (w.to_string(), cx.t(&format!("weekday-{w}")))),
        chosen,
    )
}

fn show_page(cx: &Cx, page: GroupPage, schedule: ScheduleForm) -> ShowPage {
    let g = page.group;
    let format_name = match &g.group.format_template_key {
        Some(k) => cx.t(&format!("format-template-{k}")),
        None => g.group.format_name.clone(),
    };
    let mut p = Page::new(cx, "group-title");
    p.title = g.group.name.clone();
    ShowPage {
        roster_all: page.roster_all,
        may_decide: page.may_decide,
        may_refer_specialist: page.may_refer_specialist,
        may_report: page.may_report,
        may_compensate: page.may_compensate,
        may_refer: page.may_refer,
        roster: page.roster.map(|r| roster_rows(cx, r)),
        status: status_label(cx, &g.group.status),
        compensation: super::compensation_text(cx, g.group.compensation_cents),
        seats: cx.t_args(
            "group-seats",
            &[
                ("enrolled", g.group.enrolled_count.to_string()),
                ("capacity", g.group.capacity.to_string()),
            ],
        ),
        skipped: skipped_holidays(cx, &page.meetings),
        meetings: meeting_rows(cx, &page.meetings),
        may_manage: page.may_manage,
        may_schedule: page.may_schedule,
        closed: page.closed,
        format_name,
        schedule,
        g,
        p,
    }
}

fn default_schedule(cx: &Cx, g: &GroupDetail) -> ScheduleForm {
    // Next Monday, in Helsinki.
    let today = jiff::Timestamp::from_second(cx.now)
        .map(|t| t.to_zoned(klubi_ops::i18n::tz()).date())
        .unwrap_or_default();
    let monday = today
        .nth_weekday(1, jiff::civil::Weekday::Monday)
        .unwrap_or(today);
    ScheduleForm {
        first_date: monday.to_string(),
        weekdays: weekday_checks(cx, &["mon".to_string(), "wed".to_string()]),
        start_time: g.group.default_start_time.clone(),
    }
}

pub async fn show(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let page = groups::show(&cx, &id).await?;
    let schedule = default_schedule(&cx, &page.group);
    Ok(render(&show_page(&cx, page, schedule)))
}

/// Generates the schedule from the plan; errors come back on the group page.
pub async fn generate(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let pairs = &form.pairs;
    let weekdays = super::form_values(pairs, "weekdays");
    match meetings::generate_schedule(
        &cx,
        &id,
        meetings::ScheduleInput {
            first_date: super::form_value(pairs, "first_date").to_string(),
            weekdays: weekdays.clone(),
            start_time: Some(super::form_value(pairs, "start_time").to_string()),
        },
    )
    .await
    {
        Ok(_) => Ok(redirect_with(
            &cx,
            &format!("/groups/{id}#schedule"),
            "flash-schedule-generated",
        )),
        Err(AppError::Invalid(inv)) => {
            let schedule = ScheduleForm {
                first_date: super::form_value(pairs, "first_date").to_string(),
                weekdays: weekday_checks(&cx, &weekdays),
                start_time: super::form_value(pairs, "start_time").to_string(),
            };
            let mut page = show_page(&cx, groups::show(&cx, &id).await?, schedule);
            page.p = page.p.with_errors(&inv);
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}

pub struct EditForm {
    pub name: String,
    pub location: String,
    pub capacity: String,
    pub compensation: String,
    pub statuses: Vec<Choice>,
    pub partners: Vec<Check>,
    pub facilitators: Vec<Check>,
}

#[derive(Template)]
#[template(path = "groups/edit.html")]
struct EditPage {
    p: Page,
    id: String,
    f: EditForm,
}

fn edit_values(cx: &Cx, form: GroupEditForm, pairs: Option<&[(String, String)]>) -> EditForm {
    let g = &form.group;
    let current: GroupStatus = g.group.status.parse().unwrap_or(GroupStatus::Open);
    let partners: Vec<String> = match pairs {
        Some(p) => super::form_values(p, "partners"),
        None => g.partner_ids().iter().map(|s| s.to_string()).collect(),
    };
    let facilitators: Vec<String> = match pairs {
        Some(p) => super::form_values(p, "facilitators"),
        None => g.facilitator_ids().iter().map(|s| s.to_string()).collect(),
    };
    let get = |name: &str, stored: String| match pairs {
        Some(p) => super::form_value(p, name).to_string(),
        None => stored,
    };
    EditForm {
        name: get("name", g.group.name.clone()),
        location: get("location", g.group.location.clone()),
        capacity: get("capacity", g.group.capacity.to_string()),
        compensation: get(
            "compensation",
            g.group
                .compensation_cents
                .map(klubi_domain::money::euros_input)
                .unwrap_or_default(),
        ),
        statuses: Choice::list(
            current
                .choices()
                .into_iter()
                .map(|s| (s.as_str().to_string(), status_label(cx, s.as_str()))),
            &get("status", current.as_str().to_string()),
        ),
        partners: checks(form.organisations, &partners),
        facilitators: checks(form.coaches, &facilitators),
    }
}

pub async fn edit_form(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let f = edit_values(&cx, groups::edit_form(&cx, &id).await?, None);
    Ok(render(&EditPage {
        f,
        id,
        p: Page::new(&cx, "group-edit-title"),
    }))
}

pub async fn update(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let pairs = &form.pairs;
    let mut inv = Invalid::default();
    let capacity = match super::form_value(pairs, "capacity").trim().parse::<i64>() {
        Ok(c) => Some(c),
        Err(_) => {
            inv.push("capacity", "error-number-invalid");
            None
        }
    };
    let compensation = inv.check(
        "compensation",
        klubi_domain::money::parse_euros(super::form_value(pairs, "compensation")),
    );
    let result = if inv.is_empty() {
        groups::update(
            &cx,
            &id,
            GroupUpdate {
                name: Some(super::form_value(pairs, "name").to_string()),
                location: Some(super::form_value(pairs, "location").to_string()),
                capacity,
                compensation,
                status: Some(super::form_value(pairs, "status").to_string()),
                partner_ids: Some(super::form_values(pairs, "partners")),
                facilitator_ids: Some(super::form_values(pairs, "facilitators")),
            },
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
                &format!("/groups/{id}"),
                "flash-group-saved",
            ));
        }
        Err(AppError::Invalid(inv)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, inv.renamed(&FORM_FIELDS))
        }
        // A rule about the group as it stands (capacity below the enrolled,
        // status backwards): said next to the field it concerns, with 409.
        Err(AppError::Conflict(key)) => {
            let field = if key.contains("capacity") {
                "capacity"
            } else {
                "status"
            };
            (StatusCode::CONFLICT, Invalid::one(field, key))
        }
        Err(e) => return Err(e.into()),
    };
    // The form again (to those who may change the group), as typed.
    let f = edit_values(&cx, groups::edit_form(&cx, &id).await?, Some(pairs));
    Ok(render_status(
        status,
        &EditPage {
            f,
            id,
            p: Page::new(&cx, "group-edit-title").with_errors(&inv),
        },
    ))
}
