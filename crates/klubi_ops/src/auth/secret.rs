//! Random secrets (session cookies, API tokens, link tokens, CSRF tokens) and
//! their stored form. They carry 256 bits of entropy, so a plain SHA-256 is the
//! right hash: there is nothing to brute-force, unlike a password.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::{Rng, RngExt};
use sha2::{Digest, Sha256};

pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// API tokens carry a prefix so that secret scanners and people recognise them.
pub fn new_api_token() -> String {
    format!("klubi_{}", new_secret())
}

/// Letters and digits that cannot be mistaken for one another on paper.
pub(crate) const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A one-time code for a printed invitation: 12 characters of 32 (60 bits),
/// typed by hand, valid 7 days, single use, and tried under throttling.
pub fn new_code() -> String {
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// A code as typed (any case, spaces or dashes) in its stored form, if it can be one.
pub fn normalize_code(s: &str) -> Option<String> {
    let c: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (c.len() == 12 && c.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(c)
}

/// A code as printed: `ABCD-EFGH-JKLM`.
pub fn show_code(c: &str) -> String {
    c.as_bytes()
        .chunks(4)
        .map(|ch| String::from_utf8_lossy(ch).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub fn equal(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_distinct_and_hash_stably() {
        let a = new_secret();
        assert_ne!(a, new_secret());
        assert_eq!(a.len(), 43);
        assert_eq!(hash(&a), hash(&a));
        assert!(new_api_token().starts_with("klubi_"));
        assert!(equal("abc", "abc") && !equal("abc", "abd") && !equal("abc", "ab"));
    }

    #[test]
    fn codes_read_back_however_typed() {
        let c = new_code();
        assert_eq!(c.len(), 12);
        let shown = show_code(&c);
        assert_eq!(shown.len(), 14);
        assert_eq!(
            normalize_code(&shown.to_lowercase()).as_deref(),
            Some(c.as_str())
        );
        assert_eq!(
            normalize_code(&format!(" {} ", shown.replace('-', " "))).as_deref(),
            Some(c.as_str())
        );
        assert_eq!(
            normalize_code("ABCD-EFGH-JKL0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalize_code("ABCD"), None);
    }
}
