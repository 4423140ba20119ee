//! Argon2id password hashing, off the async threads (it is deliberately slow).

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

pub async fn hash(password: String) -> Result<String, crate::error::Error> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| crate::error::Error::Internal(format!("hashing: {e}")))
    })
    .await
    .map_err(|e| crate::error::Error::Internal(e.to_string()))?
}

/// Constant-ish time whether the account exists or not: an unknown account is
/// checked against a fixed hash so the answer time doesn't tell them apart.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let h = hash.as_deref().unwrap_or(DUMMY.as_str());
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), h)
            .is_ok();
        ok && hash.is_some()
    })
    .await
    .unwrap_or(false)
}

/// A real Argon2id hash of a secret nobody knows, with the default parameters,
/// so that checking against it costs what checking a real account costs.
static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    Argon2::default()
        .hash_password(super::secret::new_secret().as_bytes())
        .map(|h| h.to_string())
        .unwrap_or_default()
});
