//! One's own page: language, password, API tokens.

use super::{Page, redirect_with, render, render_invalid, safe_back};
use crate::accounts;
use crate::api::me::CreatedToken;
use crate::error::AppResult;
use crate::policy::{self, Action};
use crate::request::{CsrfForm, Cx, LANG_COOKIE, NoFields, set_cookie};
use askama::Template;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use klubi_db::api_tokens::ApiToken;
use klubi_domain::Invalid;
use klubi_domain::people::{Language, NewPassword};
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
    if let Some(a) = cx.actor.as_deref() {
        let mut tx = cx.db().begin().await?;
        klubi_db::users::set_language(&mut tx, &cx.ctx(), &a.user.id, lang).await?;
        klubi_db::commit(tx).await?;
    }
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
    /// Shared with the row template, which the page includes.
    just_revoked: bool,
}

async fn page(
    cx: &Cx,
    p: Page,
    created: Option<CreatedToken>,
    token_name: String,
) -> AppResult<AccountPage> {
    let a = cx.actor()?;
    let staff = policy::allows(a, Action::UseStaffArea);
    let organisation = match &a.user.organisation_id {
        Some(id) => klubi_db::organisations::get(cx.db(), id)
            .await
            .ok()
            .map(|o| o.name),
        None => None,
    };
    Ok(AccountPage {
        email: a.user.email.clone().unwrap_or_default(),
        roles: a
            .user
            .roles
            .iter()
            .map(|r| cx.t(&format!("role-{}", r.as_str())))
            .collect(),
        organisation,
        tokens: if staff {
            klubi_db::api_tokens::list_for_user(cx.db(), &a.user.id).await?
        } else {
            vec![]
        },
        staff,
        created,
        token_name,
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
    cx.actor()?;
    let f = form.value;
    let result = match NewPassword::parse(&f.password, &f.password_confirm) {
        Ok(new) => accounts::change_password(&cx, &f.current_password, &new).await,
        Err((field, m)) => Err(Invalid::one(field, m).into()),
    };
    match result {
        Ok(()) => Ok(redirect_with(&cx, "/account", "flash-password-changed")),
        Err(crate::error::AppError::Invalid(inv)) => {
            let p = Page::new(&cx, "account-title").with_errors(&inv);
            Ok(render_invalid(&page(&cx, p, None, String::new()).await?))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

/// Shows the new token once, on the page that answers the form (never in a redirect URL).
pub async fn create_token(cx: Cx, form: CsrfForm<TokenForm>) -> AppResult<Response> {
    let a = cx.actor()?;
    policy::require(a, Action::UseStaffArea)?;
    let name = form.value.name;
    match accounts::token_name(&name) {
        Ok(clean) => {
            let created = accounts::create_token(&cx, &a.user, &clean).await?;
            let p = Page::new(&cx, "account-title");
            Ok(render(&page(&cx, p, Some(created), String::new()).await?))
        }
        Err(inv) => {
            let p = Page::new(&cx, "account-title").with_errors(&inv);
            Ok(render_invalid(&page(&cx, p, None, name).await?))
        }
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
    let a = cx.actor()?;
    let mut tx = cx.db().begin().await?;
    klubi_db::api_tokens::revoke(&mut tx, &cx.ctx(), &a.user.id, &id).await?;
    klubi_db::commit(tx).await?;
    if cx.htmx {
        let tk = klubi_db::api_tokens::list_for_user(cx.db(), &a.user.id)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(crate::error::AppError::NotFound)?;
        return Ok(render(&TokenRow {
            p: Page::new(&cx, "account-title"),
            tk,
            just_revoked: true,
        }));
    }
    Ok(redirect_with(&cx, "/account", "flash-token-revoked"))
}
