//! The one world every story happens in: organisations and the people in
//! them with their roles (straight into the database, as `klubi admin`
//! makes them), then groups, meetings and referrals made the way users make
//! them (through the API), with helpers named after what users do:
//!
//! ```ignore
//! let w = World::new().await;
//! let (coordinator, coach) = (w.coordinator().await, w.coach().await);
//! let g = id_of(&coordinator.starts(group("Klubi 1").run_by(&[coach])).await);
//! let m = coordinator.adds_meeting(&g, morning("2026-10-05", "regular", "cv")).await;
//! let aino = w.enrols(w.case_manager().await, &g, "Aino Aaltonen", "aino@example.fi").await;
//! coach.marks(&m, &[(&aino, Some("present"))]).await;
//! ```
//!
//! Who is who (each made the first time a test asks for them):
//!
//! | organisation | people |
//! |---|---|
//! | `owner`: Tampereen työllisyys, runs the groups | coordinator coord@a.fi, coach coach@a.fi, case manager cm@a.fi |
//! | `partner`: Polku Oy | coach coach@b.fi, case managers cm.a@b.fi and cm.b@b.fi, specialist spec@b.fi |
//! | `rehab`: Kuntoutussäätiö, a second partner | case manager cm@d.fi, coordinator coord@d.fi |
//! | `outsider`: Muu Oy, no partner of anyone | coach coach@c.fi, case manager cm@c.fi, coordinator coord@c.fi |
//!
//! and an admin (admin@x.fi) of no organisation. Everyone's password is
//! [`PASSWORD`], their name "Test <email>".

use crate::helpers::*;
use klubi_domain::organisations::{OrgKind, OrgName};
use klubi_domain::roles::Role;
use reqwest::Method;
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::OnceCell;

/// An organisation (its id).
#[derive(Clone, Debug)]
pub struct Org {
    pub id: String,
}

/// Someone with an account: an API token to act with, and a way to sign in.
#[derive(Clone)]
pub struct Person {
    pub app: Arc<TestApp>,
    pub id: String,
    pub email: String,
    pub token: String,
}

pub struct World {
    pub app: Arc<TestApp>,
    owner: OnceCell<Org>,
    partner: OnceCell<Org>,
    rehab: OnceCell<Org>,
    outsider: OnceCell<Org>,
    admin: OnceCell<Person>,
    coordinator: OnceCell<Person>,
    coach: OnceCell<Person>,
    case_manager: OnceCell<Person>,
    partner_coach: OnceCell<Person>,
    partner_case_manager: OnceCell<Person>,
    second_partner_case_manager: OnceCell<Person>,
    specialist: OnceCell<Person>,
    rehab_case_manager: OnceCell<Person>,
    rehab_coordinator: OnceCell<Person>,
    outsider_coach: OnceCell<Person>,
    outsider_case_manager: OnceCell<Person>,
    outsider_coordinator: OnceCell<Person>,
}

macro_rules! someone {
    ($(#[$doc:meta])* $name:ident, $email:expr, $org:ident, $role:expr) => {
        $(#[$doc])*
        pub async fn $name(&self) -> &Person {
            self.$name
                .get_or_init(|| async {
                    let org = self.$org().await.clone();
                    self.staff($email, Some(&org), &[$role]).await
                })
                .await
        }
    };
}

macro_rules! organisation {
    ($(#[$doc:meta])* $name:ident, $title:expr, $kind:expr) => {
        $(#[$doc])*
        pub async fn $name(&self) -> &Org {
            self.$name
                .get_or_init(|| self.organisation_of_kind($title, $kind))
                .await
        }
    };
}

impl World {
    /// A fresh app (fixed clock, fresh database) with nobody in it yet.
    pub async fn new() -> World {
        World::of(spawn_app().await)
    }

    /// A fresh app whose mail goes to a real SMTP server.
    pub async fn with_smtp() -> World {
        World::of(spawn_with_smtp().await)
    }

    pub fn of(app: TestApp) -> World {
        World {
            app: Arc::new(app),
            owner: OnceCell::new(),
            partner: OnceCell::new(),
            rehab: OnceCell::new(),
            outsider: OnceCell::new(),
            admin: OnceCell::new(),
            coordinator: OnceCell::new(),
            coach: OnceCell::new(),
            case_manager: OnceCell::new(),
            partner_coach: OnceCell::new(),
            partner_case_manager: OnceCell::new(),
            second_partner_case_manager: OnceCell::new(),
            specialist: OnceCell::new(),
            rehab_case_manager: OnceCell::new(),
            rehab_coordinator: OnceCell::new(),
            outsider_coach: OnceCell::new(),
            outsider_case_manager: OnceCell::new(),
            outsider_coordinator: OnceCell::new(),
        }
    }

    pub fn sink(&self) -> &SmtpSink {
        self.app.smtp.as_ref().expect("a world made with_smtp")
    }

    organisation!(
        /// The organisation that runs the groups.
        owner,
        "Tampereen työllisyys",
        OrgKind::EmploymentServices
    );
    organisation!(
        /// A partner of the owner's groups (once a group names it).
        partner,
        "Polku Oy",
        OrgKind::CoachingProvider
    );
    organisation!(
        /// A second partner: a rehabilitation foundation.
        rehab,
        "Kuntoutussäätiö",
        OrgKind::Rehabilitation
    );
    organisation!(
        /// An organisation nobody works with.
        outsider,
        "Muu Oy",
        OrgKind::CoachingProvider
    );

    /// The admin, of no organisation.
    pub async fn admin(&self) -> &Person {
        self.admin
            .get_or_init(|| self.staff("admin@x.fi", None, &[Role::Admin]))
            .await
    }
    someone!(coordinator, "coord@a.fi", owner, Role::Coordinator);
    someone!(coach, "coach@a.fi", owner, Role::Coach);
    someone!(
        /// The owner organisation's own case manager.
        case_manager,
        "cm@a.fi",
        owner,
        Role::CaseManager
    );
    someone!(partner_coach, "coach@b.fi", partner, Role::Coach);
    someone!(
        partner_case_manager,
        "cm.a@b.fi",
        partner,
        Role::CaseManager
    );
    someone!(
        /// Another case manager of the partner.
        second_partner_case_manager,
        "cm.b@b.fi",
        partner,
        Role::CaseManager
    );
    someone!(specialist, "spec@b.fi", partner, Role::Specialist);
    someone!(rehab_case_manager, "cm@d.fi", rehab, Role::CaseManager);
    someone!(rehab_coordinator, "coord@d.fi", rehab, Role::Coordinator);
    someone!(outsider_coach, "coach@c.fi", outsider, Role::Coach);
    someone!(
        outsider_case_manager,
        "cm@c.fi",
        outsider,
        Role::CaseManager
    );
    someone!(
        outsider_coordinator,
        "coord@c.fi",
        outsider,
        Role::Coordinator
    );

    /// An organisation of one's own, straight into the database (as an admin
    /// would make it).
    pub async fn organisation(&self, name: &str) -> Org {
        self.organisation_of_kind(name, OrgKind::CoachingProvider)
            .await
    }

    pub async fn organisation_of_kind(&self, name: &str, kind: OrgKind) -> Org {
        let ctx = klubi_db::Ctx::system(self.app.clock.now(), "test");
        let mut tx = self.app.db().begin().await.expect("tx");
        let org = klubi_db::organisations::create(
            &mut tx,
            &ctx,
            &OrgName::parse(name).expect("name"),
            kind,
        )
        .await
        .expect("org");
        klubi_db::commit(tx).await.expect("commit");
        Org { id: org.id }
    }

    /// A member of staff with a password (as `klubi admin create` makes
    /// them) and an API token.
    pub async fn staff(&self, email: &str, org: Option<&Org>, roles: &[Role]) -> Person {
        let id = self
            .app
            .create_user(email, org.map(|o| o.id.as_str()), roles)
            .await;
        self.person(&id, email).await
    }

    /// Someone who already has an account (a participant a referral made),
    /// with a new API token.
    pub async fn person(&self, id: &str, email: &str) -> Person {
        Person {
            app: self.app.clone(),
            id: id.to_string(),
            email: email.to_string(),
            token: self.app.token_for(id).await,
        }
    }

    /// `case_manager` refers someone to `group` and the coordinator accepts
    /// them into a seat: the participant's id.
    pub async fn enrols(
        &self,
        case_manager: &Person,
        group: &str,
        name: &str,
        email: &str,
    ) -> String {
        let r = case_manager.refers(group, name, email).await;
        let a = self.coordinator().await.accepts(&r).await;
        assert_eq!(a["status"], "enrolled", "{a}");
        r["participant_id"].as_str().unwrap().to_string()
    }
}

/// A group to start: the Tampere template unless told otherwise.
pub struct NewGroup(pub Value);

pub fn group(name: &str) -> NewGroup {
    NewGroup(json!({"format_id": "template-tampere", "name": name}))
}

impl NewGroup {
    pub fn set(mut self, field: &str, value: Value) -> Self {
        self.0[field] = value;
        self
    }
    pub fn at(self, location: &str) -> Self {
        self.set("location", json!(location))
    }
    pub fn capacity(self, seats: i64) -> Self {
        self.set("capacity", json!(seats))
    }
    /// Cents a meeting; `Value::Null` for no compensation.
    pub fn paying(self, rate: Value) -> Self {
        self.set("compensation_cents_per_meeting", rate)
    }
    pub fn run_by(self, facilitators: &[&Person]) -> Self {
        let ids: Vec<&str> = facilitators.iter().map(|p| p.id.as_str()).collect();
        self.set("facilitator_ids", json!(ids))
    }
    pub fn with_partners(self, partners: &[&Org]) -> Self {
        let ids: Vec<&str> = partners.iter().map(|o| o.id.as_str()).collect();
        self.set("partner_organisation_ids", json!(ids))
    }
}

/// The id of an answer (`{"id": …}`).
pub fn id_of(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_string()
}

/// The `field`s of a problem document's errors, in order.
pub fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

impl Person {
    /// "Test <email>", the name every made-up account gets.
    pub fn name(&self) -> String {
        format!("Test {}", self.email)
    }

    /// One API call (`path` under /api/v1) as this person.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        self.app.call(method, path, &self.token, body).await
    }
    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call(Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, path, Some(body)).await
    }
    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.call(Method::DELETE, path, None).await
    }
    /// A call that must answer 200: its body.
    pub async fn ok(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let (s, v) = self.call(method.clone(), path, body).await;
        assert_eq!(s, 200, "{method} {path} as {}: {v}", self.email);
        v
    }
    pub async fn reads(&self, path: &str) -> Value {
        self.ok(Method::GET, path, None).await
    }

    /// Signs in on the pages: a browser with their login session.
    pub async fn signs_in(&self) -> Browser {
        self.app.signed_in(&self.email).await
    }

    /// Starts a group (a coordinator): its answer.
    pub async fn starts(&self, g: NewGroup) -> Value {
        let (s, v) = self.post("/groups", g.0).await;
        assert_eq!(s, 201, "{v}");
        v
    }

    /// Adds a meeting to a group: its id. The answer starts when typed, in
    /// the offset typed.
    pub async fn adds_meeting(&self, group: &str, body: Value) -> String {
        let starts_at = body["starts_at"].clone();
        let (s, m) = self.post(&format!("/groups/{group}/meetings"), body).await;
        assert_eq!(s, 201, "{m}");
        assert_eq!(m["starts_at"], starts_at, "{m}");
        id_of(&m)
    }

    /// Refers someone (a case manager) with their consent: the referral.
    pub async fn refers(&self, group: &str, name: &str, email: &str) -> Value {
        self.refers_in(group, name, email, "fi").await
    }

    /// Refers someone who reads `language`.
    pub async fn refers_in(&self, group: &str, name: &str, email: &str, language: &str) -> Value {
        let (s, r) = self
            .post(
                "/referrals",
                json!({"group_id": group,
                       "participant": {"name": name, "email": email, "language": language},
                       "needs": "Haluaa harjoitella työhaastattelua.", "consent": true}),
            )
            .await;
        assert_eq!(s, 201, "{r}");
        assert_eq!(r["status"], "pending");
        r
    }

    /// Accepts a referral (a coordinator): the referral as decided.
    pub async fn accepts(&self, referral: &Value) -> Value {
        self.accepts_id(&id_of(referral)).await
    }

    /// Accepts the referral of that id.
    pub async fn accepts_id(&self, referral: &str) -> Value {
        let (s, r) = self
            .post(&format!("/referrals/{referral}/accept"), json!({}))
            .await;
        assert_eq!(s, 200, "{r}");
        r
    }

    /// Withdraws a participant from a group: the enrolment.
    pub async fn withdraws(&self, group: &str, participant: &str) -> Value {
        let (s, e) = self
            .post(
                &format!("/groups/{group}/enrolments/{participant}/withdraw"),
                json!({}),
            )
            .await;
        assert_eq!(s, 200, "{e}");
        e
    }

    /// Marks attendance (`None` clears a mark): the sheet as it is then.
    pub async fn marks(&self, meeting: &str, marks: &[(&str, Option<&str>)]) -> Value {
        let marks: Vec<Value> = marks
            .iter()
            .map(|(p, s)| json!({"participant_id": p, "status": s}))
            .collect();
        let (s, v) = self.puts_marks(meeting, json!(marks)).await;
        assert_eq!(s, 200, "{v}");
        v
    }

    /// Marks from a grid, one PUT per meeting: a row per participant with one
    /// letter per meeting (P present, L late, E excused, A absent, - no mark).
    pub async fn marks_grid(&self, meetings: &[String], rows: &[(&str, &str)]) {
        for (i, meeting) in meetings.iter().enumerate() {
            let marks: Vec<(&str, Option<&str>)> = rows
                .iter()
                .filter_map(|(p, letters)| {
                    let status = match letters.as_bytes()[i] {
                        b'P' => "present",
                        b'L' => "late",
                        b'E' => "excused",
                        b'A' => "absent",
                        _ => return None,
                    };
                    Some((*p, Some(status)))
                })
                .collect();
            self.marks(meeting, &marks).await;
        }
    }

    /// The attendance PUT as sent, whatever it answers.
    pub async fn puts_marks(&self, meeting: &str, marks: Value) -> (u16, Value) {
        self.put(
            &format!("/meetings/{meeting}/attendance"),
            json!({"marks": marks}),
        )
        .await
    }

    /// The attendance sheet of a meeting.
    pub async fn reads_attendance(&self, meeting: &str) -> Value {
        self.reads(&format!("/meetings/{meeting}/attendance")).await
    }

    /// A group's compensation statement.
    pub async fn reads_compensation(&self, group: &str) -> Value {
        self.reads(&format!("/groups/{group}/compensation")).await
    }

    /// Approves a group's payment report (a coordinator): the statement.
    pub async fn approves(&self, group: &str) -> Value {
        self.ok(
            Method::POST,
            &format!("/groups/{group}/compensation/approve"),
            Some(json!({})),
        )
        .await
    }

    /// Reopens an approved report with a reason.
    pub async fn reopens(&self, group: &str, reason: &str) -> Value {
        self.ok(
            Method::POST,
            &format!("/groups/{group}/compensation/reopen"),
            Some(json!({"reason": reason})),
        )
        .await
    }

    /// A CSV download: checks the type and the BOM, returns the header and rows.
    pub async fn downloads_csv(&self, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let bytes = self.downloads(path, "text/csv").await;
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a UTF-8 BOM first");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let header = reader.headers().unwrap().iter().map(String::from).collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows)
    }

    /// A file from the API (`path` under /api/v1), of the type given, in UTF-8.
    pub async fn downloads(&self, path: &str, content_type: &str) -> Vec<u8> {
        let res = self
            .app
            .api()
            .get(self.app.url(&format!("/api/v1{path}")))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "GET {path}");
        let ct = res.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_ascii_lowercase();
        assert!(
            ct.starts_with(content_type) && ct.contains("charset=utf-8"),
            "{ct}"
        );
        res.bytes().await.unwrap().to_vec()
    }
}

/// A meeting as a coordinator types it (Helsinki offsets): a guest visit gets
/// its guest, an excursion its own place.
pub fn meeting(starts_at: &str, ends_at: &str, kind: &str, theme: &str) -> Value {
    let mut body = json!({"starts_at": starts_at, "ends_at": ends_at, "kind": kind, "theme": theme,
                          "location": "Hämeenkatu 1, sali 2"});
    match kind {
        "guest_visit" => {
            body["guest_organisation"] = json!("Rekrytointi Oy");
            body["guest_purpose"] = json!("Harjoitushaastattelut");
        }
        "excursion" => body["location"] = json!("Tampere-talo, rekrytointimessut"),
        _ => {}
    }
    body
}

/// A meeting 09:00–12:00 on `day` (`YYYY-MM-DD`, summer time).
pub fn morning(day: &str, kind: &str, theme: &str) -> Value {
    meeting(
        &format!("{day}T09:00:00+03:00"),
        &format!("{day}T12:00:00+03:00"),
        kind,
        theme,
    )
}
