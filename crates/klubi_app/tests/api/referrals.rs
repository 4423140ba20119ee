//! Referrals, triage, the waiting list and withdrawals through the real API,
//! with mail to the real SMTP sink.

use crate::helpers::*;
use klubi_domain::roles::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// An owner organisation (coordinator, coach) running a group with a partner
/// organisation (two case managers, a specialist), and an outsider
/// organisation (coach, case manager).
struct Fx {
    app: TestApp,
    coordinator: String,
    coach: String,
    coach_id: String,
    cm_a: String,
    cm_a_id: String,
    cm_b: String,
    specialist: String,
    outsider_coach: String,
    outsider_cm: String,
    partner: String,
}

async fn setup_with(app: TestApp) -> Fx {
    let owner = app.create_org("Tampereen työllisyys").await;
    let partner = app.create_org("Polku Oy").await;
    let outsider = app.create_org("Muu Oy").await;
    let coord = app
        .create_user("coord@a.fi", Some(&owner), &[Role::Coordinator])
        .await;
    let coach_id = app
        .create_user("coach@a.fi", Some(&owner), &[Role::Coach])
        .await;
    let cm_a_id = app
        .create_user("cm.a@b.fi", Some(&partner), &[Role::CaseManager])
        .await;
    let cm_b = app
        .create_user("cm.b@b.fi", Some(&partner), &[Role::CaseManager])
        .await;
    let spec = app
        .create_user("spec@b.fi", Some(&partner), &[Role::Specialist])
        .await;
    let oc = app
        .create_user("coach@c.fi", Some(&outsider), &[Role::Coach])
        .await;
    let ocm = app
        .create_user("cm@c.fi", Some(&outsider), &[Role::CaseManager])
        .await;
    Fx {
        coordinator: app.token_for(&coord).await,
        coach: app.token_for(&coach_id).await,
        cm_a: app.token_for(&cm_a_id).await,
        cm_b: app.token_for(&cm_b).await,
        specialist: app.token_for(&spec).await,
        outsider_coach: app.token_for(&oc).await,
        outsider_cm: app.token_for(&ocm).await,
        coach_id,
        cm_a_id,
        partner,
        app,
    }
}

impl Fx {
    async fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.app.call(Method::POST, path, token, Some(body)).await
    }
    async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.app.call(Method::GET, path, token, None).await
    }

    async fn group(&self, capacity: i64) -> String {
        let (s, g) = self
            .post(
                "/groups",
                &self.coordinator,
                json!({"format_id": "template-tampere", "name": "Klubi 1", "location": "Hämeenkatu 1",
                       "capacity": capacity, "facilitator_ids": [self.coach_id],
                       "partner_organisation_ids": [self.partner]}),
            )
            .await;
        assert_eq!(s, 201, "{g}");
        let id = g["id"].as_str().unwrap().to_string();
        let (s, m) = self
            .post(
                &format!("/groups/{id}/meetings"),
                &self.coordinator,
                json!({"starts_at": "2031-03-04T09:00:00+02:00", "ends_at": "2031-03-04T12:00:00+02:00",
                       "kind": "regular", "theme": "cv", "location": "Hämeenkatu 1, sali 2"}),
            )
            .await;
        assert_eq!(s, 201, "{m}");
        id
    }

    async fn refer(&self, token: &str, group: &str, name: &str, email: &str, lang: &str) -> Value {
        let (s, r) = self
            .post(
                "/referrals",
                token,
                json!({"group_id": group,
                       "participant": {"name": name, "email": email, "language": lang},
                       "needs": "Haluaa harjoitella työhaastattelua.", "consent": true}),
            )
            .await;
        assert_eq!(s, 201, "{r}");
        assert_eq!(r["status"], "pending");
        r
    }

    async fn accept(&self, id: &str) -> Value {
        let (s, r) = self
            .post(
                &format!("/referrals/{id}/accept"),
                &self.coordinator,
                json!({}),
            )
            .await;
        assert_eq!(s, 200, "{r}");
        r
    }

    async fn roster(&self, group: &str, token: &str) -> Vec<(String, String)> {
        let (s, l) = self
            .get(&format!("/groups/{group}/enrolments"), token)
            .await;
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

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let pool = app.raw_pool().await;
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn a_referral_needs_consent_and_valid_contact_and_is_not_made_twice() {
    let f = setup_with(spawn_app().await).await;
    let g = f.group(10).await;
    let body = |consent: Value| {
        json!({"group_id": g, "participant": {"name": "Aino Asiakas", "email": "aino@example.fi"},
               "needs": "CV kuntoon.", "consent": consent})
    };
    for c in [json!(false), Value::Null] {
        let (s, p) = f.post("/referrals", &f.cm_a, body(c)).await;
        assert_eq!(s, 422, "{p}");
        assert_eq!(fields(&p), ["consent"]);
    }
    let (s, p) = f
        .post(
            "/referrals",
            &f.cm_a,
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
    let (s, p) = f
        .post(
            "/referrals",
            &f.cm_a,
            json!({"group_id": g, "participant": {"name": "Aino", "email": "not-an-address", "phone": "12"},
                   "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["participant.email", "participant.phone"]);

    // Unknown group 404; a group of an organisation that is no partner 404 too.
    let (s, _) = f
        .post(
            "/referrals",
            &f.cm_a,
            json!({"group_id": "nope", "participant": {"name": "A", "email": "a@x.fi"}, "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = f
        .post("/referrals", &f.outsider_cm, body(json!(true)))
        .await;
    assert_eq!(s, 404);
    // Coaches see the group but do not refer.
    let (s, _) = f.post("/referrals", &f.coach, body(json!(true))).await;
    assert_eq!(s, 403);

    let (s, r) = f.post("/referrals", &f.cm_a, body(json!(true))).await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["status"], "pending");
    assert_eq!(r["consent"]["recorded_by"], f.cm_a_id.as_str());
    assert!(r["consent"]["version"].as_str().unwrap().len() > 3);
    // The same person (matched by email, whatever its case) again: 409 naming it.
    let mut again = body(json!(true));
    again["participant"]["email"] = json!("AINO@example.fi");
    let (s, p) = f.post("/referrals", &f.cm_b, again).await;
    assert_eq!(s, 409, "{p}");
    assert_eq!(p["existing_referral_id"], r["id"]);
    assert_eq!(p["existing_status"], "pending");

    // A phone number is enough; the person is found by email across groups.
    let g2 = f.group(5).await;
    let (s, r2) = f
        .post(
            "/referrals",
            &f.cm_a,
            json!({"group_id": g2, "participant": {"name": "Aino A.", "email": "aino@example.fi", "phone": "040 123 4567"},
                   "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 201);
    assert_eq!(
        r2["participant_id"], r["participant_id"],
        "one person, one record"
    );
    assert_eq!(r2["participant"]["phone"], "+358401234567");
    let (s, r3) = f
        .post(
            "/referrals",
            &f.cm_a,
            json!({"group_id": g2, "participant": {"name": "Bertta", "phone": "+46 70 123 45 67"},
                   "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{r3}");
    assert_eq!(r3["participant"]["email"], Value::Null);

    // A staff address is not a participant's.
    let (s, p) = f
        .post(
            "/referrals",
            &f.cm_a,
            json!({"group_id": g2, "participant": {"name": "X", "email": "coach@a.fi"}, "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["participant.email"]);

    // A planned group takes no referrals yet.
    let (s, _) = f
        .app
        .call(
            Method::PATCH,
            &format!("/groups/{g2}"),
            &f.coordinator,
            Some(json!({"status": "finished"})),
        )
        .await;
    assert_eq!(s, 200);
    let (s, p) = f
        .post(
            "/referrals",
            &f.cm_a,
            json!({"group_id": g2, "participant": {"name": "C", "email": "c@x.fi"}, "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 409, "{p}");
}

#[tokio::test]
async fn accept_fills_seats_then_the_waiting_list_and_withdrawal_promotes_in_order() {
    let f = setup_with(spawn_with_smtp().await).await;
    let g = f.group(2).await;
    let a = f.refer(&f.cm_a, &g, "Aino", "aino@x.fi", "fi").await;
    let b = f.refer(&f.cm_a, &g, "Bo", "bo@x.fi", "sv").await;
    let c = f.refer(&f.cm_b, &g, "Cecilia", "cecilia@x.fi", "en").await;
    let d = f.refer(&f.cm_a, &g, "Daniel", "daniel@x.fi", "fi").await;
    let id = |r: &Value| r["id"].as_str().unwrap().to_string();

    assert_eq!(f.accept(&id(&a)).await["status"], "enrolled");
    assert_eq!(f.accept(&id(&b)).await["status"], "enrolled");
    assert_eq!(f.accept(&id(&c)).await["status"], "waitlisted");
    assert_eq!(f.accept(&id(&d)).await["status"], "waitlisted");
    // Deciding twice: 409 with the current status.
    let (s, p) = f
        .post(
            &format!("/referrals/{}/accept", id(&a)),
            &f.coordinator,
            json!({}),
        )
        .await;
    assert_eq!(s, 409);
    assert_eq!(p["current_status"], "enrolled");
    let (s, p) = f
        .post(
            &format!("/referrals/{}/decline", id(&c)),
            &f.coordinator,
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(s, 409);
    assert_eq!(p["current_status"], "waitlisted");

    let (s, group) = f.get(&format!("/groups/{g}"), &f.coordinator).await;
    assert_eq!(s, 200);
    assert_eq!(group["enrolled_count"], 2);
    assert_eq!(group["waitlist_count"], 2);

    // The enrolled get their invitation in their own language, with what, when and where.
    let sink = f.app.smtp.as_ref().unwrap();
    let bo = parse_mail(&sink.wait_for("bo@x.fi").await);
    assert_eq!(bo.language, "sv");
    assert!(bo.subject.contains("Klubi 1"), "{}", bo.subject);
    assert!(bo.text.contains("4.3.2031"), "{}", bo.text);
    assert!(bo.text.contains("sali 2"), "{}", bo.text);
    assert!(
        bo.text.contains("/link/"),
        "a first-password link: {}",
        bo.text
    );
    let cecilia = parse_mail(&sink.wait_for("cecilia@x.fi").await);
    assert_eq!(cecilia.language, "en");
    assert!(cecilia.text.contains("waiting list"), "{}", cecilia.text);

    // Moving up needs a reason; Daniel then goes before Cecilia.
    let daniel_id = d["participant_id"].as_str().unwrap();
    let (s, p) = f
        .post(
            &format!("/groups/{g}/enrolments/{daniel_id}/move-up"),
            &f.coordinator,
            json!({"reason": ""}),
        )
        .await;
    assert_eq!(s, 422, "{p}");
    let (s, _) = f
        .post(
            &format!("/groups/{g}/enrolments/{daniel_id}/move-up"),
            &f.cm_a,
            json!({"reason": "Työpaikka odottaa kurssin käymistä."}),
        )
        .await;
    assert_eq!(s, 403, "only the coordinator moves people up");
    let (s, l) = f
        .post(
            &format!("/groups/{g}/enrolments/{daniel_id}/move-up"),
            &f.coordinator,
            json!({"reason": "Työpaikka odottaa kurssin käymistä."}),
        )
        .await;
    assert_eq!(s, 200, "{l}");
    assert_eq!(l["items"][2]["name"], "Daniel");
    assert_eq!(
        l["items"][2]["moved_up_reason"],
        "Työpaikka odottaa kurssin käymistä."
    );
    assert_eq!(l["items"][2]["position"], 1);

    // The participant withdraws themself (no body needed): Daniel gets the seat in
    // the same transaction; he and his case manager are told.
    let aino_id = a["participant_id"].as_str().unwrap();
    let aino_token = f.app.token_for(aino_id).await;
    let (s, e) = f
        .app
        .call(
            Method::POST,
            &format!("/groups/{g}/enrolments/{aino_id}/withdraw"),
            &aino_token,
            None,
        )
        .await;
    assert_eq!(s, 200, "{e}");
    assert_eq!(e["status"], "withdrawn");
    assert_eq!(
        f.roster(&g, &f.coordinator).await,
        [
            ("Bo".to_string(), "enrolled".to_string()),
            ("Daniel".into(), "enrolled".into()),
            ("Cecilia".into(), "waitlisted".into()),
            ("Aino".into(), "withdrawn".into()),
        ]
    );
    let promoted = parse_mail(&sink.wait_for_n("daniel@x.fi", 2).await[1]);
    // Told once: the waiting-list place and then the seat are his only mail,
    // in the outbox and, once every job has run, at the SMTP server.
    let to_daniel: Vec<String> = f
        .app
        .outbox_to("daniel@x.fi")
        .await
        .into_iter()
        .map(|m| m.subject)
        .collect();
    assert_eq!(to_daniel.len(), 2, "{to_daniel:?}");
    f.app.jobs_done().await;
    assert_eq!(sink.messages_to("daniel@x.fi").len(), 2);
    assert_eq!(promoted.language, "fi");
    assert!(promoted.text.contains("4.3.2031"), "{}", promoted.text);
    let cm_mail = parse_mail(&sink.wait_for("cm.a@b.fi").await);
    assert!(cm_mail.text.contains("Aino") || cm_mail.text.contains("Daniel"));
    let (_, ar) = f.get(&format!("/referrals/{}", id(&a)), &f.cm_a).await;
    assert_eq!(ar["status"], "withdrawn");
    let (_, dr) = f.get(&format!("/referrals/{}", id(&d)), &f.cm_a).await;
    assert_eq!(dr["status"], "enrolled");
    // Withdrawing again is 409.
    let (s, _) = f
        .app
        .call(
            Method::POST,
            &format!("/groups/{g}/enrolments/{aino_id}/withdraw"),
            &f.coordinator,
            None,
        )
        .await;
    assert_eq!(s, 409);

    // Raising the capacity gives the new seat to the waiting list at once.
    let (s, _) = f
        .app
        .call(
            Method::PATCH,
            &format!("/groups/{g}"),
            &f.coordinator,
            Some(json!({"capacity": 3})),
        )
        .await;
    assert_eq!(s, 200);
    let (_, cr) = f.get(&format!("/referrals/{}", id(&c)), &f.cm_b).await;
    assert_eq!(cr["status"], "enrolled");

    // Declining needs a reason, which reaches the case manager.
    let e = f.refer(&f.cm_b, &g, "Eero", "eero@x.fi", "fi").await;
    let (s, p) = f
        .post(
            &format!("/referrals/{}/decline", id(&e)),
            &f.coordinator,
            json!({}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["reason"]);
    let (s, r) = f
        .post(
            &format!("/referrals/{}/decline", id(&e)),
            &f.coordinator,
            json!({"reason": "Ryhmän aikataulu ei sovi."}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(r["status"], "declined");
    assert_eq!(r["decline_reason"], "Ryhmän aikataulu ei sovi.");
    // Cecilia's case manager heard of her seat, then of the declined referral.
    let texts: Vec<String> = sink
        .wait_for_n("cm.b@b.fi", 2)
        .await
        .iter()
        .map(|m| parse_mail(m).text)
        .collect();
    assert!(texts[0].contains("Cecilia"), "{}", texts[0]);
    assert!(
        texts[1].contains("Ryhmän aikataulu ei sovi."),
        "{}",
        texts[1]
    );
}

#[tokio::test]
async fn referrals_and_rosters_are_private() {
    let f = setup_with(spawn_app().await).await;
    let g = f.group(10).await;
    let r = f.refer(&f.cm_a, &g, "Aino", "aino@x.fi", "fi").await;
    let rb = f.refer(&f.cm_b, &g, "Bo", "bo@x.fi", "fi").await;
    let id = r["id"].as_str().unwrap();
    // Its case manager and the coordinator read it; nobody else learns it exists.
    let (s, full) = f.get(&format!("/referrals/{id}"), &f.cm_a).await;
    assert_eq!(s, 200);
    assert_eq!(full["needs"], "Haluaa harjoitella työhaastattelua.");
    assert_eq!(
        f.get(&format!("/referrals/{id}"), &f.coordinator).await.0,
        200
    );
    for token in [
        &f.cm_b,
        &f.coach,
        &f.specialist,
        &f.outsider_coach,
        &f.outsider_cm,
    ] {
        assert_eq!(f.get(&format!("/referrals/{id}"), token).await.0, 404);
        let (s, _) = f
            .post(&format!("/referrals/{id}/withdraw"), token, json!({}))
            .await;
        assert_eq!(s, 404);
    }
    // Case managers list only their own.
    let (s, mine) = f.get("/referrals", &f.cm_a).await;
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
        let (s, _) = f
            .post(&format!("/referrals/{id}/accept"), token, json!({}))
            .await;
        assert_ne!(s, 200);
    }
    // Triage shows the needs texts to the coordinator, and each read is audited.
    let (s, q) = f.get("/referrals/pending", &f.coordinator).await;
    assert_eq!(s, 200);
    assert_eq!(q["items"].as_array().unwrap().len(), 2);
    assert_eq!(f.get("/referrals/pending", &f.cm_a).await.0, 403);
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
    let (_, one) = f.get("/referrals/pending?limit=1", &f.coordinator).await;
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

    f.accept(id).await;
    f.accept(rb["id"].as_str().unwrap()).await;
    // The roster: all for the coordinator and the facilitating coach, own clients for a case manager.
    assert_eq!(f.roster(&g, &f.coordinator).await.len(), 2);
    assert_eq!(f.roster(&g, &f.coach).await.len(), 2);
    assert_eq!(
        f.roster(&g, &f.cm_a).await,
        [("Aino".to_string(), "enrolled".to_string())]
    );
    for token in [&f.outsider_coach, &f.specialist] {
        assert_eq!(
            f.get(&format!("/groups/{g}/enrolments"), token).await.0,
            404
        );
    }
    // Another case manager cannot withdraw someone they did not refer.
    let aino = r["participant_id"].as_str().unwrap();
    let (s, _) = f
        .post(
            &format!("/groups/{g}/enrolments/{aino}/withdraw"),
            &f.cm_b,
            json!({}),
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = f
        .post(
            &format!("/groups/{g}/enrolments/{aino}/withdraw"),
            &f.cm_a,
            json!({"reason": "Sai työpaikan."}),
        )
        .await;
    assert_eq!(s, 200);
}

/// 30 concurrent accepts on a group of 10, 20 times over: never more than 10
/// seats, and concurrent withdrawals with accepts keep it so.
#[tokio::test]
async fn concurrent_accepts_never_overbook() {
    let f = setup_with(spawn_app().await).await;
    for round in 0..20 {
        let g = f.group(10).await;
        let mut ids = vec![];
        for i in 0..30 {
            let r = f
                .refer(
                    &f.cm_a,
                    &g,
                    &format!("P{round}-{i}"),
                    &format!("p{round}.{i}@x.fi"),
                    "fi",
                )
                .await;
            ids.push(r["id"].as_str().unwrap().to_string());
        }
        let paths: Vec<String> = ids
            .iter()
            .map(|id| format!("/referrals/{id}/accept"))
            .collect();
        let calls = paths
            .iter()
            .map(|p| f.app.call(Method::POST, p, &f.coordinator, None));
        let results = futures::future::join_all(calls).await;
        let enrolled = results
            .iter()
            .filter(|(s, r)| *s == 200 && r["status"] == "enrolled")
            .count();
        let waitlisted = results
            .iter()
            .filter(|(s, r)| *s == 200 && r["status"] == "waitlisted")
            .count();
        assert_eq!((enrolled, waitlisted), (10, 20), "round {round}");
        let (_, group) = f.get(&format!("/groups/{g}"), &f.coordinator).await;
        assert_eq!(group["enrolled_count"], 10);
        assert_eq!(group["waitlist_count"], 20);

        if round % 5 == 0 {
            // Withdrawals racing with more accepts: still exactly 10 seats.
            let roster = f.roster(&g, &f.coordinator).await;
            assert_eq!(roster.len(), 30);
            let (_, l) = f
                .get(&format!("/groups/{g}/enrolments"), &f.coordinator)
                .await;
            let seated: Vec<String> = l["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["status"] == "enrolled")
                .take(5)
                .map(|e| e["participant_id"].as_str().unwrap().to_string())
                .collect();
            let mut more = vec![];
            for i in 0..5 {
                let r = f
                    .refer(
                        &f.cm_b,
                        &g,
                        &format!("Q{round}-{i}"),
                        &format!("q{round}.{i}@x.fi"),
                        "fi",
                    )
                    .await;
                more.push(r["id"].as_str().unwrap().to_string());
            }
            let w_paths: Vec<String> = seated
                .iter()
                .map(|p| format!("/groups/{g}/enrolments/{p}/withdraw"))
                .collect();
            let a_paths: Vec<String> = more
                .iter()
                .map(|id| format!("/referrals/{id}/accept"))
                .collect();
            let withdraws = w_paths
                .iter()
                .map(|p| f.app.call(Method::POST, p, &f.coordinator, None));
            let accepts = a_paths
                .iter()
                .map(|p| f.app.call(Method::POST, p, &f.coordinator, None));
            let (w, a) = tokio::join!(
                futures::future::join_all(withdraws),
                futures::future::join_all(accepts)
            );
            assert!(w.iter().all(|(s, _)| *s == 200), "{w:?}");
            assert!(a.iter().all(|(s, _)| *s == 200), "{a:?}");
            let (_, group) = f.get(&format!("/groups/{g}"), &f.coordinator).await;
            assert_eq!(
                group["enrolled_count"], 10,
                "seats refilled from the list, never more"
            );
            assert_eq!(group["waitlist_count"], 20);
        }
    }
}

#[tokio::test]
async fn the_invitation_link_works_once_and_expires_after_seven_days() {
    let f = setup_with(spawn_with_smtp().await).await;
    let g = f.group(10).await;
    let r = f.refer(&f.cm_a, &g, "Aino", "aino@x.fi", "fi").await;
    f.accept(r["id"].as_str().unwrap()).await;
    let sink = f.app.smtp.as_ref().unwrap();
    let mail = parse_mail(&sink.wait_for("aino@x.fi").await);
    assert_eq!(mail.language, "fi");
    let link = find_link(&mail.text[mail.text.find("/link/").unwrap() - 40..]);
    let link = &link[link.find("http").unwrap()..];
    let path = link
        .strip_prefix(&f.app.base)
        .expect("absolute link")
        .to_string();

    let b = f.app.browser();
    let res = b
        .post_form(
            &path,
            &path,
            &[
                ("password", "a brand new passphrase"),
                ("password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let home = b.get_html("/").await;
    assert!(home.contains("Klubi 1"), "the participant sees their group");
    assert!(home.contains("4.3.2031"), "and the next meeting");
    assert_eq!(
        Browser::new(&f.app.base).get(&path).await.status(),
        404,
        "single use"
    );

    // A resent invitation (the coordinator's button) expires after seven days.
    let r2 = f.refer(&f.cm_a, &g, "Bo", "bo@x.fi", "fi").await;
    f.accept(r2["id"].as_str().unwrap()).await;
    let bo = r2["participant_id"].as_str().unwrap();
    let (s, _) = f
        .post(
            &format!("/groups/{g}/enrolments/{bo}/resend-invitation"),
            &f.coordinator,
            json!({}),
        )
        .await;
    assert_eq!(s, 204);
    let mails = sink.wait_for_n("bo@x.fi", 2).await;
    let first = parse_mail(&mails[0]).text;
    let second = parse_mail(&mails[1]).text;
    let path_of = |t: &str| {
        let l = &t[t.find("/link/").unwrap()..];
        l.split_whitespace().next().unwrap().to_string()
    };
    assert_eq!(
        Browser::new(&f.app.base)
            .get(&path_of(&first))
            .await
            .status(),
        404,
        "the old link stops working"
    );
    assert_eq!(
        Browser::new(&f.app.base)
            .get(&path_of(&second))
            .await
            .status(),
        200
    );
    f.app.clock.advance(7 * 24 * 3600 + 1);
    assert_eq!(
        Browser::new(&f.app.base)
            .get(&path_of(&second))
            .await
            .status(),
        404,
        "expired"
    );
    // Aino already has a password: no new link for her.
    let aino = r["participant_id"].as_str().unwrap();
    let (s, _) = f
        .post(
            &format!("/groups/{g}/enrolments/{aino}/resend-invitation"),
            &f.coordinator,
            json!({}),
        )
        .await;
    assert_eq!(s, 409);
}

#[tokio::test]
async fn internal_referrals_are_seen_by_three_people_and_notes_by_one() {
    let f = setup_with(spawn_app().await).await;
    let g = f.group(10).await;
    let r = f.refer(&f.cm_a, &g, "Aino", "aino@x.fi", "fi").await;
    f.accept(r["id"].as_str().unwrap()).await;
    let aino = r["participant_id"].as_str().unwrap().to_string();
    let pending = f.refer(&f.cm_a, &g, "Bo", "bo@x.fi", "fi").await;
    let (_, me) = f.get("/me", &f.specialist).await;
    let specialist_id = me["id"].as_str().unwrap().to_string();
    let other_org = f.app.create_org("Kaukainen Oy").await;
    let far = f
        .app
        .create_user("far@c.fi", Some(&other_org), &[Role::Specialist])
        .await;
    let far_token = f.app.token_for(&far).await;
    let body = |participant: &str, specialist: &str, consent: bool| {
        json!({"group_id": g, "participant_id": participant, "specialist_id": specialist,
               "reason": "Jännittää ryhmässä puhumista; mentaalivalmennus voisi auttaa.", "consent": consent})
    };

    let (s, p) = f
        .post(
            "/internal-referrals",
            &f.coach,
            body(&aino, &specialist_id, false),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["consent"]);
    let bo = pending["participant_id"].as_str().unwrap();
    let (s, p) = f
        .post("/internal-referrals", &f.coach, body(bo, &far, true))
        .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(
        fields(&p),
        ["participant_id", "specialist_id"],
        "not enrolled; not of the partnership"
    );
    // Only the group's facilitators refer; the coordinator sees the group but may not.
    let (s, _) = f
        .post(
            "/internal-referrals",
            &f.coordinator,
            body(&aino, &specialist_id, true),
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = f
        .post(
            "/internal-referrals",
            &f.outsider_coach,
            body(&aino, &specialist_id, true),
        )
        .await;
    assert_eq!(s, 404);

    let (s, ir) = f
        .post(
            "/internal-referrals",
            &f.coach,
            body(&aino, &specialist_id, true),
        )
        .await;
    assert_eq!(s, 201, "{ir}");
    assert_eq!(ir["status"], "pending");
    let id = ir["id"].as_str().unwrap();
    let path = format!("/internal-referrals/{id}");
    let aino_token = f.app.token_for(&aino).await;
    for token in [&f.coach, &f.specialist, &aino_token] {
        let (s, v) = f.get(&path, token).await;
        assert_eq!(s, 200);
        assert!(v["reason"].as_str().unwrap().contains("mentaalivalmennus"));
    }
    for token in [&f.coordinator, &f.cm_a, &far_token, &f.outsider_coach] {
        assert_eq!(f.get(&path, token).await.0, 404);
        let (s, _) = f.post(&format!("{path}/accept"), token, json!({})).await;
        assert_eq!(s, 404);
    }
    let (_, list) = f.get("/internal-referrals", &aino_token).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(list["items"][0].get("reason").is_none());
    let (_, list) = f.get("/internal-referrals", &f.cm_a).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);

    // The specialist takes it on, records sessions and closes it; the coach cannot.
    assert_eq!(
        f.post(&format!("{path}/accept"), &f.coach, json!({}))
            .await
            .0,
        403
    );
    let today = jiff::Timestamp::from_second(f.app.clock.now())
        .unwrap()
        .in_tz("Europe/Helsinki")
        .unwrap()
        .date();
    let (s, v) = f
        .post(
            &format!("{path}/sessions"),
            &f.specialist,
            json!({"held_on": today.to_string()}),
        )
        .await;
    assert_eq!(s, 409, "not accepted yet: {v}");
    let (s, v) = f
        .post(&format!("{path}/accept"), &f.specialist, json!({}))
        .await;
    assert_eq!(s, 200);
    assert_eq!(v["status"], "accepted");
    let (s, v) = f
        .post(&format!("{path}/accept"), &f.specialist, json!({}))
        .await;
    assert_eq!(s, 409);
    assert_eq!(v["current_status"], "accepted");
    let (s, p) = f
        .post(
            &format!("{path}/sessions"),
            &f.specialist,
            json!({"held_on": "2099-01-01", "note": "x"}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["held_on"]);
    let (s, sess) = f
        .post(
            &format!("{path}/sessions"),
            &f.specialist,
            json!({"held_on": today.to_string(), "note": "Hengitysharjoitus ennen esittäytymistä."}),
        )
        .await;
    assert_eq!(s, 201, "{sess}");
    let (_, v) = f.get(&path, &f.specialist).await;
    assert_eq!(
        v["sessions"][0]["note"],
        "Hengitysharjoitus ennen esittäytymistä."
    );
    for token in [&f.coach, &aino_token] {
        let (_, v) = f.get(&path, token).await;
        assert!(
            v.get("sessions").is_none(),
            "the notes are the specialist's alone"
        );
    }
    let (s, v) = f
        .post(&format!("{path}/close"), &f.specialist, json!({}))
        .await;
    assert_eq!(s, 200);
    assert_eq!(v["status"], "closed");
    let (s, _) = f
        .post(
            &format!("{path}/sessions"),
            &f.specialist,
            json!({"held_on": today.to_string()}),
        )
        .await;
    assert_eq!(s, 409);

    // Every read of the reason and of the notes is in the audit log.
    let pool = f.app.raw_pool().await;
    let count = |action: &'static str| {
        let pool = pool.clone();
        let id = id.to_string();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND entity_id = $2",
            )
            .bind(action)
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    // Reason: three readers, then the specialist, the coach and Aino once
    // more (the coach's own create answer is not a read).
    assert_eq!(count("internal_referral.read_reason").await, 6);
    // Notes: the specialist's two reads only.
    assert_eq!(count("internal_referral.read_notes").await, 2);
    pool.close().await;
}

/// A participant's calendar feed (kept by their calendar version) follows their
/// seat at once: nothing while on the waiting list, the group's meetings once
/// promoted, nothing again after withdrawing.
#[tokio::test]
async fn a_participants_calendar_follows_their_seat() {
    let f = setup_with(spawn_app().await).await;
    let g = f.group(1).await;
    let a = f.refer(&f.cm_a, &g, "Aino", "aino@x.fi", "fi").await;
    let b = f.refer(&f.cm_b, &g, "Bo", "bo@x.fi", "sv").await;
    let id = |r: &Value| r["id"].as_str().unwrap().to_string();
    assert_eq!(f.accept(&id(&a)).await["status"], "enrolled");
    assert_eq!(f.accept(&id(&b)).await["status"], "waitlisted");
    let aino_id = a["participant_id"].as_str().unwrap().to_string();
    let bo_id = b["participant_id"].as_str().unwrap().to_string();
    let aino = f.app.token_for(&aino_id).await;
    let bo = f.app.token_for(&bo_id).await;
    let feed_url = |token: String| {
        let app = &f.app;
        async move {
            app.get_json("/api/v1/me/calendar-feed", &token).await["url"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let (aino_feed, bo_feed) = (feed_url(aino.clone()).await, feed_url(bo.clone()).await);
    let events = |url: String| async move {
        let body = reqwest::get(&url).await.unwrap().text().await.unwrap();
        body.matches("BEGIN:VEVENT").count()
    };
    assert_eq!(events(aino_feed.clone()).await, 1);
    assert_eq!(
        events(bo_feed.clone()).await,
        0,
        "the waiting list has no meetings"
    );
    assert_eq!(events(bo_feed.clone()).await, 0);

    let (s, e) = f
        .app
        .call(
            Method::POST,
            &format!("/groups/{g}/enrolments/{aino_id}/withdraw"),
            &aino,
            None,
        )
        .await;
    assert_eq!(s, 200, "{e}");
    assert_eq!(events(bo_feed).await, 1, "promoted: the meeting is his now");
    assert_eq!(events(aino_feed).await, 0, "withdrawn: gone from hers");
}
