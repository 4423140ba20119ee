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

/// A participant's group: their seat or place in the queue, and the next meeting.
pub struct MyGroup {
    pub id: String,
    pub name: String,
    pub status: String,
    pub next: Option<NextMeeting>,
}

pub struct NextMeeting {
    pub id: String,
    pub when: String,
    pub what: String,
    pub location: String,
    pub agenda: String,
    pub bring: String,
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct Home {
    p: Page,
    greeting: String,
    sections: Vec<Section>,
    groups: Vec<MyGroup>,
    /// A participant's referrals to specialists: (id, "specialist: status").
    specialists: Vec<(String, String)>,
}

async fn my_groups(cx: &Cx, user_id: &str) -> AppResult<Vec<MyGroup>> {
    let mut out = vec![];
    let mut memo = crate::i18n::Memo::new(cx.lang);
    for g in klubi_db::referrals::groups_of_participant(cx.db(), user_id).await? {
        let status = match g.position {
            Some(n) => cx.t_args("my-group-waitlisted", &[("position", n.to_string())]),
            None => cx.t("my-group-enrolled"),
        };
        let next = if g.status == "enrolled" {
            klubi_db::meetings::list_for_group(cx.db(), &g.group_id, None, 200)
                .await?
                .into_iter()
                .find(|m| !m.cancelled && m.ends_at > cx.now)
        } else {
            None
        };
        out.push(MyGroup {
            next: next.map(|m| NextMeeting {
                when: format!(
                    "{}–{}",
                    crate::i18n::datetime(cx.lang, m.starts_at),
                    crate::i18n::time(cx.lang, m.ends_at)
                ),
                what: crate::clubs::meeting_what(&mut memo, &m),
                bring: cx.t(&format!("theme-{}-bring", m.theme)),
                location: m.location,
                agenda: m.agenda,
                id: m.id,
            }),
            id: g.group_id,
            name: g.group_name,
            status,
        });
    }
    Ok(out)
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
    let mut groups = vec![];
    let mut specialists = vec![];
    if a.user.kind == AccountKind::Participant {
        groups = my_groups(&cx, &a.user.id).await?;
        specialists = crate::internal_referrals::list(&cx)
            .await?
            .into_iter()
            .map(|r| {
                let status = cx.t(&format!("internal-status-{}", r.status.as_str()));
                (r.id, format!("{}: {status}", r.specialist_name))
            })
            .collect();
        if groups.is_empty() {
            sections.push(s(
                "home-participant-heading",
                "home-participant-empty",
                None,
            ));
        }
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
                Role::CaseManager => s(
                    "home-casemanager-heading",
                    "home-casemanager-empty",
                    Some(("/referrals", "home-casemanager-action")),
                ),
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
        groups,
        specialists,
    }))
}
