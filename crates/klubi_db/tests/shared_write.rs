//! Writes that share a commit (`Db::write_shared`), on the database the test
//! run is for (`KLUBI_TEST_DB`): every caller hears its own outcome, and a
//! write that fails leaves nothing behind while the others around it stay.

use klubi_db::{Db, DbError, Tx, audit, shared_write::Step};

async fn database() -> (Db, Option<tempfile::TempDir>) {
    if std::env::var("KLUBI_TEST_DB").as_deref() == Ok("postgres") {
        let server = std::env::var("KLUBI_TEST_PG_URL").expect("KLUBI_TEST_PG_URL");
        let url = klubi_db::create_postgres_database(
            &server,
            &format!("klubi_test_{}", klubi_db::new_id()),
        )
        .await
        .expect("a test database");
        let db = Db::open_postgres(&url).await.expect("open");
        db.migrate().await.expect("migrate");
        (db, None)
    } else {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = Db::open_sqlite(&dir.path().join("t.db"))
            .await
            .expect("open");
        db.migrate().await.expect("migrate");
        (db, Some(dir))
    }
}

/// Writes an audit row for `n`; fails after writing it when `n` ends in 3.
fn write(n: usize) -> impl for<'c> FnOnce(&'c mut Tx) -> Step<'c, Result<usize, DbError>> + Clone {
    move |tx: &mut Tx| {
        Box::pin(async move {
            audit::record(
                tx,
                &klubi_db::Ctx::system(1000, "t"),
                audit::Entry {
                    action: "test.shared",
                    entity_type: "n",
                    entity_id: &n.to_string(),
                    organisation_id: None,
                    details: serde_json::json!({}),
                },
            )
            .await?;
            if n % 10 == 3 {
                return Err(DbError::Conflict("ends in 3"));
            }
            Ok(n * 10)
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_shared_write_is_all_or_nothing_and_hears_its_own_outcome() {
    let (db, _dir) = database().await;
    let commits_before = klubi_db::changes::generation();
    for round in 0..5 {
        let tasks: Vec<_> = (0..40)
            .map(|i| {
                let db = db.clone();
                let n = round * 40 + i;
                tokio::spawn(async move { (n, db.write_shared(write(n)).await) })
            })
            .collect();
        for t in tasks {
            let (n, out) = t.await.unwrap();
            match out {
                Ok(v) => assert!(n % 10 != 3 && v == n * 10, "{n}: {v}"),
                Err(DbError::Conflict("ends in 3")) => assert!(n % 10 == 3, "{n} failed"),
                Err(e) => panic!("{n}: {e}"),
            }
        }
    }
    // 180 writes kept: on SQLite they shared commits (the other test of this
    // file may add a few of its own meanwhile), on PostgreSQL each had one.
    let commits = klubi_db::changes::generation() - commits_before;
    match db.backend() {
        klubi_db::Backend::Sqlite => assert!(commits < 90, "{commits} commits"),
        klubi_db::Backend::Postgres => assert!(commits >= 180, "{commits} commits"),
    }
    let kept = audit::list(
        &db,
        &audit::Filter {
            action_prefix: Some("test.shared".into()),
            limit: 1000,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut kept: Vec<usize> = kept.iter().map(|r| r.entity_id.parse().unwrap()).collect();
    kept.sort_unstable();
    assert_eq!(kept, (0..200).filter(|n| n % 10 != 3).collect::<Vec<_>>());
}

/// A write that panics loses only its own batch: the writer goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_write_does_not_stop_the_writer() {
    let (db, _dir) = database().await;
    let d = db.clone();
    // SQLite: the caller hears an error; PostgreSQL: the caller's own task
    // panics, as any handler's would (the server answers 500 and goes on).
    let out = tokio::spawn(async move {
        d.write_shared(|_tx: &mut Tx| -> Step<'_, Result<(), DbError>> {
            Box::pin(async { panic!("a bug in one write") })
        })
        .await
    })
    .await;
    assert!(!matches!(out, Ok(Ok(()))));
    assert_eq!(db.write_shared(write(4)).await.unwrap(), 40);
}
