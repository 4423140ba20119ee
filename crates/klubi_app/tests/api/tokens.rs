use crate::helpers::*;
use klubi_domain::roles::Role;

#[tokio::test]
async fn a_token_made_on_the_account_page_works_until_revoked() {
    let app = spawn_app().await;
    let org = app.create_org("Org").await;
    app.create_user("cm@x.fi", Some(&org), &[Role::CaseManager])
        .await;
    let b = app.signed_in("cm@x.fi").await;
    let res = b
        .post_form(
            "/account",
            "/account/tokens",
            &[("name", "Integration"), ("token_password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let marker = "id=\"new-token\" class=\"token\" type=\"text\" readonly value=\"";
    let start = html.find(marker).expect("the token is shown once") + marker.len();
    let token = html[start..].split('"').next().unwrap().to_string();
    assert!(token.starts_with("klubi_"));
    // Shown once: the account page does not show it again.
    assert!(!b.get_html("/account").await.contains(&token));

    let me = app
        .api()
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["email"], "cm@x.fi");
    assert_eq!(me["roles"], serde_json::json!(["case_manager"]));
    assert_eq!(me["organisation_id"], org);

    let list = app.get_json("/api/v1/me/tokens", &token).await;
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(list[0]["name"], "Integration");
    assert!(list[0].get("token").is_none(), "never the value");

    let page = b.get_html("/account").await;
    assert!(page.contains(&format!("/account/tokens/{id}/revoke")));
    let res = b
        .post_form("/account", &format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(res.status(), 303);
    let after = app
        .api()
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
}

#[tokio::test]
async fn tokens_are_stored_only_as_hashes() {
    let app = spawn_app().await;
    let id = app.create_user("x@x.fi", None, &[Role::Admin]).await;
    let token = app.token_for(&id).await;
    let hashes: Vec<String> = sqlx_rows(&app, "SELECT token_hash FROM api_tokens").await;
    assert_eq!(hashes.len(), 1);
    assert_ne!(hashes[0], token);
    assert!(!hashes[0].contains(&token[6..]));
}

pub async fn sqlx_rows(app: &TestApp, sql: &'static str) -> Vec<String> {
    use sqlx::Row;
    let pool = app.raw_pool().await;
    let rows = sqlx::query(sql).fetch_all(&pool).await.unwrap();
    rows.iter().map(|r| r.get::<String, _>(0)).collect()
}

#[tokio::test]
async fn an_admin_may_issue_a_token_for_another_user_and_it_is_audited() {
    let app = spawn_app().await;
    let org = app.create_org("Org").await;
    let admin = app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let coach = app
        .create_user("coach@x.fi", Some(&org), &[Role::Coach])
        .await;
    let admin_token = app.token_for(&admin).await;
    let coach_token = app.token_for(&coach).await;

    let res = app
        .api()
        .post(app.url(&format!("/api/v1/users/{coach}/tokens")))
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let body: serde_json::Value = res.json().await.unwrap();
    let issued = body["token"].as_str().unwrap().to_string();
    let me = app.get_json("/api/v1/me", &issued).await;
    assert_eq!(me["id"], coach);

    // A coach cannot do the same: for a colleague in their own organisation
    // (whom they can see) it's 403, for the admin (of no organisation, whom
    // they cannot) 404.
    let colleague = app
        .create_user("colleague@x.fi", Some(&org), &[Role::Coach])
        .await;
    let res = app
        .api()
        .post(app.url(&format!("/api/v1/users/{colleague}/tokens")))
        .bearer_auth(&coach_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = app
        .api()
        .post(app.url(&format!("/api/v1/users/{admin}/tokens")))
        .bearer_auth(&coach_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let audit = klubi_db::audit::list(
        app.db(),
        &klubi_db::audit::Filter {
            action_prefix: Some("api_token.create".into()),
            limit: 50,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r.actor_id.as_deref() == Some(admin.as_str()) && r.details.contains(&coach)),
        "{audit:?}"
    );
}

#[tokio::test]
async fn with_htmx_revoking_answers_with_the_tokens_row() {
    let app = spawn_app().await;
    let id = app.create_user("h@x.fi", None, &[Role::Admin]).await;
    app.token_for(&id).await;
    let b = app.signed_in("h@x.fi").await;
    let page = b.get_html("/account").await;
    let start = page.find("hx-post=\"/account/tokens/").unwrap() + "hx-post=\"".len();
    let action = page[start..].split('"').next().unwrap().to_string();
    let token = csrf_token(&page);
    let res = b
        .client
        .post(app.url(&action))
        .header("hx-request", "true")
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(
        html.trim_start().starts_with("<tr id=\"token-"),
        "a fragment: {html}"
    );
    assert!(html.contains("Poistettu käytöstä") && !html.contains("<html"));
    assert!(
        html.contains("data-autofocus"),
        "focus goes to the new status"
    );
    assert!(!b.get_html("/account").await.contains("data-autofocus"));
}
