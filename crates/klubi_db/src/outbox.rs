//! The mail outbox: every mail is a row written in the transaction of the change
//! that caused it, plus a job that sends it. Without SMTP the worker writes the
//! mail to the log and the row stays here as `logged`.

use crate::shared_write::Step;
use crate::writes::Writes;
use crate::{Db, DbError, Result, Tx, jobs, new_id};
use sqlx::Row;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Mail {
    pub id: String,
    pub to_address: String,
    pub to_name: String,
    pub language: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

pub struct NewMail<'a> {
    pub to_address: &'a str,
    pub to_name: &'a str,
    pub language: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
}

pub const JOB_KIND: &str = "send_mail";

pub async fn enqueue(tx: &mut Tx, now: i64, m: NewMail<'_>) -> Result<String> {
    let mut w = Writes::new();
    let id = push(&mut w, now, m);
    w.run(tx).await?;
    Ok(id)
}

/// A mail and the job that sends it, among `w`'s statements; its id.
pub fn push(w: &mut Writes, now: i64, m: NewMail<'_>) -> String {
    let id = new_id();
    w.push(
        "INSERT INTO mail_outbox (id, to_address, to_name, language, subject, body_text, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)",
        vec![
            id.clone().into(),
            m.to_address.into(),
            m.to_name.into(),
            m.language.into(),
            m.subject.into(),
            m.body_text.into(),
            now.into(),
        ],
    );
    jobs::push(w, JOB_KIND, &serde_json::json!({"outbox_id": id}), now, now);
    id
}

fn from_row(r: sqlx::any::AnyRow) -> Mail {
    Mail {
        id: r.get("id"),
        to_address: r.get("to_address"),
        to_name: r.get("to_name"),
        language: r.get("language"),
        subject: r.get("subject"),
        body_text: r.get("body_text"),
        status: r.get("status"),
        created_at: r.get("created_at"),
        sent_at: r.get("sent_at"),
    }
}

const COLUMNS: &str =
    "id, to_address, to_name, language, subject, body_text, status, created_at, sent_at";

pub async fn get(db: &Db, id: &str) -> Result<Mail> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM mail_outbox WHERE id = $1"
    )))
    .bind(id.to_string())
    .fetch_optional(db.reader())
    .await?
    .map(from_row)
    .ok_or(DbError::NotFound)
}

/// Records the mail's fate and, in the same transaction, its send job as done
/// (one commit per mail rather than two).
pub async fn mark(db: &Db, id: &str, status: &str, now: i64, job_id: i64) -> Result<()> {
    let (id, status) = (id.to_string(), status.to_string());
    // Shares a commit on SQLite, like the claim (see `jobs::claim`).
    db.write_shared(move |tx: &mut Tx| -> Step<'_, Result<()>> {
        Box::pin(async move {
            // A sent mail's body is dropped: it may hold a sign-in link, and
            // the recipient has it now. Unsent (logged) mail keeps its sealed
            // body for an administrator to hand over.
            sqlx::query(
                "UPDATE mail_outbox SET status = $1, sent_at = $2,
                        body_text = CASE WHEN $1 = 'sent' THEN '' ELSE body_text END
                 WHERE id = $3",
            )
            .bind(status)
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            jobs::complete_in(tx, job_id, now).await
        })
    })
    .await
}

/// Newest first, for the admin's outbox page.
pub async fn list(db: &Db, limit: i64) -> Result<Vec<Mail>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1"
    )))
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Mail sent to a person (bodies are dropped once sent; see [`crate::privacy`]).
pub const PERSONAL_DATA: crate::privacy::PersonalData = crate::privacy::PersonalData {
    feature: "mail",
    columns: &[
        "mail_outbox.to_address",
        "mail_outbox.to_name",
        "mail_outbox.language",
        "mail_outbox.subject",
        "mail_outbox.body_text",
        "mail_outbox.created_at",
        "mail_outbox.sent_at",
    ],
    export: &[crate::privacy::Export {
        key: "mails",
        sql: "SELECT id, to_address, subject, status, created_at, sent_at FROM mail_outbox
               WHERE to_address IN (SELECT email FROM users WHERE id = $1
                                    UNION SELECT pending_email FROM users WHERE id = $1)
               ORDER BY created_at, id",
        one: false,
    }],
    audit_entities: &[(
        "mail",
        "SELECT id FROM mail_outbox WHERE to_address IN (SELECT email FROM users WHERE id = $1
                                                        UNION SELECT pending_email FROM users WHERE id = $1)",
    )],
    read_actions: &["mail.read"],
};
