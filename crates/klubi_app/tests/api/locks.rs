//! A group's approved payment report and the changes it freezes, arriving at
//! the same instant: an approval raced against a meeting move, a meeting
//! cancellation and a rate change, many times on the database under test.
//! Both may succeed only in the order "change, then approval" — so whenever
//! both answer 200, the approved snapshot must already hold the change: after
//! a reopen, the live statement (computed from what is stored now) must equal
//! the snapshot. A change applied after the approval (the check made before
//! the transaction, without the group's lock) shows as a difference.

use crate::helpers::*;
use klubi_domain::roles::Role;
use reqwest::Method;
use serde_json::{Value, json};

struct Cast {
    app: TestApp,
    coordinator: String,
    coach: String,
    coach_id: String,
    case_manager: String,
}

async fn cast() -> Cast {
    let app = spawn_app().await;
    let org = app.create_org("Tampereen työllisyyspalvelut").await;
    let coordinator_id = app
        .create_user(
            "koordinaattori@lukot.example.fi",
            Some(&org),
            &[Role::Coordinator],
        )
        .await;
    let coach_id = app
        .create_user("valmentaja@lukot.example.fi", Some(&org), &[Role::Coach])
        .await;
    let cm_id = app
        .create_user("oma@lukot.example.fi", Some(&org), &[Role::CaseManager])
        .await;
    Cast {
        coordinator: app.token_for(&coordinator_id).await,
        coach: app.token_for(&coach_id).await,
        case_manager: app.token_for(&cm_id).await,
        coach_id,
        app,
    }
}

/// The Helsinki date `days` from the app's clock, and 09:00 / 12:00 on it.
fn day(app: &TestApp, days: i64) -> (String, String, String) {
    let d = jiff::Timestamp::from_second(app.clock.now())
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

impl Cast {
    async fn ok(&self, method: Method, path: &str, token: &str, body: Value, want: u16) -> Value {
        let (s, v) = self.app.call(method.clone(), path, token, Some(body)).await;
        assert_eq!(s, want, "{method} {path}: {v}");
        v
    }

    /// A group paying 9,00 € per attended meeting and 15,00 € from two days
    /// ago, with one participant present at a meeting three days ago (so
    /// 9,00 € is due): its id and the meeting's.
    async fn group_with_one_attended_meeting(&self, round: usize) -> (String, String) {
        let c = &self.coordinator;
        let g = self
            .ok(
                Method::POST,
                "/groups",
                c,
                json!({"format_id": "template-tampere", "name": format!("Ryhmä {round}"),
                       "location": "Hämeenkatu 1", "facilitator_ids": [self.coach_id],
                       "compensation_cents_per_meeting": 900}),
                201,
            )
            .await["id"]
            .as_str()
            .unwrap()
            .to_string();
        let (_, start, end) = day(&self.app, -3);
        let m = self
            .ok(
                Method::POST,
                &format!("/groups/{g}/meetings"),
                c,
                json!({"starts_at": start, "ends_at": end, "kind": "regular", "theme": "cv",
                       "location": "Hämeenkatu 1"}),
                201,
            )
            .await["id"]
            .as_str()
            .unwrap()
            .to_string();
        let (from, _, _) = day(&self.app, -2);
        self.ok(
            Method::POST,
            &format!("/groups/{g}/compensation/rates"),
            c,
            json!({"effective_from": from, "rate_cents": 1500}),
            200,
        )
        .await;
        let r = self
            .ok(
                Method::POST,
                "/referrals",
                &self.case_manager,
                json!({"group_id": g, "participant": {"name": "Osallistuja",
                       "email": format!("osallistuja{round}@lukot.example.fi")},
                       "needs": "Työnhaun tuki.", "consent": true}),
                201,
            )
            .await;
        self.ok(
            Method::POST,
            &format!("/referrals/{}/accept", r["id"].as_str().unwrap()),
            c,
            json!({}),
            200,
        )
        .await;
        self.ok(
            Method::PUT,
            &format!("/meetings/{m}/attendance"),
            &self.coach,
            json!({"marks": [{"participant_id": r["participant_id"], "status": "present"}]}),
            200,
        )
        .await;
        let comp = self
            .ok(
                Method::GET,
                &format!("/groups/{g}/compensation"),
                c,
                json!(null),
                200,
            )
            .await;
        assert_eq!(comp["total_cents"], 900, "{comp}");
        (g, m)
    }
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

async fn race(cast: &Cast, change: Change, round: usize) -> (u16, u16) {
    let (g, m) = cast.group_with_one_attended_meeting(round).await;
    let (_, start, end) = day(&cast.app, -1);
    let (from, _, _) = day(&cast.app, -5);
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
        cast.app.call(
            Method::POST,
            &approve_path,
            &cast.coordinator,
            Some(json!({}))
        ),
        cast.app.call(method, &path, &cast.coordinator, Some(body)),
    );
    assert_eq!(approved, 200, "the approval: {snapshot}");
    assert!(
        changed == 200 || changed == 409,
        "{change:?} answers 200 or 409 while a report may lock the group: {changed} {answer}"
    );
    let reopened = cast
        .ok(
            Method::POST,
            &format!("/groups/{g}/compensation/reopen"),
            &cast.coordinator,
            json!({"reason": "Tarkistus"}),
            200,
        )
        .await;
    assert_eq!(reopened["approved"], false, "{reopened}");
    let live = cast
        .ok(
            Method::GET,
            &format!("/groups/{g}/compensation"),
            &cast.coordinator,
            json!(null),
            200,
        )
        .await;
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
    let cast = cast().await;
    assert_eq!(
        cast.app.db().backend() == klubi_db::Backend::Postgres,
        backend() == "postgres",
        "runs on the database KLUBI_TEST_DB names"
    );
    let mut outcomes = std::collections::BTreeMap::<(String, u16), u32>::new();
    for round in 0..45 {
        let change = [Change::Move, Change::Cancel, Change::Rate][round % 3];
        let (_, changed) = race(&cast, change, round).await;
        *outcomes
            .entry((format!("{change:?}"), changed))
            .or_default() += 1;
    }
    eprintln!("outcomes: {outcomes:?}");
}
