//! Rules of signing in: how long a login session lives and when attempts are throttled.
//! Instants are unix seconds; the caller passes `now`.

/// A login session ends after 30 minutes without use, and 12 hours after sign-in at the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle_secs: i64,
    pub absolute_secs: i64,
    /// `last_seen` is written at most this often, so reads don't each become a write.
    pub touch_every_secs: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle_secs: 30 * 60,
            absolute_secs: 12 * 60 * 60,
            touch_every_secs: 60,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// Valid; `touch` says whether `last_seen` should be written now.
    Valid {
        touch: bool,
    },
    IdleExpired,
    AbsoluteExpired,
}

impl SessionPolicy {
    pub fn state(&self, created_at: i64, last_seen_at: i64, now: i64) -> SessionState {
        if now >= created_at + self.absolute_secs {
            SessionState::AbsoluteExpired
        } else if now >= last_seen_at + self.idle_secs {
            SessionState::IdleExpired
        } else {
            SessionState::Valid {
                touch: now - last_seen_at >= self.touch_every_secs,
            }
        }
    }
}

/// Failed sign-ins are counted per account (the email typed, whether or not
/// it exists, so throttling reveals nothing) and per client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub window_secs: i64,
    /// Attempts at one account from one address: past this, that address is
    /// refused for that account (a stranger locks out only themselves).
    pub max_per_account: i64,
    /// Attempts from one address at any accounts.
    pub max_per_ip: i64,
    /// Failures at one account from anywhere after which every attempt at it
    /// is slowed down by [`Self::slow_down_ms`]: slowed, never refused, so a
    /// stranger cannot lock its owner out (and a reset link always works).
    pub slow_after: i64,
    pub slow_down_ms: u64,
    /// "Forgot password" requests from one address.
    pub max_resets_per_ip: i64,
    /// Reset mails to one account per window (more are silently not sent).
    pub max_resets_per_account: i64,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            window_secs: 15 * 60,
            max_per_account: 5,
            max_per_ip: 50,
            slow_after: 20,
            slow_down_ms: 2_000,
            max_resets_per_ip: 20,
            max_resets_per_account: 3,
        }
    }
}

impl ThrottlePolicy {
    /// Whether an attempt may be made, given the attempts counted inside the
    /// window (this one included) at the account from this address and from
    /// this address at all.
    pub fn allows(&self, at_account_from_ip: i64, from_ip: i64) -> bool {
        at_account_from_ip <= self.max_per_account && from_ip <= self.max_per_ip
    }

    /// Whether an attempt at an account that failed `failures` times lately
    /// (from anywhere) is slowed down.
    pub fn slows(&self, failures: i64) -> bool {
        failures >= self.slow_after
    }
}

/// How long single-use links stay valid.
pub const INVITATION_VALID_SECS: i64 = 7 * 24 * 60 * 60;
pub const PASSWORD_RESET_VALID_SECS: i64 = 60 * 60;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn idle_and_absolute_limits() {
        let p = SessionPolicy::default();
        assert_eq!(p.state(0, 0, 10), SessionState::Valid { touch: false });
        assert_eq!(p.state(0, 0, 61), SessionState::Valid { touch: true });
        assert_eq!(p.state(0, 0, 30 * 60), SessionState::IdleExpired);
        let almost = 12 * 3600 - 1;
        assert_eq!(
            p.state(0, almost - 10, almost),
            SessionState::Valid { touch: false }
        );
        assert_eq!(
            p.state(0, 12 * 3600 - 5, 12 * 3600),
            SessionState::AbsoluteExpired
        );
    }

    proptest! {
        #[test]
        fn never_valid_past_either_limit(created in 0i64..1_000_000, seen_off in 0i64..50_000, now_off in 0i64..100_000) {
            let p = SessionPolicy::default();
            let seen = created + seen_off;
            let now = seen + now_off;
            let valid = matches!(p.state(created, seen, now), SessionState::Valid { .. });
            prop_assert_eq!(valid, now - seen < p.idle_secs && now - created < p.absolute_secs);
        }
    }

    #[test]
    fn throttle() {
        // Counts include the attempt being decided.
        let t = ThrottlePolicy::default();
        assert!(t.allows(5, 1));
        assert!(!t.allows(6, 1));
        assert!(t.allows(1, 50));
        assert!(!t.allows(1, 51));
        assert!(!t.slows(19));
        assert!(t.slows(20));
    }
}
