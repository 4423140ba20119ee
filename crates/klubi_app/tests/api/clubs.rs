//! Formats, groups, meetings and the calendar feed through the real API.

use crate::helpers::*;
use klubi_domain::roles::Role;
use serde_json::{Value, json};

/// An owner organisation with a coordinator and a coach, a partner with a coach
/// and a case manager, and an outsider organisation with a coach.
struct Clubs {
    app: TestApp,
    owner: String,
    partner: String,
    outsider: String,
    coordinator: String,
    coach: String,
    coach_id: String,
    partner_coach: String,
    partner_coach_id: String,
    partner_cm: String,
    outsider_coach: String,
    outsider_coach_id: String,
}

async fn setup() -> Clubs {
    let app = spawn_app().await;
    let owner = app.create_org("Tampereen työllisyys").await;
    let partner = app.create_org("Polku Oy").await;
    let outsider = app.create_org("Muu Oy").await;
    let coord = app
        .create_user("coord@a.fi", Some(&owner), &[Role::Coordinator])
        .await;
    let coach_id = app
        .create_user("coach@a.fi", Some(&owner), &[Role::Coach])
        .await;
    let partner_coach_id = app
        .create_user("coach@b.fi", Some(&partner), &[Role::Coach])
        .await;
    let cm = app
        .create_user("cm@b.fi", Some(&partner), &[Role::CaseManager])
        .await;
    let outsider_coach_id = app
        .create_user("coach@c.fi", Some(&outsider), &[Role::Coach])
        .await;
    Clubs {
        coordinator: app.token_for(&coord).await,
        coach: app.token_for(&coach_id).await,
        partner_coach: app.token_for(&partner_coach_id).await,
        partner_cm: app.token_for(&cm).await,
        outsider_coach: app.token_for(&outsider_coach_id).await,
        coach_id,
        partner_coach_id,
        outsider_coach_id,
        owner,
        partner,
        outsider,
        app,
    }
}

impl Clubs {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.app.call(method, path, token, body).await
    }
    async fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, token, Some(body))
            .await
    }
    async fn patch(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PATCH, path, token, Some(body))
            .await
    }
    async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, token, None).await
    }

    /// A group from the Tampere template with the partner and both coaches.
    async fn tampere_group(&self) -> Value {
        let (s, g) = self
            .post(
                "/groups",
                &self.coordinator,
                json!({"format_id": "template-tampere", "name": "Klubi 1", "location": "Hämeenkatu 1",
                       "facilitator_ids": [self.coach_id, self.partner_coach_id],
                       "partner_organisation_ids": [self.partner]}),
            )
            .await;
        assert_eq!(s, 201, "{g}");
        g
    }
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn templates_are_shared_read_only_and_copied_into_an_organisation() {
    let c = setup().await;
    let (s, list) = c.get("/formats", &c.outsider_coach).await;
    assert_eq!(s, 200);
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{list}");
    let tampere = items
        .iter()
        .find(|f| f["id"] == "template-tampere")
        .unwrap();
    assert_eq!(tampere["template"], true);
    assert_eq!(tampere["capacity"], 10);
    assert_eq!(tampere["min_attendance"], 1);
    assert_eq!(tampere["meetings"].as_array().unwrap().len(), 5);
    assert_eq!(tampere["meetings"][0]["theme"], "cv");
    assert_eq!(tampere["compensation_cents_per_meeting"], 900);
    let omnia = items.iter().find(|f| f["id"] == "template-omnia").unwrap();
    assert_eq!(omnia["meetings"].as_array().unwrap().len(), 7);
    assert_eq!(omnia["meetings"][0]["duration_minutes"], 240);
    assert_eq!(omnia["facilitators"], 2);
    assert_eq!(omnia["compensation_cents_per_meeting"], Value::Null);

    // Read-only: 403 for a coordinator (they see it), and copyable.
    let (s, _) = c
        .send(
            reqwest::Method::PUT,
            "/formats/template-tampere",
            &c.coordinator,
            Some(json!({"name": "X", "meetings": [{"theme": "cv", "duration_minutes": 60}]})),
        )
        .await;
    assert_eq!(s, 403);
    let (s, copy) = c
        .post("/formats/template-tampere/copy", &c.coordinator, json!({}))
        .await;
    assert_eq!(s, 201, "{copy}");
    assert_eq!(copy["template"], false);
    assert_eq!(copy["organisation_id"], c.owner);
    assert_eq!(copy["meetings"].as_array().unwrap().len(), 5);
    // A coach may not copy or create.
    let (s, _) = c
        .post("/formats/template-tampere/copy", &c.coach, json!({}))
        .await;
    assert_eq!(s, 403);

    // The copy is edited; the outsider never sees it.
    let id = copy["id"].as_str().unwrap();
    let (s, edited) = c
        .send(reqwest::Method::PUT, &format!("/formats/{id}"), &c.coordinator,
            Some(json!({"name": "Oma klubi", "capacity": 8, "min_attendance": 2, "default_start_time": "12:30",
                        "compensation_cents_per_meeting": null,
                        "meetings": [{"theme": "cv", "duration_minutes": 120}, {"theme": "other", "title": "Messut", "duration_minutes": 240}]})))
        .await;
    assert_eq!(s, 200, "{edited}");
    assert_eq!(edited["capacity"], 8);
    assert_eq!(edited["default_start_time"], "12:30");
    assert_eq!(edited["meetings"][1]["title"], "Messut");
    assert_eq!(
        c.get(&format!("/formats/{id}"), &c.outsider_coach).await.0,
        404
    );
    assert_eq!(
        c.get("/formats", &c.outsider_coach).await.1["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        c.get("/formats", &c.coach).await.1["items"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Every broken rule is named.
    let (s, p) = c
        .post("/formats", &c.coordinator,
            json!({"name": "", "capacity": 0, "min_attendance": 3, "compensation_cents_per_meeting": -5,
                   "meetings": [{"theme": "dancing", "duration_minutes": 60}, {"theme": "cv", "duration_minutes": 5}]}))
        .await;
    assert_eq!(s, 422, "{p}");
    let f = fields(&p);
    for want in [
        "meetings[0].theme",
        "name",
        "capacity",
        "min_attendance",
        "meetings[1].duration_minutes",
        "compensation_cents_per_meeting",
    ] {
        assert!(f.contains(&want.to_string()), "{want} in {f:?}");
    }
    let (s, created) = c
        .post(
            "/formats",
            &c.coordinator,
            json!({"name": "Uusi", "meetings": [{"theme": "interview", "duration_minutes": 90}]}),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    assert_eq!(created["capacity"], 10);
}

#[tokio::test]
async fn a_group_takes_the_formats_defaults_and_only_partner_coaches() {
    let c = setup().await;
    let g = c.tampere_group().await;
    assert_eq!(g["capacity"], 10);
    assert_eq!(g["compensation_cents_per_meeting"], 900);
    assert_eq!(g["status"], "open");
    assert_eq!(g["enrolled_count"], 0);
    assert_eq!(g["waitlist_count"], 0);
    assert_eq!(g["organisation_id"], c.owner);

    // An explicit null is "no compensation"; a given capacity wins.
    let (s, g2) = c
        .post(
            "/groups",
            &c.coordinator,
            json!({"format_id": "template-tampere", "name": "Klubi 2", "capacity": 6,
                   "compensation_cents_per_meeting": null, "status": "planned"}),
        )
        .await;
    assert_eq!(s, 201, "{g2}");
    assert_eq!(
        (
            g2["capacity"].clone(),
            g2["compensation_cents_per_meeting"].clone(),
            g2["status"].clone()
        ),
        (json!(6), Value::Null, json!("planned"))
    );

    // A coach of an organisation that is not a partner cannot facilitate; an
    // unknown format is a field error too.
    let (s, p) = c
        .post("/groups", &c.coordinator,
            json!({"format_id": "nope", "name": "Klubi 3", "capacity": 101,
                   "facilitator_ids": [c.outsider_coach_id], "partner_organisation_ids": [c.partner]}))
        .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(fields(&p), vec!["format_id", "capacity", "facilitator_ids"]);
    let (s, p) = c
        .post("/groups", &c.coordinator, json!({"format_id": "template-omnia", "name": "K", "partner_organisation_ids": ["missing"]}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), vec!["name", "partner_organisation_ids"]);
    // Only coordinators make groups.
    assert_eq!(
        c.post(
            "/groups",
            &c.coach,
            json!({"format_id": "template-omnia", "name": "Klubi"})
        )
        .await
        .0,
        403
    );
}

#[tokio::test]
async fn partners_see_the_group_and_outsiders_get_404() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let path = format!("/groups/{}", g["id"].as_str().unwrap());
    for t in [&c.coordinator, &c.coach, &c.partner_coach, &c.partner_cm] {
        let (s, v) = c.get(&path, t).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["facilitator_ids"].as_array().unwrap().len(), 2);
        assert_eq!(v["partner_organisation_ids"], json!([c.partner]));
    }
    assert_eq!(c.get(&path, &c.outsider_coach).await.0, 404);
    assert_eq!(
        c.get(&format!("{path}/meetings"), &c.outsider_coach)
            .await
            .0,
        404
    );
    // Lists are scoped the same way.
    let names = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&c.get("/groups", &c.partner_cm).await.1),
        vec!["Klubi 1"]
    );
    assert!(names(&c.get("/groups", &c.outsider_coach).await.1).is_empty());
    assert_eq!(
        names(&c.get("/groups?mine=true", &c.partner_coach).await.1),
        vec!["Klubi 1"]
    );
    assert_eq!(
        names(
            &c.get(
                &format!("/groups?organisation_id={}", c.outsider),
                &c.coordinator
            )
            .await
            .1
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&c.get("/groups?status=open", &c.coordinator).await.1),
        vec!["Klubi 1"]
    );
    assert_eq!(c.get("/groups?status=closed", &c.coordinator).await.0, 422);
    // Partners see each other in the organisation list and by id; outsiders do not.
    let org_names = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        org_names(&c.get("/organisations", &c.partner_cm).await.1),
        vec!["Polku Oy", "Tampereen työllisyys"]
    );
    assert_eq!(
        org_names(&c.get("/organisations", &c.coordinator).await.1),
        vec!["Polku Oy", "Tampereen työllisyys"]
    );
    assert_eq!(
        org_names(&c.get("/organisations", &c.outsider_coach).await.1),
        vec!["Muu Oy"]
    );
    assert_eq!(
        c.get(&format!("/organisations/{}", c.owner), &c.partner_cm)
            .await
            .0,
        200
    );
    assert_eq!(
        c.get(&format!("/organisations/{}", c.owner), &c.outsider_coach)
            .await
            .0,
        404
    );
    // Not the coordinator's: the partner's coach may not change the group.
    assert_eq!(
        c.patch(&path, &c.partner_coach, json!({"name": "X"}))
            .await
            .0,
        403
    );
    assert_eq!(
        c.patch(&path, &c.outsider_coach, json!({"name": "X"}))
            .await
            .0,
        404
    );
    // Dropping the partner while its coach facilitates is refused by name.
    let (s, p) = c
        .patch(
            &path,
            &c.coordinator,
            json!({"partner_organisation_ids": []}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), vec!["facilitator_ids"]);
}

#[tokio::test]
async fn group_lists_page_with_cursors() {
    let c = setup().await;
    for i in 0..5 {
        let (s, _) = c
            .post(
                "/groups",
                &c.coordinator,
                json!({"format_id": "template-omnia", "name": format!("Ryhmä {i}")}),
            )
            .await;
        assert_eq!(s, 201);
    }
    let mut seen = vec![];
    let mut path = "/groups?limit=2".to_string();
    loop {
        let (s, v) = c.get(&path, &c.coordinator).await;
        assert_eq!(s, 200);
        seen.extend(
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["name"].as_str().unwrap().to_string()),
        );
        match v["next_cursor"].as_str() {
            Some(cur) => path = format!("/groups?limit=2&cursor={cur}"),
            None => break,
        }
    }
    assert_eq!(
        seen,
        (0..5).map(|i| format!("Ryhmä {i}")).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn capacity_never_drops_below_the_enrolled_and_status_only_moves_forward() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let id = g["id"].as_str().unwrap();
    let pool = c.app.raw_pool().await;
    for i in 0..3 {
        let p = c
            .app
            .create_account(
                &format!("p{i}@x.fi"),
                None,
                &[],
                klubi_domain::roles::AccountKind::Participant,
                klubi_domain::people::Language::Fi,
            )
            .await;
        sqlx::query("INSERT INTO enrolments (id, group_id, participant_id, status, created_at, updated_at) VALUES ($1, $2, $3, 'enrolled', 0, 0)")
            .bind(format!("e{i}"))
            .bind(id.to_string())
            .bind(p)
            .execute(&pool)
            .await
            .unwrap();
    }
    let path = format!("/groups/{id}");
    assert_eq!(c.get(&path, &c.coordinator).await.1["enrolled_count"], 3);
    let (s, p) = c.patch(&path, &c.coordinator, json!({"capacity": 2})).await;
    assert_eq!(s, 409, "{p}");
    assert_eq!(p["type"], "urn:klubi:problem:group-capacity-below-enrolled");
    assert!(p["detail"].as_str().unwrap().len() > 10);
    assert_eq!(
        c.get(&path, &c.coordinator).await.1["capacity"],
        10,
        "nothing changed"
    );
    let (s, v) = c
        .patch(
            &path,
            &c.coordinator,
            json!({"capacity": 3, "compensation_cents_per_meeting": 1000}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        (
            v["capacity"].clone(),
            v["compensation_cents_per_meeting"].clone()
        ),
        (json!(3), json!(1000))
    );
    assert_eq!(
        c.patch(&path, &c.coordinator, json!({"capacity": 0}))
            .await
            .0,
        422
    );
    assert_eq!(
        c.patch(&path, &c.coordinator, json!({"status": "running"}))
            .await
            .0,
        200
    );
    let (s, p) = c
        .patch(&path, &c.coordinator, json!({"status": "open"}))
        .await;
    assert_eq!(
        (s, p["type"].as_str().unwrap()),
        (409, "urn:klubi:problem:group-status-backwards")
    );
    assert_eq!(
        c.patch(&path, &c.coordinator, json!({"status": "sleeping"}))
            .await
            .0,
        422
    );
    assert!(
        c.app
            .audit_actions()
            .await
            .contains(&"group.update".to_string())
    );
}

#[tokio::test]
async fn schedule_skips_easter_and_keeps_local_time_across_dst() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let id = g["id"].as_str().unwrap();
    // Mondays and Fridays from 22 March 2027: Good Friday (26.3.) and Easter
    // Monday (29.3.) are skipped; summer time starts on 28.3.
    let (s, v) = c
        .post(
            &format!("/groups/{id}/schedule"),
            &c.coach,
            json!({"first_date": "2027-03-22", "weekdays": ["mon", "fri"]}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let starts: Vec<&str> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        vec![
            "2027-03-22T09:00:00+02:00",
            "2027-04-02T09:00:00+03:00",
            "2027-04-05T09:00:00+03:00",
            "2027-04-09T09:00:00+03:00",
            "2027-04-12T09:00:00+03:00"
        ]
    );
    let themes: Vec<&str> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["theme"].as_str().unwrap())
        .collect();
    assert_eq!(
        themes,
        vec!["cv", "application", "interview", "job_ads", "strengths"]
    );
    assert_eq!(v["meetings"][0]["ends_at"], "2027-03-22T12:00:00+02:00");
    assert_eq!(v["meetings"][0]["location"], "Hämeenkatu 1");
    let skipped: Vec<(&str, &str)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["date"].as_str().unwrap(), s["holiday"].as_str().unwrap()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("2027-03-26", "holiday-good-friday"),
            ("2027-03-29", "holiday-easter-monday")
        ]
    );
    // Once is enough: meetings are then edited one by one.
    let (s, p) = c
        .post(
            &format!("/groups/{id}/schedule"),
            &c.coach,
            json!({"first_date": "2027-05-03", "weekdays": ["tue"]}),
        )
        .await;
    assert_eq!(
        (s, p["type"].as_str().unwrap()),
        (409, "urn:klubi:problem:schedule-exists")
    );
    // The outsider cannot, and bad input names its fields.
    assert_eq!(
        c.post(
            &format!("/groups/{id}/schedule"),
            &c.outsider_coach,
            json!({"first_date": "2027-05-03", "weekdays": ["tue"]})
        )
        .await
        .0,
        404
    );
    let g2 = c
        .post(
            "/groups",
            &c.coordinator,
            json!({"format_id": "template-tampere", "name": "Toinen"}),
        )
        .await
        .1;
    let (s, p) = c
        .post(
            &format!("/groups/{}/schedule", g2["id"].as_str().unwrap()),
            &c.coordinator,
            json!({"first_date": "2027-13-01", "weekdays": ["funday"], "start_time": "25:00"}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), vec!["first_date", "weekdays", "start_time"]);
}

#[tokio::test]
async fn meetings_are_added_moved_and_cancelled_with_who_and_why() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let gid = g["id"].as_str().unwrap();
    c.post(
        &format!("/groups/{gid}/schedule"),
        &c.coordinator,
        json!({"first_date": "2027-02-01", "weekdays": ["mon", "wed"], "start_time": "09:00"}),
    )
    .await;
    let mpath = format!("/groups/{gid}/meetings");

    // An excursion at another time is flagged; one at the usual time is not.
    let (s, fair) = c
        .post(&mpath, &c.partner_coach,
            json!({"starts_at": "2027-02-18T13:00:00+02:00", "ends_at": "2027-02-18T16:00:00+02:00", "kind": "excursion",
                   "theme": "job_ads", "location": "Tampere-talo, rekrytointimessut"}))
        .await;
    assert_eq!(s, 201, "{fair}");
    assert_eq!(fair["unusual_time"], true);
    let (_, usual) = c
        .post(&mpath, &c.coach,
            json!({"starts_at": "2027-02-22T09:00:00+02:00", "ends_at": "2027-02-22T12:00:00+02:00", "kind": "excursion",
                   "theme": "job_ads", "location": "Työmarkkinatori"}))
        .await;
    assert_eq!(usual["unusual_time"], false);

    // What each kind needs, and times that make no sense.
    let (s, p) = c
        .post(&mpath, &c.coach,
            json!({"starts_at": "2027-02-10T12:00:00+02:00", "ends_at": "2027-02-10T11:00:00+02:00", "kind": "guest_visit", "theme": "interview"}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), vec!["ends_at", "guest_organisation"]);
    let (s, p) = c
        .post(&mpath, &c.coach, json!({"starts_at": "2045-01-01T09:00:00Z", "ends_at": "2045-01-01T10:00:00Z", "theme": "cv"}))
        .await;
    assert_eq!((s, fields(&p)), (422, vec!["starts_at".to_string()]));
    let (s, p) = c
        .post(
            &mpath,
            &c.coach,
            json!({"starts_at": "tomorrow", "ends_at": "2027-01-01T10:00:00Z", "theme": "cv"}),
        )
        .await;
    assert_eq!((s, fields(&p)), (422, vec!["starts_at".to_string()]));
    let (s, guest) = c
        .post(&mpath, &c.coach,
            json!({"starts_at": "2027-02-24T09:00:00+02:00", "ends_at": "2027-02-24T12:00:00+02:00", "kind": "guest_visit",
                   "theme": "interview", "guest_organisation": "Rekrytointi Oy", "guest_purpose": "Harjoitushaastattelut"}))
        .await;
    assert_eq!(s, 201, "{guest}");
    let (s, online) = c
        .post(&mpath, &c.coach,
            json!({"starts_at": "2027-03-01T09:00:00+02:00", "ends_at": "2027-03-01T10:00:00+02:00", "kind": "online",
                   "theme": "peer_support", "online_url": "https://meet.example.fi/klubi"}))
        .await;
    assert_eq!(s, 201, "{online}");
    // The link is for members: the partner's case manager sees the meeting but not the link.
    let oid = online["id"].as_str().unwrap();
    assert_eq!(
        c.get(&format!("/meetings/{oid}"), &c.partner_cm).await.1["online_url"],
        Value::Null
    );
    assert_eq!(
        c.get(&format!("/meetings/{oid}"), &c.partner_coach).await.1["online_url"],
        "https://meet.example.fi/klubi"
    );
    assert_eq!(
        c.get(&format!("/meetings/{oid}"), &c.outsider_coach)
            .await
            .0,
        404
    );
    // A case manager may see but not change.
    assert_eq!(
        c.post(
            &format!("/meetings/{oid}/cancel"),
            &c.partner_cm,
            json!({"reason": "x"})
        )
        .await
        .0,
        403
    );

    // Moving needs a reason; the reason and the mover are kept, SEQUENCE rises.
    let fid = fair["id"].as_str().unwrap();
    let (s, p) = c
        .patch(
            &format!("/meetings/{fid}"),
            &c.coach,
            json!({"starts_at": "2027-02-18T14:00:00+02:00"}),
        )
        .await;
    assert_eq!((s, fields(&p)), (422, vec!["reason".to_string()]));
    let (s, moved) = c
        .patch(
            &format!("/meetings/{fid}"),
            &c.coach,
            json!({"starts_at": "2027-02-18T14:00:00+02:00", "reason": "Messut alkavat myöhemmin"}),
        )
        .await;
    assert_eq!(s, 200, "{moved}");
    assert_eq!(moved["sequence"], 1);
    assert_eq!(moved["change_reason"], "Messut alkavat myöhemmin");
    assert_eq!(moved["starts_at"], "2027-02-18T14:00:00+02:00");
    // Editing the agenda alone needs no reason, and still raises SEQUENCE.
    let (s, v) = c
        .patch(
            &format!("/meetings/{fid}"),
            &c.coach,
            json!({"agenda": "Ota CV mukaan"}),
        )
        .await;
    assert_eq!((s, v["sequence"].clone()), (200, json!(2)));

    let (s, p) = c
        .post(
            &format!("/meetings/{fid}/cancel"),
            &c.coach,
            json!({"reason": ""}),
        )
        .await;
    assert_eq!((s, fields(&p)), (422, vec!["reason".to_string()]));
    let (s, v) = c
        .post(
            &format!("/meetings/{fid}/cancel"),
            &c.coach,
            json!({"reason": "Messut peruttu"}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (
            v["status"].as_str().unwrap(),
            v["cancel_reason"].as_str().unwrap(),
            v["sequence"].as_i64().unwrap()
        ),
        ("cancelled", "Messut peruttu", 3)
    );
    assert_eq!(
        c.post(
            &format!("/meetings/{fid}/cancel"),
            &c.coach,
            json!({"reason": "uudelleen"})
        )
        .await
        .0,
        409
    );
    // Cancelled meetings stay in the list, in time order.
    let (_, list) = c.get(&mpath, &c.partner_cm).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 9);
    assert!(
        items
            .windows(2)
            .all(|w| w[0]["starts_at"].as_str() <= w[1]["starts_at"].as_str())
    );
    assert_eq!(
        items.iter().filter(|m| m["status"] == "cancelled").count(),
        1
    );
    let actions = c.app.audit_actions().await;
    for a in [
        "meeting.create",
        "meeting.move",
        "meeting.update",
        "meeting.cancel",
    ] {
        assert!(actions.contains(&a.to_string()), "{a}");
    }

    // A finished group's schedule is closed.
    assert_eq!(
        c.patch(
            &format!("/groups/{gid}"),
            &c.coordinator,
            json!({"status": "finished"})
        )
        .await
        .0,
        200
    );
    let (s, p) = c
        .post(&mpath, &c.coach, json!({"starts_at": "2027-03-03T09:00:00+02:00", "ends_at": "2027-03-03T10:00:00+02:00", "theme": "cv"}))
        .await;
    assert_eq!(
        (s, p["type"].as_str().unwrap()),
        (409, "urn:klubi:problem:group-schedule-closed")
    );
    assert_eq!(
        c.patch(
            &format!("/meetings/{oid}"),
            &c.coach,
            json!({"agenda": "x"})
        )
        .await
        .0,
        409
    );
}

fn parse_ics(body: &str) -> Value {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/ics_events.py"
        ))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the independent parser refused the feed:\n{body}"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn the_calendar_feed_is_secret_stable_and_parses_elsewhere() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let gid = g["id"].as_str().unwrap();
    c.post(
        &format!("/groups/{gid}/schedule"),
        &c.coordinator,
        json!({"first_date": "2027-03-22", "weekdays": ["mon", "fri"]}),
    )
    .await;
    let (s, feed) = c.get("/me/calendar-feed", &c.partner_coach).await;
    assert_eq!(s, 200);
    let url = feed["url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with(&c.app.url("/api/v1/me/calendar.ics?token=")),
        "{url}"
    );
    assert_eq!(
        c.get("/me/calendar-feed", &c.partner_coach).await.1["url"],
        url.as_str(),
        "the same URL again"
    );

    let fetch = |u: String| async move {
        let res = reqwest::get(&u).await.unwrap();
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        (status, ct, res.text().await.unwrap())
    };
    let (s, ct, body) = fetch(url.clone()).await;
    assert_eq!(s, 200);
    assert!(ct.unwrap().starts_with("text/calendar"));
    assert_eq!(
        reqwest::get(&url).await.unwrap().headers()["referrer-policy"],
        "no-referrer",
        "the URL is the secret: never sent on as a referrer"
    );
    let cal = parse_ics(&body);
    assert_eq!(cal["version"], "2.0");
    assert_eq!(cal["timezone"], "Europe/Helsinki");
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), 5);
    // 09:00 local before and after the change to summer time.
    assert_eq!(events[0]["start"], "2027-03-22T07:00:00Z");
    assert_eq!(events[0]["end"], "2027-03-22T10:00:00Z");
    assert_eq!(events[1]["start"], "2027-04-02T06:00:00Z");
    assert!(
        events[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Klubi 1")
    );
    assert_eq!(events[0]["location"], "Hämeenkatu 1");
    assert!(
        events
            .iter()
            .all(|e| e["status"] == "CONFIRMED" && e["sequence"] == 0)
    );

    // Polling clients get 304 while nothing changed.
    let conditional = |u: String, tag: String| async move {
        reqwest::Client::new()
            .get(&u)
            .header("if-none-match", tag)
            .send()
            .await
            .unwrap()
    };
    let tag = reqwest::get(&url).await.unwrap().headers()["etag"]
        .to_str()
        .unwrap()
        .to_string();
    let res = conditional(url.clone(), tag.clone()).await;
    assert_eq!(res.status(), 304);
    assert_eq!(res.headers()["etag"].to_str().unwrap(), tag);
    // A move and a cancellation: same UIDs, SEQUENCE up, STATUS:CANCELLED.
    let meetings = c
        .get(&format!("/groups/{gid}/meetings"), &c.coordinator)
        .await
        .1;
    let first = meetings["items"][0]["id"].as_str().unwrap().to_string();
    let second = meetings["items"][1]["id"].as_str().unwrap().to_string();
    c.patch(&format!("/meetings/{first}"), &c.coordinator, json!({"starts_at": "2027-03-23T09:00:00+02:00", "ends_at": "2027-03-23T12:00:00+02:00", "reason": "Sali varattu"})).await;
    c.post(
        &format!("/meetings/{second}/cancel"),
        &c.coordinator,
        json!({"reason": "Valmentaja sairas"}),
    )
    .await;
    let res = conditional(url.clone(), tag.clone()).await;
    assert_eq!(res.status(), 200, "changed meetings change the tag");
    assert_ne!(res.headers()["etag"].to_str().unwrap(), tag);
    let again = parse_ics(&fetch(url.clone()).await.2);
    let ev2 = again["events"].as_array().unwrap();
    let uids = |v: &[Value]| {
        v.iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(ev2), uids(events));
    assert_eq!(
        (
            ev2[0]["start"].as_str().unwrap(),
            ev2[0]["sequence"].as_i64().unwrap()
        ),
        ("2027-03-23T07:00:00Z", 1)
    );
    assert_eq!(
        (
            ev2[1]["status"].as_str().unwrap(),
            ev2[1]["sequence"].as_i64().unwrap()
        ),
        ("CANCELLED", 1)
    );

    // The outsider's own feed holds none of it; a coordinator's holds their organisation's groups.
    let outsider_url = c.get("/me/calendar-feed", &c.outsider_coach).await.1["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        parse_ics(&fetch(outsider_url).await.2)["events"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let coord_url = c.get("/me/calendar-feed", &c.coordinator).await.1["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        parse_ics(&fetch(coord_url).await.2)["events"]
            .as_array()
            .unwrap()
            .len(),
        5
    );

    // Rotation revokes the old URL at once.
    let (s, rotated) = c
        .post("/me/calendar-feed/rotate", &c.partner_coach, json!({}))
        .await;
    assert_eq!(s, 200);
    let new_url = rotated["url"].as_str().unwrap().to_string();
    assert_ne!(new_url, url);
    assert_eq!(fetch(url).await.0, 404);
    assert_eq!(fetch(new_url).await.0, 200);
    assert_eq!(fetch(c.app.url("/api/v1/me/calendar.ics")).await.0, 404);
    assert_eq!(
        fetch(c.app.url("/api/v1/me/calendar.ics?token=guess"))
            .await
            .0,
        404
    );
    assert!(
        c.app
            .audit_actions()
            .await
            .contains(&"calendar_feed.rotate".to_string())
    );
}

/// The calendar page, the feed and the group page keep what they built until
/// the database says a group's meetings or name changed (its calendar
/// version) or the user's groups changed: every such change shows at once.
#[tokio::test]
async fn built_calendars_and_schedules_follow_every_change_at_once() {
    let c = setup().await;
    let g = c.tampere_group().await;
    let gid = g["id"].as_str().unwrap().to_string();
    let (s, _) = c
        .post(
            &format!("/groups/{gid}/schedule"),
            &c.coordinator,
            json!({"first_date": "2027-03-22", "weekdays": ["mon", "fri"]}),
        )
        .await;
    assert_eq!(s, 201);
    let coach = c.app.signed_in("coach@a.fi").await;
    let feed = c.get("/me/calendar-feed", &c.coach).await.1["url"]
        .as_str()
        .unwrap()
        .to_string();
    let ics = |u: String| async move {
        let res = reqwest::get(&u).await.unwrap();
        let tag = res.headers()["etag"].to_str().unwrap().to_string();
        (tag, parse_ics(&res.text().await.unwrap()))
    };
    let feed_before_rotation = feed.clone();
    let calendar = "/calendar?from=2027-03-22";
    let group_page = format!("/groups/{gid}");

    // Built once and served again unchanged.
    let (tag1, cal1) = ics(feed.clone()).await;
    assert_eq!(cal1["events"].as_array().unwrap().len(), 5);
    let (again, _) = ics(feed.clone()).await;
    assert_eq!(again, tag1);
    let page1 = coach.get_html(calendar).await;
    assert_eq!(page1.matches("Hämeenkatu 1").count(), 5);
    assert!(page1.contains(&feed), "the page shows the feed link");
    // The coordinator's calendar holds their organisation's groups.
    let coordinator = c.app.signed_in("coord@a.fi").await;
    assert!(coordinator.get_html(calendar).await.contains("Klubi 1"));
    assert_eq!(
        coach
            .get_html(calendar)
            .await
            .matches("Hämeenkatu 1")
            .count(),
        5
    );
    assert!(coach.get_html(&group_page).await.contains("Hämeenkatu 1"));

    // A meeting changed: every view shows it at once.
    let first = c
        .get(&format!("/groups/{gid}/meetings"), &c.coordinator)
        .await
        .1["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, _) = c
        .patch(
            &format!("/meetings/{first}"),
            &c.coordinator,
            json!({"location": "Pääkirjasto Metso"}),
        )
        .await;
    assert_eq!(s, 200);
    let (tag2, cal2) = ics(feed.clone()).await;
    assert_ne!(tag2, tag1);
    assert_eq!(cal2["events"][0]["location"], "Pääkirjasto Metso");
    let page2 = coach.get_html(calendar).await;
    assert!(page2.contains("Pääkirjasto Metso"));
    assert_eq!(page2.matches("Hämeenkatu 1").count(), 4);
    assert!(
        coach
            .get_html(&group_page)
            .await
            .contains("Pääkirjasto Metso")
    );

    // The group renamed: its meetings carry the new name.
    let (s, _) = c
        .patch(
            &format!("/groups/{gid}"),
            &c.coordinator,
            json!({"name": "Kevätklubi"}),
        )
        .await;
    assert_eq!(s, 200);
    let (tag3, cal3) = ics(feed.clone()).await;
    assert_ne!(tag3, tag2);
    assert!(
        cal3["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["summary"].as_str().unwrap().starts_with("Kevätklubi"))
    );
    let page3 = coach.get_html(calendar).await;
    assert!(page3.contains("Kevätklubi") && !page3.contains("Klubi 1"));
    let coord3 = coordinator.get_html(calendar).await;
    assert!(coord3.contains("Kevätklubi") && !coord3.contains("Klubi 1"));

    // A new feed link shows on the page at once, the old one gone.
    let (s, rotated) = c
        .post("/me/calendar-feed/rotate", &c.coach, json!({}))
        .await;
    assert_eq!(s, 200);
    let feed = rotated["url"].as_str().unwrap().to_string();
    let page4 = coach.get_html(calendar).await;
    assert!(page4.contains(&feed) && !page4.contains(&feed_before_rotation));

    // The coach taken off the group: it leaves their calendar and feed; a new
    // group of theirs comes in.
    let (s, _) = c
        .patch(
            &format!("/groups/{gid}"),
            &c.coordinator,
            json!({"facilitator_ids": [c.partner_coach_id]}),
        )
        .await;
    assert_eq!(s, 200);
    let (_, cal4) = ics(feed.clone()).await;
    assert!(cal4["events"].as_array().unwrap().is_empty());
    assert_eq!(
        coach
            .get_html(calendar)
            .await
            .matches("class=\"agenda-item")
            .count(),
        0
    );
    let (s, other) = c
        .post(
            "/groups",
            &c.coordinator,
            json!({"format_id": "template-tampere", "name": "Syysklubi", "facilitator_ids": [c.coach_id]}),
        )
        .await;
    assert_eq!(s, 201, "{other}");
    let oid = other["id"].as_str().unwrap();
    let (s, _) = c
        .post(
            &format!("/groups/{oid}/schedule"),
            &c.coordinator,
            json!({"first_date": "2027-03-23", "weekdays": ["tue"]}),
        )
        .await;
    assert_eq!(s, 201);
    let (_, cal5) = ics(feed.clone()).await;
    assert_eq!(cal5["events"].as_array().unwrap().len(), 5);
    let page5 = coach.get_html(calendar).await;
    assert!(page5.contains("Syysklubi") && !page5.contains("Kevätklubi"));
    // The partner coach still sees the renamed group with its changed meeting.
    let partner = c.app.signed_in("coach@b.fi").await;
    let p = partner.get_html(calendar).await;
    assert!(p.contains("Kevätklubi") && p.contains("Pääkirjasto Metso"));
}
