//! Who is calling: a login session (pages) or an API token (the API).

pub mod password;
pub mod secret;

use klubi_db::Db;
use klubi_db::login_sessions::LoginSession;
use klubi_db::users::User;
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
    /// Set when signed in through the web; logout and the CSRF token use it.
    pub session: Option<LoginSession>,
}

/// Signed-in callers lately looked up, by their login session's hash, so that a
/// page need not read its caller again while nothing has changed.
///
/// Kept only while the database tells of every change ([`Db::hears_all_changes`]:
/// PostgreSQL, whose triggers notify every process of a change to users, roles
/// and login sessions), and only until the next commit or notification of any
/// kind ([`klubi_db::changes`]): a sign-out, a deactivation or a new role made
/// in this process counts at once, one made by another process as soon as its
/// notification arrives. On SQLite every request reads its caller, which costs
/// little there: no round trip over a network.
#[derive(Default)]
pub struct Remembered {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// The [`klubi_db::changes::generation`] every entry was read at.
    generation: u64,
    callers: HashMap<String, (LoginSession, User)>,
}

impl Remembered {
    /// Entries kept at most (emptied when full: a miss costs one read).
    const MAX: usize = 10_000;

    pub fn get(&self, db: &Db, id_hash: &str) -> Option<(LoginSession, User)> {
        if !db.hears_all_changes() {
            return None;
        }
        let kept = self.inner.lock().ok()?;
        if kept.generation != klubi_db::changes::generation() {
            return None;
        }
        kept.callers.get(id_hash).cloned()
    }

    /// `read_at`: the generation taken before the caller was read.
    pub fn put(&self, db: &Db, id_hash: &str, read_at: u64, caller: &(LoginSession, User)) {
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
        kept.callers.insert(id_hash.to_string(), caller.clone());
    }
}
