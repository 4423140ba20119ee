//! Mail: composed in the recipient's language when the change happens, queued
//! in the outbox in the same transaction, sent by the worker over SMTP.

use crate::i18n::{t, t_args};
use crate::state::AppState;
use klubi_db::Tx;
use klubi_db::outbox::{self, NewMail};
use klubi_domain::people::Language;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub type Mailer = AsyncSmtpTransport<Tokio1Executor>;

/// The transport for `KLUBI_SMTP_URL` (`smtp://…`, `smtps://…`).
pub fn mailer(url: &str) -> Result<Mailer, String> {
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|e| format!("KLUBI_SMTP_URL: {e}"))?
        .timeout(Some(std::time::Duration::from_secs(20)))
        .build())
}

pub enum Kind<'a> {
    /// A new account: set your password through the link.
    Invitation {
        link: &'a str,
        inviter: &'a str,
    },
    PasswordReset {
        link: &'a str,
    },
}

pub struct Recipient<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub language: Language,
}

pub fn compose(lang: Language, name: &str, kind: &Kind<'_>) -> (String, String) {
    let (subject, body) = match kind {
        Kind::Invitation { link, inviter } => (
            t(lang, "mail-invitation-subject"),
            t_args(
                lang,
                "mail-invitation-body",
                &[
                    ("name", name.to_string()),
                    ("link", link.to_string()),
                    ("inviter", inviter.to_string()),
                ],
            ),
        ),
        Kind::PasswordReset { link } => (
            t(lang, "mail-reset-subject"),
            t_args(
                lang,
                "mail-reset-body",
                &[("name", name.to_string()), ("link", link.to_string())],
            ),
        ),
    };
    (
        subject,
        format!("{body}\n\n-- \n{}\n", t(lang, "mail-signature")),
    )
}

/// Queues a mail in the caller's transaction.
pub async fn queue(
    tx: &mut Tx,
    now: i64,
    to: Recipient<'_>,
    kind: Kind<'_>,
) -> klubi_db::Result<String> {
    let (subject, body) = compose(to.language, to.name, &kind);
    outbox::enqueue(
        tx,
        now,
        NewMail {
            to_address: to.email,
            to_name: to.name,
            language: to.language.code(),
            subject: &subject,
            body_text: &body,
        },
    )
    .await
}

#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    Sent,
    /// No SMTP configured: written to the log, kept in the outbox.
    Logged,
}

/// Sends one outbox mail. The Message-ID is derived from the outbox id, so a
/// retry after a lost acknowledgement can be recognised as the same mail.
pub async fn send(state: &AppState, m: &outbox::Mail) -> Result<Sent, String> {
    let Some(transport) = &state.mailer else {
        tracing::info!(
            to = %m.to_address,
            subject = %m.subject,
            body = %m.body_text,
            "mail not sent (no KLUBI_SMTP_URL); kept in the outbox"
        );
        return Ok(Sent::Logged);
    };
    let from: Mailbox = state
        .config
        .mail_from
        .parse()
        .map_err(|e| format!("KLUBI_MAIL_FROM: {e}"))?;
    let to = Mailbox::new(
        Some(m.to_name.clone()),
        m.to_address
            .parse()
            .map_err(|e| format!("recipient: {e}"))?,
    );
    let domain = from.email.domain().to_string();
    let msg = Message::builder()
        .from(from)
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(format!("<{}@{}>", m.id, domain)))
        .header(lettre::message::header::ContentType::TEXT_PLAIN)
        .header(ContentLanguage(m.language.clone()))
        .body(m.body_text.clone())
        .map_err(|e| format!("building mail: {e}"))?;
    transport
        .send(msg)
        .await
        .map_err(|e| format!("smtp: {e}"))?;
    Ok(Sent::Sent)
}

#[derive(Clone)]
struct ContentLanguage(String);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Content-Language")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.to_string()))
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}
