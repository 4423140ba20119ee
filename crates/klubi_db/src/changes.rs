//! Knowing whether committed data may have changed since a moment, for copies
//! of it kept in memory (the signed-in caller, see `klubi_app::auth::Remembered`).
//!
//! A generation counter rises after every commit made in this process
//! ([`crate::commit`]), and, on PostgreSQL, whenever another process reports a
//! change to users, their roles or login sessions (migration 0007 notifies
//! the `klubi_auth` channel). A copy read when the counter stood at `g` is
//! still right while it stands at `g`: read the counter before reading the data.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// The channel migration 0007's triggers notify.
const CHANNEL: &str = "klubi_auth";

static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The counter now.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::SeqCst)
}

pub(crate) fn changed() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// Whether this process hears of every change: true on PostgreSQL while
/// [`Hearing::run`] listens. SQLite has no way to hear of another process's
/// writes (`klubi` commands run beside `serve`), so there it stays false.
#[derive(Clone, Default)]
pub struct Hearing {
    on: Arc<AtomicBool>,
}

impl Hearing {
    pub fn on(&self) -> bool {
        self.on.load(Ordering::SeqCst)
    }

    /// Listens for other processes' changes until the process ends,
    /// reconnecting when the connection drops. Notifications sent while it
    /// is down are lost, so it is off then, and the counter rises on every
    /// connect and disconnect.
    pub(crate) async fn run(&self, url: String) {
        loop {
            match sqlx::postgres::PgListener::connect(&url).await {
                Ok(mut listener) => match listener.listen(CHANNEL).await {
                    Ok(()) => {
                        changed();
                        self.on.store(true, Ordering::SeqCst);
                        while let Ok(Some(_)) = listener.try_recv().await {
                            changed();
                        }
                        self.on.store(false, Ordering::SeqCst);
                        changed();
                        tracing::warn!(
                            "lost the connection that hears of other processes' changes"
                        );
                    }
                    Err(e) => tracing::warn!(error = %e, "could not listen for changes"),
                },
                Err(e) => tracing::warn!(error = %e, "could not connect to listen for changes"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}
