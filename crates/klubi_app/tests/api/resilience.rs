//! What the layers make of handlers that panic or hang, of shutdowns with work in
//! flight, and of several workers on one queue.

use crate::helpers::*;
use axum::Router;
use axum::routing::get;
use klubi_app::state::AppStateRef;
use std::time::Duration;

async fn boom() -> &'static str {
    panic!("a bug in a handler")
}

fn trouble() -> Router<AppStateRef> {
    Router::new()
        .route("/test/panic", get(boom))
        .route("/api/v1/test/panic", get(boom))
        .route(
            "/test/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(1500)).await;
                "finished"
            }),
        )
}

async fn spawn_trouble(timeout_secs: u64) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        klubi_app::config::Config::new(dir.path().join("data"), fresh_database().await);
    config.request_timeout_secs = timeout_secs;
    start_with_routes(config, test_clock(), dir, None, trouble()).await
}

#[tokio::test]
async fn a_panic_becomes_a_500_page_or_problem_and_the_server_goes_on() {
    let app = spawn_trouble(30).await;
    let page = app.api().get(app.url("/test/panic")).send().await.unwrap();
    assert_eq!(page.status(), 500);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Mitään tallennettua ei kadonnut")
    );
    let api = app
        .api()
        .get(app.url("/api/v1/test/panic"))
        .bearer_auth(
            app.token_for(&app.create_user("a@x.fi", None, &[]).await)
                .await,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 500);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    assert_eq!(
        app.api()
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_with_an_error() {
    let app = spawn_trouble(1).await;
    let res = app.api().get(app.url("/test/slow")).send().await.unwrap();
    assert_eq!(res.status(), 503);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Palvelu ei vastannut ajoissa")
    );
}

#[tokio::test]
async fn shutdown_lets_requests_in_flight_finish() {
    let mut app = spawn_trouble(30).await;
    let client = app.api();
    let url = app.url("/test/slow");
    let in_flight = tokio::spawn(async move { client.get(url).send().await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.running.take().unwrap().shutdown().await;
    let res = in_flight
        .await
        .unwrap()
        .expect("the request in flight was answered");
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "finished");
}

#[tokio::test]
async fn two_workers_send_every_queued_mail_exactly_once() {
    let first = spawn_with_smtp().await;
    let mut config = first.config.clone();
    config.addr = "127.0.0.1:0".parse().unwrap();
    let second = klubi_app::server::start(config, first.clock.clone())
        .await
        .unwrap();
    let n = 20;
    let mut tx = first.db().begin().await.unwrap();
    for i in 0..n {
        let to = format!("r{i}@x.fi");
        klubi_db::outbox::enqueue(
            &mut tx,
            first.clock.now(),
            klubi_db::outbox::NewMail {
                to_address: &to,
                to_name: "R",
                language: "fi",
                subject: "S",
                body_text: "B",
            },
        )
        .await
        .unwrap();
    }
    klubi_db::commit(tx).await.unwrap();
    // Both workers wake up to the queue at once.
    first
        .running
        .as_ref()
        .unwrap()
        .state
        .jobs_notify
        .notify_one();
    second.state.jobs_notify.notify_one();
    let sink = first.smtp.as_ref().unwrap();
    for i in 0..n {
        sink.wait_for(&format!("r{i}@x.fi")).await;
    }
    first.jobs_done().await;
    // The job table says who sent what: every mail's job claimed once (one
    // attempt, so one send) and done, and both workers took their share.
    let jobs = first.mail_jobs().await;
    assert_eq!(jobs.len(), n, "{jobs:?}");
    assert!(
        jobs.iter()
            .all(|(attempts, _, done)| *attempts == 1 && *done),
        "each mail claimed exactly once and sent: {jobs:?}"
    );
    let workers: std::collections::BTreeSet<_> =
        jobs.iter().filter_map(|(_, w, _)| w.clone()).collect();
    assert_eq!(workers.len(), 2, "both workers claimed mail: {jobs:?}");
    let outbox = first.outbox().await;
    assert_eq!(outbox.len(), n);
    assert!(outbox.iter().all(|m| m.status == "sent"), "{outbox:?}");
    // And the SMTP server, read after every job is done, got each mail once.
    for i in 0..n {
        assert_eq!(
            sink.messages_to(&format!("r{i}@x.fi")).len(),
            1,
            "mail {i} sent once"
        );
    }
    let depth = klubi_db::jobs::depth(first.db(), first.clock.now())
        .await
        .unwrap();
    assert_eq!(depth.due, 0);
    second.shutdown().await;
}

#[tokio::test]
async fn many_failures_from_one_address_throttle_even_fresh_accounts() {
    let app = spawn_app().await;
    app.create_user("victim@x.fi", None, &[klubi_domain::roles::Role::Admin])
        .await;
    let b = app.browser();
    let html = b.get_html("/login").await;
    let token = csrf_token(&html);
    for i in 0..50 {
        let email = format!("spray{i}@x.fi");
        let res = b
            .post_raw(
                "/login",
                &[("csrf", &token), ("email", &email), ("password", "guess")],
            )
            .await;
        assert_eq!(res.status(), 401);
    }
    let res = b
        .post_raw(
            "/login",
            &[
                ("csrf", &token),
                ("email", "victim@x.fi"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 429, "this address is throttled");
}

#[tokio::test]
async fn over_https_cookies_are_secure_and_hsts_is_sent() {
    let app = spawn_with(|c| c.public_url = Some("https://klubi.example".into())).await;
    app.create_user("s@x.fi", None, &[klubi_domain::roles::Role::Admin])
        .await;
    let res = app.api().get(app.url("/login")).send().await.unwrap();
    assert!(res.headers().contains_key("strict-transport-security"));
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn failed_mail_is_retried_with_growing_backoff() {
    use sqlx::Row;
    // A port nobody listens on: every send fails.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_with(|c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{closed}"));
        c.public_url = Some("http://klubi.example".into());
    })
    .await;
    let now = app.clock.now();
    let mut tx = app.db().begin().await.unwrap();
    klubi_db::outbox::enqueue(
        &mut tx,
        now,
        klubi_db::outbox::NewMail {
            to_address: "x@x.fi",
            to_name: "X",
            language: "fi",
            subject: "S",
            body_text: "B",
        },
    )
    .await
    .unwrap();
    klubi_db::commit(tx).await.unwrap();
    app.running.as_ref().unwrap().state.jobs_notify.notify_one();

    let pool = app.raw_pool().await;
    let job = || {
        let pool = pool.clone();
        async move {
            let r = sqlx::query("SELECT attempts, run_at, last_error FROM jobs")
                .fetch_one(&pool)
                .await
                .unwrap();
            (
                r.get::<i64, _>(0),
                r.get::<i64, _>(1),
                r.get::<Option<String>, _>(2),
            )
        }
    };
    let mut seen = (0, 0, None);
    for _ in 0..100 {
        seen = job().await;
        if seen.0 == 1 && seen.2.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(seen.0, 1, "one attempt made");
    assert!(seen.2.as_deref().unwrap().contains("smtp"), "{seen:?}");
    let first_retry = seen.1;
    assert!(first_retry >= now + 30 && first_retry <= app.clock.now() + 30);
    assert_eq!(
        klubi_db::jobs::depth(app.db(), app.clock.now())
            .await
            .unwrap()
            .scheduled,
        1
    );

    app.clock.advance(31);
    app.running.as_ref().unwrap().state.jobs_notify.notify_one();
    for _ in 0..100 {
        seen = job().await;
        if seen.0 == 2 && seen.1 > first_retry {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(seen.0, 2, "retried once the backoff passed");
    assert!(
        seen.1 >= app.clock.now() + 55,
        "the second wait is longer: {seen:?}"
    );
    let mail = klubi_db::outbox::list(app.db(), 1).await.unwrap();
    assert_eq!(mail[0].status, "pending", "not sent, still in the outbox");
}

#[tokio::test]
async fn a_bad_smtp_url_stops_start_up_instead_of_failing_each_mail() {
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        klubi_app::config::Config::new(dir.path().join("data"), fresh_database().await);
    config.smtp_url = Some("gopher://mail".into());
    config.public_url = Some("https://klubi.example".into());
    let err = klubi_app::server::start(config, test_clock())
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("KLUBI_SMTP_URL: "), "{err}");
}
