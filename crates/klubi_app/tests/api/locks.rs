//! A group's approved payment report and the changes it freezes, arriving at
//! the same instant: an approval raced against a meeting move, a meeting
//! cancellation and a rate change, many times on the database under test.
//! Both may succeed only in the order "change, then approval" — so whenever
//! both answer 200, the approved snapshot must already hold the change: after
//! a reopen, the live statement (computed from what is stored now) must equal
//! the snapshot. A change applied after the approval (the check made before
//! the transaction, without the group's lock) shows as a difference.

use crate::world::*;
use reqwest::Method;
use serde_json::{Value, json};

/// The Helsinki date `days` from the app's clock, and 09:00 / 12:00 on it.
fn day(w: &World, days: i64) -> (String, String, String) {
    let d = jiff::Timestamp::from_second(w.app.clock.now())
        .unwrap()
        .in_tz("Europe/Helsinki")
        .unwrap()
        .date()
        .checked_add(jiff::Span::new().days(days))
        .unwrap();
    let at = |h: i8| {
        d.at(h, 0, 0, 0)
            .in_tz("Europe/Helsinki")
            .unwrap()
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    (d.to_string(), at(9), at(12))
}

/// A group paying 9,00 € per attended meeting and 15,00 € from two days ago,
/// with one participant present at a meeting three days ago (so 9,00 € is
/// due): its id and the meeting's.
async fn group_with_one_attended_meeting(w: &World, round: usize) -> (String, String) {
    let (coordinator, coach) = (w.coordinator().await, w.coach().await);
    let g = id_of(
        &coordinator
            .starts(
                group(&format!("Ryhmä {round}"))
                    .at("Hämeenkatu 1")
                    .paying(json!(900))
                    .run_by(&[coach]),
            )
            .await,
    );
    let (_, start, end) = day(w, -3);
    let m = coordinator
        .adds_meeting(&g, meeting(&start, &end, "regular", "cv"))
        .await;
    let (from, _, _) = day(w, -2);
    let (s, v) = coordinator
        .post(
            &format!("/groups/{g}/compensation/rates"),
            json!({"effective_from": from, "rate_cents": 1500}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let aino = w
        .enrols(
            w.case_manager().await,
            &g,
            "Aino Aaltonen",
            &format!("aino{round}@lukot.example.fi"),
        )
        .await;
    coach.marks(&m, &[(&aino, Some("present"))]).await;
    assert_eq!(coordinator.reads_compensation(&g).await["total_cents"], 900);
    (g, m)
}

#[derive(Clone, Copy, Debug)]
enum Change {
    /// The meeting moves past the new rate's date: 15,00 € instead of 9,00 €.
    Move,
    /// A cancelled meeting never counts: 0 €.
    Cancel,
    /// A new rate from before the meeting: 20,00 €.
    Rate,
}

async fn race(w: &World, change: Change, round: usize) -> (u16, u16) {
    let (g, m) = group_with_one_attended_meeting(w, round).await;
    let coordinator = w.coordinator().await;
    let (_, start, end) = day(w, -1);
    let (from, _, _) = day(w, -5);
    let (path, method, body) = match change {
        Change::Move => (
            format!("/meetings/{m}"),
            Method::PATCH,
            json!({"starts_at": start, "ends_at": end, "reason": "Tila varattu"}),
        ),
        Change::Cancel => (
            format!("/meetings/{m}/cancel"),
            Method::POST,
            json!({"reason": "Valmentaja sairastui"}),
        ),
        Change::Rate => (
            format!("/groups/{g}/compensation/rates"),
            Method::POST,
            json!({"effective_from": from, "rate_cents": 2000}),
        ),
    };
    let approve_path = format!("/groups/{g}/compensation/approve");
    let ((approved, snapshot), (changed, answer)) = tokio::join!(
        coordinator.call(Method::POST, &approve_path, Some(json!({}))),
        coordinator.call(method, &path, Some(body)),
    );
    assert_eq!(approved, 200, "the approval: {snapshot}");
    assert!(
        changed == 200 || changed == 409,
        "{change:?} answers 200 or 409 while a report may lock the group: {changed} {answer}"
    );
    let reopened = coordinator.reopens(&g, "Tarkistus").await;
    assert_eq!(reopened["approved"], false, "{reopened}");
    let live: Value = coordinator.reads_compensation(&g).await;
    assert_eq!(
        live["total_cents"], snapshot["total_cents"],
        "round {round}: {change:?} answered {changed} and changed the group after its \
         approval froze it: approved {snapshot}, stored now {live}"
    );
    let expected_if_changed = match change {
        Change::Move => 1500,
        Change::Cancel => 0,
        Change::Rate => 2000,
    };
    let want = if changed == 200 {
        expected_if_changed
    } else {
        900
    };
    assert_eq!(
        live["total_cents"], want,
        "round {round}: {change:?} {changed}: {live}"
    );
    (approved, changed)
}

#[tokio::test]
async fn an_approval_and_a_change_to_the_group_at_the_same_instant_are_never_both_applied_out_of_order()
 {
    let w = World::new().await;
    let mut outcomes = std::collections::BTreeMap::<(String, u16), u32>::new();
    for round in 0..45 {
        let change = [Change::Move, Change::Cancel, Change::Rate][round % 3];
        let (_, changed) = race(&w, change, round).await;
        *outcomes
            .entry((format!("{change:?}"), changed))
            .or_default() += 1;
    }
    eprintln!("outcomes: {outcomes:?}");
}
