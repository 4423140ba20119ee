//! No usable secret at rest or in logs (issue 16, item 3): a copy of the
//! database (or of its files) holds no working sign-in link or calendar URL;
//! a sent mail's body is gone; the log never holds a body.

use crate::helpers::*;
use klubi_domain::roles::Role;
use sqlx::Row;

/// Every text value of every row of `table`, as one string per row.
async fn raw_rows(app: &TestApp, table: &str) -> Vec<String> {
    let pool = app.raw_pool().await;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM {table}")))
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    rows.iter()
        .map(|r| {
            (0..r.len())
                .filter_map(|i| r.try_get::<Option<String>, _>(i).ok().flatten())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

/// The secret part of the first `/link/…` in `text`.
fn link_token(text: &str) -> String {
    let at = text.find("/link/").expect("a link") + "/link/".len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Whether any file of the SQLite database (with its WAL) holds `needle`.
fn in_database_files(app: &TestApp, needle: &str) -> bool {
    std::fs::read_dir(&app.config.data_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("klubi.db"))
        .any(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
}

#[tokio::test]
async fn the_outbox_holds_no_usable_link() {
    let app = spawn_app().await;
    app.create_user("someone@x.fi", None, &[Role::Admin]).await;
    app.asks_for_reset("someone@x.fi").await;
    app.jobs_done().await;
    // The app itself (with its key) still reads the link: an admin can hand it over.
    let text = app.mail_texts_to("someone@x.fi").await.remove(0);
    let token = link_token(&text);
    assert_eq!(token.len(), 43, "{text}");
    for row in raw_rows(&app, "mail_outbox").await {
        assert!(!row.contains(&token), "the token in the outbox row: {row}");
        assert!(!row.contains("/link/"), "a link in the outbox row: {row}");
    }
    if backend() == "sqlite" {
        assert!(
            !in_database_files(&app, &token),
            "the token in the database's files"
        );
    }
    // And the link works: sealing kept it for its holder.
    let page = app.browser().get(&format!("/link/{token}")).await;
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn a_sent_mails_body_is_dropped() {
    let app = spawn_with_smtp().await;
    app.create_user("someone@x.fi", None, &[Role::Admin]).await;
    app.asks_for_reset("someone@x.fi").await;
    let arrived = app.smtp.as_ref().unwrap().wait_for("someone@x.fi").await;
    assert!(
        arrived.contains("/link/"),
        "the mail itself carries the link"
    );
    app.jobs_done().await;
    let pool = app.raw_pool().await;
    let row = sqlx::query("SELECT status, body_text FROM mail_outbox")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    assert_eq!(row.get::<String, _>("status"), "sent");
    assert_eq!(row.get::<String, _>("body_text"), "", "dropped once sent");
}

#[tokio::test]
async fn an_administrator_reads_an_unsent_mail_on_the_outbox_page_audited() {
    let app = spawn_app().await;
    app.create_user("admin@x.fi", None, &[Role::Admin]).await;
    app.create_user("new@x.fi", None, &[Role::Admin]).await;
    app.asks_for_reset("new@x.fi").await;
    app.jobs_done().await;
    let id = app.outbox_to("new@x.fi").await.remove(0).id;
    let admin = app.signed_in("admin@x.fi").await;
    let list = admin.get_html("/admin/outbox").await;
    assert!(list.contains(&format!("/admin/outbox/{id}")));
    assert!(!list.contains("/link/"), "the list shows no body");
    let page = admin.get_html(&format!("/admin/outbox/{id}")).await;
    let text = app.mail_texts_to("new@x.fi").await.remove(0);
    assert!(page.contains(&link_token(&text)), "the link to hand over");
    assert!(app.audit_actions().await.contains(&"mail.read".to_string()));

    // Someone else's page is not found; nor is the page for anyone but an admin.
    assert_eq!(admin.get("/admin/outbox/nope").await.status(), 404);
    let coach_id = app.create_user("coach@x.fi", None, &[Role::Coach]).await;
    assert!(!coach_id.is_empty());
    let coach = app.signed_in("coach@x.fi").await;
    assert_eq!(
        coach.get(&format!("/admin/outbox/{id}")).await.status(),
        403
    );
}

#[tokio::test]
async fn a_calendar_url_is_not_in_the_database_and_needs_the_key() {
    let app = spawn_app().await;
    let user = app.create_user("coach@x.fi", None, &[Role::Coach]).await;
    let token = app.token_for(&user).await;
    let feed = app.get_json("/api/v1/me/calendar-feed", &token).await;
    let url = feed["url"].as_str().unwrap().to_string();
    let secret = url.split("token=").nth(1).unwrap().to_string();
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    for row in raw_rows(&app, "calendar_feeds").await {
        assert!(!row.contains(&secret), "the feed's secret stored: {row}");
    }

    // The same database served with another key (a thief's copy) cannot
    // make the URL again: what it makes leads nowhere.
    let mut other = app.config.clone();
    other.addr = "127.0.0.1:0".parse().unwrap();
    other.secret_key_file = Some(app.dir.path().join("another.key"));
    let stranger = klubi_app::server::start(other, app.clock.clone())
        .await
        .unwrap();
    let there = format!("http://{}", stranger.addr);
    let made = reqwest::Client::new()
        .get(format!("{there}/api/v1/me/calendar-feed"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let made = made["url"].as_str().unwrap().to_string();
    assert!(!made.contains(&secret), "{made}");
    let made_path = made.split("/api/").nth(1).unwrap();
    let res = reqwest::get(format!("{there}/api/{made_path}"))
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "a URL made without the key is no feed");
    stranger.shutdown().await;

    // With the same key the owner is shown the same URL again.
    let again = app.get_json("/api/v1/me/calendar-feed", &token).await;
    assert_eq!(again["url"].as_str().unwrap(), url);
}

#[tokio::test]
async fn without_smtp_the_log_holds_no_mail_body() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let db_url = fresh_database().await;
    let bin = env!("CARGO_BIN_EXE_klubi");
    let env: Vec<(&str, String)> = vec![
        ("KLUBI_DATA_DIR", dir.path().display().to_string()),
        ("KLUBI_PASSWORD", PASSWORD.to_string()),
    ];
    let create = std::process::Command::new(bin)
        .args(["admin", "create", "--email", "a@x.fi", "--name", "A"])
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env_remove("KLUBI_DATABASE_URL")
        .envs(db_url.iter().map(|u| ("KLUBI_DATABASE_URL", u.as_str())))
        .output()
        .unwrap();
    assert!(create.status.success(), "{create:?}");
    let mut child = std::process::Command::new(bin)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env_remove("KLUBI_SMTP_URL")
        .env_remove("KLUBI_DATABASE_URL")
        .envs(db_url.iter().map(|u| ("KLUBI_DATABASE_URL", u.as_str())))
        .env("KLUBI_LOG", "debug")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("a listening line").unwrap();
        if let Some(u) = line.strip_prefix("Klubi listening on ") {
            break u.trim().to_string();
        }
    };
    let stderr = child.stderr.take().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let log = std::thread::spawn({
        let seen = seen.clone();
        move || {
            for line in BufReader::new(stderr).lines() {
                let mut all = seen.lock().unwrap();
                all.push_str(&line.unwrap_or_default());
                all.push('\n');
            }
        }
    });
    let b = Browser::new(&base);
    let res = b
        .post_form(
            "/password/forgot",
            "/password/forgot",
            &[("email", "a@x.fi")],
        )
        .await;
    assert_eq!(res.status(), 200);
    // The worker writes its line when it has handled the mail.
    eventually(
        "the mail is handled",
        std::time::Duration::from_secs(20),
        std::time::Duration::from_millis(100),
        || {
            let done = seen.lock().unwrap().contains("mail not sent");
            async move { done.then_some(()) }
        },
    )
    .await;
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    child.wait().unwrap();
    log.join().unwrap();
    let log = seen.lock().unwrap().clone();
    assert!(log.contains("mail not sent"), "the mail was logged: {log}");
    assert!(!log.contains("/link/"), "no link in the log: {log}");
}
