//! The referral pages as a browser without JavaScript uses them: plain forms,
//! redirects, and the roster's CSV.

use crate::helpers::*;
use crate::world::*;
use serde_json::json;

/// The owner's evening group of one seat (no facilitators, no partners) with
/// one meeting ahead; its coordinator and the owner's case manager.
struct Fx {
    w: World,
    group: String,
}

async fn setup() -> Fx {
    let w = World::new().await;
    let coordinator = w.coordinator().await;
    w.case_manager().await;
    let g = coordinator
        .starts(
            group("Iltaklubi")
                .at("Kirjasto")
                .capacity(1)
                .run_by(&[])
                .with_partners(&[]),
        )
        .await;
    let group = id_of(&g);
    coordinator
        .adds_meeting(
            &group,
            json!({"starts_at": "2031-05-06T17:00:00+03:00", "ends_at": "2031-05-06T19:00:00+03:00",
                   "kind": "regular", "theme": "interview", "location": "Kirjasto, sali 3"}),
        )
        .await;
    Fx { w, group }
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn a_case_manager_refers_without_javascript_and_keeps_what_was_typed() {
    let f = setup().await;
    let cm = f.w.case_manager().await.signs_in().await;
    let form_path = format!("/referrals/new?group={}", f.group);
    let form = cm.get_html(&form_path).await;
    assert!(
        form.contains("Asiakas on antanut luvan"),
        "the consent text is shown"
    );
    assert!(form.contains("Iltaklubi"));

    let typed = [
        ("group", f.group.as_str()),
        ("name", "Aino Asiakas"),
        ("email", "aino@example.fi"),
        ("phone", ""),
        ("language", "sv"),
        ("needs", "Haluaa harjoitella haastattelua."),
    ];
    let res = cm.post_form(&form_path, "/referrals", &typed).await;
    assert_eq!(res.status(), 422, "no consent, nothing saved");
    let page = res.text().await.unwrap();
    assert!(page.contains("ilman asiakkaan suostumusta"), "{page}");
    assert!(page.contains("value=\"Aino Asiakas\""));
    assert!(page.contains("Haluaa harjoitella haastattelua."));
    assert!(page.contains("<option value=\"sv\" selected>"));
    assert!(
        page.contains("href=\"#f-consent\""),
        "the error summary links the field"
    );

    let mut with_consent = typed.to_vec();
    with_consent.push(("consent", "yes"));
    let res = cm.post_form(&form_path, "/referrals", &with_consent).await;
    assert_eq!(res.status(), 303);
    let referral_page = location(&res);
    let shown = cm.get_html(&referral_page).await;
    assert!(shown.contains("Haluaa harjoitella haastattelua."));
    assert!(shown.contains("Odottaa päätöstä"));

    // The same person again: 409, the form says so and links the first referral.
    let res = cm.post_form(&form_path, "/referrals", &with_consent).await;
    assert_eq!(res.status(), 409);
    let page = res.text().await.unwrap();
    assert!(
        page.contains(&format!("href=\"{referral_page}\"")),
        "{page}"
    );

    let list = cm.get_html("/referrals").await;
    assert!(list.contains("Aino Asiakas") && list.contains("Odottaa päätöstä"));
}

#[tokio::test]
async fn triage_roster_csv_and_the_participants_own_withdrawal() {
    let f = setup().await;
    let cm = f.w.case_manager().await.signs_in().await;
    let form_path = format!("/referrals/new?group={}", f.group);
    for (name, email) in [
        ("=HYPERLINK(\"http://evil\")", "first@example.fi"),
        ("Bo Berg", "bo@example.fi"),
    ] {
        let res = cm
            .post_form(
                &form_path,
                "/referrals",
                &[
                    ("group", &f.group),
                    ("name", name),
                    ("email", email),
                    ("language", "fi"),
                    ("needs", "CV kuntoon."),
                    ("consent", "yes"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let coord = f.w.coordinator().await.signs_in().await;
    let triage = coord.get_html("/triage").await;
    assert!(triage.contains("Bo Berg") && triage.contains("CV kuntoon."));
    assert!(triage.contains("2 lähetettä"), "{triage}");
    // Accept both from the queue (the first takes the only seat).
    for _ in 0..2 {
        let page = coord.get_html("/triage").await;
        let action = page
            .split("action=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .find(|a| a.ends_with("/accept"))
            .unwrap()
            .to_string();
        let token = csrf_token(&page);
        let res = coord
            .post_raw(&action, &[("csrf", &token), ("back", "/triage")])
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/triage");
    }
    assert!(
        coord
            .get_html("/triage")
            .await
            .contains("Ei käsittelemättömiä")
    );

    let group_page = coord.get_html(&format!("/groups/{}", f.group)).await;
    assert!(group_page.contains("Bo Berg"));
    assert!(group_page.contains("jonossa 1."), "{group_page}");

    let csv = coord.get(&format!("/groups/{}/roster.csv", f.group)).await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = csv.bytes().await.unwrap();
    assert_eq!(
        &bytes[..3],
        b"\xEF\xBB\xBF",
        "a BOM so that Excel reads UTF-8"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "Nimi");
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0][0], "'=HYPERLINK(\"http://evil\")",
        "formula neutralised"
    );
    assert_eq!(rows[0][1], "Ryhmässä");
    assert_eq!(rows[1][0], "Bo Berg");
    assert_eq!(rows[1][2], "1");
    // Not for the case manager.
    assert_eq!(
        cm.get(&format!("/groups/{}/roster.csv", f.group))
            .await
            .status(),
        403
    );

    // The first participant uses the invitation link from their mail and then
    // says they cannot come after all: Bo gets the seat.
    let body = f.w.app.mail_texts_to("first@example.fi").await.remove(0);
    let link = find_link(&body[body.find("/link/").unwrap() - 30..]);
    let link = &link[link.find("http").unwrap()..];
    let path = link.strip_prefix(&f.w.app.base).unwrap();
    let p = f.w.app.browser();
    let res = p
        .post_form(
            path,
            path,
            &[
                ("password", "a brand new passphrase"),
                ("password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let home = p.get_html("/").await;
    assert!(
        home.contains("Iltaklubi") && home.contains("Kirjasto, sali 3"),
        "{home}"
    );
    assert!(
        home.contains("Työpaikkailmoitus"),
        "what to bring to an interview meeting"
    );
    let withdraw = format!("/my/groups/{}/withdraw", f.group);
    assert!(home.contains(&withdraw));
    let res = p
        .post_form(&withdraw, &withdraw, &[("reason", "Sain töitä!")])
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        p.get_html("/")
            .await
            .contains("Et ole vielä missään ryhmässä")
    );
    let group_page = coord.get_html(&format!("/groups/{}", f.group)).await;
    let bo = group_page.find("Bo Berg").unwrap();
    assert!(
        group_page[bo..].contains("Ryhmässä"),
        "Bo moved into the seat"
    );
    // Someone else's group: 404.
    assert_eq!(p.get(&withdraw).await.status(), 404);
}

#[tokio::test]
async fn a_participant_without_email_gets_a_printed_code_and_signs_in_by_phone() {
    let f = setup().await;
    let cm = f.w.case_manager().await.signs_in().await;
    let form_path = format!("/referrals/new?group={}", f.group);
    let res = cm
        .post_form(
            &form_path,
            "/referrals",
            &[
                ("group", &f.group),
                ("name", "Ville Puhelin"),
                ("phone", "040 765 4321"),
                ("language", "fi"),
                ("needs", "Ei sähköpostia."),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let coord = f.w.coordinator().await.signs_in().await;
    let referral = location(&res);
    let res = coord
        .post_form(&referral, &format!("{referral}/accept"), &[])
        .await;
    assert_eq!(res.status(), 303);
    let group_page = coord.get_html(&format!("/groups/{}", f.group)).await;
    assert!(group_page.contains("Ei sähköpostia: anna kutsu paperilla."));
    let participant = group_page
        .split("/roster/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap()
        .to_string();
    let print = format!("/groups/{}/roster/{participant}/print", f.group);
    let code_of = |html: &str| {
        let start = html.find("class=\"code\">").expect("a code on the page") + 13;
        html[start..].split('<').next().unwrap().to_string()
    };
    let first = code_of(
        &coord
            .post_form(&format!("/groups/{}", f.group), &print, &[])
            .await
            .text()
            .await
            .unwrap(),
    );
    let page = coord
        .post_form(&format!("/groups/{}", f.group), &print, &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Ville Puhelin") && page.contains("Kirjasto, sali 3"));
    assert!(page.contains(&format!("{}/code", f.w.app.base)));
    let code = code_of(&page);
    assert_eq!(code.len(), 14, "{code}");
    assert_ne!(code, first);

    let p = f.w.app.browser();
    let res = p.post_form("/code", "/code", &[("code", &first)]).await;
    assert_eq!(res.status(), 422, "printing again replaced the first code");
    assert!(res.text().await.unwrap().contains("Koodi ei kelpaa"));
    let typed = code.to_lowercase().replace('-', " ");
    let res = p.post_form("/code", "/code", &[("code", &typed)]).await;
    assert_eq!(res.status(), 303);
    let link = location(&res);
    assert!(link.starts_with("/link/"));
    let page = p.get_html(&link).await;
    assert!(
        page.contains("+358407654321"),
        "the page says what to sign in with"
    );
    let res = p
        .post_form(
            &link,
            &link,
            &[
                ("password", "villen salasana 1"),
                ("password_confirm", "villen salasana 1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        f.w.app
            .browser()
            .post_form("/code", "/code", &[("code", &code)])
            .await
            .status(),
        422,
        "single use"
    );
    let again = f.w.app.browser();
    assert_eq!(
        again
            .login("040 765 4321", "villen salasana 1")
            .await
            .status(),
        303
    );
    assert!(again.get_html("/").await.contains("Iltaklubi"));
}
