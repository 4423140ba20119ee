use crate::helpers::*;
use klubi_domain::roles::Role;
use serde_json::{Value, json};

async fn problem(res: reqwest::Response, status: u16) -> Value {
    assert_eq!(res.status(), status);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["status"], status);
    for k in ["type", "title", "detail"] {
        assert!(v[k].as_str().is_some_and(|s| !s.is_empty()), "{k} in {v}");
    }
    v
}

#[tokio::test]
async fn health_and_openapi() {
    let app = spawn_app().await;
    let res = app.api().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let doc: Value = app
        .api()
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/me",
        "/organisations",
        "/users",
        "/users/{id}/tokens",
        "/me/tokens",
        "/formats",
        "/formats/{id}/copy",
        "/groups",
        "/groups/{id}",
        "/groups/{id}/meetings",
        "/groups/{id}/schedule",
        "/meetings/{id}/cancel",
        "/me/calendar-feed",
        "/me/calendar-feed/rotate",
        "/me/calendar.ics",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    // The document is generated from the code that serves the routes.
    assert_eq!(
        doc,
        serde_json::to_value(klubi_app::api::openapi()).unwrap()
    );
}

#[tokio::test]
async fn errors_are_problem_documents_with_the_right_status() {
    let app = spawn_app().await;
    let org = app.create_org("Org").await;
    let admin = app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let coach = app
        .create_user("coach@x.fi", Some(&org), &[Role::Coach])
        .await;
    let admin_t = app.token_for(&admin).await;
    let coach_t = app.token_for(&coach).await;
    let c = app.api();
    let orgs = app.url("/api/v1/organisations");

    problem(c.get(app.url("/api/v1/me")).send().await.unwrap(), 401).await;
    problem(
        c.get(app.url("/api/v1/me"))
            .bearer_auth("klubi_nonsense")
            .send()
            .await
            .unwrap(),
        401,
    )
    .await;
    let malformed = c
        .post(&orgs)
        .bearer_auth(&admin_t)
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    problem(malformed, 400).await;
    let forbidden = c
        .post(&orgs)
        .bearer_auth(&coach_t)
        .json(&json!({"name": "X Org", "kind": "other"}))
        .send()
        .await
        .unwrap();
    problem(forbidden, 403).await;
    problem(
        c.get(app.url("/api/v1/organisations/nope"))
            .bearer_auth(&admin_t)
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    problem(
        c.get(app.url("/api/v1/no-such-thing"))
            .bearer_auth(&admin_t)
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;

    let invalid = c
        .post(&orgs)
        .bearer_auth(&admin_t)
        .json(&json!({"name": " ", "kind": "company"}))
        .send()
        .await
        .unwrap();
    let v = problem(invalid, 422).await;
    let fields: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["name", "kind"]);
    assert!(v["errors"][0]["message"].as_str().unwrap().len() > 3);

    let missing = c
        .post(&orgs)
        .bearer_auth(&admin_t)
        .json(&json!({"name": "Only name"}))
        .send()
        .await
        .unwrap();
    let v = problem(missing, 422).await;
    assert_eq!(v["errors"][0]["field"], "kind");

    let created = c
        .post(&orgs)
        .bearer_auth(&admin_t)
        .json(&json!({"name": "Uniq", "kind": "other"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let dup = c
        .post(&orgs)
        .bearer_auth(&admin_t)
        .json(&json!({"name": "Uniq", "kind": "other"}))
        .send()
        .await
        .unwrap();
    problem(dup, 409).await;

    let huge = format!(
        "{{\"name\": \"{}\", \"kind\": \"other\"}}",
        "x".repeat(2 * 1024 * 1024)
    );
    let too_large = c
        .post(&orgs)
        .bearer_auth(&admin_t)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    problem(too_large, 413).await;

    let wrong_method = c.delete(&orgs).bearer_auth(&admin_t).send().await.unwrap();
    problem(wrong_method, 405).await;
}

#[tokio::test]
async fn problems_speak_the_callers_language() {
    let app = spawn_app().await;
    let res = app
        .api()
        .get(app.url("/api/v1/me"))
        .header("accept-language", "sv-FI, en;q=0.5")
        .send()
        .await
        .unwrap();
    let v = problem(res, 401).await;
    assert_eq!(v["detail"], "Logga in eller ge en giltig nyckel.");
}

#[tokio::test]
async fn organisations_are_scoped_and_paginated() {
    let app = spawn_app().await;
    let admin = app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    let mut ids = vec![];
    for i in 0..5 {
        ids.push(app.create_org(&format!("Org {i}")).await);
    }
    let coach = app
        .create_user("coach@x.fi", Some(&ids[2]), &[Role::Coach])
        .await;
    let admin_t = app.token_for(&admin).await;
    let coach_t = app.token_for(&coach).await;
    let c = app.api();

    let mut seen = vec![];
    let mut url = app.url("/api/v1/organisations?limit=2");
    loop {
        let page: Value = c
            .get(&url)
            .bearer_auth(&admin_t)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for o in page["items"].as_array().unwrap() {
            seen.push(o["name"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(cur) => url = app.url(&format!("/api/v1/organisations?limit=2&cursor={cur}")),
            None => break,
        }
    }
    assert_eq!(seen, vec!["Org 0", "Org 1", "Org 2", "Org 3", "Org 4"]);

    let own: Value = c
        .get(app.url("/api/v1/organisations"))
        .bearer_auth(&coach_t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(own["items"].as_array().unwrap().len(), 1);
    assert_eq!(own["items"][0]["id"], ids[2]);
    let other = c
        .get(app.url(&format!("/api/v1/organisations/{}", ids[0])))
        .bearer_auth(&coach_t)
        .send()
        .await
        .unwrap();
    problem(other, 404).await;
    let bad_cursor = c
        .get(app.url("/api/v1/organisations?cursor=%%%"))
        .bearer_auth(&admin_t)
        .send()
        .await
        .unwrap();
    assert!(bad_cursor.status() == 422 || bad_cursor.status() == 400);
}

#[tokio::test]
async fn metrics_count_requests_by_route() {
    let app = spawn_with(|c| c.metrics_token = Some("scrape-secret".into())).await;
    app.api().get(app.url("/healthz")).send().await.unwrap();
    // Without the token (or with another) there are no metrics to see.
    for auth in [None, Some("Bearer nope")] {
        let mut req = app.api().get(app.url("/metrics"));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        assert_eq!(req.send().await.unwrap().status(), 404);
    }
    let text = app
        .api()
        .get(app.url("/metrics"))
        .bearer_auth("scrape-secret")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("http_requests_total"));
    assert!(text.contains("route=\"/healthz\""));
    assert!(text.contains("http_request_duration_seconds_bucket"));
    // The worker reports the queue depth when it starts.
    let mut depth_reported = false;
    for _ in 0..50 {
        let text = app
            .api()
            .get(app.url("/metrics"))
            .bearer_auth("scrape-secret")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if text.contains("klubi_jobs_due") && text.contains("klubi_jobs_failed") {
            depth_reported = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(depth_reported, "job queue depth in /metrics");
}

#[tokio::test]
async fn pages_send_security_headers_and_hashed_static_files() {
    let app = spawn_app().await;
    let res = app.api().get(app.url("/login")).send().await.unwrap();
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.contains_key("referrer-policy"));
    assert!(
        !h.contains_key("strict-transport-security"),
        "no HSTS over plain http"
    );
    let html = res.text().await.unwrap();
    let css = asset_url(&html, "/static/app.");
    // app.<digest of the content>.css
    let digest = css
        .trim_start_matches("/static/app.")
        .trim_end_matches(".css");
    assert!(
        digest.len() >= 8 && digest.chars().all(|c| c.is_ascii_alphanumeric()),
        "a content-hashed name: {css}"
    );
    let res = app.api().get(app.url(&css)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(!html.contains("style=\""), "no inline style");
    assert!(!html.contains("<script>"), "no inline script");
}
