use crate::clock::Clock;
use crate::config::Config;
use klubi_db::Db;
use std::sync::Arc;

pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub config: Config,
    /// Wakes the worker when a request has queued a job, so mail goes out at once.
    pub jobs_notify: tokio::sync::Notify,
}

pub type AppStateRef = Arc<AppState>;
