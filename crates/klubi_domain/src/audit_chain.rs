//! The audit log's hash chain: what makes an edited, deleted or inserted
//! audit row visible even to someone who could write the database past the
//! application (a copy of the file, the owner's rights, the append-only
//! triggers dropped).
//!
//! Audit rows are written as ever, in the transaction of each change. A
//! **sealer** (the worker, once a minute, and `klubi audit verify` first)
//! later links the rows older than [`SEAL_AFTER_SECS`] in id order: each
//! [`Link`] (a row of `audit_chain`) holds the hash of the row's details, the
//! previous link's hash and its own,
//!
//! ```text
//! hash = SHA-256(encode([VERSION, prev_hash, id, at, actor_id, action, entity_type,
//!                        entity_id, organisation_id, request_id, details_hash]))
//! details_hash = SHA-256(details)
//! ```
//!
//! where `encode` gives each field as one byte (0 = null, 1 = a value), then
//! for a value its length in bytes (8 bytes, big-endian) and its UTF-8 bytes;
//! numbers are written in decimal. No two different rows encode alike.
//!
//! The chain covers the details only through `details_hash`, kept in the
//! link: a row's details may one day be erased (a person's name or free
//! text, on request) and the chain still verifies — the details then no
//! longer match their hash, which an erasure record will have to account for.
//!
//! Why later and not in the writing transaction: on PostgreSQL transactions
//! run side by side and take ids from a sequence, so a row with a smaller id
//! may commit after a larger one; chaining at write time would make every
//! change wait for the previous one's commit. A row older than the margin
//! (far longer than any transaction lives: a request is cut at 30 s) has
//! every smaller id committed or never to be, so the chain's order is final.

use sha2::{Digest, Sha256};

/// A row is sealed once it is this old (by its `at`): ten times the
/// longest a request may take, so that every smaller id has committed (or
/// rolled back) and clocks of several servers may disagree by minutes.
pub const SEAL_AFTER_SECS: i64 = 300;

/// The version of the encoding, the first field of every hash.
pub const VERSION: &str = "klubi-audit-chain-v1";

/// The `prev_hash` of the first link.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An audit row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub organisation_id: Option<String>,
    pub request_id: String,
    pub details: String,
}

/// A row's place in the chain (a row of `audit_chain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub audit_id: i64,
    /// The row linked before it (0 before the first).
    pub prev_id: i64,
    pub prev_hash: String,
    pub details_hash: String,
    pub hash: String,
}

/// The chain's last link (or where the first one starts from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub audit_id: i64,
    pub hash: String,
}

impl Head {
    pub fn genesis() -> Head {
        Head {
            audit_id: 0,
            hash: GENESIS_HASH.to_string(),
        }
    }

    /// `ID:HASH`, as `klubi audit verify` prints it and takes it back as an anchor.
    pub fn parse(s: &str) -> Option<Head> {
        let (id, hash) = s.trim().split_once(':')?;
        let audit_id = id.parse().ok().filter(|i| *i > 0)?;
        let hash = hash.to_ascii_lowercase();
        (hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()))
            .then_some(Head { audit_id, hash })
    }
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.audit_id, self.hash)
    }
}

fn field(h: &mut Sha256, v: Option<&str>) {
    match v {
        None => h.update([0u8]),
        Some(s) => {
            h.update([1u8]);
            h.update((s.len() as u64).to_be_bytes());
            h.update(s.as_bytes());
        }
    }
}

/// The hash of a row's details (hex).
pub fn details_hash(details: &str) -> String {
    hex::encode(Sha256::digest(details.as_bytes()))
}

/// The hash of `row`'s link after a link whose hash is `prev_hash` (hex).
pub fn link_hash(prev_hash: &str, row: &Row, details_hash: &str) -> String {
    let mut h = Sha256::new();
    for v in [
        Some(VERSION),
        Some(prev_hash),
        Some(&row.id.to_string()),
        Some(&row.at.to_string()),
        row.actor_id.as_deref(),
        Some(&row.action),
        Some(&row.entity_type),
        Some(&row.entity_id),
        row.organisation_id.as_deref(),
        Some(&row.request_id),
        Some(details_hash),
    ] {
        field(&mut h, v);
    }
    hex::encode(h.finalize())
}

/// Whether a row written at `at` may be sealed at `now`.
pub fn sealable(at: i64, now: i64) -> bool {
    at.saturating_add(SEAL_AFTER_SECS) <= now
}

/// The links of `rows` (the rows after `head`, in id order) that may be
/// sealed at `now`: the longest run from the first that is old enough — a
/// younger row stops it, since a row before it may still be uncommitted.
pub fn seal(head: &Head, rows: &[Row], now: i64) -> Vec<Link> {
    let mut prev = head.clone();
    let mut links = vec![];
    for row in rows {
        if row.id <= prev.audit_id || !sealable(row.at, now) {
            break;
        }
        let details_hash = details_hash(&row.details);
        let hash = link_hash(&prev.hash, row, &details_hash);
        links.push(Link {
            audit_id: row.id,
            prev_id: prev.audit_id,
            prev_hash: prev.hash.clone(),
            details_hash,
            hash: hash.clone(),
        });
        prev = Head {
            audit_id: row.id,
            hash,
        };
    }
    links
}

/// What is wrong at one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The row's details are not the ones sealed.
    DetailsChanged,
    /// Another field of the row (or its link) is not what was sealed.
    RowChanged,
    /// The row was sealed and is gone.
    RowMissing,
    /// The link does not follow the one before it: a sealed row (and its
    /// link) before it was removed, or a link was changed. `prev_id` is the
    /// row the link says came before it.
    LinkBroken { prev_id: i64 },
    /// A row among the sealed ones that was never sealed: inserted later
    /// (or by a transaction that lived longer than the margin).
    NotSealed,
    /// The anchor given (a link's hash taken earlier) does not match.
    AnchorMismatch,
    /// The anchor given names a row the chain does not reach.
    AnchorMissing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub audit_id: i64,
    pub fault: Fault,
}

/// Problems kept with their row (the rest are only counted).
pub const PROBLEMS_KEPT: usize = 20;

/// Walks the sealed range in id order, one id at a time ([`Verifier::step`]).
#[derive(Debug, Clone)]
pub struct Verifier {
    prev: Head,
    anchor: Option<Head>,
    anchor_seen: bool,
    /// Sealed rows whose link was checked.
    pub checked: u64,
    /// The first [`PROBLEMS_KEPT`] problems, in id order.
    pub problems: Vec<Problem>,
    pub problem_count: u64,
}

impl Verifier {
    /// `anchor`: a link known from before (printed by an earlier run, or
    /// logged by the sealer) that the chain must still hold.
    pub fn new(anchor: Option<Head>) -> Verifier {
        Verifier {
            prev: Head::genesis(),
            anchor,
            anchor_seen: false,
            checked: 0,
            problems: vec![],
            problem_count: 0,
        }
    }

    fn problem(&mut self, audit_id: i64, fault: Fault) {
        self.problem_count += 1;
        if self.problems.len() < PROBLEMS_KEPT {
            self.problems.push(Problem { audit_id, fault });
        }
    }

    /// One id of the sealed range: its row (`None`: not in the log) and its
    /// link (`None`: not in the chain); ids with neither are not given.
    pub fn step(&mut self, row: Option<&Row>, link: Option<&Link>) {
        let Some(link) = link else {
            if let Some(row) = row {
                self.problem(row.id, Fault::NotSealed);
            }
            return;
        };
        let id = link.audit_id;
        if link.prev_id != self.prev.audit_id || link.prev_hash != self.prev.hash {
            self.problem(
                id,
                Fault::LinkBroken {
                    prev_id: link.prev_id,
                },
            );
        }
        match row {
            None => self.problem(id, Fault::RowMissing),
            Some(row) => {
                self.checked += 1;
                if details_hash(&row.details) != link.details_hash {
                    self.problem(id, Fault::DetailsChanged);
                }
                if link_hash(&link.prev_hash, row, &link.details_hash) != link.hash {
                    self.problem(id, Fault::RowChanged);
                }
            }
        }
        if let Some(a) = &self.anchor
            && a.audit_id == id
        {
            self.anchor_seen = true;
            if a.hash != link.hash {
                self.problem(id, Fault::AnchorMismatch);
            }
        }
        self.prev = Head {
            audit_id: id,
            hash: link.hash.clone(),
        };
    }

    /// The last link walked (the chain's head once every link was given).
    pub fn head(&self) -> &Head {
        &self.prev
    }

    /// After the last link: checks that the anchor was met.
    pub fn finish(&mut self) {
        if let Some(a) = self.anchor.clone()
            && !self.anchor_seen
        {
            self.problem(a.audit_id, Fault::AnchorMissing);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, at: i64) -> Row {
        Row {
            id,
            at,
            actor_id: Some("u1".into()),
            action: "referral.accept".into(),
            entity_type: "referral".into(),
            entity_id: format!("r{id}"),
            organisation_id: None,
            request_id: "req".into(),
            details: "{\"status\":\"enrolled\"}".into(),
        }
    }

    fn verify(rows: &[Row], links: &[Link], anchor: Option<Head>) -> Verifier {
        let mut v = Verifier::new(anchor);
        let mut ids: Vec<i64> = rows
            .iter()
            .map(|r| r.id)
            .chain(links.iter().map(|l| l.audit_id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            v.step(
                rows.iter().find(|r| r.id == id),
                links.iter().find(|l| l.audit_id == id),
            );
        }
        v.finish();
        v
    }

    fn faults(v: &Verifier) -> Vec<(i64, Fault)> {
        v.problems
            .iter()
            .map(|p| (p.audit_id, p.fault.clone()))
            .collect()
    }

    #[test]
    fn only_rows_older_than_the_margin_are_sealed_and_a_young_row_stops_the_run() {
        let now = 10_000;
        let rows = vec![row(1, 100), row(2, now), row(3, 100)];
        let links = seal(&Head::genesis(), &rows, now);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].prev_id, 0);
        assert_eq!(links[0].prev_hash, GENESIS_HASH);
        let later = seal(&Head::genesis(), &rows, now + SEAL_AFTER_SECS);
        assert_eq!(later.len(), 3);
        assert_eq!(later[0], links[0], "sealing is deterministic");
        assert_eq!(later[2].prev_id, 2);
        assert_eq!(later[2].prev_hash, later[1].hash);
    }

    #[test]
    fn a_chain_verifies_and_every_kind_of_tampering_is_found_at_its_row() {
        let rows: Vec<Row> = [1, 2, 4, 5].iter().map(|i| row(*i, 0)).collect();
        let links = seal(&Head::genesis(), &rows, SEAL_AFTER_SECS);
        let v = verify(&rows, &links, None);
        assert_eq!((v.checked, v.problem_count), (4, 0));
        assert_eq!(v.head().audit_id, 5);

        let mut details = rows.clone();
        details[1].details = "{}".into();
        assert_eq!(
            faults(&verify(&details, &links, None)),
            [(2, Fault::DetailsChanged)]
        );
        let mut action = rows.clone();
        action[1].action = "user.create".into();
        assert_eq!(
            faults(&verify(&action, &links, None)),
            [(2, Fault::RowChanged)]
        );
        let mut gone = rows.clone();
        gone.remove(1);
        assert_eq!(
            faults(&verify(&gone, &links, None)),
            [(2, Fault::RowMissing)]
        );
        let mut both_gone = links.clone();
        both_gone.remove(1);
        assert_eq!(
            faults(&verify(&gone, &both_gone, None)),
            [(4, Fault::LinkBroken { prev_id: 2 })]
        );
        let mut inserted = rows.clone();
        inserted.push(row(3, 0));
        assert_eq!(
            faults(&verify(&inserted, &links, None)),
            [(3, Fault::NotSealed)]
        );
        // A rewritten chain from row 2 on verifies by itself; an anchor taken
        // before catches it, and one past the end catches a cut.
        let mut forged = rows.clone();
        forged[1].details = "{}".into();
        let mut rewritten = links[..1].to_vec();
        let head = Head {
            audit_id: 1,
            hash: links[0].hash.clone(),
        };
        rewritten.extend(seal(&head, &forged[1..], SEAL_AFTER_SECS));
        assert_eq!(verify(&forged, &rewritten, None).problem_count, 0);
        let anchor = Head {
            audit_id: 4,
            hash: links[2].hash.clone(),
        };
        assert_eq!(
            faults(&verify(&forged, &rewritten, Some(anchor.clone()))),
            [(4, Fault::AnchorMismatch)]
        );
        assert_eq!(verify(&rows, &links, Some(anchor.clone())).problem_count, 0);
        assert_eq!(
            faults(&verify(&rows[..2], &links[..2], Some(anchor))),
            [(4, Fault::AnchorMissing)]
        );
    }

    #[test]
    fn the_encoding_is_unambiguous() {
        let a = row(1, 0);
        let mut b = a.clone();
        // The same bytes moved from one field to the next.
        b.action = "referral.acceptreferral".into();
        b.entity_type = String::new();
        let mut c = a.clone();
        c.actor_id = None;
        let mut d = a.clone();
        d.actor_id = Some(String::new());
        let hashes: Vec<String> = [&a, &b, &c, &d]
            .iter()
            .map(|r| link_hash(GENESIS_HASH, r, &details_hash(&r.details)))
            .collect();
        for (i, x) in hashes.iter().enumerate() {
            for y in &hashes[i + 1..] {
                assert_ne!(x, y);
            }
        }
    }

    #[test]
    fn anchors_read_back_as_printed() {
        let h = Head {
            audit_id: 42,
            hash: details_hash("x"),
        };
        assert_eq!(Head::parse(&h.to_string()), Some(h));
        assert_eq!(Head::parse("42:abc"), None);
        assert_eq!(Head::parse(&format!("0:{}", GENESIS_HASH)), None);
    }
}
