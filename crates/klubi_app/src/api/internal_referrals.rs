//! Internal referrals to specialists (an extension of API.md): visible only to
//! the referring coach, the specialist and the participant.

use super::me::rfc3339;
use super::{ApiJson, List};
use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use klubi_domain::referrals::InternalStep;
use klubi_ops::internal_referrals::{self as ops, InternalDraft, InternalReferral, Session};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewInternalReferral {
    pub group_id: String,
    pub participant_id: String,
    pub specialist_id: String,
    pub reason: String,
    /// The participant agreed to the referral. Must be `true`.
    #[serde(default)]
    pub consent: Option<bool>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SessionOut {
    pub id: String,
    pub held_on: String,
    /// The specialist's own note.
    pub note: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InternalReferralOut {
    pub id: String,
    /// `pending`, `accepted` or `closed`.
    pub status: String,
    pub participant_id: String,
    pub participant_name: String,
    pub group_id: String,
    pub referred_by: String,
    pub referrer_name: String,
    pub specialist_id: String,
    pub specialist_name: String,
    /// In the answer for one referral only (each read is audit-logged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The sessions held: shown to the specialist only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Vec<SessionOut>>,
    pub consent_version: String,
    pub created_at: String,
    pub accepted_at: Option<String>,
    pub closed_at: Option<String>,
}

fn out(r: InternalReferral, reason: bool, sessions: Option<Vec<Session>>) -> InternalReferralOut {
    InternalReferralOut {
        status: r.status.as_str().to_string(),
        reason: reason.then_some(r.reason),
        sessions: sessions.map(|s| {
            s.into_iter()
                .map(|s| SessionOut {
                    id: s.id,
                    held_on: s.held_on,
                    note: s.note,
                })
                .collect()
        }),
        created_at: rfc3339(r.created_at),
        accepted_at: r.accepted_at.map(rfc3339),
        closed_at: r.closed_at.map(rfc3339),
        id: r.id,
        participant_id: r.participant_id,
        participant_name: r.participant_name,
        group_id: r.group_id,
        referred_by: r.referred_by,
        referrer_name: r.referrer_name,
        specialist_id: r.specialist_id,
        specialist_name: r.specialist_name,
        consent_version: r.consent_version,
    }
}

/// Refers an enrolled participant of a group the caller facilitates to a
/// specialist of the partnership, with the participant's consent.
#[utoipa::path(post, path = "/internal-referrals", tag = "referrals", request_body = NewInternalReferral,
    responses((status = 201, body = InternalReferralOut), (status = 403, body = super::Problem),
              (status = 404, body = super::Problem), (status = 422, body = super::Problem)))]
pub async fn create(
    cx: Cx,
    ApiJson(b): ApiJson<NewInternalReferral>,
) -> AppResult<(StatusCode, Json<InternalReferralOut>)> {
    let r = ops::create(
        &cx,
        &InternalDraft {
            group_id: b.group_id,
            participant_id: b.participant_id,
            specialist_id: b.specialist_id,
            reason: b.reason,
            consent: b.consent == Some(true),
        },
    )
    .await?;
    // The coach's own words back, as `POST /referrals` answers: not a read of
    // someone else's data (the create is audit-logged already).
    Ok((StatusCode::CREATED, Json(out(r, true, None))))
}

/// The caller's internal referrals: made, received, or about them.
#[utoipa::path(get, path = "/internal-referrals", tag = "referrals",
    responses((status = 200, body = List<InternalReferralOut>)))]
pub async fn list(cx: Cx) -> AppResult<Json<List<InternalReferralOut>>> {
    let rows = ops::list(&cx).await?;
    Ok(Json(List {
        items: rows.into_iter().map(|r| out(r, false, None)).collect(),
        next_cursor: None,
    }))
}

/// One internal referral with its reason; the specialist also gets the sessions.
#[utoipa::path(get, path = "/internal-referrals/{id}", tag = "referrals", params(("id" = String, Path)),
    responses((status = 200, body = InternalReferralOut), (status = 404, body = super::Problem)))]
pub async fn get_one(cx: Cx, Path(id): Path<String>) -> AppResult<Json<InternalReferralOut>> {
    let r = ops::read(&cx, &id).await?;
    Ok(Json(out(r.referral, true, r.sessions)))
}

async fn stepped(cx: &Cx, id: &str, step: InternalStep) -> AppResult<Json<InternalReferralOut>> {
    let r = ops::step(cx, id, step).await?;
    Ok(Json(out(r, false, None)))
}

/// The specialist takes the referral on.
#[utoipa::path(post, path = "/internal-referrals/{id}/accept", tag = "referrals", params(("id" = String, Path)),
    responses((status = 200, body = InternalReferralOut), (status = 403, body = super::Problem),
              (status = 404, body = super::Problem), (status = 409, body = super::Problem)))]
pub async fn accept(cx: Cx, Path(id): Path<String>) -> AppResult<Json<InternalReferralOut>> {
    stepped(&cx, &id, InternalStep::Accept).await
}

/// The specialist closes the referral.
#[utoipa::path(post, path = "/internal-referrals/{id}/close", tag = "referrals", params(("id" = String, Path)),
    responses((status = 200, body = InternalReferralOut), (status = 403, body = super::Problem),
              (status = 404, body = super::Problem), (status = 409, body = super::Problem)))]
pub async fn close(cx: Cx, Path(id): Path<String>) -> AppResult<Json<InternalReferralOut>> {
    stepped(&cx, &id, InternalStep::Close).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewSession {
    /// `YYYY-MM-DD`, today or earlier.
    pub held_on: String,
    #[serde(default)]
    pub note: String,
}

/// Records a session the specialist held, with a note only they will read.
#[utoipa::path(post, path = "/internal-referrals/{id}/sessions", tag = "referrals", params(("id" = String, Path)),
    request_body = NewSession,
    responses((status = 201, body = SessionOut), (status = 403, body = super::Problem),
              (status = 404, body = super::Problem), (status = 409, body = super::Problem),
              (status = 422, body = super::Problem)))]
pub async fn add_session(
    cx: Cx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<NewSession>,
) -> AppResult<(StatusCode, Json<SessionOut>)> {
    let s = ops::add_session(&cx, &id, &b.held_on, &b.note).await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionOut {
            id: s.id,
            held_on: s.held_on,
            note: s.note,
        }),
    ))
}
