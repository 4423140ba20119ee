//! Internal referrals, as the pages and the API perform them: a facilitating
//! coach refers an enrolled participant to a specialist of the partnership
//! with the participant's consent; only the three of them see it, every read
//! of its reason or of the specialist's notes is audit-logged.

use crate::error::{AppError, AppResult};
use crate::policy::{self, Action};
use crate::request::Cx;
use klubi_db::groups::GroupDetail;
use klubi_db::internal_referrals::{self as db, InternalReferral, NewInternal, Session};
use klubi_domain::Invalid;
use klubi_domain::referrals::{InternalStatus, InternalStep, parse_internal_reason, parse_session};

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
pub async fn candidates(cx: &Cx, g: &GroupDetail) -> AppResult<Vec<(String, String, String)>> {
    let a = cx.actor()?;
    let mut orgs: Vec<&str> = vec![g.group.organisation_id.as_str()];
    orgs.extend(g.partner_ids());
    if let Some(own) = a.user.organisation_id.as_deref() {
        orgs.push(own);
    }
    Ok(db::specialists_in(cx.db(), &orgs).await?)
}

/// The group, when the caller facilitates it (403/404 otherwise).
pub async fn referring_group(cx: &Cx, group_id: &str) -> AppResult<GroupDetail> {
    let g = klubi_db::groups::get(cx.db(), group_id, cx.now).await?;
    policy::require(cx.actor()?, Action::ReferToSpecialist { group: &g })?;
    Ok(g)
}

pub async fn create(cx: &Cx, d: &InternalDraft) -> AppResult<String> {
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
    let reason = reason.ok_or(AppError::Internal("reason parsed".into()))?;
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
    Ok(id)
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

pub async fn read(cx: &Cx, id: &str) -> AppResult<Read> {
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
pub async fn step(cx: &Cx, id: &str, step: InternalStep) -> AppResult<()> {
    let a = cx.actor()?;
    let r = db::get(cx.db(), id).await?;
    policy::require(a, handle_action(&r))?;
    let to = match step {
        InternalStep::Accept => InternalStatus::Accepted,
        InternalStep::Close => InternalStatus::Closed,
        InternalStep::RecordSession => return Err(AppError::Internal("not a status".into())),
    };
    let from: Vec<InternalStatus> = [InternalStatus::Pending, InternalStatus::Accepted]
        .into_iter()
        .filter(|s| s.may(step))
        .collect();
    let mut tx = cx.db().begin().await?;
    if !db::set_status(&mut tx, &cx.ctx(), id, &from, to).await? {
        return Err(AppError::ConflictWith(
            "error-internal-referral-state",
            vec![("current_status", r.status.as_str().to_string())],
        ));
    }
    klubi_db::commit(tx).await?;
    Ok(())
}

/// Records a session the specialist held (accepted referrals only).
pub async fn add_session(cx: &Cx, id: &str, held_on: &str, note: &str) -> AppResult<String> {
    let a = cx.actor()?;
    let r = db::get(cx.db(), id).await?;
    policy::require(a, handle_action(&r))?;
    let today = jiff::Timestamp::from_second(cx.now)
        .map(|t| t.to_zoned(crate::i18n::tz()).date())
        .unwrap_or_default();
    let (day, note) = parse_session(held_on, note, today)?;
    if !r.status.may(InternalStep::RecordSession) {
        return Err(AppError::ConflictWith(
            "error-internal-referral-state",
            vec![("current_status", r.status.as_str().to_string())],
        ));
    }
    let mut tx = cx.db().begin().await?;
    let sid = db::add_session(&mut tx, &cx.ctx(), id, &day.to_string(), &note).await?;
    klubi_db::commit(tx).await?;
    Ok(sid)
}

/// The caller's internal referrals (made, received or about them); lists
/// leave the reason out.
pub async fn list(cx: &Cx) -> AppResult<Vec<InternalReferral>> {
    let a = cx.actor()?;
    Ok(db::list_for(cx.db(), &a.user.id, 200).await?)
}
