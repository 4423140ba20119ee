//! Referrals and seats: a case manager's referral, the coordinator's triage
//! and decisions, the roster and its actions, printed invitations, and a
//! participant's own withdrawal; each change with its audit rows and mails.

use crate::Caller;
use crate::auth::secret;
use crate::error::{Error, Result};
use crate::i18n;
use crate::mail;
use crate::policy::{self, Action, RosterScope};
use klubi_db::Tx;
use klubi_db::groups::GroupDetail;
use klubi_db::meetings::Meeting;
use klubi_db::one_time_links::{self, Purpose};
use klubi_db::referrals::{self as db, Created, Refused, Withdrawal};
use klubi_db::writes::Writes;
use klubi_domain::Invalid;
use klubi_domain::enrolment::{Enrolment, parse_move_up_reason};
use klubi_domain::groups::GroupStatus;
use klubi_domain::login::INVITATION_VALID_SECS;
use klubi_domain::people::Language;
use klubi_domain::referrals::{
    ReferralDraft, ReferralStatus, parse_decline_reason, parse_withdraw_reason, takes_referrals,
};

/// A group as listed (the referral form's choices).
pub use klubi_db::groups::Group;
/// A referral as read, and one person on a group's roster.
pub use klubi_db::referrals::{Referral, RosterEntry};

fn group_status(g: &GroupDetail) -> GroupStatus {
    g.group.status.parse().unwrap_or(GroupStatus::Planned)
}

/// A case manager's referral. Nothing is saved without the consent; a person
/// with a live referral to the group already is 409 naming it.
pub async fn refer(cx: &Caller, draft: &ReferralDraft) -> Result<Referral> {
    let a = cx.actor()?;
    // Who may not refer at all learns nothing of the group they named.
    policy::require(a, Action::MakeReferrals)?;
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
    let g = g.ok_or(Error::NotFound)?;
    if !takes_referrals(group_status(&g)) {
        return Err(Error::Conflict("error-group-not-taking-referrals"));
    }
    let org = a.user.organisation_id.clone().ok_or(Error::Forbidden)?;
    let mut tx = cx.db().begin().await?;
    let created = db::create(&mut tx, &cx.ctx(), &new, &a.user.id, &org).await?;
    let id = match created {
        Created::Referral(id) => id,
        Created::Duplicate { id, status } => {
            return Err(Error::ConflictWith(
                "error-referral-duplicate",
                vec![
                    ("existing_referral_id", id),
                    ("existing_status", status.as_str().to_string()),
                ],
            ));
        }
    };
    klubi_db::commit(tx).await?;
    Ok(db::get(cx.db(), &id).await?)
}

/// A referral the caller may see (404 otherwise), with its group.
pub async fn visible(cx: &Caller, id: &str) -> Result<(Referral, GroupDetail)> {
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
pub async fn record_reads(cx: &Caller, rs: &[&Referral]) -> Result<()> {
    if rs.is_empty() {
        return Ok(());
    }
    let mut tx = cx.db().begin().await?;
    db::record_reads(&mut tx, &cx.ctx(), rs).await?;
    klubi_db::commit(tx).await?;
    Ok(())
}

/// A referral read in full, and what the caller may do with it.
pub struct ReadReferral {
    pub referral: Referral,
    pub group: GroupDetail,
    /// Pending, and the caller decides on the group's referrals.
    pub may_decide: bool,
    /// Live, and the caller may take the person out of the group.
    pub may_withdraw: bool,
}

/// A referral read in full (the needs text): visible, and the read audited.
pub async fn read(cx: &Caller, id: &str) -> Result<ReadReferral> {
    let (r, g) = visible(cx, id).await?;
    record_reads(cx, &[&r]).await?;
    let a = cx.actor()?;
    let may_decide = r.status == ReferralStatus::Pending
        && policy::allows(a, Action::DecideReferrals { group: &g });
    let may_withdraw = r.status.is_live()
        && policy::allows(
            a,
            Action::Withdraw {
                group: &g,
                referred_by: Some(&r.referred_by),
                participant_id: &r.participant_id,
            },
        );
    Ok(ReadReferral {
        referral: r,
        group: g,
        may_decide,
        may_withdraw,
    })
}

fn decided_conflict(current: ReferralStatus) -> Error {
    Error::ConflictWith(
        "error-referral-decided",
        vec![("current_status", current.as_str().to_string())],
    )
}

/// Accepts: a seat, or the waiting list when the group is full. The
/// participant is mailed in their language.
pub async fn accept(cx: &Caller, id: &str) -> Result<Referral> {
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
                        return Err(Error::Conflict("error-group-not-taking-referrals"));
                    }
                    Err(Refused::AlreadyInGroup) => {
                        return Err(Error::Conflict("error-participant-already-in-group"));
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
                        mail::push_to(&mut w, &c.state.keys, c.now, &participant, kind);
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
pub async fn meetings_of(cx: &Caller, group_id: &str) -> Result<Vec<Meeting>> {
    Ok(klubi_db::meetings::list_for_group(cx.db(), group_id, None, 200).await?)
}

/// The meetings still ahead, a line each, in `lang`: what the mails list.
fn schedule_text(cx: &Caller, lang: Language, meetings: &[Meeting]) -> String {
    let mut memo = i18n::Memo::new(lang);
    let lines: Vec<String> = meetings
        .iter()
        .filter(|m| !m.cancelled && m.ends_at > cx.now)
        .map(|m| {
            let what = crate::meetings::meeting_what(&mut memo, m);
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
    cx: &Caller,
    tx: &mut Tx,
    g: &GroupDetail,
    meetings: &[Meeting],
    p: &klubi_db::users::User,
    promoted: bool,
) -> Result<()> {
    let mut w = Writes::new();
    push_seat_mail(cx, &mut w, g, meetings, p, promoted);
    Ok(w.run(tx).await?)
}

/// [`mail_seat`] among `w`'s statements.
fn push_seat_mail(
    cx: &Caller,
    w: &mut Writes,
    g: &GroupDetail,
    meetings: &[Meeting],
    p: &klubi_db::users::User,
    promoted: bool,
) {
    let by = cx.actor.as_ref().map_or("Klubi", |a| a.user.name.as_str());
    if mail::push_pending_notice(w, &cx.state.keys, cx.now, p, by, &cx.base) || p.email.is_none() {
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
    mail::push_to(w, &cx.state.keys, cx.now, p, kind);
}

/// Declines with the reason, which is mailed to the case manager.
pub async fn decline(cx: &Caller, id: &str, reason: &str) -> Result<Referral> {
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
    mail::queue_to(&mut tx, &cx.state.keys, cx.now, &cm, kind).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(referral)
}

/// Someone taken out of a group, as the roster shows them after.
pub enum Withdrawn {
    /// They held a seat or a place on the waiting list.
    Seat(Box<RosterEntry>),
    /// Only their referral was pending: withdrawn all the same.
    Referral {
        participant_id: String,
        name: String,
    },
}

/// Takes `participant_id` out of the group (seat, waiting list or pending
/// referral): its coordinators, the referring case manager, the participant.
pub async fn withdraw(
    cx: &Caller,
    group_id: &str,
    participant_id: &str,
    reason: &str,
) -> Result<Withdrawn> {
    take_out(cx, group_id, participant_id, reason).await?;
    let on_roster = db::roster(cx.db(), group_id)
        .await?
        .into_iter()
        .find(|e| e.participant_id == participant_id);
    Ok(match on_roster {
        Some(e) => Withdrawn::Seat(Box::new(e)),
        None => Withdrawn::Referral {
            name: klubi_db::users::get(cx.db(), participant_id).await?.name,
            participant_id: participant_id.to_string(),
        },
    })
}

/// Withdraws the person of a referral the caller may see; returns it after.
pub async fn withdraw_referral(cx: &Caller, id: &str, reason: &str) -> Result<Referral> {
    let (r, _) = visible(cx, id).await?;
    take_out(cx, &r.group_id, &r.participant_id, reason).await?;
    Ok(db::get(cx.db(), id).await?)
}

/// A group the caller (a participant) has a live referral to, to withdraw
/// from (404 otherwise).
pub async fn my_group(cx: &Caller, group_id: &str) -> Result<GroupDetail> {
    let a = cx.actor()?;
    let g = klubi_db::groups::get(cx.db(), group_id, cx.now).await?;
    if db::live_for(cx.db(), group_id, &a.user.id).await?.is_none() {
        return Err(Error::NotFound);
    }
    Ok(g)
}

/// The participant's own "I can't come after all" (their case manager hears).
pub async fn withdraw_myself(cx: &Caller, group_id: &str, reason: &str) -> Result<()> {
    my_group(cx, group_id).await?;
    let me = cx.actor()?.user.id.clone();
    take_out(cx, group_id, &me, reason).await
}

/// [`withdraw`]'s change: a freed seat goes to the first on the waiting list
/// in the same transaction; they and their case manager are mailed.
async fn take_out(cx: &Caller, group_id: &str, participant_id: &str, reason: &str) -> Result<()> {
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
        Withdrawal::AlreadyWithdrawn => return Err(Error::Conflict("error-already-withdrawn")),
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
        mail::queue_to(&mut tx, &cx.state.keys, cx.now, &cm, kind).await?;
    }
    tell_promoted(cx, &mut tx, &g, &meetings, &promoted).await?;
    klubi_db::commit(tx).await?;
    cx.state.jobs_notify.notify_one();
    Ok(())
}

/// Mails each promoted participant and their case manager.
pub async fn tell_promoted(
    cx: &Caller,
    tx: &mut Tx,
    g: &GroupDetail,
    meetings: &[Meeting],
    promoted: &[klubi_db::referrals::Promoted],
) -> Result<()> {
    for p in promoted {
        let participant = klubi_db::users::get_in_tx(tx, &p.participant_id).await?;
        mail_seat(cx, tx, g, meetings, &participant, true).await?;
        let r = klubi_db::referrals::get_in_tx(tx, &p.referral_id).await?;
        let cm = klubi_db::users::get_in_tx(tx, &r.referred_by).await?;
        let kind = mail::Kind::ClientPromoted {
            participant: &participant.name,
            group: &g.group.name,
        };
        mail::queue_to(tx, &cx.state.keys, cx.now, &cm, kind).await?;
    }
    Ok(())
}

/// Moves a waiting participant up, with the written reason the roster
/// shows; returns the roster as the caller sees it after.
pub async fn move_up(
    cx: &Caller,
    group_id: &str,
    participant_id: &str,
    reason: &str,
) -> Result<Vec<RosterEntry>> {
    let g = crate::groups::visible_group(cx, group_id).await?;
    policy::require(cx.actor()?, Action::DecideReferrals { group: &g })?;
    let reason = parse_move_up_reason(reason).map_err(|m| Invalid::one("reason", m))?;
    let mut tx = cx.db().begin().await?;
    db::move_up(&mut tx, &cx.ctx(), &g.group.id, participant_id, &reason).await?;
    klubi_db::commit(tx).await?;
    roster(cx, &g).await
}

/// An enrolled participant of the group who has not set a password yet, for
/// the coordinator to invite again (404 for anyone else, 409 once signed in).
async fn not_yet_signed_in(
    cx: &Caller,
    g: &GroupDetail,
    participant_id: &str,
) -> Result<klubi_db::users::User> {
    policy::require(cx.actor()?, Action::DecideReferrals { group: g })?;
    if !klubi_db::groups::is_enrolled(cx.db(), &g.group.id, participant_id).await? {
        return Err(Error::NotFound);
    }
    let p = klubi_db::users::get(cx.db(), participant_id).await?;
    if p.has_password {
        return Err(Error::Conflict("error-invitation-used"));
    }
    Ok(p)
}

/// Sends a participant a new sign-in link (the old one stops working).
pub async fn resend_invitation(cx: &Caller, group_id: &str, participant_id: &str) -> Result<()> {
    let g = &crate::groups::visible_group(cx, group_id).await?;
    let p = not_yet_signed_in(cx, g, participant_id).await?;
    if p.shown_email().is_none() {
        return Err(Error::Conflict("error-no-email"));
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
    cx: &Caller,
    group_id: &str,
    participant_id: &str,
) -> Result<Printed> {
    let g = &crate::groups::visible_group(cx, group_id).await?;
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
pub async fn roster(cx: &Caller, g: &GroupDetail) -> Result<Vec<RosterEntry>> {
    if policy::roster_scope(cx.actor()?, g) == RosterScope::Nothing {
        return Err(Error::NotFound);
    }
    scoped_roster(cx, g, db::roster(cx.db(), &g.group.id).await?)
}

/// What of a group's whole roster, read already, the caller may see.
pub fn scoped_roster(
    cx: &Caller,
    g: &GroupDetail,
    mut all: Vec<RosterEntry>,
) -> Result<Vec<RosterEntry>> {
    let a = cx.actor()?;
    match policy::roster_scope(a, g) {
        RosterScope::Nothing => return Err(Error::NotFound),
        RosterScope::ReferredBy => {
            all.retain(|e| e.referred_by.as_deref() == Some(a.user.id.as_str()));
        }
        RosterScope::All => {}
    }
    Ok(all)
}

/// A group's roster as the caller may see it ([`roster`]), by the group's id.
pub async fn enrolments(cx: &Caller, group_id: &str) -> Result<Vec<RosterEntry>> {
    let g = klubi_db::groups::get(cx.db(), group_id, cx.now).await?;
    roster(cx, &g).await
}

/// The whole roster for the coordinator's export, the export audit-logged
/// (it carries contact details out of Klubi).
pub async fn roster_export(cx: &Caller, group_id: &str) -> Result<Vec<RosterEntry>> {
    let g = &crate::groups::visible_group(cx, group_id).await?;
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

/// The triage queue: a page of it and what it is a page of.
pub struct Triage {
    /// Up to `limit + 1` (the extra one only tells that there is more).
    pub rows: Vec<Referral>,
    /// Pending referrals to the organisation's groups, all of them.
    pub pending_total: i64,
    /// The organisation's open and running groups (id, name), to filter by.
    pub groups: Vec<(String, String)>,
}

/// The triage queue page: pending referrals of the caller's organisation's
/// groups, oldest first, their needs texts' reads audited. Returns up to
/// `limit + 1` rows (the extra one only tells that there is more; its read is
/// not recorded, as nobody is shown it).
pub async fn triage(
    cx: &Caller,
    group_id: Option<&str>,
    after: Option<(i64, String)>,
    limit: i64,
) -> Result<Triage> {
    let (org, rows) = queue(cx, group_id, after, limit).await?;
    let pending_total = db::count_pending(cx.db(), &org).await?;
    let groups = klubi_db::groups::names_of(cx.db(), &org, &["open", "running"]).await?;
    Ok(Triage {
        rows,
        pending_total,
        groups,
    })
}

/// The pending referrals alone (up to `limit + 1`, so the caller knows of a
/// next page), their needs texts' reads audited: what the API lists, without
/// the page's count and group choices.
pub async fn pending(
    cx: &Caller,
    group_id: Option<&str>,
    after: Option<(i64, String)>,
    limit: i64,
) -> Result<Vec<Referral>> {
    Ok(queue(cx, group_id, after, limit).await?.1)
}

/// The coordinator's organisation and its pending referrals, the shown ones' reads audited.
async fn queue(
    cx: &Caller,
    group_id: Option<&str>,
    after: Option<(i64, String)>,
    limit: i64,
) -> Result<(String, Vec<Referral>)> {
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
    Ok((org, rows))
}

/// One of the caller's own referrals.
pub struct MyReferral {
    pub referral: Referral,
    /// For someone who held a seat: (meetings attended, meetings held so far).
    pub attendance: Option<(i64, i64)>,
}

/// The caller's own referrals and what else they may do.
pub struct MyReferrals {
    /// Newest first.
    pub rows: Vec<MyReferral>,
    /// The caller makes referrals (the form).
    pub may_refer: bool,
    /// The caller runs their organisation's triage queue.
    pub may_triage: bool,
}

/// The caller's own referrals, newest first (nobody else's): staff (404 for
/// participants).
pub async fn mine(cx: &Caller, before: Option<(i64, String)>, limit: i64) -> Result<MyReferrals> {
    let a = cx.actor()?;
    policy::require(a, Action::UseStaffArea)?;
    let rows = db::list_by_referrer(cx.db(), &a.user.id, before, limit).await?;
    let attendance = klubi_db::attendance::for_referrer(cx.db(), &a.user.id, cx.now).await?;
    let org = a.user.organisation_id.clone().unwrap_or_default();
    Ok(MyReferrals {
        rows: rows
            .into_iter()
            .map(|r| MyReferral {
                attendance: attendance
                    .get(&(r.group_id.clone(), r.participant_id.clone()))
                    .copied(),
                referral: r,
            })
            .collect(),
        may_refer: policy::allows(a, Action::MakeReferrals),
        may_triage: policy::allows(
            a,
            Action::Triage {
                organisation_id: &org,
            },
        ),
    })
}

/// The groups the caller may refer to now (their organisation's own or
/// partnered, open or running), by name.
pub async fn referable(cx: &Caller) -> Result<Vec<Group>> {
    let a = cx.actor()?;
    let Some(org) = a.user.organisation_id.as_deref() else {
        return Ok(vec![]);
    };
    let viewer = klubi_db::groups::Viewer {
        organisation_id: Some(org),
        user_id: &a.user.id,
    };
    let mut out = vec![];
    for status in ["open", "running"] {
        let filter = klubi_db::groups::Filter {
            status: Some(status.into()),
            organisation_id: Some(org.to_string()),
            ..Default::default()
        };
        out.extend(klubi_db::groups::list(cx.db(), &viewer, &filter, cx.now, 500).await?);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// The referral form: case managers (403 for other staff, 404 for
/// participants); the groups they may refer to.
pub async fn referral_form(cx: &Caller) -> Result<Vec<Group>> {
    policy::require(cx.actor()?, Action::MakeReferrals)?;
    referable(cx).await
}

/// The status a case manager reads (`completed` once the group is over).
pub fn shown_status(r: &Referral) -> &'static str {
    klubi_domain::referrals::shown_status(
        r.status,
        r.group_status.parse().unwrap_or(GroupStatus::Planned),
    )
}
