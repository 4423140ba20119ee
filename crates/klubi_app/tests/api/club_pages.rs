//! The club pages as a browser without JavaScript uses them: forms, errors
//! that keep what was typed, 404 for outsiders.

use crate::helpers::*;
use crate::world::*;

/// The owner's coordinator, signed in; the owner's coach, the partner's case
/// manager and the outsider's coach exist.
struct Setup {
    w: World,
    coordinator: Browser,
    coach_id: String,
    partner: String,
}

async fn setup() -> Setup {
    let w = World::new().await;
    let coach_id = w.coach().await.id.clone();
    w.partner_case_manager().await;
    w.outsider_coach().await;
    Setup {
        coordinator: w.coordinator().await.signs_in().await,
        partner: w.partner().await.id.clone(),
        coach_id,
        w,
    }
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

/// Makes a group through the form; returns its path.
async fn make_group(s: &Setup) -> String {
    let res = s
        .coordinator
        .post_form(
            "/groups/new",
            "/groups",
            &[
                ("format", "template-tampere"),
                ("name", "Kevään klubi"),
                ("location", "Hämeenkatu 1"),
                ("capacity", ""),
                ("compensation_mode", "default"),
                ("status", "open"),
                ("partners", &s.partner),
                ("facilitators", &s.coach_id),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let path = location(&res);
    assert!(path.starts_with("/groups/"), "{path}");
    path
}

#[tokio::test]
async fn a_group_is_made_and_scheduled_through_the_forms() {
    let s = setup().await;
    let path = make_group(&s).await;
    let html = s.coordinator.get_html(&path).await;
    assert!(
        html.contains("Kevään klubi")
            && html.contains("Polku Oy")
            && html.contains("Test coach@a.fi")
    );
    assert!(html.contains("9,00\u{a0}€"), "the format's compensation");

    // Mondays and Fridays over Easter 2027: Good Friday and Easter Monday are named as skipped.
    let res = s
        .coordinator
        .post_form(
            &path,
            &format!("{path}/schedule"),
            &[
                ("first_date", "22.3.2027"),
                ("weekdays", "mon"),
                ("weekdays", "fri"),
                ("start_time", "9.00"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = s.coordinator.get_html(&path).await;
    assert_eq!(html.matches("class=\"agenda-item").count(), 5);
    assert!(
        html.contains("maanantai 22.3.2027 · 9.00–12.00"),
        "local time before the DST change"
    );
    assert!(
        html.contains("perjantai 2.4.2027 · 9.00–12.00"),
        "and after it"
    );
    assert!(
        html.contains("Pitkäperjantai") && html.contains("2. pääsiäispäivä"),
        "skipped holidays are named"
    );
    // The form is gone once the schedule exists; a second try is a conflict.
    assert!(!html.contains(&format!("action=\"{path}/schedule\"")));
    let res = s
        .coordinator
        .post_form(
            &path,
            &format!("{path}/schedule"),
            &[
                ("first_date", "2027-05-03"),
                ("weekdays", "tue"),
                ("start_time", "9:00"),
            ],
        )
        .await;
    assert_eq!(res.status(), 409);

    // The calendar of a facilitator lists the meetings in those weeks.
    let coach = s.w.coach().await.signs_in().await;
    let cal = coach.get_html("/calendar?from=2027-03-22").await;
    assert_eq!(
        cal.matches("class=\"agenda-item").count(),
        5,
        "all five fall in the four weeks from 22.3."
    );
    assert!(cal.contains("Viikko 12") && cal.contains("Viikko 15"));
    let later = coach.get_html("/calendar?from=2027-04-12").await;
    assert_eq!(
        later.matches("class=\"agenda-item").count(),
        1,
        "the week of 12.4. on"
    );
    let today = coach.get_html("/calendar").await;
    assert!(today.contains("aria-current=\"date\""), "today is marked");
}

#[tokio::test]
async fn forms_keep_what_was_typed_and_name_each_problem() {
    let s = setup().await;
    let res = s
        .coordinator
        .post_form(
            "/groups/new",
            "/groups",
            &[
                ("format", ""),
                ("name", "K"),
                ("location", "Kirjasto"),
                ("capacity", "kymmenen"),
                ("compensation_mode", "rate"),
                ("compensation", "9,999"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for field in ["#f-capacity", "#f-compensation"] {
        assert!(
            html.contains(&format!("href=\"{field}\"")),
            "{field} in the summary"
        );
    }
    assert!(
        html.contains("value=\"Kirjasto\"") && html.contains("value=\"kymmenen\""),
        "input kept"
    );
    // The domain's problems too, once the numbers read.
    let res = s
        .coordinator
        .post_form(
            "/groups/new",
            "/groups",
            &[("format", "nope"), ("name", "K"), ("capacity", "500")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for field in ["#f-name", "#f-format", "#f-capacity"] {
        assert!(
            html.contains(&format!("href=\"{field}\"")),
            "{field} in the summary: {html}"
        );
    }
    assert!(html.contains("Valitse klubimalli."));

    // The format editor: a bad row names its index, and the typed rows stay.
    let res = s
        .coordinator
        .post_form(
            "/formats/new",
            "/formats",
            &[
                ("name", "Oma"),
                ("capacity", "8"),
                ("min_attendance", "1"),
                ("facilitators", "1"),
                ("compensation", ""),
                ("default_start_time", "10.00"),
                ("meetings[0].theme", "cv"),
                ("meetings[0].title", ""),
                ("meetings[0].duration_minutes", "120"),
                ("meetings[1].theme", ""),
                ("meetings[1].title", ""),
                ("meetings[1].duration_minutes", ""),
                ("meetings[2].theme", "other"),
                ("meetings[2].title", ""),
                ("meetings[2].duration_minutes", "5"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("href=\"#f-meetings[1].duration_minutes\"")
            && html.contains("href=\"#f-meetings[1].title\""),
        "{html}"
    );
    assert!(html.contains("value=\"120\""));
    let res = s
        .coordinator
        .post_form(
            "/formats/new",
            "/formats",
            &[
                ("name", "Oma"),
                ("capacity", "8"),
                ("min_attendance", "1"),
                ("facilitators", "1"),
                ("compensation", "7,50"),
                ("default_start_time", "10.00"),
                ("meetings[0].theme", "cv"),
                ("meetings[0].title", ""),
                ("meetings[0].duration_minutes", "120"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = s.coordinator.get_html(&location(&res)).await;
    assert!(page.contains("7,50\u{a0}€") && page.contains("Oma"));
}

#[tokio::test]
async fn capacity_below_the_enrolled_is_refused_on_the_page_with_why() {
    let s = setup().await;
    let path = make_group(&s).await;
    let id = path.trim_start_matches("/groups/");
    let pool = s.w.app.raw_pool().await;
    for i in 0..2 {
        let p =
            s.w.app
                .create_account(
                    &format!("p{i}@x.fi"),
                    None,
                    &[],
                    klubi_domain::roles::AccountKind::Participant,
                    klubi_domain::people::Language::Fi,
                )
                .await;
        sqlx::query("INSERT INTO enrolments (id, group_id, participant_id, status, created_at, updated_at) VALUES ($1, $2, $3, 'enrolled', 0, 0)")
            .bind(format!("e{i}"))
            .bind(id.to_string())
            .bind(p)
            .execute(&pool)
            .await
            .unwrap();
    }
    let fields = |cap: &'static str| {
        vec![
            ("name", "Kevään klubi"),
            ("location", "Hämeenkatu 1"),
            ("capacity", cap),
            ("compensation", "9,00"),
            ("status", "open"),
        ]
    };
    let res = s
        .coordinator
        .post_form(&format!("{path}/edit"), &path, &fields("1"))
        .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("Paikkoja ei voi olla vähemmän kuin ryhmään on jo otettu osallistujia."));
    assert!(html.contains("value=\"1\""), "what was typed stays");
    let res = s
        .coordinator
        .post_form(&format!("{path}/edit"), &path, &fields("2"))
        .await;
    assert_eq!(res.status(), 303);
    assert!(s.coordinator.get_html(&path).await.contains("2 / 2"));
}

#[tokio::test]
async fn meetings_move_and_cancel_with_a_reason_and_outsiders_see_nothing() {
    let s = setup().await;
    let path = make_group(&s).await;
    let res = s
        .coordinator
        .post_form(
            &path,
            &format!("{path}/meetings"),
            &[
                ("date", "2027-02-03"),
                ("start", "9:00"),
                ("end", "12:00"),
                ("kind", "excursion"),
                ("theme", "job_ads"),
                ("title", ""),
                ("location", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422, "an excursion needs a place");
    assert!(res.text().await.unwrap().contains("href=\"#f-location\""));
    let res = s
        .coordinator
        .post_form(
            &path,
            &format!("{path}/meetings"),
            &[
                ("date", "2027-02-03"),
                ("start", "12:00"),
                ("end", "11:00"),
                ("kind", "regular"),
                ("theme", "cv"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Tapaamisen pitää päättyä alkamisen jälkeen.")
    );
    let res = s
        .coordinator
        .post_form(
            &path,
            &format!("{path}/meetings"),
            &[
                ("date", "2027-02-03"),
                ("start", "9:00"),
                ("end", "12:00"),
                ("kind", "regular"),
                ("theme", "cv"),
                ("location", "Sali 2"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let meeting = location(&res);
    let form = [
        ("date", "2027-02-04"),
        ("start", "9:00"),
        ("end", "12:00"),
        ("kind", "regular"),
        ("theme", "cv"),
        ("location", "Sali 2"),
    ];
    let res = s.coordinator.post_form(&meeting, &meeting, &form).await;
    assert_eq!(res.status(), 422, "a move needs a reason");
    let mut with_reason = form.to_vec();
    with_reason.push(("reason", "Sali on varattu keskiviikkona"));
    assert_eq!(
        s.coordinator
            .post_form(&meeting, &meeting, &with_reason)
            .await
            .status(),
        303
    );
    let html = s.coordinator.get_html(&meeting).await;
    assert!(html.contains("Sali on varattu keskiviikkona") && html.contains("torstai 4.2.2027"));

    // Outsiders: 404 for the group, the meeting and the forms.
    let outsider = s.w.outsider_coach().await.signs_in().await;
    for p in [path.clone(), meeting.clone(), format!("{path}/edit")] {
        assert_eq!(outsider.get(&p).await.status(), 404, "{p}");
    }
    // A partner's case manager sees the meeting but no edit form.
    let cm = s.w.partner_case_manager().await.signs_in().await;
    let html = cm.get_html(&meeting).await;
    assert!(!html.contains("/cancel\""));
    assert_eq!(
        cm.post_form(
            &meeting,
            &format!("{meeting}/cancel"),
            &[("cancel_reason", "x y")]
        )
        .await
        .status(),
        403
    );

    let res = s
        .coordinator
        .post_form(
            &meeting,
            &format!("{meeting}/cancel"),
            &[("cancel_reason", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = s
        .coordinator
        .post_form(
            &meeting,
            &format!("{meeting}/cancel"),
            &[("cancel_reason", "Valmentaja sairastui")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = s.coordinator.get_html(&meeting).await;
    assert!(html.contains("Peruttu") && html.contains("Valmentaja sairastui"));
    assert!(
        s.coordinator
            .get_html(&path)
            .await
            .contains("badge-cancelled")
    );
}
