//! Things built lately (a calendar feed, a calendar page's weeks, a group's
//! schedule), kept by a key that covers everything they are made of, so a hit
//! is always right and a changed input simply misses. Bounded by size: emptied when full, which is
//! cheap and good enough for what is rebuilt on the next miss.
//!
//! A miss is built once however many ask for it at the same moment (after a
//! change, fifty calendar apps polling the same feed would otherwise build it
//! fifty times over on a busy pool): the first builds, the others wait for its
//! result. Should the first fail or be cancelled, the next waiter builds.

use bytes::Bytes;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// About how many bytes a kept thing holds, for the bound.
pub trait Weigh {
    fn weight(&self) -> usize;
}

impl Weigh for Bytes {
    fn weight(&self) -> usize {
        self.len()
    }
}

impl<T: Weigh> Weigh for std::sync::Arc<T> {
    fn weight(&self) -> usize {
        T::weight(self)
    }
}

pub struct Built<V = Bytes> {
    max_bytes: usize,
    inner: Mutex<(usize, HashMap<String, V>)>,
    /// Builds under way, by key: the first caller's cell, which the others await.
    flights: Mutex<HashMap<String, Arc<OnceCell<V>>>>,
}

impl<V: Clone + Weigh> Built<V> {
    pub fn new(max_bytes: usize) -> Self {
        Built {
            max_bytes,
            inner: Mutex::new(Default::default()),
            flights: Mutex::new(HashMap::new()),
        }
    }

    /// What is kept under `key`, or else what `build` makes (kept for the
    /// next caller), built once for everyone who asks meanwhile.
    pub async fn get_or_build<E, F, Fut>(&self, key: &str, build: F) -> Result<V, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        if let Some(v) = self.get(key) {
            return Ok(v);
        }
        let flight = Flight::join(&self.flights, key);
        let v = flight
            .cell
            .get_or_try_init(|| async {
                // A flight that ended between the miss above and joining kept its result.
                if let Some(v) = self.get(key) {
                    return Ok(v);
                }
                let v = build().await?;
                self.put(key, &v);
                Ok(v)
            })
            .await?;
        Ok(v.clone())
    }

    pub fn get(&self, key: &str) -> Option<V> {
        self.inner.lock().ok()?.1.get(key).cloned()
    }

    pub fn put(&self, key: &str, body: &V) {
        let weight = body.weight();
        if weight > self.max_bytes {
            return;
        }
        if let Ok(mut b) = self.inner.lock() {
            if b.0 + weight > self.max_bytes {
                *b = Default::default();
            }
            b.0 += weight;
            b.1.insert(key.to_string(), body.clone());
        }
    }
}

/// One caller's part in a build under way. The last to leave takes the
/// flight off the map, also when its request was dropped while it waited, so
/// the map holds only builds somebody still waits for.
struct Flight<'a, V> {
    flights: &'a Mutex<HashMap<String, Arc<OnceCell<V>>>>,
    key: &'a str,
    cell: Arc<OnceCell<V>>,
}

impl<'a, V> Flight<'a, V> {
    fn join(flights: &'a Mutex<HashMap<String, Arc<OnceCell<V>>>>, key: &'a str) -> Self {
        let cell = match flights.lock() {
            Ok(mut f) => f.entry(key.to_string()).or_default().clone(),
            // A poisoned map only loses the sharing, not the build.
            Err(_) => Arc::new(OnceCell::new()),
        };
        Flight { flights, key, cell }
    }
}

impl<V> Drop for Flight<'_, V> {
    fn drop(&mut self) {
        if let Ok(mut f) = self.flights.lock() {
            // Clones are made only under this lock, so the count cannot rise
            // meanwhile: two means the map's and this one's, nobody else waits.
            if f.get(self.key).is_some_and(|c| Arc::ptr_eq(c, &self.cell))
                && Arc::strong_count(&self.cell) == 2
            {
                f.remove(self.key);
            }
        }
    }
}

/// A short key for a text that covers what a thing is made of.
pub fn key(parts: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(parts.as_bytes()))[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_until_full_then_starts_over() {
        let b = Built::new(10);
        b.put("a", &Bytes::from_static(b"12345"));
        b.put("b", &Bytes::from_static(b"12345"));
        assert_eq!(b.get("a").as_deref(), Some(&b"12345"[..]));
        b.put("c", &Bytes::from_static(b"1"));
        assert!(b.get("a").is_none() && b.get("b").is_none());
        assert_eq!(b.get("c").as_deref(), Some(&b"1"[..]));
        b.put("big", &Bytes::from_static(b"12345678901"));
        assert!(b.get("big").is_none());
    }

    /// Fifty callers missing the same key at once: one build, fifty answers,
    /// and no flight left behind.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_miss_is_built_once_for_everyone_who_asks_meanwhile() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let b = Arc::new(Built::<Bytes>::new(1024));
        let builds = Arc::new(AtomicUsize::new(0));
        let gate = Arc::new(tokio::sync::Barrier::new(50));
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let (b, builds, gate) = (b.clone(), builds.clone(), gate.clone());
            tasks.push(tokio::spawn(async move {
                gate.wait().await;
                b.get_or_build("k", || async {
                    builds.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    Ok::<_, ()>(Bytes::from_static(b"feed"))
                })
                .await
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap().as_ref(), b"feed");
        }
        assert_eq!(builds.load(Ordering::SeqCst), 1);
        assert!(b.flights.lock().unwrap().is_empty());
        assert_eq!(b.get("k").as_deref(), Some(&b"feed"[..]));
    }

    /// A failed build is not shared as a result: the next caller builds
    /// again, and a caller dropped while waiting leaves nothing behind.
    #[tokio::test]
    async fn a_failed_or_abandoned_build_leaves_the_next_caller_free_to_build() {
        let b = Built::<Bytes>::new(1024);
        let failed = b
            .get_or_build("k", || async { Err::<Bytes, _>("database gone") })
            .await;
        assert_eq!(failed, Err("database gone"));
        assert!(b.get("k").is_none());
        let abandoned = tokio::time::timeout(
            std::time::Duration::from_millis(10),
            b.get_or_build("k", || async {
                std::future::pending::<()>().await;
                Ok::<_, ()>(Bytes::new())
            }),
        )
        .await;
        assert!(abandoned.is_err());
        assert!(b.flights.lock().unwrap().is_empty());
        let v = b
            .get_or_build("k", || async { Ok::<_, ()>(Bytes::from_static(b"x")) })
            .await;
        assert_eq!(v.unwrap().as_ref(), b"x");
    }
}
