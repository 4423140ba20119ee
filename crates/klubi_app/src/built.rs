//! Things built lately (a calendar feed, a calendar page's weeks, a group's
//! schedule), kept by a key that covers everything they are made of, so a hit
//! is always right and a changed input simply misses. Bounded by size: emptied when full, which is
//! cheap and good enough for what is rebuilt on the next miss.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::Mutex;

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
}

impl<V: Clone + Weigh> Built<V> {
    pub fn new(max_bytes: usize) -> Self {
        Built {
            max_bytes,
            inner: Mutex::new(Default::default()),
        }
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
}
