//! No-show alerts: the worker's check after a coach marks someone absent, the
//! alerts a case manager (or coordinator) reads, and the organisation's policy.

use crate::Caller;
use crate::error::Result;
use crate::i18n;
use crate::mail;
use crate::policy::{self, Action};
use crate::state::AppStateRef;
use klubi_db::attendance as db;
use klubi_domain::Invalid;
use klubi_domain::attendance::{self as rules, Alert, AlertPolicy, Mark};
use std::collections::HashSet;

pub use klubi_db::attendance::NoShowAlert;

/// A coach's undo within this time sends no alert: the check runs after it.
pub const NO_SHOW_DELAY_SECS: i64 = 600;

/// The no-show check, queued when a coach marks someone `absent`, to run
/// [`NO_SHOW_DELAY_SECS`] later: if the mark is still `absent`, the referring
/// case manager's organisation's policy decides whether to alert, and a repeat
/// goes to the coordinators as well. Idempotent: an alert per meeting and
/// participant is stored once.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct NoShow {
    pub meeting_id: String,
    pub participant_id: String,
    // No base URL here: the alert's links are made when it runs, from the
    // configuration (a job queued by an older version may still carry one;
    // it is ignored).
}

impl NoShow {
    pub(crate) fn of(meeting_id: &str, participant_id: &str) -> NoShow {
        NoShow {
            meeting_id: meeting_id.to_string(),
            participant_id: participant_id.to_string(),
        }
    }
}

impl crate::jobs::JobKind for NoShow {
    const KIND: &'static str = "no_show";

    async fn run(self, state: &AppStateRef, job_id: i64) -> Result<crate::jobs::Ran, String> {
        let cx = Caller::system(state, "job no_show");
        check_no_show(&cx, job_id, &self.meeting_id, &self.participant_id)
            .await
            .map_err(|e| e.to_string())?;
        state.jobs_notify.notify_one();
        Ok(crate::jobs::Ran::Recorded)
    }
}

/// [`NoShow`] for the system caller: stores the alert (if one is due)
/// and its mail, and completes job `job_id`, in one transaction.
async fn check_no_show(
    cx: &Caller,
    job_id: i64,
    meeting_id: &str,
    participant_id: &str,
) -> Result<()> {
    cx.require_system()?;
    let base = &cx.base;
    let m = klubi_db::meetings::get(cx.db(), meeting_id).await?;
    let g = klubi_db::groups::get(cx.db(), &m.group_id, cx.now).await?;
    let participant = klubi_db::users::get(cx.db(), participant_id).await?;
    let referral = klubi_db::referrals::live_for(cx.db(), &g.group.id, participant_id).await?;
    let case_manager = match referral.as_ref() {
        Some(r) => Some(klubi_db::users::get(cx.db(), &r.referred_by).await?),
        None => None,
    };
    let alert_policy = match case_manager
        .as_ref()
        .and_then(|c| c.organisation_id.as_deref())
    {
        Some(org) => policy_of(cx, org).await?,
        None => AlertPolicy::Off,
    };
    let owner = g.group.organisation_id.as_str();
    let coordinators: Vec<klubi_db::users::User> =
        klubi_db::users::list(cx.db(), Some(owner), 1000)
            .await?
            .into_iter()
            .filter(|u| policy::hears_escalations(u, owner))
            .collect();
    // The audit rows' request id as it always was (not the caller's).
    let ctx = klubi_db::Ctx::system(cx.now, "no-show");
    let mut tx = cx.db().begin().await?;
    let mut history = db::history_in(&mut tx, &g.group.id, participant_id, m.starts_at).await?;
    // The meeting itself last: later meetings do not change whether this one alerts.
    if let Some(i) = history.iter().position(|(id, _)| *id == m.id) {
        history.truncate(i + 1);
    }
    let marks: Vec<Option<Mark>> = history.into_iter().map(|(_, s)| s).collect();
    let still_absent = db::shown_in(&mut tx, &m.id, participant_id).await? == Some(Mark::Absent);
    let earlier = db::alert_count_in(&mut tx, &g.group.id, participant_id).await?;
    let due = if still_absent && !m.cancelled {
        rules::alert(
            alert_policy,
            &marks,
            u32::try_from(earlier).unwrap_or(u32::MAX),
        )
    } else {
        None
    };
    if let Some(level) = due {
        let escalated = level == Alert::Escalated;
        let stored = db::insert_alert(
            &mut tx,
            &ctx,
            &g.group.id,
            &m.id,
            participant_id,
            case_manager.as_ref().map(|c| c.id.as_str()),
            escalated,
        )
        .await?;
        if stored {
            let mut to: Vec<&klubi_db::users::User> = case_manager.iter().collect();
            if escalated {
                to.extend(coordinators.iter());
            }
            let mut seen = HashSet::new();
            for u in to.into_iter().filter(|u| seen.insert(u.id.clone())) {
                let when = i18n::datetime(u.language, m.starts_at);
                let link = format!("{base}/alerts");
                let kind = mail::Kind::NoShow {
                    participant: &participant.name,
                    group: &g.group.name,
                    when: &when,
                    escalated,
                    link: &link,
                };
                mail::queue_to(&mut tx, &cx.state.keys, cx.now, u, kind).await?;
            }
        }
    }
    klubi_db::jobs::complete_in(&mut tx, job_id, cx.now).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// An organisation's alert policy as stored.
async fn policy_of(cx: &Caller, organisation_id: &str) -> Result<AlertPolicy> {
    Ok(klubi_db::organisations::alert_policy(cx.db(), organisation_id).await?)
}

/// The alerts a caller reads, and what they may configure.
pub struct Alerts {
    /// Newest first.
    pub alerts: Vec<NoShowAlert>,
    /// The caller's organisation's policy, when they may change it.
    pub policy: Option<AlertPolicy>,
}

/// Alerts the caller should see: about the clients they referred, and for a
/// coordinator the escalated ones of their organisation's groups (case
/// managers and coordinators; 403 for other staff, 404 for participants).
pub async fn alerts(cx: &Caller, limit: i64) -> Result<Alerts> {
    let a = cx.actor()?;
    policy::require(a, Action::SeeAlerts)?;
    let org = a.user.organisation_id.clone().unwrap_or_default();
    let configures = policy::allows(
        a,
        Action::ConfigureAlerts {
            organisation_id: &org,
        },
    ) && !org.is_empty();
    let policy = if configures {
        Some(policy_of(cx, &org).await?)
    } else {
        None
    };
    let mut out = db::alerts_for_case_manager(cx.db(), &a.user.id, limit).await?;
    if let Some(org) = policy::coordinated_organisation(a) {
        let seen: HashSet<String> = out.iter().map(|x| x.id.clone()).collect();
        out.extend(
            db::escalations_for_organisation(cx.db(), org, limit)
                .await?
                .into_iter()
                .filter(|x| !seen.contains(&x.id)),
        );
        out.sort_by(|x, y| y.created_at.cmp(&x.created_at).then(y.id.cmp(&x.id)));
        out.truncate(usize::try_from(limit).unwrap_or(0));
    }
    Ok(Alerts {
        alerts: out,
        policy,
    })
}

/// When the organisation's case managers hear of missed meetings (its
/// coordinators and admins). Returns the policy now in force.
pub async fn set_alert_policy(
    cx: &Caller,
    organisation_id: &str,
    policy_s: &str,
) -> Result<AlertPolicy> {
    let a = cx.actor()?;
    klubi_db::organisations::get(cx.db(), organisation_id).await?;
    policy::require(a, Action::ConfigureAlerts { organisation_id })?;
    let p = AlertPolicy::parse(policy_s).map_err(|k| Invalid::one("policy", k))?;
    let mut tx = cx.db().begin().await?;
    klubi_db::organisations::set_alert_policy(&mut tx, &cx.ctx(), organisation_id, p).await?;
    klubi_db::commit(tx).await?;
    Ok(p)
}
