//! Groups through the API: a coordinator starts one from a format, names its
//! partners and facilitators; partners see it, outsiders get 404; capacity
//! and status change only in ways that keep what is promised.

use crate::helpers::*;
use crate::world::*;
use serde_json::{Value, json};
use std::sync::Arc;

/// The club stories' cast, made by the world: the owner's coordinator and
/// coach, the partner's coach and case manager, and an outsider's coach.
pub struct Clubs {
    pub w: World,
    pub app: Arc<TestApp>,
    pub owner: String,
    pub partner: String,
    pub outsider: String,
    pub coordinator: Person,
    pub coach: Person,
    pub partner_coach: Person,
    pub partner_cm: Person,
    pub outsider_coach: Person,
}

pub async fn setup() -> Clubs {
    let w = World::new().await;
    Clubs {
        app: w.app.clone(),
        owner: w.owner().await.id.clone(),
        partner: w.partner().await.id.clone(),
        outsider: w.outsider().await.id.clone(),
        coordinator: w.coordinator().await.clone(),
        coach: w.coach().await.clone(),
        partner_coach: w.partner_coach().await.clone(),
        partner_cm: w.partner_case_manager().await.clone(),
        outsider_coach: w.outsider_coach().await.clone(),
        w,
    }
}

impl Clubs {
    /// "Klubi 1" of the Tampere template, at Hämeenkatu 1, run by both coaches
    /// with the partner.
    pub async fn tampere_group(&self) -> Value {
        self.coordinator
            .starts(
                group("Klubi 1")
                    .at("Hämeenkatu 1")
                    .run_by(&[&self.coach, &self.partner_coach])
                    .with_partners(&[self.w.partner().await]),
            )
            .await
    }
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
        .coordinator
        .post(
            "/groups",
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
    let (s, p) = c.coordinator.post("/groups", json!({"format_id": "nope", "name": "Klubi 3", "capacity": 101,
                   "facilitator_ids": [c.outsider_coach.id], "partner_organisation_ids": [c.partner]}))
        .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(fields(&p), vec!["format_id", "capacity", "facilitator_ids"]);
    let (s, p) = c.coordinator.post("/groups", json!({"format_id": "template-omnia", "name": "K", "partner_organisation_ids": ["missing"]}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), vec!["name", "partner_organisation_ids"]);
    // Only coordinators make groups.
    assert_eq!(
        c.coach
            .post(
                "/groups",
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
        let (s, v) = t.get(&path).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["facilitator_ids"].as_array().unwrap().len(), 2);
        assert_eq!(v["partner_organisation_ids"], json!([c.partner]));
    }
    assert_eq!(c.outsider_coach.get(&path).await.0, 404);
    assert_eq!(
        c.outsider_coach.get(&format!("{path}/meetings")).await.0,
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
    assert_eq!(names(&c.partner_cm.get("/groups").await.1), vec!["Klubi 1"]);
    assert!(names(&c.outsider_coach.get("/groups").await.1).is_empty());
    assert_eq!(
        names(&c.partner_coach.get("/groups?mine=true").await.1),
        vec!["Klubi 1"]
    );
    assert_eq!(
        names(
            &c.coordinator
                .get(&format!("/groups?organisation_id={}", c.outsider))
                .await
                .1
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&c.coordinator.get("/groups?status=open").await.1),
        vec!["Klubi 1"]
    );
    assert_eq!(c.coordinator.get("/groups?status=closed").await.0, 422);
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
        org_names(&c.partner_cm.get("/organisations").await.1),
        vec!["Polku Oy", "Tampereen työllisyys"]
    );
    assert_eq!(
        org_names(&c.coordinator.get("/organisations").await.1),
        vec!["Polku Oy", "Tampereen työllisyys"]
    );
    assert_eq!(
        org_names(&c.outsider_coach.get("/organisations").await.1),
        vec!["Muu Oy"]
    );
    assert_eq!(
        c.partner_cm
            .get(&format!("/organisations/{}", c.owner))
            .await
            .0,
        200
    );
    assert_eq!(
        c.outsider_coach
            .get(&format!("/organisations/{}", c.owner))
            .await
            .0,
        404
    );
    // Not the coordinator's: the partner's coach may not change the group.
    assert_eq!(
        c.partner_coach.patch(&path, json!({"name": "X"})).await.0,
        403
    );
    assert_eq!(
        c.outsider_coach.patch(&path, json!({"name": "X"})).await.0,
        404
    );
    // Dropping the partner while its coach facilitates is refused by name.
    let (s, p) = c
        .coordinator
        .patch(&path, json!({"partner_organisation_ids": []}))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&p), vec!["facilitator_ids"]);
}

#[tokio::test]
async fn group_lists_page_with_cursors() {
    let c = setup().await;
    for i in 0..5 {
        let (s, _) = c
            .coordinator
            .post(
                "/groups",
                json!({"format_id": "template-omnia", "name": format!("Ryhmä {i}")}),
            )
            .await;
        assert_eq!(s, 201);
    }
    let mut seen = vec![];
    let mut path = "/groups?limit=2".to_string();
    loop {
        let (s, v) = c.coordinator.get(&path).await;
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
    assert_eq!(c.coordinator.get(&path).await.1["enrolled_count"], 3);
    let (s, p) = c.coordinator.patch(&path, json!({"capacity": 2})).await;
    assert_eq!(s, 409, "{p}");
    assert_eq!(p["type"], "urn:klubi:problem:group-capacity-below-enrolled");
    assert!(p["detail"].as_str().unwrap().len() > 10);
    assert_eq!(
        c.coordinator.get(&path).await.1["capacity"],
        10,
        "nothing changed"
    );
    let (s, v) = c
        .coordinator
        .patch(
            &path,
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
        c.coordinator.patch(&path, json!({"capacity": 0})).await.0,
        422
    );
    assert_eq!(
        c.coordinator
            .patch(&path, json!({"status": "running"}))
            .await
            .0,
        200
    );
    let (s, p) = c.coordinator.patch(&path, json!({"status": "open"})).await;
    assert_eq!(
        (s, p["type"].as_str().unwrap()),
        (409, "urn:klubi:problem:group-status-backwards")
    );
    assert_eq!(
        c.coordinator
            .patch(&path, json!({"status": "sleeping"}))
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
