//! The background worker inside `serve`: runs due jobs, retries with backoff,
//! sweeps expired login sessions, seals the audit log's due rows into its hash
//! chain ([`crate::audit::seal_for`]) and reports the queue depth.
//!
//! Jobs are typed: each feature declares its kinds as [`JobKind`]s (a payload
//! struct, its name in the queue and what running it does) and lists them in
//! [`KINDS`]; [`enqueue`] writes one in the caller's transaction. The worker
//! reads a claimed job's payload into its kind's type before running it.

use crate::state::AppStateRef;
use klubi_db::{jobs, login_sessions};
use klubi_domain::jobs::{MAX_ATTEMPTS, backoff_secs};
use klubi_domain::login::SessionPolicy;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// Becomes `true` when the worker should stop taking new jobs.
pub type Stop = tokio::sync::watch::Receiver<bool>;

const LEASE_SECS: i64 = 300;

pub async fn run(state: AppStateRef, mut stop: Stop) {
    let worker = format!("{}-{}", std::process::id(), klubi_db::new_id());
    let mut last_sweep = 0i64;
    loop {
        if *stop.borrow() {
            break;
        }
        let now = state.clock.now();
        if now - last_sweep >= 60 {
            last_sweep = now;
            housekeeping(&state, now).await;
        }
        match jobs::claim(&state.db, &worker, now, LEASE_SECS).await {
            Ok(Some(job)) => {
                run_one(&state, job).await;
                continue;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "could not claim a job"),
        }
        tokio::select! {
            _ = state.jobs_notify.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            _ = stop.changed() => {}
        }
    }
}

async fn housekeeping(state: &AppStateRef, now: i64) {
    let p = SessionPolicy::default();
    if let Err(e) = login_sessions::sweep(&state.db, now - p.idle_secs, now - p.absolute_secs).await
    {
        tracing::warn!(error = %e, "session sweep failed");
    }
    // Several processes may do this at once: sealers take turns (a lock) and
    // the later ones find nothing left to seal.
    let sealer = crate::Caller::system(state, "job audit_seal");
    if let Err(e) = crate::audit::seal_for(&sealer, Duration::from_secs(2)).await {
        tracing::warn!(error = %e, "sealing the audit log failed");
    }
    if let Ok(d) = jobs::depth(&state.db, now).await {
        metrics::gauge!("klubi_jobs_due").set(d.due as f64);
        metrics::gauge!("klubi_jobs_scheduled").set(d.scheduled as f64);
        metrics::gauge!("klubi_jobs_failed").set(d.failed as f64);
    }
}

/// What running a job did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ran {
    /// Nothing recorded yet: the worker marks the job done.
    Done,
    /// The job was marked done in the same transaction as its own change.
    Recorded,
}

/// A kind of job: its payload (this type), its name in the queue, and what
/// running it does. Handlers must be idempotent: a lease that runs out (a
/// worker died) makes the job claimable again.
pub trait JobKind: Serialize + DeserializeOwned + Send + 'static {
    /// The `jobs.kind` column of this kind's rows.
    const KIND: &'static str;
    fn run(
        self,
        state: &AppStateRef,
        job_id: i64,
    ) -> impl Future<Output = Result<Ran, String>> + Send;
}

type Running<'a> = Pin<Box<dyn Future<Output = Result<Ran, String>> + Send + 'a>>;

/// A kind's name and its runner (which reads the payload into the kind's type).
pub struct Registered {
    pub kind: &'static str,
    run: for<'a> fn(&'a AppStateRef, jobs::Job) -> Running<'a>,
}

const fn register<K: JobKind>() -> Registered {
    Registered {
        kind: K::KIND,
        run: |state, job| {
            Box::pin(async move {
                let payload: K = serde_json::from_value(job.payload)
                    .map_err(|e| format!("{} payload: {e}", K::KIND))?;
                payload.run(state, job.id).await
            })
        },
    }
}

/// Every kind of job there is, each declared by its feature.
pub const KINDS: &[Registered] = &[
    register::<crate::mail::SendMail>(),
    register::<crate::alerts::NoShow>(),
    register::<crate::accounts::ResetRequested>(),
];

/// Queues `job` in the caller's transaction, to run at `run_at`.
pub async fn enqueue<K: JobKind>(
    tx: &mut klubi_db::Tx,
    job: &K,
    run_at: i64,
    now: i64,
) -> crate::Result<()> {
    let payload = serde_json::to_value(job)
        .map_err(|e| crate::Error::Internal(format!("{} payload: {e}", K::KIND)))?;
    klubi_db::jobs::enqueue(tx, K::KIND, &payload, run_at, now).await?;
    Ok(())
}

async fn run_one(state: &AppStateRef, job: jobs::Job) {
    let kind = job.kind.clone();
    let result = match KINDS.iter().find(|k| k.kind == kind) {
        Some(k) => (k.run)(state, job.clone()).await,
        None => Err(format!("unknown job kind {kind}")),
    };
    let now = state.clock.now();
    let outcome = match result {
        Ok(Ran::Recorded) => Ok(()),
        Ok(Ran::Done) => jobs::complete(&state.db, job.id, now).await,
        Err(err) => {
            let retry = (job.attempts < MAX_ATTEMPTS).then(|| now + backoff_secs(job.attempts));
            tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempts, error = %err, "job failed");
            jobs::fail(&state.db, job.id, now, &err, retry).await
        }
    };
    if let Err(e) = outcome {
        tracing::error!(job = job.id, error = %e, "could not record the job's outcome");
    }
}
