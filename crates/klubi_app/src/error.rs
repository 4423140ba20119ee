//! The operations' errors as responses, mapped once: the status here, the body
//! by the context middleware (`request::render_errors`): an RFC 9457 problem for
//! the API, a translated page for the web.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use klubi_domain::Invalid;

/// What went wrong: the operations' one error enum (pages match on its variants).
pub use klubi_ops::Error as AppError;

/// An [`AppError`] on its way to becoming a response (what handlers return).
#[derive(Debug)]
pub struct WebError(pub AppError);

pub type AppResult<T> = Result<T, WebError>;

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        WebError(e)
    }
}

impl From<Invalid> for WebError {
    fn from(e: Invalid) -> Self {
        WebError(AppError::Invalid(e))
    }
}

pub fn status(e: &AppError) -> StatusCode {
    match e {
        AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
        AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Conflict(_) | AppError::ConflictWith(..) => StatusCode::CONFLICT,
        AppError::Invalid(_) | AppError::InvalidWith(..) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
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

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status = status(&e);
        let extra = match &e {
            AppError::ConflictWith(_, extra) | AppError::InvalidWith(_, extra) => extra.clone(),
            _ => vec![],
        };
        let (detail_key, errors) = match &e {
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
            AppError::Busy => ("error-busy", vec![]),
            AppError::Internal(msg) => {
                tracing::error!(error = %msg, "internal error");
                ("error-internal", vec![])
            }
        };
        let mut res = status.into_response();
        if matches!(e, AppError::Busy) {
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("2"),
            );
        }
        res.extensions_mut().insert(ErrorInfo {
            status,
            detail_key,
            errors,
            extra,
        });
        res
    }
}
