//! What every operation may use: the database, the clock, the configuration,
//! the mailer; opened once by `serve` (or a command) and shared.

use crate::clock::Clock;
use crate::config::Config;
use klubi_db::Db;
use std::sync::Arc;

pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub config: Config,
    /// The SMTP transport (pooled connections), built once at start-up so a bad
    /// `KLUBI_SMTP_URL` stops `serve` at once; `None` writes mail to the log.
    pub mailer: Option<crate::mail::Mailer>,
    /// Wakes the worker when a request has queued a job, so mail goes out at once.
    pub jobs_notify: tokio::sync::Notify,
    /// Signed-in callers lately looked up (PostgreSQL only; see [`crate::auth::Remembered`]).
    pub callers: crate::auth::Remembered,
    /// The key kept outside the database (sealed mail bodies, calendar links).
    pub keys: crate::keys::Keys,
}

pub type AppStateRef = Arc<AppState>;

/// Opens the configured database: PostgreSQL by URL, else SQLite in the data dir
/// (created on first start).
pub async fn open_db(config: &Config) -> anyhow::Result<Db> {
    let db = match &config.database_url {
        Some(url) if url.starts_with("postgres") => Db::open_postgres(url).await?,
        Some(url) => anyhow::bail!("unsupported database URL (use postgres://…): {url}"),
        None => {
            std::fs::create_dir_all(&config.data_dir)?;
            Db::open_sqlite(&config.data_dir.join("klubi.db")).await?
        }
    };
    Ok(db)
}

impl AppState {
    /// Opens and migrates the database, loads the demo data if asked and
    /// builds the mailer: everything `serve` needs before it listens.
    pub async fn open(config: Config, clock: Clock) -> anyhow::Result<AppStateRef> {
        config.check().map_err(|e| anyhow::anyhow!(e))?;
        let keys = crate::keys::Keys::load_or_create(&config.secret_key_path())?;
        let db = open_db(&config).await?;
        db.migrate().await?;
        if db.backend() == klubi_db::Backend::Postgres
            && klubi_db::audit_chain::may_rewrite(&db)
                .await
                .unwrap_or(false)
        {
            tracing::warn!(
                "serve's database role may UPDATE, DELETE or TRUNCATE the audit log: \
                 run it as a role that may only add to it (docs/deploy/postgresql.md)"
            );
        }
        if config.demo {
            crate::demo::load(&db, clock.now()).await?;
        }
        let mailer = config
            .smtp_url
            .as_deref()
            .map(crate::mail::mailer)
            .transpose()
            .map_err(|e| anyhow::anyhow!(e))?;
        if config.smtp_url.is_none() {
            tracing::warn!(
                "KLUBI_SMTP_URL is not set: mail is written to the log and kept in the outbox"
            );
        }
        Ok(Arc::new(AppState {
            db,
            clock,
            config,
            mailer,
            jobs_notify: tokio::sync::Notify::new(),
            callers: crate::auth::Remembered::default(),
            keys,
        }))
    }

    /// The database alone, for a command (no mailer, no migration; see
    /// [`Self::migrate`]).
    pub async fn for_command(config: Config, clock: Clock) -> anyhow::Result<AppStateRef> {
        let keys = crate::keys::Keys::load_or_create(&config.secret_key_path())?;
        let db = open_db(&config).await?;
        Ok(Arc::new(AppState {
            db,
            clock,
            config,
            mailer: None,
            jobs_notify: tokio::sync::Notify::new(),
            callers: crate::auth::Remembered::default(),
            keys,
        }))
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        Ok(self.db.migrate().await?)
    }

    /// A consistent online copy of the SQLite database (`to` must not exist).
    pub async fn backup(&self, to: &std::path::Path) -> anyhow::Result<()> {
        Ok(self.db.backup_sqlite(to).await?)
    }

    /// Listens for other processes' changes (PostgreSQL), for as long as it runs.
    pub async fn hear_changes(&self) {
        self.db.hear_changes().await
    }

    /// Whether the database answers (the health check).
    pub async fn ping(&self) -> Result<(), String> {
        self.db.ping().await.map_err(|e| e.to_string())
    }

    /// Closes the database's connections (after the worker and the server stopped).
    pub async fn close(&self) {
        self.db.close().await
    }
}
