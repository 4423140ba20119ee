//! The calendar: a secret, stable iCalendar feed read back by an independent
//! parser, and the calendar pages, following every change at once.

use crate::groups::setup;
use serde_json::{Value, json};

fn parse_ics(body: &str) -> Value {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/ics_events.py"
        ))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the independent parser refused the feed:\n{body}"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn the_calendar_feed_is_secret_stable_and_parses_elsewhere() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let gid = g["id"].as_str().unwrap();
    c.coordinator
        .post(
            &format!("/groups/{gid}/schedule"),
            json!({"first_date": "2027-03-22", "weekdays": ["mon", "fri"]}),
        )
        .await;
    let (s, feed) = c.partner_coach.get("/me/calendar-feed").await;
    assert_eq!(s, 200);
    let url = feed["url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with(&c.app.url("/api/v1/me/calendar.ics?token=")),
        "{url}"
    );
    assert_eq!(
        c.partner_coach.get("/me/calendar-feed").await.1["url"],
        url.as_str(),
        "the same URL again"
    );

    let fetch = |u: String| async move {
        let res = reqwest::get(&u).await.unwrap();
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        (status, ct, res.text().await.unwrap())
    };
    let (s, ct, body) = fetch(url.clone()).await;
    assert_eq!(s, 200);
    assert!(ct.unwrap().starts_with("text/calendar"));
    assert_eq!(
        reqwest::get(&url).await.unwrap().headers()["referrer-policy"],
        "no-referrer",
        "the URL is the secret: never sent on as a referrer"
    );
    let cal = parse_ics(&body);
    assert_eq!(cal["version"], "2.0");
    assert_eq!(cal["timezone"], "Europe/Helsinki");
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), 5);
    // 09:00 local before and after the change to summer time.
    assert_eq!(events[0]["start"], "2027-03-22T07:00:00Z");
    assert_eq!(events[0]["end"], "2027-03-22T10:00:00Z");
    assert_eq!(events[1]["start"], "2027-04-02T06:00:00Z");
    assert!(
        events[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Klubi 1")
    );
    assert_eq!(events[0]["location"], "Hämeenkatu 1");
    assert!(
        events
            .iter()
            .all(|e| e["status"] == "CONFIRMED" && e["sequence"] == 0)
    );

    // Polling clients get 304 while nothing changed.
    let conditional = |u: String, tag: String| async move {
        reqwest::Client::new()
            .get(&u)
            .header("if-none-match", tag)
            .send()
            .await
            .unwrap()
    };
    let tag = reqwest::get(&url).await.unwrap().headers()["etag"]
        .to_str()
        .unwrap()
        .to_string();
    let res = conditional(url.clone(), tag.clone()).await;
    assert_eq!(res.status(), 304);
    assert_eq!(res.headers()["etag"].to_str().unwrap(), tag);
    // A move and a cancellation: same UIDs, SEQUENCE up, STATUS:CANCELLED.
    let meetings = c
        .coordinator
        .get(&format!("/groups/{gid}/meetings"))
        .await
        .1;
    let first = meetings["items"][0]["id"].as_str().unwrap().to_string();
    let second = meetings["items"][1]["id"].as_str().unwrap().to_string();
    c.coordinator.patch(&format!("/meetings/{first}"), json!({"starts_at": "2027-03-23T09:00:00+02:00", "ends_at": "2027-03-23T12:00:00+02:00", "reason": "Sali varattu"})).await;
    c.coordinator
        .post(
            &format!("/meetings/{second}/cancel"),
            json!({"reason": "Valmentaja sairas"}),
        )
        .await;
    let res = conditional(url.clone(), tag.clone()).await;
    assert_eq!(res.status(), 200, "changed meetings change the tag");
    assert_ne!(res.headers()["etag"].to_str().unwrap(), tag);
    let again = parse_ics(&fetch(url.clone()).await.2);
    let ev2 = again["events"].as_array().unwrap();
    let uids = |v: &[Value]| {
        v.iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(ev2), uids(events));
    assert_eq!(
        (
            ev2[0]["start"].as_str().unwrap(),
            ev2[0]["sequence"].as_i64().unwrap()
        ),
        ("2027-03-23T07:00:00Z", 1)
    );
    assert_eq!(
        (
            ev2[1]["status"].as_str().unwrap(),
            ev2[1]["sequence"].as_i64().unwrap()
        ),
        ("CANCELLED", 1)
    );

    // The outsider's own feed holds none of it; a coordinator's holds their organisation's groups.
    let outsider_url = c.outsider_coach.get("/me/calendar-feed").await.1["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        parse_ics(&fetch(outsider_url).await.2)["events"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let coord_url = c.coordinator.get("/me/calendar-feed").await.1["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        parse_ics(&fetch(coord_url).await.2)["events"]
            .as_array()
            .unwrap()
            .len(),
        5
    );

    // Rotation revokes the old URL at once.
    let (s, rotated) = c
        .partner_coach
        .post("/me/calendar-feed/rotate", json!({}))
        .await;
    assert_eq!(s, 200);
    let new_url = rotated["url"].as_str().unwrap().to_string();
    assert_ne!(new_url, url);
    assert_eq!(fetch(url).await.0, 404);
    assert_eq!(fetch(new_url).await.0, 200);
    assert_eq!(fetch(c.app.url("/api/v1/me/calendar.ics")).await.0, 404);
    assert_eq!(
        fetch(c.app.url("/api/v1/me/calendar.ics?token=guess"))
            .await
            .0,
        404
    );
    assert!(
        c.app
            .audit_actions()
            .await
            .contains(&"calendar_feed.rotate".to_string())
    );
}

/// The calendar page, the feed and the group page keep what they built until
/// the database says a group's meetings or name changed (its calendar
/// version) or the user's groups changed: every such change shows at once.
#[tokio::test]
async fn built_calendars_and_schedules_follow_every_change_at_once() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let gid = g["id"].as_str().unwrap().to_string();
    let (s, _) = c
        .coordinator
        .post(
            &format!("/groups/{gid}/schedule"),
            json!({"first_date": "2027-03-22", "weekdays": ["mon", "fri"]}),
        )
        .await;
    assert_eq!(s, 201);
    let coach = c.coach.signs_in().await;
    let feed = c.coach.get("/me/calendar-feed").await.1["url"]
        .as_str()
        .unwrap()
        .to_string();
    let ics = |u: String| async move {
        let res = reqwest::get(&u).await.unwrap();
        let tag = res.headers()["etag"].to_str().unwrap().to_string();
        (tag, parse_ics(&res.text().await.unwrap()))
    };
    let feed_before_rotation = feed.clone();
    let calendar = "/calendar?from=2027-03-22";
    let group_page = format!("/groups/{gid}");

    // Built once and served again unchanged.
    let (tag1, cal1) = ics(feed.clone()).await;
    assert_eq!(cal1["events"].as_array().unwrap().len(), 5);
    let (again, _) = ics(feed.clone()).await;
    assert_eq!(again, tag1);
    let page1 = coach.get_html(calendar).await;
    assert_eq!(page1.matches("Hämeenkatu 1").count(), 5);
    assert!(page1.contains(&feed), "the page shows the feed link");
    // The coordinator's calendar holds their organisation's groups.
    let coordinator = c.coordinator.signs_in().await;
    assert!(coordinator.get_html(calendar).await.contains("Klubi 1"));
    assert_eq!(
        coach
            .get_html(calendar)
            .await
            .matches("Hämeenkatu 1")
            .count(),
        5
    );
    assert!(coach.get_html(&group_page).await.contains("Hämeenkatu 1"));

    // A meeting changed: every view shows it at once.
    let first = c
        .coordinator
        .get(&format!("/groups/{gid}/meetings"))
        .await
        .1["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, _) = c
        .coordinator
        .patch(
            &format!("/meetings/{first}"),
            json!({"location": "Pääkirjasto Metso"}),
        )
        .await;
    assert_eq!(s, 200);
    let (tag2, cal2) = ics(feed.clone()).await;
    assert_ne!(tag2, tag1);
    assert_eq!(cal2["events"][0]["location"], "Pääkirjasto Metso");
    let page2 = coach.get_html(calendar).await;
    assert!(page2.contains("Pääkirjasto Metso"));
    assert_eq!(page2.matches("Hämeenkatu 1").count(), 4);
    assert!(
        coach
            .get_html(&group_page)
            .await
            .contains("Pääkirjasto Metso")
    );

    // The group renamed: its meetings carry the new name.
    let (s, _) = c
        .coordinator
        .patch(&format!("/groups/{gid}"), json!({"name": "Kevätklubi"}))
        .await;
    assert_eq!(s, 200);
    let (tag3, cal3) = ics(feed.clone()).await;
    assert_ne!(tag3, tag2);
    assert!(
        cal3["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["summary"].as_str().unwrap().starts_with("Kevätklubi"))
    );
    let page3 = coach.get_html(calendar).await;
    assert!(page3.contains("Kevätklubi") && !page3.contains("Klubi 1"));
    let coord3 = coordinator.get_html(calendar).await;
    assert!(coord3.contains("Kevätklubi") && !coord3.contains("Klubi 1"));

    // A new feed link shows on the page at once, the old one gone.
    let (s, rotated) = c.coach.post("/me/calendar-feed/rotate", json!({})).await;
    assert_eq!(s, 200);
    let feed = rotated["url"].as_str().unwrap().to_string();
    let page4 = coach.get_html(calendar).await;
    assert!(page4.contains(&feed) && !page4.contains(&feed_before_rotation));

    // The coach taken off the group: it leaves their calendar and feed; a new
    // group of theirs comes in.
    let (s, _) = c
        .coordinator
        .patch(
            &format!("/groups/{gid}"),
            json!({"facilitator_ids": [c.partner_coach.id]}),
        )
        .await;
    assert_eq!(s, 200);
    let (_, cal4) = ics(feed.clone()).await;
    assert!(cal4["events"].as_array().unwrap().is_empty());
    assert_eq!(
        coach
            .get_html(calendar)
            .await
            .matches("class=\"agenda-item")
            .count(),
        0
    );
    let (s, other) = c.coordinator.post("/groups", json!({"format_id": "template-tampere", "name": "Syysklubi", "facilitator_ids": [c.coach.id]}))
        .await;
    assert_eq!(s, 201, "{other}");
    let oid = other["id"].as_str().unwrap();
    let (s, _) = c
        .coordinator
        .post(
            &format!("/groups/{oid}/schedule"),
            json!({"first_date": "2027-03-23", "weekdays": ["tue"]}),
        )
        .await;
    assert_eq!(s, 201);
    let (_, cal5) = ics(feed.clone()).await;
    assert_eq!(cal5["events"].as_array().unwrap().len(), 5);
    let page5 = coach.get_html(calendar).await;
    assert!(page5.contains("Syysklubi") && !page5.contains("Kevätklubi"));
    // The partner coach still sees the renamed group with its changed meeting.
    let partner = c.partner_coach.signs_in().await;
    let p = partner.get_html(calendar).await;
    assert!(p.contains("Kevätklubi") && p.contains("Pääkirjasto Metso"));
}
