//! A member of staff learns nothing about a person from Klubi that their own
//! organisation did not give it (issue 16, item 2): a referral answers with
//! what its referrer typed, writes nothing onto an account they cannot see,
//! and another organisation's referral is never named.

use crate::world::*;
use serde_json::json;

/// Two groups of the owner with the partner: the owner's and the partner's
/// case managers may both refer to them.
async fn two_groups(w: &World) -> (String, String) {
    let coordinator = w.coordinator().await;
    let mut ids = vec![];
    for name in ["Klubi 1", "Klubi 2"] {
        let g = coordinator
            .starts(group(name).capacity(5).with_partners(&[w.partner().await]))
            .await;
        ids.push(id_of(&g));
    }
    (ids[0].clone(), ids[1].clone())
}

async fn stored(w: &World, email: &str) -> (String, Option<String>) {
    let pool = w.app.raw_pool().await;
    let row: (String, Option<String>) =
        sqlx::query_as("SELECT name, phone FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&pool)
            .await
            .unwrap();
    pool.close().await;
    row
}

#[tokio::test]
async fn a_referral_answers_with_what_was_typed_and_writes_nothing_onto_the_account() {
    let w = World::new().await;
    let (g1, g2) = two_groups(&w).await;
    let partner_cm = w.partner_case_manager().await;
    let owner_cm = w.case_manager().await;
    let (s, first) = partner_cm
        .post(
            "/referrals",
            json!({"group_id": g1, "participant": {"name": "Aino Salainen", "email": "aino@x.fi", "phone": "040 111 2222"},
                   "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{first}");

    // Another organisation's case manager types the same address.
    let (s, r) = owner_cm
        .post(
            "/referrals",
            json!({"group_id": g2, "participant": {"name": "A. Asiakas", "email": "aino@x.fi"},
                   "needs": "y", "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["participant"]["name"], "A. Asiakas", "as typed: {r}");
    assert!(r["participant"]["phone"].is_null(), "no stored phone: {r}");
    assert!(!r.to_string().contains("Salainen"), "{r}");
    assert!(!r.to_string().contains("2222"), "{r}");
    let (_, again) = owner_cm.get(&format!("/referrals/{}", id_of(&r))).await;
    assert_eq!(again["participant"]["name"], "A. Asiakas", "{again}");
    assert!(again["participant"]["phone"].is_null(), "{again}");

    // A phone typed for someone who is already there changes nothing on
    // their account (the referral keeps it for its referrer).
    let (s, r3) = owner_cm
        .post(
            "/referrals",
            json!({"group_id": g1, "participant": {"name": "Aino", "email": "aino@x.fi", "phone": "050 999 8888"},
                   "needs": "z", "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{r3}");
    assert_eq!(r3["participant"]["phone"], "+358509998888");
    assert_eq!(
        stored(&w, "aino@x.fi").await,
        (
            "Aino Salainen".to_string(),
            Some("+358401112222".to_string())
        ),
        "the account is as its own organisation gave it"
    );
}

#[tokio::test]
async fn another_organisations_referral_to_the_group_is_never_named() {
    let w = World::new().await;
    let (g1, _) = two_groups(&w).await;
    let partner_cm = w.partner_case_manager().await;
    let owner_cm = w.case_manager().await;
    let coordinator = w.coordinator().await;
    let theirs = partner_cm.refers(&g1, "Bo", "bo@x.fi").await;
    // The owner's case manager refers the same person to the same group:
    // taken like any referral, no 409 naming the partner's.
    let (s, ours) = owner_cm
        .post(
            "/referrals",
            json!({"group_id": g1, "participant": {"name": "Bo B", "email": "bo@x.fi"},
                   "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{ours}");
    assert!(!ours.to_string().contains(&id_of(&theirs)), "{ours}");
    // Their own duplicate is still 409, naming their own.
    let (s, dup) = owner_cm
        .post(
            "/referrals",
            json!({"group_id": g1, "participant": {"name": "Bo B", "email": "bo@x.fi"},
                   "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 409, "{dup}");
    assert_eq!(dup["existing_referral_id"], id_of(&ours).as_str());

    // The coordinator, who sees both, seats the person once.
    coordinator.accepts(&theirs).await;
    let (s, p) = coordinator
        .post(&format!("/referrals/{}/accept", id_of(&ours)), json!({}))
        .await;
    assert_eq!(s, 409, "{p}");
    let (s, _) = coordinator
        .post(
            &format!("/referrals/{}/decline", id_of(&ours)),
            json!({"reason": "Jo ryhmässä"}),
        )
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn a_staff_address_is_not_told_apart_and_its_account_is_untouched() {
    let w = World::new().await;
    let (g1, _) = two_groups(&w).await;
    let partner_cm = w.partner_case_manager().await;
    let owner_coach = w.coach().await;
    let (s, r) = partner_cm
        .post(
            "/referrals",
            json!({"group_id": g1, "participant": {"name": "Someone", "email": "coach@a.fi", "phone": "040 222 3333"},
                   "needs": "x", "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["participant"]["email"], "coach@a.fi");
    assert_eq!(r["participant"]["name"], "Someone");
    assert_ne!(r["participant_id"], owner_coach.id.as_str());
    let (name, phone) = stored(&w, "coach@a.fi").await;
    assert_ne!(name, "Someone");
    assert_eq!(phone, None, "nothing written onto the staff account");
}

#[tokio::test]
async fn a_staff_address_without_a_phone_is_taken_like_a_new_one() {
    let w = World::new().await;
    let (g1, _) = two_groups(&w).await;
    let partner_cm = w.partner_case_manager().await;
    let coordinator = w.coordinator().await;
    w.coach().await; // coach@a.fi has an account
    let mut answers = vec![];
    for (name, email) in [("Someone", "coach@a.fi"), ("Nobody", "new.person@x.fi")] {
        let (s, r) = partner_cm
            .post(
                "/referrals",
                json!({"group_id": g1, "participant": {"name": name, "email": email},
                       "needs": "x", "consent": true}),
            )
            .await;
        assert_eq!(s, 201, "{r}");
        assert_eq!(r["participant"]["email"], email, "as typed: {r}");
        answers.push(r);
    }
    // The two answers differ only in what was typed and the ids.
    let keys = |r: &serde_json::Value| {
        let mut k: Vec<String> = r.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&answers[0]), keys(&answers[1]));
    assert_eq!(
        answers[0]["participant"]["phone"],
        answers[1]["participant"]["phone"]
    );

    // Seated, both are on the roster with their address as typed; the staff
    // address is mailed a notice without a link, and nothing signs in with it.
    for r in &answers {
        coordinator.accepts(r).await;
    }
    w.app.jobs_done().await;
    // The roster page offers the same for both: a new link or one on paper.
    let page = coordinator
        .signs_in()
        .await
        .get_html(&format!("/groups/{g1}"))
        .await;
    for r in &answers {
        let pid = r["participant_id"].as_str().unwrap();
        for action in ["invite", "print"] {
            let form = format!("/groups/{g1}/roster/{pid}/{action}");
            assert!(page.contains(&form), "{form} for {r}");
        }
    }
    assert!(!page.contains("Ei sähköpostia"), "no tell on the roster");
    let to_staff = w.app.mail_texts_to("coach@a.fi").await;
    assert_eq!(to_staff.len(), 1, "{to_staff:?}");
    assert!(!to_staff[0].contains("/link/"), "{}", to_staff[0]);
    let to_new = w.app.mail_texts_to("new.person@x.fi").await;
    assert!(to_new[0].contains("/link/"), "a new address gets its link");
}
