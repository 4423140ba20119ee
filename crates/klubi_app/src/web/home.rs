//! The home page: one section per role the user holds, each with an empty
//! state that says what to do next.

use super::Page;
use crate::error::AppResult;
use crate::policy::{Action, allows};
use crate::request::Cx;
use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use klubi_domain::roles::{AccountKind, Role};

pub struct Section {
    pub heading: String,
    pub body: String,
    /// (href, label) of the next step, if there is one yet.
    pub action: Option<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct Home {
    p: Page,
    greeting: String,
    sections: Vec<Section>,
}

pub async fn show(cx: Cx) -> AppResult<Response> {
    let Some(a) = cx.actor.as_deref() else {
        return Ok(Redirect::to("/login").into_response());
    };
    let mut sections = vec![];
    let s = |h: &str, b: &str, action: Option<(&'static str, &str)>| Section {
        heading: cx.t(h),
        body: cx.t(b),
        action: action.map(|(href, key)| (href, cx.t(key))),
    };
    if a.user.kind == AccountKind::Participant {
        sections.push(s(
            "home-participant-heading",
            "home-participant-empty",
            None,
        ));
    } else {
        let org = a.user.organisation_id.as_deref().unwrap_or("-");
        for role in a.user.roles.iter() {
            sections.push(match role {
                Role::Admin => s(
                    "home-admin-heading",
                    "home-admin-empty",
                    Some(("/admin/organisations", "home-admin-action")),
                ),
                Role::Coordinator => s(
                    "home-coordinator-heading",
                    "home-coordinator-empty",
                    allows(
                        a,
                        Action::ListUsers {
                            organisation_id: org,
                        },
                    )
                    .then_some(("/admin/users", "home-coordinator-action")),
                ),
                Role::Coach => s("home-coach-heading", "home-coach-empty", None),
                Role::CaseManager => s("home-casemanager-heading", "home-casemanager-empty", None),
                Role::Specialist => s("home-specialist-heading", "home-specialist-empty", None),
            });
        }
        if a.user.roles.is_empty() {
            sections.push(s("home-noroles-heading", "home-noroles-empty", None));
        }
    }
    let p = Page::new(&cx, "home-title");
    let greeting = p.ta("home-greeting", "name", &a.user.name);
    Ok(super::render(&Home {
        p,
        greeting,
        sections,
    }))
}
