//! Two-step sign-in (issue 16 item 5): staff set up TOTP from the page that
//! shows the secret, sign in with a code from it at the app's clock (the
//! test's: codes are computed here from the secret shown and the clock the
//! app reads, which the test moves), or with a recovery code once; who must
//! have one is sent to set it up first; an administrator resets a lost phone.

use crate::helpers::*;
use crate::world::*;
use serde_json::json;

/// The code an authenticator app shows for `secret` (as the page shows it,
/// in groups) at unix second `at`.
fn code_at(secret: &str, at: i64) -> String {
    let bytes = totp_rs::Secret::try_from_base32(secret.replace(' ', ""))
        .unwrap()
        .as_bytes()
        .to_vec();
    let totp = totp_rs::Builder::new().with_secret(bytes).build().unwrap();
    totp.generate(u64::try_from(at).unwrap()).to_string()
}

/// A code that is not `right`.
fn wrong(right: &str) -> &'static str {
    if right == "000000" {
        "000001"
    } else {
        "000000"
    }
}

/// Moves the app's clock to 10 seconds into a new time step, so that a code
/// computed now stays in its step while the request runs.
fn mid_step(app: &TestApp) -> i64 {
    let t = app.clock.now();
    app.clock.advance(30 - t.rem_euclid(30) + 10);
    app.clock.now()
}

/// The text between `start` and the next `end` after it, each time.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    html.split(start)
        .skip(1)
        .filter_map(|s| s.split(end).next())
        .collect()
}

struct Enrolled {
    secret: String,
    recovery_codes: Vec<String>,
}

/// `b` (signed in) sets up a second factor from the page, with one wrong
/// code first: the secret shown and the recovery codes.
async fn enrols(app: &TestApp, b: &Browser) -> Enrolled {
    let res = b
        .post_form(
            "/account/second-factor",
            "/account/second-factor/start",
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = b.get_html("/account/second-factor").await;
    assert!(
        page.contains(r#"src="data:image/svg+xml;base64,"#),
        "a QR code"
    );
    assert!(page.contains(r#"autocomplete="one-time-code""#));
    let secret = between(&page, r#"<code class="secret" id="secret">"#, "</code>")[0].to_string();
    assert_eq!(
        secret.len(),
        39,
        "32 base32 characters in groups of four: {secret}"
    );
    let now = mid_step(app);
    let right = code_at(&secret, now);
    let res = b
        .post_form(
            "/account/second-factor",
            "/account/second-factor/confirm",
            &[("code", wrong(&right))],
        )
        .await;
    assert_eq!(res.status(), 422, "a wrong code is refused");
    let res = b
        .post_form(
            "/account/second-factor",
            "/account/second-factor/confirm",
            &[("code", &right)],
        )
        .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    let recovery_codes: Vec<String> = between(&page, "<li><code>", "</code>")
        .into_iter()
        .map(str::to_string)
        .collect();
    assert_eq!(recovery_codes.len(), 10, "{page}");
    Enrolled {
        secret,
        recovery_codes,
    }
}

/// Signs in with the password: the browser, waiting for its code.
async fn password_only(app: &TestApp, email: &str) -> Browser {
    let b = app.browser();
    assert_eq!(b.login(email, PASSWORD).await.status(), 303);
    b
}

/// Sends a code on the code page: the status.
async fn sends(b: &Browser, field: &str, code: &str) -> u16 {
    b.post_form(
        "/login/second-factor",
        "/login/second-factor",
        &[(field, code)],
    )
    .await
    .status()
    .as_u16()
}

async fn location(b: &Browser, path: &str) -> String {
    let res = b.get(path).await;
    assert_eq!(res.status(), 303, "GET {path}");
    res.headers()["location"].to_str().unwrap().to_string()
}

/// The installation's rule as it is out of the box (the test helpers turn it off).
async fn default_rule(app: &TestApp) {
    let pool = app.raw_pool().await;
    sqlx::query("DELETE FROM settings WHERE key = 'second_factor_default'")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
}

fn count(actions: &[String], action: &str) -> usize {
    actions.iter().filter(|a| *a == action).count()
}

#[tokio::test]
async fn setting_up_needs_a_right_code_and_then_every_sign_in_does() {
    let w = World::new().await;
    let app = &w.app;
    let coach = w.coach().await;
    let b = coach.signs_in().await;
    assert!(b.get_html("/account").await.contains("Ei käytössä."));
    let e = enrols(app, &b).await;
    assert!(b.get_html("/account").await.contains("Käytössä."));
    let enrolled_at = app.clock.now();

    // The password alone reaches nothing but the code page.
    let b = password_only(app, &coach.email).await;
    for path in ["/", "/account", "/groups", "/login"] {
        assert_eq!(location(&b, path).await, "/login/second-factor", "{path}");
    }
    let res = b
        .post_form("/login/second-factor", "/account/password", &[])
        .await;
    assert_eq!(res.headers()["location"], "/login/second-factor");
    let page = b.get_html("/login/second-factor").await;
    assert!(
        page.contains(r#"autocomplete="one-time-code""#) && page.contains(r#"inputmode="numeric""#)
    );
    // The API authenticates by its own tokens, untouched.
    let (s, _) = coach.get("/me").await;
    assert_eq!(s, 200);

    // The code of the step that set it up was used already.
    assert_eq!(
        sends(&b, "code", &code_at(&e.secret, enrolled_at)).await,
        422
    );
    app.clock.advance(30);
    let code = code_at(&e.secret, app.clock.now());
    assert_eq!(sends(&b, "code", &code).await, 303);
    assert_eq!(b.get("/account").await.status(), 200, "signed in");
    assert_eq!(location(&b, "/login/second-factor").await, "/");

    // The same code in another sign-in, within its step: a replay.
    let again = password_only(app, &coach.email).await;
    assert_eq!(sends(&again, "code", &code).await, 422);
    assert_eq!(location(&again, "/account").await, "/login/second-factor");

    let actions = app.audit_actions().await;
    for a in [
        "second_factor.setup_begun",
        "second_factor.enable",
        "login.second_factor_asked",
        "second_factor.code_used",
    ] {
        assert!(actions.contains(&a.to_string()), "{a}: {actions:?}");
    }
    assert_eq!(
        count(&actions, "second_factor.code_refused"),
        3,
        "{actions:?}"
    );
}

#[tokio::test]
async fn a_code_of_the_step_before_or_after_passes_but_not_two_away() {
    let w = World::new().await;
    let app = &w.app;
    let coach = w.coach().await;
    let e = enrols(app, &coach.signs_in().await).await;
    app.clock.advance(120);
    let now = mid_step(app);
    let b = password_only(app, &coach.email).await;
    assert_eq!(sends(&b, "code", &code_at(&e.secret, now - 60)).await, 422);
    assert_eq!(sends(&b, "code", &code_at(&e.secret, now + 60)).await, 422);
    assert_eq!(sends(&b, "code", &code_at(&e.secret, now - 30)).await, 303);

    let b = password_only(app, &coach.email).await;
    assert_eq!(sends(&b, "code", &code_at(&e.secret, now + 30)).await, 303);
    // Now's code is older than the one last used: never after it.
    let b = password_only(app, &coach.email).await;
    assert_eq!(sends(&b, "code", &code_at(&e.secret, now)).await, 422);
}

#[tokio::test]
async fn a_recovery_code_works_once_and_a_new_set_replaces_the_old() {
    let w = World::new().await;
    let app = &w.app;
    let coach = w.coach().await;
    let e = enrols(app, &coach.signs_in().await).await;
    let first = &e.recovery_codes[0];
    assert_eq!(first.len(), 29, "24 characters in groups of four: {first}");

    let b = password_only(app, &coach.email).await;
    let typed = first.to_lowercase().replace('-', " ");
    assert_eq!(sends(&b, "recovery_code", &typed).await, 303);
    assert!(
        b.get_html("/account")
            .await
            .contains("Varakoodeja jäljellä: 9.")
    );
    let again = password_only(app, &coach.email).await;
    assert_eq!(sends(&again, "recovery_code", first).await, 422);

    // A new set asks for the password, and the old codes stop working.
    let res = b
        .post_form(
            "/account/second-factor",
            "/account/second-factor/recovery-codes",
            &[("current_password", "not the password")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = b
        .post_form(
            "/account/second-factor",
            "/account/second-factor/recovery-codes",
            &[("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);
    let fresh = between(&res.text().await.unwrap(), "<li><code>", "</code>").len();
    assert_eq!(fresh, 10);
    assert_eq!(
        sends(&again, "recovery_code", &e.recovery_codes[1]).await,
        422
    );

    let actions = app.audit_actions().await;
    assert_eq!(count(&actions, "second_factor.recovery_code_used"), 1);
    assert_eq!(count(&actions, "second_factor.recovery_codes_replaced"), 1);
}

#[tokio::test]
async fn staff_who_must_have_one_set_it_up_before_anything_else() {
    let w = World::new().await;
    let app = &w.app;
    default_rule(app).await;
    let (cm, coach) = (w.case_manager().await, w.coach().await);

    // A coach need not; a case manager must, and reaches only the setting-up page.
    let b_coach = coach.signs_in().await;
    assert_eq!(b_coach.get("/").await.status(), 200);
    let b = cm.signs_in().await;
    for path in ["/", "/account", "/referrals", "/login/second-factor"] {
        assert_eq!(location(&b, path).await, "/account/second-factor", "{path}");
    }
    let page = b.get_html("/account/second-factor").await;
    assert!(page.contains("Organisaatiosi edellyttää") && !page.contains(r#"href="/referrals""#));
    let (s, _) = cm.get("/me").await;
    assert_eq!(s, 200, "API tokens are a credential of their own");
    enrols(app, &b).await;
    assert_eq!(b.get("/").await.status(), 200);
    // Where it is required, it cannot be turned off.
    let res = b
        .post_form(
            "/account/second-factor",
            "/account/second-factor/disable",
            &[("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 409);

    // The organisation requires it of all its staff: the coach's open
    // session is sent to set it up at its next page.
    let owner = w.owner().await.id.clone();
    let path = format!("/organisations/{owner}/second-factor");
    let body = json!({"second_factor": "all_staff"});
    let (s, _) = w.coordinator().await.put(&path, body.clone()).await;
    assert_eq!(s, 403, "an administrator's choice");
    let (s, v) = w.admin().await.put(&path, body).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["second_factor"], "all_staff");
    let (s, v) = w
        .admin()
        .await
        .put(&path, json!({"second_factor": "some"}))
        .await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(location(&b_coach, "/").await, "/account/second-factor");
    let (_, org) = w
        .admin()
        .await
        .get(&format!("/organisations/{owner}"))
        .await;
    assert_eq!(org["second_factor"], "all_staff");
    assert!(
        app.audit_actions()
            .await
            .contains(&"organisation.second_factor".into())
    );

    // The administrator of no organisation follows the installation's rule.
    let admin = w.admin().await.signs_in().await;
    assert_eq!(location(&admin, "/").await, "/account/second-factor");
}

#[tokio::test]
async fn the_demo_signs_in_with_the_password_alone() {
    let app = spawn_with(|c| c.demo = true).await;
    default_rule(&app).await;
    for role in [
        "admin",
        "coordinator",
        "coach",
        "casemanager",
        "specialist",
        "participant",
    ] {
        let b = app.browser();
        let res = b.login(&format!("{role}@demo.invalid"), "klubi-demo").await;
        assert_eq!(res.status(), 303, "{role}");
        assert_eq!(
            b.get("/").await.status(),
            200,
            "{role} reaches the home page"
        );
    }
}

#[tokio::test]
async fn an_administrator_resets_a_lost_phone() {
    let w = World::new().await;
    let app = &w.app;
    let cm = w.case_manager().await;
    let cm_page = cm.signs_in().await;
    enrols(app, &cm_page).await;

    let coordinator = w.coordinator().await.signs_in().await;
    let page = coordinator
        .get_html(&format!("/admin/users/{}", cm.id))
        .await;
    assert!(
        !page.contains("second-factor/reset"),
        "only an administrator resets"
    );
    let res = coordinator
        .post_form(
            &format!("/admin/users/{}", cm.id),
            &format!("/admin/users/{}/second-factor/reset", cm.id),
            &[],
        )
        .await;
    assert_eq!(res.status(), 403);

    let admin = w.admin().await.signs_in().await;
    let user_page = format!("/admin/users/{}", cm.id);
    assert!(
        admin
            .get_html(&user_page)
            .await
            .contains("second-factor/reset")
    );
    let res = admin
        .post_form(&user_page, &format!("{user_page}/second-factor/reset"), &[])
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        app.audit_actions()
            .await
            .contains(&"second_factor.reset".into())
    );
    assert_eq!(
        location(&cm_page, "/").await,
        "/login",
        "their sessions ended"
    );
    let b = cm.signs_in().await;
    assert_eq!(b.get("/").await.status(), 200, "the password alone again");

    let mail = &app.outbox_to(&cm.email).await[0];
    let text = format!(
        "To: {} <{}>\nLanguage: {}\nSubject: {}\n\n{}",
        mail.to_name, mail.to_address, mail.language, mail.subject, mail.body_text
    )
    .replace(&app.base, "http://klubi.test");
    insta::assert_snapshot!("mail_second_factor_reset", text);
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_passwords() {
    let w = World::new().await;
    let app = &w.app;
    let coach = w.coach().await;
    let e = enrols(app, &coach.signs_in().await).await;
    app.clock.advance(60);
    let b = password_only(app, &coach.email).await;
    let right = code_at(&e.secret, mid_step(app));
    for _ in 0..5 {
        assert_eq!(sends(&b, "code", wrong(&right)).await, 422);
    }
    assert_eq!(sends(&b, "code", &right).await, 429);
    assert_eq!(sends(&b, "recovery_code", &e.recovery_codes[0]).await, 429);
    // 15 minutes later the right code passes (the waiting session is gone by
    // then: the password again).
    app.clock.advance(15 * 60 + 1);
    let b = password_only(app, &coach.email).await;
    assert_eq!(
        sends(&b, "code", &code_at(&e.secret, app.clock.now())).await,
        303
    );
    assert_eq!(
        count(&app.audit_actions().await, "second_factor.code_refused"),
        6
    );
}

#[tokio::test]
async fn a_sign_in_waits_five_minutes_for_its_code() {
    let w = World::new().await;
    let app = &w.app;
    let coach = w.coach().await;
    let e = enrols(app, &coach.signs_in().await).await;
    let b = password_only(app, &coach.email).await;
    app.clock.advance(5 * 60);
    assert_eq!(location(&b, "/login/second-factor").await, "/login");
    let code = code_at(&e.secret, app.clock.now());
    let res = b
        .post_form("/login", "/login/second-factor", &[("code", &code)])
        .await;
    assert_eq!(res.headers()["location"], "/login", "not signed in");
    assert_eq!(location(&b, "/account").await, "/login");
}

#[tokio::test]
async fn turning_it_off_asks_for_the_password() {
    let w = World::new().await;
    let app = &w.app;
    let coach = w.coach().await;
    let b = coach.signs_in().await;
    enrols(app, &b).await;
    let off = |pw: &'static str| {
        let b = &b;
        async move {
            b.post_form(
                "/account/second-factor",
                "/account/second-factor/disable",
                &[("current_password", pw)],
            )
            .await
            .status()
        }
    };
    assert_eq!(off("wrong").await, 422);
    assert_eq!(off(PASSWORD).await, 303);
    assert_eq!(coach.signs_in().await.get("/").await.status(), 200);
    assert!(
        app.audit_actions()
            .await
            .contains(&"second_factor.disable".into())
    );
}

#[tokio::test]
async fn the_secret_and_the_codes_are_not_stored_in_clear() {
    let w = World::new().await;
    let app = &w.app;
    let coach = w.coach().await;
    let e = enrols(app, &coach.signs_in().await).await;
    let secret = e.secret.replace(' ', "");
    let code = e.recovery_codes[0].replace('-', "");
    let mut secrets = vec![secret.clone(), code.clone(), e.recovery_codes[0].clone()];
    secrets.push(secret.to_lowercase());

    // Every text column of every row of the tables that hold them.
    let pool = app.raw_pool().await;
    let mut stored = String::new();
    for sql in [
        "SELECT COALESCE(secret_sealed, '') || ' ' || COALESCE(new_secret_sealed, '') FROM second_factors",
        "SELECT code_hash FROM recovery_codes",
        "SELECT details FROM audit_log",
        "SELECT subject || ' ' || body_text FROM mail_outbox",
        "SELECT value FROM settings",
    ] {
        let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
        stored.push_str(&rows.join("\n"));
    }
    pool.close().await;
    assert!(stored.contains("v1."), "the secret is there, sealed");
    assert!(stored.contains(&klubi_app::auth::secret::hash(&code)));
    // And anywhere in SQLite's files.
    if backend() == "sqlite" {
        for name in ["klubi.db", "klubi.db-wal"] {
            if let Ok(bytes) = std::fs::read(app.config.data_dir.join(name)) {
                stored.push_str(&String::from_utf8_lossy(&bytes));
            }
        }
    }
    for s in &secrets {
        assert!(!stored.contains(s.as_str()), "{s} is stored in clear");
    }
}

#[tokio::test]
async fn participants_have_no_second_factor_to_set_up() {
    let w = World::new().await;
    let app = &w.app;
    default_rule(app).await;
    app.create_account(
        "p@x.fi",
        None,
        &[],
        klubi_domain::roles::AccountKind::Participant,
        klubi_domain::people::Language::Fi,
    )
    .await;
    let b = app.signed_in("p@x.fi").await;
    assert_eq!(
        b.get("/").await.status(),
        200,
        "never required of a participant"
    );
    assert!(!b.get_html("/account").await.contains("second-factor"));
    let res = b
        .post_form("/account", "/account/second-factor/start", &[])
        .await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn a_password_reset_link_does_not_skip_the_code() {
    let w = World::new().await;
    let app = &w.app;
    let coach = w.coach().await;
    let e = enrols(app, &coach.signs_in().await).await;
    let b = app.browser();
    let res = b
        .post_form(
            "/password/forgot",
            "/password/forgot",
            &[("email", &coach.email)],
        )
        .await;
    assert_eq!(res.status(), 200);
    app.jobs_done().await;
    let body = &app.outbox_to(&coach.email).await[0].body_text;
    let at = body.find("/link/").expect("a link in the mail");
    let path: String = body[at..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let pw = "a brand new passphrase";
    let res = b
        .post_form(&path, &path, &[("password", pw), ("password_confirm", pw)])
        .await;
    assert_eq!(res.status(), 303, "the password is set");
    assert_eq!(location(&b, "/").await, "/login/second-factor");
    app.clock.advance(30);
    assert_eq!(
        sends(&b, "code", &code_at(&e.secret, app.clock.now())).await,
        303
    );
    assert_eq!(b.get("/").await.status(), 200);
}
