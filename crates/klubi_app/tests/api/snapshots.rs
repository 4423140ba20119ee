//! What leaves Klubi as a file or a mail, kept whole as committed snapshots
//! (tests/api/snapshots/): the roster CSV, a group's compensation CSV, an
//! organisation's month CSV, the iCalendar feed, and one mail of each kind.
//! A change to any of them shows in review as a change to a `.snap` file.
//!
//! The test clock fixes the dates; what is still random per run (ids, secret
//! tokens, the port in links, the moment a feed was built) is replaced by a
//! name before the comparison, so both databases give the same snapshots.

use crate::helpers::*;
use crate::world::*;
use serde_json::json;

/// Replaces what differs per run: the app's address, secret link tokens,
/// the known ids by their names, any other id by `<id N>` (N in order of
/// first appearance), and feed build times.
fn normalise(text: &str, app: &TestApp, names: &[(&str, &str)]) -> String {
    let host = app.base.trim_start_matches("http://");
    let mut t = text
        .replace("\r\n", "\n")
        .replace(&app.base, "http://klubi.test")
        .replace(host, "klubi.test");
    for (id, name) in names {
        t = t.replace(id, &format!("<{name}>"));
    }
    for marker in ["/link/", "token="] {
        let mut out = String::new();
        let mut rest = t.as_str();
        while let Some(i) = rest.find(marker) {
            out.push_str(&rest[..i + marker.len()]);
            let after = &rest[i + marker.len()..];
            let end = after
                .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
                .unwrap_or(after.len());
            out.push_str("<secret>");
            rest = &after[end..];
        }
        out.push_str(rest);
        t = out;
    }
    // Other ids: UUIDv7 in 32 hex digits.
    let mut seen: Vec<String> = vec![];
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            .count();
        let bounded = (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
            && chars
                .get(i + run)
                .is_none_or(|c| !c.is_ascii_alphanumeric());
        if run == 32 && bounded {
            let id: String = chars[i..i + 32].iter().collect();
            let n = seen.iter().position(|s| *s == id).unwrap_or_else(|| {
                seen.push(id.clone());
                seen.len() - 1
            });
            out.push_str(&format!("<id {}>", n + 1));
            i += 32;
        } else if run > 0 {
            out.extend(&chars[i..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    // When a feed was built runs on with the clock: its stamp is no content.
    out.lines()
        .map(|l| match l.split_once(':') {
            Some((key, _)) if ["DTSTAMP", "CREATED", "LAST-MODIFIED"].contains(&key) => {
                format!("{key}:<built>")
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A group of the owner's with two participants and two meetings, marked and
/// paid; a third participant waits for a seat.
#[tokio::test]
async fn the_exports_are_as_committed() {
    let w = World::new().await;
    let (coordinator, coach, cm) = (
        w.coordinator().await,
        w.coach().await,
        w.case_manager().await,
    );
    let g = coordinator
        .starts(
            group("Syysklubi")
                .at("Hämeenkatu 1")
                .capacity(2)
                .run_by(&[coach])
                .paying(json!(900)),
        )
        .await;
    let g = id_of(&g);
    let first = coordinator
        .adds_meeting(&g, morning("2026-10-05", "regular", "cv"))
        .await;
    let second = coordinator
        .adds_meeting(
            &g,
            meeting(
                "2026-11-02T09:00:00+02:00",
                "2026-11-02T12:00:00+02:00",
                "guest_visit",
                "interview",
            ),
        )
        .await;
    let ahead = coordinator
        .adds_meeting(
            &g,
            meeting(
                "2026-12-07T09:00:00+02:00",
                "2026-12-07T12:00:00+02:00",
                "excursion",
                "job_ads",
            ),
        )
        .await;
    let aino = w.enrols(cm, &g, "Aino Aaltonen", "aino@example.fi").await;
    let bo = w.enrols(cm, &g, "=Bo Berg", "bo@example.fi").await;
    let cilla = cm.refers(&g, "Cilla Carlsson", "cilla@example.fi").await;
    assert_eq!(coordinator.accepts(&cilla).await["status"], "waitlisted");
    coach
        .marks(&first, &[(&aino, Some("present")), (&bo, Some("late"))])
        .await;
    coach
        .marks(&second, &[(&aino, Some("absent")), (&bo, Some("present"))])
        .await;
    let names = [
        (aino.as_str(), "aino"),
        (bo.as_str(), "bo"),
        (cilla["participant_id"].as_str().unwrap(), "cilla"),
        (g.as_str(), "group"),
        (first.as_str(), "first meeting"),
        (second.as_str(), "second meeting"),
        (ahead.as_str(), "meeting ahead"),
    ];
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");

    let roster = coordinator
        .signs_in()
        .await
        .get(&format!("/groups/{g}/roster.csv"))
        .await;
    assert_eq!(roster.status(), 200);
    let roster = text(roster.bytes().await.unwrap().to_vec());
    insta::assert_snapshot!("roster_csv", normalise(&roster, &w.app, &names));

    let group_csv = text(
        coordinator
            .downloads(&format!("/groups/{g}/compensation.csv"), "text/csv")
            .await,
    );
    insta::assert_snapshot!(
        "group_compensation_csv",
        normalise(&group_csv, &w.app, &names)
    );

    let owner = &w.owner().await.id;
    let month_csv = text(
        coordinator
            .downloads(
                &format!("/organisations/{owner}/compensation.csv?month=2026-11"),
                "text/csv",
            )
            .await,
    );
    insta::assert_snapshot!(
        "organisation_month_csv",
        normalise(&month_csv, &w.app, &names)
    );

    let feed = coach.reads("/me/calendar-feed").await["url"]
        .as_str()
        .unwrap()
        .to_string();
    let res = reqwest::get(&feed).await.unwrap();
    assert_eq!(res.status(), 200);
    let ics = res.text().await.unwrap();
    insta::assert_snapshot!("calendar_feed_ics", normalise(&ics, &w.app, &names));
}

/// The one mail queued to `to` whose subject has `about` in it: who, which
/// language, subject and body.
async fn mail(w: &World, to: &str, about: &str) -> String {
    let all = w.app.outbox_to(to).await;
    let found: Vec<_> = all.iter().filter(|m| m.subject.contains(about)).collect();
    let subjects: Vec<_> = all.iter().map(|m| &m.subject).collect();
    assert_eq!(
        found.len(),
        1,
        "one mail to {to} about {about:?}: {subjects:?}"
    );
    let m = found[0];
    format!(
        "To: {} <{}>\nLanguage: {}\nSubject: {}\n\n{}",
        m.to_name, m.to_address, m.language, m.subject, m.body_text
    )
}

#[tokio::test]
async fn every_kind_of_mail_is_as_committed() {
    let w = World::new().await;
    let admin = w.admin().await;
    let (coordinator, coach) = (w.coordinator().await, w.coach().await);
    let cm = w.partner_case_manager().await;
    let owner = w.owner().await.id.clone();

    // An invitation to a new member of staff.
    let (s, v) = admin
        .post(
            "/users",
            json!({"email": "nea@x.fi", "name": "Nea Valmentaja", "organisation_id": owner,
                   "roles": ["coach"], "language": "fi"}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    // A new password asked for on the sign-in page.
    let res = w
        .app
        .browser()
        .post_form(
            "/password/forgot",
            "/password/forgot",
            &[("email", &coach.email)],
        )
        .await;
    assert_eq!(res.status(), 200);

    // A group of two seats meeting twice ahead: Aino and Bo get seats, Cilla
    // waits; Bo withdraws, so Cilla is promoted; Daniel's referral is declined.
    let g = coordinator
        .starts(
            group("Kevätklubi")
                .at("Hämeenkatu 1")
                .capacity(2)
                .run_by(&[coach])
                .with_partners(&[w.partner().await]),
        )
        .await;
    let g = id_of(&g);
    let next = coordinator
        .adds_meeting(
            &g,
            meeting(
                "2026-11-25T09:00:00+02:00",
                "2026-11-25T12:00:00+02:00",
                "regular",
                "cv",
            ),
        )
        .await;
    let after = coordinator
        .adds_meeting(
            &g,
            meeting(
                "2026-12-02T09:00:00+02:00",
                "2026-12-02T12:00:00+02:00",
                "guest_visit",
                "interview",
            ),
        )
        .await;
    let aino = w.enrols(cm, &g, "Aino Aaltonen", "aino@example.fi").await;
    let bo = w.enrols(cm, &g, "Bo Berg", "bo@example.fi").await;
    let cilla = cm.refers(&g, "Cilla Carlsson", "cilla@example.fi").await;
    assert_eq!(coordinator.accepts(&cilla).await["status"], "waitlisted");
    let daniel = cm.refers(&g, "Daniel Dahl", "daniel@example.fi").await;
    let (s, v) = coordinator
        .post(
            &format!("/referrals/{}/decline", id_of(&daniel)),
            json!({"reason": "Ryhmän aikataulu ei sovi."}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let (s, v) = w
        .person(&bo, "bo@example.fi")
        .await
        .post(
            &format!("/groups/{g}/enrolments/{bo}/withdraw"),
            json!({"reason": "Sai työpaikan."}),
        )
        .await;
    assert_eq!(s, 200, "{v}");

    // Aino misses both meetings without a word: her case manager is told of
    // the first; the second is escalated to the coordinator.
    w.app.clock.advance(2 * 24 * 3600);
    coach.marks(&next, &[(&aino, Some("absent"))]).await;
    w.app.clock.advance(601);
    w.app.jobs_done().await;
    w.app.clock.advance(7 * 24 * 3600);
    coach.marks(&after, &[(&aino, Some("absent"))]).await;
    w.app.clock.advance(601);
    w.app.jobs_done().await;

    let names = [
        (aino.as_str(), "aino"),
        (bo.as_str(), "bo"),
        (g.as_str(), "group"),
    ];
    for (name, to, about) in [
        ("mail_invitation", "nea@x.fi", "Kutsu"),
        ("mail_password_reset", coach.email.as_str(), "salasana"),
        ("mail_seat", "aino@example.fi", "Tervetuloa"),
        ("mail_waiting_list", "cilla@example.fi", "jonossa"),
        ("mail_promoted", "cilla@example.fi", "vapautui"),
        ("mail_declined", cm.email.as_str(), "ei hyväksytty"),
        ("mail_client_withdrew", cm.email.as_str(), "Bo Berg"),
        ("mail_client_promoted", cm.email.as_str(), "sai paikan"),
        ("mail_no_show", cm.email.as_str(), "oli poissa"),
        (
            "mail_no_show_escalated",
            coordinator.email.as_str(),
            "jälleen",
        ),
    ] {
        insta::assert_snapshot!(name, normalise(&mail(&w, to, about).await, &w.app, &names));
    }
}
