use crate::helpers::*;
use klubi_domain::roles::Role;

#[tokio::test]
async fn an_admin_creates_and_renames_organisations_and_bad_input_keeps_what_was_typed() {
    let app = spawn_app().await;
    app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let b = app.signed_in("admin@x.fi").await;
    let res = b
        .post_form(
            "/admin/organisations",
            "/admin/organisations",
            &[("name", "Tampereen kaupunki"), ("kind", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("value=\"Tampereen kaupunki\""),
        "the name typed is kept"
    );
    assert!(
        html.contains("href=\"#f-kind\""),
        "the summary links to the field"
    );
    assert!(html.contains("Valitse organisaation tyyppi."));

    let res = b
        .post_form(
            "/admin/organisations",
            "/admin/organisations",
            &[
                ("name", "Tampereen kaupunki"),
                ("kind", "employment_services"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let list = b.get_html("/admin/organisations").await;
    assert!(
        list.contains("Organisaatio on lisätty."),
        "a flash after the redirect"
    );
    assert!(list.contains("Tampereen kaupunki") && list.contains("Työllisyyspalvelut"));

    let dup = b
        .post_form(
            "/admin/organisations",
            "/admin/organisations",
            &[("name", "tampereen KAUPUNKI"), ("kind", "other")],
        )
        .await;
    // A conflict, as the API answers it (tests/api/parity.rs), shown at the field.
    assert_eq!(dup.status(), 409);
    assert!(
        dup.text()
            .await
            .unwrap()
            .contains("Samanniminen organisaatio")
    );

    let orgs = klubi_db::organisations::list(app.db(), None, None, 10)
        .await
        .unwrap();
    let id = &orgs[0].id;
    let page = format!("/admin/organisations/{id}");
    let res = b.post_form(&page, &page, &[("name", "Tampere")]).await;
    assert_eq!(res.status(), 303);
    assert!(
        b.get_html("/admin/organisations")
            .await
            .contains("Tampere<")
    );
}

#[tokio::test]
async fn a_coordinator_manages_only_their_own_organisation() {
    let app = spawn_app().await;
    let a = app.create_org("Org A").await;
    let b_org = app.create_org("Org B").await;
    let coord = app
        .create_user("coord@a.fi", Some(&a), &[Role::Coordinator])
        .await;
    let other = app
        .create_user("coach@b.fi", Some(&b_org), &[Role::Coach])
        .await;
    let mine = app
        .create_user("coach@a.fi", Some(&a), &[Role::Coach])
        .await;
    let b = app.signed_in("coord@a.fi").await;

    let list = b.get_html("/admin/users").await;
    assert!(list.contains("coach@a.fi"));
    assert!(
        !list.contains("coach@b.fi"),
        "other organisations' staff are not listed"
    );
    assert!(
        !list.contains("value=\"admin\""),
        "a coordinator cannot grant admin"
    );

    assert_eq!(b.get(&format!("/admin/users/{other}")).await.status(), 404);
    let res = b
        .post_form(
            "/admin/users",
            &format!("/admin/users/{other}/deactivate"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(b.get("/admin/organisations").await.status(), 403);
    assert_eq!(b.get("/admin/audit").await.status(), 403);

    // Inviting into another organisation through the API is 404, into one's own 201.
    let token = app.token_for(&coord).await;
    let invite = |org: String, email: &str, roles: serde_json::Value| {
        let c = app.api();
        let url = app.url("/api/v1/users");
        let body = serde_json::json!({"email": email, "name": "N N", "organisation_id": org, "roles": roles});
        let token = token.clone();
        async move {
            c.post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        invite(b_org.clone(), "n1@b.fi", serde_json::json!(["coach"])).await,
        404
    );
    assert_eq!(
        invite(a.clone(), "n2@a.fi", serde_json::json!(["admin"])).await,
        403
    );
    assert_eq!(
        invite(
            a.clone(),
            "n3@a.fi",
            serde_json::json!(["coach", "case_manager"])
        )
        .await,
        201
    );

    // Roles of one's own staff can be changed, and the page form keeps working.
    let page = format!("/admin/users/{mine}");
    let res = b
        .post_form(
            &page,
            &format!("{page}/roles"),
            &[("roles", "coach"), ("roles", "specialist")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let user = klubi_db::users::get(app.db(), &mine).await.unwrap();
    assert_eq!(user.roles.names(), vec!["coach", "specialist"]);
}

#[tokio::test]
async fn inviting_on_the_page_refuses_a_bad_address_and_keeps_everything_typed() {
    let app = spawn_app().await;
    let org = app.create_org("Org A").await;
    app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let b = app.signed_in("admin@x.fi").await;
    let res = b
        .post_form(
            "/admin/users",
            "/admin/users",
            &[
                ("name", "Maija"),
                ("email", "not-an-email"),
                ("organisation_id", &org),
                ("language", "sv"),
                ("roles", "coach"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("value=\"not-an-email\"") && html.contains("value=\"Maija\""));
    assert!(html.contains("nimi@esimerkki.fi"));
    assert!(
        html.contains("value=\"coach\" checked"),
        "the chosen role stays chosen"
    );
    assert!(html.contains("value=\"sv\" selected"));
    let ok = b
        .post_form(
            "/admin/users",
            "/admin/users",
            &[
                ("name", "Maija"),
                ("email", "maija@x.fi"),
                ("organisation_id", &org),
                ("language", "sv"),
                ("roles", "coach"),
            ],
        )
        .await;
    assert_eq!(ok.status(), 303);
    let list = b.get_html("/admin/users").await;
    assert!(list.contains("maija@x.fi") && list.contains("Kutsuttu"));
}

#[tokio::test]
async fn participants_see_no_staff_pages() {
    let app = spawn_app().await;
    app.create_account(
        "p@x.fi",
        None,
        &[],
        klubi_domain::roles::AccountKind::Participant,
        klubi_domain::people::Language::Fi,
    )
    .await;
    let b = app.signed_in("p@x.fi").await;
    let home = b.get_html("/").await;
    assert!(home.contains("Et ole vielä missään ryhmässä"));
    for path in [
        "/admin/users",
        "/admin/organisations",
        "/admin/audit",
        "/admin/outbox",
    ] {
        assert_eq!(b.get(path).await.status(), 404, "{path}");
    }
}
