//! What each reader learns of attendance: the coach's sheet, the roster's
//! attended counts, a group's report for the coordinator, and a participant's
//! and a case manager's own numbers.

use crate::pilot::*;
use crate::reading::*;
use crate::world::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

#[tokio::test]
async fn the_pilots_sheets_rosters_and_group_reports_count_every_mark() {
    let p = pilot().await;
    let (coordinator, coach, partner_coach) = (
        p.w.coordinator().await,
        p.w.coach().await,
        p.w.partner_coach().await,
    );

    // The coach's view of group 2's last meeting: shown statuses P, E, P and
    // none; expected = everyone not excused/absent = Daniel, Fanni, Gunnar = 3.
    let a = coach.reads_attendance(&p.m2[4]).await;
    assert_eq!(a["meeting_id"], p.m2[4].as_str());
    assert_eq!(a["expected"], 3, "{a}");
    assert_eq!(a["locked"], false);
    assert_eq!(
        shown(&a),
        map(vec![
            (&p.daniel, json!("present")),
            (&p.eero, json!("excused")),
            (&p.fanni, json!("present")),
            (&p.gunnar, Value::Null)
        ])
    );
    let d = row_of(&a, &p.daniel);
    assert_eq!(d["name"], "Daniel Dahl");
    assert_eq!(d["marked"], "present");
    assert_eq!(d["notice"], Value::Null);
    assert!(d["marked_at"].is_string(), "{d}");
    assert_eq!(row_of(&a, &p.gunnar)["marked_at"], Value::Null);
    // Jussi, withdrawn after every meeting began, is still listed in them.
    let a3 = partner_coach.reads_attendance(&p.m3[0]).await;
    assert_eq!(shown(&a3)[&p.jussi], "present");
    assert_eq!(shown(&a3).len(), 5);

    // The roster's attended counts (present + late), the withdrawn one included.
    let roster = |group: &str| format!("/groups/{group}/enrolments");
    assert_eq!(
        roster_counts(&coordinator.reads(&roster(&p.g3)).await),
        map(vec![
            (&p.helmi, (txt("enrolled"), 5)),
            (&p.hyper, (txt("enrolled"), 3)),
            (&p.sum, (txt("enrolled"), 3)),
            (&p.iiro, (txt("enrolled"), 0)),
            (&p.jussi, (txt("withdrawn"), 2)),
        ])
    );
    assert_eq!(
        roster_counts(&coach.reads(&roster(&p.g2)).await),
        map(vec![
            (&p.daniel, (txt("enrolled"), 5)),
            (&p.eero, (txt("enrolled"), 3)),
            (&p.fanni, (txt("enrolled"), 4)),
            (&p.gunnar, (txt("enrolled"), 0)),
        ])
    );

    // Group 2's report: 4 enrolled, 5 held, attended marks 5 + 3 + 4 + 0 = 12
    // of 4 × 5 = 20 → 0.6; Gunnar below the minimum of 1.
    let r2 = coordinator.reads(&format!("/groups/{}/report", p.g2)).await;
    assert_eq!(r2["group_id"], p.g2.as_str());
    assert_eq!(r2["enrolled"], 4);
    assert_eq!(r2["waitlisted"], 0);
    assert_eq!(r2["meetings_held"], 5);
    assert_eq!(r2["meetings_remaining"], 0);
    assert_eq!(r2["min_attendance"], 1);
    assert_rate(&r2, 0.6);
    assert_eq!(r2["below_min_attendance"], json!([p.gunnar]));
    assert_eq!(
        standings(&r2),
        map(vec![
            (&p.daniel, (5, txt("met"))),
            (&p.eero, (3, txt("met"))),
            (&p.fanni, (4, txt("met"))),
            (&p.gunnar, (0, txt("below"))),
        ])
    );
    // Per meeting [present, late, excused, absent, unmarked], columns of the
    // grid Daniel PPPPP, Eero LPAPE, Fanni PELLP, Gunnar AAEA-:
    let want_pm = [
        [2, 1, 0, 1, 0], // P L P A
        [2, 0, 1, 1, 0], // P P E A
        [1, 1, 1, 1, 0], // P A L E
        [2, 1, 0, 1, 0], // P P L A
        [2, 0, 1, 0, 1], // P E P -
    ];
    assert_eq!(r2["per_meeting"].as_array().unwrap().len(), 5);
    for (i, want) in want_pm.iter().enumerate() {
        let pm = per_meeting(&r2, &p.m2[i]);
        assert_eq!(&counts(pm), want, "meeting {}: {pm}", i + 1);
    }
    let guest = per_meeting(&r2, &p.m2[0]);
    assert_eq!(
        (guest["kind"].as_str(), guest["theme"].as_str()),
        (Some("guest_visit"), Some("interview"))
    );
    assert_instant(&guest["starts_at"], "2026-09-21T09:00:00+03:00");
    assert_eq!(per_meeting(&r2, &p.m2[2])["kind"], "excursion");
    assert_eq!(r2["compensation_total_cents"], 10800);
    assert_eq!(r2["compensation_approved"], false);
    assert_eq!(r2["feedback"]["answers"], 0, "no feedback given: {r2}");
    assert!(r2["outcomes"].is_object(), "{r2}");
    // The facilitating coach reads it too.
    assert_eq!(
        partner_coach
            .get(&format!("/groups/{}/report", p.g2))
            .await
            .0,
        200
    );

    // Group 3's report: Jussi is withdrawn, so 4 enrolled; attended
    // 5 + 3 + 3 + 0 = 11 of 4 × 5 = 20 → 0.55; Iiro below.
    let r3 = coordinator.reads(&format!("/groups/{}/report", p.g3)).await;
    assert_eq!(r3["enrolled"], 4);
    assert_eq!(r3["meetings_held"], 5);
    assert_rate(&r3, 0.55);
    assert_eq!(r3["below_min_attendance"], json!([p.iiro]));
    assert_eq!(r3["compensation_total_cents"], 13200);
}

#[tokio::test]
async fn participants_and_case_managers_see_only_their_own_numbers() {
    let w = World::new().await;
    let (coordinator, coach) = (w.coordinator().await, w.coach().await);
    let (cm_own, cm_rehab) = (w.case_manager().await, w.rehab_case_manager().await);
    let paid = pilot_group(&w, "Klubi 2", json!(900)).await;
    let unpaid = pilot_group(&w, "Klubi 1", Value::Null).await;
    let mut mp = vec![];
    for (day, theme) in [
        ("2026-10-05", "cv"),
        ("2026-10-07", "application"),
        ("2026-10-12", "interview"),
    ] {
        mp.push(
            coordinator
                .adds_meeting(&paid, morning(day, "regular", theme))
                .await,
        );
    }
    let mut mu = vec![];
    for (day, theme) in [("2026-09-07", "cv"), ("2026-09-09", "strengths")] {
        mu.push(
            coordinator
                .adds_meeting(&unpaid, morning(day, "regular", theme))
                .await,
        );
    }
    // Aino is in both groups (one person found by email), Bo in the paid one.
    let aino = w
        .enrols(cm_own, &paid, "Aino Aaltonen", "aino@example.fi")
        .await;
    let aino_again = w
        .enrols(cm_own, &unpaid, "Aino Aaltonen", "aino@example.fi")
        .await;
    assert_eq!(aino, aino_again);
    let bo = w.enrols(cm_rehab, &paid, "Bo Berg", "bo@example.fi").await;
    coach.marks_grid(&mp, &[(&aino, "PLA"), (&bo, "PPP")]).await;
    coach.marks_grid(&mu, &[(&aino, "PE")]).await;
    let aino_p = w.person(&aino, "aino@example.fi").await;
    let bo_p = w.person(&bo, "bo@example.fi").await;

    // Aino: paid group P L A → 2 attended, 2 × 900 = 1800; unpaid P E → 1, 0.
    let att = aino_p.reads("/me/attendance").await;
    let by_group: BTreeMap<String, &Value> = att["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["group_id"].as_str().unwrap().to_string(), i))
        .collect();
    assert_eq!(by_group.len(), 2, "{att}");
    let ap = by_group[&paid];
    assert_eq!(ap["group_name"], "Klubi 2");
    assert_eq!(ap["min_attendance"], 1);
    assert_eq!(ap["attended_meetings"], 2);
    let statuses = |item: &Value| -> Vec<(String, Value)> {
        item["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["meeting_id"].as_str().unwrap().to_string(),
                    m["status"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        statuses(ap),
        vec![
            (mp[0].clone(), json!("present")),
            (mp[1].clone(), json!("late")),
            (mp[2].clone(), json!("absent"))
        ]
    );
    assert_instant(&ap["meetings"][0]["starts_at"], "2026-10-05T09:00:00+03:00");
    assert_eq!(ap["meetings"][0]["notice_reason"], Value::Null);
    let au = by_group[&unpaid];
    assert_eq!(au["attended_meetings"], 1);
    assert_eq!(
        statuses(au),
        vec![
            (mu[0].clone(), json!("present")),
            (mu[1].clone(), json!("excused"))
        ]
    );

    let comp = |v: &Value| -> BTreeMap<String, (i64, i64, bool)> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["group_id"].as_str().unwrap().to_string(),
                    (
                        i["attended_meetings"].as_i64().unwrap(),
                        i["amount_cents"].as_i64().unwrap(),
                        i["approved"].as_bool().unwrap(),
                    ),
                )
            })
            .collect()
    };
    let mine = aino_p.reads("/me/compensation").await;
    assert_eq!(
        comp(&mine),
        map(vec![(&paid, (2, 1800, false)), (&unpaid, (1, 0, false))])
    );
    // Bo: P P P → 3 × 900 = 2700, and nothing of Aino's.
    let bo_att = bo_p.reads("/me/attendance").await;
    assert_eq!(bo_att["items"].as_array().unwrap().len(), 1);
    assert_eq!(bo_att["items"][0]["attended_meetings"], 3);
    let bos = bo_p.reads("/me/compensation").await;
    assert_eq!(comp(&bos), map(vec![(&paid, (3, 2700, false))]));
    // Approval shows on the participant's statement.
    coordinator.approves(&paid).await;
    let mine = aino_p.reads("/me/compensation").await;
    assert_eq!(
        comp(&mine),
        map(vec![(&paid, (2, 1800, true)), (&unpaid, (1, 0, false))])
    );

    // A participant reads no group's attendance, money or report.
    for path in [
        format!("/meetings/{}/attendance", mp[0]),
        format!("/groups/{paid}/compensation"),
        format!("/groups/{paid}/report"),
    ] {
        assert_eq!(aino_p.get(&path).await.0, 404, "{path}");
    }

    // Case managers: their own clients only, with their attended counts.
    let roster = |group: &str| format!("/groups/{group}/enrolments");
    assert_eq!(
        roster_counts(&cm_own.reads(&roster(&paid)).await),
        map(vec![(&aino, (txt("enrolled"), 2))])
    );
    assert_eq!(
        roster_counts(&cm_rehab.reads(&roster(&paid)).await),
        map(vec![(&bo, (txt("enrolled"), 3))])
    );
    assert_eq!(
        roster_counts(&cm_rehab.reads(&roster(&unpaid)).await),
        BTreeMap::new()
    );
    assert_eq!(
        roster_counts(&coordinator.reads(&roster(&paid)).await),
        map(vec![
            (&aino, (txt("enrolled"), 2)),
            (&bo, (txt("enrolled"), 3))
        ])
    );
}
