//! The JSON API (`/api/v1`), as API.md fixes it. Handlers parse, ask the policy,
//! change data in one transaction (with its audit row) and answer; errors become
//! RFC 9457 problems in [`problem`]. The OpenAPI document is generated from the
//! handlers' annotations, so it cannot drift from the code.

pub mod alerts;
pub mod attendance;
pub mod calendar;
pub mod compensation;
pub mod formats;
pub mod groups;
pub mod internal_referrals;
pub mod me;
pub mod meetings;
pub mod organisations;
pub mod privacy;
pub mod referrals;
pub mod reports;
pub mod second_factor;
pub mod users;

use crate::error::{AppError, ErrorInfo};
use crate::request::Cx;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use klubi_ops::state::AppStateRef;

#[derive(OpenApi)]
#[openapi(
    info(title = "Klubi API", version = "1", description = "Job-search clubs: see API.md for the contract."),
    servers((url = "/api/v1")),
    components(schemas(Problem, FieldProblem)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
        openapi.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
}

pub fn openapi_router() -> OpenApiRouter<AppStateRef> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me::get_me))
        .routes(routes!(me::list_tokens, me::create_token))
        .routes(routes!(me::revoke_token))
        .routes(routes!(privacy::export))
        .routes(routes!(privacy::reads))
        .routes(routes!(organisations::list, organisations::create))
        .routes(routes!(organisations::get_one))
        .routes(routes!(second_factor::set_rule))
        .routes(routes!(users::create))
        .routes(routes!(users::create_token))
        .routes(routes!(formats::list_formats, formats::create_format))
        .routes(routes!(formats::get_format, formats::update_format))
        .routes(routes!(formats::copy_format))
        .routes(routes!(groups::list_groups, groups::create_group))
        .routes(routes!(groups::get_group, groups::patch_group))
        .routes(routes!(meetings::list_meetings, meetings::create_meeting))
        .routes(routes!(meetings::generate_schedule))
        .routes(routes!(meetings::get_meeting, meetings::patch_meeting))
        .routes(routes!(meetings::cancel_meeting))
        .routes(routes!(calendar::get_feed))
        .routes(routes!(calendar::rotate_feed))
        .routes(routes!(calendar::feed))
        .routes(routes!(referrals::list_mine, referrals::create))
        .routes(routes!(referrals::list_pending))
        .routes(routes!(referrals::get_one))
        .routes(routes!(referrals::accept))
        .routes(routes!(referrals::decline))
        .routes(routes!(referrals::withdraw_referral))
        .routes(routes!(referrals::list_enrolments))
        .routes(routes!(referrals::withdraw))
        .routes(routes!(referrals::move_up))
        .routes(routes!(referrals::resend_invitation))
        .routes(routes!(
            internal_referrals::list,
            internal_referrals::create
        ))
        .routes(routes!(internal_referrals::get_one))
        .routes(routes!(internal_referrals::accept))
        .routes(routes!(internal_referrals::close))
        .routes(routes!(internal_referrals::add_session))
        .routes(routes!(attendance::get_sheet, attendance::put_marks))
        .routes(routes!(
            attendance::give_notice,
            attendance::take_back_notice
        ))
        .routes(routes!(compensation::get_compensation))
        .routes(routes!(compensation::get_compensation_csv))
        .routes(routes!(compensation::set_rate))
        .routes(routes!(compensation::approve))
        .routes(routes!(compensation::reopen))
        .routes(routes!(compensation::list_versions))
        .routes(routes!(compensation::get_version_csv))
        .routes(routes!(reports::get_report))
        .routes(routes!(attendance::my_attendance))
        .routes(routes!(compensation::my_compensation))
        .routes(routes!(alerts::list_alerts))
        .routes(routes!(alerts::set_alert_policy))
        .routes(routes!(compensation::organisation_month))
        .routes(routes!(compensation::organisation_month_csv))
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    openapi_router().split_for_parts().1
}

pub fn routes() -> Router<AppStateRef> {
    let (router, api) = openapi_router().split_for_parts();
    let doc = api.to_json().unwrap_or_else(|_| "{}".into());
    router.route(
        "/openapi.json",
        axum::routing::get(move || {
            let doc = doc.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], doc) }
        }),
    )
}

/// An RFC 9457 problem document.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// Extension members: what a conflict is with (`existing_referral_id`,
    /// `current_status`).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

pub fn problem(cx: &Cx, info: &ErrorInfo) -> Response {
    let slug = info.detail_key.trim_start_matches("error-");
    let body = Problem {
        type_: format!("urn:klubi:problem:{slug}"),
        title: klubi_ops::i18n::t(cx.lang, &format!("status-{}", info.status.as_u16())),
        status: info.status.as_u16(),
        detail: cx.t_args(
            info.detail_key,
            &info
                .extra
                .iter()
                .map(|(k, v)| (*k, v.clone()))
                .collect::<Vec<_>>(),
        ),
        errors: info
            .errors
            .iter()
            .map(|e| FieldProblem {
                field: e.field.clone(),
                message: cx.t(e.message),
            })
            .collect(),
        extra: info
            .extra
            .iter()
            .map(|(k, v)| ((*k).to_string(), serde_json::Value::String(v.clone())))
            .collect(),
    };
    let mut res = (info.status, Json(body)).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    res.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(cx.lang.code()),
    );
    if info.status == axum::http::StatusCode::UNAUTHORIZED {
        res.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    res
}

/// JSON body extractor whose every failure is a problem: malformed JSON is 400,
/// well-formed JSON of the wrong shape is 422 naming the field.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = crate::error::WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Self::read(req, state).await.map_err(crate::error::WebError)
    }
}

impl<T: DeserializeOwned> ApiJson<T> {
    async fn read<S: Send + Sync>(req: Request, state: &S) -> Result<Self, AppError> {
        use axum::extract::rejection::JsonRejection as R;
        let (parts, body) = req.into_parts();
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|e| {
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::TooLarge
                } else {
                    AppError::BadRequest("error-json-malformed")
                }
            })?;
        if let Some(field) = nul_field(&bytes) {
            // PostgreSQL cannot store a NUL character, and no text of ours has one.
            return Err(AppError::Invalid(klubi_domain::Invalid::one(
                field,
                "error-control-characters",
            )));
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(R::JsonSyntaxError(_)) => Err(AppError::BadRequest("error-json-malformed")),
            Err(R::MissingJsonContentType(_)) => {
                Err(AppError::BadRequest("error-json-content-type"))
            }
            Err(R::JsonDataError(e)) => {
                // "Failed to deserialize …: path.to.field: message" → the path.
                let text = e.body_text();
                let field = text
                    .split(": ")
                    .nth(1)
                    .filter(|f| !f.contains(' '))
                    .unwrap_or("body")
                    .to_string();
                let missing = text.contains("missing field");
                let field = if missing {
                    text.split('`').nth(1).unwrap_or(&field).to_string()
                } else {
                    field
                };
                Err(AppError::Invalid(klubi_domain::Invalid::one(
                    field,
                    if missing {
                        "error-required"
                    } else {
                        "error-wrong-type"
                    },
                )))
            }
            Err(R::BytesRejection(e))
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE =>
            {
                Err(AppError::TooLarge)
            }
            Err(_) => Err(AppError::BadRequest("error-json-malformed")),
        }
    }
}

/// Where a JSON body holds a NUL character (in a string or a key), as the
/// field path a 422 names (`participant.name`, `facilitator_ids[0]`). JSON can
/// carry one only as the escape `\u0000`, so bodies without it are not parsed twice.
fn nul_field(bytes: &[u8]) -> Option<String> {
    fn find(v: &serde_json::Value, at: &str) -> Option<String> {
        let join = |k: &str| {
            if at.is_empty() {
                k.to_string()
            } else {
                format!("{at}.{k}")
            }
        };
        match v {
            serde_json::Value::String(s) if s.contains('\0') => Some(at.to_string()),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, x)| find(x, &format!("{at}[{i}]"))),
            serde_json::Value::Object(m) => m.iter().find_map(|(k, x)| {
                if k.contains('\0') {
                    Some(join(&k.replace('\0', "")))
                } else {
                    find(x, &join(k))
                }
            }),
            _ => None,
        }
    }
    if !bytes.windows(6).any(|w| w == b"\\u0000") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    find(&value, "").map(|f| if f.is_empty() { "body".into() } else { f })
}

/// `?limit=&cursor=` of every list.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct Page {
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// From `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl Page {
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(50).clamp(1, 200)
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct List<T: utoipa::ToSchema> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// One page of `rows` fetched with `limit + 1`: the extra row only tells that
/// there is more, and the last kept row's `key` is the next cursor.
pub fn page_of<T>(
    mut rows: Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        let next = rows.last().map(key);
        (rows, next)
    } else {
        (rows, None)
    }
}

/// A `(unix seconds, id)` cursor as the time-ordered lists write it.
pub fn time_cursor(page: &Page) -> Result<Option<(i64, String)>, AppError> {
    let Some(c) = page.cursor.as_deref() else {
        return Ok(None);
    };
    let bad = || AppError::Invalid(klubi_domain::Invalid::one("cursor", "error-cursor-invalid"));
    let c = decode_cursor(c)?;
    let (t, id) = c.split_once(' ').ok_or_else(bad)?;
    Ok(Some((t.parse().map_err(|_| bad())?, id.to_string())))
}

pub fn encode_cursor(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
}

pub fn decode_cursor(c: &str) -> Result<String, AppError> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(c)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| {
            AppError::Invalid(klubi_domain::Invalid::one("cursor", "error-cursor-invalid"))
        })
}
