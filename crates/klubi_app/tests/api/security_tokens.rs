//! API tokens (issue 16, item 4): they run out, may be read-only, list their
//! last use; a page asks the password again before it makes one; a token an
//! administrator issues for someone names its issuer, and its owner is told.

use crate::helpers::*;
use klubi_domain::roles::Role;
use serde_json::{Value, json};

/// `POST /me/tokens` with `body`, as the holder of `token`: status and answer.
async fn makes_token(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    app.call(reqwest::Method::POST, "/me/tokens", token, Some(body))
        .await
}

#[tokio::test]
async fn a_token_runs_out_when_its_days_are_over() {
    let app = spawn_app().await;
    let id = app.create_user("coach@x.fi", None, &[Role::Coach]).await;
    let maker = app.token_for(&id).await;
    let (s, t) = makes_token(&app, &maker, json!({"name": "week", "expires_in_days": 7})).await;
    assert_eq!(s, 201, "{t}");
    let token = t["token"].as_str().unwrap().to_string();
    let list = app.get_json("/api/v1/me/tokens", &token).await;
    let shown = list
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "week")
        .unwrap();
    assert_eq!(shown["expires_at"], t["expires_at"]);
    assert!(!shown["last_used_at"].is_null(), "its use is listed");
    // Days out of range are refused, naming the field.
    for days in [0, 366, -1] {
        let (s, p) = makes_token(&app, &maker, json!({"name": "x", "expires_in_days": days})).await;
        assert_eq!(s, 422, "{days}: {p}");
        assert_eq!(p["errors"][0]["field"], "expires_in_days");
    }
    app.clock.advance(7 * 86_400 - 1);
    assert_eq!(
        app.call(reqwest::Method::GET, "/me", &token, None).await.0,
        200
    );
    app.clock.advance(1);
    assert_eq!(
        app.call(reqwest::Method::GET, "/me", &token, None).await.0,
        401,
        "run out"
    );
}

#[tokio::test]
async fn a_read_only_token_reads_and_changes_nothing() {
    let app = spawn_app().await;
    let id = app.create_user("coach@x.fi", None, &[Role::Coach]).await;
    let maker = app.token_for(&id).await;
    let (s, t) = makes_token(&app, &maker, json!({"name": "reader", "read_only": true})).await;
    assert_eq!(s, 201, "{t}");
    assert_eq!(t["read_only"], true);
    let reader = t["token"].as_str().unwrap().to_string();
    assert_eq!(
        app.call(reqwest::Method::GET, "/me", &reader, None).await.0,
        200
    );
    let (s, _) = makes_token(&app, &reader, json!({"name": "more"})).await;
    assert_eq!(s, 403, "a read-only token makes nothing");
    let (s, _) = app
        .call(
            reqwest::Method::POST,
            "/me/calendar-feed/rotate",
            &reader,
            Some(json!({})),
        )
        .await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn the_page_asks_the_password_again_before_it_makes_a_token() {
    let app = spawn_app().await;
    app.create_user("coach@x.fi", None, &[Role::Coach]).await;
    let b = app.signed_in("coach@x.fi").await;
    let res = b
        .post_form(
            "/account",
            "/account/tokens",
            &[("name", "Laptop"), ("token_password", "not my password")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"f-token_password-error\""),
        "the error at its field"
    );
    assert!(!html.contains("id=\"new-token\""), "no token made");
    let res = b
        .post_form(
            "/account",
            "/account/tokens",
            &[
                ("name", "Laptop"),
                ("expires_in_days", "30"),
                ("read_only", "1"),
                ("token_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("id=\"new-token\""));
    let page = b.get_html("/account").await;
    assert!(
        page.contains("Vain lukemiseen"),
        "read-only shown on the list"
    );
}

#[tokio::test]
async fn a_token_issued_for_someone_names_its_issuer_and_tells_the_owner() {
    let app = spawn_app().await;
    let admin = app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let owner = app.create_user("owner@x.fi", None, &[Role::Coach]).await;
    let admin_token = app.token_for(&admin).await;
    let (s, t) = app
        .call(
            reqwest::Method::POST,
            &format!("/users/{owner}/tokens"),
            &admin_token,
            Some(json!({"name": "integration", "expires_in_days": 30})),
        )
        .await;
    assert_eq!(s, 201, "{t}");
    let token = t["token"].as_str().unwrap();
    let list = app.get_json("/api/v1/me/tokens", token).await;
    let issued = list
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "integration")
        .unwrap();
    assert_eq!(issued["issued_by"]["id"], admin.as_str());
    assert_eq!(issued["issued_by"]["name"], "Test admin@x.fi");
    app.jobs_done().await;
    let mails = app.mail_texts_to("owner@x.fi").await;
    assert_eq!(mails.len(), 1, "the owner is told");
    assert!(mails[0].contains("Test admin@x.fi"), "{}", mails[0]);
    assert!(mails[0].contains("integration"), "{}", mails[0]);
    let page = app.signed_in("owner@x.fi").await.get_html("/account").await;
    assert!(
        page.contains("Antanut Test admin@x.fi"),
        "shown on their page"
    );
}
