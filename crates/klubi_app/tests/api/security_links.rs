//! Links in mail come from configuration only, never from a request's Host
//! header; cookies under https carry the `__Host-` prefix (issue 16, item 1).

use crate::helpers::*;
use klubi_app::config::Config;
use klubi_domain::roles::Role;

#[tokio::test]
async fn a_reset_asked_with_a_forged_host_mails_a_link_to_the_real_address() {
    // No public URL: the case the review found, where the link took the Host.
    let app = spawn_app().await;
    app.create_user("victim@x.fi", None, &[Role::Admin]).await;
    let (csrf, cookie) = app.login_form().await;
    let res = app
        .api()
        .post(app.url("/password/forgot"))
        .header("host", "evil.example")
        .header("cookie", cookie)
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf", csrf.as_str()), ("email", "victim@x.fi")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    app.jobs_done().await;
    let bodies = app.mail_texts_to("victim@x.fi").await;
    assert_eq!(bodies.len(), 1, "one reset mail");
    assert!(!bodies[0].contains("evil.example"), "{}", bodies[0]);
    assert!(
        bodies[0].contains(&format!("{}/link/", app.base)),
        "the link names the address Klubi listens on: {}",
        bodies[0]
    );
}

#[tokio::test]
async fn with_a_public_url_a_forged_host_changes_no_link() {
    let app = spawn_with(|c| c.public_url = Some("https://klubi.example.fi/".into())).await;
    app.create_user("victim@x.fi", None, &[Role::Admin]).await;
    let res = app
        .api()
        .get(app.url("/login"))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    app.asks_for_reset("victim@x.fi").await;
    let bodies = app.mail_texts_to("victim@x.fi").await;
    assert!(
        bodies[0].contains("https://klubi.example.fi/link/"),
        "{}",
        bodies[0]
    );
}

#[tokio::test]
async fn serve_with_mail_refuses_to_start_without_a_public_url() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path().join("data"), fresh_database().await);
    config.smtp_url = Some("smtp://127.0.0.1:2525".into());
    let err = klubi_app::server::start(config.clone(), test_clock())
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("KLUBI_PUBLIC_URL"), "{err}");

    config.public_url = Some("klubi.example.fi".into());
    let err = klubi_app::server::start(config.clone(), test_clock())
        .await
        .err()
        .expect("a public URL without its scheme is refused");
    assert!(err.to_string().contains("https://"), "{err}");

    // Without mail the listen address may serve (the demo).
    config.smtp_url = None;
    config.public_url = None;
    let running = klubi_app::server::start(config, test_clock())
        .await
        .unwrap();
    running.shutdown().await;
}

#[tokio::test]
async fn the_command_line_refuses_mail_without_a_public_url() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klubi"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--smtp-url",
            "smtp://127.0.0.1:2525",
        ])
        .env("KLUBI_DATA_DIR", dir.path())
        .env_remove("KLUBI_PUBLIC_URL")
        .env_remove("KLUBI_DATABASE_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("KLUBI_PUBLIC_URL"), "{err}");
}

#[tokio::test]
async fn under_https_cookies_carry_the_host_prefix_and_no_other_is_believed() {
    let app = spawn_with(|c| c.public_url = Some("https://klubi.example".into())).await;
    app.create_user("s@x.fi", None, &[Role::Admin]).await;
    let (csrf, csrf_cookie) = app.login_form().await;
    assert!(
        csrf_cookie.starts_with("__Host-klubi_csrf="),
        "{csrf_cookie}"
    );
    let res = app
        .api()
        .post(app.url("/login"))
        .header("cookie", &csrf_cookie)
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "s@x.fi"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set.starts_with("__Host-klubi_session="), "{set}");
    for attr in ["Secure", "HttpOnly", "Path=/", "SameSite=Lax"] {
        assert!(set.contains(attr), "{attr} in {set}");
    }
    assert!(!set.contains("Domain"), "{set}");
    let value = set
        .split(';')
        .next()
        .unwrap()
        .strip_prefix("__Host-klubi_session=")
        .unwrap();
    let account = |cookie: String| {
        let req = app.api().get(app.url("/account")).header("cookie", cookie);
        async move { req.send().await.unwrap().status() }
    };
    assert_eq!(account(format!("__Host-klubi_session={value}")).await, 200);
    assert_eq!(
        account(format!("klubi_session={value}")).await,
        303,
        "a cookie without the prefix (which a sibling domain could plant) is not read"
    );
}

#[tokio::test]
async fn over_plain_http_cookies_keep_their_plain_names() {
    let app = spawn_app().await;
    let (_, cookie) = app.login_form().await;
    assert!(cookie.starts_with("klubi_csrf="), "{cookie}");
}

#[tokio::test]
async fn urls_in_a_response_follow_the_host_as_api_md_says() {
    // API.md: URLs in responses come from KLUBI_PUBLIC_URL when set, otherwise
    // from the request's Host; mail (above) never does.
    let app = spawn_app().await;
    let user = app.create_user("c@x.fi", None, &[Role::Coach]).await;
    let token = app.token_for(&user).await;
    let feed = |host: &'static str| {
        let req = app
            .api()
            .get(app.url("/api/v1/me/calendar-feed"))
            .bearer_auth(&token)
            .header("host", host);
        async move {
            let v: serde_json::Value = req.send().await.unwrap().json().await.unwrap();
            v["url"].as_str().unwrap().to_string()
        }
    };
    let url = feed("klubi.local:8080").await;
    assert!(
        url.starts_with("http://klubi.local:8080/api/v1/me/calendar.ics?token="),
        "{url}"
    );
    let odd = feed("a\"b").await;
    assert!(
        odd.starts_with(&app.base),
        "an odd Host is not echoed: {odd}"
    );
}
