//! Throttling that cannot lock people out or be bypassed (issue 16, item 6):
//! X-Forwarded-For believed only from a trusted proxy, a stranger locks out
//! only themselves, phone numbers counted in one form, every attempt counted
//! atomically, "forgot password" throttled.

use crate::helpers::*;
use klubi_domain::roles::Role;

/// One sign-in attempt from a fresh browser, claiming to come from `xff`.
async fn attempt(app: &TestApp, xff: Option<&str>, who: &str, pw: &str) -> u16 {
    let (csrf, cookie) = app.login_form().await;
    let mut req = app
        .api()
        .post(app.url("/login"))
        .header("cookie", cookie)
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf", csrf.as_str()), ("email", who), ("password", pw)]);
    if let Some(x) = xff {
        req = req.header("x-forwarded-for", x);
    }
    req.send().await.unwrap().status().as_u16()
}

async fn behind_a_proxy() -> TestApp {
    spawn_with(|c| {
        c.trusted_proxies =
            klubi_app::config::Config::parse_trusted_proxies("127.0.0.1/32").unwrap()
    })
    .await
}

#[tokio::test]
async fn a_stranger_cannot_lock_out_a_known_account() {
    let app = behind_a_proxy().await;
    app.create_user("owner@x.fi", None, &[Role::Coach]).await;
    let stranger = Some("198.51.100.1");
    let mut answers = vec![];
    for _ in 0..7 {
        answers.push(attempt(&app, stranger, "owner@x.fi", "wrong password").await);
    }
    assert_eq!(answers, [401, 401, 401, 401, 401, 429, 429]);
    // The owner, from their own address, gets in at once.
    assert_eq!(
        attempt(&app, Some("198.51.100.2"), "owner@x.fi", PASSWORD).await,
        303
    );
}

#[tokio::test]
async fn a_forwarded_for_from_an_untrusted_peer_is_not_believed() {
    // No trusted proxy: a client cannot pose as many by a header.
    let app = spawn_app().await;
    app.create_user("owner@x.fi", None, &[Role::Coach]).await;
    let mut answers = vec![];
    for i in 0..6 {
        let forged = format!("203.0.113.{i}");
        answers.push(attempt(&app, Some(&forged), "owner@x.fi", "wrong password").await);
    }
    assert_eq!(answers, [401, 401, 401, 401, 401, 429]);
}

#[tokio::test]
async fn phone_numbers_are_counted_in_one_form() {
    let app = spawn_app().await;
    let forms = [
        "040 123 4567",
        "+358401234567",
        "0401234567",
        "040-123 45 67",
        "+358 40 123 4567",
        "040 1234567",
    ];
    let mut answers = vec![];
    for typed in forms {
        answers.push(attempt(&app, None, typed, "wrong password").await);
    }
    assert_eq!(answers, [401, 401, 401, 401, 401, 429]);
}

#[tokio::test]
async fn concurrent_wrong_passwords_are_each_counted() {
    let app = spawn_app().await;
    app.create_user("owner@x.fi", None, &[Role::Coach]).await;
    let tries = (0..30).map(|_| attempt(&app, None, "owner@x.fi", "wrong password"));
    let answers = futures::future::join_all(tries).await;
    let let_through = answers.iter().filter(|s| **s == 401).count();
    let refused = answers.iter().filter(|s| **s == 429).count();
    assert_eq!(
        (let_through, refused),
        (5, 25),
        "exactly five tried, however many came at once: {answers:?}"
    );
}

#[tokio::test]
async fn forgot_password_is_throttled_per_address_and_per_account() {
    let app = spawn_app().await;
    app.create_user("owner@x.fi", None, &[Role::Coach]).await;
    let b = app.browser();
    let mut answers = vec![];
    for _ in 0..21 {
        let res = b
            .post_form(
                "/password/forgot",
                "/password/forgot",
                &[("email", "owner@x.fi")],
            )
            .await;
        answers.push(res.status().as_u16());
    }
    assert!(answers[..20].iter().all(|s| *s == 200), "{answers:?}");
    assert_eq!(answers[20], 429);
    app.jobs_done().await;
    assert_eq!(
        app.outbox_to("owner@x.fi").await.len(),
        3,
        "at most three reset mails to one account a quarter of an hour"
    );
}
