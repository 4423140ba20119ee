//! Mail: composed in the recipient's language when the change happens, queued
//! in the outbox in the same transaction, sent by the worker over SMTP.

use crate::i18n::{t, t_args};
use crate::keys::Keys;
use crate::state::{AppState, AppStateRef};
use klubi_db::Tx;
use klubi_db::outbox::{self, NewMail};
use klubi_db::writes::Writes;
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
    /// An administrator took one's second factor away (a lost phone).
    SecondFactorReset {
        by: &'a str,
        link: &'a str,
    },
    /// To a participant: you have a seat (`promoted`: it freed up while you
    /// waited). `schedule` lists the meetings; `link` sets a first password
    /// (none when they already have one).
    Seat {
        promoted: bool,
        group: &'a str,
        location: &'a str,
        schedule: &'a str,
        link: Option<&'a str>,
        base: &'a str,
    },
    /// To a participant: accepted, on the waiting list at `position`.
    Waitlisted {
        group: &'a str,
        position: usize,
        base: &'a str,
    },
    /// To the referring case manager.
    ReferralDeclined {
        participant: &'a str,
        group: &'a str,
        reason: &'a str,
    },
    ClientPromoted {
        participant: &'a str,
        group: &'a str,
    },
    ClientWithdrew {
        participant: &'a str,
        group: &'a str,
        reason: &'a str,
    },
    /// To a token's owner: an administrator issued an API token in their name.
    TokenIssued {
        issuer: &'a str,
        name: &'a str,
        until: &'a str,
    },
    /// To an address typed for a new account that already has one (see
    /// `users.pending_email`): nothing was linked to it, and no link is sent.
    AddressInUse {
        by: &'a str,
        base: &'a str,
    },
    /// A participant missed a meeting without excuse: to the referring case
    /// manager, and (`escalated`, it has happened before) to the coordinators.
    NoShow {
        participant: &'a str,
        group: &'a str,
        when: &'a str,
        escalated: bool,
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
        Kind::Seat {
            promoted,
            group,
            location,
            schedule,
            link,
            base,
        } => {
            let sign_in = match link {
                Some(l) => t_args(
                    lang,
                    "mail-enrolled-set-password",
                    &[("link", l.to_string())],
                ),
                None => t_args(
                    lang,
                    "mail-enrolled-sign-in",
                    &[("link", format!("{base}/login"))],
                ),
            };
            let args = [
                ("name", name.to_string()),
                ("group", group.to_string()),
                ("location", location.to_string()),
                ("schedule", schedule.to_string()),
                ("signin", sign_in),
                ("withdraw", format!("{base}/my/groups")),
            ];
            if *promoted {
                (
                    t_args(lang, "mail-promoted-subject", &args),
                    t_args(lang, "mail-promoted-body", &args),
                )
            } else {
                (
                    t_args(lang, "mail-enrolled-subject", &args),
                    t_args(lang, "mail-enrolled-body", &args),
                )
            }
        }
        Kind::Waitlisted {
            group,
            position,
            base,
        } => {
            let args = [
                ("name", name.to_string()),
                ("group", group.to_string()),
                ("position", position.to_string()),
                ("link", format!("{base}/my/groups")),
            ];
            (
                t_args(lang, "mail-waitlisted-subject", &args),
                t_args(lang, "mail-waitlisted-body", &args),
            )
        }
        Kind::ReferralDeclined {
            participant,
            group,
            reason,
        }
        | Kind::ClientWithdrew {
            participant,
            group,
            reason,
        } => {
            let args = [
                ("name", name.to_string()),
                ("participant", participant.to_string()),
                ("group", group.to_string()),
                ("reason", reason.to_string()),
            ];
            let (subject, body) = if matches!(kind, Kind::ReferralDeclined { .. }) {
                ("mail-declined-subject", "mail-declined-body")
            } else {
                ("mail-client-withdrew-subject", "mail-client-withdrew-body")
            };
            (t_args(lang, subject, &args), t_args(lang, body, &args))
        }
        Kind::ClientPromoted { participant, group } => {
            let args = [
                ("name", name.to_string()),
                ("participant", participant.to_string()),
                ("group", group.to_string()),
            ];
            (
                t_args(lang, "mail-client-promoted-subject", &args),
                t_args(lang, "mail-client-promoted-body", &args),
            )
        }
        Kind::NoShow {
            participant,
            group,
            when,
            escalated,
            link,
        } => {
            let args = [
                ("name", name.to_string()),
                ("participant", participant.to_string()),
                ("group", group.to_string()),
                ("when", when.to_string()),
                ("link", link.to_string()),
            ];
            let (subject, body) = if *escalated {
                ("mail-no-show-again-subject", "mail-no-show-again-body")
            } else {
                ("mail-no-show-subject", "mail-no-show-body")
            };
            (t_args(lang, subject, &args), t_args(lang, body, &args))
        }
        Kind::SecondFactorReset { by, link } => (
            t(lang, "mail-second-factor-reset-subject"),
            t_args(
                lang,
                "mail-second-factor-reset-body",
                &[
                    ("name", name.to_string()),
                    ("by", by.to_string()),
                    ("link", link.to_string()),
                ],
            ),
        ),
        Kind::TokenIssued {
            issuer,
            name: token,
            until,
        } => {
            let args = [
                ("name", name.to_string()),
                ("issuer", issuer.to_string()),
                ("token", token.to_string()),
                ("until", until.to_string()),
            ];
            (
                t_args(lang, "mail-token-issued-subject", &args),
                t_args(lang, "mail-token-issued-body", &args),
            )
        }
        Kind::AddressInUse { by, base } => (
            t(lang, "mail-address-in-use-subject"),
            t_args(
                lang,
                "mail-address-in-use-body",
                &[
                    ("name", name.to_string()),
                    ("by", by.to_string()),
                    ("link", format!("{base}/login")),
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

impl<'a> Recipient<'a> {
    /// The pending address of an active account that has no address of its
    /// own (see `users.pending_email`): for [`Kind::AddressInUse`] only.
    pub fn pending(u: &'a klubi_db::users::User) -> Option<Recipient<'a>> {
        if !u.active || u.email.is_some() {
            return None;
        }
        Some(Recipient {
            email: u.pending_email.as_deref()?,
            name: &u.name,
            language: u.language,
        })
    }

    /// A user as a recipient, if they have an address (participants may not)
    /// and their account is active: nothing is mailed to a deactivated
    /// account (staff who left; their address may be someone else's now).
    pub fn of(u: &'a klubi_db::users::User) -> Option<Recipient<'a>> {
        if !u.active {
            return None;
        }
        Some(Recipient {
            email: u.email.as_deref()?,
            name: &u.name,
            language: u.language,
        })
    }
}

/// Queues a mail to a user in the caller's transaction; nothing for a user
/// without an address (the caller has another way to reach them).
pub async fn queue_to(
    tx: &mut Tx,
    keys: &Keys,
    now: i64,
    to: &klubi_db::users::User,
    kind: Kind<'_>,
) -> klubi_db::Result<()> {
    let mut w = Writes::new();
    push_to(&mut w, keys, now, to, kind);
    w.run(tx).await
}

/// [`queue_to`] among `w`'s statements.
pub fn push_to(w: &mut Writes, keys: &Keys, now: i64, to: &klubi_db::users::User, kind: Kind<'_>) {
    if let Some(r) = Recipient::of(to) {
        push(w, keys, now, r, kind);
    }
}

/// For an account kept with a pending address only (see
/// `users.pending_email`), the notice [`Kind::AddressInUse`] to that address
/// among `w`'s statements, in place of any mail with a link: true when the
/// account is such. `by` typed the address.
pub fn push_pending_notice(
    w: &mut Writes,
    keys: &Keys,
    now: i64,
    to: &klubi_db::users::User,
    by: &str,
    base: &str,
) -> bool {
    let Some(r) = Recipient::pending(to) else {
        return false;
    };
    push(w, keys, now, r, Kind::AddressInUse { by, base });
    true
}

/// Queues a mail in the caller's transaction.
pub async fn queue(
    tx: &mut Tx,
    keys: &Keys,
    now: i64,
    to: Recipient<'_>,
    kind: Kind<'_>,
) -> klubi_db::Result<String> {
    let mut w = Writes::new();
    let id = push(&mut w, keys, now, to, kind);
    w.run(tx).await?;
    Ok(id)
}

/// [`queue`] among `w`'s statements; the mail's id. The body (which may
/// hold a sign-in link) is stored sealed with the instance's key
/// ([`crate::keys`]) until it is sent, then dropped: a copy of the database
/// alone holds no usable link.
pub fn push(w: &mut Writes, keys: &Keys, now: i64, to: Recipient<'_>, kind: Kind<'_>) -> String {
    let (subject, body) = compose(to.language, to.name, &kind);
    outbox::push(
        w,
        now,
        NewMail {
            to_address: to.email,
            to_name: to.name,
            language: to.language.code(),
            subject: &subject,
            body_text: &keys.seal(&body_purpose(to.email), &body),
        },
    )
}

/// What a mail's body is sealed for: its recipient, so that a sealed body
/// moved onto a row to another address no longer opens.
fn body_purpose(address: &str) -> String {
    format!("mail-to:{}", address.to_lowercase())
}

/// The text of an outbox mail, while it has one: `None` once it was sent
/// (the body is dropped then) or when it cannot be opened (sealed with
/// another instance key). A body stored before bodies were sealed reads as
/// it is.
pub fn text_of(keys: &Keys, m: &outbox::Mail) -> Option<String> {
    if m.body_text.is_empty() {
        return None;
    }
    if crate::keys::is_sealed(&m.body_text) {
        keys.open(&body_purpose(&m.to_address), &m.body_text)
    } else {
        Some(m.body_text.clone())
    }
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
        // Never the body: it may hold a sign-in link. An administrator reads
        // it on the outbox page (audited).
        tracing::info!(
            mail = %m.id,
            to = %m.to_address,
            subject = %m.subject,
            "mail not sent (no KLUBI_SMTP_URL); kept in the outbox"
        );
        return Ok(Sent::Logged);
    };
    let body = text_of(&state.keys, m).ok_or_else(|| {
        format!(
            "mail {}: its body cannot be opened (sealed with another KLUBI_SECRET_KEY_FILE?)",
            m.id
        )
    })?;
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
        .body(body)
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

/// The job that sends one outbox row (queued with it by `klubi_db::outbox`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SendMail {
    pub outbox_id: String,
}

impl crate::jobs::JobKind for SendMail {
    const KIND: &'static str = outbox::JOB_KIND;

    /// Idempotent: a mail already sent (a retry after a crash) is not sent again;
    /// the job is marked done together with the outbox row.
    async fn run(self, state: &AppStateRef, job_id: i64) -> Result<crate::jobs::Ran, String> {
        let mail = outbox::get(&state.db, &self.outbox_id)
            .await
            .map_err(|e| e.to_string())?;
        if mail.status == "sent" {
            return Ok(crate::jobs::Ran::Done);
        }
        let status = match send(state, &mail).await? {
            Sent::Sent => "sent",
            Sent::Logged => "logged",
        };
        outbox::mark(
            &state.db,
            &self.outbox_id,
            status,
            state.clock.now(),
            job_id,
        )
        .await
        .map_err(|e| e.to_string())?;
        Ok(crate::jobs::Ran::Recorded)
    }
}
