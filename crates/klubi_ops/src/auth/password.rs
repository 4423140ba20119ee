//! Argon2id password hashing, off the async threads (it is deliberately slow).

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Argon2id takes about 19 MiB and a core's time per hash: at most one hash
/// per core runs at once, and one that cannot start within [`WAIT`] is
/// refused (`Error::Busy`, a 503 with Retry-After) instead of queued, so two
/// hundred sign-ins at once cost a few dozen megabytes, not gigabytes.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
});

/// How long a hash may wait for a core.
const WAIT: std::time::Duration = std::time::Duration::from_secs(2);

async fn permit() -> Result<tokio::sync::SemaphorePermit<'static>, crate::error::Error> {
    match tokio::time::timeout(WAIT, HASHING.acquire()).await {
        Ok(Ok(p)) => Ok(p),
        _ => Err(crate::error::Error::Busy),
    }
}

type Work = Box<dyn FnOnce() + Send>;

/// Hashing runs on a few threads of its own, one per core, rather than on
/// tokio's blocking pool: that pool starts new threads as it likes, and each
/// thread's allocator keeps the 19 MiB it last hashed with (measured: 200
/// sign-ins at once left half a gigabyte behind).
static HASHERS: std::sync::LazyLock<std::sync::Mutex<std::sync::mpsc::Sender<Work>>> =
    std::sync::LazyLock::new(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Work>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        for i in 0..HASHING.available_permits().max(1) {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("klubi-hash-{i}"))
                .spawn(move || {
                    loop {
                        let next = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => return,
                        };
                        match next {
                            Ok(work) => work(),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a hashing thread");
            }
        }
        std::sync::Mutex::new(tx)
    });

/// Runs `f` on a hashing thread (the caller holds a [`permit`]).
async fn on_hasher<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, crate::error::Error> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let work: Work = Box::new(move || {
        let _ = tx.send(f());
    });
    HASHERS
        .lock()
        .map_err(|_| crate::error::Error::Internal("hashing threads gone".into()))?
        .send(work)
        .map_err(|_| crate::error::Error::Internal("hashing threads gone".into()))?;
    rx.await
        .map_err(|_| crate::error::Error::Internal("a hashing thread ended".into()))
}

pub async fn hash(password: String) -> Result<String, crate::error::Error> {
    let _permit = permit().await?;
    on_hasher(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| crate::error::Error::Internal(format!("hashing: {e}")))
    })
    .await?
}

/// Constant-ish time whether the account exists or not: an unknown account is
/// checked against a fixed hash so the answer time doesn't tell them apart.
pub async fn verify(password: String, hash: Option<String>) -> Result<bool, crate::error::Error> {
    let _permit = permit().await?;
    on_hasher(move || {
        let h = hash.as_deref().unwrap_or(DUMMY.as_str());
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), h)
            .is_ok();
        ok && hash.is_some()
    })
    .await
}

/// A real Argon2id hash of a secret nobody knows, with the default parameters,
/// so that checking against it costs what checking a real account costs.
static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    Argon2::default()
        .hash_password(super::secret::new_secret().as_bytes())
        .map(|h| h.to_string())
        .unwrap_or_default()
});
