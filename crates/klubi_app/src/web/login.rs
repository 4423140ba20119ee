//! Signing in and out, forgotten passwords, and the single-use links of
//! invitations and password resets.

use super::{Page, no_referrer, redirect_with, render, render_invalid, render_status};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields, SESSION_COOKIE, set_cookie};
use askama::Template;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use klubi_domain::Invalid;
use klubi_ops::accounts::{self, Code, LinkUse, SignIn};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login/login.html")]
struct LoginPage {
    p: Page,
    email: String,
    /// A generic failure message (never says whether the account exists).
    failure: Option<String>,
}

pub async fn form(cx: Cx) -> Response {
    if cx.actor.is_some() {
        return Redirect::to("/").into_response();
    }
    render(&LoginPage {
        p: Page::new(&cx, "login-title"),
        email: String::new(),
        failure: None,
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn submit(cx: Cx, form: CsrfForm<LoginForm>) -> AppResult<Response> {
    let f = form.value;
    let mut inv = Invalid::default();
    if f.email.trim().is_empty() {
        inv.push("email", "error-required");
    }
    if f.password.is_empty() {
        inv.push("password", "error-required");
    }
    if !inv.is_empty() {
        return Ok(render_invalid(&LoginPage {
            p: Page::new(&cx, "login-title").with_errors(&inv),
            email: f.email,
            failure: None,
        }));
    }
    let failure_key = match accounts::sign_in(&cx, &cx.client_ip, &f.email, &f.password).await? {
        SignIn::Ok { cookie, .. } => {
            let mut res = Redirect::to("/").into_response();
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&cx.state, SESSION_COOKIE, &cookie, None),
            );
            return Ok(res);
        }
        SignIn::Failed => "login-failed",
        SignIn::Throttled => "login-throttled",
    };
    let p = Page::new(&cx, "login-title");
    let failure = Some(p.t(failure_key));
    let status = if failure_key == "login-throttled" {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::UNAUTHORIZED
    };
    Ok(super::render_status(
        status,
        &LoginPage {
            p,
            email: f.email,
            failure,
        },
    ))
}

pub async fn logout(cx: Cx, _form: CsrfForm<NoFields>) -> AppResult<Response> {
    accounts::sign_out(&cx).await?;
    let mut res = redirect_with(&cx, "/login", "flash-signed-out");
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&cx.state, SESSION_COOKIE, "", Some(0)),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "login/forgot.html")]
struct ForgotPage {
    p: Page,
    email: String,
    sent: bool,
}

pub async fn forgot_form(cx: Cx) -> Response {
    render(&ForgotPage {
        p: Page::new(&cx, "forgot-title"),
        email: String::new(),
        sent: false,
    })
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

pub async fn forgot_submit(cx: Cx, form: CsrfForm<ForgotForm>) -> AppResult<Response> {
    let f = form.value;
    if let Err(m) = klubi_domain::people::Email::parse(&f.email) {
        return Ok(render_invalid(&ForgotPage {
            p: Page::new(&cx, "forgot-title").with_errors(&Invalid::one("email", m)),
            email: f.email,
            sent: false,
        }));
    }
    match accounts::request_password_reset(&cx, &cx.client_ip, &f.email).await? {
        accounts::ResetAsked::Taken => Ok(render(&ForgotPage {
            p: Page::new(&cx, "forgot-title"),
            email: f.email,
            sent: true,
        })),
        accounts::ResetAsked::Throttled => Ok(super::render_status(
            StatusCode::TOO_MANY_REQUESTS,
            &ForgotPage {
                p: Page::new(&cx, "forgot-title")
                    .with_errors(&Invalid::one("email", "forgot-throttled")),
                email: f.email,
                sent: false,
            },
        )),
    }
}

#[derive(Template)]
#[template(path = "login/set_password.html")]
struct SetPasswordPage {
    p: Page,
    token: String,
    name: String,
    /// What the account signs in with afterwards: its email, else its phone.
    sign_in_as: String,
}

#[derive(Template)]
#[template(path = "login/link_invalid.html")]
struct LinkInvalidPage {
    p: Page,
}

fn link_invalid(cx: &Cx) -> Response {
    no_referrer(super::render_status(
        StatusCode::NOT_FOUND,
        &LinkInvalidPage {
            p: Page::new(cx, "link-invalid-title"),
        },
    ))
}

pub async fn link_form(cx: Cx, Path(token): Path<String>) -> AppResult<Response> {
    let Some(user) = accounts::link_holder(&cx, &token).await? else {
        return Ok(link_invalid(&cx));
    };
    let mut p = Page::new(&cx, "set-password-title");
    // The link's owner reads the page in their own language.
    p = Page {
        lang: user.language,
        title: klubi_ops::i18n::t(user.language, "set-password-title"),
        ..p
    };
    Ok(no_referrer(render(&SetPasswordPage {
        p,
        token,
        sign_in_as: user.email.or(user.phone).unwrap_or_default(),
        name: user.name,
    })))
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn link_submit(
    cx: Cx,
    Path(token): Path<String>,
    form: CsrfForm<SetPasswordForm>,
) -> AppResult<Response> {
    let f = form.value;
    let cookie = match accounts::use_link(&cx, &token, &f.password, &f.password_confirm).await {
        Ok(LinkUse::SignedIn { cookie, .. }) => cookie,
        Ok(LinkUse::Invalid { holder, errors }) => {
            return Ok(no_referrer(render_invalid(&SetPasswordPage {
                p: Page::new_in(&cx, holder.language, "set-password-title").with_errors(&errors),
                token,
                sign_in_as: holder.email.or(holder.phone).unwrap_or_default(),
                name: holder.name,
            })));
        }
        Err(AppError::NotFound) => return Ok(link_invalid(&cx)),
        Err(e) => return Err(e.into()),
    };
    let mut res = redirect_with(&cx, "/", "flash-password-set");
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&cx.state, SESSION_COOKIE, &cookie, None),
    );
    Ok(no_referrer(res))
}

#[derive(Template)]
#[template(path = "login/code.html")]
struct CodePage {
    p: Page,
    code: String,
}

/// Where a participant without email types the code of their printed invitation.
pub async fn code_form(cx: Cx) -> Response {
    render(&CodePage {
        p: Page::new(&cx, "code-title"),
        code: String::new(),
    })
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// A valid code leads to the same set-password page as a mailed link; wrong
/// codes count against the address like failed sign-ins.
pub async fn code_submit(cx: Cx, form: CsrfForm<CodeForm>) -> AppResult<Response> {
    let typed = form.value.code;
    let refuse = |status: StatusCode, key: &'static str| {
        render_status(
            status,
            &CodePage {
                p: Page::new(&cx, "code-title").with_errors(&Invalid::one("code", key)),
                code: typed.clone(),
            },
        )
    };
    match accounts::redeem_code(&cx, &cx.client_ip, &typed).await? {
        Code::Valid(code) => Ok(no_referrer(
            Redirect::to(&format!("/link/{code}")).into_response(),
        )),
        Code::Throttled => Ok(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "error-code-throttled",
        )),
        Code::Wrong => Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-code-invalid",
        )),
    }
}
