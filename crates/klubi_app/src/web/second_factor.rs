//! Two-step sign-in: the code page of a sign-in waiting for its code, one's
//! own setting-up page (QR code and the secret as text, recovery codes, new
//! codes, turning it off), an administrator's reset of someone's, and an
//! organisation's rule. Which pages a waiting session may reach is decided in
//! `request::context` ([`CODE_PATH`], [`SETUP_PATH`]).

use super::{Page, redirect_with, render, render_invalid, render_status};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields, SESSION_COOKIE, set_cookie};
use askama::Template;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use klubi_domain::Invalid;
use klubi_ops::second_factor::{self, CodeCheck, Gate, NewSecret, Status, Typed};
use serde::Deserialize;

/// Where a sign-in whose password was right asks for the code.
pub const CODE_PATH: &str = "/login/second-factor";
/// Where one sets up a second factor (and where someone who must have one
/// and has none is sent).
pub const SETUP_PATH: &str = "/account/second-factor";
/// The forms the setting-up page posts to.
pub const START_PATH: &str = "/account/second-factor/start";
pub const CONFIRM_PATH: &str = "/account/second-factor/confirm";

/// The paths a login session at `gate` may reach; `None` when every path.
pub fn reachable(gate: Gate) -> Option<&'static [&'static str]> {
    match gate {
        Gate::Open => None,
        Gate::Code => Some(&[CODE_PATH, "/logout", "/language"]),
        Gate::Enrol => Some(&[SETUP_PATH, START_PATH, CONFIRM_PATH, "/logout", "/language"]),
    }
}

/// Where a session at `gate` is sent from a path it may not reach.
pub fn gate_page(gate: Gate) -> &'static str {
    match gate {
        Gate::Code => CODE_PATH,
        Gate::Open | Gate::Enrol => SETUP_PATH,
    }
}

fn gate_of(cx: &Cx) -> Option<Gate> {
    cx.actor.as_deref().map(second_factor::gate)
}

/// A page without the menu: someone half signed in sees only where they are.
fn bare(cx: &Cx, title_key: &str) -> Page {
    let mut p = Page::new(cx, title_key);
    if gate_of(cx) != Some(Gate::Open) {
        p.nav.clear();
    }
    p
}

#[derive(Template)]
#[template(path = "second_factor/code.html")]
struct CodePage {
    p: Page,
}

pub async fn code_form(cx: Cx) -> Response {
    match gate_of(&cx) {
        None => Redirect::to("/login").into_response(),
        Some(Gate::Code) => render(&CodePage {
            p: bare(&cx, "second-factor-code-title"),
        }),
        Some(_) => Redirect::to("/").into_response(),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    recovery_code: Option<String>,
}

pub async fn code_submit(cx: Cx, form: CsrfForm<CodeForm>) -> AppResult<Response> {
    if gate_of(&cx) != Some(Gate::Code) {
        return Ok(Redirect::to("/login").into_response());
    }
    let f = form.value;
    let (field, typed) = match (&f.code, &f.recovery_code) {
        (_, Some(r)) => ("recovery_code", Typed::RecoveryCode(r)),
        (c, None) => ("code", Typed::Code(c.as_deref().unwrap_or_default())),
    };
    let refuse = |status: StatusCode, key: &'static str| {
        render_status(
            status,
            &CodePage {
                p: bare(&cx, "second-factor-code-title").with_errors(&Invalid::one(field, key)),
            },
        )
    };
    match second_factor::complete_sign_in(&cx, &cx.client_ip, typed).await {
        Ok(CodeCheck::SignedIn { cookie }) => {
            let mut res = Redirect::to("/").into_response();
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&cx.state, SESSION_COOKIE, &cookie, None),
            );
            Ok(res)
        }
        Ok(CodeCheck::Wrong) => Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-second-factor-code-wrong",
        )),
        Ok(CodeCheck::Throttled) => Ok(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "error-second-factor-throttled",
        )),
        // The waiting session ended meanwhile (expired, or used in another tab).
        Err(AppError::NotFound) => Ok(Redirect::to("/login").into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "second_factor/setup.html")]
struct SetupPage {
    p: Page,
    status: Status,
    new_secret: Option<NewSecret>,
    /// The QR code of the secret's `otpauth://` URI, as a `data:` URL of an SVG image.
    qr: String,
    /// One must set it up before anything else (the menu is hidden).
    forced: bool,
}

/// The QR code of `uri` as an SVG image in a `data:` URL (the CSP allows
/// `data:` images; an inline style would not be).
fn qr_data_url(uri: &str) -> AppResult<String> {
    let code =
        qrcode::QrCode::new(uri.as_bytes()).map_err(|e| AppError::Internal(format!("qr: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

async fn setup_page(cx: &Cx, p: Page) -> AppResult<SetupPage> {
    let setup = second_factor::setup(cx).await?;
    let qr = match &setup.new_secret {
        Some(s) => qr_data_url(&s.uri)?,
        None => String::new(),
    };
    Ok(SetupPage {
        forced: gate_of(cx) == Some(Gate::Enrol),
        p,
        status: setup.status,
        new_secret: setup.new_secret,
        qr,
    })
}

pub async fn setup(cx: Cx) -> AppResult<Response> {
    if cx.actor.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let p = bare(&cx, "second-factor-title");
    Ok(render(&setup_page(&cx, p).await?))
}

pub async fn start(cx: Cx, _form: CsrfForm<NoFields>) -> AppResult<Response> {
    second_factor::begin(&cx).await?;
    Ok(Redirect::to(&format!("{SETUP_PATH}#confirm-h")).into_response())
}

#[derive(Template)]
#[template(path = "second_factor/recovery_codes.html")]
struct RecoveryCodesPage {
    p: Page,
    codes: Vec<String>,
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    code: String,
}

/// The recovery codes are shown once, on the page that answers the form.
pub async fn confirm(cx: Cx, form: CsrfForm<ConfirmForm>) -> AppResult<Response> {
    match second_factor::confirm(&cx, &form.value.code).await {
        Ok(codes) => Ok(render(&RecoveryCodesPage {
            p: Page::new(&cx, "second-factor-codes-title"),
            codes,
        })),
        Err(AppError::Invalid(inv)) => {
            let p = bare(&cx, "second-factor-title").with_errors(&inv);
            Ok(render_invalid(&setup_page(&cx, p).await?))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
}

pub async fn new_codes(cx: Cx, form: CsrfForm<PasswordForm>) -> AppResult<Response> {
    match second_factor::new_recovery_codes(&cx, &form.value.current_password).await {
        Ok(codes) => Ok(render(&RecoveryCodesPage {
            p: Page::new(&cx, "second-factor-codes-title"),
            codes,
        })),
        Err(AppError::Invalid(mut inv)) => {
            // The page has two password fields: this form's is named apart.
            for e in &mut inv.0 {
                if e.field == "current_password" {
                    e.field = "codes_password".into();
                }
            }
            let p = bare(&cx, "second-factor-title").with_errors(&inv);
            Ok(render_invalid(&setup_page(&cx, p).await?))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn disable(cx: Cx, form: CsrfForm<PasswordForm>) -> AppResult<Response> {
    match second_factor::disable(&cx, &form.value.current_password).await {
        Ok(()) => Ok(redirect_with(&cx, "/account", "flash-second-factor-off")),
        Err(AppError::Invalid(inv)) => {
            let p = bare(&cx, "second-factor-title").with_errors(&inv);
            Ok(render_invalid(&setup_page(&cx, p).await?))
        }
        Err(e) => Err(e.into()),
    }
}

/// An administrator takes someone's second factor away (a lost phone).
pub async fn reset(
    cx: Cx,
    Path(id): Path<String>,
    _form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    second_factor::reset(&cx, &id).await?;
    Ok(redirect_with(
        &cx,
        &format!("/admin/users/{id}"),
        "flash-second-factor-reset",
    ))
}

#[derive(Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    second_factor: String,
}

/// An organisation's rule, from its page: `default` follows the installation's.
pub async fn set_rule(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<RuleForm>,
) -> AppResult<Response> {
    let value = form.value.second_factor;
    let rule = (value != "default").then_some(value.as_str());
    match second_factor::set_organisation_rule(&cx, &id, rule).await {
        Ok(_) => Ok(redirect_with(
            &cx,
            &format!("/admin/organisations/{id}"),
            "flash-second-factor-rule-saved",
        )),
        Err(AppError::Invalid(inv)) => super::organisations::edit_invalid(&cx, &id, &inv).await,
        Err(e) => Err(e.into()),
    }
}
