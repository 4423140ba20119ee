//! What the admin reads of the installation's history: the append-only audit
//! log (filtered, newest first) and the mail outbox.

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
