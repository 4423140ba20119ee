//! Groups: one run of a format by an organisation, with partner organisations
//! and facilitators, its seats and its status; who sees which, and the group page.

use crate::Caller;
use crate::error::{Error, Result};
use crate::formats::planner_org;
use crate::policy::{self, Action, RosterScope};
use klubi_db::groups::{GroupChange, NewGroup};
use klubi_domain::Invalid;
use klubi_domain::groups::{
    GroupStatus, check_capacity, check_status, parse_capacity, parse_texts,
};
use std::collections::BTreeSet;
use std::sync::Arc;

pub use klubi_db::groups::{Group, GroupDetail};
pub use klubi_db::meetings::Meeting;
pub use klubi_db::referrals::RosterEntry;

/// One page of `rows` fetched with `limit + 1`: the extra row only tells that
/// there is more, and the last kept row's `key` is where the next page starts.
pub(crate) fn page<T>(
    mut rows: Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(0);
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(key);
        (rows, next)
    } else {
        (rows, None)
    }
}

/// A group the caller may see (else 404): staff involved in it, or a
/// participant enrolled in it.
pub async fn visible_group(cx: &Caller, id: &str) -> Result<GroupDetail> {
    let a = cx.actor()?;
    let g = klubi_db::groups::get(cx.db(), id, cx.now).await?;
    // Only a participant can be enrolled (staff never are): ask only for them.
    let enrolled = !policy::allows(a, Action::UseStaffArea)
        && klubi_db::groups::is_enrolled(cx.db(), id, &a.user.id).await?;
    policy::require(
        a,
        Action::ViewGroup {
            group: &g,
            enrolled,
        },
    )?;
    Ok(g)
}

/// [`visible_group`] for staff, with the group's whole roster read in the same
/// round trip; what of it the caller is shown is decided by the caller.
async fn visible_with_roster(cx: &Caller, id: &str) -> Result<(GroupDetail, Vec<RosterEntry>)> {
    let a = cx.actor()?;
    // Only staff may ever see a roster, so only theirs is read.
    if !policy::allows(a, Action::UseStaffArea) {
        return Ok((visible_group(cx, id).await?, Vec::new()));
    }
    let (g, roster) = klubi_db::groups::get_with_roster(cx.db(), id, cx.now).await?;
    policy::require(
        a,
        Action::ViewGroup {
            group: &g,
            enrolled: false,
        },
    )?;
    Ok((g, roster))
}

/// Which groups to list: `None` for any.
#[derive(Debug, Clone, Default)]
pub struct GroupFilter {
    /// A status (`planned`, `open`, …); another word is refused (422).
    pub status: Option<String>,
    /// Groups this organisation owns or partners in.
    pub organisation_id: Option<String>,
    /// Only groups the caller facilitates or created.
    pub mine: bool,
    /// The sort key last seen (the previous page's `next`).
    pub after: Option<String>,
}

/// A page of groups and whether the caller may make new ones.
pub struct GroupList {
    pub items: Vec<Group>,
    /// The sort key of the last item, when there are more after it.
    pub next: Option<String>,
    pub may_plan: bool,
}

/// The groups the caller is involved in, by name: every group for an admin,
/// else those their organisation owns or partners in and those they
/// facilitate. Staff only.
pub async fn list(cx: &Caller, filter: GroupFilter, limit: i64) -> Result<GroupList> {
    let a = cx.actor()?;
    policy::require(a, Action::UseStaffArea)?;
    if let Some(s) = filter.status.as_deref() {
        s.parse::<GroupStatus>()
            .map_err(|k| Invalid::one("status", k))?;
    }
    let scope = policy::organisation_scope(a);
    let viewer = klubi_db::groups::Viewer {
        organisation_id: scope.as_deref(),
        user_id: &a.user.id,
    };
    let db_filter = klubi_db::groups::Filter {
        status: filter.status,
        organisation_id: filter.organisation_id,
        mine_of: filter.mine.then(|| a.user.id.clone()),
        after: filter.after,
    };
    let rows = klubi_db::groups::list(cx.db(), &viewer, &db_filter, cx.now, limit + 1).await?;
    let (items, next) = page(rows, limit, klubi_db::groups::sort_key);
    Ok(GroupList {
        items,
        next,
        may_plan: crate::formats::may_plan(cx),
    })
}

/// The group list with what its filters offer.
pub struct GroupOverview {
    pub list: GroupList,
    /// The organisations a filter can name, (id, name) by name: every one for
    /// an admin, else the caller's own and its partners.
    pub organisations: Vec<(String, String)>,
}

/// [`list`] with the organisations its filter offers (the groups page).
pub async fn overview(cx: &Caller, filter: GroupFilter, limit: i64) -> Result<GroupOverview> {
    let list = list(cx, filter, limit).await?;
    let orgs = match policy::organisation_scope(cx.actor()?) {
        None => klubi_db::organisations::list(cx.db(), None, None, 1000).await?,
        Some(own) => klubi_db::organisations::list_with_partners(cx.db(), &own, None, 1000).await?,
    };
    Ok(GroupOverview {
        list,
        organisations: orgs.into_iter().map(|o| (o.id, o.name)).collect(),
    })
}

/// A group the caller may see, for the API: staff only (participants have
/// their own pages).
pub async fn get(cx: &Caller, id: &str) -> Result<GroupDetail> {
    let g = visible_group(cx, id).await?;
    policy::require(cx.actor()?, Action::UseStaffArea)?;
    Ok(g)
}

/// The group page: the group, its schedule, the roster as far as the caller
/// may see it, and what the caller may do there.
pub struct GroupPage {
    pub group: GroupDetail,
    /// Every meeting, in time order.
    pub meetings: Arc<Vec<Meeting>>,
    /// `None`: the caller sees no roster.
    pub roster: Option<Vec<RosterEntry>>,
    /// The whole roster (not only the caller's own clients).
    pub roster_all: bool,
    /// Cancelled or finished: the schedule no longer changes.
    pub closed: bool,
    pub may_manage: bool,
    /// Generate the schedule, add meetings (not in a closed group).
    pub may_schedule: bool,
    pub may_decide: bool,
    /// Refer someone (while the group takes referrals).
    pub may_refer: bool,
    /// Refer a participant to a specialist.
    pub may_refer_specialist: bool,
    pub may_report: bool,
    pub may_compensate: bool,
}

/// The group page (staff; 404 for anyone else).
pub async fn show(cx: &Caller, id: &str) -> Result<GroupPage> {
    let (g, all) = visible_with_roster(cx, id).await?;
    let a = cx.actor()?;
    policy::require(a, Action::UseStaffArea)?;
    let meetings = crate::meetings::schedule(cx, &g).await?;
    let scope = policy::roster_scope(a, &g);
    let roster = match scope {
        RosterScope::Nothing => None,
        _ => Some(crate::referrals::scoped_roster(cx, &g, all)?),
    };
    let status = g.group.status.parse::<GroupStatus>().ok();
    let closed = status.is_some_and(|s| s.is_closed());
    Ok(GroupPage {
        roster_all: scope == RosterScope::All,
        roster,
        meetings,
        closed,
        may_manage: policy::allows(a, Action::ManageGroup { group: &g }),
        may_schedule: policy::allows(a, Action::ManageMeetings { group: &g }) && !closed,
        may_decide: policy::allows(a, Action::DecideReferrals { group: &g }),
        may_refer: policy::allows(a, Action::Refer { group: &g })
            && klubi_domain::referrals::takes_referrals(status.unwrap_or(GroupStatus::Planned)),
        may_refer_specialist: policy::allows(a, Action::ReferToSpecialist { group: &g }),
        may_report: policy::allows(a, Action::ViewReport { group: &g }),
        may_compensate: policy::allows(a, Action::ManageCompensation { group: &g }),
        group: g,
    })
}

/// A group as typed, before checks. `compensation`: `None` takes the format's.
#[derive(Debug, Clone, Default)]
pub struct GroupInput {
    pub format_id: String,
    pub name: String,
    pub location: String,
    pub capacity: Option<i64>,
    pub facilitator_ids: Vec<String>,
    pub partner_ids: Vec<String>,
    pub compensation: Option<Option<i64>>,
    pub status: Option<String>,
}

/// What the new-group form offers.
pub struct NewGroupChoices {
    /// The formats the group may follow: the templates and the organisation's own.
    pub formats: Vec<crate::formats::Format>,
    /// Other organisations, which may partner, (id, name) by name.
    pub organisations: Vec<(String, String)>,
    /// The organisation's coaches, who may facilitate, (id, name) by name.
    pub coaches: Vec<(String, String)>,
}

/// The new-group form: for the coordinators of an organisation.
pub async fn new_form(cx: &Caller) -> Result<NewGroupChoices> {
    let own = planner_org(cx)?;
    let formats = klubi_db::formats::list(cx.db(), Some(&own), None, 500).await?;
    let orgs = klubi_db::organisations::list(cx.db(), None, None, 1000).await?;
    let coaches = klubi_db::groups::coaches_of(cx.db(), &[own.as_str()]).await?;
    Ok(NewGroupChoices {
        formats,
        organisations: orgs
            .into_iter()
            .filter(|o| o.id != own)
            .map(|o| (o.id, o.name))
            .collect(),
        coaches: coaches
            .into_iter()
            .map(|(id, name, _)| (id, name))
            .collect(),
    })
}

fn dedup(ids: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
        .collect()
}

fn check_compensation(inv: &mut Invalid, c: Option<i64>) {
    if let Some(c) = c
        && !(0..=klubi_domain::formats::MAX_COMPENSATION_CENTS).contains(&c)
    {
        inv.push(
            "compensation_cents_per_meeting",
            "error-format-compensation",
        );
    }
}

/// Partners must exist and not be the owner; facilitators must be active
/// coaches of the owner or a partner organisation.
async fn check_people(
    cx: &Caller,
    inv: &mut Invalid,
    owner: &str,
    partners: &[String],
    facilitators: &[String],
) -> Result<()> {
    for p in partners {
        match klubi_db::organisations::get(cx.db(), p).await {
            Ok(_) if p != owner => {}
            Ok(_) | Err(klubi_db::DbError::NotFound) => {
                inv.push("partner_organisation_ids", "error-partner-unknown");
                break;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if facilitators.is_empty() {
        return Ok(());
    }
    // Who may facilitate: the active coaches of these organisations.
    let mut pool: Vec<&str> = vec![owner];
    pool.extend(partners.iter().map(String::as_str));
    let coaches = klubi_db::groups::coaches_of(cx.db(), &pool).await?;
    if facilitators
        .iter()
        .any(|f| !coaches.iter().any(|(id, _, _)| id == f))
    {
        inv.push("facilitator_ids", "error-facilitator-not-allowed");
    }
    Ok(())
}

/// Makes a group from a format in the caller's organisation (its
/// coordinators); the group keeps its own copy of the format's plan.
pub async fn create(cx: &Caller, input: GroupInput) -> Result<GroupDetail> {
    let org = planner_org(cx)?;
    let mut inv = Invalid::default();
    let texts = match parse_texts(&input.name, &input.location) {
        Ok(t) => Some(t),
        Err(e) => {
            inv.0.extend(e.0);
            None
        }
    };
    let format = match klubi_db::formats::get(cx.db(), input.format_id.trim()).await {
        Ok(f)
            if policy::allows(
                cx.actor()?,
                Action::ViewFormat {
                    organisation_id: f.organisation_id.as_deref(),
                },
            ) =>
        {
            Some(f)
        }
        Ok(_) | Err(klubi_db::DbError::NotFound) => {
            inv.push("format_id", "error-format-unknown");
            None
        }
        Err(e) => return Err(e.into()),
    };
    let capacity = match input.capacity {
        Some(c) => inv.check("capacity", parse_capacity(c)).map(i64::from),
        None => format.as_ref().map(|f| f.capacity),
    };
    let compensation = match input.compensation {
        Some(c) => c,
        None => format.as_ref().and_then(|f| f.compensation_cents),
    };
    check_compensation(&mut inv, compensation);
    let status = match input.status.as_deref().map(str::trim) {
        None | Some("") => Some(GroupStatus::Open),
        Some(s) => match s.parse::<GroupStatus>() {
            Ok(s @ (GroupStatus::Planned | GroupStatus::Open)) => Some(s),
            Ok(_) => {
                inv.push("status", "error-group-status-new");
                None
            }
            Err(k) => {
                inv.push("status", k);
                None
            }
        },
    };
    let partners = dedup(&input.partner_ids);
    let facilitators = dedup(&input.facilitator_ids);
    check_people(cx, &mut inv, &org, &partners, &facilitators).await?;
    let (Some(texts), Some(format), Some(capacity), Some(status)) =
        (texts, format, capacity, status)
    else {
        return Err(inv.into());
    };
    inv.into_result()?;
    let mut tx = cx.db().begin().await?;
    let id = klubi_db::groups::create(
        &mut tx,
        &cx.ctx(),
        &NewGroup {
            organisation_id: &org,
            format_id: &format.id,
            name: &texts.name,
            location: &texts.location,
            capacity,
            min_attendance: format.min_attendance,
            compensation_cents: compensation,
            status: status.as_str(),
            default_start_time: &format.default_start_time,
            plan: &format.meetings,
            partner_ids: &partners,
            facilitator_ids: &facilitators,
        },
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(klubi_db::groups::get(cx.db(), &id, cx.now).await?)
}

/// What the edit form offers for a group.
pub struct GroupEditForm {
    pub group: GroupDetail,
    /// Organisations other than the owner, which may partner, (id, name) by name.
    pub organisations: Vec<(String, String)>,
    /// The coaches of the owner and its partners, who may facilitate, (id, name) by name.
    pub coaches: Vec<(String, String)>,
}

/// A group for its edit form: its organisation's coordinators.
pub async fn edit_form(cx: &Caller, id: &str) -> Result<GroupEditForm> {
    let g = visible_group(cx, id).await?;
    policy::require(cx.actor()?, Action::ManageGroup { group: &g })?;
    let orgs = klubi_db::organisations::list(cx.db(), None, None, 1000).await?;
    let mut pool: Vec<&str> = vec![g.group.organisation_id.as_str()];
    pool.extend(g.partner_ids());
    let coaches = klubi_db::groups::coaches_of(cx.db(), &pool).await?;
    Ok(GroupEditForm {
        organisations: orgs
            .into_iter()
            .filter(|o| o.id != g.group.organisation_id)
            .map(|o| (o.id, o.name))
            .collect(),
        coaches: coaches
            .into_iter()
            .map(|(id, name, _)| (id, name))
            .collect(),
        group: g,
    })
}

/// A change as typed; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct GroupUpdate {
    pub name: Option<String>,
    pub location: Option<String>,
    pub capacity: Option<i64>,
    pub compensation: Option<Option<i64>>,
    pub status: Option<String>,
    pub partner_ids: Option<Vec<String>>,
    pub facilitator_ids: Option<Vec<String>>,
}

/// Changes a group (its organisation's coordinators). Capacity never below
/// the enrolled and status forward only (409); more seats go to the waiting
/// list at once; the rate is frozen while a payment report is approved (409).
pub async fn update(cx: &Caller, id: &str, u: GroupUpdate) -> Result<GroupDetail> {
    let g = visible_group(cx, id).await?;
    policy::require(cx.actor()?, Action::ManageGroup { group: &g })?;
    let mut inv = Invalid::default();
    let current = &g.group;
    let texts = match parse_texts(
        u.name.as_deref().unwrap_or(&current.name),
        u.location.as_deref().unwrap_or(&current.location),
    ) {
        Ok(t) => Some(t),
        Err(e) => {
            inv.0.extend(e.0);
            None
        }
    };
    let capacity = u
        .capacity
        .and_then(|c| inv.check("capacity", parse_capacity(c)));
    let rate_changes = u
        .compensation
        .is_some_and(|c| c != current.compensation_cents);
    if let Some(c) = u.compensation {
        check_compensation(&mut inv, c);
    }
    let status = u
        .status
        .as_deref()
        .and_then(|s| inv.check("status", s.trim().parse::<GroupStatus>()));
    let partners = u.partner_ids.as_deref().map(dedup);
    let facilitators = u.facilitator_ids.as_deref().map(dedup);
    let final_partners = partners
        .clone()
        .unwrap_or_else(|| g.partner_ids().iter().map(|s| s.to_string()).collect());
    let final_facilitators = facilitators
        .clone()
        .unwrap_or_else(|| g.facilitator_ids().iter().map(|s| s.to_string()).collect());
    check_people(
        cx,
        &mut inv,
        &current.organisation_id,
        &final_partners,
        &final_facilitators,
    )
    .await?;
    inv.into_result()?;
    let Some(texts) = texts else {
        return Err(Error::Internal("texts parsed without errors".into()));
    };
    // Read before the transaction (see `referrals::meetings_of`), for the
    // mails to anyone a raised capacity seats.
    let meetings = if capacity.is_some() {
        crate::referrals::meetings_of(cx, &current.id).await?
    } else {
        vec![]
    };
    let mut tx = cx.db().begin().await?;
    klubi_db::groups::lock(&mut tx, &current.id).await?;
    // An approved payment report freezes the group's rate: checked under the
    // lock, so an approval and a change of rate are always in one order.
    if rate_changes
        && klubi_db::compensation::locked_in(&mut tx, &current.id)
            .await?
            .is_some()
    {
        return Err(Error::Conflict("error-compensation-locked"));
    }
    let now_status: GroupStatus = klubi_db::groups::status_in(&mut tx, &current.id)
        .await?
        .parse()
        .map_err(|_| Error::Internal("stored status".into()))?;
    if let Some(next) = status {
        check_status(now_status, next).map_err(|c| Error::Conflict(c.key()))?;
    }
    if let Some(c) = capacity {
        let enrolled = klubi_db::groups::enrolled_count(&mut tx, &current.id).await?;
        check_capacity(c, u32::try_from(enrolled).unwrap_or(u32::MAX))
            .map_err(|c| Error::Conflict(c.key()))?;
    }
    let change = GroupChange {
        name: Some(texts.name).filter(|n| *n != current.name),
        location: Some(texts.location).filter(|l| *l != current.location),
        capacity: capacity.map(i64::from),
        compensation_cents: u.compensation,
        status: status.map(|s| s.as_str().to_string()),
        partner_ids: partners,
        facilitator_ids: facilitators,
    };
    klubi_db::groups::update(
        &mut tx,
        &cx.ctx(),
        &current.id,
        &current.organisation_id,
        &change,
    )
    .await?;
    // More seats go to the waiting list at once, in its order.
    let final_status = status.unwrap_or(now_status);
    if capacity.is_some() && klubi_domain::referrals::takes_referrals(final_status) {
        let promoted = klubi_db::referrals::fill_seats(&mut tx, &cx.ctx(), &current.id).await?;
        crate::referrals::tell_promoted(cx, &mut tx, &g, &meetings, &promoted).await?;
    }
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(klubi_db::groups::get(cx.db(), &current.id, cx.now).await?)
}
