//! The audit log holds against its own application: someone with a copy of
//! the database, or the owner's rights and the append-only triggers dropped,
//! changes, deletes or slips in an audit row; `klubi audit verify` finds the
//! row. The sealer links rows once they are older than the margin, so the
//! tests move the app's clock past it instead of waiting.

use crate::helpers::*;
use crate::pilot::pilot_group;
use crate::world::*;
use klubi_domain::audit_chain::SEAL_AFTER_SECS;
use klubi_ops::audit::{Fault, Head, Verified};
use serde_json::json;
use sqlx::Row;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_klubi");

/// `klubi_ops::audit::verify` as `klubi audit verify` runs it (the system).
async fn verify(app: &TestApp, anchor: Option<Head>) -> Verified {
    let state = &app.running.as_ref().unwrap().state;
    let cx = klubi_ops::Caller::system(state, "test audit verify");
    klubi_ops::audit::verify(&cx, anchor).await.unwrap()
}

fn faults(v: &Verified) -> Vec<(i64, Fault)> {
    v.problems
        .iter()
        .map(|p| (p.audit_id, p.fault.clone()))
        .collect()
}

async fn count(pool: &sqlx::AnyPool, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {table}"
    )))
    .fetch_one(pool)
    .await
    .unwrap()
}

/// The id of the oldest audit row of `action`.
async fn row_of(pool: &sqlx::AnyPool, action: &str) -> i64 {
    sqlx::query_scalar("SELECT MIN(id) FROM audit_log WHERE action = $1")
        .bind(action.to_string())
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The id of the newest audit row of `action`.
async fn last_row_of(pool: &sqlx::AnyPool, action: &str) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM audit_log WHERE action = $1")
        .bind(action.to_string())
        .fetch_one(pool)
        .await
        .unwrap()
}

/// What a day of a club leaves in the log: a group with two meetings, three
/// participants referred and accepted, two more waiting in triage (whose needs
/// the coordinator reads: one multi-row insert), attendance marked and changed.
async fn a_run_of_changes(w: &World) {
    let (coordinator, coach, cm) = (
        w.coordinator().await,
        w.coach().await,
        w.case_manager().await,
    );
    let g = pilot_group(w, "Klubi 1", json!(900)).await;
    let m1 = coordinator
        .adds_meeting(&g, morning("2026-10-05", "regular", "cv"))
        .await;
    let m2 = coordinator
        .adds_meeting(&g, morning("2026-10-07", "regular", "application"))
        .await;
    let aino = w.enrols(cm, &g, "Aino Aaltonen", "aino@example.fi").await;
    let bo = w.enrols(cm, &g, "Bo Berg", "bo@example.fi").await;
    let cilla = w.enrols(cm, &g, "Cilla Carlsson", "cilla@example.fi").await;
    cm.refers(&g, "Dan Dahl", "dan@example.fi").await;
    cm.refers(&g, "Eeva Eskola", "eeva@example.fi").await;
    coordinator.signs_in().await.get_html("/triage").await;
    coach
        .marks(
            &m1,
            &[
                (&aino, Some("present")),
                (&bo, Some("late")),
                (&cilla, Some("absent")),
            ],
        )
        .await;
    coach.marks(&m1, &[(&cilla, Some("excused"))]).await;
    coach.marks(&m2, &[(&aino, Some("present"))]).await;
}

#[tokio::test]
async fn the_worker_seals_a_run_of_changes_and_the_chain_verifies() {
    let w = World::new().await;
    a_run_of_changes(&w).await;
    let app = &w.app;
    let pool = app.raw_pool().await;
    let rows = count(&pool, "audit_log").await;
    assert!(rows > 20, "{rows} audit rows");

    // Younger than the margin: nothing is sealed, and nothing is wrong.
    let young = verify(app, None).await;
    assert!(young.holds(), "{young:?}");
    assert_eq!((young.checked, young.sealed_now), (0, 0));
    assert_eq!(young.unsealed, rows as u64);
    assert_eq!(young.head, None);

    // Past the margin the worker seals them on its own (once a minute).
    app.clock.advance(SEAL_AFTER_SECS + 61);
    app.running.as_ref().unwrap().state.jobs_notify.notify_one();
    eventually(
        "the worker to seal every row",
        Duration::from_secs(20),
        Duration::from_millis(50),
        || {
            let pool = pool.clone();
            async move { (count(&pool, "audit_chain").await == rows).then_some(()) }
        },
    )
    .await;
    let v = verify(app, None).await;
    assert!(v.holds(), "{v:?}");
    assert_eq!(v.sealed_now, 0, "the worker had sealed everything");
    assert_eq!(v.checked, rows as u64);
    assert_eq!(v.unsealed, 0);
    let head = v.head.clone().unwrap();
    let last: i64 = sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(head.audit_id, last);

    // New rows wait for the margin; the old head still anchors the chain.
    w.coordinator()
        .await
        .starts(group("Klubi 2").run_by(&[w.coach().await]))
        .await;
    let later = verify(app, Some(head.clone())).await;
    assert!(later.holds(), "{later:?}");
    assert!(later.unsealed > 0);
    assert_eq!(later.head, Some(head));
    app.clock.advance(SEAL_AFTER_SECS + 1);
    let sealed = verify(app, None).await;
    assert!(sealed.holds() && sealed.unsealed == 0, "{sealed:?}");
    assert_eq!(sealed.checked, count(&pool, "audit_log").await as u64);
}

/// What an attacker with the database must first do (the app never can):
/// switch the append-only triggers off.
async fn drop_append_only_triggers(pool: &sqlx::AnyPool) {
    let statements: &[&str] = if backend() == "postgres" {
        &[
            "ALTER TABLE audit_log DISABLE TRIGGER USER",
            "ALTER TABLE audit_chain DISABLE TRIGGER USER",
        ]
    } else {
        &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
            "DROP TRIGGER audit_chain_no_update",
            "DROP TRIGGER audit_chain_no_delete",
        ]
    };
    for s in statements {
        sqlx::query(sqlx::AssertSqlSafe(*s))
            .execute(pool)
            .await
            .unwrap();
    }
}

/// A gap in the ids, as a rolled-back transaction leaves on PostgreSQL (its
/// sequence does not give ids back); SQLite gives ids in commit order and
/// leaves none, so there the test makes one as an attacker would have to.
async fn leave_a_gap(pool: &sqlx::AnyPool) {
    if backend() == "postgres" {
        let mut tx = pool.begin().await.unwrap();
        sqlx::query(
            "INSERT INTO audit_log (at, action, entity_type, entity_id, request_id)
             VALUES (0, 'rolled.back', 'x', 'x', 'x')",
        )
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.rollback().await.unwrap();
    } else {
        sqlx::query("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'audit_log'")
            .execute(pool)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_changed_deleted_or_inserted_row_is_found_at_its_id() {
    let w = World::new().await;
    let coordinator = w.coordinator().await;
    let g = pilot_group(&w, "Klubi 1", json!(900)).await;
    let pool = w.app.raw_pool().await;
    let gap: i64 = sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
        .fetch_one(&pool)
        .await
        .unwrap();
    leave_a_gap(&pool).await;
    let gap = gap + 1;
    a_run_of_changes(&w).await;
    coordinator
        .patch(&format!("/groups/{g}"), json!({"name": "Klubi Yksi"}))
        .await;
    w.app.clock.advance(SEAL_AFTER_SECS + 1);
    let before = verify(&w.app, None).await;
    assert!(before.holds(), "{before:?}");
    let anchor = before.head.clone().unwrap();
    let (accept, mark, rename) = (
        row_of(&pool, "referral.accept").await,
        row_of(&pool, "attendance.mark").await,
        last_row_of(&pool, "group.update").await,
    );
    assert!(
        gap < accept && accept < mark && mark < rename,
        "{gap} {accept} {mark} {rename}"
    );
    drop_append_only_triggers(&pool).await;

    // Someone was never accepted, says the log now.
    sqlx::query("UPDATE audit_log SET details = '{\"status\":\"declined\"}' WHERE id = $1")
        .bind(accept)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        faults(&verify(&w.app, None).await),
        [(accept, Fault::DetailsChanged)]
    );
    // And the rename was someone else's.
    sqlx::query("UPDATE audit_log SET actor_id = NULL WHERE id = $1")
        .bind(rename)
        .execute(&pool)
        .await
        .unwrap();
    // The mark never happened.
    sqlx::query("DELETE FROM audit_log WHERE id = $1")
        .bind(mark)
        .execute(&pool)
        .await
        .unwrap();
    // And someone did something long ago, in the gap.
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, entity_type, entity_id, request_id, details)
         VALUES ($1, $2, NULL, 'user.set_roles', 'user', 'x', 'forged', '{}')",
    )
    .bind(gap)
    .bind(test_now())
    .execute(&pool)
    .await
    .unwrap();
    let v = verify(&w.app, Some(anchor.clone())).await;
    assert!(!v.holds());
    assert_eq!(
        faults(&v),
        [
            (gap, Fault::NotSealed),
            (accept, Fault::DetailsChanged),
            (mark, Fault::RowMissing),
            (rename, Fault::RowChanged),
        ],
        "{v:?}"
    );
    assert_eq!(v.problem_count, 4);

    // Rows and their links deleted together break the chain at the next link;
    // a chain cut at its end is found by an anchor taken before.
    let after_mark: i64 =
        sqlx::query_scalar("SELECT MIN(audit_id) FROM audit_chain WHERE audit_id > $1")
            .bind(mark)
            .fetch_one(&pool)
            .await
            .unwrap();
    sqlx::query("DELETE FROM audit_chain WHERE audit_id = $1 OR audit_id >= $2")
        .bind(mark)
        .bind(rename)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE id >= $1")
        .bind(rename)
        .execute(&pool)
        .await
        .unwrap();
    let v = verify(&w.app, Some(anchor.clone())).await;
    let found = faults(&v);
    assert!(
        found.contains(&(after_mark, Fault::LinkBroken { prev_id: mark })),
        "{found:?}"
    );
    assert!(
        found.contains(&(anchor.audit_id, Fault::AnchorMissing)),
        "{found:?}"
    );
}

#[tokio::test]
async fn sealers_of_two_servers_at_once_make_one_chain() {
    let app = spawn_app().await;
    let mut config = app.config.clone();
    config.addr = "127.0.0.1:0".parse().unwrap();
    let second = klubi_app::server::start(config, app.clock.clone())
        .await
        .unwrap();
    // A few sealing batches' worth of rows, written as a page's reads are.
    let mut tx = app.db().begin().await.unwrap();
    let ids: Vec<String> = (0..1_600).map(|i| format!("thing-{i}")).collect();
    let targets: Vec<(&str, Option<&str>)> = ids.iter().map(|i| (i.as_str(), None)).collect();
    klubi_db::audit::record_each(
        &mut tx,
        &klubi_db::Ctx::system(app.clock.now(), "test"),
        "test.read",
        "thing",
        &targets,
    )
    .await
    .unwrap();
    klubi_db::commit(tx).await.unwrap();
    app.clock.advance(SEAL_AFTER_SECS + 1);
    let states = [
        app.running.as_ref().unwrap().state.clone(),
        second.state.clone(),
    ];
    let sealers = (0..6).map(|i| {
        let state = states[i % 2].clone();
        tokio::spawn(async move {
            let cx = klubi_ops::Caller::system(&state, "test seal");
            klubi_ops::audit::seal(&cx).await.unwrap()
        })
    });
    let sealed: u64 = futures::future::join_all(sealers)
        .await
        .into_iter()
        .map(Result::unwrap)
        .sum();
    let pool = app.raw_pool().await;
    let rows = count(&pool, "audit_log").await;
    assert_eq!(count(&pool, "audit_chain").await, rows);
    // Each row sealed once, by one of them (or by a worker meanwhile).
    assert!(sealed <= rows as u64);
    let v = verify(&app, None).await;
    assert!(v.holds(), "{v:?}");
    assert_eq!(v.checked, rows as u64);
    second.shutdown().await;
}

fn klubi_audit_verify(app: &TestApp, anchor: Option<&str>) -> (bool, String) {
    let mut c = std::process::Command::new(BIN);
    c.args(["audit", "verify"])
        .env("KLUBI_DATA_DIR", &app.config.data_dir)
        // The margin has passed for every row the test wrote.
        .env(
            "KLUBI_CLOCK_START",
            jiff::Timestamp::from_second(test_now() + 3600)
                .unwrap()
                .to_string(),
        );
    match &app.config.database_url {
        Some(u) => c.env("KLUBI_DATABASE_URL", u),
        None => c.env_remove("KLUBI_DATABASE_URL"),
    };
    if let Some(a) = anchor {
        c.args(["--anchor", a]);
    }
    let out = c.output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[tokio::test]
async fn klubi_audit_verify_exits_zero_while_the_log_holds_and_non_zero_once_it_was_changed() {
    let w = World::new().await;
    a_run_of_changes(&w).await;
    let pool = w.app.raw_pool().await;
    let rows = count(&pool, "audit_log").await;

    let (ok, out) = klubi_audit_verify(&w.app, None);
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("{rows} sealed rows checked")),
        "{out}"
    );
    assert!(
        out.contains("OK: every sealed row is as it was sealed"),
        "{out}"
    );
    let head = out
        .lines()
        .find_map(|l| l.strip_prefix("head of the chain: "))
        .unwrap()
        .to_string();
    let (ok, out) = klubi_audit_verify(&w.app, Some(&head));
    assert!(ok, "{out}");
    let (ok, out) = klubi_audit_verify(&w.app, Some("12:not-a-hash"));
    assert!(!ok && out.contains("--anchor"), "{out}");

    let accept = row_of(&pool, "referral.accept").await;
    drop_append_only_triggers(&pool).await;
    sqlx::query("UPDATE audit_log SET details = '{}' WHERE id = $1")
        .bind(accept)
        .execute(&pool)
        .await
        .unwrap();
    let (ok, out) = klubi_audit_verify(&w.app, Some(&head));
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "row {accept}: its details were changed after it was sealed"
        )),
        "{out}"
    );
    assert!(out.contains("BROKEN: 1 problem(s)"), "{out}");
    let chained: i64 = sqlx::query("SELECT COUNT(*) FROM audit_chain")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(chained, rows, "the command sealed every row first");
}
