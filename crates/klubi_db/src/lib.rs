//! All of Klubi's SQL. Nothing outside this crate writes a query.
//!
//! One code path for both databases: the queries go through sqlx's `Any`
//! driver with `$1` placeholders (SQLite accepts them too), portable types
//! (TEXT ids, unix seconds, 0/1 integers) and the few statements that must
//! differ choose by [`Backend`]. Every function that changes data takes a
//! [`Ctx`] and writes its audit row in the caller's transaction.

pub mod api_tokens;
pub mod attendance;
pub mod audit;
pub mod audit_chain;
pub mod calendar_feeds;
pub mod changes;
pub mod compensation;
pub mod formats;
pub mod groups;
pub mod internal_referrals;
pub mod jobs;
pub mod login_sessions;
pub mod login_throttle;
pub mod meetings;
pub mod one_time_links;
pub mod organisations;
pub mod outbox;
pub mod privacy;
pub mod referrals;
pub mod second_factor;
pub mod settings;
pub mod shared_write;
pub mod users;
pub mod writes;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub type Tx = sqlx::Transaction<'static, Any>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken; the string is a catalogue key saying which.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Config(String),
}

pub type Result<T, E = DbError> = std::result::Result<T, E>;

/// Who is acting, under which request, and when: every change carries it into its audit row.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor_id: Option<String>,
    pub request_id: String,
    pub now: i64,
}

impl Ctx {
    pub fn system(now: i64, what: &str) -> Self {
        Ctx {
            actor_id: None,
            request_id: format!("system:{what}"),
            now,
        }
    }
}

/// The database: one writer and a pool of readers on SQLite (WAL lets readers
/// run beside the writer; one writer means no lock contention), one pool on PostgreSQL.
#[derive(Clone)]
pub struct Db {
    backend: Backend,
    write: AnyPool,
    read: AnyPool,
    sqlite_path: Option<PathBuf>,
    /// PostgreSQL's URL, for the connection that hears of other processes' changes.
    postgres_url: Option<String>,
    hearing: changes::Hearing,
    /// SQLite's writes that share a commit ([`shared_write`]).
    shared: Option<shared_write::Shared>,
}

static SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

pub fn new_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

impl Db {
    /// Opens (creating if needed) the SQLite file.
    pub async fn open_sqlite(path: &Path) -> Result<Db> {
        install_default_drivers();
        let p = path
            .to_str()
            .ok_or_else(|| DbError::Config("the data directory path must be UTF-8".into()))?;
        let pool = |max: u32, mode: &str| {
            let url = format!("sqlite://{p}?mode={mode}");
            async move {
                AnyPoolOptions::new()
                    .max_connections(max)
                    .min_connections(1)
                    .acquire_timeout(Duration::from_secs(30))
                    // A connection to a local file does not go away: pinging it
                    // before every query would be one more trip to its thread.
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            sqlx::raw_sql(SQLITE_PRAGMAS).execute(conn).await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await
            }
        };
        // The writer first: it creates the file and switches it to WAL before readers open it.
        let write = pool(1, "rwc").await?;
        let read = pool(8, "ro").await?;
        let mut db = Db {
            backend: Backend::Sqlite,
            write,
            read,
            sqlite_path: Some(path.to_path_buf()),
            postgres_url: None,
            hearing: changes::Hearing::default(),
            shared: None,
        };
        db.shared = Some(shared_write::Shared::start(db.clone())?);
        Ok(db)
    }

    pub async fn open_postgres(url: &str) -> Result<Db> {
        install_default_drivers();
        // Twice the cores, at least 4: each request's queries are short, so a
        // few busy connections serve more requests than many that take turns
        // on the CPU (on 2 cores, 4 connections rather than 20 raised a group
        // page's throughput by a fifth and cut its p99 tail from 99 to 29 ms).
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let pool = AnyPoolOptions::new()
            .max_connections(u32::try_from(cores * 2).unwrap_or(20).clamp(4, 64))
            .acquire_timeout(Duration::from_secs(30))
            // sqlx would ping every connection it hands out: a round trip to
            // the server before each query. Only one that has been idle for
            // a while may have lost its server; one in steady use has not.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= Duration::from_secs(10) {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .connect(url)
            .await?;
        Ok(Db {
            backend: Backend::Postgres,
            write: pool.clone(),
            read: pool,
            sqlite_path: None,
            postgres_url: Some(url.to_string()),
            hearing: changes::Hearing::default(),
            shared: None,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether this process hears of every committed change (see [`changes`]).
    pub fn hears_all_changes(&self) -> bool {
        self.hearing.on()
    }

    /// On PostgreSQL, listens for other processes' changes for as long as the
    /// process runs (spawn it); on SQLite, returns at once.
    pub async fn hear_changes(&self) {
        if let Some(url) = &self.postgres_url {
            self.hearing.run(url.clone()).await;
        }
    }

    /// Brings the schema up to date. Safe to run from several processes at once
    /// on PostgreSQL (the migrator holds an advisory lock).
    ///
    /// A schema already up to date is left alone without the migrator, which
    /// would try `CREATE TABLE IF NOT EXISTS _sqlx_migrations` first: `serve`
    /// may run as a PostgreSQL role that can create nothing
    /// (docs/deploy/postgresql.md), after `klubi migrate` ran as the owner.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATOR,
            Backend::Postgres => &POSTGRES_MIGRATOR,
        };
        if !self.up_to_date(migrator).await {
            migrator.run(&self.write).await?;
        }
        formats::ensure_templates(self).await
    }

    /// Whether exactly `migrator`'s migrations are applied, each as it is now
    /// (else the migrator runs, and says what is wrong if anything is).
    async fn up_to_date(&self, migrator: &sqlx::migrate::Migrator) -> bool {
        use sqlx::Row;
        let Ok(rows) = sqlx::query("SELECT version, checksum FROM _sqlx_migrations WHERE success")
            .fetch_all(&self.write)
            .await
        else {
            return false;
        };
        let applied: std::collections::HashMap<i64, Vec<u8>> = rows
            .iter()
            .map(|r| (r.get("version"), r.get("checksum")))
            .collect();
        let ups: Vec<_> = migrator
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .collect();
        ups.len() == applied.len()
            && ups.iter().all(|m| {
                applied
                    .get(&m.version)
                    .is_some_and(|c| c[..] == m.checksum[..])
            })
    }

    /// A write transaction. On SQLite it waits for the one writer connection.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(self.write.begin().await?)
    }

    /// The pool for reads outside a transaction (read-only connections on SQLite).
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// A consistent copy of the live SQLite database (`VACUUM INTO` reads one
    /// snapshot, so writers may go on meanwhile). `to` must not exist yet.
    pub async fn backup_sqlite(&self, to: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(DbError::Config(
                "backup --to is for SQLite; back PostgreSQL up with pg_dump (see README)".into(),
            ));
        }
        let target = to
            .to_str()
            .ok_or_else(|| DbError::Config("the backup path must be UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target.to_string())
            .execute(&self.read)
            .await?;
        Ok(())
    }

    pub fn sqlite_path(&self) -> Option<&Path> {
        self.sqlite_path.as_deref()
    }

    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

/// Maps a unique-constraint violation to a conflict with the given catalogue key.
pub(crate) fn unique(key: &'static str) -> impl FnOnce(sqlx::Error) -> DbError {
    move |e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => DbError::Conflict(key),
        _ => DbError::Sqlx(e),
    }
}

/// Which database a transaction runs on (for the few statements that differ).
pub(crate) fn tx_backend(tx: &mut Tx) -> Backend {
    if (**tx).backend_name().eq_ignore_ascii_case("postgresql") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

pub(crate) fn flag(v: i64) -> bool {
    v != 0
}

/// Commits a write transaction (so callers outside this crate need no sqlx
/// types), and tells [`changes`] that the data may have changed. Every
/// transaction commits here (clippy.toml forbids sqlx's own `commit`).
#[allow(clippy::disallowed_methods)]
pub async fn commit(tx: Tx) -> Result<()> {
    tx.commit().await?;
    changes::changed();
    Ok(())
}

/// Creates a new, empty PostgreSQL database on the server of `server_url` and
/// returns its URL; for test suites that want a fresh database per test.
pub async fn create_postgres_database(server_url: &str, name: &str) -> Result<String> {
    install_default_drivers();
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(DbError::Config(format!("unsafe database name {name}")));
    }
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(server_url)
        .await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await?;
    pool.close().await;
    let (base, _) = server_url
        .rsplit_once('/')
        .ok_or_else(|| DbError::Config("database URL without a path".into()))?;
    Ok(format!("{base}/{name}"))
}
