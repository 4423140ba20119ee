//! Formats: the plan a club follows (themes and lengths of its meetings, seats,
//! compensation): the shipped templates and an organisation's own.

use crate::Caller;
use crate::error::{Error, Result};
use crate::policy::{self, Action};
use klubi_domain::Invalid;
use klubi_domain::formats::{FormatSpec, PlannedMeeting, Theme, parse_time_of_day};
use klubi_domain::people::Language;

pub use klubi_db::formats::Format;

/// A format as typed, before checks.
#[derive(Debug, Clone, Default)]
pub struct FormatInput {
    pub name: String,
    pub description: String,
    pub capacity: i64,
    pub min_attendance: i64,
    pub facilitators: i64,
    pub compensation_cents: Option<i64>,
    pub default_start_time: String,
    /// (theme key, title, duration in minutes).
    pub meetings: Vec<(String, Option<String>, i64)>,
}

fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0).min(100_000)
}

/// Every broken rule of a typed format at once, or the spec to store.
pub fn parse_format(f: FormatInput) -> Result<FormatSpec, Invalid> {
    let mut inv = Invalid::default();
    let start = inv.check(
        "default_start_time",
        parse_time_of_day(&f.default_start_time),
    );
    let mut meetings = Vec::new();
    for (i, (theme, title, minutes)) in f.meetings.iter().enumerate() {
        // An unknown theme still holds its place, so later fields keep their index.
        let theme = inv
            .check(&format!("meetings[{i}].theme"), theme.parse::<Theme>())
            .unwrap_or(Theme::Cv);
        meetings.push(PlannedMeeting {
            theme,
            title: title
                .as_ref()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            duration_minutes: small(*minutes),
        });
    }
    let spec = FormatSpec {
        name: f.name,
        description: f.description,
        default_start_time: start.unwrap_or(jiff::civil::time(9, 0, 0, 0)),
        capacity: small(f.capacity),
        min_attendance: u32::try_from(f.min_attendance).unwrap_or(u32::MAX),
        meetings,
        compensation_cents_per_meeting: f.compensation_cents,
        facilitators: small(f.facilitators),
    };
    match spec.validate() {
        Ok(spec) if inv.is_empty() => Ok(spec),
        Ok(_) => Err(inv),
        Err(more) => {
            inv.0.extend(more.0);
            Err(inv)
        }
    }
}

/// A format's name in the reader's language: the templates' come from the
/// catalogue, an organisation's own are as they were typed.
pub fn name(lang: Language, f: &Format) -> String {
    match &f.template_key {
        Some(k) => crate::i18n::t(lang, &format!("format-template-{k}")),
        None => f.name.clone(),
    }
}

/// A format's description in the reader's language (see [`name`]).
pub fn description(lang: Language, f: &Format) -> String {
    match &f.template_key {
        Some(k) => crate::i18n::t(lang, &format!("format-template-{k}-description")),
        None => f.description.clone(),
    }
}

/// A stored format as a spec (templates with their names in `lang`).
pub fn spec_of(lang: Language, f: &Format) -> FormatSpec {
    FormatSpec {
        name: name(lang, f),
        description: description(lang, f),
        default_start_time: parse_time_of_day(&f.default_start_time)
            .unwrap_or(jiff::civil::time(9, 0, 0, 0)),
        capacity: small(f.capacity),
        min_attendance: small(f.min_attendance),
        meetings: f.meetings.clone(),
        compensation_cents_per_meeting: f.compensation_cents,
        facilitators: small(f.facilitators),
    }
}

/// The caller's organisation, once the policy allows them to plan clubs in it
/// (make formats and groups): else 403, or 404 for a participant.
pub(crate) fn planner_org(cx: &Caller) -> Result<String> {
    let a = cx.actor()?;
    let Some(org) = a.user.organisation_id.clone() else {
        // Staff without an organisation may see the staff area but plan nothing.
        policy::require(a, Action::UseStaffArea)?;
        return Err(Error::Forbidden);
    };
    policy::require(
        a,
        Action::PlanClubs {
            organisation_id: &org,
        },
    )?;
    Ok(org)
}

/// Whether the caller may plan clubs (pages show the "new" links then).
pub(crate) fn may_plan(cx: &Caller) -> bool {
    planner_org(cx).is_ok()
}

/// A format the caller may see, else 404.
pub(crate) async fn visible(cx: &Caller, id: &str) -> Result<Format> {
    let f = klubi_db::formats::get(cx.db(), id).await?;
    policy::require(
        cx.actor()?,
        Action::ViewFormat {
            organisation_id: f.organisation_id.as_deref(),
        },
    )?;
    Ok(f)
}

/// An organisation's own format that the caller may edit: templates are
/// read-only (403).
async fn editable(cx: &Caller, id: &str) -> Result<(Format, String)> {
    let f = visible(cx, id).await?;
    let org = f.organisation_id.clone().ok_or(Error::Forbidden)?;
    policy::require(
        cx.actor()?,
        Action::PlanClubs {
            organisation_id: &org,
        },
    )?;
    Ok((f, org))
}

/// A page of formats and whether the caller may make new ones.
pub struct FormatList {
    pub items: Vec<Format>,
    /// The sort key of the last item, when there are more after it.
    pub next: Option<String>,
    pub may_plan: bool,
}

/// The formats the caller may use: the shipped templates first, then their
/// organisation's own (every organisation's for an admin); staff only.
pub async fn list(cx: &Caller, after: Option<&str>, limit: i64) -> Result<FormatList> {
    let a = cx.actor()?;
    policy::require(a, Action::UseStaffArea)?;
    let scope = policy::organisation_scope(a);
    let rows = klubi_db::formats::list(cx.db(), scope.as_deref(), after, limit + 1).await?;
    let (items, next) = crate::groups::page(rows, limit, klubi_db::formats::sort_key);
    Ok(FormatList {
        items,
        next,
        may_plan: may_plan(cx),
    })
}

/// One format as its page shows it.
pub struct FormatView {
    pub format: Format,
    /// The caller may edit it (an organisation's own, its coordinator).
    pub editable: bool,
    /// The caller may make formats (and copy this one).
    pub may_plan: bool,
}

/// A format the caller may see (else 404).
pub async fn get(cx: &Caller, id: &str) -> Result<FormatView> {
    let format = visible(cx, id).await?;
    let a = cx.actor()?;
    let editable = format
        .organisation_id
        .as_deref()
        .is_some_and(|o| policy::allows(a, Action::PlanClubs { organisation_id: o }));
    Ok(FormatView {
        format,
        editable,
        may_plan: may_plan(cx),
    })
}

/// The new-format form: for the coordinators of an organisation (403, or 404
/// for a participant).
pub fn new_form(cx: &Caller) -> Result<()> {
    planner_org(cx).map(|_| ())
}

/// A format for its edit form: an organisation's own, for its coordinators.
pub async fn edit_form(cx: &Caller, id: &str) -> Result<Format> {
    Ok(editable(cx, id).await?.0)
}

/// Makes a format in the caller's organisation (its coordinators).
pub async fn create(cx: &Caller, input: FormatInput) -> Result<Format> {
    let org = planner_org(cx)?;
    let spec = parse_format(input)?;
    let mut tx = cx.db().begin().await?;
    let f = klubi_db::formats::create(&mut tx, &cx.ctx(), &org, &spec, None).await?;
    klubi_db::commit(tx).await?;
    Ok(f)
}

/// Replaces an organisation's own format. Templates are read-only (403);
/// groups made from the format keep their own copy of the plan.
pub async fn update(cx: &Caller, id: &str, input: FormatInput) -> Result<Format> {
    let (f, org) = editable(cx, id).await?;
    let spec = parse_format(input)?;
    let mut tx = cx.db().begin().await?;
    let f = klubi_db::formats::update(&mut tx, &cx.ctx(), &f.id, &org, &spec).await?;
    klubi_db::commit(tx).await?;
    Ok(f)
}

/// A copy of any visible format (a template, typically) into the caller's organisation.
pub async fn copy(cx: &Caller, id: &str) -> Result<Format> {
    let f = visible(cx, id).await?;
    let org = planner_org(cx)?;
    let spec = spec_of(cx.lang, &f);
    let mut tx = cx.db().begin().await?;
    let copy = klubi_db::formats::create(&mut tx, &cx.ctx(), &org, &spec, Some(&f.id)).await?;
    klubi_db::commit(tx).await?;
    Ok(copy)
}
