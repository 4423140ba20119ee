//! Compensation: a group's rates, its payment report (live, or an approved
//! snapshot that locks the marks), approval and reopening, its versions, the
//! spreadsheets, a participant's own statement and an organisation's month.

use crate::Caller;
use crate::error::{Error, Result};
use crate::i18n::{self, rfc3339};
use crate::policy::{self, Action};
use klubi_db::attendance::{self as marks, MarkRow};
use klubi_db::compensation as comp;
use klubi_db::groups::GroupDetail;
use klubi_db::meetings::Meeting;
use klubi_db::referrals::RosterEntry;
use klubi_domain::Invalid;
use klubi_domain::compensation::{self as money, Attended, Rates};
use klubi_domain::month::{self, MonthRow as DomainMonthRow, local_day};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// An approved version of a group's payment report (its snapshot is read
/// through [`SnapshotV1`]).
pub use klubi_db::compensation::Report;

/// A rate and the date it holds from.
#[derive(Debug, Clone)]
pub struct RateOut {
    /// `None` for the group's own rate (before any change).
    pub effective_from: Option<String>,
    pub rate_cents: Option<i64>,
}

/// One participant's line of a payment report.
#[derive(Debug, Clone)]
pub struct LineOut {
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// The lines and total: computed from the marks, or an approved snapshot.
#[derive(Debug, Clone)]
pub struct Statement {
    pub group_id: String,
    /// The rate in force today (cents per attended meeting; `None`: none).
    pub rate_cents: Option<i64>,
    pub rates: Vec<RateOut>,
    pub lines: Vec<LineOut>,
    pub total_cents: i64,
}

/// The payment report as shown: the statement and whether (by whom, when)
/// it is approved.
#[derive(Debug, Clone)]
pub struct Compensation {
    pub statement: Statement,
    pub approved: bool,
    pub version: Option<i64>,
    pub approved_at: Option<String>,
    pub approved_by: Option<String>,
    pub approved_by_name: Option<String>,
}

// ---------------------------------------------------------------- the stored snapshot

/// An approved statement as stored in `compensation_reports.snapshot` (JSON),
/// version 1: the field names are those of every row written so far, so they
/// must not change. A different shape would be a `SnapshotV2`, read by trying
/// it first and falling back to this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotV1 {
    pub group_id: String,
    pub rate_cents: Option<i64>,
    pub rates: Vec<SnapshotRateV1>,
    pub lines: Vec<SnapshotLineV1>,
    pub total_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotRateV1 {
    pub effective_from: Option<String>,
    pub rate_cents: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotLineV1 {
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

impl From<&Statement> for SnapshotV1 {
    fn from(s: &Statement) -> Self {
        SnapshotV1 {
            group_id: s.group_id.clone(),
            rate_cents: s.rate_cents,
            rates: s
                .rates
                .iter()
                .map(|r| SnapshotRateV1 {
                    effective_from: r.effective_from.clone(),
                    rate_cents: r.rate_cents,
                })
                .collect(),
            lines: s
                .lines
                .iter()
                .map(|l| SnapshotLineV1 {
                    participant_id: l.participant_id.clone(),
                    name: l.name.clone(),
                    attended_meetings: l.attended_meetings,
                    amount_cents: l.amount_cents,
                })
                .collect(),
            total_cents: s.total_cents,
        }
    }
}

impl From<SnapshotV1> for Statement {
    fn from(s: SnapshotV1) -> Self {
        Statement {
            group_id: s.group_id,
            rate_cents: s.rate_cents,
            rates: s
                .rates
                .into_iter()
                .map(|r| RateOut {
                    effective_from: r.effective_from,
                    rate_cents: r.rate_cents,
                })
                .collect(),
            lines: s
                .lines
                .into_iter()
                .map(|l| LineOut {
                    participant_id: l.participant_id,
                    name: l.name,
                    attended_meetings: l.attended_meetings,
                    amount_cents: l.amount_cents,
                })
                .collect(),
            total_cents: s.total_cents,
        }
    }
}

impl SnapshotV1 {
    pub fn to_json(&self) -> Result<serde_json::Value> {
        serde_json::to_value(self).map_err(|e| Error::Internal(format!("snapshot: {e}")))
    }

    pub fn from_json(v: &serde_json::Value) -> Result<SnapshotV1> {
        SnapshotV1::deserialize(v)
            .map_err(|e| Error::Internal(format!("compensation snapshot: {e}")))
    }
}

// ---------------------------------------------------------------- computing

async fn rates_of(cx: &Caller, g: &GroupDetail) -> Result<(Rates, Vec<RateOut>)> {
    let rows = comp::rates(cx.db(), &g.group.id).await?;
    Ok(rates_from(g.group.compensation_cents, rows))
}

/// A date as stored for a rate change; one that does not parse is left out.
fn change_day(d: &str) -> Option<jiff::civil::Date> {
    d.parse::<jiff::civil::Date>().ok()
}

fn rates_from(base: Option<i64>, rows: Vec<(String, Option<i64>)>) -> (Rates, Vec<RateOut>) {
    let mut out = vec![RateOut {
        effective_from: None,
        rate_cents: base,
    }];
    let mut changes = Vec::new();
    for (d, r) in rows {
        if let Some(day) = change_day(&d) {
            changes.push((day, r));
        }
        out.push(RateOut {
            effective_from: Some(d),
            rate_cents: r,
        });
    }
    (Rates::new(base, changes), out)
}

/// Everyone on the group's roster, its meetings and their marks: what the
/// payment report and the group report are computed from.
pub(crate) struct GroupMarks {
    pub roster: Vec<RosterEntry>,
    pub meetings: Vec<Meeting>,
    pub rows: Vec<MarkRow>,
}

pub(crate) async fn group_marks(cx: &Caller, g: &GroupDetail) -> Result<GroupMarks> {
    let roster = klubi_db::referrals::roster(cx.db(), &g.group.id).await?;
    let meetings = klubi_db::meetings::list_for_group(cx.db(), &g.group.id, None, 10_000).await?;
    let rows = marks::for_group(cx.db(), &g.group.id).await?;
    Ok(GroupMarks {
        roster,
        meetings,
        rows,
    })
}

/// The Helsinki date of a unix second.
fn day_of(ts: i64) -> jiff::civil::Date {
    local_day(ts, &i18n::tz())
}

fn statement_of(
    group_id: &str,
    rates: &Rates,
    rate_out: Vec<RateOut>,
    gm: &GroupMarks,
    today: jiff::civil::Date,
) -> Statement {
    let day: HashMap<&str, jiff::civil::Date> = gm
        .meetings
        .iter()
        .map(|m| (m.id.as_str(), day_of(m.starts_at)))
        .collect();
    let names: HashMap<&str, &str> = gm
        .roster
        .iter()
        .map(|e| (e.participant_id.as_str(), e.name.as_str()))
        .collect();
    let people: Vec<String> = gm
        .roster
        .iter()
        .filter(|e| e.status == "enrolled")
        .map(|e| e.participant_id.clone())
        .collect();
    let attended = gm.rows.iter().filter_map(|r| {
        Some(Attended {
            participant: r.participant_id.clone(),
            day: *day.get(r.meeting_id.as_str())?,
            mark: r.status?,
        })
    });
    let lines = money::lines(rates, &people, attended);
    let total_cents = money::total(&lines);
    Statement {
        group_id: group_id.to_string(),
        rate_cents: rates.on(today),
        rates: rate_out,
        lines: lines
            .into_iter()
            .map(|l| LineOut {
                name: names
                    .get(l.participant.as_str())
                    .map_or_else(|| "–".to_string(), |n| (*n).to_string()),
                participant_id: l.participant,
                attended_meetings: l.attended_meetings,
                amount_cents: l.amount_cents,
            })
            .collect(),
        total_cents,
    }
}

fn from_report(r: &Report) -> Result<Compensation> {
    let statement = SnapshotV1::from_json(&r.snapshot)?.into();
    Ok(Compensation {
        statement,
        approved: r.reopened_at.is_none(),
        version: Some(r.version),
        approved_at: Some(rfc3339(r.approved_at)),
        approved_by: Some(r.approved_by.clone()),
        approved_by_name: Some(r.approved_by_name.clone()),
    })
}

/// The payment report: the approved snapshot while one locks the group,
/// otherwise computed from the marks now.
async fn compensation_of(cx: &Caller, g: &GroupDetail) -> Result<Compensation> {
    if let Some(r) = comp::locking(cx.db(), &g.group.id).await? {
        return from_report(&r);
    }
    let (rates, out) = rates_of(cx, g).await?;
    let gm = group_marks(cx, g).await?;
    Ok(Compensation {
        statement: statement_of(&g.group.id, &rates, out, &gm, day_of(cx.now)),
        approved: false,
        version: None,
        approved_at: None,
        approved_by: None,
        approved_by_name: None,
    })
}

/// The group report's compensation figure: the approved total while a
/// version locks the group (and `true`), otherwise the total computed from
/// `gm`, the marks the report counts.
pub(crate) async fn total_for_report(
    cx: &Caller,
    g: &GroupDetail,
    gm: &GroupMarks,
) -> Result<(i64, bool)> {
    Ok(match comp::locking(cx.db(), &g.group.id).await? {
        Some(r) => (from_report(&r)?.statement.total_cents, true),
        None => {
            let (rates, out) = rates_of(cx, g).await?;
            let s = statement_of(&g.group.id, &rates, out, gm, day_of(cx.now));
            (s.total_cents, false)
        }
    })
}

// ---------------------------------------------------------------- a group's report

/// A group the caller manages compensation of: its coordinators (403/404 otherwise).
async fn managed_group(cx: &Caller, group_id: &str) -> Result<GroupDetail> {
    let g = crate::groups::visible_group(cx, group_id).await?;
    policy::require(cx.actor()?, Action::ManageCompensation { group: &g })?;
    Ok(g)
}

/// A group's payment report with its approved versions.
pub struct GroupCompensation {
    pub group: GroupDetail,
    pub current: Compensation,
    /// Newest first.
    pub versions: Vec<Report>,
}

/// The payment report alone (the approved snapshot while one locks the
/// group): the group's coordinators. What the API shows.
pub async fn statement(cx: &Caller, group_id: &str) -> Result<Compensation> {
    let g = managed_group(cx, group_id).await?;
    compensation_of(cx, &g).await
}

/// The payment report (the approved snapshot while one locks the group) and
/// every approved version: the group's coordinators. What the page shows.
pub async fn compensation(cx: &Caller, group_id: &str) -> Result<GroupCompensation> {
    let g = managed_group(cx, group_id).await?;
    let current = compensation_of(cx, &g).await?;
    let versions = comp::versions(cx.db(), &g.group.id).await?;
    Ok(GroupCompensation {
        group: g,
        current,
        versions,
    })
}

/// A rate from a date on (`None`: no compensation from then); refused (409)
/// while an approved version locks the group. Returns the report after it.
pub async fn set_rate(
    cx: &Caller,
    group_id: &str,
    effective_from: &str,
    rate_cents: Option<i64>,
) -> Result<Compensation> {
    let g = managed_group(cx, group_id).await?;
    let mut errors = Invalid::default();
    let day = klubi_domain::schedule::parse_date(effective_from)
        .map_err(|k| errors.push("effective_from", k))
        .ok();
    let rate = money::parse_rate(rate_cents)
        .map_err(|k| errors.push("rate_cents", k))
        .ok();
    errors.into_result()?;
    let (Some(day), Some(rate)) = (day, rate) else {
        return Err(Error::Internal("parsed rate missing".into()));
    };
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if comp::locked_in(&mut tx, &g.group.id).await?.is_some() {
        return Err(Error::Conflict("error-compensation-locked"));
    }
    comp::set_rate(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        &day.to_string(),
        rate,
    )
    .await?;
    klubi_db::commit(tx).await?;
    compensation_of(cx, &g).await
}

/// Removes the rate change of a date (404 when there is none).
pub async fn remove_rate(cx: &Caller, group_id: &str, effective_from: &str) -> Result<()> {
    let g = managed_group(cx, group_id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if comp::locked_in(&mut tx, &g.group.id).await?.is_some() {
        return Err(Error::Conflict("error-compensation-locked"));
    }
    if !comp::remove_rate(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        effective_from,
    )
    .await?
    {
        return Err(Error::NotFound);
    }
    klubi_db::commit(tx).await?;
    Ok(())
}

/// Approves the report as it stands: the snapshot is computed inside the
/// transaction that holds the group's lock, so no mark can come between.
pub async fn approve(cx: &Caller, group_id: &str) -> Result<Compensation> {
    let g = managed_group(cx, group_id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    approve_in(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        g.group.compensation_cents,
    )
    .await?;
    klubi_db::commit(tx).await?;
    compensation_of(cx, &g).await
}

/// The approval itself, in a transaction that holds the group's lock: the
/// statement is computed from what that transaction reads, so no mark can
/// come between the figures and the lock. Returns the version.
pub async fn approve_in(
    tx: &mut klubi_db::Tx,
    ctx: &klubi_db::Ctx,
    group_id: &str,
    organisation_id: &str,
    base_rate: Option<i64>,
) -> Result<i64> {
    if let Some(v) = comp::locked_in(tx, group_id).await? {
        return Err(already_approved(v));
    }
    let (rates, out) = rates_from(base_rate, comp::rates_in(tx, group_id).await?);
    let gm = GroupMarks {
        roster: klubi_db::referrals::roster_in(tx, group_id).await?,
        meetings: klubi_db::meetings::list_for_group_in(tx, group_id).await?,
        rows: marks::for_group_in(tx, group_id).await?,
    };
    let statement = statement_of(group_id, &rates, out, &gm, day_of(ctx.now));
    let snapshot = SnapshotV1::from(&statement).to_json()?;
    comp::approve(
        tx,
        ctx,
        group_id,
        organisation_id,
        &snapshot,
        statement.total_cents,
    )
    .await?
    .map_err(already_approved)
}

fn already_approved(version: i64) -> Error {
    Error::ConflictWith(
        "error-compensation-approved",
        vec![("version", version.to_string())],
    )
}

/// Reopens the approved report for a correction, with a reason; the version
/// stays readable. Returns the report after it.
pub async fn reopen(cx: &Caller, group_id: &str, reason: &str) -> Result<Compensation> {
    let g = managed_group(cx, group_id).await?;
    let reason =
        klubi_domain::meetings::parse_reason(reason).map_err(|k| Invalid::one("reason", k))?;
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &g.group.id).await?;
    if comp::reopen(
        &mut tx,
        &cx.ctx(),
        &g.group.id,
        &g.group.organisation_id,
        &reason,
    )
    .await?
    .is_none()
    {
        return Err(Error::Conflict("error-compensation-not-approved"));
    }
    klubi_db::commit(tx).await?;
    compensation_of(cx, &g).await
}

/// Every approved version of the group's report, newest first.
pub async fn versions(cx: &Caller, group_id: &str) -> Result<Vec<Report>> {
    let g = managed_group(cx, group_id).await?;
    Ok(comp::versions(cx.db(), &g.group.id).await?)
}

// ---------------------------------------------------------------- spreadsheets

/// Records that the caller took personal data out as a spreadsheet (as the
/// roster's export does): what, of which group or organisation, how many rows.
async fn record_export(
    cx: &Caller,
    entity_type: &str,
    entity_id: &str,
    organisation_id: &str,
    details: serde_json::Value,
) -> Result<()> {
    let mut tx = cx.db().begin().await?;
    klubi_db::audit::record(
        &mut tx,
        &cx.ctx(),
        klubi_db::audit::Entry {
            action: "compensation.export",
            entity_type,
            entity_id,
            organisation_id: Some(organisation_id),
            details,
        },
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// A group's payment report (live or its locking snapshot) as CSV, audited.
pub async fn compensation_csv(cx: &Caller, group_id: &str) -> Result<Vec<u8>> {
    let g = managed_group(cx, group_id).await?;
    let c = compensation_of(cx, &g).await?;
    csv_export(cx, &g, &c).await
}

/// One approved version of a group's payment report as CSV, audited.
pub async fn version_csv(cx: &Caller, group_id: &str, version: i64) -> Result<Vec<u8>> {
    let g = managed_group(cx, group_id).await?;
    let r = comp::version(cx.db(), &g.group.id, version).await?;
    let c = from_report(&r)?;
    csv_export(cx, &g, &c).await
}

async fn csv_export(cx: &Caller, g: &GroupDetail, c: &Compensation) -> Result<Vec<u8>> {
    let body = csv(cx, c)?;
    record_export(
        cx,
        "group",
        &g.group.id,
        &g.group.organisation_id,
        serde_json::json!({ "version": c.version, "rows": c.statement.lines.len() }),
    )
    .await?;
    Ok(body)
}

/// The columns of a payment line, in every payment spreadsheet.
const PAYMENT_COLUMNS: [&str; 5] = [
    "compensation-csv-name",
    "compensation-csv-id",
    "compensation-csv-meetings",
    "compensation-csv-euros",
    "compensation-csv-cents",
];

/// A payment line's cells for [`PAYMENT_COLUMNS`]: euros with a comma, and cents.
fn payment_cells(name: &str, participant_id: &str, meetings: u32, cents: i64) -> Vec<String> {
    vec![
        name.to_string(),
        participant_id.to_string(),
        meetings.to_string(),
        money::euros_cell(cents),
        cents.to_string(),
    ]
}

/// The payment report as a spreadsheet: UTF-8 with a BOM (Excel reads ä/ö/å
/// right), `;` between cells, euros with a comma and cents, every text cell
/// safe from formula injection.
fn csv(cx: &Caller, c: &Compensation) -> Result<Vec<u8>> {
    crate::spreadsheet::file(
        &PAYMENT_COLUMNS.map(|k| cx.t(k)),
        c.statement.lines.iter().map(|l| {
            payment_cells(
                &l.name,
                &l.participant_id,
                l.attended_meetings,
                l.amount_cents,
            )
        }),
    )
}

// ---------------------------------------------------------------- participant's own

/// A participant's own statement per group.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MyCompensation {
    pub group_id: String,
    pub group_name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
    pub approved: bool,
}

/// The caller's own compensation in each of their groups: participants (404 for staff).
pub async fn my_compensation(cx: &Caller) -> Result<Vec<MyCompensation>> {
    let a = cx.actor()?;
    policy::require(a, Action::OwnAttendance)?;
    let mut out = Vec::new();
    for mg in klubi_db::referrals::groups_of_participant(cx.db(), &a.user.id).await? {
        let g = klubi_db::groups::get(cx.db(), &mg.group_id, cx.now).await?;
        let c = compensation_of(cx, &g).await?;
        let line = c
            .statement
            .lines
            .iter()
            .find(|l| l.participant_id == a.user.id);
        out.push(MyCompensation {
            group_id: g.group.id.clone(),
            group_name: g.group.name.clone(),
            attended_meetings: line.map_or(0, |l| l.attended_meetings),
            amount_cents: line.map_or(0, |l| l.amount_cents),
            approved: c.approved,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- an organisation's month

#[derive(Debug, Clone)]
pub struct MonthLine {
    pub group_id: String,
    pub group_name: String,
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// Every group's compensation lines for the meetings of one month (computed
/// from the marks; a group's own approved report covers the whole group).
#[derive(Debug, Clone)]
pub struct OrganisationMonth {
    pub organisation_id: String,
    /// `YYYY-MM`.
    pub month: String,
    pub lines: Vec<MonthLine>,
    pub total_cents: i64,
}

/// `YYYY-MM` → its first day and the next month's, or a field error.
pub fn parse_month(s: &str) -> Result<(jiff::civil::Date, jiff::civil::Date), &'static str> {
    let (y, m) = s.trim().split_once('-').ok_or("error-month-invalid")?;
    let y: i16 = y.parse().map_err(|_| "error-month-invalid")?;
    let m: i8 = m.parse().map_err(|_| "error-month-invalid")?;
    if !(2000..=2100).contains(&y) {
        return Err("error-month-invalid");
    }
    let first = jiff::civil::Date::new(y, m, 1).map_err(|_| "error-month-invalid")?;
    let next = first
        .checked_add(jiff::Span::new().months(1))
        .map_err(|_| "error-month-invalid")?;
    Ok((first, next))
}

/// The month (`YYYY-MM`) of a unix second in Helsinki.
pub fn month_of(ts: i64) -> String {
    day_of(ts).strftime("%Y-%m").to_string()
}

/// The organisation's month (`YYYY-MM`): its coordinators.
pub async fn organisation_month(
    cx: &Caller,
    organisation_id: &str,
    month_s: &str,
) -> Result<OrganisationMonth> {
    let a = cx.actor()?;
    klubi_db::organisations::get(cx.db(), organisation_id).await?;
    policy::require(a, Action::PlanClubs { organisation_id })?;
    let (first, next) = parse_month(month_s).map_err(|k| Invalid::one("month", k))?;
    let tz = i18n::tz();
    let at = |d: jiff::civil::Date| {
        d.to_zoned(tz.clone())
            .map(|z| z.timestamp().as_second())
            .map_err(|_| Error::Invalid(Invalid::one("month", "error-month-invalid")))
    };
    let rows = comp::month_rows(cx.db(), organisation_id, at(first)?, at(next)?).await?;
    // Rate changes are read only for the groups that have them.
    let changes = if rows.iter().any(|r| r.rate_changes) {
        comp::rates_of_organisation(cx.db(), organisation_id).await?
    } else {
        HashMap::new()
    };
    let changes: HashMap<String, Vec<(jiff::civil::Date, Option<i64>)>> = changes
        .into_iter()
        .map(|(g, cs)| {
            let cs = cs
                .into_iter()
                .filter_map(|(d, r)| Some((change_day(&d)?, r)))
                .collect();
            (g, cs)
        })
        .collect();
    let rows: Vec<DomainMonthRow> = rows
        .into_iter()
        .map(|r| DomainMonthRow {
            group_id: r.group_id,
            group_name: r.group_name,
            base_rate: r.base_rate,
            participant_id: r.participant_id,
            participant_name: r.participant_name,
            starts_at: r.starts_at,
            count: u32::try_from(r.count).unwrap_or(0),
        })
        .collect();
    let m = month::organisation_month(rows, &changes, &tz);
    Ok(OrganisationMonth {
        organisation_id: organisation_id.to_string(),
        month: first.strftime("%Y-%m").to_string(),
        lines: m
            .lines
            .into_iter()
            .map(|l| MonthLine {
                group_id: l.group_id,
                group_name: l.group_name,
                participant_id: l.participant_id,
                name: l.name,
                attended_meetings: l.attended_meetings,
                amount_cents: l.amount_cents,
            })
            .collect(),
        total_cents: m.total_cents,
    })
}

/// An organisation's month as a spreadsheet.
pub struct MonthCsv {
    /// `YYYY-MM`, as the file's name should say it.
    pub month: String,
    pub body: Vec<u8>,
}

/// [`organisation_month`] as CSV, audited.
pub async fn month_csv(cx: &Caller, organisation_id: &str, month_s: &str) -> Result<MonthCsv> {
    let m = organisation_month(cx, organisation_id, month_s).await?;
    let header: Vec<String> = std::iter::once("compensation-csv-group")
        .chain(PAYMENT_COLUMNS)
        .map(|k| cx.t(k))
        .collect();
    let body = crate::spreadsheet::file(
        &header,
        m.lines.iter().map(|l| {
            let mut cells = vec![l.group_name.clone()];
            cells.extend(payment_cells(
                &l.name,
                &l.participant_id,
                l.attended_meetings,
                l.amount_cents,
            ));
            cells
        }),
    )?;
    record_export(
        cx,
        "organisation",
        &m.organisation_id,
        &m.organisation_id,
        serde_json::json!({ "month": m.month, "rows": m.lines.len() }),
    )
    .await?;
    Ok(MonthCsv {
        month: m.month,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A snapshot as approvals have stored it: it still reads, and writes
    /// back the same JSON.
    #[test]
    fn stored_snapshots_read_and_write_back_unchanged() {
        let stored = serde_json::json!({
            "group_id": "g1",
            "rate_cents": 900,
            "rates": [
                {"effective_from": null, "rate_cents": 900},
                {"effective_from": "2026-03-15", "rate_cents": null}
            ],
            "lines": [
                {"participant_id": "p1", "name": "Äijä; =1+1", "attended_meetings": 3, "amount_cents": 2700}
            ],
            "total_cents": 2700
        });
        let s: Statement = SnapshotV1::from_json(&stored).unwrap().into();
        assert_eq!(s.total_cents, 2700);
        assert_eq!(s.rates[1].effective_from.as_deref(), Some("2026-03-15"));
        assert_eq!(s.lines[0].name, "Äijä; =1+1");
        assert_eq!(SnapshotV1::from(&s).to_json().unwrap(), stored);
    }
}
