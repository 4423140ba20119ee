//! The attendance and compensation pages as a browser uses them: a tap as a
//! plain form (redirect, undo on the row) and as htmx (the row back with the
//! count out of band), a participant's "I can't come", and the coordinator's
//! approval and reopening with a reason.

use crate::helpers::*;
use crate::world::*;
use serde_json::json;

/// A group of the owner's with one past and one future meeting, its coach,
/// and Aino, referred by the owner's case manager and accepted.
struct Fx {
    w: World,
    group: String,
    past: String,
    future: String,
    participant: String,
}

async fn setup() -> Fx {
    let w = World::new().await;
    let coordinator = w.coordinator().await;
    let g = coordinator
        .starts(
            group("Aamuklubi")
                .at("Kirjasto")
                .run_by(&[w.coach().await])
                .with_partners(&[])
                .paying(json!(900)),
        )
        .await;
    let group = id_of(&g);
    let in_the_library = |starts_at: &str, ends_at: &str| {
        json!({"starts_at": starts_at, "ends_at": ends_at, "kind": "regular",
               "theme": "cv", "location": "Kirjasto"})
    };
    let past = coordinator
        .adds_meeting(
            &group,
            in_the_library("2026-10-05T09:00:00+03:00", "2026-10-05T12:00:00+03:00"),
        )
        .await;
    let future = coordinator
        .adds_meeting(
            &group,
            in_the_library("2031-05-06T09:00:00+03:00", "2031-05-06T12:00:00+03:00"),
        )
        .await;
    let r = w
        .case_manager()
        .await
        .refers(&group, "Aino Asiakas", "aino@example.fi")
        .await;
    coordinator.accepts(&r).await;
    Fx {
        participant: r["participant_id"].as_str().unwrap().to_string(),
        w,
        group,
        past,
        future,
    }
}

#[tokio::test]
async fn a_tap_works_as_a_plain_form_and_with_htmx_with_an_undo() {
    let f = setup().await;
    let coach = f.w.coach().await.signs_in().await;
    let sheet = format!("/meetings/{}/attendance", f.past);
    let html = coach.get_html(&sheet).await;
    assert!(html.contains("Aino Asiakas"));
    assert!(html.contains("Odotetaan 1 / 1 · merkitty 0"), "{html}");

    // Without JavaScript: a redirect back to the sheet, the undo on the row.
    let res = coach
        .post_form(
            &sheet,
            &sheet,
            &[("participant", &f.participant), ("status", "late")],
        )
        .await;
    assert_eq!(res.status(), 303, "post/redirect/get");
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("was=unmarked"), "{to}");
    let html = coach.get_html(&to).await;
    assert!(
        html.contains(r#"value="late" class="mark-button mark-button-late" aria-pressed="true""#),
        "{html}"
    );
    assert!(
        html.contains("Aino Asiakas: Myöhässä."),
        "the undo says what was done"
    );
    assert!(
        html.contains("name=\"status\" value=\"unmarked\""),
        "the undo restores no mark"
    );

    // With htmx: only the row, and the count out of band.
    let token = csrf_token(&html);
    let res = coach
        .client
        .post(format!("{}{sheet}", coach.base))
        .header("origin", &coach.base)
        .header("hx-request", "true")
        .form(&[
            ("csrf", token.as_str()),
            ("participant", &f.participant),
            ("status", "absent"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let frag = res.text().await.unwrap();
    assert!(
        frag.trim_start().starts_with("<li"),
        "a fragment, not a page: {frag}"
    );
    assert!(!frag.contains("<html"));
    assert!(
        frag.contains("hx-swap-oob=\"true\">Odotetaan 0 / 1 · merkitty 1"),
        "{frag}"
    );
    assert!(
        frag.contains("name=\"status\" value=\"late\""),
        "undo goes back to late"
    );
    assert!(
        frag.contains("data-autofocus"),
        "focus returns to the pressed button"
    );

    // The undo is one more tap.
    let res = coach
        .post_form(
            &sheet,
            &sheet,
            &[("participant", &f.participant), ("status", "late")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let aino = f.w.person(&f.participant, "aino@example.fi").await;
    let mine = aino.reads("/me/attendance").await;
    let shown: Vec<&str> = mine["items"][0]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(shown, vec!["late", "-"], "{mine}");

    // Someone who is not in the group: 422.
    let res = coach
        .post_form(
            &sheet,
            &sheet,
            &[("participant", "nobody"), ("status", "present")],
        )
        .await;
    assert_eq!(res.status(), 422);
}

#[tokio::test]
async fn a_participant_says_they_cannot_come_and_the_coach_sees_it() {
    let f = setup().await;
    // Aino sets her password through the invitation in her mail.
    let body = f.w.app.mail_texts_to("aino@example.fi").await.remove(0);
    let link = find_link(&body[body.find("/link/").unwrap() - 30..]);
    let path = link[link.find("http").unwrap()..]
        .strip_prefix(&f.w.app.base)
        .unwrap()
        .to_string();
    let aino = f.w.app.browser();
    let res = aino
        .post_form(
            &path,
            &path,
            &[
                ("password", "aamukahvi ja pulla"),
                ("password_confirm", "aamukahvi ja pulla"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = aino.get_html("/my/attendance").await;
    assert!(page.contains("En pääse tähän tapaamiseen"), "{page}");
    let long = "x".repeat(501);
    let action = format!("/meetings/{}/absence", f.future);
    let res = aino
        .post_form("/my/attendance", &action, &[("reason", &long)])
        .await;
    assert_eq!(res.status(), 422, "too long a reason is refused and kept");
    let page = res.text().await.unwrap();
    assert!(page.contains("liian pitkä"), "{page}");
    let res = aino
        .post_form("/my/attendance", &action, &[("reason", "Lääkäriaika")])
        .await;
    assert_eq!(res.status(), 303);
    let coach = f.w.coach().await.signs_in().await;
    let sheet = coach
        .get_html(&format!("/meetings/{}/attendance", f.future))
        .await;
    assert!(
        sheet.contains("Ilmoitti etukäteen, ettei pääse: Lääkäriaika"),
        "{sheet}"
    );
    assert!(sheet.contains("Odotetaan 0 / 1"), "{sheet}");
    // Taken back: expected again.
    let res = aino
        .post_form("/my/attendance", &format!("{action}/cancel"), &[])
        .await;
    assert_eq!(res.status(), 303);
    let sheet = coach
        .get_html(&format!("/meetings/{}/attendance", f.future))
        .await;
    assert!(sheet.contains("Odotetaan 1 / 1"), "{sheet}");
}

#[tokio::test]
async fn the_coordinator_approves_locks_and_reopens_with_a_reason() {
    let f = setup().await;
    let coach = f.w.coach().await.signs_in().await;
    let sheet = format!("/meetings/{}/attendance", f.past);
    coach
        .post_form(
            &sheet,
            &sheet,
            &[("participant", &f.participant), ("status", "present")],
        )
        .await;
    let coord = f.w.coordinator().await.signs_in().await;
    let page = format!("/groups/{}/compensation", f.group);
    let html = coord.get_html(&page).await;
    assert!(
        html.contains("9,00\u{a0}€"),
        "one meeting at 9,00 €: {html}"
    );
    let res = coord
        .post_form(&page, &format!("{page}/approve"), &[])
        .await;
    assert_eq!(res.status(), 303);
    let html = coord.get_html(&page).await;
    assert!(html.contains("Versio 1 hyväksytty"), "{html}");

    // Locked: the coach's sheet says so and a tap is refused with a message.
    let locked = coach.get_html(&sheet).await;
    assert!(locked.contains("on hyväksytty"), "{locked}");
    let res = coach
        .post_raw(
            &sheet,
            &[
                ("csrf", csrf_token(&locked).as_str()),
                ("participant", &f.participant),
                ("status", "absent"),
            ],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("hyväksytty ja lukittu"));

    // Reopening needs a reason: a blank one is refused.
    let res = coord
        .post_form(&page, &format!("{page}/reopen"), &[("reason", " ")])
        .await;
    assert_eq!(res.status(), 422);
    let res = coord
        .post_form(
            &page,
            &format!("{page}/reopen"),
            &[("reason", "Väärä merkintä")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = coord.get_html(&page).await;
    assert!(
        html.contains("Väärä merkintä"),
        "the reason shows with version 1: {html}"
    );
    assert!(html.contains("/compensation/versions/1.csv"));
    let csv = coord
        .get(&format!("/groups/{}/compensation/versions/1.csv", f.group))
        .await;
    assert_eq!(csv.status(), 200);
    let body = csv.text().await.unwrap();
    assert!(body.contains("Aino Asiakas;"), "{body}");
    assert!(body.contains(";9,00;900"), "{body}");

    // The report page has the chart and the attendance rate.
    let report = coord.get_html(&format!("/groups/{}/report", f.group)).await;
    assert!(report.contains("<svg role=\"img\""), "{report}");
    assert!(report.contains("Läsnäoloaste"));
    // The month page sums October.
    let month = coord.get_html("/compensation?month=2026-10").await;
    assert!(
        month.contains("Aamuklubi") && month.contains("9,00\u{a0}€"),
        "{month}"
    );
    let bad = coord.get("/compensation?month=lokakuu").await;
    assert_eq!(bad.status(), 422);
}
