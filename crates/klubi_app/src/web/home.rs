//! The home page: one section per role the user holds, each with an empty
//! state that says what to do next.

use super::Page;
use crate::error::AppResult;
use crate::request::Cx;
use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use klubi_domain::roles::Role;
use klubi_ops::home::{self, Home};

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
struct HomePage {
    p: Page,
    greeting: String,
    sections: Vec<Section>,
    groups: Vec<MyGroup>,
    /// A participant's referrals to specialists: (id, "specialist: status").
    specialists: Vec<(String, String)>,
}

fn my_groups(cx: &Cx, groups: Vec<home::MyGroup>) -> Vec<MyGroup> {
    let mut memo = klubi_ops::i18n::Memo::new(cx.lang);
    groups
        .into_iter()
        .map(|g| MyGroup {
            status: match g.position {
                Some(n) => cx.t_args("my-group-waitlisted", &[("position", n.to_string())]),
                None => cx.t("my-group-enrolled"),
            },
            next: g.next.map(|m| NextMeeting {
                when: format!(
                    "{}–{}",
                    klubi_ops::i18n::datetime(cx.lang, m.starts_at),
                    klubi_ops::i18n::time(cx.lang, m.ends_at)
                ),
                what: klubi_ops::meetings::meeting_what(&mut memo, &m),
                bring: cx.t(&format!("theme-{}-bring", m.theme)),
                location: m.location,
                agenda: m.agenda,
                id: m.id,
            }),
            id: g.group_id,
            name: g.name,
        })
        .collect()
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
    match home::home(&cx).await? {
        Home::Participant {
            groups: mine,
            specialists: referrals,
        } => {
            groups = my_groups(&cx, mine);
            specialists = referrals
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
        }
        Home::Staff {
            roles,
            may_manage_users,
        } => {
            for role in &roles {
                sections.push(match role {
                    Role::Admin => s(
                        "home-admin-heading",
                        "home-admin-empty",
                        Some(("/admin/organisations", "home-admin-action")),
                    ),
                    Role::Coordinator => s(
                        "home-coordinator-heading",
                        "home-coordinator-empty",
                        may_manage_users.then_some(("/admin/users", "home-coordinator-action")),
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
            if roles.is_empty() {
                sections.push(s("home-noroles-heading", "home-noroles-empty", None));
            }
        }
    }
    let p = Page::new(&cx, "home-title");
    let greeting = p.ta("home-greeting", "name", &a.user.name);
    Ok(super::render(&HomePage {
        p,
        greeting,
        sections,
        groups,
        specialists,
    }))
}
