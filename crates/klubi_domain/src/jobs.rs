//! Background job rules: how often a failing job is retried.

/// Seconds to wait before the next attempt after `attempts` failures:
/// 30 s doubling each time, at most 6 hours.
pub fn backoff_secs(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 20) - 1;
    (30i64 << exp).min(6 * 60 * 60)
}

/// After this many failed attempts a job is given up and left for a person to look at.
pub const MAX_ATTEMPTS: i64 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff_secs(1), 30);
        assert_eq!(backoff_secs(2), 60);
        assert_eq!(backoff_secs(3), 120);
        assert_eq!(backoff_secs(50), 6 * 3600);
        assert_eq!(backoff_secs(0), 30);
        assert_eq!(backoff_secs(-4), 30);
    }
}
