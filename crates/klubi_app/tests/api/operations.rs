use crate::helpers::*;
use klubi_domain::roles::Role;
use std::io::BufRead;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_klubi");

fn klubi(app: &TestApp) -> Command {
    let mut c = Command::new(BIN);
    c.env("KLUBI_DATA_DIR", &app.config.data_dir);
    match &app.config.database_url {
        Some(u) => c.env("KLUBI_DATABASE_URL", u),
        None => c.env_remove("KLUBI_DATABASE_URL"),
    };
    c
}

#[tokio::test]
async fn two_servers_on_one_database_share_a_login_session() {
    let first = spawn_app().await;
    first.create_user("shared@x.fi", None, &[Role::Admin]).await;
    let mut config = first.config.clone();
    config.addr = "127.0.0.1:0".parse().unwrap();
    let second = klubi_app::server::start(config, first.clock.clone())
        .await
        .unwrap();
    let b = first.signed_in("shared@x.fi").await;
    assert_eq!(b.get("/account").await.status(), 200);
    let other = Browser {
        base: format!("http://{}", second.addr),
        client: b.client.clone(),
    };
    let res = other.get("/account").await;
    assert_eq!(
        res.status(),
        200,
        "the login session made on one server works on the other"
    );
    // Logging out on the second ends it on the first.
    other.post_form("/", "/logout", &[]).await;
    assert_eq!(b.get("/account").await.status(), 303);
    second.shutdown().await;
}

#[tokio::test]
async fn cli_creates_an_admin_and_a_token_that_the_server_accepts() {
    let app = spawn_app().await;
    let out = klubi(&app)
        .args([
            "admin",
            "create",
            "--email",
            "Root@X.fi",
            "--name",
            "Root Admin",
        ])
        .env("KLUBI_PASSWORD", "a long admin password")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = klubi(&app)
        .args(["token", "create", "--email", "root@x.fi"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let me = app.get_json("/api/v1/me", &token).await;
    assert_eq!(me["email"], "root@x.fi");
    assert_eq!(me["roles"], serde_json::json!(["admin"]));
    assert_eq!(
        app.signed_in_with("root@x.fi", "a long admin password")
            .await,
        303
    );

    let bad = klubi(&app)
        .args(["token", "create", "--email", "nobody@x.fi"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let out = klubi(&app).arg("migrate").output().unwrap();
    assert!(out.status.success());
}

#[tokio::test]
async fn backup_while_serving_and_restore_into_a_new_data_dir() {
    let app = spawn_app().await;
    let org = app.create_org("Kept Org").await;
    app.create_user("kept@x.fi", Some(&org), &[Role::Coordinator])
        .await;
    let target = app.dir.path().join("backup.db");
    let out = klubi(&app)
        .args(["backup", "--to"])
        .arg(&target)
        .output()
        .unwrap();
    if app.config.database_url.is_some() {
        // PostgreSQL is backed up with pg_dump; the command says so instead of pretending.
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
        return;
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Refuses to overwrite an existing file.
    let again = klubi(&app)
        .args(["backup", "--to"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(!again.status.success());

    // Restore: the backup file becomes klubi.db of a new data directory.
    let restored_dir = tempfile::tempdir().unwrap();
    let data = restored_dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(&target, data.join("klubi.db")).unwrap();
    let config = klubi_app::config::Config::new(data, None);
    let restored = start(config, app.clock.clone(), restored_dir, None).await;
    let b = restored.signed_in("kept@x.fi").await;
    assert!(b.get_html("/admin/users").await.contains("Kept Org"));
}

#[tokio::test]
async fn serve_prints_its_address_loads_demo_once_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db_url = fresh_database().await;
    let run = || {
        let mut c = Command::new(BIN);
        c.args(["serve", "--addr", "127.0.0.1:0", "--demo"])
            .env("KLUBI_CLOCK_START", TEST_NOW)
            .env("KLUBI_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        match &db_url {
            Some(u) => c.env("KLUBI_DATABASE_URL", u),
            None => c.env_remove("KLUBI_DATABASE_URL"),
        };
        let mut child = c.spawn().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("Klubi listening on ")
            .expect(&line)
            .to_string();
        (child, base)
    };
    // How often the demo's pending referral shows in triage, each round.
    let mut kalle_in_triage = vec![];
    for round in 0..2 {
        let (mut child, base) = run();
        let b = Browser::new(&base);
        assert_eq!(
            b.login("coordinator@demo.invalid", "klubi-demo")
                .await
                .status(),
            303,
            "round {round}"
        );
        let triage = b.get_html("/triage").await;
        kalle_in_triage.push(triage.matches("Kalle Kivi").count());
        if round == 0 {
            // Referrals in every state.
            assert!(triage.contains("Kalle Kivi") && triage.contains("Mikko Salo"));
            let cm = Browser::new(&base);
            cm.login("casemanager@demo.invalid", "klubi-demo").await;
            let mine = cm.get_html("/referrals").await;
            for status in [
                "Odottaa päätöstä",
                "Ryhmässä",
                "Jonossa",
                "Hylätty",
                "Peruttu",
            ] {
                assert!(mine.contains(status), "{status}");
            }
            let p = Browser::new(&base);
            p.login("participant@demo.invalid", "klubi-demo").await;
            let home = p.get_html("/").await;
            assert!(home.contains("Työnhakuklubi, ryhmä 1"), "{home}");
            assert!(home.contains("Seuraava tapaaminen"));
        }
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = child.wait().unwrap();
        assert!(exit.success(), "graceful exit after SIGTERM, round {round}");
    }
    // The second start found the demo loaded and loaded nothing again.
    assert!(kalle_in_triage[0] >= 1, "{kalle_in_triage:?}");
    assert_eq!(kalle_in_triage[0], kalle_in_triage[1]);
}

/// `klubi bench-data` (hidden, for docs/benchmarks.md) writes through the app's
/// own functions: the groups it makes are real groups the coach then sees.
#[tokio::test]
async fn bench_data_makes_groups_the_coach_facilitates() {
    let app = spawn_app().await;
    let org = app.create_org("Polku Oy").await;
    let coach = app
        .create_user("coach@b.fi", Some(&org), &[Role::Coach])
        .await;
    let out = klubi(&app)
        .args(["bench-data", "--groups", "4", "--meetings-per-group", "3"])
        .args(["--coach-email", "coach@b.fi", "--coach-groups", "2"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("4 groups and 12 meetings written"));
    let token = app.token_for(&coach).await;
    let mine = app.get_json("/api/v1/groups?mine=true", &token).await;
    let items = mine["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{mine}");
    let meetings = app
        .get_json(
            &format!(
                "/api/v1/groups/{}/meetings",
                items[0]["id"].as_str().unwrap()
            ),
            &token,
        )
        .await;
    assert_eq!(meetings["items"].as_array().unwrap().len(), 3);
    let bad = klubi(&app)
        .args(["bench-data", "--coach-email", "nobody@b.fi"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}
