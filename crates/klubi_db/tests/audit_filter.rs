//! The audit filter's prefix match, on the real SQLite database.

#[tokio::test]
async fn action_prefix_matches_literally() {
    let dir = tempfile::tempdir().unwrap();
    let db = klubi_db::Db::open_sqlite(&dir.path().join("t.db"))
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let ctx = klubi_db::Ctx::system(1000, "t");
    let mut tx = db.begin().await.unwrap();
    for action in [
        "api_token.create",
        "apixtoken.create",
        "organisation.create",
    ] {
        klubi_db::audit::record(
            &mut tx,
            &ctx,
            klubi_db::audit::Entry {
                action,
                entity_type: "x",
                entity_id: "1",
                organisation_id: None,
                details: serde_json::json!({}),
            },
        )
        .await
        .unwrap();
    }
    klubi_db::commit(tx).await.unwrap();
    let find = |p: &str| {
        let db = db.clone();
        let f = klubi_db::audit::Filter {
            action_prefix: Some(p.into()),
            limit: 10,
            ..Default::default()
        };
        async move {
            klubi_db::audit::list(&db, &f)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.action)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(find("api_token").await, vec!["api_token.create"]);
    assert_eq!(find("organisation").await, vec!["organisation.create"]);
    assert_eq!(find("api").await.len(), 2);
}
