//! Staff accounts: an admin manages everyone, a coordinator their own organisation.

use super::{Page, redirect_with, render, render_invalid};
use crate::accounts::{self, StaffInput};
use crate::error::{AppError, AppResult};
use crate::policy::{self, Action};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use klubi_db::organisations::Organisation;
use klubi_db::users::User;
use klubi_domain::people::Language;
use klubi_domain::roles::{Role, Roles};
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

/// The organisations whose staff the caller may manage (admin: all).
async fn manageable(cx: &Cx) -> AppResult<Vec<Organisation>> {
    let a = cx.actor()?;
    let scope = policy::organisation_scope(a);
    let orgs = klubi_db::organisations::list(cx.db(), scope.as_deref(), None, 1000).await?;
    Ok(orgs
        .into_iter()
        .filter(|o| {
            policy::allows(
                a,
                Action::ListUsers {
                    organisation_id: &o.id,
                },
            )
        })
        .collect())
}

async fn list_page(
    cx: &Cx,
    p: Page,
    form: InviteForm,
    chosen: &[String],
    filter: Option<String>,
) -> AppResult<ListPage> {
    let a = cx.actor()?;
    let organisations = manageable(cx).await?;
    if organisations.is_empty() {
        return Err(AppError::NotFound);
    }
    let names: std::collections::HashMap<String, String> = organisations
        .iter()
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    let scope = match (policy::organisation_scope(a), filter) {
        (None, Some(f)) if !f.is_empty() => Some(f),
        (s, _) => s,
    };
    let users = klubi_db::users::list(cx.db(), scope.as_deref(), 2000).await?;
    let rows = users
        .into_iter()
        .map(|u| Row {
            roles: role_labels(cx, &u.roles),
            organisation: u
                .organisation_id
                .as_ref()
                .and_then(|o| names.get(o).cloned())
                .unwrap_or_default(),
            user: u,
        })
        .collect();
    let may_grant_admin = policy::organisation_scope(a).is_none();
    Ok(ListPage {
        rows,
        roles: role_choices(cx, chosen, may_grant_admin),
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
            organisations.into_iter().map(|o| (o.id, o.name)),
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
        Err(e) => Err(e),
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
}

async fn target(cx: &Cx, id: &str) -> AppResult<User> {
    let a = cx.actor()?;
    let user = klubi_db::users::get(cx.db(), id).await?;
    let org = user.organisation_id.as_deref().unwrap_or("-");
    // Seeing a user is seeing their organisation's staff list.
    policy::require(
        a,
        Action::ListUsers {
            organisation_id: org,
        },
    )?;
    Ok(user)
}

async fn show_page(cx: &Cx, p: Page, user: User) -> AppResult<ShowPage> {
    let a = cx.actor()?;
    let chosen: Vec<String> = user.roles.names().into_iter().map(str::to_string).collect();
    let organisation = match &user.organisation_id {
        Some(o) => klubi_db::organisations::get(cx.db(), o)
            .await
            .map(|o| o.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(ShowPage {
        may_change: policy::allows(a, Action::ChangeUser { target: &user }) && a.user.id != user.id,
        roles: role_choices(cx, &chosen, policy::organisation_scope(a).is_none()),
        role_text: role_labels(cx, &user.roles),
        organisation,
        user,
        p,
    })
}

pub async fn show(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let user = target(&cx, &id).await?;
    let p = Page::new(&cx, "user-title");
    Ok(render(&show_page(&cx, p, user).await?))
}

/// Common checks for changes to someone else's account.
async fn changeable(cx: &Cx, id: &str) -> AppResult<User> {
    let a = cx.actor()?;
    let user = target(cx, id).await?;
    policy::require(a, Action::ChangeUser { target: &user })?;
    if a.user.id == user.id {
        // Locking oneself out or stripping one's own roles by accident helps no one.
        return Err(AppError::Conflict("error-cannot-change-self"));
    }
    Ok(user)
}

pub async fn set_roles(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let user = changeable(&cx, &id).await?;
    let names = roles_from(&form.pairs);
    let roles = match Roles::parse(&names) {
        Ok(r) => r,
        Err(m) => {
            let p =
                Page::new(&cx, "user-title").with_errors(&klubi_domain::Invalid::one("roles", m));
            return Ok(render_invalid(&show_page(&cx, p, user).await?));
        }
    };
    let org = user.organisation_id.clone().unwrap_or_default();
    policy::require(
        cx.actor()?,
        Action::ManageUser {
            organisation_id: &org,
            roles: &roles,
        },
    )?;
    let mut tx = cx.db().begin().await?;
    klubi_db::users::set_roles(&mut tx, &cx.ctx(), &user, &roles).await?;
    klubi_db::commit(tx).await?;
    Ok(redirect_with(
        &cx,
        &format!("/admin/users/{id}"),
        "flash-roles-saved",
    ))
}

pub async fn deactivate(
    cx: Cx,
    Path(id): Path<String>,
    _f: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let user = changeable(&cx, &id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::users::deactivate(&mut tx, &cx.ctx(), &user).await?;
    klubi_db::commit(tx).await?;
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
    let user = changeable(&cx, &id).await?;
    let mut tx = cx.db().begin().await?;
    klubi_db::users::reactivate(&mut tx, &cx.ctx(), &user).await?;
    klubi_db::commit(tx).await?;
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
    let user = changeable(&cx, &id).await?;
    accounts::resend_invitation(&cx, &user).await?;
    Ok(redirect_with(
        &cx,
        &format!("/admin/users/{id}"),
        "flash-invitation-sent",
    ))
}
