//! Seats and the waiting list: accepts fill the seats and then the list, a
//! withdrawal or a larger capacity promotes in order (with mail to the real
//! SMTP sink), concurrent accepts never overbook, and a participant's
//! calendar follows their seat.

use crate::helpers::*;
use crate::referrals::setup_with;
use crate::world::*;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn accept_fills_seats_then_the_waiting_list_and_withdrawal_promotes_in_order() {
    let f = setup_with(World::with_smtp().await).await;
    let g = f.group(2).await;
    let a = f.cm_a.refers_in(&g, "Aino", "aino@x.fi", "fi").await;
    let b = f.cm_a.refers_in(&g, "Bo", "bo@x.fi", "sv").await;
    let c = f.cm_b.refers_in(&g, "Cecilia", "cecilia@x.fi", "en").await;
    let d = f.cm_a.refers_in(&g, "Daniel", "daniel@x.fi", "fi").await;
    let id = |r: &Value| r["id"].as_str().unwrap().to_string();

    assert_eq!(
        f.coordinator.accepts_id(&id(&a)).await["status"],
        "enrolled"
    );
    assert_eq!(
        f.coordinator.accepts_id(&id(&b)).await["status"],
        "enrolled"
    );
    assert_eq!(
        f.coordinator.accepts_id(&id(&c)).await["status"],
        "waitlisted"
    );
    assert_eq!(
        f.coordinator.accepts_id(&id(&d)).await["status"],
        "waitlisted"
    );
    // Deciding twice: 409 with the current status.
    let (s, p) = f
        .coordinator
        .post(&format!("/referrals/{}/accept", id(&a)), json!({}))
        .await;
    assert_eq!(s, 409);
    assert_eq!(p["current_status"], "enrolled");
    let (s, p) = f
        .coordinator
        .post(
            &format!("/referrals/{}/decline", id(&c)),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(s, 409);
    assert_eq!(p["current_status"], "waitlisted");

    let (s, group) = f.coordinator.get(&format!("/groups/{g}")).await;
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
        .coordinator
        .post(
            &format!("/groups/{g}/enrolments/{daniel_id}/move-up"),
            json!({"reason": ""}),
        )
        .await;
    assert_eq!(s, 422, "{p}");
    let (s, _) = f
        .cm_a
        .post(
            &format!("/groups/{g}/enrolments/{daniel_id}/move-up"),
            json!({"reason": "Työpaikka odottaa kurssin käymistä."}),
        )
        .await;
    assert_eq!(s, 403, "only the coordinator moves people up");
    let (s, l) = f
        .coordinator
        .post(
            &format!("/groups/{g}/enrolments/{daniel_id}/move-up"),
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
    let (_, ar) = f.cm_a.get(&format!("/referrals/{}", id(&a))).await;
    assert_eq!(ar["status"], "withdrawn");
    let (_, dr) = f.cm_a.get(&format!("/referrals/{}", id(&d))).await;
    assert_eq!(dr["status"], "enrolled");
    // Withdrawing again is 409.
    let (s, _) = f
        .coordinator
        .call(
            Method::POST,
            &format!("/groups/{g}/enrolments/{aino_id}/withdraw"),
            None,
        )
        .await;
    assert_eq!(s, 409);

    // Raising the capacity gives the new seat to the waiting list at once.
    let (s, _) = f
        .coordinator
        .call(
            Method::PATCH,
            &format!("/groups/{g}"),
            Some(json!({"capacity": 3})),
        )
        .await;
    assert_eq!(s, 200);
    let (_, cr) = f.cm_b.get(&format!("/referrals/{}", id(&c))).await;
    assert_eq!(cr["status"], "enrolled");

    // Declining needs a reason, which reaches the case manager.
    let e = f.cm_b.refers_in(&g, "Eero", "eero@x.fi", "fi").await;
    let (s, p) = f
        .coordinator
        .post(&format!("/referrals/{}/decline", id(&e)), json!({}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), ["reason"]);
    let (s, r) = f
        .coordinator
        .post(
            &format!("/referrals/{}/decline", id(&e)),
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

/// 30 concurrent accepts on a group of 10, 20 times over: never more than 10
/// seats, and concurrent withdrawals with accepts keep it so.
#[tokio::test]
async fn concurrent_accepts_never_overbook() {
    let f = setup_with(World::new().await).await;
    for round in 0..20 {
        let g = f.group(10).await;
        let mut ids = vec![];
        for i in 0..30 {
            let r = f
                .cm_a
                .refers_in(
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
            .map(|p| f.coordinator.call(Method::POST, p, None));
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
        let (_, group) = f.coordinator.get(&format!("/groups/{g}")).await;
        assert_eq!(group["enrolled_count"], 10);
        assert_eq!(group["waitlist_count"], 20);

        if round % 5 == 0 {
            // Withdrawals racing with more accepts: still exactly 10 seats.
            let roster = f.roster(&g, &f.coordinator).await;
            assert_eq!(roster.len(), 30);
            let (_, l) = f.coordinator.get(&format!("/groups/{g}/enrolments")).await;
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
                    .cm_b
                    .refers_in(
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
                .map(|p| f.coordinator.call(Method::POST, p, None));
            let accepts = a_paths
                .iter()
                .map(|p| f.coordinator.call(Method::POST, p, None));
            let (w, a) = tokio::join!(
                futures::future::join_all(withdraws),
                futures::future::join_all(accepts)
            );
            assert!(w.iter().all(|(s, _)| *s == 200), "{w:?}");
            assert!(a.iter().all(|(s, _)| *s == 200), "{a:?}");
            let (_, group) = f.coordinator.get(&format!("/groups/{g}")).await;
            assert_eq!(
                group["enrolled_count"], 10,
                "seats refilled from the list, never more"
            );
            assert_eq!(group["waitlist_count"], 20);
        }
    }
}

/// A participant's calendar feed (kept by their calendar version) follows their
/// seat at once: nothing while on the waiting list, the group's meetings once
/// promoted, nothing again after withdrawing.
#[tokio::test]
async fn a_participants_calendar_follows_their_seat() {
    let f = setup_with(World::new().await).await;
    let g = f.group(1).await;
    let a = f.cm_a.refers_in(&g, "Aino", "aino@x.fi", "fi").await;
    let b = f.cm_b.refers_in(&g, "Bo", "bo@x.fi", "sv").await;
    let id = |r: &Value| r["id"].as_str().unwrap().to_string();
    assert_eq!(
        f.coordinator.accepts_id(&id(&a)).await["status"],
        "enrolled"
    );
    assert_eq!(
        f.coordinator.accepts_id(&id(&b)).await["status"],
        "waitlisted"
    );
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
