//! The background worker inside `serve`: runs due jobs, retries with backoff,
//! sweeps expired login sessions and reports the queue depth.

use crate::state::AppStateRef;
use klubi_db::{jobs, login_sessions, outbox};
use klubi_domain::jobs::{MAX_ATTEMPTS, backoff_secs};
use klubi_domain::login::SessionPolicy;
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
    if let Ok(d) = jobs::depth(&state.db, now).await {
        metrics::gauge!("klubi_jobs_due").set(d.due as f64);
        metrics::gauge!("klubi_jobs_scheduled").set(d.scheduled as f64);
        metrics::gauge!("klubi_jobs_failed").set(d.failed as f64);
    }
}

async fn run_one(state: &AppStateRef, job: jobs::Job) {
    let result = match job.kind.as_str() {
        outbox::JOB_KIND => send_mail(state, &job).await,
        crate::attendance::NO_SHOW_JOB => crate::attendance::run_no_show(state, &job).await,
        other => Err(format!("unknown job kind {other}")),
    };
    let now = state.clock.now();
    let outcome = match result {
        // The handler recorded the job as done with its own change.
        Ok(true) => Ok(()),
        Ok(false) => jobs::complete(&state.db, job.id, now).await,
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

/// Idempotent: a mail already sent (a retry after a crash) is not sent again.
/// `Ok(true)`: the job was marked done together with the outbox row.
async fn send_mail(state: &AppStateRef, job: &jobs::Job) -> Result<bool, String> {
    let id = job
        .payload
        .get("outbox_id")
        .and_then(|v| v.as_str())
        .ok_or("payload without outbox_id")?;
    let mail = outbox::get(&state.db, id)
        .await
        .map_err(|e| e.to_string())?;
    if mail.status == "sent" {
        return Ok(false);
    }
    let sent = crate::mail::send(state, &mail).await?;
    let status = match sent {
        crate::mail::Sent::Sent => "sent",
        crate::mail::Sent::Logged => "logged",
    };
    outbox::mark(&state.db, id, status, state.clock.now(), job.id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(true)
}
