//! Referrals, triage and seats (API.md "referrals", "accept", "decline",
//! "withdraw", "enrolments").

use super::me::rfc3339;
use super::{ApiJson, List, Page, encode_cursor, time_cursor};
use crate::error::{AppError, AppResult};
use crate::request::Cx;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use klubi_domain::referrals::{ParticipantDraft, ReferralDraft};
use klubi_ops::referrals::{self, Referral, RosterEntry, Withdrawn};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ParticipantIn {
    pub name: String,
    /// An email address or a phone number is needed.
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// `fi` (default), `sv` or `en`: the language of their mails.
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewReferral {
    pub group_id: String,
    pub participant: ParticipantIn,
    /// The situation and needs, in the case manager's words.
    pub needs: String,
    /// The participant agreed (the consent text shown on the form, version
    /// `consent.version` in the answer). Must be `true`.
    #[serde(default)]
    pub consent: Option<bool>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ParticipantOut {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Consent {
    pub version: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReferralOut {
    pub id: String,
    /// `pending`, `enrolled`, `waitlisted`, `declined` or `withdrawn`.
    pub status: String,
    /// As the case manager's page shows it: `completed` once the group is
    /// finished for someone who held a seat, otherwise `status`.
    pub shown_status: String,
    pub group_id: String,
    pub group_name: String,
    pub participant_id: String,
    pub participant: ParticipantOut,
    pub referred_by: String,
    pub referrer_name: String,
    /// Only in the answer for one referral (each read is audit-logged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs: Option<String>,
    pub consent: Consent,
    pub decline_reason: Option<String>,
    pub decided_at: Option<String>,
    pub withdrawn_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// In the case manager's list, for someone who held a seat: meetings
    /// attended (present or late) of those held so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<ClientAttendance>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ClientAttendance {
    pub attended_meetings: i64,
    pub meetings_held: i64,
}

fn out(r: Referral, with_needs: bool) -> ReferralOut {
    ReferralOut {
        status: r.status.as_str().to_string(),
        shown_status: referrals::shown_status(&r).to_string(),
        needs: with_needs.then(|| r.needs.clone()),
        consent: Consent {
            version: r.consent_version,
            recorded_by: r.consent_by,
            recorded_at: rfc3339(r.consent_at),
        },
        decided_at: r.decided_at.map(rfc3339),
        withdrawn_at: r.withdrawn_at.map(rfc3339),
        created_at: rfc3339(r.created_at),
        updated_at: rfc3339(r.updated_at),
        attendance: None,
        participant: ParticipantOut {
            name: r.participant_name,
            email: r.participant_email,
            phone: r.participant_phone,
            language: r.participant_language,
        },
        id: r.id,
        group_id: r.group_id,
        group_name: r.group_name,
        participant_id: r.participant_id,
        referred_by: r.referred_by,
        referrer_name: r.referrer_name,
        decline_reason: r.decline_reason,
    }
}

/// Refers a person to a group (a case manager of the owner or a partner
/// organisation). The participant's account is found by email or created.
#[utoipa::path(post, path = "/referrals", tag = "referrals", request_body = NewReferral,
    responses((status = 201, body = ReferralOut), (status = 409, body = super::Problem),
              (status = 422, body = super::Problem)))]
pub async fn create(
    cx: Cx,
    ApiJson(b): ApiJson<NewReferral>,
) -> AppResult<(StatusCode, Json<ReferralOut>)> {
    let draft = ReferralDraft {
        group_id: b.group_id,
        participant: ParticipantDraft {
            name: b.participant.name,
            email: b.participant.email.unwrap_or_default(),
            phone: b.participant.phone.unwrap_or_default(),
            language: b.participant.language.unwrap_or_default(),
        },
        needs: b.needs,
        consent: b.consent == Some(true),
    };
    let r = referrals::refer(&cx, &draft).await?;
    Ok((StatusCode::CREATED, Json(out(r, true))))
}

/// The caller's own referrals, newest first.
#[utoipa::path(get, path = "/referrals", tag = "referrals", params(Page),
    responses((status = 200, body = List<ReferralOut>)))]
pub async fn list_mine(cx: Cx, Query(page): Query<Page>) -> AppResult<Json<List<ReferralOut>>> {
    let before = time_cursor(&page)?;
    let limit = page.limit();
    let mine = referrals::mine(&cx, before, limit + 1).await?;
    let (rows, next_cursor) = super::page_of(mine.rows, limit, |m| {
        encode_cursor(&format!("{} {}", m.referral.created_at, m.referral.id))
    });
    Ok(Json(List {
        items: rows
            .into_iter()
            .map(|m| {
                let mut o = out(m.referral, false);
                o.attendance = m.attendance.map(|(attended, held)| ClientAttendance {
                    attended_meetings: attended,
                    meetings_held: held,
                });
                o
            })
            .collect(),
        next_cursor,
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct TriageQuery {
    pub group_id: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The triage queue: pending referrals to the caller's organisation's groups,
/// oldest first, with their needs texts (each read is audit-logged).
#[utoipa::path(get, path = "/referrals/pending", tag = "referrals", params(TriageQuery),
    responses((status = 200, body = List<ReferralOut>), (status = 403, body = super::Problem)))]
pub async fn list_pending(
    cx: Cx,
    Query(q): Query<TriageQuery>,
) -> AppResult<Json<List<ReferralOut>>> {
    let page = Page {
        limit: q.limit,
        cursor: q.cursor,
    };
    let after = time_cursor(&page)?;
    let limit = page.limit();
    let queue = referrals::pending(&cx, q.group_id.as_deref(), after, limit).await?;
    let (rows, next_cursor) = super::page_of(queue, limit, |r| {
        encode_cursor(&format!("{} {}", r.created_at, r.id))
    });
    Ok(Json(List {
        items: rows.into_iter().map(|r| out(r, true)).collect(),
        next_cursor,
    }))
}

/// One referral with its needs text: its case manager and the group's
/// coordinators (404 for everyone else).
#[utoipa::path(get, path = "/referrals/{id}", tag = "referrals", params(("id" = String, Path)),
    responses((status = 200, body = ReferralOut), (status = 404, body = super::Problem)))]
pub async fn get_one(cx: Cx, Path(id): Path<String>) -> AppResult<Json<ReferralOut>> {
    let read = referrals::read(&cx, &id).await?;
    Ok(Json(out(read.referral, true)))
}

/// Accepts: `enrolled` while there is a seat, `waitlisted` when the group is
/// full. Concurrent accepts never exceed the capacity.
#[utoipa::path(post, path = "/referrals/{id}/accept", tag = "referrals", params(("id" = String, Path)),
    responses((status = 200, body = ReferralOut), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem)))]
pub async fn accept(cx: Cx, Path(id): Path<String>) -> AppResult<Json<ReferralOut>> {
    let r = referrals::accept(&cx, &id).await?;
    Ok(Json(out(r, false)))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct Reason {
    #[serde(default)]
    pub reason: Option<String>,
}

/// An optional JSON body: empty is `Reason::default()`.
fn optional_reason(body: &Bytes) -> AppResult<String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(String::new());
    }
    let r: Reason = serde_json::from_slice(body).map_err(|e| {
        if e.is_data() {
            AppError::Invalid(klubi_domain::Invalid::one("reason", "error-wrong-type"))
        } else {
            AppError::BadRequest("error-json-malformed")
        }
    })?;
    Ok(r.reason.unwrap_or_default())
}

/// Declines with a reason (sent to the case manager).
#[utoipa::path(post, path = "/referrals/{id}/decline", tag = "referrals", params(("id" = String, Path)),
    request_body = Reason,
    responses((status = 200, body = ReferralOut), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn decline(cx: Cx, Path(id): Path<String>, body: Bytes) -> AppResult<Json<ReferralOut>> {
    let reason = optional_reason(&body)?;
    let r = referrals::decline(&cx, &id, &reason).await?;
    Ok(Json(out(r, false)))
}

/// Withdraws a referral (pending, enrolled or waitlisted); a freed seat goes
/// to the first on the waiting list.
#[utoipa::path(post, path = "/referrals/{id}/withdraw", tag = "referrals", params(("id" = String, Path)),
    request_body = Reason,
    responses((status = 200, body = ReferralOut), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem)))]
pub async fn withdraw_referral(
    cx: Cx,
    Path(id): Path<String>,
    body: Bytes,
) -> AppResult<Json<ReferralOut>> {
    let reason = optional_reason(&body)?;
    let r = referrals::withdraw_referral(&cx, &id, &reason).await?;
    Ok(Json(out(r, false)))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EnrolmentOut {
    pub participant_id: String,
    pub name: String,
    /// `enrolled`, `waitlisted` or `withdrawn`.
    pub status: String,
    /// Meetings attended (present or late).
    pub attended_count: i64,
    /// 1-based place on the waiting list.
    pub position: Option<usize>,
    pub referral_id: Option<String>,
    pub referred_by: Option<String>,
    pub referrer_name: Option<String>,
    /// Why a coordinator moved them up the waiting list.
    pub moved_up_reason: Option<String>,
}

fn enrolment_out(e: RosterEntry) -> EnrolmentOut {
    EnrolmentOut {
        participant_id: e.participant_id,
        name: e.name,
        status: e.status,
        attended_count: e.attended_count,
        position: e.position,
        referral_id: e.referral_id,
        referred_by: e.referred_by,
        referrer_name: e.referrer_name,
        moved_up_reason: e.moved_up_reason,
    }
}

/// The roster: enrolled by name, then the waiting list in order, then those
/// who withdrew. Case managers see only the people they referred.
#[utoipa::path(get, path = "/groups/{id}/enrolments", tag = "referrals", params(("id" = String, Path), Page),
    responses((status = 200, body = List<EnrolmentOut>), (status = 404, body = super::Problem)))]
pub async fn list_enrolments(
    cx: Cx,
    Path(id): Path<String>,
    Query(page): Query<Page>,
) -> AppResult<Json<List<EnrolmentOut>>> {
    let all = referrals::enrolments(&cx, &id).await?;
    let start = match page.cursor.as_deref() {
        None => 0,
        Some(c) => super::decode_cursor(c)?
            .parse::<usize>()
            .map_err(|_| klubi_domain::Invalid::one("cursor", "error-cursor-invalid"))?,
    };
    let limit = usize::try_from(page.limit()).unwrap_or(50);
    let end = (start + limit).min(all.len());
    let next_cursor = (end < all.len()).then(|| encode_cursor(&end.to_string()));
    Ok(Json(List {
        items: all
            .into_iter()
            .skip(start)
            .take(end.saturating_sub(start))
            .map(enrolment_out)
            .collect(),
        next_cursor,
    }))
}

/// Takes the participant out of the group: its coordinators, the case manager
/// who referred them, or the participant themself. The freed seat goes to the
/// first on the waiting list in the same transaction.
#[utoipa::path(post, path = "/groups/{id}/enrolments/{participant_id}/withdraw", tag = "referrals",
    params(("id" = String, Path), ("participant_id" = String, Path)), request_body = Reason,
    responses((status = 200, body = EnrolmentOut), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem)))]
pub async fn withdraw(
    cx: Cx,
    Path((id, participant_id)): Path<(String, String)>,
    body: Bytes,
) -> AppResult<Json<EnrolmentOut>> {
    let reason = optional_reason(&body)?;
    Ok(Json(
        match referrals::withdraw(&cx, &id, &participant_id, &reason).await? {
            Withdrawn::Seat(e) => enrolment_out(*e),
            // A pending referral had no seat yet: it is withdrawn all the same.
            Withdrawn::Referral {
                participant_id,
                name,
            } => EnrolmentOut {
                name,
                participant_id,
                status: "withdrawn".into(),
                attended_count: 0,
                position: None,
                referral_id: None,
                referred_by: None,
                referrer_name: None,
                moved_up_reason: None,
            },
        },
    ))
}

/// Moves a waiting participant up the list; the written reason is kept,
/// audit-logged and shown in the roster.
#[utoipa::path(post, path = "/groups/{id}/enrolments/{participant_id}/move-up", tag = "referrals",
    params(("id" = String, Path), ("participant_id" = String, Path)), request_body = Reason,
    responses((status = 200, body = List<EnrolmentOut>), (status = 404, body = super::Problem),
              (status = 409, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn move_up(
    cx: Cx,
    Path((id, participant_id)): Path<(String, String)>,
    body: Bytes,
) -> AppResult<Json<List<EnrolmentOut>>> {
    let reason = optional_reason(&body)?;
    let all = referrals::move_up(&cx, &id, &participant_id, &reason).await?;
    Ok(Json(List {
        items: all.into_iter().map(enrolment_out).collect(),
        next_cursor: None,
    }))
}

/// Mails an enrolled participant a new sign-in link (the old one stops working).
#[utoipa::path(post, path = "/groups/{id}/enrolments/{participant_id}/resend-invitation", tag = "referrals",
    params(("id" = String, Path), ("participant_id" = String, Path)),
    responses((status = 204), (status = 404, body = super::Problem), (status = 409, body = super::Problem)))]
pub async fn resend_invitation(
    cx: Cx,
    Path((id, participant_id)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    referrals::resend_invitation(&cx, &id, &participant_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
