//! The caller's own data (issue 17): their copy and who read it.

use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use serde::Serialize;

/// Everything Klubi holds about the caller, one key per kind of data:
/// `account`, `roles`, `tokens`, `sessions`, `second_factor`,
/// `calendar_feed`, `referrals`, `enrolments`, `meetings`, `attendance`,
/// `no_show_alerts`, `compensation`, `internal_referrals`,
/// `specialist_sessions`, `mails`, `audit`. Times are RFC 3339.
#[utoipa::path(get, path = "/me/export", tag = "me",
    responses((status = 200, body = Object), (status = 401, body = super::Problem)))]
pub async fn export(cx: Cx) -> AppResult<Json<serde_json::Map<String, serde_json::Value>>> {
    Ok(Json(klubi_ops::privacy::my_data(&cx).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Reads {
    pub items: Vec<ReadItem>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReadItem {
    /// RFC 3339.
    pub at: String,
    pub reader_id: String,
    pub reader_name: String,
    pub reader_roles: Vec<String>,
    pub organisation_name: Option<String>,
    /// What was read, as the audit log names it (`referral.read_needs`,
    /// `internal_referral.read_reason`, `internal_referral.read_notes`, `mail.read`).
    pub what: String,
}

/// Reads of the caller's personal data by staff, newest first (the last 500).
#[utoipa::path(get, path = "/me/reads", tag = "me",
    responses((status = 200, body = Reads), (status = 401, body = super::Problem)))]
pub async fn reads(cx: Cx) -> AppResult<Json<Reads>> {
    let items = klubi_ops::privacy::who_read_my_data(&cx)
        .await?
        .into_iter()
        .map(|r| ReadItem {
            at: klubi_ops::i18n::rfc3339(r.at),
            reader_id: r.reader_id,
            reader_name: r.reader_name,
            reader_roles: r.reader_roles,
            organisation_name: r.organisation_name,
            what: r.action,
        })
        .collect();
    Ok(Json(Reads { items }))
}
