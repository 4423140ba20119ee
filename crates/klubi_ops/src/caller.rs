//! Who an operation runs for, and when: a signed-in person (from a page or the
//! API) or the system (the worker's jobs, the command line). Operations take a
//! `&Caller` and nothing of HTTP, so every adapter calls the same code.

use crate::auth::Actor;
use crate::error::{Error, Result};
use crate::state::AppStateRef;
use klubi_domain::people::Language;
use std::sync::Arc;

#[derive(Clone)]
pub struct Caller {
    /// The database, clock, configuration and mailer every operation may use.
    pub state: AppStateRef,
    /// The person the operation runs for; `None` for someone not signed in or the system.
    pub actor: Option<Arc<Actor>>,
    /// The language of what the operation writes for the caller (CSV headings,
    /// texts); mail is composed in each recipient's own language.
    pub lang: Language,
    /// Carried into audit rows, to find a request's changes.
    pub request_id: String,
    /// Unix seconds, read once: one operation sees one instant.
    pub now: i64,
    /// The absolute base of links that leave Klubi (mail, paper, stored
    /// jobs): from the configuration only (`Config::base_url`), never from a
    /// request.
    pub base: String,
    /// The absolute base of URLs in a response to this request (API.md: the
    /// public URL when set, otherwise the request's Host). Never put into mail.
    pub response_base: String,
    /// The system itself (a job, a command), not someone not signed in.
    pub system: bool,
}

impl Caller {
    /// The system itself (a job, a command): no person, Finnish, the configured
    /// public URL (or the listen address).
    pub fn system(state: &AppStateRef, request_id: &str) -> Caller {
        let base = state.config.base_url();
        Caller {
            response_base: base.clone(),
            now: state.clock.now(),
            state: state.clone(),
            actor: None,
            lang: Language::default(),
            request_id: request_id.to_string(),
            base,
            system: true,
        }
    }

    /// The system's own work (`klubi` commands, jobs), else 404: no person
    /// may ask for it.
    pub fn require_system(&self) -> Result<()> {
        if self.system && self.actor.is_none() {
            Ok(())
        } else {
            Err(Error::NotFound)
        }
    }

    /// The signed-in person, or 401.
    pub fn actor(&self) -> Result<&Actor> {
        self.actor.as_deref().ok_or(Error::Unauthorized)
    }

    /// The audit/who-when context for changes made for this caller.
    pub fn ctx(&self) -> klubi_db::Ctx {
        klubi_db::Ctx {
            actor_id: self.actor.as_ref().map(|a| a.user.id.clone()),
            request_id: self.request_id.clone(),
            now: self.now,
        }
    }

    pub fn t(&self, key: &str) -> String {
        crate::i18n::t(self.lang, key)
    }

    pub fn t_args(&self, key: &str, args: &[(&str, String)]) -> String {
        crate::i18n::t_args(self.lang, key, args)
    }

    pub(crate) fn db(&self) -> &klubi_db::Db {
        &self.state.db
    }
}
