//! Meetings: a schedule made at once (holidays skipped, local time kept
//! across DST), then meetings added, moved and cancelled one by one with who
//! and why.

use crate::groups::setup;
use crate::world::*;
use serde_json::{Value, json};

#[tokio::test]
async fn schedule_skips_easter_and_keeps_local_time_across_dst() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let id = g["id"].as_str().unwrap();
    // Mondays and Fridays from 22 March 2027: Good Friday (26.3.) and Easter
    // Monday (29.3.) are skipped; summer time starts on 28.3.
    let (s, v) = c
        .coach
        .post(
            &format!("/groups/{id}/schedule"),
            json!({"first_date": "2027-03-22", "weekdays": ["mon", "fri"]}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let starts: Vec<&str> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        vec![
            "2027-03-22T09:00:00+02:00",
            "2027-04-02T09:00:00+03:00",
            "2027-04-05T09:00:00+03:00",
            "2027-04-09T09:00:00+03:00",
            "2027-04-12T09:00:00+03:00"
        ]
    );
    let themes: Vec<&str> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["theme"].as_str().unwrap())
        .collect();
    assert_eq!(
        themes,
        vec!["cv", "application", "interview", "job_ads", "strengths"]
    );
    assert_eq!(v["meetings"][0]["ends_at"], "2027-03-22T12:00:00+02:00");
    assert_eq!(v["meetings"][0]["location"], "Hämeenkatu 1");
    let skipped: Vec<(&str, &str)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["date"].as_str().unwrap(), s["holiday"].as_str().unwrap()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("2027-03-26", "holiday-good-friday"),
            ("2027-03-29", "holiday-easter-monday")
        ]
    );
    // Once is enough: meetings are then edited one by one.
    let (s, p) = c
        .coach
        .post(
            &format!("/groups/{id}/schedule"),
            json!({"first_date": "2027-05-03", "weekdays": ["tue"]}),
        )
        .await;
    assert_eq!(
        (s, p["type"].as_str().unwrap()),
        (409, "urn:klubi:problem:schedule-exists")
    );
    // The outsider cannot, and bad input names its fields.
    assert_eq!(
        c.outsider_coach
            .post(
                &format!("/groups/{id}/schedule"),
                json!({"first_date": "2027-05-03", "weekdays": ["tue"]})
            )
            .await
            .0,
        404
    );
    let g2 = c
        .coordinator
        .post(
            "/groups",
            json!({"format_id": "template-tampere", "name": "Toinen"}),
        )
        .await
        .1;
    let (s, p) = c
        .coordinator
        .post(
            &format!("/groups/{}/schedule", g2["id"].as_str().unwrap()),
            json!({"first_date": "2027-13-01", "weekdays": ["funday"], "start_time": "25:00"}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), vec!["first_date", "weekdays", "start_time"]);
}

#[tokio::test]
async fn meetings_are_added_moved_and_cancelled_with_who_and_why() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let gid = g["id"].as_str().unwrap();
    c.coordinator
        .post(
            &format!("/groups/{gid}/schedule"),
            json!({"first_date": "2027-02-01", "weekdays": ["mon", "wed"], "start_time": "09:00"}),
        )
        .await;
    let mpath = format!("/groups/{gid}/meetings");

    // An excursion at another time is flagged; one at the usual time is not.
    let (s, fair) = c.partner_coach.post(&mpath, json!({"starts_at": "2027-02-18T13:00:00+02:00", "ends_at": "2027-02-18T16:00:00+02:00", "kind": "excursion",
                   "theme": "job_ads", "location": "Tampere-talo, rekrytointimessut"}))
        .await;
    assert_eq!(s, 201, "{fair}");
    assert_eq!(fair["unusual_time"], true);
    let (_, usual) = c.coach.post(&mpath, json!({"starts_at": "2027-02-22T09:00:00+02:00", "ends_at": "2027-02-22T12:00:00+02:00", "kind": "excursion",
                   "theme": "job_ads", "location": "Työmarkkinatori"}))
        .await;
    assert_eq!(usual["unusual_time"], false);

    // What each kind needs, and times that make no sense.
    let (s, p) = c.coach.post(&mpath, json!({"starts_at": "2027-02-10T12:00:00+02:00", "ends_at": "2027-02-10T11:00:00+02:00", "kind": "guest_visit", "theme": "interview"}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), vec!["ends_at", "guest_organisation"]);
    let (s, p) = c.coach.post(&mpath, json!({"starts_at": "2045-01-01T09:00:00Z", "ends_at": "2045-01-01T10:00:00Z", "theme": "cv"}))
        .await;
    assert_eq!((s, fields(&p)), (422, vec!["starts_at".to_string()]));
    let (s, p) = c
        .coach
        .post(
            &mpath,
            json!({"starts_at": "tomorrow", "ends_at": "2027-01-01T10:00:00Z", "theme": "cv"}),
        )
        .await;
    assert_eq!((s, fields(&p)), (422, vec!["starts_at".to_string()]));
    let (s, guest) = c.coach.post(&mpath, json!({"starts_at": "2027-02-24T09:00:00+02:00", "ends_at": "2027-02-24T12:00:00+02:00", "kind": "guest_visit",
                   "theme": "interview", "guest_organisation": "Rekrytointi Oy", "guest_purpose": "Harjoitushaastattelut"}))
        .await;
    assert_eq!(s, 201, "{guest}");
    let (s, online) = c.coach.post(&mpath, json!({"starts_at": "2027-03-01T09:00:00+02:00", "ends_at": "2027-03-01T10:00:00+02:00", "kind": "online",
                   "theme": "peer_support", "online_url": "https://meet.example.fi/klubi"}))
        .await;
    assert_eq!(s, 201, "{online}");
    // The link is for members: the partner's case manager sees the meeting but not the link.
    let oid = online["id"].as_str().unwrap();
    assert_eq!(
        c.partner_cm.get(&format!("/meetings/{oid}")).await.1["online_url"],
        Value::Null
    );
    assert_eq!(
        c.partner_coach.get(&format!("/meetings/{oid}")).await.1["online_url"],
        "https://meet.example.fi/klubi"
    );
    assert_eq!(
        c.outsider_coach.get(&format!("/meetings/{oid}")).await.0,
        404
    );
    // A case manager may see but not change.
    assert_eq!(
        c.partner_cm
            .post(&format!("/meetings/{oid}/cancel"), json!({"reason": "x"}))
            .await
            .0,
        403
    );

    // Moving needs a reason; the reason and the mover are kept, SEQUENCE rises.
    let fid = fair["id"].as_str().unwrap();
    let (s, p) = c
        .coach
        .patch(
            &format!("/meetings/{fid}"),
            json!({"starts_at": "2027-02-18T14:00:00+02:00"}),
        )
        .await;
    assert_eq!((s, fields(&p)), (422, vec!["reason".to_string()]));
    let (s, moved) = c
        .coach
        .patch(
            &format!("/meetings/{fid}"),
            json!({"starts_at": "2027-02-18T14:00:00+02:00", "reason": "Messut alkavat myöhemmin"}),
        )
        .await;
    assert_eq!(s, 200, "{moved}");
    assert_eq!(moved["sequence"], 1);
    assert_eq!(moved["change_reason"], "Messut alkavat myöhemmin");
    assert_eq!(moved["starts_at"], "2027-02-18T14:00:00+02:00");
    // Editing the agenda alone needs no reason, and still raises SEQUENCE.
    let (s, v) = c
        .coach
        .patch(
            &format!("/meetings/{fid}"),
            json!({"agenda": "Ota CV mukaan"}),
        )
        .await;
    assert_eq!((s, v["sequence"].clone()), (200, json!(2)));

    let (s, p) = c
        .coach
        .post(&format!("/meetings/{fid}/cancel"), json!({"reason": ""}))
        .await;
    assert_eq!((s, fields(&p)), (422, vec!["reason".to_string()]));
    let (s, v) = c
        .coach
        .post(
            &format!("/meetings/{fid}/cancel"),
            json!({"reason": "Messut peruttu"}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (
            v["status"].as_str().unwrap(),
            v["cancel_reason"].as_str().unwrap(),
            v["sequence"].as_i64().unwrap()
        ),
        ("cancelled", "Messut peruttu", 3)
    );
    assert_eq!(
        c.coach
            .post(
                &format!("/meetings/{fid}/cancel"),
                json!({"reason": "uudelleen"})
            )
            .await
            .0,
        409
    );
    // Cancelled meetings stay in the list, in time order.
    let (_, list) = c.partner_cm.get(&mpath).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 9);
    assert!(
        items
            .windows(2)
            .all(|w| w[0]["starts_at"].as_str() <= w[1]["starts_at"].as_str())
    );
    assert_eq!(
        items.iter().filter(|m| m["status"] == "cancelled").count(),
        1
    );
    let actions = c.app.audit_actions().await;
    for a in [
        "meeting.create",
        "meeting.move",
        "meeting.update",
        "meeting.cancel",
    ] {
        assert!(actions.contains(&a.to_string()), "{a}");
    }

    // A finished group's schedule is closed.
    assert_eq!(
        c.coordinator
            .patch(&format!("/groups/{gid}"), json!({"status": "finished"}))
            .await
            .0,
        200
    );
    let (s, p) = c.coach.post(&mpath, json!({"starts_at": "2027-03-03T09:00:00+02:00", "ends_at": "2027-03-03T10:00:00+02:00", "theme": "cv"}))
        .await;
    assert_eq!(
        (s, p["type"].as_str().unwrap()),
        (409, "urn:klubi:problem:group-schedule-closed")
    );
    assert_eq!(
        c.coach
            .patch(&format!("/meetings/{oid}"), json!({"agenda": "x"}))
            .await
            .0,
        409
    );
}
