//! Internal referrals: a facilitating coach refers an enrolled participant to
//! a specialist of the partnership with the participant's consent; only the
//! three of them see it, every read of its reason or notes is audit-logged.

use crate::Caller;
use crate::error::{Error, Result};
use crate::policy::{self, Action};
use klubi_db::groups::GroupDetail;
use klubi_db::internal_referrals::{self as db, NewInternal};
use klubi_domain::Invalid;
use klubi_domain::referrals::{InternalStatus, InternalStep, parse_internal_reason, parse_session};

/// An internal referral as read, and one session the specialist held.
pub use klubi_db::internal_referrals::{InternalReferral, Session};

#[derive(Debug, Clone, Default)]
pub struct InternalDraft {
    pub group_id: String,
    pub participant_id: String,
    pub specialist_id: String,
    pub reason: String,
    pub consent: bool,
}

/// The specialists a coach of this group may refer to: of the coach's own
/// organisation, the group's owner and its partners.
pub async fn candidates(cx: &Caller, g: &GroupDetail) -> Result<Vec<(String, String, String)>> {
    let a = cx.actor()?;
    let mut orgs: Vec<&str> = vec![g.group.organisation_id.as_str()];
    orgs.extend(g.partner_ids());
    if let Some(own) = a.user.organisation_id.as_deref() {
        orgs.push(own);
    }
    Ok(db::specialists_in(cx.db(), &orgs).await?)
}

/// The group, when the caller facilitates it (403/404 otherwise).
pub async fn referring_group(cx: &Caller, group_id: &str) -> Result<GroupDetail> {
    let g = klubi_db::groups::get(cx.db(), group_id, cx.now).await?;
    policy::require(cx.actor()?, Action::ReferToSpecialist { group: &g })?;
    Ok(g)
}

/// The coach's form for one participant of a group they facilitate.
pub struct Form {
    pub group: GroupDetail,
    pub participant_id: String,
    pub participant_name: String,
    /// The specialists they may refer to: (id, name, organisation's name).
    pub specialists: Vec<(String, String, String)>,
}

/// The form to refer an enrolled participant of a group the caller
/// facilitates (403/404 otherwise; 404 for someone not enrolled).
pub async fn form(cx: &Caller, group_id: &str, participant_id: &str) -> Result<Form> {
    let g = referring_group(cx, group_id).await?;
    if !klubi_db::groups::is_enrolled(cx.db(), &g.group.id, participant_id).await? {
        return Err(Error::NotFound);
    }
    let person = klubi_db::users::get(cx.db(), participant_id).await?;
    let specialists = candidates(cx, &g).await?;
    Ok(Form {
        group: g,
        participant_id: person.id,
        participant_name: person.name,
        specialists,
    })
}

/// Refers the participant to the specialist; returns the referral made (the
/// coach's own words: not a read of anyone else's, the creation is audited).
pub async fn create(cx: &Caller, d: &InternalDraft) -> Result<InternalReferral> {
    let g = referring_group(cx, d.group_id.trim()).await?;
    let mut inv = Invalid::default();
    if !klubi_db::groups::is_enrolled(cx.db(), &g.group.id, &d.participant_id).await? {
        inv.push("participant_id", "error-not-enrolled");
    }
    let candidates = candidates(cx, &g).await?;
    if !candidates.iter().any(|(id, _, _)| *id == d.specialist_id) {
        inv.push("specialist_id", "error-specialist-unknown");
    }
    let reason = inv.check("reason", parse_internal_reason(&d.reason));
    if !d.consent {
        inv.push("consent", "error-consent-required");
    }
    inv.into_result()?;
    let reason = reason.ok_or(Error::Internal("reason parsed".into()))?;
    let mut tx = cx.db().begin().await?;
    let id = db::create(
        &mut tx,
        &cx.ctx(),
        &NewInternal {
            participant_id: &d.participant_id,
            group_id: &g.group.id,
            specialist_id: &d.specialist_id,
            reason: &reason,
        },
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(db::get(cx.db(), &id).await?)
}

fn view_action(r: &InternalReferral) -> Action<'_> {
    Action::ViewInternalReferral {
        referred_by: &r.referred_by,
        specialist_id: &r.specialist_id,
        participant_id: &r.participant_id,
    }
}

fn handle_action(r: &InternalReferral) -> Action<'_> {
    Action::HandleInternalReferral {
        referred_by: &r.referred_by,
        specialist_id: &r.specialist_id,
        participant_id: &r.participant_id,
    }
}

/// One referral with its reason (the read audited) and, for the specialist
/// alone, the sessions with their notes (that read audited too).
pub struct Read {
    pub referral: InternalReferral,
    pub sessions: Option<Vec<Session>>,
    pub may_handle: bool,
}

pub async fn read(cx: &Caller, id: &str) -> Result<Read> {
    let a = cx.actor()?;
    let r = db::get(cx.db(), id).await?;
    policy::require(a, view_action(&r))?;
    let may_handle = policy::allows(a, handle_action(&r));
    let sessions = if may_handle {
        Some(db::sessions(cx.db(), id).await?)
    } else {
        None
    };
    let mut tx = cx.db().begin().await?;
    db::record_read(&mut tx, &cx.ctx(), id, "internal_referral.read_reason").await?;
    if sessions.is_some() {
        db::record_read(&mut tx, &cx.ctx(), id, "internal_referral.read_notes").await?;
    }
    klubi_db::commit(tx).await?;
    Ok(Read {
        referral: r,
        sessions,
        may_handle,
    })
}

/// Accept or close (the specialist); 409 naming the status when it cannot.
/// Returns the referral after it.
pub async fn step(cx: &Caller, id: &str, step: InternalStep) -> Result<InternalReferral> {
    let a = cx.actor()?;
    let r = db::get(cx.db(), id).await?;
    policy::require(a, handle_action(&r))?;
    let to = match step {
        InternalStep::Accept => InternalStatus::Accepted,
        InternalStep::Close => InternalStatus::Closed,
        InternalStep::RecordSession => return Err(Error::Internal("not a status".into())),
    };
    let from: Vec<InternalStatus> = [InternalStatus::Pending, InternalStatus::Accepted]
        .into_iter()
        .filter(|s| s.may(step))
        .collect();
    let mut tx = cx.db().begin().await?;
    if !db::set_status(&mut tx, &cx.ctx(), id, &from, to).await? {
        return Err(Error::ConflictWith(
            "error-internal-referral-state",
            vec![("current_status", r.status.as_str().to_string())],
        ));
    }
    klubi_db::commit(tx).await?;
    Ok(db::get(cx.db(), id).await?)
}

/// Records a session the specialist held (accepted referrals only); returns it.
pub async fn add_session(cx: &Caller, id: &str, held_on: &str, note: &str) -> Result<Session> {
    let a = cx.actor()?;
    let r = db::get(cx.db(), id).await?;
    policy::require(a, handle_action(&r))?;
    let today = klubi_domain::month::local_day(cx.now, &crate::i18n::tz());
    let (day, note) = parse_session(held_on, note, today)?;
    if !r.status.may(InternalStep::RecordSession) {
        return Err(Error::ConflictWith(
            "error-internal-referral-state",
            vec![("current_status", r.status.as_str().to_string())],
        ));
    }
    let mut tx = cx.db().begin().await?;
    let sid = db::add_session(&mut tx, &cx.ctx(), id, &day.to_string(), &note).await?;
    klubi_db::commit(tx).await?;
    db::sessions(cx.db(), id)
        .await?
        .into_iter()
        .find(|s| s.id == sid)
        .ok_or(Error::NotFound)
}

/// The caller's internal referrals (made, received or about them); lists
/// leave the reason out.
pub async fn list(cx: &Caller) -> Result<Vec<InternalReferral>> {
    let a = cx.actor()?;
    Ok(db::list_for(cx.db(), &a.user.id, 200).await?)
}
