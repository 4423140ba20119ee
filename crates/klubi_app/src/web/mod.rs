//! Server-rendered pages (askama templates in `templates/<feature>/`). Every
//! page works without JavaScript; htmx only enhances. Each template struct sits
//! next to its handler and embeds the shared [`Page`] context.

pub mod account;
pub mod alerts;
pub mod attendance;
pub mod audit;
pub mod calendar;
pub mod compensation;
pub mod errors;
pub mod formats;
pub mod groups;
pub mod home;
pub mod internal_referrals;
pub mod login;
pub mod meetings;
pub mod organisations;
pub mod privacy;
pub mod referrals;
pub mod reports;
pub mod second_factor;
pub mod users;

use crate::request::{Cx, FLASH_COOKIE, set_cookie};
use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use klubi_domain::Invalid;
use klubi_domain::people::Language;
use klubi_ops::state::AppStateRef;

pub fn routes() -> Router<AppStateRef> {
    Router::new()
        .route("/", get(home::show))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route(
            "/password/forgot",
            get(login::forgot_form).post(login::forgot_submit),
        )
        .route(
            "/link/{token}",
            get(login::link_form).post(login::link_submit),
        )
        .route("/code", get(login::code_form).post(login::code_submit))
        .route("/language", post(account::set_language))
        .route("/account", get(account::show))
        .route("/my-data", get(privacy::show))
        .route("/my-data.json", get(privacy::download))
        .route("/account/password", post(account::change_password))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route(
            second_factor::CODE_PATH,
            get(second_factor::code_form).post(second_factor::code_submit),
        )
        .route(second_factor::SETUP_PATH, get(second_factor::setup))
        .route(second_factor::START_PATH, post(second_factor::start))
        .route(second_factor::CONFIRM_PATH, post(second_factor::confirm))
        .route(
            "/account/second-factor/recovery-codes",
            post(second_factor::new_codes),
        )
        .route(
            "/account/second-factor/disable",
            post(second_factor::disable),
        )
        .route(
            "/admin/users/{id}/second-factor/reset",
            post(second_factor::reset),
        )
        .route(
            "/admin/organisations/{id}/second-factor",
            post(second_factor::set_rule),
        )
        .route(
            "/admin/organisations",
            get(organisations::list).post(organisations::create),
        )
        .route(
            "/admin/organisations/{id}",
            get(organisations::edit).post(organisations::rename),
        )
        .route("/admin/users", get(users::list).post(users::invite))
        .route("/admin/users/{id}", get(users::show))
        .route("/admin/users/{id}/roles", post(users::set_roles))
        .route("/admin/users/{id}/deactivate", post(users::deactivate))
        .route("/admin/users/{id}/reactivate", post(users::reactivate))
        .route("/admin/users/{id}/invite", post(users::resend_invitation))
        .route("/formats", get(formats::list).post(formats::create))
        .route("/formats/new", get(formats::new_form))
        .route("/formats/{id}", get(formats::show).post(formats::update))
        .route("/formats/{id}/edit", get(formats::edit_form))
        .route("/formats/{id}/copy", post(formats::copy))
        .route("/groups", get(groups::list).post(groups::create))
        .route("/groups/new", get(groups::new_form))
        .route("/groups/{id}", get(groups::show).post(groups::update))
        .route("/groups/{id}/edit", get(groups::edit_form))
        .route("/groups/{id}/schedule", post(groups::generate))
        .route("/groups/{id}/meetings", post(meetings::create))
        .route("/groups/{id}/meetings/new", get(meetings::new_form))
        .route("/meetings/{id}", get(meetings::show).post(meetings::update))
        .route("/meetings/{id}/cancel", post(meetings::cancel))
        .route("/calendar", get(calendar::show))
        .route("/calendar/feed", post(calendar::feed))
        .route("/referrals", get(referrals::list).post(referrals::create))
        .route("/referrals/new", get(referrals::new_form))
        .route("/referrals/{id}", get(referrals::show))
        .route("/referrals/{id}/accept", post(referrals::accept))
        .route("/referrals/{id}/decline", post(referrals::decline))
        .route(
            "/referrals/{id}/withdraw",
            post(referrals::withdraw_referral),
        )
        .route("/triage", get(referrals::triage))
        .route(
            "/internal-referrals",
            get(internal_referrals::list).post(internal_referrals::create),
        )
        .route("/internal-referrals/new", get(internal_referrals::new_form))
        .route("/internal-referrals/{id}", get(internal_referrals::show))
        .route(
            "/internal-referrals/{id}/sessions",
            post(internal_referrals::add_session),
        )
        .route(
            "/internal-referrals/{id}/{step}",
            post(internal_referrals::step),
        )
        .route(
            "/groups/{id}/roster/{participant}/{action}",
            post(referrals::roster_action),
        )
        .route("/groups/{id}/roster.csv", get(referrals::roster_csv))
        .route("/my/groups", get(|| async { Redirect::to("/") }))
        .route(
            "/my/groups/{id}/withdraw",
            get(referrals::my_withdraw_form).post(referrals::my_withdraw),
        )
        .route("/today", get(attendance::today))
        .route(
            "/meetings/{id}/attendance",
            get(attendance::sheet).post(attendance::mark),
        )
        .route("/meetings/{id}/absence", post(attendance::give_notice))
        .route(
            "/meetings/{id}/absence/cancel",
            post(attendance::take_back_notice),
        )
        .route("/my/attendance", get(attendance::mine))
        .route("/alerts", get(alerts::alerts))
        .route("/alerts/policy", post(alerts::set_alert_policy))
        .route("/groups/{id}/compensation", get(compensation::compensation))
        .route(
            "/groups/{id}/compensation.csv",
            get(compensation::compensation_csv),
        )
        .route(
            "/groups/{id}/compensation/rates",
            post(compensation::set_rate),
        )
        .route(
            "/groups/{id}/compensation/rates/{date}/remove",
            post(compensation::remove_rate),
        )
        .route(
            "/groups/{id}/compensation/approve",
            post(compensation::approve),
        )
        .route(
            "/groups/{id}/compensation/reopen",
            post(compensation::reopen),
        )
        .route(
            "/groups/{id}/compensation/versions/{file}",
            get(compensation::version_csv),
        )
        .route("/groups/{id}/report", get(reports::report))
        .route("/compensation", get(compensation::month))
        .route("/compensation.csv", get(compensation::month_csv))
        .route("/admin/audit", get(audit::list))
        .route("/admin/outbox", get(audit::outbox))
        .route("/admin/outbox/{id}", get(audit::outbox_mail))
}

/// A form field's value as sent (`""` when absent), from `CsrfForm::pairs`.
pub fn form_value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// Every value of a repeated field (checkboxes).
pub fn form_values(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// A compensation policy in words: "9,00 € per attended meeting" or "none".
pub fn compensation_text(cx: &Cx, cents: Option<i64>) -> String {
    match cents {
        Some(c) => cx.t_args(
            "compensation-per-meeting",
            &[("amount", klubi_ops::i18n::money(cx.lang, c))],
        ),
        None => cx.t("compensation-none"),
    }
}

/// One option of a select or a checkbox group, with whether it is chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn list(items: impl IntoIterator<Item = (String, String)>, chosen: &str) -> Vec<Choice> {
        items
            .into_iter()
            .map(|(value, label)| Choice {
                selected: value == chosen,
                value,
                label,
            })
            .collect()
    }
}

pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// What every page shows around its content: language, the signed-in user,
/// navigation, the CSRF token for forms, a flash message and form errors.
pub struct Page {
    pub lang: Language,
    pub title: String,
    pub csrf: String,
    pub path: String,
    pub user_name: Option<String>,
    pub nav: Vec<NavItem>,
    pub flash: Option<String>,
    /// (field, translated message), in form order.
    pub errors: Vec<(String, String)>,
}

impl Page {
    pub fn new(cx: &Cx, title_key: &str) -> Page {
        Page {
            lang: cx.lang,
            title: cx.t(title_key),
            csrf: cx.csrf.clone(),
            path: cx.path.clone(),
            user_name: cx.actor.as_ref().map(|a| a.user.name.clone()),
            nav: nav(cx),
            flash: cx.flash.as_deref().map(|k| cx.t(k)),
            errors: vec![],
        }
    }

    /// A page in a given language rather than the request's (a link's owner reads
    /// the set-password page in their own language, whoever's browser opens it).
    pub fn new_in(cx: &Cx, lang: Language, title_key: &str) -> Page {
        Page {
            lang,
            title: klubi_ops::i18n::t(lang, title_key),
            flash: cx.flash.as_deref().map(|k| klubi_ops::i18n::t(lang, k)),
            ..Page::new(cx, title_key)
        }
    }

    pub fn with_errors(mut self, inv: &Invalid) -> Self {
        self.errors = inv
            .0
            .iter()
            .map(|e| (e.field.clone(), klubi_ops::i18n::t(self.lang, e.message)))
            .collect();
        self.title = klubi_ops::i18n::t_args(
            self.lang,
            "page-title-error",
            &[("title", self.title.clone())],
        );
        self
    }

    pub fn t(&self, key: &str) -> String {
        klubi_ops::i18n::t(self.lang, key)
    }

    pub fn ta(&self, key: &str, name: &str, value: &str) -> String {
        klubi_ops::i18n::t_args(self.lang, key, &[(name, value.to_string())])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn asset(&self, name: &str) -> String {
        crate::assets::url(name)
    }

    pub fn datetime(&self, ts: &i64) -> String {
        klubi_ops::i18n::datetime(self.lang, *ts)
    }

    pub fn opt_datetime(&self, ts: &Option<i64>) -> String {
        ts.map(|t| klubi_ops::i18n::datetime(self.lang, t))
            .unwrap_or_else(|| "–".into())
    }

    /// The error message of a field, if it has one.
    pub fn err(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn has_err(&self, field: &str) -> bool {
        self.err(field).is_some()
    }

    /// The other languages, each with its own name in itself (a switch reads
    /// "Svenska", not "Swedish").
    pub fn other_languages(&self) -> Vec<(&'static str, &'static str)> {
        Language::ALL
            .into_iter()
            .filter(|l| *l != self.lang)
            .map(|l| {
                (
                    l.code(),
                    match l {
                        Language::Fi => "Suomi",
                        Language::Sv => "Svenska",
                        Language::En => "English",
                    },
                )
            })
            .collect()
    }
}

fn nav(cx: &Cx) -> Vec<NavItem> {
    use klubi_ops::policy::{Action, allows};
    let Some(a) = cx.actor.as_deref() else {
        return vec![];
    };
    let mut items: Vec<(&'static str, &'static str)> = vec![("/", "nav-home")];
    let org = a.user.organisation_id.as_deref().unwrap_or("-");
    items.push(("/calendar", "nav-calendar"));
    if allows(a, Action::UseStaffArea) {
        items.push(("/groups", "nav-groups"));
        items.push(("/formats", "nav-formats"));
    }
    if allows(a, Action::RunMeetings) {
        items.push(("/today", "nav-today"));
    }
    if allows(a, Action::OwnAttendance) {
        items.push(("/my/attendance", "nav-my-attendance"));
    }
    if allows(a, Action::MakeReferrals) {
        items.push(("/referrals", "nav-referrals"));
    }
    if allows(a, Action::SeeAlerts) {
        items.push(("/alerts", "nav-alerts"));
    }
    if allows(
        a,
        Action::Triage {
            organisation_id: org,
        },
    ) {
        items.push(("/triage", "nav-triage"));
    }
    if allows(a, Action::UseInternalReferrals) {
        items.push(("/internal-referrals", "nav-internal"));
    }
    if allows(a, Action::CreateOrganisation) {
        items.push(("/admin/organisations", "nav-organisations"));
    }
    if allows(
        a,
        Action::ListUsers {
            organisation_id: org,
        },
    ) || allows(a, Action::ViewAudit)
    {
        items.push(("/admin/users", "nav-users"));
    }
    if allows(a, Action::ViewAudit) {
        items.push(("/admin/audit", "nav-audit"));
    }
    if allows(a, Action::ViewOutbox) {
        items.push(("/admin/outbox", "nav-outbox"));
    }
    items.push(("/account", "nav-account"));
    items
        .into_iter()
        .map(|(href, key)| NavItem {
            href,
            label: cx.t(key),
            current: if href == "/" {
                cx.path == "/"
            } else {
                cx.path.starts_with(href)
            },
        })
        .collect()
}

/// Renders a template as a page (or a 500 if the template fails, which is a bug).
pub fn render<T: Template>(t: &T) -> Response {
    render_status(StatusCode::OK, t)
}

pub fn render_status<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            crate::error::WebError(crate::error::AppError::Internal(format!("template: {e}")))
                .into_response()
        }
    }
}

/// Re-renders a form with its errors: 422, so tests and tools see the failure too.
pub fn render_invalid<T: Template>(t: &T) -> Response {
    render_status(StatusCode::UNPROCESSABLE_ENTITY, t)
}

/// Post/redirect/get with a one-time message (a catalogue key, never free text).
pub fn redirect_with(cx: &Cx, to: &str, flash_key: &str) -> Response {
    let mut res = Redirect::to(to).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&cx.state, FLASH_COOKIE, flash_key, Some(60)),
    );
    res
}

/// Only same-site paths, so a crafted `back=` cannot send anyone elsewhere.
pub fn safe_back(back: &str) -> &str {
    if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') {
        back
    } else {
        "/"
    }
}

/// A value as it goes into a URL's query (`application/x-www-form-urlencoded`).
pub fn url_encoded(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A spreadsheet to download under `filename`.
pub fn csv_download(body: Vec<u8>, filename: &str) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

pub fn no_referrer(mut res: Response) -> Response {
    res.headers_mut()
        .insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    res
}
