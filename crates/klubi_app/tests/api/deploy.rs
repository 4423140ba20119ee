//! The production shape of docs/deploy/, run on this machine: Debian's nginx
//! with the site file `docs/deploy/nginx.conf` as written (this test's ports
//! put in), in front of two `klubi serve` processes started as
//! `klubi@.service` starts them (its ExecStart, its environment files), on one
//! PostgreSQL database, sending mail to a real SMTP server. One instance is
//! killed with SIGKILL in the middle of writes made through nginx; then
//!
//! - every write nginx acknowledged (2xx) is in the database, and every
//!   request sent after the kill was answered, by the other instance;
//! - the login session made on the killed instance works on the other;
//! - login throttling counted the real client's address: neither nginx's
//!   (one address for everyone) nor what the client claimed in X-Forwarded-For;
//! - every mail queued arrived once.
//!
//! PostgreSQL only (several processes on one database); without nginx at
//! /usr/sbin/nginx it fails rather than skips (scripts/test installs it).

mod machine;

use crate::helpers::*;
use crate::world::{id_of, meeting};
use machine::*;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const ADMIN: &str = "admin@klubi.example.fi";

/// Everything running, stopped in this order when dropped.
struct Site {
    _nginx: Proc,
    instances: Vec<(Proc, String)>,
    sink: SmtpSink,
    public: String,
    database_url: String,
    nginx_dir: tempfile::TempDir,
    /// The administrator's API token (`klubi token create`).
    admin: String,
    _dir: tempfile::TempDir,
}

impl Site {
    /// As docs/deploy/README.md says: migrate once (which makes the key the
    /// instances share), an administrator, both instances, nginx.
    async fn start() -> Site {
        require_nginx();
        let dir = tempfile::tempdir().unwrap();
        let nginx_dir = tempfile::tempdir().unwrap();
        let sink = SmtpSink::start(dir.path().join("mail"));
        let database_url = fresh_database().await.unwrap();
        let port = free_port();
        let public = format!("http://127.0.0.1:{port}");

        // The unit's command and environment with this site's own values put
        // in; the rest (the trusted proxy, the sender, the log) as documented.
        let ((args, env_a), (_, env_b)) = (unit("a"), unit("b"));
        assert_eq!(args, ["serve"], "ExecStart");
        for key in [
            "KLUBI_DATABASE_URL",
            "KLUBI_SECRET_KEY_FILE",
            "KLUBI_PUBLIC_URL",
        ] {
            assert_eq!(env_a.get(key), env_b.get(key), "both instances share {key}");
        }
        assert_eq!(env_a["KLUBI_TRUSTED_PROXIES"], "127.0.0.1/32");
        let documented = [env_a["KLUBI_ADDR"].clone(), env_b["KLUBI_ADDR"].clone()];
        let data = dir.path().join("data");
        let here = |mut env: Env| {
            for (k, v) in [
                ("KLUBI_ADDR", "127.0.0.1:0".to_string()),
                ("KLUBI_DATABASE_URL", database_url.clone()),
                ("KLUBI_DATA_DIR", data.display().to_string()),
                (
                    "KLUBI_SECRET_KEY_FILE",
                    data.join("secret.key").display().to_string(),
                ),
                ("KLUBI_PUBLIC_URL", public.clone()),
                ("KLUBI_SMTP_URL", format!("smtp://127.0.0.1:{}", sink.port)),
            ] {
                assert!(env.contains_key(k), "the environment files set {k}");
                env.insert(k.to_string(), v);
            }
            // For tests only: every instance's clock starts at TEST_NOW.
            env.insert("KLUBI_CLOCK_START".into(), TEST_NOW.into());
            env
        };
        let (env_a, env_b) = (here(env_a), here(env_b));

        command(&env_a, &["migrate"]);
        let mut with_password = env_a.clone();
        with_password.insert("KLUBI_PASSWORD".into(), PASSWORD.into());
        let create = ["admin", "create", "--email", ADMIN, "--name", "Ylläpitäjä"];
        command(&with_password, &create);
        let admin = command(&env_a, &["token", "create", "--email", ADMIN]);
        let ((a, addr_a), (b, addr_b)) = tokio::join!(
            serve("a", &args, &env_a, dir.path()),
            serve("b", &args, &env_b, dir.path())
        );
        let upstreams = [
            (documented[0].as_str(), addr_a.as_str()),
            (documented[1].as_str(), addr_b.as_str()),
        ];
        let nginx = start_nginx(nginx_dir.path(), port, upstreams);
        let client = reqwest::Client::new();
        let every = Duration::from_millis(50);
        eventually("nginx", Duration::from_secs(20), every, || async {
            let res = client.get(format!("{public}/healthz")).send().await;
            res.is_ok_and(|r| r.status() == 200).then_some(())
        })
        .await;
        Site {
            _nginx: nginx,
            instances: vec![(a, addr_a), (b, addr_b)],
            sink,
            public,
            database_url,
            nginx_dir,
            admin: admin.trim().to_string(),
            _dir: dir,
        }
    }

    /// A browser from that loopback address, through nginx.
    fn browser(&self, ip: &str) -> Browser {
        Browser {
            base: self.public.clone(),
            client: client_from(ip),
        }
    }

    /// The API through nginx, from 127.0.0.1.
    fn api(&self) -> Api {
        Api {
            base: self.public.clone(),
            client: client_from("127.0.0.1"),
        }
    }

    /// Who answered the last request logged as `request` ("POST /login 303").
    async fn last_served(&self, request: &str) -> String {
        let every = Duration::from_millis(20);
        eventually(request, Duration::from_secs(5), every, || {
            let by = served_by(self.nginx_dir.path(), request).pop();
            async move { by }
        })
        .await
    }

    async fn pool(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&self.database_url).await.unwrap()
    }
}

/// Throttling sees the real client. From 127.0.0.2, 50 wrong passwords, each
/// claiming another address in X-Forwarded-For and spread by nginx over both
/// instances: the 51st sign-in is refused, with the right password. Another
/// client (127.0.0.3) is not: nginx's own address is not what counts either.
async fn throttling_counts_the_real_client(site: &Site, pool: &sqlx::AnyPool) {
    let spray = site.browser("127.0.0.2");
    let csrf = csrf_token(&spray.get_html("/login").await);
    let attempt = |email: String, password: &'static str, claimed: String| {
        let (spray, csrf) = (&spray, &csrf);
        async move {
            let form = [
                ("csrf", csrf.as_str()),
                ("email", &email),
                ("password", password),
            ];
            let req = spray.client.post(format!("{}/login", spray.base));
            let req = req.header("sec-fetch-site", "same-origin");
            let res = req.header("x-forwarded-for", claimed).form(&form).send();
            res.await.unwrap().status().as_u16()
        }
    };
    for i in 1..=50 {
        let claimed = format!("203.0.113.{i}");
        let status = attempt(format!("spray{i}@x.fi"), "guess", claimed).await;
        assert_eq!(status, 401, "failed sign-in {i}");
    }
    let status = attempt(ADMIN.into(), PASSWORD, "198.51.100.1".into()).await;
    assert_eq!(status, 429, "the 51st sign-in from 127.0.0.2");
    let failed = served_by(site.nginx_dir.path(), "POST /login 401");
    let by: HashSet<_> = failed.iter().collect();
    assert_eq!(by.len(), 2, "both instances took failures: {by:?}");
    let other = site.browser("127.0.0.3").login(ADMIN, PASSWORD).await;
    assert_eq!(other.status(), 303, "another client is not throttled");
    // Every attempt is counted before it is tried and a right one given back:
    // the 50 failures and the refused 51st, all under the real address.
    let sql =
        "SELECT key, hits FROM login_throttle WHERE key LIKE 'ip:%' AND hits > 0 ORDER BY key";
    let counted: Vec<(String, i64)> = sqlx::query_as(sql).fetch_all(pool).await.unwrap();
    assert_eq!(
        counted,
        [("ip:127.0.0.2".into(), 51)],
        "attempts by address"
    );
}

/// Tokens of the people who write.
struct Staff {
    coordinator: String,
    coach: String,
    case_manager: String,
}

/// The administrator makes an organisation and its staff through nginx (each
/// is invited by mail) and gives them tokens; the coordinator starts a group
/// with a meeting. Also every write made, as (table, id).
async fn staff_and_group(site: &Site) -> (Staff, String, String, Vec<(&str, String)>) {
    let (api, admin) = (site.api(), site.admin.as_str());
    let org = json!({"name": "Tampereen työllisyys", "kind": "employment_services"});
    let org = id_of(
        &api.must(admin, Method::POST, "/organisations", org, 201)
            .await,
    );
    let mut made = vec![("organisations", org.clone())];
    let mut people = vec![];
    for (email, role) in [
        ("coord@a.fi", "coordinator"),
        ("coach@a.fi", "coach"),
        ("cm@a.fi", "case_manager"),
    ] {
        let user = json!({"email": email, "name": format!("Test {email}"),
                          "organisation_id": org, "roles": [role]});
        let user = id_of(&api.must(admin, Method::POST, "/users", user, 201).await);
        made.push(("users", user.clone()));
        let path = format!("/users/{user}/tokens");
        let token = api.must(admin, Method::POST, &path, json!({}), 201).await;
        people.push((user, token["token"].as_str().unwrap().to_string()));
    }
    let staff = Staff {
        coordinator: people[0].1.clone(),
        coach: people[1].1.clone(),
        case_manager: people[2].1.clone(),
    };
    let group = json!({"format_id": "template-tampere", "name": "Klubi", "location": "Hämeenkatu 1",
                       "capacity": 100, "facilitator_ids": [people[1].0]});
    let group = id_of(
        &api.must(&staff.coordinator, Method::POST, "/groups", group, 201)
            .await,
    );
    made.push(("club_groups", group.clone()));
    let m = meeting(
        "2026-11-16T09:00:00+02:00",
        "2026-11-16T12:00:00+02:00",
        "regular",
        "cv",
    );
    let path = format!("/groups/{group}/meetings");
    let m = id_of(
        &api.must(&staff.coordinator, Method::POST, &path, m, 201)
            .await,
    );
    made.push(("meetings", m.clone()));
    (staff, group, m, made)
}

/// What the writers sent through nginx.
#[derive(Default)]
struct Ledger {
    killed_at: Option<Instant>,
    referrals: Vec<String>,
    /// (referral, participant, their email), enrolled.
    accepted: Vec<(String, String, String)>,
    /// Participants marked present.
    marked: Vec<String>,
    /// Not acknowledged: (when it was sent, status, answer).
    refused: Vec<(Instant, u16, String)>,
    /// Acknowledged writes sent after the kill.
    after_kill: usize,
}

impl Ledger {
    /// The answer's body when it is the acknowledgement wanted.
    fn answer(
        this: &Mutex<Ledger>,
        sent: Instant,
        (s, v): (u16, Value),
        want: u16,
    ) -> Option<Value> {
        let mut ledger = this.lock().unwrap();
        if s != want {
            ledger.refused.push((sent, s, v.to_string()));
            return None;
        }
        if ledger.killed_at.is_some_and(|k| k < sent) {
            ledger.after_kill += 1;
        }
        Some(v)
    }
}

/// How many people each writer refers at least, and at most (it goes on
/// until three of its people were referred after the kill).
const PER_WRITER: (usize, usize) = (12, 30);

/// One writer: people referred, accepted and marked present through nginx.
async fn writer(
    api: &Api,
    t: &Staff,
    lane: usize,
    group: &str,
    meeting: &str,
    ledger: &Mutex<Ledger>,
) {
    let mut after_kill = 0;
    for i in 0..PER_WRITER.1 {
        if i >= PER_WRITER.0 && after_kill >= 3 {
            return;
        }
        let sent = Instant::now();
        after_kill += usize::from(ledger.lock().unwrap().killed_at.is_some_and(|k| k < sent));
        let email = format!("p{lane}.{i}@example.fi");
        let body = json!({"group_id": group, "consent": true, "needs": "Haastatteluharjoitus.",
                          "participant": {"name": "Aino Aaltonen", "email": email}});
        let answer = api
            .send(&t.case_manager, Method::POST, "/referrals", body)
            .await;
        let Some(r) = Ledger::answer(ledger, sent, answer, 201) else {
            continue;
        };
        let (referral, participant) =
            (id_of(&r), r["participant_id"].as_str().unwrap().to_string());
        ledger.lock().unwrap().referrals.push(referral.clone());

        let sent = Instant::now();
        let path = format!("/referrals/{referral}/accept");
        let answer = api
            .send(&t.coordinator, Method::POST, &path, json!({}))
            .await;
        let Some(a) = Ledger::answer(ledger, sent, answer, 200) else {
            continue;
        };
        assert_eq!(a["status"], "enrolled", "{a}");
        let accepted = (referral, participant.clone(), email);
        ledger.lock().unwrap().accepted.push(accepted);

        let sent = Instant::now();
        let marks = json!({"marks": [{"participant_id": participant, "status": "present"}]});
        let path = format!("/meetings/{meeting}/attendance");
        let answer = api.send(&t.coach, Method::PUT, &path, marks).await;
        if Ledger::answer(ledger, sent, answer, 200).is_some() {
            ledger.lock().unwrap().marked.push(participant);
        }
    }
}

/// The outbox ids of the mail whose send jobs the worker of process `pid`
/// has claimed and not finished.
async fn held_mail(pool: &sqlx::AnyPool, pid: u32) -> Vec<String> {
    let payloads: Vec<String> = sqlx::query_scalar(
        "SELECT payload FROM jobs WHERE kind = 'send_mail' AND locked_by LIKE $1
         AND done_at IS NULL AND failed_at IS NULL",
    )
    .bind(format!("{pid}-%"))
    .fetch_all(pool)
    .await
    .unwrap();
    let outbox_id = |p: &String| {
        let p: Value = serde_json::from_str(p).unwrap();
        p["outbox_id"].as_str().unwrap().to_string()
    };
    payloads.iter().map(outbox_id).collect()
}

/// SIGKILLs `victim` at a moment when none of its mail is in doubt: frozen
/// (SIGSTOP), it is killed only if no mail its worker holds has reached the
/// SMTP server; else it runs a moment longer and is frozen again. A mail the
/// server took just before its sender died unrecorded is sent again, with the
/// same Message-ID (at least once is all a sender can promise across that
/// crash), so the kill must not land there for "sent once" to be checked.
/// The mails the dead worker held: they wait for its lease to run out.
async fn kill_between_mails(victim: &mut Proc, pool: &sqlx::AnyPool, mail: &Path) -> Vec<String> {
    for attempt in 0..100 {
        victim.signal("STOP");
        // What it sent before it froze reaches PostgreSQL and the SMTP server.
        tokio::time::sleep(Duration::from_millis(150)).await;
        let held = held_mail(pool, victim.pid()).await;
        let at_server: HashSet<String> = received(mail).into_iter().map(|(id, _)| id).collect();
        if !held.iter().any(|id| at_server.contains(id)) {
            victim.kill();
            return held;
        }
        victim.signal("CONT");
        tokio::time::sleep(Duration::from_millis(5 + 11 * (attempt % 4))).await;
    }
    panic!("the instance was never frozen between two mails");
}

/// Every acknowledged write is in the database: how many were checked.
async fn acknowledged_writes_are_kept(
    pool: &sqlx::AnyPool,
    ledger: &Ledger,
    made: &[(&str, String)],
    meeting: &str,
) -> usize {
    let count = |sql: String, id: String| async move {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap();
        n
    };
    for (table, id) in made {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE id = $1");
        assert_eq!(count(sql, id.clone()).await, 1, "{table} {id}");
    }
    for id in &ledger.referrals {
        let sql = "SELECT COUNT(*) FROM referrals WHERE id = $1";
        assert_eq!(count(sql.into(), id.clone()).await, 1, "referral {id}");
    }
    for (referral, participant, email) in &ledger.accepted {
        let row: (String, String) = sqlx::query_as(
            "SELECT r.status, e.status FROM referrals r JOIN enrolments e
             ON e.group_id = r.group_id AND e.participant_id = r.participant_id WHERE r.id = $1",
        )
        .bind(referral)
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(
            row,
            ("enrolled".into(), "enrolled".into()),
            "{referral} of {participant}"
        );
        let sql = "SELECT COUNT(*) FROM mail_outbox WHERE to_address = $1";
        assert_eq!(
            count(sql.into(), email.clone()).await,
            1,
            "the accept's mail to {email}"
        );
    }
    for participant in &ledger.marked {
        let sql = "SELECT status FROM attendance WHERE meeting_id = $1 AND participant_id = $2";
        let query = sqlx::query_scalar(sql).bind(meeting).bind(participant);
        let status: String = query.fetch_one(pool).await.unwrap();
        assert_eq!(status, "present", "{participant}");
    }
    made.len() + ledger.referrals.len() + ledger.accepted.len() + ledger.marked.len()
}

/// Every mail in the outbox is sent and arrived once: how many.
async fn every_mail_arrives_once(pool: &sqlx::AnyPool, mail: &Path) -> usize {
    let every = Duration::from_millis(100);
    let outbox: HashMap<String, String> = eventually(
        "every mail sent",
        Duration::from_secs(30),
        every,
        || async {
            let sql = "SELECT id, LOWER(to_address), status FROM mail_outbox";
            let rows: Vec<(String, String, String)> =
                sqlx::query_as(sql).fetch_all(pool).await.unwrap();
            let sent = rows.iter().all(|(_, _, status)| status == "sent");
            sent.then(|| rows.into_iter().map(|(id, to, _)| (id, to)).collect())
        },
    )
    .await;
    let got = received(mail);
    let mut times: HashMap<&str, usize> = HashMap::new();
    for (id, rcpt) in &got {
        *times.entry(id).or_default() += 1;
        let to = outbox
            .get(id)
            .unwrap_or_else(|| panic!("mail {id} is not in the outbox"));
        assert_eq!(rcpt, std::slice::from_ref(to), "mail {id}");
    }
    for (id, to) in &outbox {
        assert_eq!(
            times.get(id.as_str()),
            Some(&1),
            "mail {id} to {to} arrived once"
        );
    }
    assert_eq!(got.len(), outbox.len());
    outbox.len()
}

#[tokio::test]
async fn postgres_only_behind_nginx_two_instances_lose_no_acknowledged_write() {
    assert_eq!(
        backend(),
        "postgres",
        "several instances share one PostgreSQL database: run with KLUBI_TEST_DB=postgres"
    );
    let mut site = Site::start().await;
    let pool = site.pool().await;
    // The administrator signs in with a password alone here (an installation
    // that requires no second factor; second_factor.rs tests the other kind).
    sqlx::query("INSERT INTO settings (key, value) VALUES ('second_factor_default', 'none')")
        .execute(&pool)
        .await
        .unwrap();

    // Signing in through nginx; the instance that made the session is the
    // one killed later.
    let browser = site.browser("127.0.0.1");
    let signed_in = browser.login(ADMIN, PASSWORD).await;
    assert_eq!(signed_in.status(), 303, "sign-in through nginx");
    let made_session = site.last_served("POST /login 303").await;
    let victim = site
        .instances
        .iter()
        .position(|(_, addr)| *addr == made_session);
    let (mut victim, _) = site.instances.remove(victim.expect("an instance made it"));
    let survivor = site.instances[0].1.clone();

    throttling_counts_the_real_client(&site, &pool).await;
    let (staff, group, meeting, made) = staff_and_group(&site).await;

    // Three writers side by side; when half their people are enrolled, the
    // instance is killed, and they go on.
    let (api, ledger) = (site.api(), Mutex::new(Ledger::default()));
    let writers = (0..3).map(|lane| writer(&api, &staff, lane, &group, &meeting, &ledger));
    let kill = async {
        let every = Duration::from_millis(5);
        eventually("half the accepts", Duration::from_secs(60), every, || {
            let half = ledger.lock().unwrap().accepted.len() >= 3 * PER_WRITER.0 / 2;
            async move { half.then_some(()) }
        })
        .await;
        let held = kill_between_mails(&mut victim, &pool, &site.sink.dir).await;
        ledger.lock().unwrap().killed_at = Some(Instant::now());
        held
    };
    let (_, held) = tokio::join!(futures::future::join_all(writers), kill);
    let ledger = ledger.into_inner().unwrap();

    // Unacknowledged: only requests sent before the kill, with nginx's 502
    // (in flight on the instance that died). Everything later was answered.
    let killed_at = ledger.killed_at.unwrap();
    for (sent, status, answer) in &ledger.refused {
        let late = sent.saturating_duration_since(killed_at);
        assert!(
            *sent < killed_at && *status == 502,
            "{status}, sent {late:?} after the kill: {answer}"
        );
    }
    assert!(ledger.after_kill >= 9, "writes went on after the kill");
    let last = site.last_served("POST /api/v1/referrals 201").await;
    assert_eq!(last, survivor, "the last referral, after the kill");

    // The session made on the killed instance, on the other.
    let res = browser.get("/account").await;
    assert_eq!(res.status(), 200, "still signed in after the kill");

    let checked = acknowledged_writes_are_kept(&pool, &ledger, &made, &meeting).await;

    // What the dead worker held waits for its lease (5 minutes) to run out;
    // the test ends the lease now rather than wait.
    sqlx::query("UPDATE jobs SET locked_until = 0 WHERE locked_by LIKE $1 AND done_at IS NULL")
        .bind(format!("{}-%", victim.pid()))
        .execute(&pool)
        .await
        .unwrap();
    let mails = every_mail_arrives_once(&pool, &site.sink.dir).await;
    // The staff's invitations, a mail per accept (and one per accept made but
    // not acknowledged, when the instance died after its commit).
    assert!(mails >= 3 + ledger.accepted.len(), "{mails} mails");

    // A link in a mail names nginx's address (KLUBI_PUBLIC_URL) and opens there.
    let mail = site.sink.wait_for(&ledger.accepted[0].2).await;
    let link = find_link(&parse_mail(&mail).text);
    assert!(link.starts_with(&format!("{}/", site.public)), "{link}");
    let page = site.api().client.get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200, "{link}");
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("name=\"password_confirm\"")
    );

    // Writes whose answer was lost with the instance may have been made.
    let sql = "SELECT COUNT(*) FROM referrals WHERE status = 'enrolled'";
    let enrolled: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    let unanswered = enrolled as usize - ledger.accepted.len();
    eprintln!(
        "deploy: {checked} acknowledged writes checked ({} referrals, {} accepts, {} marks; \
         {} sent after the kill), {} not acknowledged (502 as the instance died; \
         {unanswered} accepts of them made); {mails} mails sent once, {} of them held \
         by the killed worker",
        ledger.referrals.len(),
        ledger.accepted.len(),
        ledger.marked.len(),
        ledger.after_kill,
        ledger.refused.len(),
        held.len(),
    );
    pool.close().await;
}
