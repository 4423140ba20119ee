use klubi_app::clock::Clock;
use klubi_app::config::Config;
use klubi_app::server::{self, Running};
use klubi_domain::people::{Email, Language, PersonName};
use klubi_domain::roles::{AccountKind, Role, Roles};
use std::time::Duration;

pub use crate::sink::*;

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub base: String,
    pub clock: Clock,
    pub running: Option<Running>,
    pub config: Config,
    pub dir: tempfile::TempDir,
    pub smtp: Option<SmtpSink>,
}

/// The instant every test app's clock starts at (and runs on from): Monday
/// 23 November 2026, 10.00 in Helsinki. Fixture dates are written against it:
/// the autumn 2026 meetings are held, the 2027 schedules and the 2031
/// meetings lie ahead (all within the five years a meeting may be from now),
/// so no test depends on the day the suite runs.
pub const TEST_NOW: &str = "2026-11-23T08:00:00Z";

/// [`TEST_NOW`] in unix seconds.
pub fn test_now() -> i64 {
    TEST_NOW
        .parse::<jiff::Timestamp>()
        .expect("TEST_NOW is RFC 3339")
        .as_second()
}

/// A clock that reads [`TEST_NOW`] at the start and runs on in real time.
pub fn test_clock() -> Clock {
    Clock::starting_at(test_now())
}

/// The database this run tests: `KLUBI_TEST_DB` is `sqlite` (or unset) or
/// `postgres`; anything else is a mistake in the environment, refused here
/// rather than quietly tested on SQLite.
pub fn backend() -> &'static str {
    match std::env::var("KLUBI_TEST_DB") {
        Err(std::env::VarError::NotPresent) => "sqlite",
        Ok(v) if v == "sqlite" => "sqlite",
        Ok(v) if v == "postgres" => "postgres",
        Ok(other) => panic!(
            "KLUBI_TEST_DB={other:?} is neither sqlite nor postgres (unset means sqlite); \
             refusing to guess which database to test"
        ),
        Err(e) => panic!("KLUBI_TEST_DB is not readable ({e}): set it to sqlite or postgres"),
    }
}

/// Asserts that `db` is the backend this run is meant to test.
pub fn assert_backend(db: &klubi_db::Db) {
    let want = match backend() {
        "postgres" => klubi_db::Backend::Postgres,
        _ => klubi_db::Backend::Sqlite,
    };
    assert_eq!(
        db.backend(),
        want,
        "KLUBI_TEST_DB={} but the app runs on {:?}",
        backend(),
        db.backend()
    );
}

/// Polls `check` every `every` until it gives `Some`, failing with `what`
/// after `within`: every wait in the suite has a deadline, so a test that
/// waits for something that never comes fails instead of hanging CI.
pub async fn eventually<T, F, Fut>(what: &str, within: Duration, every: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = std::time::Instant::now() + within;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "gave up after {within:?} waiting for {what}"
        );
        tokio::time::sleep(every).await;
    }
}

/// A database URL for a fresh test database, or `None` for SQLite in the data dir.
pub async fn fresh_database() -> Option<String> {
    if backend() != "postgres" {
        return None;
    }
    let server = std::env::var("KLUBI_TEST_PG_URL")
        .expect("KLUBI_TEST_DB=postgres needs KLUBI_TEST_PG_URL (scripts/test sets it)");
    let name = format!("klubi_test_{}", uuid_like());
    Some(
        klubi_db::create_postgres_database(&server, &name)
            .await
            .expect("create test database"),
    )
}

fn uuid_like() -> String {
    klubi_db::new_id()
}

pub async fn spawn_app() -> TestApp {
    spawn_with(|_| {}).await
}

pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = Config::new(dir.path().join("data"), fresh_database().await);
    adjust(&mut config);
    start(config, test_clock(), dir, None).await
}

/// Starts with a real SMTP server (scripts/smtp_sink.py) receiving the mail.
pub async fn spawn_with_smtp() -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let sink = SmtpSink::start(dir.path().join("mail"));
    let mut config = Config::new(dir.path().join("data"), fresh_database().await);
    config.smtp_url = Some(format!("smtp://127.0.0.1:{}", sink.port));
    // Mail needs the public address its links point at: this server's own.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    config.addr = listener.local_addr().unwrap();
    config.public_url = Some(format!("http://{}", config.addr));
    start_on(
        listener,
        config,
        test_clock(),
        dir,
        Some(sink),
        axum::Router::new(),
    )
    .await
}

pub async fn start(
    config: Config,
    clock: Clock,
    dir: tempfile::TempDir,
    smtp: Option<SmtpSink>,
) -> TestApp {
    start_with_routes(config, clock, dir, smtp, axum::Router::new()).await
}

/// Starts the app with extra routes inside the real layers (handlers that panic or hang).
pub async fn start_with_routes(
    config: Config,
    clock: Clock,
    dir: tempfile::TempDir,
    smtp: Option<SmtpSink>,
    extra: axum::Router<klubi_app::state::AppStateRef>,
) -> TestApp {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .expect("bind");
    start_on(listener, config, clock, dir, smtp, extra).await
}

/// [`start_with_routes`] on a listener bound already.
pub async fn start_on(
    listener: tokio::net::TcpListener,
    mut config: Config,
    clock: Clock,
    dir: tempfile::TempDir,
    smtp: Option<SmtpSink>,
    extra: axum::Router<klubi_app::state::AppStateRef>,
) -> TestApp {
    if std::env::var("KLUBI_TEST_LOG").is_ok() {
        // Errors the app logs (a 500's cause) shown while debugging a test.
        let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    }
    config.addr = listener.local_addr().expect("bound");
    let running = server::start_on(listener, config.clone(), clock.clone(), extra)
        .await
        .expect("start app");
    assert_backend(&running.state.db);
    // The stories sign in with a password alone: the installation requires no
    // second factor here, unless a test says otherwise (second_factor.rs).
    let mut tx = running.state.db.begin().await.expect("tx");
    klubi_db::second_factor::set_installation_rule(
        &mut tx,
        &klubi_db::Ctx::system(clock.now(), "test"),
        "none",
    )
    .await
    .expect("no second factor by default");
    klubi_db::commit(tx).await.expect("commit");
    TestApp {
        base: format!("http://{}", running.addr),
        clock,
        running: Some(running),
        config,
        dir,
        smtp,
    }
}

/// The URL of the static file whose path starts with `prefix` (e.g. `/static/app.`), from a page.
pub fn asset_url(html: &str, prefix: &str) -> String {
    let start = html.find(prefix).expect("the asset on the page");
    html[start..].split('"').next().expect("url").to_string()
}

impl TestApp {
    pub fn db(&self) -> &klubi_db::Db {
        &self.running.as_ref().expect("running").state.db
    }

    /// A fresh visit to the sign-in page, as a client without a cookie jar
    /// sees it: the form's CSRF token and the `name=value` of its cookie.
    pub async fn login_form(&self) -> (String, String) {
        let res = self.api().get(self.url("/login")).send().await.unwrap();
        let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
        let cookie = set.split(';').next().unwrap().to_string();
        (csrf_token(&res.text().await.unwrap()), cookie)
    }

    /// The system itself as a caller (what jobs and commands run as).
    pub fn system_caller(&self) -> klubi_ops::Caller {
        klubi_ops::Caller::system(&self.running.as_ref().expect("running").state, "test")
    }

    /// "Forgot password" for `email` (as the system, from address "test"),
    /// and the job it queues run: the reset mail, if any, is in the outbox.
    pub async fn asks_for_reset(&self, email: &str) {
        klubi_ops::accounts::request_password_reset(&self.system_caller(), "test", email)
            .await
            .unwrap();
        self.jobs_done().await;
    }

    /// The text of every mail queued to `to` that is still readable, oldest first.
    pub async fn mail_texts_to(&self, to: &str) -> Vec<String> {
        self.outbox_to(to)
            .await
            .into_iter()
            .map(|m| m.body_text)
            .filter(|t| !t.is_empty())
            .collect()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn create_org(&self, name: &str) -> String {
        let ctx = klubi_db::Ctx::system(self.clock.now(), "test");
        let mut tx = self.db().begin().await.expect("tx");
        let org = klubi_db::organisations::create(
            &mut tx,
            &ctx,
            &klubi_domain::organisations::OrgName::parse(name).expect("name"),
            klubi_domain::organisations::OrgKind::CoachingProvider,
        )
        .await
        .expect("org");
        klubi_db::commit(tx).await.expect("commit");
        org.id
    }

    /// A user with a password, straight into the database (as `klubi admin create` does).
    pub async fn create_user(&self, email: &str, org: Option<&str>, roles: &[Role]) -> String {
        self.create_account(email, org, roles, AccountKind::Staff, Language::Fi)
            .await
    }

    pub async fn create_account(
        &self,
        email: &str,
        org: Option<&str>,
        roles: &[Role],
        kind: AccountKind,
        language: Language,
    ) -> String {
        let hash = klubi_app::auth::password::hash(PASSWORD.to_string())
            .await
            .expect("hash");
        let ctx = klubi_db::Ctx::system(self.clock.now(), "test");
        let mut tx = self.db().begin().await.expect("tx");
        let u = klubi_db::users::create(
            &mut tx,
            &ctx,
            klubi_db::users::NewUser {
                pending_email: None,
                organisation_id: org,
                kind,
                email: Some(&Email::parse(email).expect("email")),
                phone: None,
                name: &PersonName::parse(&format!("Test {email}")).expect("name"),
                language,
                roles: &Roles::new(roles.to_vec()),
                password_hash: Some(hash),
            },
        )
        .await
        .expect("user");
        klubi_db::commit(tx).await.expect("commit");
        u.id
    }

    pub async fn token_for(&self, user_id: &str) -> String {
        let token = klubi_app::auth::secret::new_api_token();
        let ctx = klubi_db::Ctx::system(self.clock.now(), "test");
        let mut tx = self.db().begin().await.expect("tx");
        klubi_db::api_tokens::create(
            &mut tx,
            &ctx,
            user_id,
            None,
            "test",
            &klubi_app::auth::secret::hash(&token),
            &klubi_db::api_tokens::Limits {
                // A fixture: stories may move the clock on by months.
                expires_at: self.clock.now() + 10 * 365 * 86_400,
                read_only: false,
            },
        )
        .await
        .expect("token");
        klubi_db::commit(tx).await.expect("commit");
        token
    }

    /// A browser-like client: keeps cookies, doesn't follow redirects, sends
    /// `Sec-Fetch-Site: same-origin` like a browser on our own forms.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    pub async fn signed_in(&self, email: &str) -> Browser {
        let b = self.browser();
        let res = b.login(email, PASSWORD).await;
        assert_eq!(res.status(), 303, "sign-in of {email} failed");
        b
    }

    pub fn api(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    pub async fn audit_actions(&self) -> Vec<String> {
        let rows = klubi_db::audit::list(
            self.db(),
            &klubi_db::audit::Filter {
                limit: 500,
                ..Default::default()
            },
        )
        .await
        .expect("audit");
        rows.into_iter().map(|r| r.action).collect()
    }
}

pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Browser {
            base: base.to_string(),
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.base, path))
            .send()
            .await
            .expect("get")
    }

    pub async fn get_html(&self, path: &str) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.text().await.expect("body")
    }

    /// Posts a form with the CSRF token taken from the page at `page`.
    pub async fn post_form(
        &self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let html = self.get(page).await.text().await.expect("page");
        let token = csrf_token(&html);
        let mut form: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        form.extend_from_slice(fields);
        self.post_raw(action, &form).await
    }

    pub async fn post_raw(&self, action: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{}", self.base, action))
            .header("sec-fetch-site", "same-origin")
            .header("origin", &self.base)
            .form(form)
            .send()
            .await
            .expect("post")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }
}

pub fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a csrf field on the page") + marker.len();
    html[start..].split('"').next().expect("token").to_string()
}

impl TestApp {
    pub async fn signed_in_with(&self, email: &str, password: &str) -> u16 {
        self.browser()
            .login(email, password)
            .await
            .status()
            .as_u16()
    }
}

impl TestApp {
    /// Waits until the app hears of every change (PostgreSQL; see
    /// `klubi_db::changes`), so that it keeps signed-in callers in memory from
    /// now on. SQLite never does: there this returns at once.
    pub async fn hearing_changes(&self) {
        if backend() != "postgres" {
            return;
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !self.db().hears_all_changes() {
            assert!(
                std::time::Instant::now() < deadline,
                "the app never started to hear of changes"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }

    /// A raw connection pool on the app's database, for checks the app itself must refuse.
    pub async fn raw_pool(&self) -> sqlx::AnyPool {
        let url = match &self.config.database_url {
            Some(u) => u.clone(),
            None => format!(
                "sqlite://{}",
                self.config.data_dir.join("klubi.db").display()
            ),
        };
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&url).await.unwrap()
    }

    pub async fn get_json(&self, path: &str, token: &str) -> serde_json::Value {
        let res = self
            .api()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "GET {path}");
        res.json().await.unwrap()
    }
}

impl TestApp {
    /// One API call (`path` under /api/v1): the status and the JSON body (a
    /// JSON string holding the text when the body is not JSON).
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut req = self
            .api()
            .request(method, self.url(&format!("/api/v1{path}")))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }
}

impl TestApp {
    /// The mail queued to `to` in the outbox, oldest first, whatever its
    /// status: what the app decided to send, read where it is decided (the
    /// transaction of the change), not guessed from what reached the SMTP
    /// server by some moment.
    pub async fn outbox_to(&self, to: &str) -> Vec<klubi_db::outbox::Mail> {
        self.outbox()
            .await
            .into_iter()
            .filter(|m| m.to_address.eq_ignore_ascii_case(to))
            .collect()
    }

    /// Every mail in the outbox, oldest first, with its body opened (empty
    /// once sent: the body is dropped then).
    pub async fn outbox(&self) -> Vec<klubi_db::outbox::Mail> {
        let keys = &self.running.as_ref().expect("running").state.keys;
        let mut all = klubi_db::outbox::list(self.db(), 100_000).await.unwrap();
        all.reverse();
        for m in &mut all {
            m.body_text = klubi_ops::mail::text_of(keys, m).unwrap_or_default();
        }
        all
    }

    /// Waits (up to 20 s) until every job that is due by the app's clock has
    /// run: done or given up.
    pub async fn jobs_done(&self) {
        // Wake the worker rather than wait for its next look at the queue.
        if let Some(r) = &self.running {
            r.state.jobs_notify.notify_one();
        }
        let pool = self.raw_pool().await;
        eventually(
            "the due jobs to run",
            Duration::from_secs(20),
            Duration::from_millis(50),
            || {
                let pool = pool.clone();
                // Read anew each time: a job that runs may queue another
                // (a mail) due at the clock's now by then.
                let now = self.clock.now();
                async move {
                    let due: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1",
                    )
                    .bind(now)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
                    (due == 0).then_some(())
                }
            },
        )
        .await;
        pool.close().await;
    }

    /// The send-mail jobs: (attempts, the worker that last claimed it, done).
    pub async fn mail_jobs(&self) -> Vec<(i64, Option<String>, bool)> {
        use sqlx::Row;
        let pool = self.raw_pool().await;
        let rows = sqlx::query(
            "SELECT attempts, locked_by, done_at FROM jobs WHERE kind = $1 ORDER BY id",
        )
        .bind(klubi_db::outbox::JOB_KIND)
        .fetch_all(&pool)
        .await
        .unwrap();
        pool.close().await;
        rows.iter()
            .map(|r| {
                (
                    r.get::<i64, _>(0),
                    r.get::<Option<String>, _>(1),
                    r.get::<Option<i64>, _>(2).is_some(),
                )
            })
            .collect()
    }
}
