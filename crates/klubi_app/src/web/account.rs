//! One's own page: language, password, API tokens.

use super::{Page, redirect_with, render, render_invalid, safe_back};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, LANG_COOKIE, NoFields, set_cookie};
use askama::Template;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use klubi_domain::people::Language;
use klubi_ops::accounts::{self, ApiToken, CreatedToken};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

/// The language switch on every page; remembered for a signed-in user, in a cookie otherwise.
pub async fn set_language(cx: Cx, form: CsrfForm<LanguageForm>) -> AppResult<Response> {
    let f = form.value;
    let lang: Language = f.lang.parse().unwrap_or_default();
    accounts::set_language(&cx, lang).await?;
    let mut res = Redirect::to(safe_back(&f.back)).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&cx.state, LANG_COOKIE, lang.code(), Some(365 * 24 * 3600)),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    p: Page,
    email: String,
    roles: Vec<String>,
    organisation: Option<String>,
    tokens: Vec<ApiToken>,
    staff: bool,
    created: Option<CreatedToken>,
    token_name: String,
    /// The new-token form as typed (after an error).
    token_days: String,
    token_read_only: bool,
    /// Shared with the row template, which the page includes.
    just_revoked: bool,
    /// Staff's two-step sign-in (`None` for a participant).
    second_factor: Option<klubi_ops::second_factor::Status>,
}

async fn page(
    cx: &Cx,
    p: Page,
    created: Option<CreatedToken>,
    token_name: String,
) -> AppResult<AccountPage> {
    let account = accounts::account(cx).await?;
    Ok(AccountPage {
        email: account.user.email.clone().unwrap_or_default(),
        roles: account
            .user
            .roles
            .iter()
            .map(|r| cx.t(&format!("role-{}", r.as_str())))
            .collect(),
        organisation: account.organisation,
        tokens: account.tokens,
        staff: account.staff,
        second_factor: account.second_factor,
        created,
        token_name,
        token_days: String::new(),
        token_read_only: false,
        just_revoked: false,
        p,
    })
}

pub async fn show(cx: Cx) -> AppResult<Response> {
    if cx.actor.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let p = Page::new(&cx, "account-title");
    Ok(render(&page(&cx, p, None, String::new()).await?))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn change_password(cx: Cx, form: CsrfForm<PasswordForm>) -> AppResult<Response> {
    let f = form.value;
    match accounts::change_password(&cx, &f.current_password, &f.password, &f.password_confirm)
        .await
    {
        Ok(()) => Ok(redirect_with(&cx, "/account", "flash-password-changed")),
        Err(AppError::Invalid(inv)) => {
            let p = Page::new(&cx, "account-title").with_errors(&inv);
            Ok(render_invalid(&page(&cx, p, None, String::new()).await?))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    expires_in_days: String,
    #[serde(default)]
    read_only: Option<String>,
    #[serde(default)]
    token_password: String,
}

/// Shows the new token once, on the page that answers the form (never in a
/// redirect URL). The password is asked again.
pub async fn create_token(cx: Cx, form: CsrfForm<TokenForm>) -> AppResult<Response> {
    let f = form.value;
    let days = f.expires_in_days.trim();
    let parsed_days = if days.is_empty() {
        Ok(None)
    } else {
        days.parse::<i64>().map(Some)
    };
    let request = accounts::TokenRequest {
        name: &f.name,
        days: parsed_days.clone().unwrap_or(Some(0)),
        read_only: f.read_only.is_some(),
    };
    let result = accounts::create_own_token(&cx, &request, Some(&f.token_password)).await;
    match result {
        Ok(created) => {
            let p = Page::new(&cx, "account-title");
            Ok(render(&page(&cx, p, Some(created), String::new()).await?))
        }
        Err(AppError::Invalid(mut inv)) => {
            // The page has two password fields; this form's is `token_password`.
            for e in &mut inv.0 {
                if e.field == "current_password" {
                    e.field = "token_password".into();
                }
            }
            let p = Page::new(&cx, "account-title").with_errors(&inv);
            let mut page = page(&cx, p, None, f.name).await?;
            page.token_days = f.expires_in_days;
            page.token_read_only = f.read_only.is_some();
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account/token_row.html")]
struct TokenRow {
    p: Page,
    tk: ApiToken,
    /// Focus moves to the new status, since the button that had it is gone.
    just_revoked: bool,
}

/// Without JavaScript: revoke and redirect. With htmx: answer with the token's new row.
pub async fn revoke_token(
    cx: Cx,
    Path(id): Path<String>,
    _form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let tk = accounts::revoke_own_token(&cx, &id).await?;
    if cx.htmx {
        return Ok(render(&TokenRow {
            p: Page::new(&cx, "account-title"),
            tk,
            just_revoked: true,
        }));
    }
    Ok(redirect_with(&cx, "/account", "flash-token-revoked"))
}
