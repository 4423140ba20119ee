//! One error type for every handler, mapped once: to an RFC 9457 problem for
//! the API and to a translated page for the web (see `request::render_errors`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use klubi_db::DbError;
use klubi_domain::Invalid;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request could not be read (malformed JSON, an unreadable form).
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("unauthorized")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// The form's CSRF token was missing or wrong, or the request came from another site.
    #[error("csrf")]
    Csrf,
    #[error("payload too large")]
    TooLarge,
    /// Not found, or not visible to the caller: the two are never told apart.
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A conflict whose problem document names what it conflicts with
    /// (extension members, e.g. `existing_referral_id`, `current_status`).
    #[error("conflict: {0}")]
    ConflictWith(&'static str, Vec<(&'static str, String)>),
    #[error("invalid: {0:?}")]
    Invalid(Invalid),
    /// Invalid input whose problem names what was wrong (extension members,
    /// also given to the detail's translation, e.g. `participant_id`).
    #[error("invalid: {0:?}")]
    InvalidWith(Invalid, Vec<(&'static str, String)>),
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) | AppError::ConflictWith(..) => StatusCode::CONFLICT,
            AppError::Invalid(_) | AppError::InvalidWith(..) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AppError::NotFound,
            DbError::Conflict(key) => AppError::Conflict(key),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        AppError::Invalid(e)
    }
}

/// What the error middleware needs to render the body in the caller's language.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub status: StatusCode,
    /// Catalogue key of the detail.
    pub detail_key: &'static str,
    pub errors: Vec<klubi_domain::FieldError>,
    /// Extension members of the problem document.
    pub extra: Vec<(&'static str, String)>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let extra = match &self {
            AppError::ConflictWith(_, extra) | AppError::InvalidWith(_, extra) => extra.clone(),
            _ => vec![],
        };
        let (detail_key, errors) = match &self {
            AppError::ConflictWith(k, _) => (*k, vec![]),
            AppError::BadRequest(k) | AppError::Conflict(k) => (*k, vec![]),
            AppError::Unauthorized => ("error-unauthorized", vec![]),
            AppError::Forbidden => ("error-forbidden", vec![]),
            AppError::Csrf => ("error-csrf", vec![]),
            AppError::TooLarge => ("error-too-large", vec![]),
            AppError::NotFound => ("error-not-found", vec![]),
            AppError::Invalid(inv) => ("error-invalid", inv.0.clone()),
            AppError::InvalidWith(inv, _) => (
                inv.0.first().map_or("error-invalid", |e| e.message),
                inv.0.clone(),
            ),
            AppError::Internal(msg) => {
                tracing::error!(error = %msg, "internal error");
                ("error-internal", vec![])
            }
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(ErrorInfo {
            status,
            detail_key,
            errors,
            extra,
        });
        res
    }
}

pub type AppResult<T> = Result<T, AppError>;
