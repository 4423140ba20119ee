//! What the admin reads of the installation's history: the append-only audit
//! log (filtered, newest first) and the mail outbox; and the system's seal
//! and check of the log's hash chain (`klubi_domain::audit_chain`).

use crate::Caller;
use crate::error::Result;
use crate::policy::{self, Action};
use klubi_db::audit::Filter;

pub use klubi_db::audit::AuditRow;
pub use klubi_db::outbox::Mail;

/// Rows on one page of the log.
pub const PAGE_ROWS: i64 = 100;

/// The log's filters as typed; empty ones (and unreadable dates) are ignored.
#[derive(Debug, Clone, Default)]
pub struct Search<'a> {
    /// The start of the action's name (`user.`, `referral.accept`).
    pub action: &'a str,
    pub entity_id: &'a str,
    /// `YYYY-MM-DD` in Helsinki, the first day shown.
    pub from: &'a str,
    /// `YYYY-MM-DD` in Helsinki, the last day shown.
    pub to: &'a str,
    /// Rows older than this row (the previous page's `older_than`).
    pub before: Option<i64>,
}

pub struct AuditPage {
    /// Newest first, at most [`PAGE_ROWS`].
    pub rows: Vec<AuditRow>,
    /// The cursor of the next (older) page, when there may be one.
    pub older_than: Option<i64>,
}

/// `YYYY-MM-DD` as the start of that day in Helsinki, in unix seconds.
fn day_start(s: &str) -> Option<i64> {
    let d: jiff::civil::Date = s.trim().parse().ok()?;
    let z = d.to_zoned(crate::i18n::tz()).ok()?;
    Some(z.timestamp().as_second())
}

fn given(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// One page of the audit log (an admin).
pub async fn list(cx: &Caller, q: &Search<'_>) -> Result<AuditPage> {
    policy::require(cx.actor()?, Action::ViewAudit)?;
    let filter = Filter {
        organisation_id: None,
        action_prefix: given(q.action),
        entity_id: given(q.entity_id),
        actor_id: None,
        from: day_start(q.from),
        to: day_start(q.to).map(|t| t + 24 * 3600),
        before_id: q.before,
        limit: PAGE_ROWS,
    };
    let rows = klubi_db::audit::list(cx.db(), &filter).await?;
    let older_than =
        (rows.len() as i64 == PAGE_ROWS).then(|| rows.last().map(|r| r.id).unwrap_or_default());
    Ok(AuditPage { rows, older_than })
}

/// The newest 200 mails of the outbox (an admin).
pub async fn outbox(cx: &Caller) -> Result<Vec<Mail>> {
    policy::require(cx.actor()?, Action::ViewOutbox)?;
    Ok(klubi_db::outbox::list(cx.db(), 200).await?)
}

/// One outbox mail with its text while it has one (see [`crate::mail::text_of`]):
/// without SMTP an administrator hands an invitation over from here. Opening
/// it is audited, as the text may hold someone's sign-in link.
pub struct OutboxMail {
    pub mail: Mail,
    /// `None` once sent (the body is dropped then) or when it cannot be opened.
    pub text: Option<String>,
}

pub async fn outbox_mail(cx: &Caller, id: &str) -> Result<OutboxMail> {
    policy::require(cx.actor()?, Action::ViewOutbox)?;
    let mail = klubi_db::outbox::get(cx.db(), id).await?;
    let text = crate::mail::text_of(&cx.state.keys, &mail);
    if text.is_some() {
        let mut tx = cx.db().begin().await?;
        klubi_db::audit::record(
            &mut tx,
            &cx.ctx(),
            klubi_db::audit::Entry {
                action: "mail.read",
                entity_type: "mail",
                entity_id: &mail.id,
                organisation_id: None,
                details: serde_json::json!({}),
            },
        )
        .await?;
        klubi_db::commit(tx).await?;
    }
    Ok(OutboxMail { mail, text })
}

/// Rows sealed in one transaction: on SQLite the sealer holds the one writer
/// meanwhile, so a few milliseconds at a time.
const SEAL_BATCH: i64 = 500;

/// Rows (and links) read at a time by [`verify`].
const VERIFY_BATCH: i64 = 5_000;

/// Links the audit rows older than `audit_chain::SEAL_AFTER_SECS` into the
/// chain, in id order, as far as the first younger row: `klubi audit verify`
/// runs it before it checks (the worker runs [`seal_for`]). Returns how many
/// rows it sealed. Only the system seals.
pub async fn seal(cx: &Caller) -> Result<u64> {
    seal_until(cx, None).await
}

/// [`seal`] for at most about `budget` (the worker, once a minute: a backlog,
/// say after an upgrade, is sealed a part at a time between the jobs).
pub async fn seal_for(cx: &Caller, budget: std::time::Duration) -> Result<u64> {
    seal_until(cx, Some(std::time::Instant::now() + budget)).await
}

async fn seal_until(cx: &Caller, deadline: Option<std::time::Instant>) -> Result<u64> {
    cx.require_system()?;
    let mut sealed = 0u64;
    loop {
        let mut tx = klubi_db::audit_chain::begin_seal(cx.db()).await?;
        let head = klubi_db::audit_chain::head(&mut tx).await?;
        let rows = klubi_db::audit_chain::rows_after(&mut tx, head.audit_id, SEAL_BATCH).await?;
        let links = klubi_domain::audit_chain::seal(&head, &rows, cx.now);
        let Some(last) = links.last().cloned() else {
            // Nothing to seal: the transaction ends without a commit.
            return Ok(sealed);
        };
        if !klubi_db::audit_chain::append(&mut tx, &links, cx.now).await? {
            // Another sealer (another process on the file) got there first.
            return Ok(sealed);
        }
        klubi_db::commit(tx).await?;
        sealed += links.len() as u64;
        // The chain's head, in the log: a copy kept outside the database,
        // which an anchor for `klubi audit verify --anchor` may be taken from.
        tracing::info!(audit_id = last.audit_id, hash = %last.hash, rows = links.len(), "audit rows sealed");
        let more = links.len() == rows.len() && rows.len() as i64 == SEAL_BATCH;
        if !more || deadline.is_some_and(|d| std::time::Instant::now() >= d) {
            return Ok(sealed);
        }
    }
}

pub use klubi_domain::audit_chain::{Fault, Head, Problem};

/// What [`verify`] found.
#[derive(Debug, Clone)]
pub struct Verified {
    /// Rows sealed by this run before checking.
    pub sealed_now: u64,
    /// Sealed rows whose hashes were recomputed.
    pub checked: u64,
    /// The chain's last link (`None` when nothing is sealed yet).
    pub head: Option<Head>,
    /// Rows after the head, too young to seal yet (sealed after
    /// `SEAL_AFTER_SECS`), and when the oldest of them was written.
    pub unsealed: u64,
    pub oldest_unsealed_at: Option<i64>,
    /// The first problems, in id order; empty when the chain holds.
    pub problems: Vec<Problem>,
    pub problem_count: u64,
    /// Whether the role this runs as could rewrite the log (always on SQLite;
    /// on PostgreSQL, unless set up as docs/deploy/postgresql.md says).
    pub role_may_rewrite: bool,
}

impl Verified {
    pub fn holds(&self) -> bool {
        self.problem_count == 0
    }
}

/// Seals what is due, then recomputes every link of the chain from the rows
/// and finds what does not match: a changed row, a deleted one, a row among
/// the sealed ones that was never sealed, a broken link, and (given an
/// `anchor`, a link's `ID:HASH` printed or logged earlier) a chain rewritten
/// or cut since. Only the system verifies (`klubi audit verify`).
pub async fn verify(cx: &Caller, anchor: Option<Head>) -> Result<Verified> {
    cx.require_system()?;
    let sealed_now = seal(cx).await?;
    let db = cx.db();
    let mut v = klubi_domain::audit_chain::Verifier::new(anchor);
    let mut after = 0i64;
    loop {
        let links = klubi_db::audit_chain::links_after(db, after, VERIFY_BATCH).await?;
        let Some(upto) = links.last().map(|l| l.audit_id) else {
            break;
        };
        let rows = klubi_db::audit_chain::rows_between(db, after, upto).await?;
        // Both in id order: walk them side by side.
        let (mut r, mut l) = (rows.iter().peekable(), links.iter().peekable());
        loop {
            match (r.peek(), l.peek()) {
                (None, None) => break,
                (Some(row), Some(link)) if row.id == link.audit_id => {
                    v.step(Some(row), Some(link));
                    r.next();
                    l.next();
                }
                (Some(row), Some(link)) if row.id < link.audit_id => {
                    v.step(Some(row), None);
                    r.next();
                }
                (Some(row), None) => {
                    v.step(Some(row), None);
                    r.next();
                }
                (_, Some(link)) => {
                    v.step(None, Some(link));
                    l.next();
                }
            }
        }
        after = upto;
    }
    v.finish();
    let head = v.head().clone();
    let (unsealed, oldest_unsealed_at) = klubi_db::audit_chain::unsealed(db, head.audit_id).await?;
    Ok(Verified {
        sealed_now,
        checked: v.checked,
        head: (head.audit_id > 0).then_some(head),
        unsealed: unsealed.max(0) as u64,
        oldest_unsealed_at,
        problems: v.problems,
        problem_count: v.problem_count,
        role_may_rewrite: klubi_db::audit_chain::may_rewrite(db).await?,
    })
}
