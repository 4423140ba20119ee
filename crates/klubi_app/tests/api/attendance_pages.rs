//! The attendance and compensation pages as a browser uses them: a tap as a
//! plain form (redirect, undo on the row) and as htmx (the row back with the
//! count out of band), a participant's "I can't come", and the coordinator's
//! approval and reopening with a reason.

use crate::helpers::*;
use klubi_domain::roles::Role;
use reqwest::Method;
use serde_json::json;

struct Fx {
    app: TestApp,
    group: String,
    past: String,
    future: String,
    participant: String,
}

async fn setup() -> Fx {
    let app = spawn_app().await;
    let owner = app.create_org("Tampereen työllisyys").await;
    let coord = app
        .create_user("coord@a.fi", Some(&owner), &[Role::Coordinator])
        .await;
    let coach = app
        .create_user("coach@a.fi", Some(&owner), &[Role::Coach])
        .await;
    let cm = app
        .create_user("cm@a.fi", Some(&owner), &[Role::CaseManager])
        .await;
    let token = app.token_for(&coord).await;
    let (s, g) = app
        .call(
            Method::POST,
            "/groups",
            &token,
            Some(
                json!({"format_id": "template-tampere", "name": "Aamuklubi", "location": "Kirjasto",
                        "facilitator_ids": [coach], "partner_organisation_ids": [],
                        "compensation_cents_per_meeting": 900}),
            ),
        )
        .await;
    assert_eq!(s, 201, "{g}");
    let group = g["id"].as_str().unwrap().to_string();
    let meeting = |start: &'static str, end: &'static str| {
        let (app, token, group) = (&app, token.clone(), group.clone());
        async move {
            let (s, m) = app
                .call(
                    Method::POST,
                    &format!("/groups/{group}/meetings"),
                    &token,
                    Some(
                        json!({"starts_at": start, "ends_at": end, "kind": "regular",
                                "theme": "cv", "location": "Kirjasto"}),
                    ),
                )
                .await;
            assert_eq!(s, 201, "{m}");
            m["id"].as_str().unwrap().to_string()
        }
    };
    let past = meeting("2026-10-05T09:00:00+03:00", "2026-10-05T12:00:00+03:00").await;
    let future = meeting("2031-05-06T09:00:00+03:00", "2031-05-06T12:00:00+03:00").await;
    let cm_token = app.token_for(&cm).await;
    let (s, r) = app
        .call(
            Method::POST,
            "/referrals",
            &cm_token,
            Some(json!({"group_id": group, "participant": {"name": "Aino Asiakas", "email": "aino@example.fi"},
                        "needs": "Työnhaun tuki.", "consent": true})),
        )
        .await;
    assert_eq!(s, 201, "{r}");
    let (s, _) = app
        .call(
            Method::POST,
            &format!("/referrals/{}/accept", r["id"].as_str().unwrap()),
            &token,
            None,
        )
        .await;
    assert_eq!(s, 200);
    Fx {
        participant: r["participant_id"].as_str().unwrap().to_string(),
        app,
        group,
        past,
        future,
    }
}

#[tokio::test]
async fn a_tap_works_as_a_plain_form_and_with_htmx_with_an_undo() {
    let f = setup().await;
    let coach = f.app.signed_in("coach@a.fi").await;
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
    let api = f.app.token_for(&f.participant).await;
    let (_, mine) = f.app.call(Method::GET, "/me/attendance", &api, None).await;
    let shown: Vec<&str> = mine["items"][0]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(shown, vec!["late", "-"], "{mine}");

    // Someone who is not in the group: 422 with htmx gets the row's message.
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
    let pool = f.app.raw_pool().await;
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE to_address = 'aino@example.fi' ORDER BY created_at LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    let link = find_link(&body[body.find("/link/").unwrap() - 30..]);
    let path = link[link.find("http").unwrap()..]
        .strip_prefix(&f.app.base)
        .unwrap()
        .to_string();
    let aino = f.app.browser();
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
    let coach = f.app.signed_in("coach@a.fi").await;
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
    let coach = f.app.signed_in("coach@a.fi").await;
    let sheet = format!("/meetings/{}/attendance", f.past);
    coach
        .post_form(
            &sheet,
            &sheet,
            &[("participant", &f.participant), ("status", "present")],
        )
        .await;
    let coord = f.app.signed_in("coord@a.fi").await;
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

    // Reopening needs a reason; what was typed is kept.
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

    // The report page has the chart and the same number in its table.
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
