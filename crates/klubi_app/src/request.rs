//! Everything a request needs before its handler runs, decided once:
//! who is calling, in which language, the request id and the CSRF token; and
//! after it, every error rendered once (problem+json for the API, a page otherwise).

use crate::error::{AppError, ErrorInfo, WebError};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use klubi_domain::people::Language;
use klubi_ops::Caller;
use klubi_ops::auth::{Actor, secret};
use klubi_ops::state::AppStateRef;
use serde::de::DeserializeOwned;
use std::net::SocketAddr;
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "klubi_session";
pub const CSRF_COOKIE: &str = "klubi_csrf";
pub const LANG_COOKIE: &str = "klubi_lang";
pub const FLASH_COOKIE: &str = "klubi_flash";

/// The request's context, made by [`context`] and taken by handlers as an
/// extractor: the [`Caller`] the operations take (who, when, language, request
/// id, base URL; `cx.actor()`, `cx.lang`… read through to it) and what only the
/// web needs.
#[derive(Clone)]
pub struct Cx {
    pub caller: Caller,
    /// The CSRF token forms must carry: the login session's, or a cookie's before sign-in.
    pub csrf: String,
    pub path: String,
    pub is_api: bool,
    /// The request came from htmx, which wants a fragment rather than a page.
    pub htmx: bool,
    pub client_ip: String,
    /// A flash message key from the previous redirect.
    pub flash: Option<String>,
}

impl std::ops::Deref for Cx {
    type Target = Caller;
    fn deref(&self) -> &Caller {
        &self.caller
    }
}

/// The base of URLs in a response: the public URL when set, otherwise the
/// Host the request named (when it is a plain host[:port]), else the listen
/// address.
fn response_base(state: &AppStateRef, headers: &HeaderMap) -> String {
    if state.config.public_url.is_some() {
        return state.config.base_url();
    }
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .map_or_else(|| state.config.base_url(), |h| format!("http://{h}"))
}

impl<S: Send + Sync> FromRequestParts<S> for Cx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Cx>()
            .cloned()
            .ok_or_else(|| WebError(AppError::Internal("request context missing".into())))
    }
}

/// A cookie's name as sent: under https with the `__Host-` prefix, which a
/// browser accepts only from this host, over https, for path `/` (so no
/// sibling domain can plant or overwrite it).
pub fn cookie_name(state: &AppStateRef, name: &str) -> String {
    if state.config.https() {
        format!("__Host-{name}")
    } else {
        name.to_string()
    }
}

/// The value of our cookie `name` (by its name as sent: [`cookie_name`]).
pub fn our_cookie<'a>(state: &AppStateRef, headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    cookie(headers, &cookie_name(state, name))
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, path /, and on https Secure
/// with the `__Host-` prefix.
pub fn set_cookie(
    state: &AppStateRef,
    name: &str,
    value: &str,
    max_age: Option<i64>,
) -> HeaderValue {
    let mut c = cookie::Cookie::new(cookie_name(state, name), value.to_string());
    c.set_http_only(true);
    c.set_same_site(cookie::SameSite::Lax);
    c.set_path("/");
    c.set_secure(state.config.https());
    if let Some(age) = max_age {
        c.set_max_age(cookie::time::Duration::seconds(age));
    }
    HeaderValue::from_str(&c.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

async fn resolve_session(state: &AppStateRef, headers: &HeaderMap, now: i64) -> Option<Actor> {
    klubi_ops::auth::by_session(state, our_cookie(state, headers, SESSION_COOKIE)?, now).await
}

async fn resolve_token(state: &AppStateRef, headers: &HeaderMap, now: i64) -> Option<Actor> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?
        .trim();
    klubi_ops::auth::by_token(state, token, now).await
}

/// Rejects state-changing page requests that a browser says come from another site.
/// The form token is checked too (by [`CsrfForm`]); this stops the request before
/// any handler runs, even for handlers that take no form.
fn cross_site(req: &Request, state: &AppStateRef) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if origin == "null" {
            return true;
        }
        // Against the public address when there is one, else the Host asked
        // for (the origin a browser would send for a page of this server).
        let expected = match &state.config.public_url {
            Some(u) => u.clone(),
            None => format!(
                "http://{}",
                h.get(header::HOST)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
            ),
        };
        let host = |u: &str| {
            let rest = u.split("://").nth(1).unwrap_or("");
            rest.split('/').next().unwrap_or("").to_ascii_lowercase()
        };
        return host(origin) != host(&expected);
    }
    false
}

fn is_public_api(path: &str) -> bool {
    // The calendar feed authenticates by the secret in its URL (calendar apps
    // cannot send a token header).
    matches!(path, "/api/v1/openapi.json" | "/api/v1/me/calendar.ics")
}

/// Whether a client's `X-Request-Id` is kept: a short token (1–64 of
/// `A–Z a–z 0–9 . _ -`). Anything else — long, odd characters, something
/// meant to be read as markup or as another log line — is not echoed back
/// nor written into the audit log.
pub fn request_id_ok(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The outermost layer: drops a client's `X-Request-Id` that is not a short
/// token (or comes more than once), so that the request id layer after it
/// makes a fresh one instead of keeping what the client sent.
pub async fn screen_request_id(mut req: Request, next: Next) -> Response {
    let mut given = req.headers().get_all("x-request-id").iter();
    let keep = matches!(
        (given.next(), given.next()),
        (Some(v), None) if v.to_str().is_ok_and(request_id_ok)
    );
    if !keep {
        req.headers_mut().remove("x-request-id");
    }
    next.run(req).await
}

/// The context middleware. Also renders every error response it sees.
pub async fn context(State(state): State<AppStateRef>, mut req: Request, next: Next) -> Response {
    let now = state.clock.now();
    let path = req.uri().path().to_string();
    let is_api = path.starts_with("/api/");
    let headers = req.headers();
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| request_id_ok(v))
        .unwrap_or("-")
        .to_string();
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let client_ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| state.config.client_ip(c.0.ip(), &forwarded).to_string())
        .unwrap_or_else(|| "unknown".into());

    // Static files and probes need no caller: skip the lookups.
    let plain = path.starts_with("/static/") || path == "/healthz" || path == "/metrics";
    let actor = if plain {
        None
    } else if is_api {
        resolve_token(&state, headers, now).await
    } else {
        resolve_session(&state, headers, now).await
    };

    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Language::negotiate);
    let chosen = our_cookie(&state, headers, LANG_COOKIE).and_then(|c| c.parse().ok());
    let lang = match (&actor, is_api) {
        (Some(a), true) => accept.unwrap_or(a.user.language),
        (Some(a), false) => a.user.language,
        (None, _) => chosen.or(accept).unwrap_or_default(),
    };

    let (csrf, new_csrf) = match actor.as_ref().and_then(|a| a.session.as_ref()) {
        Some(s) => (s.csrf_token.clone(), false),
        None => match our_cookie(&state, headers, CSRF_COOKIE).filter(|c| c.len() == 43) {
            Some(c) => (c.to_string(), false),
            None => (secret::new_secret(), true),
        },
    };
    let flash = our_cookie(&state, headers, FLASH_COOKIE)
        .filter(|k| k.len() < 80 && k.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .map(str::to_string);

    let cx = Cx {
        caller: Caller {
            state: state.clone(),
            actor: actor.map(Arc::new),
            lang,
            request_id,
            now,
            // Links that leave Klubi never take their host from the request
            // (a forged Host header would otherwise put an attacker's host
            // into mail); URLs in the response may (API.md).
            base: state.config.base_url(),
            response_base: response_base(&state, headers),
            system: false,
        },
        csrf: csrf.clone(),
        path,
        is_api,
        htmx: headers.contains_key("hx-request"),
        client_ip,
        flash: flash.clone(),
    };
    req.extensions_mut().insert(cx.clone());

    // Staff who must have a second factor cannot use a page without it: a
    // login session waiting for its code, or of someone who must set one up,
    // reaches those pages only (and signing out, and the language switch).
    let gate = match (&cx.actor, is_api) {
        (Some(a), false) => klubi_ops::second_factor::gate(a),
        _ => klubi_ops::second_factor::Gate::Open,
    };
    let gated = crate::web::second_factor::reachable(gate)
        .is_some_and(|paths| !paths.contains(&cx.path.as_str()));

    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // The API answers 401 before reading a body, so an anonymous caller learns nothing
    // from validation. The OpenAPI document is public.
    let anonymous_api = is_api && cx.actor.is_none() && !is_public_api(&cx.path);
    // A NUL character (only ever `%00` here) can name nothing, and PostgreSQL
    // would refuse it in any query it reached.
    let nul_in_query = req.uri().query().is_some_and(|q| q.contains("%00"));
    let mut res = if anonymous_api {
        WebError(AppError::Unauthorized).into_response()
    } else if cx.path.contains("%00") {
        WebError(AppError::NotFound).into_response()
    } else if nul_in_query {
        WebError(AppError::BadRequest("error-control-characters")).into_response()
    } else if unsafe_method && !is_api && cross_site(&req, &state) {
        WebError(AppError::Csrf).into_response()
    } else if unsafe_method && cx.actor.as_ref().is_some_and(|a| a.read_only) {
        // A read-only API token may read, nothing else.
        WebError(AppError::Forbidden).into_response()
    } else if gated {
        axum::response::Redirect::to(crate::web::second_factor::gate_page(gate)).into_response()
    } else {
        next.run(req).await
    };

    if !is_api && !unsafe_method && res.status() == StatusCode::UNAUTHORIZED {
        // A page that needs a signed-in user (an expired session, a bookmark):
        // straight to the sign-in page rather than an error.
        res = axum::response::Redirect::to("/login").into_response();
    } else if res.status().is_client_error() || res.status().is_server_error() {
        res = render_error(&cx, res).await;
    }
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    let h = res.headers_mut();
    // Only pages carry forms; a cookie on a cacheable static file would be wrong.
    if new_csrf && is_html {
        h.append(
            header::SET_COOKIE,
            set_cookie(&state, CSRF_COOKIE, &csrf, None),
        );
    }
    if flash.is_some() && !unsafe_method {
        h.append(
            header::SET_COOKIE,
            set_cookie(&state, FLASH_COOKIE, "", Some(0)),
        );
    }
    res
}

/// Gives every error the body it should have. Responses that already carry a
/// body of ours (a re-rendered form, a problem document) pass through.
async fn render_error(cx: &Cx, res: Response) -> Response {
    let info = match res.extensions().get::<ErrorInfo>() {
        Some(i) => i.clone(),
        None => {
            let ct = res
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if ct.starts_with("text/html") || ct.starts_with("application/problem+json") {
                return res;
            }
            let status = res.status();
            ErrorInfo {
                status,
                detail_key: match status {
                    StatusCode::NOT_FOUND => "error-not-found",
                    StatusCode::METHOD_NOT_ALLOWED => "error-method-not-allowed",
                    StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
                    StatusCode::REQUEST_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE => {
                        "error-timeout"
                    }
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => "error-unsupported-media-type",
                    s if s.is_server_error() => "error-internal",
                    _ => "error-bad-request",
                },
                errors: vec![],
                extra: vec![],
            }
        }
    };
    let mut out = if cx.is_api {
        crate::api::problem(cx, &info)
    } else {
        crate::web::errors::page(cx, &info)
    };
    // Keep headers a handler set deliberately (e.g. Allow, WWW-Authenticate).
    for (k, v) in res.headers() {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    *out.status_mut() = info.status;
    out
}

/// For forms whose only field is the CSRF token (a button that posts).
#[derive(serde::Deserialize)]
pub struct NoFields {}

/// A form body whose CSRF token has been checked against the request's.
/// Fields the struct doesn't name are ignored; `pairs` keeps every raw pair
/// (for repeated fields such as checkboxes).
pub struct CsrfForm<T> {
    pub value: T,
    pub pairs: Vec<(String, String)>,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for CsrfForm<T> {
    type Rejection = WebError;
    async fn from_request(req: Request<Body>, state: &S) -> Result<Self, Self::Rejection> {
        let cx = req
            .extensions()
            .get::<Cx>()
            .cloned()
            .ok_or_else(|| WebError(AppError::Internal("request context missing".into())))?;
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::BadRequest("error-form-unreadable")
            }
        })?;
        let pairs: Vec<(String, String)> = form_urlencoded::parse(&bytes)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let token = pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if !secret::equal(token, &cx.csrf) {
            return Err(AppError::Csrf.into());
        }
        if pairs
            .iter()
            .any(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            // No form of ours can send one (only a crafted request), and
            // PostgreSQL cannot store it.
            return Err(AppError::BadRequest("error-control-characters").into());
        }
        let value = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| AppError::BadRequest("error-form-unreadable"))?;
        Ok(CsrfForm { value, pairs })
    }
}

/// Security headers on every response.
pub async fn security_headers(
    State(state): State<AppStateRef>,
    req: Request,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    // A handler may ask for a stricter one (the calendar feed's URL is its secret).
    if !h.contains_key("referrer-policy") {
        set(h, "referrer-policy", "same-origin");
    }
    set(h, "x-frame-options", "DENY");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    );
    if state.config.https() {
        set(
            h,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    res
}
