//! The instance's secret key, kept outside the database, so that a copy of
//! the database or of a backup alone yields no usable secret.
//!
//! It lives in a file (`KLUBI_SECRET_KEY_FILE`, by default `secret.key` in the
//! data directory), created on first start with mode 0600 and refused when
//! anyone but its owner may read it. Every `serve` process of one database
//! must use the same file (docs/deploy/); a backup of the database is useless
//! without it, so keep the two apart and both safe (docs/security.md).
//!
//! From it come two keys: one seals texts that must be read back (the body of
//! a mail not yet sent: XChaCha20-Poly1305, the purpose bound as associated
//! data so a sealed text cannot be moved to another row), one derives secrets
//! that need not be stored at all (a calendar feed's URL: HMAC-SHA-256 of the
//! user and a counter, only its hash kept).

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use std::path::Path;

/// The prefix of a sealed text's stored form (a later format gets `v2.`).
const SEALED_V1: &str = "v1.";

pub struct Keys {
    seal: XChaCha20Poly1305,
    mac: [u8; 32],
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(…)")
    }
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut m = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key)
        .expect("HMAC takes a key of any length");
    for p in parts {
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
        m.update(&(p.len() as u64).to_be_bytes());
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

impl Keys {
    /// The keys derived from a 32-byte master key.
    pub fn from_master(master: &[u8; 32]) -> Keys {
        let seal = hmac(master, &[b"klubi seal v1"]);
        Keys {
            seal: XChaCha20Poly1305::new(&seal.into()),
            mac: hmac(master, &[b"klubi derive v1"]),
        }
    }

    /// Reads the key file, or creates it (0600) when there is none.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Keys> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path)?,
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        check_private(path)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .with_context(|| {
                format!(
                    "{}: not a Klubi key (43 characters of base64url)",
                    path.display()
                )
            })?;
        Ok(Keys::from_master(&bytes))
    }

    /// `plain` sealed for `purpose` (e.g. `mail:<id>`): only these keys open
    /// it, and only for the same purpose.
    pub fn seal(&self, purpose: &str, plain: &str) -> String {
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let nonce = XNonce::from(nonce);
        let sealed = self
            .seal
            .encrypt(
                &nonce,
                Payload {
                    msg: plain.as_bytes(),
                    aad: purpose.as_bytes(),
                },
            )
            .expect("encrypting into memory cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!("{SEALED_V1}{}", URL_SAFE_NO_PAD.encode(out))
    }

    /// What [`Self::seal`] sealed for `purpose`; `None` when it was sealed
    /// with other keys, for another purpose, or changed since.
    pub fn open(&self, purpose: &str, sealed: &str) -> Option<String> {
        let bytes = URL_SAFE_NO_PAD
            .decode(sealed.strip_prefix(SEALED_V1)?)
            .ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, ct) = bytes.split_at(24);
        let nonce = XNonce::from(<[u8; 24]>::try_from(nonce).ok()?);
        let plain = self
            .seal
            .decrypt(
                &nonce,
                Payload {
                    msg: ct,
                    aad: purpose.as_bytes(),
                },
            )
            .ok()?;
        String::from_utf8(plain).ok()
    }

    /// A secret (43 characters of base64url) that these keys give for
    /// `purpose` and `data` and nothing else gives: stored nowhere, made
    /// again when needed.
    pub fn derive(&self, purpose: &str, data: &str) -> String {
        URL_SAFE_NO_PAD.encode(hmac(&self.mac, &[purpose.as_bytes(), data.as_bytes()]))
    }
}

/// Whether `s` has the form [`Keys::seal`] gives.
pub fn is_sealed(s: &str) -> bool {
    s.starts_with(SEALED_V1)
}

/// A new key file, readable by its owner only. When another process made it
/// first (two instances starting at once), theirs is read.
fn create(path: &Path) -> anyhow::Result<String> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut master = [0u8; 32];
    rand::rng().fill_bytes(&mut master);
    let text = URL_SAFE_NO_PAD.encode(master) + "\n";
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut f) => {
            f.write_all(text.as_bytes())
                .and_then(|()| f.sync_all())
                .with_context(|| format!("writing {}", path.display()))?;
            tracing::warn!(
                path = %path.display(),
                "created a new secret key: back it up apart from the database \
                 (mail not yet sent and calendar links need it)"
            );
            Ok(text)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
        }
        Err(e) => Err(e).with_context(|| format!("creating {}", path.display())),
    }
}

/// Refuses a key file that others than its owner may read or change.
fn check_private(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            anyhow::bail!(
                "{} may be read by others (mode {:o}): `chmod 600` it",
                path.display(),
                mode & 0o777
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_only_with_the_same_keys_and_purpose() {
        let k = Keys::from_master(&[7; 32]);
        let s = k.seal("mail:1", "hello https://x/link/secret");
        assert!(!s.contains("secret"));
        assert_eq!(
            k.open("mail:1", &s).as_deref(),
            Some("hello https://x/link/secret")
        );
        assert_eq!(k.open("mail:2", &s), None, "another row's purpose");
        assert_eq!(Keys::from_master(&[8; 32]).open("mail:1", &s), None);
        let mut tampered = s.clone().into_bytes();
        let last = tampered.len() - 2;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            k.open("mail:1", &String::from_utf8(tampered).unwrap()),
            None
        );
        assert_ne!(
            s,
            k.seal("mail:1", "hello https://x/link/secret"),
            "fresh nonce"
        );
    }

    #[test]
    fn derived_secrets_depend_on_key_purpose_and_data() {
        let k = Keys::from_master(&[7; 32]);
        let a = k.derive("calendar", "user:1");
        assert_eq!(a.len(), 43);
        assert_eq!(a, k.derive("calendar", "user:1"));
        assert_ne!(a, k.derive("calendar", "user:2"));
        assert_ne!(a, k.derive("other", "user:1"));
        assert_ne!(a, Keys::from_master(&[8; 32]).derive("calendar", "user:1"));
    }

    #[test]
    fn a_key_file_is_created_private_and_read_back() {
        let dir = std::env::temp_dir().join(format!("klubi-keys-{}", uuid::Uuid::new_v4()));
        let path = dir.join("secret.key");
        let first = Keys::load_or_create(&path).unwrap();
        let again = Keys::load_or_create(&path).unwrap();
        assert_eq!(first.derive("p", "d"), again.derive("p", "d"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let err = Keys::load_or_create(&path).unwrap_err().to_string();
            assert!(err.contains("chmod 600"), "{err}");
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
