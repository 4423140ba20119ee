//! Who is calling: a login session (pages) or an API token (the API).

pub mod password;
pub mod secret;

use crate::state::AppStateRef;
use klubi_db::Db;
use klubi_db::login_sessions::LoginSession;
use klubi_db::users::User;
use klubi_domain::login::{SessionPolicy, SessionState};
use std::collections::HashMap;
use std::sync::Mutex;

/// The person a login session's cookie (its raw value) stands for, while the
/// session is valid (its use recorded now and then); an expired one is ended.
pub async fn by_session(state: &AppStateRef, raw: &str, now: i64) -> Option<Actor> {
    let id_hash = secret::hash(raw);
    let (session, user) = match state.callers.get(&state.db, &id_hash, now) {
        Some(known) => known,
        None => {
            let read_at = klubi_db::changes::generation();
            let found = klubi_db::login_sessions::find_with_user(&state.db, &id_hash)
                .await
                .ok()??;
            state.callers.put(&state.db, &id_hash, read_at, now, &found);
            found
        }
    };
    // A sign-in still waiting for its second factor's code waits 5 minutes.
    let code_too_late = session.second_factor_pending
        && now >= session.created_at + klubi_domain::second_factor::CODE_PENDING_SECS;
    match SessionPolicy::default().state(session.created_at, session.last_seen_at, now) {
        SessionState::Valid { .. } if code_too_late => {
            let _ = klubi_db::login_sessions::expire(&state.db, &id_hash).await;
            None
        }
        SessionState::Valid { touch } => {
            if touch && let Err(e) = klubi_db::login_sessions::touch(&state.db, &id_hash, now).await
            {
                tracing::warn!(error = %e, "could not record session use");
            }
            Some(Actor {
                user,
                session: Some(session),
                read_only: false,
            })
        }
        SessionState::IdleExpired | SessionState::AbsoluteExpired => {
            let _ = klubi_db::login_sessions::expire(&state.db, &id_hash).await;
            None
        }
    }
}

/// The person a live API token (its raw value) belongs to.
pub async fn by_token(state: &AppStateRef, token: &str, now: i64) -> Option<Actor> {
    let live = klubi_db::api_tokens::find_live(&state.db, &secret::hash(token), now)
        .await
        .ok()??;
    if live.needs_touch(now)
        && let Err(e) = klubi_db::api_tokens::mark_used(&state.db, &live.id, now).await
    {
        tracing::warn!(error = %e, "could not record token use");
    }
    Some(Actor {
        user: live.user,
        session: None,
        read_only: live.read_only,
    })
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
    /// Set when signed in through the web; logout and the CSRF token use it.
    pub session: Option<LoginSession>,
    /// Called with a read-only API token: it may only read.
    pub read_only: bool,
}

/// Signed-in callers lately looked up, by their login session's hash, so that a
/// page need not read its caller again while nothing has changed.
///
/// Kept only while the database tells of every change ([`Db::hears_all_changes`]:
/// PostgreSQL, whose triggers notify every process of a change to users, roles
/// and login sessions), and only until the next commit or notification of any
/// kind ([`klubi_db::changes`]): a sign-out, a deactivation or a new role made
/// in this process counts at once, one made by another process as soon as its
/// notification arrives. An entry is also read again after [`Self::MAX_AGE_SECS`],
/// whatever was heard: a listening connection that died without a word (no TCP
/// reset) would otherwise leave another process's changes unheard for as long as
/// nothing is committed here. On SQLite every request reads its caller, which
/// costs little there: no round trip over a network.
#[derive(Default)]
pub struct Remembered {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// The [`klubi_db::changes::generation`] every entry was read at.
    generation: u64,
    /// With when each was read (the app's clock, unix seconds).
    callers: HashMap<String, (i64, LoginSession, User)>,
}

impl Remembered {
    /// Entries kept at most (emptied when full: a miss costs one read).
    const MAX: usize = 10_000;
    /// How long an entry is used at most, heard changes or not.
    pub const MAX_AGE_SECS: i64 = 30;

    pub fn get(&self, db: &Db, id_hash: &str, now: i64) -> Option<(LoginSession, User)> {
        if !db.hears_all_changes() {
            return None;
        }
        let kept = self.inner.lock().ok()?;
        if kept.generation != klubi_db::changes::generation() {
            return None;
        }
        kept.callers
            .get(id_hash)
            .filter(|(read, _, _)| (*read..=*read + Self::MAX_AGE_SECS).contains(&now))
            .map(|(_, session, user)| (session.clone(), user.clone()))
    }

    /// `read_at`: the generation taken before the caller was read.
    pub fn put(
        &self,
        db: &Db,
        id_hash: &str,
        read_at: u64,
        now: i64,
        (session, user): &(LoginSession, User),
    ) {
        if !db.hears_all_changes() || read_at != klubi_db::changes::generation() {
            return;
        }
        let Ok(mut kept) = self.inner.lock() else {
            return;
        };
        if kept.generation != read_at || kept.callers.len() >= Self::MAX {
            kept.callers.clear();
            kept.generation = read_at;
        }
        kept.callers
            .insert(id_hash.to_string(), (now, session.clone(), user.clone()));
    }
}
