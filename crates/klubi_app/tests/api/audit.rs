use crate::helpers::*;
use klubi_domain::roles::Role;

#[tokio::test]
async fn changes_are_audited_with_actor_and_request_id() {
    let app = spawn_app().await;
    let admin = app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let token = app.token_for(&admin).await;
    let res = app
        .api()
        .post(app.url("/api/v1/organisations"))
        .bearer_auth(&token)
        .header("x-request-id", "req-12345")
        .json(&serde_json::json!({"name": "Audited Org", "kind": "education"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["x-request-id"], "req-12345");
    let org: serde_json::Value = res.json().await.unwrap();
    let rows = klubi_db::audit::list(
        app.db(),
        &klubi_db::audit::Filter {
            entity_id: Some(org["id"].as_str().unwrap().into()),
            limit: 10,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].action, "organisation.create");
    assert_eq!(rows[0].actor_id.as_deref(), Some(admin.as_str()));
    assert_eq!(rows[0].request_id, "req-12345");

    let b = app.signed_in("admin@x.fi").await;
    let page = b.get_html("/admin/audit?action=organisation").await;
    assert!(page.contains("organisation.create") && page.contains("req-12345"));
    let none = b.get_html("/admin/audit?action=nothing.like.this").await;
    assert!(none.contains("Ei tapahtumia"));
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes() {
    use sqlx::Row;
    let app = spawn_app().await;
    app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let pool = app.raw_pool().await;
    let before: i64 = sqlx::query("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert!(before > 0);
    assert!(
        sqlx::query("UPDATE audit_log SET action = 'forged'")
            .execute(&pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("DELETE FROM audit_log")
            .execute(&pool)
            .await
            .is_err()
    );
    let after: i64 = sqlx::query("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(before, after);
    let forged: i64 = sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'forged'")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(forged, 0);
}

#[tokio::test]
async fn a_client_request_id_is_kept_only_when_it_is_a_short_token() {
    let app = spawn_app().await;
    let admin = app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let token = app.token_for(&admin).await;
    let long = "a".repeat(65);
    let cases = [
        ("Req-2026.11_23-abc", true),
        (&"b".repeat(64) as &str, true),
        (&long as &str, false),
        ("<script>alert(1)</script>", false),
        ("two words", false),
        ("forged\" request_id=\"x", false),
        ("ääkköset", false),
        ("", false),
    ];
    for (i, (given, kept)) in cases.iter().enumerate() {
        let res = app
            .api()
            .post(app.url("/api/v1/organisations"))
            .bearer_auth(&token)
            .header("x-request-id", given.as_bytes())
            .json(&serde_json::json!({"name": format!("Org {i}"), "kind": "education"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{given:?}");
        let echoed = res.headers()["x-request-id"].to_str().unwrap().to_string();
        let org: serde_json::Value = res.json().await.unwrap();
        let rows = klubi_db::audit::list(
            app.db(),
            &klubi_db::audit::Filter {
                entity_id: Some(org["id"].as_str().unwrap().into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(rows.len(), 1);
        let stored = &rows[0].request_id;
        if *kept {
            assert_eq!(echoed, *given);
            assert_eq!(stored, given);
        } else {
            assert_ne!(echoed, *given, "{given:?} echoed");
            assert!(
                !stored.contains(given) || given.is_empty(),
                "{given:?} stored"
            );
            // A fresh id instead, the same in the answer and in the log.
            assert_eq!(stored, &echoed);
            assert_eq!(echoed.len(), 36, "a UUID: {echoed}");
        }
    }
    // Given twice, neither is taken.
    let res = app
        .api()
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .header("x-request-id", "first")
        .header("x-request-id", "second")
        .send()
        .await
        .unwrap();
    let echoed = res.headers()["x-request-id"].to_str().unwrap();
    assert!(echoed != "first" && echoed != "second", "{echoed}");
}
