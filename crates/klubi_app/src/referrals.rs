//! Referrals and seats, as both the pages and the API perform them: parse,
//! ask the policy, one transaction (the change, its audit rows, the mails in
//! the outbox), then wake the mail worker.

use crate::auth::secret;
use crate::clubs;
use crate::error::{AppError, AppResult};
use crate::i18n;
use crate::mail;
use crate::policy::{self, Action, RosterScope};
use crate::request::Cx;
use klubi_db::Tx;
use klubi_db::groups::GroupDetail;
use klubi_db::meetings::Meeting;
use klubi_db::one_time_links::{self, Purpose};
use klubi_db::referrals::{self as db, Created, Referral, Refused, RosterEntry, Withdrawal};
use klubi_db::writes::Writes;
use klubi_domain::Invalid;
use klubi_domain::enrolment::{Enrolment, parse_move_up_reason};
use klubi_domain::groups::GroupStatus;
use klubi_domain::login::INVITATION_VALID_SECS;
use klubi_domain::people::Language;
use klubi_domain::referrals::{
    ReferralDraft, ReferralStatus, parse_decline_reason, parse_withdraw_reason, takes_referrals,
};

fn group_status(g: &GroupDetail) -> GroupStatus {
    g.group.status.parse().unwrap_or(GroupStatus::Planned)
}

/// A case manager's referral. Nothing is saved without the consent; a person
/// with a live referral to the group already is 409 naming it.
pub async fn refer(cx: &Cx, draft: &ReferralDraft) -> AppResult<Referral> {
    let a = cx.actor()?;
    let parsed = draft.parse();
    // An unknown (or invisible) group is 404 and a closed one 409 whatever
    // else is wrong; a missing id is one more field error.
    let group_id = draft.group_id.trim();
    let g = if group_id.is_empty() {
        None
    } else {
        let g = klubi_db::groups::get(cx.db(), group_id, cx.now).await?;
        policy::require(a, Action::Refer { group: &g })?;
        Some(g)
    };
    let new = parsed?;
    let g = g.ok_or(AppError::NotFound)?;
    if !takes_referrals(group_status(&g)) {
        return Err(AppError::Conflict("error-group-not-taking-referrals"));
    }
    let org = a.user.organisation_id.clone().ok_or(AppError::Forbidden)?;
    let mut tx = cx.db().begin().await?;
    let created = db::create(&mut tx, &cx.ctx(), &new, &a.user.id, &org).await?;
    let id = match created {
        Created::Referral(id) => id,
        Created::Duplicate { id, status } => {
            return Err(AppError::ConflictWith(
                "error-referral-duplicate",
                vec![
                    ("existing_referral_id", id),
                    ("existing_status", status.as_str().to_string()),
                ],
            ));
        }
        Created::StaffAddress => {
            return Err(Invalid::one("participant.email", "error-email-staff-account").into());
        }
    };
    klubi_db::commit(tx).await?;
    Ok(db::get(cx.db(), &id).await?)
}

/// A referral the caller may see (404 otherwise), with its group.
pub async fn visible(cx: &Cx, id: &str) -> AppResult<(Referral, GroupDetail)> {
    let a = cx.actor()?;
    let r = db::get(cx.db(), id).await?;
    let g = klubi_db::groups::get(cx.db(), &r.group_id, cx.now).await?;
    policy::require(
        a,
        Action::ViewReferral {
            group: &g,
            referred_by: &r.referred_by,
        },
    )?;
    Ok((r, g))
}

/// Records that the caller was shown these referrals' needs texts.
pub async fn record_reads(cx: &Cx, rs: &[&Referral]) -> AppResult<()> {
    if rs.is_empty() {
        return Ok(());
    }
    let mut tx = cx.db().begin().await?;
    db::record_reads(&mut tx, &cx.ctx(), rs).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// A referral read in full (the needs text): visible, and the read audited.
pub async fn read(cx: &Cx, id: &str) -> AppResult<(Referral, GroupDetail)> {
    let (r, g) = visible(cx, id).await?;
    record_reads(cx, &[&r]).await?;
    Ok((r, g))
}

fn decided_conflict(current: ReferralStatus) -> AppError {
    AppError::ConflictWith(
        "error-referral-decided",
        vec![("current_status", current.as_str().to_string())],
    )
}

/// Accepts: a seat, or the waiting list when the group is full. The
/// participant is mailed in their language.
pub async fn accept(cx: &Cx, id: &str) -> AppResult<Referral> {
    let (r, g) = visible(cx, id).await?;
    policy::require(cx.actor()?, Action::DecideReferrals { group: &g })?;
    let meetings = meetings_of(cx, &g.group.id).await?;
    // Read before the transaction (an accept does not change the person), so
    // the group's lock is held for as few statements as it can be.
    let participant = klubi_db::users::get(cx.db(), &r.participant_id).await?;
    // Accepts are the busiest write: on SQLite those arriving together share a commit.
    let c = cx.clone();
    let referral = cx
        .db()
        .write_shared(move |tx: &mut Tx| {
            Box::pin(async move {
                // The accept's writes and its mail go to the database together.
                let mut w = Writes::new();
                let accepted = match db::accept_with(tx, &c.ctx(), &r, &mut w).await? {
                    Ok(done) => done,
                    Err(Refused::AlreadyDecided(s)) => return Err(decided_conflict(s)),
                    Err(Refused::GroupClosed) => {
                        return Err(AppError::Conflict("error-group-not-taking-referrals"));
                    }
                };
                match accepted.outcome {
                    Enrolment::Enrolled => {
                        push_seat_mail(&c, &mut w, &g, &meetings, &participant, false);
                    }
                    Enrolment::Waitlisted => {
                        let kind = mail::Kind::Waitlisted {
                            group: &g.group.name,
                            position: usize::try_from(accepted.waitlist_position).unwrap_or(0),
                            base: &c.base,
                        };
                        mail::push_to(&mut w, c.now, &participant, kind);
                    }
                }
                w.run(tx).await?;
                Ok(accepted.referral)
            })
        })
        .await?;
    cx.state.jobs_notify.notify_one();
    Ok(referral)
}

/// The group's meetings, read before a write transaction begins: inside one,
/// a second connection from the pool could wait for ever behind the
/// transactions queued on the group's lock (PostgreSQL).
pub async fn meetings_of(cx: &Cx, group_id: &str) -> AppResult<Vec<Meeting>> {
    Ok(klubi_db::meetings::list_for_group(cx.db(), group_id, None, 200).await?)
}

/// The meetings still ahead, a line each, in `lang`: what the mails list.
fn schedule_text(cx: &Cx, lang: Language, meetings: &[Meeting]) -> String {
    let mut memo = i18n::Memo::new(lang);
    let lines: Vec<String> = meetings
        .iter()
        .filter(|m| !m.cancelled && m.ends_at > cx.now)
        .map(|m| {
            let what = clubs::meeting_what(&mut memo, m);
            let place = if m.location.is_empty() {
                String::new()
            } else {
                format!(", {}", m.location)
            };
            format!(
                "- {} {}–{} {what}{place}",
                i18n::date(lang, m.starts_at),
                i18n::time(lang, m.starts_at),
                i18n::time(lang, m.ends_at)
            )
        })
        .collect();
    if lines.is_empty() {
        i18n::t(lang, "mail-schedule-later")
    } else {
        lines.join("\n")
    }
}

/// Mails a participant their seat: what, when, where, and a first-password
/// link (valid 7 days, single use) when they have no password yet. Someone
/// without an address gets nothing here: the coordinator prints their invitation.
async fn mail_seat(
    cx: &Cx,
    tx: &mut Tx,
    g: &GroupDetail,
    meetings: &[Meeting],
    p: &klubi_db::users::User,
    promoted: bool,
) -> AppResult<()> {
    let mut w = Writes::new();
    push_seat_mail(cx, &mut w, g, meetings, p, promoted);
    Ok(w.run(tx).await?)
}

/// [`mail_seat`] among `w`'s statements.
fn push_seat_mail(
    cx: &Cx,
    w: &mut Writes,
    g: &GroupDetail,
    meetings: &[Meeting],
    p: &klubi_db::users::User,
    promoted: bool,
) {
    if p.email.is_none() {
        return;
    }
    let link = if p.has_password {
        None
    } else {
        let token = secret::new_secret();
        one_time_links::push(
            w,
            &cx.ctx(),
            &p.id,
            Purpose::Invitation,
            &secret::hash(&token),
            INVITATION_VALID_SECS,
        );
        Some(format!("{}/link/{token}", cx.base))
    };
    let schedule = schedule_text(cx, p.language, meetings);
    let kind = mail::Kind::Seat {
        promoted,
        group: &g.group.name,
        location: &g.group.location,
        schedule: &schedule,
        link: link.as_deref(),
        base: &cx.base,
    };
    mail::push_to(w, cx.now, p, kind);
}

/// Declines with the reason, which is mailed to the case manager.
pub async fn decline(cx: &Cx, id: &str, reason: &str) -> AppResult<Referral> {
    let (r, g) = visible(cx, id).await?;
    policy::require(cx.actor()?, Action::DecideReferrals { group: &g })?;
    let reason = parse_decline_reason(reason).map_err(|m| Invalid::one("reason", m))?;
    let mut tx = cx.db().begin().await?;
    let referral = match db::decline(&mut tx, &cx.ctx(), &r, &reason).await? {
        Ok(r) => r,
        Err(s) => return Err(decided_conflict(s)),
    };
    let cm = klubi_db::users::get_in_tx(&mut tx, &referral.referred_by).await?;
    let kind = mail::Kind::ReferralDeclined {
        participant: &referral.participant_name,
        group: &g.group.name,
        reason: &reason,
    };
    mail::queue_to(&mut tx, cx.now, &cm, kind).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(referral)
}

/// Takes `participant_id` out of the group (seat, waiting list or pending
/// referral). A freed seat goes to the first on the waiting list in the same
/// transaction; they and their case manager are mailed.
pub async fn withdraw(
    cx: &Cx,
    group_id: &str,
    participant_id: &str,
    reason: &str,
) -> AppResult<()> {
    let a = cx.actor()?;
    let g = klubi_db::groups::get(cx.db(), group_id, cx.now).await?;
    let live = db::live_for(cx.db(), group_id, participant_id).await?;
    let referred_by = live.as_ref().map(|r| r.referred_by.as_str());
    policy::require(
        a,
        Action::Withdraw {
            group: &g,
            referred_by,
            participant_id,
        },
    )?;
    let reason = parse_withdraw_reason(reason).map_err(|m| Invalid::one("reason", m))?;
    let meetings = meetings_of(cx, group_id).await?;
    let mut tx = cx.db().begin().await?;
    let promoted = match db::withdraw(
        &mut tx,
        &cx.ctx(),
        group_id,
        participant_id,
        reason.as_deref(),
    )
    .await?
    {
        Withdrawal::Done { promoted, .. } => promoted,
        Withdrawal::AlreadyWithdrawn => return Err(AppError::Conflict("error-already-withdrawn")),
    };
    // The participant withdrew themself: their case manager hears it.
    if a.user.id == participant_id
        && let Some(r) = &live
    {
        let cm = klubi_db::users::get_in_tx(&mut tx, &r.referred_by).await?;
        let kind = mail::Kind::ClientWithdrew {
            participant: &r.participant_name,
            group: &g.group.name,
            reason: reason.as_deref().unwrap_or("–"),
        };
        mail::queue_to(&mut tx, cx.now, &cm, kind).await?;
    }
    tell_promoted(cx, &mut tx, &g, &meetings, &promoted).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(())
}

/// Mails each promoted participant and their case manager.
pub async fn tell_promoted(
    cx: &Cx,
    tx: &mut Tx,
    g: &GroupDetail,
    meetings: &[Meeting],
    promoted: &[klubi_db::referrals::Promoted],
) -> AppResult<()> {
    for p in promoted {
        let participant = klubi_db::users::get_in_tx(tx, &p.participant_id).await?;
        mail_seat(cx, tx, g, meetings, &participant, true).await?;
        let r = klubi_db::referrals::get_in_tx(tx, &p.referral_id).await?;
        let cm = klubi_db::users::get_in_tx(tx, &r.referred_by).await?;
        let kind = mail::Kind::ClientPromoted {
            participant: &participant.name,
            group: &g.group.name,
        };
        mail::queue_to(tx, cx.now, &cm, kind).await?;
    }
    Ok(())
}

/// Moves a waiting participant up, with the written reason the roster shows.
pub async fn move_up(
    cx: &Cx,
    g: &GroupDetail,
    participant_id: &str,
    reason: &str,
) -> AppResult<()> {
    policy::require(cx.actor()?, Action::DecideReferrals { group: g })?;
    let reason = parse_move_up_reason(reason).map_err(|m| Invalid::one("reason", m))?;
    let mut tx = cx.db().begin().await?;
    db::move_up(&mut tx, &cx.ctx(), &g.group.id, participant_id, &reason).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// An enrolled participant of the group who has not set a password yet, for
/// the coordinator to invite again (404 for anyone else, 409 once signed in).
async fn not_yet_signed_in(
    cx: &Cx,
    g: &GroupDetail,
    participant_id: &str,
) -> AppResult<klubi_db::users::User> {
    policy::require(cx.actor()?, Action::DecideReferrals { group: g })?;
    if !klubi_db::groups::is_enrolled(cx.db(), &g.group.id, participant_id).await? {
        return Err(AppError::NotFound);
    }
    let p = klubi_db::users::get(cx.db(), participant_id).await?;
    if p.has_password {
        return Err(AppError::Conflict("error-invitation-used"));
    }
    Ok(p)
}

/// Sends a participant a new sign-in link (the old one stops working).
pub async fn resend_invitation(cx: &Cx, g: &GroupDetail, participant_id: &str) -> AppResult<()> {
    let p = not_yet_signed_in(cx, g, participant_id).await?;
    if p.email.is_none() {
        return Err(AppError::Conflict("error-no-email"));
    }
    let meetings = meetings_of(cx, &g.group.id).await?;
    let mut tx = cx.db().begin().await?;
    mail_seat(cx, &mut tx, g, &meetings, &p, false).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(())
}

/// A printed invitation for a participant without an email address.
pub struct Printed {
    pub name: String,
    pub language: Language,
    pub group: String,
    pub location: String,
    pub schedule: String,
    /// As printed (`ABCD-EFGH-JKLM`); only its hash is stored.
    pub code: String,
}

/// Issues a one-time code (valid 7 days, single use; an earlier one stops
/// working) for an enrolled participant without email, to print and hand over.
pub async fn print_invitation(
    cx: &Cx,
    g: &GroupDetail,
    participant_id: &str,
) -> AppResult<Printed> {
    let e = not_yet_signed_in(cx, g, participant_id).await?;
    let language = e.language;
    let meetings = meetings_of(cx, &g.group.id).await?;
    let code = secret::new_code();
    let mut tx = cx.db().begin().await?;
    one_time_links::issue(
        &mut tx,
        &cx.ctx(),
        participant_id,
        Purpose::Invitation,
        &secret::hash(&code),
        INVITATION_VALID_SECS,
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(Printed {
        name: e.name,
        language,
        group: g.group.name.clone(),
        location: g.group.location.clone(),
        schedule: schedule_text(cx, language, &meetings),
        code: secret::show_code(&code),
    })
}

/// The roster as the caller may see it: all of it for the group's
/// coordinators and facilitators, their own clients for a case manager.
pub async fn roster(cx: &Cx, g: &GroupDetail) -> AppResult<Vec<RosterEntry>> {
    if policy::roster_scope(cx.actor()?, g) == RosterScope::Nothing {
        return Err(AppError::NotFound);
    }
    scoped_roster(cx, g, db::roster(cx.db(), &g.group.id).await?)
}

/// What of a group's whole roster, read already, the caller may see.
pub fn scoped_roster(
    cx: &Cx,
    g: &GroupDetail,
    mut all: Vec<RosterEntry>,
) -> AppResult<Vec<RosterEntry>> {
    let a = cx.actor()?;
    match policy::roster_scope(a, g) {
        RosterScope::Nothing => return Err(AppError::NotFound),
        RosterScope::ReferredBy => {
            all.retain(|e| e.referred_by.as_deref() == Some(a.user.id.as_str()));
        }
        RosterScope::All => {}
    }
    Ok(all)
}

/// The whole roster for the coordinator's export, the export audit-logged
/// (it carries contact details out of Klubi).
pub async fn roster_export(cx: &Cx, g: &GroupDetail) -> AppResult<Vec<RosterEntry>> {
    policy::require(cx.actor()?, Action::DecideReferrals { group: g })?;
    let roster = db::roster(cx.db(), &g.group.id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::audit::record(
        &mut tx,
        &cx.ctx(),
        klubi_db::audit::Entry {
            action: "group.roster_export",
            entity_type: "group",
            entity_id: &g.group.id,
            organisation_id: Some(&g.group.organisation_id),
            details: serde_json::json!({"rows": roster.len()}),
        },
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(roster)
}

/// The triage queue page: pending referrals of the caller's organisation's
/// groups, oldest first, their needs texts' reads audited. Returns up to
/// `limit + 1` rows (the extra one only tells that there is more; its read is
/// not recorded, as nobody is shown it).
pub async fn triage(
    cx: &Cx,
    group_id: Option<&str>,
    after: Option<(i64, String)>,
    limit: i64,
) -> AppResult<Vec<Referral>> {
    let a = cx.actor()?;
    let org = a.user.organisation_id.clone().unwrap_or_default();
    policy::require(
        a,
        Action::Triage {
            organisation_id: &org,
        },
    )?;
    let rows = db::pending_for(cx.db(), &org, group_id, after, limit + 1).await?;
    let shown: Vec<&Referral> = rows
        .iter()
        .take(usize::try_from(limit).unwrap_or(0))
        .collect();
    record_reads(cx, &shown).await?;
    Ok(rows)
}

/// The case manager's own referrals, newest first (nobody else's).
pub async fn mine(cx: &Cx, before: Option<(i64, String)>, limit: i64) -> AppResult<Vec<Referral>> {
    let a = cx.actor()?;
    if a.user.kind != klubi_domain::roles::AccountKind::Staff {
        return Err(AppError::NotFound);
    }
    Ok(db::list_by_referrer(cx.db(), &a.user.id, before, limit).await?)
}

/// The status a case manager reads (`completed` once the group is over).
pub fn shown_status(r: &Referral) -> &'static str {
    klubi_domain::referrals::shown_status(
        r.status,
        r.group_status.parse().unwrap_or(GroupStatus::Planned),
    )
}
