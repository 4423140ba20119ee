//! The production setup of docs/deploy/postgresql.md, run as written: the
//! SQL files the document tells an operator to run are the ones run here, so
//! the document cannot drift from what works. Migrations run as the owner,
//! `serve` as a role that may add audit rows and never take one back.
//!
//! PostgreSQL only: roles and privileges are PostgreSQL's. The test says so
//! by its name (scripts/test leaves `postgres_only` tests out of the SQLite
//! run) and fails, rather than passing without a check, on SQLite.

use crate::helpers::*;
use klubi_domain::roles::Role;

const ROLES_SQL: &str = include_str!("../../../../docs/deploy/postgresql-roles.sql");
const PRIVILEGES_SQL: &str = include_str!("../../../../docs/deploy/postgresql-privileges.sql");
const AUDIT_SQL: &str = include_str!("../../../../docs/deploy/postgresql-audit.sql");

/// The statements of a psql script (comment lines dropped, split at `;`).
fn statements(script: &str) -> Vec<String> {
    let code: String = script
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    code.split(';')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

async fn run_script(url: &str, script: &str, names: &Names) {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    for s in statements(script) {
        let s = names.apply(&s);
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.clone()))
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    pool.close().await;
}

/// The document's names made this test's own: roles belong to the whole
/// server, which other tests' databases share.
struct Names {
    owner: String,
    app: String,
    db: String,
    /// `127.0.0.1:PORT` of the test server.
    host: String,
}

impl Names {
    fn apply(&self, sql: &str) -> String {
        sql.replace("klubi_owner", &self.owner)
            .replace("klubi_app", &self.app)
            .replace("DATABASE klubi ", &format!("DATABASE {} ", self.db))
    }

    fn url(&self, user: &str, db: &str) -> String {
        format!("postgres://{user}@{}/{db}", self.host)
    }
}

/// Refused for want of a privilege (not by a trigger, which an owner could drop).
fn permission_denied(result: Result<sqlx::any::AnyQueryResult, sqlx::Error>, what: &str) {
    let e = result.expect_err(what).to_string();
    let refused = if what.starts_with("ALTER") || what.starts_with("DROP") {
        "must be owner"
    } else {
        "permission denied"
    };
    assert!(e.contains(refused), "{what}: {e}");
}

#[tokio::test]
async fn postgres_only_serve_as_the_app_role_adds_to_the_audit_log_and_cannot_rewrite_it() {
    assert_eq!(
        backend(),
        "postgres",
        "a PostgreSQL-only test: run it with KLUBI_TEST_DB=postgres (scripts/test leaves it out on SQLite)"
    );
    let server = std::env::var("KLUBI_TEST_PG_URL").unwrap();
    // postgres://SUPERUSER@HOST:PORT/postgres
    let (superuser, host) = server
        .strip_prefix("postgres://")
        .and_then(|rest| rest.split_once('@'))
        .and_then(|(user, rest)| Some((user.to_string(), rest.rsplit_once('/')?.0.to_string())))
        .unwrap();
    let tag = &klubi_db::new_id()[20..];
    let names = Names {
        owner: format!("klubi_owner_{tag}"),
        app: format!("klubi_app_{tag}"),
        db: format!("klubi_{tag}"),
        host,
    };
    let (owner_url, app_url) = (
        names.url(&names.owner, &names.db),
        names.url(&names.app, &names.db),
    );

    // Steps 1 and 2 as a superuser, 3 (migrate) and 4 as the owner.
    run_script(&server, ROLES_SQL, &names).await;
    run_script(&names.url(&superuser, &names.db), PRIVILEGES_SQL, &names).await;
    // A data directory of its own: by default the command would make its
    // secret key in ./klubi-data, inside the source tree.
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klubi"))
        .args(["migrate", "--database-url", &owner_url])
        .env("KLUBI_DATA_DIR", data.path())
        .env_remove("KLUBI_SECRET_KEY_FILE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    run_script(&owner_url, AUDIT_SQL, &names).await;

    // serve as the app: it finds the schema migrated and creates nothing.
    let dir = tempfile::tempdir().unwrap();
    let config = klubi_app::config::Config::new(dir.path().join("data"), Some(app_url.clone()));
    let app = start(config, test_clock(), dir, None).await;
    let org = app.create_org("Roolit Oy").await;
    let admin = app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    app.create_user("coord@x.fi", Some(&org), &[Role::Coordinator])
        .await;
    let token = app.token_for(&admin).await;
    let (s, _) = app
        .call(
            reqwest::Method::POST,
            "/organisations",
            &token,
            Some(serde_json::json!({"name": "Kumppani Oy", "kind": "education"})),
        )
        .await;
    assert_eq!(s, 201);
    let coord = app.signed_in("coord@x.fi").await;
    let res = coord
        .post_form(
            "/groups/new",
            "/groups",
            &[
                ("format", "template-tampere"),
                ("name", "Klubi 1"),
                ("location", "Hämeenkatu 1"),
                ("capacity", ""),
                ("compensation_mode", "default"),
                ("status", "open"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());

    // The log grows and is sealed by the app's own role.
    app.clock
        .advance(klubi_domain::audit_chain::SEAL_AFTER_SECS + 1);
    let state = &app.running.as_ref().unwrap().state;
    let v = klubi_ops::audit::verify(&klubi_ops::Caller::system(state, "test"), None)
        .await
        .unwrap();
    assert!(v.holds() && v.checked >= 5, "{v:?}");
    assert!(!v.role_may_rewrite, "{v:?}");

    // And nothing the app's role can do takes a row back.
    let as_app = sqlx::AnyPool::connect(&app_url).await.unwrap();
    for table in ["audit_log", "audit_chain"] {
        let column = if table == "audit_log" {
            "details"
        } else {
            "hash"
        };
        for sql in [
            format!("UPDATE {table} SET {column} = '{{}}'"),
            format!("DELETE FROM {table}"),
            format!("TRUNCATE {table}"),
            format!("ALTER TABLE {table} DISABLE TRIGGER USER"),
            format!("DROP TABLE {table}"),
        ] {
            permission_denied(
                sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .execute(&as_app)
                    .await,
                &sql,
            );
        }
    }
    permission_denied(
        sqlx::query("DELETE FROM _sqlx_migrations")
            .execute(&as_app)
            .await,
        "DELETE FROM _sqlx_migrations: which migrations ran is the owner's",
    );
    permission_denied(
        sqlx::query("CREATE TABLE mine (x BIGINT)")
            .execute(&as_app)
            .await,
        "CREATE TABLE: the app creates nothing",
    );
    let (rows, links): (i64, i64) = (
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&as_app)
            .await
            .unwrap(),
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_chain")
            .fetch_one(&as_app)
            .await
            .unwrap(),
    );
    assert_eq!(rows, links);

    // A table a later migration makes is the app's to use (default privileges).
    let as_owner = sqlx::AnyPool::connect(&owner_url).await.unwrap();
    sqlx::query("CREATE TABLE later_feature (id BIGSERIAL PRIMARY KEY, note TEXT NOT NULL)")
        .execute(&as_owner)
        .await
        .unwrap();
    sqlx::query("INSERT INTO later_feature (note) VALUES ('works')")
        .execute(&as_app)
        .await
        .unwrap();
    // The app still works after all that was refused.
    assert_eq!(coord.get("/groups").await.status(), 200);

    as_app.close().await;
    as_owner.close().await;
    if let Some(r) = app.running {
        r.shutdown().await;
    }
    let su = sqlx::AnyPool::connect(&server).await.unwrap();
    for s in [
        format!("DROP DATABASE {} WITH (FORCE)", names.db),
        format!("DROP ROLE {}", names.app),
        format!("DROP ROLE {}", names.owner),
    ] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.clone()))
            .execute(&su)
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
}
