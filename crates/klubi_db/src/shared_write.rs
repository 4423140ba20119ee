//! Write transactions that may share one commit with others (group commit),
//! for the busiest writes. SQLite has one writer: each transaction of its own
//! holds it through BEGIN, its statements and a COMMIT with its fsync, and
//! hands it over through the pool. Here a task takes every such write waiting
//! at that moment, runs each in a savepoint of one transaction (so each is
//! still all or nothing, and one refused leaves the others), commits once and
//! only then answers each: nobody hears "done" before it is durable.
//! On PostgreSQL, where writers run side by side, each is a transaction of
//! its own.

use crate::{Backend, Db, DbError, Result, Tx};
use std::future::Future;
use std::pin::Pin;
use tokio::sync::{mpsc, oneshot};

pub type Step<'c, R> = Pin<Box<dyn Future<Output = R> + Send + 'c>>;
type Answer = Box<dyn FnOnce(Result<(), String>) + Send>;
type Job = Box<dyn for<'c> FnOnce(&'c mut Tx) -> Step<'c, Answer> + Send>;

#[derive(Clone)]
pub struct Shared {
    jobs: mpsc::UnboundedSender<Job>,
}

/// Writes at most this many in one transaction: a long batch would keep the
/// first of them waiting for the last.
const MOST: usize = 64;

impl Shared {
    /// Starts the task that runs the shared writes (on the current runtime).
    pub fn start(db: Db) -> Shared {
        let (jobs, mut rx) = mpsc::unbounded_channel::<Job>();
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MOST);
            while rx.recv_many(&mut batch, MOST).await > 0 {
                let jobs = std::mem::replace(&mut batch, Vec::with_capacity(MOST));
                // A write that panics loses its batch (each of its callers
                // hears an error, nothing is committed), not the writer.
                if let Err(e) = tokio::spawn(run(db.clone(), jobs)).await {
                    tracing::error!("a shared write transaction failed: {e}");
                }
            }
        });
        Shared { jobs }
    }
}

/// One transaction for `jobs`; answers each once the commit is done.
async fn run(db: Db, jobs: Vec<Job>) {
    let mut tx = match db.begin().await {
        Ok(tx) => tx,
        Err(e) => {
            // Dropping the jobs unanswered tells their callers.
            tracing::error!("a shared write transaction could not begin: {e}");
            return;
        }
    };
    let mut answers = Vec::with_capacity(jobs.len());
    for job in jobs {
        answers.push(job(&mut tx).await);
    }
    let committed = crate::commit(tx).await.map_err(|e| e.to_string());
    for answer in answers {
        answer(committed.clone());
    }
}

impl Db {
    /// Runs `write` in a write transaction, shared with others waiting at the
    /// same moment on SQLite. An error from `write` undoes what it wrote and
    /// nothing else; the commit's error reaches every write it held.
    pub async fn write_shared<T, E, F>(&self, write: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: for<'c> FnOnce(&'c mut Tx) -> Step<'c, std::result::Result<T, E>> + Send + 'static,
    {
        let Some(shared) = self
            .shared
            .as_ref()
            .filter(|_| self.backend == Backend::Sqlite)
        else {
            let mut tx = self.begin().await?;
            let out = write(&mut tx).await?;
            crate::commit(tx).await?;
            return Ok(out);
        };
        let (send, receive) = oneshot::channel();
        let job: Job = Box::new(move |tx: &mut Tx| {
            Box::pin(async move {
                let out = in_savepoint(tx, write).await;
                Box::new(move |committed: Result<(), String>| {
                    let _ = send.send((out, committed));
                }) as Answer
            })
        });
        let stopped = || E::from(DbError::Config("the shared writer has stopped".into()));
        shared.jobs.send(job).map_err(|_| stopped())?;
        let (out, committed) = receive.await.map_err(|_| stopped())?;
        committed.map_err(|e| E::from(DbError::Config(format!("commit: {e}"))))?;
        out
    }
}

/// What `write` gave, its writes undone back to the savepoint if an error.
async fn in_savepoint<T, E, F>(tx: &mut Tx, write: F) -> std::result::Result<T, E>
where
    E: From<DbError>,
    F: for<'c> FnOnce(&'c mut Tx) -> Step<'c, std::result::Result<T, E>>,
{
    let db = |e: sqlx::Error| E::from(DbError::from(e));
    sqlx::query("SAVEPOINT shared")
        .execute(&mut **tx)
        .await
        .map_err(db)?;
    let out = write(tx).await;
    if out.is_err() {
        sqlx::query("ROLLBACK TO shared")
            .execute(&mut **tx)
            .await
            .map_err(db)?;
    }
    sqlx::query("RELEASE shared")
        .execute(&mut **tx)
        .await
        .map_err(db)?;
    out
}
