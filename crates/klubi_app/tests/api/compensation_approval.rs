//! The coordinator approves a group's payment report (a locked, versioned
//! snapshot), reopens it with a reason to correct a mark, and approves again;
//! every change of attendance and money is audited with who made it.

use crate::pilot::*;
use crate::reading::*;
use crate::world::*;
use serde_json::{Value, json};

#[tokio::test]
async fn an_approved_report_locks_the_group_until_reopened_and_keeps_every_version() {
    let p = pilot().await;
    let (coordinator, coach) = (p.w.coordinator().await, p.w.coach().await);
    let (g3, m3, iiro) = (&p.g3, &p.m3, &p.iiro);
    let want3 = p.group3_lines();
    let want_csv = p.group3_csv();

    // Approve group 3: version 1, locked.
    let v1 = coordinator.approves(g3).await;
    assert_eq!(v1["approved"], true);
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["approved_by"], coordinator.id.as_str());
    assert!(v1["approved_at"].is_string(), "{v1}");
    assert_eq!(v1["total_cents"], 13200);
    assert_eq!(lines(&v1), want3);
    let before = coach.reads_attendance(&m3[4]).await;
    assert_eq!(before["locked"], true);
    // A coach's late correction is refused while approved, and nothing changes.
    let (s, e) = coach
        .puts_marks(
            &m3[4],
            json!([{"participant_id": iiro, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 409, "{e}");
    assert_eq!(coach.reads_attendance(&m3[4]).await, before);
    assert_eq!(shown(&before)[iiro], "absent");
    assert_eq!(lines(&coordinator.reads_compensation(g3).await), want3);
    // Other groups are not locked by it.
    assert_eq!(coach.reads_attendance(&p.m2[4]).await["locked"], false);

    // Reopen with a reason, correct Iiro's last meeting (1200 at the new rate),
    // approve again: version 2 with 13200 + 1200 = 14400.
    let reason = "Iiro oli paikalla viimeisellä kerralla, merkintä korjataan.";
    let reopened = coordinator.reopens(g3, reason).await;
    assert_eq!(reopened["approved"], false);
    assert_eq!(coach.reads_attendance(&m3[4]).await["locked"], false);
    let after = coach.marks(&m3[4], &[(iiro, Some("present"))]).await;
    assert_eq!(shown(&after)[iiro], "present");
    let v2 = coordinator.approves(g3).await;
    assert_eq!(
        (v2["approved"].clone(), v2["version"].clone()),
        (json!(true), json!(2))
    );
    assert_eq!(v2["total_cents"], 14400);
    assert_eq!(lines(&v2)[iiro], (1, 1200));

    let versions = coordinator
        .reads(&format!("/groups/{g3}/compensation/versions"))
        .await;
    let items = versions["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{versions}");
    assert_eq!(
        (items[0]["version"].clone(), items[0]["total_cents"].clone()),
        (json!(2), json!(14400))
    );
    assert_eq!(items[0]["reopened_at"], Value::Null);
    assert_eq!(
        (items[1]["version"].clone(), items[1]["total_cents"].clone()),
        (json!(1), json!(13200))
    );
    assert_eq!(items[1]["reopen_reason"], reason);
    assert!(items[1]["reopened_at"].is_string());
    assert_eq!(items[1]["approved_by"], coordinator.id.as_str());
    assert_eq!(items[1]["approved_by_name"], coordinator.name());

    // Version 1's CSV keeps the old numbers; the current one (= version 2) the new.
    let (_, old) = coordinator
        .downloads_csv(&format!("/groups/{g3}/compensation/versions/1.csv"))
        .await;
    assert_eq!(csv_by_id(&old), want_csv);
    let (_, new) = coordinator
        .downloads_csv(&format!("/groups/{g3}/compensation.csv"))
        .await;
    let mut want_new = want_csv.clone();
    want_new.insert(
        iiro.clone(),
        [txt("Iiro Ilola"), txt("1"), txt("12,00"), txt("1200")],
    );
    assert_eq!(csv_by_id(&new), want_new);
    let (_, new2) = coordinator
        .downloads_csv(&format!("/groups/{g3}/compensation/versions/2.csv"))
        .await;
    assert_eq!(csv_by_id(&new2), want_new);
    let (s3, _) = coordinator
        .get(&format!("/groups/{g3}/compensation/versions/3.csv"))
        .await;
    assert_eq!(s3, 404, "no version 3 yet");

    // The report follows: 12 of 20 → 0.6, nobody below, approved.
    let r3 = coordinator.reads(&format!("/groups/{g3}/report")).await;
    assert_rate(&r3, 0.6);
    assert_eq!(r3["below_min_attendance"], json!([]));
    assert_eq!(r3["compensation_total_cents"], 14400);
    assert_eq!(r3["compensation_approved"], true);
}

#[tokio::test]
async fn attendance_and_compensation_changes_are_audited() {
    let w = World::new().await;
    let (coordinator, coach) = (w.coordinator().await, w.coach().await);
    let g = pilot_group(&w, "Klubi 1", json!(900)).await;
    let m = coordinator
        .adds_meeting(&g, morning("2026-10-05", "regular", "cv"))
        .await;
    let aino = w
        .enrols(
            w.case_manager().await,
            &g,
            "Aino Aaltonen",
            "aino@example.fi",
        )
        .await;
    let bo = w
        .enrols(w.rehab_case_manager().await, &g, "Bo Berg", "bo@example.fi")
        .await;
    assert_eq!(audit_count(&w.app, "attendance.mark").await, 0);

    coach
        .marks(&m, &[(&aino, Some("present")), (&bo, Some("absent"))])
        .await;
    let marked = audit_count(&w.app, "attendance.mark").await;
    assert!(marked >= 1, "a PUT with two marks is audited");
    coach.marks(&m, &[(&bo, Some("late"))]).await;
    let remarked = audit_count(&w.app, "attendance.mark").await;
    assert!(remarked > marked, "every change is audited");
    // Reading is no change; refused changes write nothing.
    coach.reads_attendance(&m).await;
    let (s, _) = coach
        .puts_marks(&m, json!([{"participant_id": aino, "status": "maybe"}]))
        .await;
    assert_eq!(s, 422);
    assert_eq!(audit_count(&w.app, "attendance.mark").await, remarked);

    // Every attendance row names the coach who marked.
    let pool = w.app.raw_pool().await;
    let actors: Vec<Option<String>> =
        sqlx::query_scalar("SELECT actor_id FROM audit_log WHERE action = 'attendance.mark'")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(
        actors
            .iter()
            .all(|a| a.as_deref() == Some(coach.id.as_str())),
        "{actors:?}"
    );

    coordinator.approves(&g).await;
    assert_eq!(audit_count(&w.app, "compensation.approve").await, 1);
    let (s, _) = coach
        .puts_marks(&m, json!([{"participant_id": aino, "status": "absent"}]))
        .await;
    assert_eq!(s, 409);
    assert_eq!(
        audit_count(&w.app, "attendance.mark").await,
        remarked,
        "a locked refusal writes nothing"
    );
    let (s, _) = coordinator
        .post(&format!("/groups/{g}/compensation/reopen"), json!({}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(audit_count(&w.app, "compensation.reopen").await, 0);
    coordinator.reopens(&g, "Väärä merkintä").await;
    assert_eq!(audit_count(&w.app, "compensation.reopen").await, 1);
    let approvers: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT actor_id FROM audit_log WHERE action IN ('compensation.approve', 'compensation.reopen')",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(approvers, vec![Some(coordinator.id.clone()); 2]);
    pool.close().await;
    let actions = w.app.audit_actions().await;
    for a in [
        "attendance.mark",
        "compensation.approve",
        "compensation.reopen",
    ] {
        assert!(actions.contains(&a.to_string()), "{a}");
    }
}
