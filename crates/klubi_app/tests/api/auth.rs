use crate::helpers::*;
use klubi_domain::roles::Role;

#[tokio::test]
async fn sign_in_and_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let org = app.create_org("Omnia").await;
    app.create_user("coach@x.fi", Some(&org), &[Role::Coach])
        .await;
    let b = app.signed_in("coach@x.fi").await;
    let home = b.get_html("/").await;
    assert!(
        home.contains("Test coach@x.fi"),
        "the home page greets the user"
    );

    let res = b.post_form("/", "/logout", &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(b.get("/").await.headers()["location"], "/login");

    let rows = app.audit_actions().await;
    assert!(rows.contains(&"login.sign_in".to_string()));
    assert!(rows.contains(&"login.sign_out".to_string()));
}

#[tokio::test]
async fn a_logged_out_cookie_does_not_work_again() {
    let app = spawn_app().await;
    app.create_user("a@x.fi", None, &[Role::Admin]).await;
    let b = app.browser();
    let res = b.login("a@x.fi", PASSWORD).await;
    let set_cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("klubi_session="))
        .expect("a session cookie");
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("SameSite=Lax"));
    let value = set_cookie.split(';').next().unwrap().to_string();
    b.post_form("/", "/logout", &[]).await;
    // A stolen copy of the cookie is worthless after logout.
    let res = app
        .api()
        .get(app.url("/account"))
        .header("cookie", value)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
}

#[tokio::test]
async fn wrong_password_and_unknown_account_get_the_same_answer() {
    let app = spawn_app().await;
    app.create_user("real@x.fi", None, &[Role::Admin]).await;
    let b = app.browser();
    let wrong = b.login("real@x.fi", "not the password").await;
    assert_eq!(wrong.status(), 401);
    let wrong_body = wrong.text().await.unwrap();
    let unknown = b.login("nobody@x.fi", "not the password").await;
    assert_eq!(unknown.status(), 401);
    let unknown_body = unknown.text().await.unwrap();
    let msg = "Kirjautuminen ei onnistunut. Tarkista sähköposti ja salasana.";
    assert!(wrong_body.contains(msg) && unknown_body.contains(msg));
    // What was typed is kept.
    assert!(unknown_body.contains("value=\"nobody@x.fi\""));
}

#[tokio::test]
async fn idle_sessions_end_after_30_minutes() {
    let app = spawn_app().await;
    app.create_user("idle@x.fi", None, &[Role::Admin]).await;
    let b = app.signed_in("idle@x.fi").await;
    app.clock.advance(29 * 60);
    assert_eq!(b.get("/").await.status(), 200, "used within 30 minutes");
    app.clock.advance(29 * 60);
    assert_eq!(
        b.get("/").await.status(),
        200,
        "each use restarts the idle time"
    );
    app.clock.advance(31 * 60);
    let res = b.get("/").await;
    assert_eq!(res.status(), 303, "idle for 31 minutes");
    assert_eq!(res.headers()["location"], "/login");
}

#[tokio::test]
async fn sessions_end_12_hours_after_sign_in_however_busy() {
    let app = spawn_app().await;
    app.create_user("busy@x.fi", None, &[Role::Admin]).await;
    let b = app.signed_in("busy@x.fi").await;
    for _ in 0..(11 * 3 + 2) {
        app.clock.advance(20 * 60);
        assert_eq!(b.get("/").await.status(), 200);
    }
    // 11 h 40 min so far; one more step reaches the 12-hour limit.
    app.clock.advance(20 * 60);
    assert_eq!(b.get("/").await.status(), 303);
}

#[tokio::test]
async fn forms_without_the_token_or_from_another_site_are_refused() {
    let app = spawn_app().await;
    app.create_user("a@x.fi", None, &[Role::Admin]).await;
    let b = app.signed_in("a@x.fi").await;
    let new_org = [("name", "Evil Org"), ("kind", "other")];

    let no_token = b.post_raw("/admin/organisations", &new_org).await;
    assert_eq!(no_token.status(), 403);

    let wrong_token = b
        .post_raw(
            "/admin/organisations",
            &[
                ("csrf", "x".repeat(43).as_str()),
                ("name", "Evil"),
                ("kind", "other"),
            ],
        )
        .await;
    assert_eq!(wrong_token.status(), 403);

    let html = b.get_html("/admin/organisations").await;
    let token = csrf_token(&html);
    let foreign = b
        .client
        .post(app.url("/admin/organisations"))
        .header("origin", "https://evil.example")
        .form(&[
            ("csrf", token.as_str()),
            ("name", "Evil Org"),
            ("kind", "other"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    let cross_site = b
        .client
        .post(app.url("/admin/organisations"))
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("csrf", token.as_str()),
            ("name", "Evil Org"),
            ("kind", "other"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    let body = cross_site.text().await.unwrap();
    assert!(
        body.contains("Lomake on vanhentunut"),
        "a translated explanation"
    );

    // Nothing was created by any of them; the right way works.
    assert!(
        !b.get_html("/admin/organisations")
            .await
            .contains("Evil Org")
    );
    let ok = b
        .post_form("/admin/organisations", "/admin/organisations", &new_org)
        .await;
    assert_eq!(ok.status(), 303);
    assert!(
        b.get_html("/admin/organisations")
            .await
            .contains("Evil Org")
    );
}

#[tokio::test]
async fn repeated_failures_throttle_the_account_whether_or_not_it_exists() {
    let app = spawn_app().await;
    app.create_user("target@x.fi", None, &[Role::Admin]).await;
    let b = app.browser();
    for _ in 0..5 {
        assert_eq!(b.login("target@x.fi", "guess guess").await.status(), 401);
        assert_eq!(b.login("ghost@x.fi", "guess guess").await.status(), 401);
    }
    // Even the right password is refused now, with the same words for both.
    let real = b.login("target@x.fi", PASSWORD).await;
    assert_eq!(real.status(), 429);
    let ghost = b.login("ghost@x.fi", "guess guess").await;
    assert_eq!(ghost.status(), 429);
    assert!(real.text().await.unwrap().contains("Liian monta yritystä"));
    // After the window, the account works again.
    app.clock.advance(16 * 60);
    assert_eq!(b.login("target@x.fi", PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn deactivation_locks_a_user_out_at_once() {
    let app = spawn_app().await;
    let org = app.create_org("Org A").await;
    app.create_user("coord@x.fi", Some(&org), &[Role::Coordinator])
        .await;
    let coach_id = app
        .create_user("coach@x.fi", Some(&org), &[Role::Coach])
        .await;
    let coach = app.signed_in("coach@x.fi").await;
    // On PostgreSQL the signed-in coach is now kept in memory: the
    // deactivation below must reach that copy too.
    app.hearing_changes().await;
    assert_eq!(coach.get("/").await.status(), 200);
    let coach_token = app.token_for(&coach_id).await;
    let me = |t: String| {
        let c = app.api();
        let url = app.url("/api/v1/me");
        async move { c.get(url).bearer_auth(t).send().await.unwrap().status() }
    };
    assert_eq!(me(coach_token.clone()).await, 200);

    let coord = app.signed_in("coord@x.fi").await;
    let page = format!("/admin/users/{coach_id}");
    let res = coord
        .post_form(&page, &format!("{page}/deactivate"), &[])
        .await;
    assert_eq!(res.status(), 303);

    assert_eq!(coach.get("/").await.status(), 303, "the open session ended");
    assert_eq!(me(coach_token).await, 401, "the token stopped working");
    assert_eq!(coach.login("coach@x.fi", PASSWORD).await.status(), 401);
    assert!(
        app.audit_actions()
            .await
            .contains(&"user.deactivate".to_string())
    );
}

/// A change made past this process's own commits (here by a pool of the
/// test's own, as another `klubi` process or an administrator's SQL would)
/// still ends a login session: on PostgreSQL, where the app keeps signed-in
/// callers in memory, by the notification of migration 0007's triggers.
#[tokio::test]
async fn a_change_by_another_process_reaches_a_signed_in_caller() {
    // Without the worker: its commits (every claim) would make the app forget
    // callers on its own, and the test could not tell that notifications work.
    let app = spawn_with(|c| c.run_worker = false).await;
    let org = app.create_org("Org A").await;
    app.create_user("coach@x.fi", Some(&org), &[Role::Coach])
        .await;
    app.create_user("coord@x.fi", Some(&org), &[Role::Coordinator])
        .await;
    let coach = app.signed_in("coach@x.fi").await;
    let coord = app.signed_in("coord@x.fi").await;
    app.hearing_changes().await;
    for _ in 0..3 {
        assert_eq!(coach.get("/account").await.status(), 200);
        assert_eq!(coord.get("/groups/new").await.status(), 200);
    }
    let pool = app.raw_pool().await;
    // The notification takes a moment to arrive; far less than this.
    let until = |what: &'static str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        move || {
            assert!(
                std::time::Instant::now() < deadline,
                "{what} never reached the app"
            )
        }
    };

    sqlx::query("UPDATE users SET active = 0 WHERE email = 'coach@x.fi'")
        .execute(&pool)
        .await
        .unwrap();
    let check = until("the deactivation");
    while coach.get("/account").await.status() != 303 {
        check();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    sqlx::query("DELETE FROM user_roles WHERE role = 'coordinator'")
        .execute(&pool)
        .await
        .unwrap();
    let check = until("the role taken away");
    while coord.get("/groups/new").await.status() == 200 {
        check();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    sqlx::query("DELETE FROM login_sessions")
        .execute(&pool)
        .await
        .unwrap();
    let check = until("the ended login session");
    while coord.get("/account").await.status() != 303 {
        check();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn a_change_nobody_heard_reaches_a_signed_in_caller_within_the_kept_time() {
    let app = spawn_with(|c| c.run_worker = false).await;
    let org = app.create_org("Org A").await;
    app.create_user("coach@x.fi", Some(&org), &[Role::Coach])
        .await;
    let coach = app.signed_in("coach@x.fi").await;
    app.hearing_changes().await;
    for _ in 0..3 {
        assert_eq!(coach.get("/account").await.status(), 200);
    }
    let pool = app.raw_pool().await;
    // A listening connection that died without a word: the change is made
    // with the notifying triggers off, so nothing tells the app of it.
    let kept = backend() == "postgres";
    if kept {
        sqlx::query("ALTER TABLE users DISABLE TRIGGER USER")
            .execute(&pool)
            .await
            .unwrap();
    }
    sqlx::query("UPDATE users SET active = 0 WHERE email = 'coach@x.fi'")
        .execute(&pool)
        .await
        .unwrap();
    if kept {
        assert_eq!(
            coach.get("/account").await.status(),
            200,
            "the caller is kept: nothing was heard"
        );
        app.clock
            .advance(klubi_app::auth::Remembered::MAX_AGE_SECS + 1);
    }
    assert_eq!(coach.get("/account").await.status(), 303);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = spawn_app().await;
    app.create_user("pw@x.fi", None, &[Role::Admin]).await;
    let here = app.signed_in("pw@x.fi").await;
    let elsewhere = app.signed_in("pw@x.fi").await;
    let new_pw = "another long passphrase";
    let wrong = here
        .post_form(
            "/account",
            "/account/password",
            &[
                ("current_password", "nope"),
                ("password", new_pw),
                ("password_confirm", new_pw),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("Nykyinen salasana on väärin.")
    );
    let mismatch = here
        .post_form(
            "/account",
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", new_pw),
                ("password_confirm", "typo"),
            ],
        )
        .await;
    assert_eq!(mismatch.status(), 422);
    let ok = here
        .post_form(
            "/account",
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", new_pw),
                ("password_confirm", new_pw),
            ],
        )
        .await;
    assert_eq!(ok.status(), 303);
    assert_eq!(
        here.get("/account").await.status(),
        200,
        "this session goes on"
    );
    assert_eq!(
        elsewhere.get("/account").await.status(),
        303,
        "the other one ended"
    );
    assert_eq!(app.signed_in_with("pw@x.fi", PASSWORD).await, 401);
    assert_eq!(app.signed_in_with("pw@x.fi", new_pw).await, 303);
}

#[tokio::test]
async fn static_files_set_no_cookies() {
    let app = spawn_app().await;
    let html = app
        .api()
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let js = asset_url(&html, "/static/htmx");
    let res = app.api().get(app.url(&js)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(!res.headers().contains_key("set-cookie"));
}

#[tokio::test]
async fn signed_out_visits_to_pages_go_to_the_sign_in_page() {
    let app = spawn_app().await;
    for path in ["/admin/users", "/admin/audit", "/account"] {
        let res = app.browser().get(path).await;
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(res.headers()["location"], "/login");
    }
}
