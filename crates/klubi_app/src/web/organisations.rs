//! Admin: organisations (list, create, rename).

use super::{Page, redirect_with, render, render_invalid};
use crate::error::{AppError, AppResult};
use crate::policy::{self, Action};
use crate::request::{CsrfForm, Cx};
use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use klubi_db::organisations::Organisation;
use klubi_domain::Invalid;
use klubi_domain::organisations::{OrgKind, OrgName};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "organisations/list.html")]
struct ListPage {
    p: Page,
    organisations: Vec<(Organisation, String)>,
    kinds: Vec<super::Choice>,
    name: String,
}

fn kinds(cx: &Cx, chosen: &str) -> Vec<super::Choice> {
    super::Choice::list(
        OrgKind::ALL.into_iter().map(|k| {
            (
                k.as_str().to_string(),
                cx.t(&format!("org-kind-{}", k.as_str())),
            )
        }),
        chosen,
    )
}

async fn list_page(cx: &Cx, p: Page, name: String, kind: String) -> AppResult<ListPage> {
    let orgs = klubi_db::organisations::list(cx.db(), None, None, 1000).await?;
    Ok(ListPage {
        organisations: orgs
            .into_iter()
            .map(|o| {
                let k = cx.t(&format!("org-kind-{}", o.kind));
                (o, k)
            })
            .collect(),
        kinds: kinds(cx, &kind),
        name,
        p,
    })
}

pub async fn list(cx: Cx) -> AppResult<Response> {
    policy::require(cx.actor()?, Action::CreateOrganisation)?;
    let p = Page::new(&cx, "organisations-title");
    Ok(render(
        &list_page(&cx, p, String::new(), String::new()).await?,
    ))
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
}

pub async fn create(cx: Cx, form: CsrfForm<CreateForm>) -> AppResult<Response> {
    policy::require(cx.actor()?, Action::CreateOrganisation)?;
    let f = form.value;
    let result = match klubi_domain::organisations::parse_new(&f.name, &f.kind) {
        Ok((name, kind)) => {
            let mut tx = cx.db().begin().await?;
            match klubi_db::organisations::create(&mut tx, &cx.ctx(), &name, kind).await {
                Ok(_) => {
                    klubi_db::commit(tx).await?;
                    Ok(())
                }
                Err(klubi_db::DbError::Conflict(k)) => Err(Invalid::one("name", k)),
                Err(e) => return Err(e.into()),
            }
        }
        Err(inv) => Err(inv),
    };
    match result {
        Ok(()) => Ok(redirect_with(
            &cx,
            "/admin/organisations",
            "flash-organisation-created",
        )),
        Err(inv) => {
            let p = Page::new(&cx, "organisations-title").with_errors(&inv);
            Ok(render_invalid(&list_page(&cx, p, f.name, f.kind).await?))
        }
    }
}

#[derive(Template)]
#[template(path = "organisations/edit.html")]
struct EditPage {
    p: Page,
    org: Organisation,
    kind: String,
    name: String,
}

pub async fn edit(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    policy::require(cx.actor()?, Action::RenameOrganisation { id: &id })?;
    let org = klubi_db::organisations::get(cx.db(), &id).await?;
    let p = Page::new(&cx, "organisation-edit-title");
    Ok(render(&EditPage {
        kind: cx.t(&format!("org-kind-{}", org.kind)),
        name: org.name.clone(),
        org,
        p,
    }))
}

pub async fn rename(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<CreateForm>,
) -> AppResult<Response> {
    policy::require(cx.actor()?, Action::RenameOrganisation { id: &id })?;
    let org = klubi_db::organisations::get(cx.db(), &id).await?;
    let f = form.value;
    let outcome = match OrgName::parse(&f.name) {
        Ok(name) => {
            let mut tx = cx.db().begin().await?;
            match klubi_db::organisations::rename(&mut tx, &cx.ctx(), &id, &name).await {
                Ok(()) => {
                    klubi_db::commit(tx).await?;
                    Ok(())
                }
                Err(klubi_db::DbError::Conflict(k)) => Err(Invalid::one("name", k)),
                Err(e) => return Err(AppError::from(e)),
            }
        }
        Err(m) => Err(Invalid::one("name", m)),
    };
    match outcome {
        Ok(()) => Ok(redirect_with(
            &cx,
            "/admin/organisations",
            "flash-organisation-renamed",
        )),
        Err(inv) => Ok(render_invalid(&EditPage {
            p: Page::new(&cx, "organisation-edit-title").with_errors(&inv),
            kind: cx.t(&format!("org-kind-{}", org.kind)),
            org,
            name: f.name,
        })),
    }
}
