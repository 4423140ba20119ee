//! Referrals through the real API: a case manager refers with the
//! participant's consent; who may read, decide and withdraw them.

use crate::helpers::*;
use crate::world::*;
use reqwest::Method;
use serde_json::{Value, json};
use std::sync::Arc;

/// The referral stories' cast, made by the world: the owner's coordinator
/// and coach, the partner's two case managers and specialist, an outsider's
/// coach and case manager.
pub struct Fx {
    pub w: World,
    pub app: Arc<TestApp>,
    pub coordinator: Person,
    pub coach: Person,
    pub cm_a: Person,
    pub cm_b: Person,
    pub specialist: Person,
    pub outsider_coach: Person,
    pub outsider_cm: Person,
}

pub async fn setup_with(w: World) -> Fx {
    Fx {
        app: w.app.clone(),
        coordinator: w.coordinator().await.clone(),
        coach: w.coach().await.clone(),
        cm_a: w.partner_case_manager().await.clone(),
        cm_b: w.second_partner_case_manager().await.clone(),
        specialist: w.specialist().await.clone(),
        outsider_coach: w.outsider_coach().await.clone(),
        outsider_cm: w.outsider_case_manager().await.clone(),
        w,
    }
}

impl Fx {
    /// "Klubi 1" with `capacity` seats, run by the coach with the partner,
    /// meeting once on 4.3.2031.
    pub async fn group(&self, capacity: i64) -> String {
        let g = self
            .coordinator
            .starts(
                group("Klubi 1")
                    .at("Hämeenkatu 1")
                    .capacity(capacity)
                    .run_by(&[&self.coach])
                    .with_partners(&[self.w.partner().await]),
            )
            .await;
        let id = id_of(&g);
        self.coordinator
            .adds_meeting(
                &id,
                json!({"starts_at": "2031-03-04T09:00:00+02:00", "ends_at": "2031-03-04T12:00:00+02:00",
                       "kind": "regular", "theme": "cv", "location": "Hämeenkatu 1, sali 2"}),
            )
            .await;
        id
    }

    /// The roster as `reader` sees it: (name, status) in order.
    pub async fn roster(&self, group: &str, reader: &Person) -> Vec<(String, String)> {
        let (s, l) = reader.get(&format!("/groups/{group}/enrolments")).await;
        assert_eq!(s, 200, "{l}");
        l["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["name"].as_str().unwrap().to_string(),
                    e["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let pool = app.raw_pool().await;
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn a_referral_needs_consent_and_valid_contact_and_is_not_made_twice() {
    let f = setup_with(World::new().await).await;
    let g = f.group(10).await;
    let body = |consent: Value| {
        json!({"group_id": g, "participant": {"name": "Aino Asiakas", "email": "aino@example.fi"},
               "needs": "CV kuntoon.", "consent": consent})
    };
    for c in [json!(false), Value::Null] {
        let (s, p) = f.cm_a.post("/referrals", body(c)).await;
        assert_eq!(s, 422, "{p}");
        assert_eq!(fields(&p), ["consent"]);
    }
    let (s, p) = f
        .cm_a
        .post(
            "/referrals",
            json!({"group_id": g, "participant": {"name": "Aino"}, "needs": "x"}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["participant.email", "consent"]);
    assert_eq!(
        count(&f.app, "SELECT COUNT(*) FROM referrals").await,
        0,
        "nothing saved"
    );
    assert_eq!(
        count(
            &f.app,
            "SELECT COUNT(*) FROM users WHERE kind = 'participant'"
        )
        .await,
        0
    );
    let (s, p) = f.cm_a.post("/referrals", json!({"group_id": g, "participant": {"name": "Aino", "email": "not-an-address", "phone": "12"},
                   "needs": "x", "consent": true}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["participant.email", "participant.phone"]);

    // Unknown group 404; a group of an organisation that is no partner 404 too.
    let (s, _) = f.cm_a.post("/referrals", json!({"group_id": "nope", "participant": {"name": "A", "email": "a@x.fi"}, "needs": "x", "consent": true}))
        .await;
    assert_eq!(s, 404);
    let (s, _) = f.outsider_cm.post("/referrals", body(json!(true))).await;
    assert_eq!(s, 404);
    // Coaches see the group but do not refer.
    let (s, _) = f.coach.post("/referrals", body(json!(true))).await;
    assert_eq!(s, 403);

    let (s, r) = f.cm_a.post("/referrals", body(json!(true))).await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["status"], "pending");
    assert_eq!(r["consent"]["recorded_by"], f.cm_a.id.as_str());
    assert!(r["consent"]["version"].as_str().unwrap().len() > 3);
    // The same person (matched by email, whatever its case) again: 409 naming it.
    let mut again = body(json!(true));
    again["participant"]["email"] = json!("AINO@example.fi");
    let (s, p) = f.cm_b.post("/referrals", again).await;
    assert_eq!(s, 409, "{p}");
    assert_eq!(p["existing_referral_id"], r["id"]);
    assert_eq!(p["existing_status"], "pending");

    // A phone number is enough; the person is found by email across groups.
    let g2 = f.group(5).await;
    let (s, r2) = f.cm_a.post("/referrals", json!({"group_id": g2, "participant": {"name": "Aino A.", "email": "aino@example.fi", "phone": "040 123 4567"},
                   "needs": "x", "consent": true}))
        .await;
    assert_eq!(s, 201);
    assert_eq!(
        r2["participant_id"], r["participant_id"],
        "one person, one record"
    );
    assert_eq!(r2["participant"]["phone"], "+358401234567");
    let (s, r3) = f
        .cm_a
        .post(
            "/referrals",
            json!({"group_id": g2, "participant": {"name": "Bertta", "phone": "+46 70 123 45 67"},
                   "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{r3}");
    assert_eq!(r3["participant"]["email"], Value::Null);

    // A staff address cannot be a participant account's: the account is made
    // without it (the answer does not tell whose it is; see security_referrals).
    let (s, r4) = f.cm_a.post("/referrals", json!({"group_id": g2, "participant": {"name": "X", "email": "coach@a.fi", "phone": "040 765 4321"}, "needs": "x", "consent": true}))
        .await;
    assert_eq!(s, 201, "{r4}");
    assert_eq!(r4["participant"]["email"], "coach@a.fi", "as typed");
    assert_ne!(r4["participant_id"], f.coach.id.as_str());

    // A finished group takes no referrals.
    let (s, _) = f
        .coordinator
        .call(
            Method::PATCH,
            &format!("/groups/{g2}"),
            Some(json!({"status": "finished"})),
        )
        .await;
    assert_eq!(s, 200);
    let (s, p) = f.cm_a.post("/referrals", json!({"group_id": g2, "participant": {"name": "C", "email": "c@x.fi"}, "needs": "x", "consent": true}))
        .await;
    assert_eq!(s, 409, "{p}");
}

#[tokio::test]
async fn referrals_and_rosters_are_private() {
    let f = setup_with(World::new().await).await;
    let g = f.group(10).await;
    let r = f.cm_a.refers_in(&g, "Aino", "aino@x.fi", "fi").await;
    let rb = f.cm_b.refers_in(&g, "Bo", "bo@x.fi", "fi").await;
    let id = r["id"].as_str().unwrap();
    // Its case manager and the coordinator read it; nobody else learns it exists.
    let (s, full) = f.cm_a.get(&format!("/referrals/{id}")).await;
    assert_eq!(s, 200);
    assert_eq!(full["needs"], "Haluaa harjoitella työhaastattelua.");
    assert_eq!(f.coordinator.get(&format!("/referrals/{id}")).await.0, 200);
    for token in [
        &f.cm_b,
        &f.coach,
        &f.specialist,
        &f.outsider_coach,
        &f.outsider_cm,
    ] {
        assert_eq!(token.get(&format!("/referrals/{id}")).await.0, 404);
        let (s, _) = token
            .post(&format!("/referrals/{id}/withdraw"), json!({}))
            .await;
        assert_eq!(s, 404);
    }
    // Case managers list only their own.
    let (s, mine) = f.cm_a.get("/referrals").await;
    assert_eq!(s, 200, "{mine}");
    let ids: Vec<_> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(ids, [r["id"].clone()]);
    assert!(
        mine["items"][0].get("needs").is_none(),
        "lists leave the needs text out"
    );
    // Only the coordinator decides.
    for token in [&f.cm_a, &f.coach] {
        let (s, _) = token
            .post(&format!("/referrals/{id}/accept"), json!({}))
            .await;
        assert_ne!(s, 200);
    }
    // Triage shows the needs texts to the coordinator, and each read is audited.
    let (s, q) = f.coordinator.get("/referrals/pending").await;
    assert_eq!(s, 200);
    assert_eq!(q["items"].as_array().unwrap().len(), 2);
    assert_eq!(f.cm_a.get("/referrals/pending").await.0, 403);
    let pool = f.app.raw_pool().await;
    let reads: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'referral.read_needs' AND entity_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(reads, 3, "case manager, coordinator, triage");
    // A page of one shows (and records) only the oldest; the next page is only known to exist.
    let (_, one) = f.coordinator.get("/referrals/pending?limit=1").await;
    assert_eq!(one["items"].as_array().unwrap().len(), 1);
    assert!(one["next_cursor"].is_string());
    let reads_of = |id: String| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'referral.read_needs' AND entity_id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(reads_of(id.to_string()).await, 4);
    assert_eq!(
        reads_of(rb["id"].as_str().unwrap().to_string()).await,
        1,
        "the triage page only"
    );
    pool.close().await;

    f.coordinator.accepts_id(id).await;
    f.coordinator.accepts_id(rb["id"].as_str().unwrap()).await;
    // The roster: all for the coordinator and the facilitating coach, own clients for a case manager.
    assert_eq!(f.roster(&g, &f.coordinator).await.len(), 2);
    assert_eq!(f.roster(&g, &f.coach).await.len(), 2);
    assert_eq!(
        f.roster(&g, &f.cm_a).await,
        [("Aino".to_string(), "enrolled".to_string())]
    );
    for token in [&f.outsider_coach, &f.specialist] {
        assert_eq!(token.get(&format!("/groups/{g}/enrolments")).await.0, 404);
    }
    // Another case manager cannot withdraw someone they did not refer.
    let aino = r["participant_id"].as_str().unwrap();
    let (s, _) = f
        .cm_b
        .post(
            &format!("/groups/{g}/enrolments/{aino}/withdraw"),
            json!({}),
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = f
        .cm_a
        .post(
            &format!("/groups/{g}/enrolments/{aino}/withdraw"),
            json!({"reason": "Sai työpaikan."}),
        )
        .await;
    assert_eq!(s, 200);
}
