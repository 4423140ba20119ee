use crate::clock::Clock;
use crate::config::Config;
use klubi_db::Db;
use std::sync::Arc;

pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub config: Config,
    /// The SMTP transport (pooled connections), built once at start-up so a bad
    /// `KLUBI_SMTP_URL` stops `serve` at once; `None` writes mail to the log.
    pub mailer: Option<crate::mail::Mailer>,
    /// Wakes the worker when a request has queued a job, so mail goes out at once.
    pub jobs_notify: tokio::sync::Notify,
    /// Signed-in callers lately looked up (PostgreSQL only; see [`crate::auth::Remembered`]).
    pub callers: crate::auth::Remembered,
}

pub type AppStateRef = Arc<AppState>;
