//! Admin: organisations (list, create, rename).

use super::{Page, redirect_with, render, render_status};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx};
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use klubi_domain::Invalid;
use klubi_domain::organisations::OrgKind;
use klubi_ops::organisations::{self, Organisation};
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
    let orgs = organisations::list_all(cx).await?;
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

/// A taken name is shown at the name field, as other mistakes are, with the
/// status the API gives it (409; other mistakes 422).
fn at_name(e: AppError) -> Result<(StatusCode, Invalid), AppError> {
    match e {
        AppError::Invalid(inv) => Ok((StatusCode::UNPROCESSABLE_ENTITY, inv)),
        AppError::Conflict(k) => Ok((StatusCode::CONFLICT, Invalid::one("name", k))),
        e => Err(e),
    }
}

pub async fn create(cx: Cx, form: CsrfForm<CreateForm>) -> AppResult<Response> {
    let f = form.value;
    match organisations::create(&cx, &f.name, &f.kind).await {
        Ok(_) => Ok(redirect_with(
            &cx,
            "/admin/organisations",
            "flash-organisation-created",
        )),
        Err(e) => {
            let (status, inv) = at_name(e)?;
            let p = Page::new(&cx, "organisations-title").with_errors(&inv);
            Ok(render_status(
                status,
                &list_page(&cx, p, f.name, f.kind).await?,
            ))
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
    /// Who of its staff must have a second factor (`default`: the installation's choice).
    second_factor_rules: Vec<super::Choice>,
}

fn second_factor_rules(cx: &Cx, org: &Organisation) -> Vec<super::Choice> {
    use klubi_domain::second_factor::Requirement;
    let chosen = org.second_factor.as_deref().unwrap_or("default");
    super::Choice::list(
        std::iter::once(("default".to_string(), cx.t("second-factor-rule-default"))).chain(
            Requirement::ALL
                .into_iter()
                .map(|r| (r.as_str().to_string(), cx.t(&r.name_key()))),
        ),
        chosen,
    )
}

fn edit_page(cx: &Cx, p: Page, org: Organisation, name: String) -> EditPage {
    EditPage {
        kind: cx.t(&format!("org-kind-{}", org.kind)),
        second_factor_rules: second_factor_rules(cx, &org),
        name,
        org,
        p,
    }
}

pub async fn edit(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let org = organisations::for_renaming(&cx, &id).await?;
    let p = Page::new(&cx, "organisation-edit-title");
    let name = org.name.clone();
    Ok(render(&edit_page(&cx, p, org, name)))
}

/// The page again with the second-factor form's mistakes (422).
pub async fn edit_invalid(cx: &Cx, id: &str, inv: &Invalid) -> AppResult<Response> {
    let org = organisations::for_renaming(cx, id).await?;
    let p = Page::new(cx, "organisation-edit-title").with_errors(inv);
    let name = org.name.clone();
    Ok(super::render_invalid(&edit_page(cx, p, org, name)))
}

pub async fn rename(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<CreateForm>,
) -> AppResult<Response> {
    let f = form.value;
    match organisations::rename(&cx, &id, &f.name).await {
        Ok(_) => Ok(redirect_with(
            &cx,
            "/admin/organisations",
            "flash-organisation-renamed",
        )),
        Err(e) => {
            let (status, inv) = at_name(e)?;
            let org = organisations::for_renaming(&cx, &id).await?;
            let p = Page::new(&cx, "organisation-edit-title").with_errors(&inv);
            Ok(render_status(status, &edit_page(&cx, p, org, f.name)))
        }
    }
}
