//! The one source of "now". Tests move it forward instead of sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone, Default)]
pub struct Clock {
    offset_secs: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that reads `start` (unix seconds) now and runs on from there in
    /// real time: tests and the browser tests set it so that no fixture date
    /// depends on the day the suite runs.
    pub fn starting_at(start: i64) -> Self {
        let c = Self::default();
        c.offset_secs.store(
            start - jiff::Timestamp::now().as_second(),
            Ordering::Relaxed,
        );
        c
    }

    /// Unix seconds.
    pub fn now(&self) -> i64 {
        jiff::Timestamp::now().as_second() + self.offset_secs.load(Ordering::Relaxed)
    }

    /// Moves this clock (and every clone of it) forward; for tests.
    pub fn advance(&self, secs: i64) {
        self.offset_secs.fetch_add(secs, Ordering::Relaxed);
    }
}
