//! What an operation refuses or fails with: one enum for every feature, mapped
//! once by the app (`klubi_app::error`) to a problem document for the API and to
//! a translated page for the web.

use klubi_db::DbError;
use klubi_domain::Invalid;

#[derive(Debug, thiserror::Error)]
pub enum Error {
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
    /// Too much work at once (password hashing, requests in flight): come
    /// back in a moment (503 with Retry-After), rather than queue without end.
    #[error("busy")]
    Busy,
    #[error("internal: {0}")]
    Internal(String),
}

impl From<DbError> for Error {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => Error::NotFound,
            DbError::Conflict(key) => Error::Conflict(key),
            other => Error::Internal(other.to_string()),
        }
    }
}

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error::Invalid(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
