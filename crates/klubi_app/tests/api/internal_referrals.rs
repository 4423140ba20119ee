//! Internal referrals to specialists: seen by exactly three people (coach,
//! specialist, participant), the session notes by one, every read audited.

use crate::referrals::setup_with;
use crate::world::*;
use klubi_domain::roles::Role;
use serde_json::json;

#[tokio::test]
async fn internal_referrals_are_seen_by_three_people_and_notes_by_one() {
    let f = setup_with(World::new().await).await;
    let g = f.group(10).await;
    let r = f.cm_a.refers_in(&g, "Aino", "aino@x.fi", "fi").await;
    f.coordinator.accepts_id(r["id"].as_str().unwrap()).await;
    let aino = r["participant_id"].as_str().unwrap().to_string();
    let pending = f.cm_a.refers_in(&g, "Bo", "bo@x.fi", "fi").await;
    let (_, me) = f.specialist.get("/me").await;
    let specialist_id = me["id"].as_str().unwrap().to_string();
    let other_org = f.w.organisation("Kaukainen Oy").await;
    let far =
        f.w.staff("far@c.fi", Some(&other_org), &[Role::Specialist])
            .await;
    let body = |participant: &str, specialist: &str, consent: bool| {
        json!({"group_id": g, "participant_id": participant, "specialist_id": specialist,
               "reason": "Jännittää ryhmässä puhumista; mentaalivalmennus voisi auttaa.", "consent": consent})
    };

    let (s, p) = f
        .coach
        .post("/internal-referrals", body(&aino, &specialist_id, false))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["consent"]);
    let bo = pending["participant_id"].as_str().unwrap();
    let (s, p) = f
        .coach
        .post("/internal-referrals", body(bo, &far.id, true))
        .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(
        fields(&p),
        ["participant_id", "specialist_id"],
        "not enrolled; not of the partnership"
    );
    // Only the group's facilitators refer; the coordinator sees the group but may not.
    let (s, _) = f
        .coordinator
        .post("/internal-referrals", body(&aino, &specialist_id, true))
        .await;
    assert_eq!(s, 403);
    let (s, _) = f
        .outsider_coach
        .post("/internal-referrals", body(&aino, &specialist_id, true))
        .await;
    assert_eq!(s, 404);

    let (s, ir) = f
        .coach
        .post("/internal-referrals", body(&aino, &specialist_id, true))
        .await;
    assert_eq!(s, 201, "{ir}");
    assert_eq!(ir["status"], "pending");
    let id = ir["id"].as_str().unwrap();
    let path = format!("/internal-referrals/{id}");
    let aino_token = f.w.person(&aino, "aino@x.fi").await;
    for token in [&f.coach, &f.specialist, &aino_token] {
        let (s, v) = token.get(&path).await;
        assert_eq!(s, 200);
        assert!(v["reason"].as_str().unwrap().contains("mentaalivalmennus"));
    }
    for token in [&f.coordinator, &f.cm_a, &far, &f.outsider_coach] {
        assert_eq!(token.get(&path).await.0, 404);
        let (s, _) = token.post(&format!("{path}/accept"), json!({})).await;
        assert_eq!(s, 404);
    }
    let (_, list) = aino_token.get("/internal-referrals").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(list["items"][0].get("reason").is_none());
    let (_, list) = f.cm_a.get("/internal-referrals").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);

    // The specialist takes it on, records sessions and closes it; the coach cannot.
    assert_eq!(
        f.coach.post(&format!("{path}/accept"), json!({})).await.0,
        403
    );
    let today = jiff::Timestamp::from_second(f.app.clock.now())
        .unwrap()
        .in_tz("Europe/Helsinki")
        .unwrap()
        .date();
    let (s, v) = f
        .specialist
        .post(
            &format!("{path}/sessions"),
            json!({"held_on": today.to_string()}),
        )
        .await;
    assert_eq!(s, 409, "not accepted yet: {v}");
    let (s, v) = f
        .specialist
        .post(&format!("{path}/accept"), json!({}))
        .await;
    assert_eq!(s, 200);
    assert_eq!(v["status"], "accepted");
    let (s, v) = f
        .specialist
        .post(&format!("{path}/accept"), json!({}))
        .await;
    assert_eq!(s, 409);
    assert_eq!(v["current_status"], "accepted");
    let (s, p) = f
        .specialist
        .post(
            &format!("{path}/sessions"),
            json!({"held_on": "2099-01-01", "note": "x"}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["held_on"]);
    let (s, sess) = f.specialist.post(&format!("{path}/sessions"), json!({"held_on": today.to_string(), "note": "Hengitysharjoitus ennen esittäytymistä."}))
        .await;
    assert_eq!(s, 201, "{sess}");
    let (_, v) = f.specialist.get(&path).await;
    assert_eq!(
        v["sessions"][0]["note"],
        "Hengitysharjoitus ennen esittäytymistä."
    );
    for token in [&f.coach, &aino_token] {
        let (_, v) = token.get(&path).await;
        assert!(
            v.get("sessions").is_none(),
            "the notes are the specialist's alone"
        );
    }
    let (s, v) = f.specialist.post(&format!("{path}/close"), json!({})).await;
    assert_eq!(s, 200);
    assert_eq!(v["status"], "closed");
    let (s, _) = f
        .specialist
        .post(
            &format!("{path}/sessions"),
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
