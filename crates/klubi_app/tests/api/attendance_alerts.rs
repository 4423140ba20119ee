//! No-show alerts: a participant who misses a meeting without a word is
//! reported to their case manager (by the policy of the case manager's
//! organisation), and a second alert is escalated to the coordinator; a mark
//! undone within ten minutes tells nobody. Mail goes to the real SMTP sink.

use crate::helpers::*;
use crate::pilot::{five_meetings, pilot_group};
use crate::reading::*;
use crate::world::*;
use serde_json::{Value, json};

/// Moves past the 600-second undo window and lets the checks (and their mail) run.
async fn after_the_delay(w: &World) {
    w.app.clock.advance(601);
    w.app.jobs_done().await;
}

async fn alerts(p: &Person) -> Vec<Value> {
    p.reads("/no-show-alerts").await["items"]
        .as_array()
        .unwrap()
        .clone()
}

/// Mail queued to `p` so far (the outbox is where the app decides to send).
async fn mail_to(w: &World, p: &Person) -> usize {
    w.app.outbox_to(&p.email).await.len()
}

#[tokio::test]
async fn no_show_alerts_follow_the_case_managers_policy_and_escalate() {
    let w = World::with_smtp().await;
    let sink = w.sink();
    let (coordinator, coach) = (w.coordinator().await, w.coach().await);
    let (cm_own, cm_rehab) = (w.case_manager().await, w.rehab_case_manager().await);
    let g = pilot_group(&w, "Klubi 1", json!(900)).await;
    let ms = five_meetings(
        &w,
        &g,
        [
            ("2026-10-05", "regular", "cv"),
            ("2026-10-07", "guest_visit", "interview"),
            ("2026-10-12", "regular", "application"),
            ("2026-10-14", "excursion", "job_ads"),
            ("2026-10-16", "regular", "strengths"),
        ],
    )
    .await;
    let aino = w
        .enrols(cm_own, &g, "Aino Aaltonen", "aino@example.fi")
        .await;
    let bo = w.enrols(cm_rehab, &g, "Bo Berg", "bo@example.fi").await;
    let cilla = w
        .enrols(cm_rehab, &g, "Cilla Carlsson", "cilla@example.fi")
        .await;
    w.app.jobs_done().await;
    let cm_own_mails = mail_to(&w, cm_own).await;
    let cm_rehab_mails = mail_to(&w, cm_rehab).await;
    let coordinator_mails = mail_to(&w, coordinator).await;
    // Every queued mail was sent: the sink has as many.
    assert_eq!(sink.messages_to(&cm_own.email).len(), cm_own_mails);

    // The policy is the case manager's organisation's, set by its coordinator.
    let rehab_coordinator = w.rehab_coordinator().await;
    let path = format!("/organisations/{}/no-show-alerts", w.rehab().await.id);
    let (s, e) = rehab_coordinator
        .put(&path, json!({"policy": "sometimes"}))
        .await;
    assert_eq!(s, 422, "{e}");
    let (s, _) = cm_rehab.put(&path, json!({"policy": "off"})).await;
    assert_eq!(s, 403, "a case manager of the organisation");
    let (s, _) = coordinator.put(&path, json!({"policy": "off"})).await;
    assert!(
        s == 403 || s == 404,
        "another organisation's coordinator: {s}"
    );
    let set = rehab_coordinator
        .ok(
            reqwest::Method::PUT,
            &path,
            Some(json!({"policy": "two_in_a_row"})),
        )
        .await;
    assert_eq!(
        set,
        json!({"organisation_id": w.rehab().await.id, "no_show_alerts": "two_in_a_row"})
    );

    // A slip of the thumb undone within ten minutes sends nothing.
    coach
        .marks(
            &ms[0],
            &[
                (&aino, Some("absent")),
                (&bo, Some("absent")),
                (&cilla, Some("absent")),
            ],
        )
        .await;
    w.app.clock.advance(300);
    coach.marks(&ms[0], &[(&aino, Some("present"))]).await;
    after_the_delay(&w).await;
    assert!(alerts(cm_own).await.is_empty());
    assert_eq!(mail_to(&w, cm_own).await, cm_own_mails);
    // Bo's and Cilla's first miss: their organisation waits for a second in a row.
    assert!(alerts(cm_rehab).await.is_empty());
    assert_eq!(mail_to(&w, cm_rehab).await, cm_rehab_mails);

    // Meeting 2: Aino misses (every_miss, the default: her case manager is told);
    // Bo misses again (two in a row: told); Cilla gave notice (the run breaks).
    w.partner_coach()
        .await
        .marks(
            &ms[1],
            &[
                (&aino, Some("absent")),
                (&bo, Some("absent")),
                (&cilla, Some("excused")),
            ],
        )
        .await;
    after_the_delay(&w).await;
    let mine = alerts(cm_own).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    let a = &mine[0];
    assert_eq!(a["group_id"], g.as_str());
    assert_eq!(a["group_name"], "Klubi 1");
    assert_eq!(a["meeting_id"], ms[1].as_str());
    assert_instant(&a["meeting_starts_at"], "2026-10-07T09:00:00+03:00");
    assert_eq!(a["participant_id"], aino.as_str());
    assert_eq!(a["participant_name"], "Aino Aaltonen");
    assert_eq!(a["escalated"], false);
    assert_eq!(mail_to(&w, cm_own).await, cm_own_mails + 1);
    // The jobs are done, so the mail has reached the SMTP server.
    let mails = sink.messages_to(&cm_own.email);
    assert_eq!(mails.len(), cm_own_mails + 1);
    let mail = parse_mail(mails.last().unwrap());
    assert!(mail.text.contains("Aino Aaltonen"), "{}", mail.text);
    let theirs = alerts(cm_rehab).await;
    assert_eq!(theirs.len(), 1, "Bo only: {theirs:?}");
    assert_eq!(
        (
            theirs[0]["participant_id"].as_str(),
            theirs[0]["meeting_id"].as_str()
        ),
        (Some(bo.as_str()), Some(ms[1].as_str()))
    );
    assert_eq!(mail_to(&w, cm_rehab).await, cm_rehab_mails + 1);
    assert_eq!(sink.messages_to(&cm_rehab.email).len(), cm_rehab_mails + 1);
    // Not escalated: the coordinator hears nothing yet.
    assert!(alerts(coordinator).await.is_empty());
    assert_eq!(mail_to(&w, coordinator).await, coordinator_mails);

    // Meeting 3: Aino's second alert escalates to the coordinator; Cilla's
    // absence after an excused one is no run of two.
    coach
        .marks(
            &ms[2],
            &[
                (&aino, Some("absent")),
                (&bo, Some("present")),
                (&cilla, Some("absent")),
            ],
        )
        .await;
    after_the_delay(&w).await;
    let mine = alerts(cm_own).await;
    assert_eq!(mine.len(), 2, "{mine:?}");
    let second = mine
        .iter()
        .find(|x| x["meeting_id"] == ms[2].as_str())
        .unwrap();
    assert_eq!(second["escalated"], true);
    let first = mine
        .iter()
        .find(|x| x["meeting_id"] == ms[1].as_str())
        .unwrap();
    assert_eq!(first["escalated"], false);
    assert_eq!(mail_to(&w, cm_own).await, cm_own_mails + 2);
    assert_eq!(sink.messages_to(&cm_own.email).len(), cm_own_mails + 2);
    let coord = alerts(coordinator).await;
    assert_eq!(coord.len(), 1, "{coord:?}");
    assert_eq!(coord[0]["id"], second["id"]);
    assert_eq!(coord[0]["participant_id"], aino.as_str());
    assert_eq!(mail_to(&w, coordinator).await, coordinator_mails + 1);
    let to_coordinator = sink.messages_to(&coordinator.email);
    assert_eq!(to_coordinator.len(), coordinator_mails + 1);
    assert!(
        parse_mail(to_coordinator.last().unwrap())
            .text
            .contains("Aino Aaltonen")
    );
    assert_eq!(alerts(cm_rehab).await.len(), 1, "Cilla's run was broken");
    // Case managers see their own clients' alerts only; the outsider none.
    assert!(alerts(w.outsider_coordinator().await).await.is_empty());

    // Off: the owner organisation silences its case managers' alerts.
    let own_path = format!("/organisations/{}/no-show-alerts", w.owner().await.id);
    let set = coordinator
        .ok(
            reqwest::Method::PUT,
            &own_path,
            Some(json!({"policy": "off"})),
        )
        .await;
    assert_eq!(set["no_show_alerts"], "off");
    coach.marks(&ms[3], &[(&aino, Some("absent"))]).await;
    after_the_delay(&w).await;
    assert_eq!(alerts(cm_own).await.len(), 2);
    assert_eq!(mail_to(&w, cm_own).await, cm_own_mails + 2);
    assert_eq!(mail_to(&w, coordinator).await, coordinator_mails + 1);
    assert_eq!(sink.messages_to(&cm_own.email).len(), cm_own_mails + 2);
    assert_eq!(
        sink.messages_to(&coordinator.email).len(),
        coordinator_mails + 1
    );
}
