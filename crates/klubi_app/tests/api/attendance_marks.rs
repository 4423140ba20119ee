//! A coach marks who came; a participant says ahead that they cannot come.
//! Bad marks, outsiders and a locked report are refused and change nothing.

use crate::pilot::pilot_group;
use crate::reading::*;
use crate::world::*;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn bad_input_and_outsiders_are_refused_and_change_nothing() {
    let w = World::new().await;
    let (coordinator, coach) = (w.coordinator().await, w.coach().await);
    let (cm_own, cm_rehab) = (w.case_manager().await, w.rehab_case_manager().await);
    let g = pilot_group(&w, "Klubi 1", json!(900)).await;
    let other = pilot_group(&w, "Klubi 2", json!(900)).await;
    let m = coordinator
        .adds_meeting(&g, morning("2026-10-05", "regular", "cv"))
        .await;
    let cancelled = coordinator
        .adds_meeting(&g, morning("2026-10-07", "regular", "application"))
        .await;
    let (later_start, later_end) = ahead(&w.app, 10);
    let later = coordinator
        .adds_meeting(
            &g,
            meeting(&later_start, &later_end, "regular", "interview"),
        )
        .await;
    let aino = w
        .enrols(cm_own, &g, "Aino Aaltonen", "aino@example.fi")
        .await;
    let bo = w.enrols(cm_rehab, &g, "Bo Berg", "bo@example.fi").await;
    let leaver = w
        .enrols(cm_rehab, &g, "Lea Lähtijä", "lea@example.fi")
        .await;
    let stranger = w
        .enrols(cm_rehab, &other, "Sami Muualta", "sami@example.fi")
        .await;
    coach
        .marks(&m, &[(&aino, Some("present")), (&bo, Some("late"))])
        .await;
    // Lea leaves today: she may still be marked for the past meeting, not the later one.
    coordinator.withdraws(&g, &leaver).await;
    let sheet = coach.reads_attendance(&m).await;
    assert!(
        shown(&sheet).contains_key(&leaver),
        "withdrawn after the meeting began, still to be marked: {sheet}"
    );
    assert!(!shown(&coach.reads_attendance(&later).await).contains_key(&leaver));
    let baseline = coach.reads_attendance(&m).await;

    // Someone not in the group, second in the list: 422 naming them, and the
    // valid first mark is not saved either.
    let (s, e) = coach
        .puts_marks(
            &m,
            json!([{"participant_id": aino, "status": "absent"}, {"participant_id": stranger, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(fields(&e), ["marks[1].participant_id"]);
    assert!(e["detail"].as_str().unwrap().contains(&stranger), "{e}");
    let (s, e) = coach
        .puts_marks(
            &later,
            json!([{"participant_id": leaver, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 422, "withdrawn before the meeting: {e}");
    assert_eq!(fields(&e), ["marks[0].participant_id"]);
    assert!(e["detail"].as_str().unwrap().contains(&leaver), "{e}");
    // An unknown status.
    let (s, e) = coach
        .puts_marks(
            &m,
            json!([{"participant_id": bo, "status": "present"}, {"participant_id": aino, "status": "here"}]),
        )
        .await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(fields(&e), ["marks[1].status"]);
    assert_eq!(coach.reads_attendance(&m).await, baseline);

    // A cancelled meeting takes no marks.
    let (s, _) = coordinator
        .post(
            &format!("/meetings/{cancelled}/cancel"),
            json!({"reason": "Sali varattu"}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, e) = coach
        .puts_marks(
            &cancelled,
            json!([{"participant_id": aino, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 409, "{e}");

    // Another organisation's coordinator learns nothing: 404 everywhere.
    let oc = w.outsider_coordinator().await;
    assert_eq!(oc.get(&format!("/meetings/{m}/attendance")).await.0, 404);
    let (s, _) = oc
        .puts_marks(&m, json!([{"participant_id": aino, "status": "absent"}]))
        .await;
    assert_eq!(s, 404);
    for path in [
        format!("/groups/{g}/compensation"),
        format!("/groups/{g}/compensation.csv"),
        format!("/groups/{g}/compensation/versions"),
        format!("/groups/{g}/report"),
    ] {
        assert_eq!(oc.get(&path).await.0, 404, "{path}");
    }
    assert_eq!(
        oc.post(&format!("/groups/{g}/compensation/approve"), json!({}))
            .await
            .0,
        404
    );
    assert_eq!(
        oc.post(
            &format!("/groups/{g}/compensation/rates"),
            json!({"effective_from": "2026-10-01", "rate_cents": 0})
        )
        .await
        .0,
        404
    );
    // The partner's case manager sees the group but does not mark, pay or report.
    let (s, _) = cm_rehab
        .puts_marks(&m, json!([{"participant_id": bo, "status": "absent"}]))
        .await;
    assert_eq!(s, 403);
    for path in [
        format!("/groups/{g}/compensation"),
        format!("/groups/{g}/compensation.csv"),
        format!("/groups/{g}/report"),
    ] {
        assert_eq!(cm_rehab.get(&path).await.0, 403, "{path}");
    }
    // A facilitating coach marks but does not handle money.
    assert_eq!(coach.get(&format!("/groups/{g}/compensation")).await.0, 403);
    assert_eq!(
        coach
            .post(&format!("/groups/{g}/compensation/approve"), json!({}))
            .await
            .0,
        403
    );
    // A participant is no staff: not visible.
    let aino_p = w.person(&aino, "aino@example.fi").await;
    let (s, _) = aino_p
        .puts_marks(&m, json!([{"participant_id": aino, "status": "present"}]))
        .await;
    assert_eq!(s, 404);
    assert_eq!(coach.reads_attendance(&m).await, baseline);

    // Rates: below zero, or a date that is no date.
    let rates = format!("/groups/{g}/compensation/rates");
    let (s, e) = coordinator
        .post(
            &rates,
            json!({"effective_from": "2026-10-06", "rate_cents": -100}),
        )
        .await;
    assert_eq!(
        (s, fields(&e)),
        (422, vec!["rate_cents".to_string()]),
        "{e}"
    );
    let (s, e) = coordinator
        .post(
            &rates,
            json!({"effective_from": "2026-02-30", "rate_cents": 1000}),
        )
        .await;
    assert_eq!(
        (s, fields(&e)),
        (422, vec!["effective_from".to_string()]),
        "{e}"
    );
    // Aino present + Bo late at 900 = 1800; Lea (withdrawn, nothing attended) has no line.
    let c = coordinator.reads_compensation(&g).await;
    assert_eq!(lines(&c), map(vec![(&aino, (1, 900)), (&bo, (1, 900))]));
    assert_eq!(
        c["rates"],
        json!([{"effective_from": null, "rate_cents": 900}])
    );
    assert_eq!(c["total_cents"], 1800);

    // Approve once; twice is a conflict; while approved rates and marks are locked.
    let v1 = coordinator.approves(&g).await;
    assert_eq!(v1["version"], 1);
    let (s, e) = coordinator
        .post(&format!("/groups/{g}/compensation/approve"), json!({}))
        .await;
    assert_eq!(s, 409, "{e}");
    let (s, e) = coordinator
        .post(
            &rates,
            json!({"effective_from": "2026-10-06", "rate_cents": 1000}),
        )
        .await;
    assert_eq!(s, 409, "{e}");
    let (s, e) = coordinator
        .patch(
            &format!("/groups/{g}"),
            json!({"compensation_cents_per_meeting": 1000}),
        )
        .await;
    assert_eq!(s, 409, "the group's own rate is locked too: {e}");
    let (s, _) = coordinator
        .puts_marks(&m, json!([{"participant_id": aino, "status": Value::Null}]))
        .await;
    assert_eq!(s, 409);
    // Reopening needs a reason.
    let reopen = format!("/groups/{g}/compensation/reopen");
    for body in [json!({}), json!({"reason": "   "})] {
        let (s, e) = coordinator.post(&reopen, body).await;
        assert_eq!((s, fields(&e)), (422, vec!["reason".to_string()]), "{e}");
    }
    let c = coordinator.reads_compensation(&g).await;
    assert_eq!(
        (
            c["approved"].clone(),
            c["version"].clone(),
            c["total_cents"].clone()
        ),
        (json!(true), json!(1), json!(1800))
    );
    assert_eq!(
        c["rates"],
        json!([{"effective_from": null, "rate_cents": 900}])
    );
    let (_, versions) = coordinator
        .get(&format!("/groups/{g}/compensation/versions"))
        .await;
    assert_eq!(versions["items"].as_array().unwrap().len(), 1);
    let mut locked_baseline = baseline.clone();
    locked_baseline["locked"] = json!(true);
    assert_eq!(coach.reads_attendance(&m).await, locked_baseline);

    // Reopened, it cannot be reopened again.
    coordinator.reopens(&g, "Korjaus").await;
    let (s, e) = coordinator
        .post(&reopen, json!({"reason": "Uudelleen"}))
        .await;
    assert_eq!(s, 409, "{e}");
    // And null clears a mark once open again: Bo alone, late, 900.
    let cleared = coach.marks(&m, &[(&aino, None)]).await;
    assert_eq!(shown(&cleared)[&aino], Value::Null);
    assert_eq!(coordinator.reads_compensation(&g).await["total_cents"], 900);
    // Lea, withdrawn after it began, may still be marked for it (and is paid):
    // Bo late + Lea present = 2 × 900 = 1800.
    let a = coach.marks(&m, &[(&leaver, Some("present"))]).await;
    assert_eq!(shown(&a)[&leaver], "present");
    assert_eq!(
        coordinator.reads_compensation(&g).await["total_cents"],
        1800
    );

    // The report: held = the past meeting (the cancelled one is neither held
    // nor remaining), remaining = the one in ten days. Enrolled Aino and Bo:
    // attended 0 + 1 of 2 × 1 → 0.5; Aino can still make it (0 + 1 ≥ 1).
    let report = format!("/groups/{g}/report");
    let r = coach.reads(&report).await;
    assert_eq!(
        (
            r["enrolled"].clone(),
            r["meetings_held"].clone(),
            r["meetings_remaining"].clone()
        ),
        (json!(2), json!(1), json!(1)),
        "{r}"
    );
    assert_rate(&r, 0.5);
    assert_eq!(r["below_min_attendance"], json!([]));
    let st = standings(&r);
    assert_eq!(st[&aino], (0, txt("on_track")));
    assert_eq!(st[&bo], (1, txt("met")));
    // A mark makes a meeting held even before it starts: 2 held, 0 remaining,
    // attended 1 + 1 of 2 × 2 → 0.5.
    coach.marks(&later, &[(&aino, Some("present"))]).await;
    let r = coach.reads(&report).await;
    assert_eq!(
        (r["meetings_held"].clone(), r["meetings_remaining"].clone()),
        (json!(2), json!(0)),
        "{r}"
    );
    assert_rate(&r, 0.5);
    assert_eq!(standings(&r)[&aino], (1, txt("met")));
}

#[tokio::test]
async fn an_advance_notice_shows_as_excused_until_the_coach_marks() {
    let w = World::new().await;
    let (coordinator, coach) = (w.coordinator().await, w.coach().await);
    let (cm_own, cm_rehab) = (w.case_manager().await, w.rehab_case_manager().await);
    let g = pilot_group(&w, "Klubi 1", json!(900)).await;
    let g_other = pilot_group(&w, "Klubi 2", json!(900)).await;
    let (start, end) = ahead(&w.app, 2);
    let next = coordinator
        .adds_meeting(&g, meeting(&start, &end, "regular", "cv"))
        .await;
    let past = coordinator
        .adds_meeting(&g, morning("2026-10-05", "regular", "cv"))
        .await;
    let elsewhere = coordinator
        .adds_meeting(&g_other, meeting(&start, &end, "regular", "cv"))
        .await;
    let aino = w
        .enrols(cm_own, &g, "Aino Aaltonen", "aino@example.fi")
        .await;
    let bo = w.enrols(cm_rehab, &g, "Bo Berg", "bo@example.fi").await;
    let cilla = w
        .enrols(cm_rehab, &g, "Cilla Carlsson", "cilla@example.fi")
        .await;
    let aino_p = w.person(&aino, "aino@example.fi").await;
    let bo_p = w.person(&bo, "bo@example.fi").await;

    // Nobody has said anything: all three expected.
    assert_eq!(coach.reads_attendance(&next).await["expected"], 3);

    let absence = format!("/meetings/{next}/absence");
    let n = aino_p
        .ok(
            Method::POST,
            &absence,
            Some(json!({"reason": "Lääkäriaika"})),
        )
        .await;
    assert_eq!(n["meeting_id"], next.as_str());
    assert_eq!(n["reason"], "Lääkäriaika");
    let given_at = n["given_at"].as_str().unwrap().to_string();
    // Bo too, without a reason, then takes it back.
    let nb = bo_p.ok(Method::POST, &absence, Some(json!({}))).await;
    assert_eq!(nb["reason"], Value::Null);
    assert_eq!(
        coach.reads_attendance(&next).await["expected"],
        1,
        "3 − Aino − Bo"
    );
    let (s, v) = bo_p.delete(&absence).await;
    assert_eq!(s, 204, "{v}");

    // The coach sees Aino excused with her reason; expected 3 − 1 = 2.
    let a = w.partner_coach().await.reads_attendance(&next).await;
    assert_eq!(a["expected"], 2, "{a}");
    let row = row_of(&a, &aino);
    assert_eq!(row["status"], "excused");
    assert_eq!(row["marked"], Value::Null);
    assert_eq!(row["notice"]["reason"], "Lääkäriaika");
    assert_eq!(row["notice"]["given_at"], given_at.as_str());
    assert_eq!(row["marked_at"], Value::Null);
    let bo_row = row_of(&a, &bo);
    assert_eq!(
        (bo_row["status"].clone(), bo_row["notice"].clone()),
        (Value::Null, Value::Null)
    );
    assert_eq!(row_of(&a, &cilla)["status"], Value::Null);

    // Two days later the meeting has begun: a notice is too late now, and
    // Aino came after all; the coach's mark wins, her notice stays visible.
    w.app.clock.advance(3 * 24 * 3600);
    let (s, e) = aino_p.post(&absence, json!({"reason": "Unohdin"})).await;
    assert_eq!(s, 409, "{e}");
    let (s, e) = bo_p.post(&absence, json!({})).await;
    assert_eq!(s, 409, "{e}");
    let (s, e) = bo_p
        .post(&format!("/meetings/{past}/absence"), json!({}))
        .await;
    assert_eq!(s, 409, "{e}");
    let a = coach.marks(&next, &[(&aino, Some("present"))]).await;
    let row = row_of(&a, &aino);
    assert_eq!(row["status"], "present");
    assert_eq!(row["marked"], "present");
    assert_eq!(row["notice"]["reason"], "Lääkäriaika");
    assert!(row["marked_at"].is_string());
    assert_eq!(a["expected"], 3, "nobody excused or absent any more");

    // Not enrolled there (or staff): 404.
    let (s, _) = aino_p
        .post(&format!("/meetings/{elsewhere}/absence"), json!({}))
        .await;
    assert_eq!(s, 404);
    let (s, _) = aino_p
        .delete(&format!("/meetings/{elsewhere}/absence"))
        .await;
    assert_eq!(s, 404);
    let (s, _) = coach.post(&absence, json!({})).await;
    assert_eq!(s, 404);

    // Aino's own view: present, her reason kept.
    let mine = aino_p.reads("/me/attendance").await;
    let items = mine["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{mine}");
    let meeting = items[0]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["meeting_id"] == next.as_str())
        .unwrap_or_else(|| panic!("{mine}"));
    assert_eq!(meeting["status"], "present");
    assert_eq!(meeting["notice_reason"], "Lääkäriaika");
    assert_eq!(items[0]["attended_meetings"], 1);
}
