//! Staff accounts: an admin manages everyone, a coordinator their own organisation.

use super::{Page, redirect_with, render, render_invalid};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use klubi_domain::people::Language;
use klubi_domain::roles::{Role, Roles};
use klubi_ops::accounts::{self, StaffInput};
use klubi_ops::users::{self, User};
use serde::Deserialize;

pub struct RoleChoice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

fn role_choices(cx: &Cx, chosen: &[String], may_grant_admin: bool) -> Vec<RoleChoice> {
    Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Admin || may_grant_admin)
        .map(|r| RoleChoice {
            value: r.as_str(),
            label: cx.t(&format!("role-{}", r.as_str())),
            checked: chosen.iter().any(|c| c == r.as_str()),
        })
        .collect()
}

fn role_labels(cx: &Cx, roles: &Roles) -> String {
    roles
        .iter()
        .map(|r| cx.t(&format!("role-{}", r.as_str())))
        .collect::<Vec<_>>()
        .join(", ")
}

pub struct Row {
    pub user: User,
    pub roles: String,
    pub organisation: String,
}

#[derive(Template)]
#[template(path = "users/list.html")]
struct ListPage {
    p: Page,
    rows: Vec<Row>,
    organisations: Vec<super::Choice>,
    roles: Vec<RoleChoice>,
    languages: Vec<super::Choice>,
    form: InviteForm,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    organisation: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct InviteForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub organisation_id: String,
    #[serde(default)]
    pub language: String,
}

async fn list_page(
    cx: &Cx,
    p: Page,
    form: InviteForm,
    chosen: &[String],
    filter: Option<String>,
) -> AppResult<ListPage> {
    let list = users::staff_list(cx, filter.as_deref()).await?;
    let rows = list
        .staff
        .into_iter()
        .map(|m| Row {
            roles: role_labels(cx, &m.user.roles),
            organisation: m.organisation,
            user: m.user,
        })
        .collect();
    Ok(ListPage {
        rows,
        roles: role_choices(cx, chosen, list.may_grant_admin),
        languages: super::Choice::list(
            Language::ALL.into_iter().map(|l| {
                (
                    l.code().to_string(),
                    cx.t(&format!("language-{}", l.code())),
                )
            }),
            &form.language,
        ),
        organisations: super::Choice::list(
            list.organisations.into_iter().map(|o| (o.id, o.name)),
            &form.organisation_id,
        ),
        form,
        p,
    })
}

pub async fn list(cx: Cx, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let p = Page::new(&cx, "users-title");
    let form = InviteForm {
        language: "fi".into(),
        ..Default::default()
    };
    Ok(render(&list_page(&cx, p, form, &[], q.organisation).await?))
}

fn roles_from(pairs: &[(String, String)]) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == "roles")
        .map(|(_, v)| v.clone())
        .collect()
}

pub async fn invite(cx: Cx, form: CsrfForm<InviteForm>) -> AppResult<Response> {
    let roles = roles_from(&form.pairs);
    let f = form.value;
    let input = StaffInput {
        email: f.email.clone(),
        name: f.name.clone(),
        organisation_id: f.organisation_id.clone(),
        roles: roles.clone(),
        language: f.language.clone(),
    };
    match accounts::invite_staff(&cx, &input).await {
        Ok(_) => Ok(redirect_with(&cx, "/admin/users", "flash-user-invited")),
        Err(AppError::Invalid(inv)) => {
            let p = Page::new(&cx, "users-title").with_errors(&inv);
            Ok(render_invalid(&list_page(&cx, p, f, &roles, None).await?))
        }
        Err(AppError::Conflict(k)) => {
            let inv = klubi_domain::Invalid::one("email", k);
            let p = Page::new(&cx, "users-title").with_errors(&inv);
            Ok(render_invalid(&list_page(&cx, p, f, &roles, None).await?))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "users/show.html")]
struct ShowPage {
    p: Page,
    user: User,
    organisation: String,
    roles: Vec<RoleChoice>,
    role_text: String,
    may_change: bool,
    /// Whether they have a second factor, for an administrator who may reset it.
    second_factor: Option<bool>,
}

async fn show_page(cx: &Cx, p: Page, id: &str) -> AppResult<ShowPage> {
    let m = users::staff_member(cx, id).await?;
    let chosen: Vec<String> = m
        .user
        .roles
        .names()
        .into_iter()
        .map(str::to_string)
        .collect();
    Ok(ShowPage {
        second_factor: m.second_factor,
        may_change: m.may_change,
        roles: role_choices(cx, &chosen, m.may_grant_admin),
        role_text: role_labels(cx, &m.user.roles),
        organisation: m.organisation,
        user: m.user,
        p,
    })
}

pub async fn show(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let p = Page::new(&cx, "user-title");
    Ok(render(&show_page(&cx, p, &id).await?))
}

pub async fn set_roles(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let names = roles_from(&form.pairs);
    match users::set_roles(&cx, &id, &names).await {
        Ok(()) => Ok(redirect_with(
            &cx,
            &format!("/admin/users/{id}"),
            "flash-roles-saved",
        )),
        Err(AppError::Invalid(inv)) => {
            let p = Page::new(&cx, "user-title").with_errors(&inv);
            Ok(render_invalid(&show_page(&cx, p, &id).await?))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn deactivate(
    cx: Cx,
    Path(id): Path<String>,
    _f: CsrfForm<NoFields>,
) -> AppResult<Response> {
    users::deactivate(&cx, &id).await?;
    Ok(redirect_with(
        &cx,
        &format!("/admin/users/{id}"),
        "flash-user-deactivated",
    ))
}

pub async fn reactivate(
    cx: Cx,
    Path(id): Path<String>,
    _f: CsrfForm<NoFields>,
) -> AppResult<Response> {
    users::reactivate(&cx, &id).await?;
    Ok(redirect_with(
        &cx,
        &format!("/admin/users/{id}"),
        "flash-user-reactivated",
    ))
}

pub async fn resend_invitation(
    cx: Cx,
    Path(id): Path<String>,
    _f: CsrfForm<NoFields>,
) -> AppResult<Response> {
    users::resend_invitation(&cx, &id).await?;
    Ok(redirect_with(
        &cx,
        &format!("/admin/users/{id}"),
        "flash-invitation-sent",
    ))
}
