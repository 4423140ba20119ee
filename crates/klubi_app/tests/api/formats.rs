//! Formats: the shipped templates are shared and read-only, an organisation
//! copies one and edits its copy; every broken rule is named.

use crate::groups::setup;
use crate::world::*;
use serde_json::{Value, json};

#[tokio::test]
async fn templates_are_shared_read_only_and_copied_into_an_organisation() {
    let c = setup().await;
    let (s, list) = c.outsider_coach.get("/formats").await;
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
        .coordinator
        .call(
            reqwest::Method::PUT,
            "/formats/template-tampere",
            Some(json!({"name": "X", "meetings": [{"theme": "cv", "duration_minutes": 60}]})),
        )
        .await;
    assert_eq!(s, 403);
    let (s, copy) = c
        .coordinator
        .post("/formats/template-tampere/copy", json!({}))
        .await;
    assert_eq!(s, 201, "{copy}");
    assert_eq!(copy["template"], false);
    assert_eq!(copy["organisation_id"], c.owner);
    assert_eq!(copy["meetings"].as_array().unwrap().len(), 5);
    // A coach may not copy or create.
    let (s, _) = c
        .coach
        .post("/formats/template-tampere/copy", json!({}))
        .await;
    assert_eq!(s, 403);

    // The copy is edited; the outsider never sees it.
    let id = copy["id"].as_str().unwrap();
    let (s, edited) = c.coordinator.call(reqwest::Method::PUT, &format!("/formats/{id}"), Some(json!({"name": "Oma klubi", "capacity": 8, "min_attendance": 2, "default_start_time": "12:30",
                        "compensation_cents_per_meeting": null,
                        "meetings": [{"theme": "cv", "duration_minutes": 120}, {"theme": "other", "title": "Messut", "duration_minutes": 240}]})))
        .await;
    assert_eq!(s, 200, "{edited}");
    assert_eq!(edited["capacity"], 8);
    assert_eq!(edited["default_start_time"], "12:30");
    assert_eq!(edited["meetings"][1]["title"], "Messut");
    assert_eq!(c.outsider_coach.get(&format!("/formats/{id}")).await.0, 404);
    assert_eq!(
        c.outsider_coach.get("/formats").await.1["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        c.coach.get("/formats").await.1["items"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Every broken rule is named.
    let (s, p) = c.coordinator.post("/formats", json!({"name": "", "capacity": 0, "min_attendance": 3, "compensation_cents_per_meeting": -5,
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
        .coordinator
        .post(
            "/formats",
            json!({"name": "Uusi", "meetings": [{"theme": "interview", "duration_minutes": 90}]}),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    assert_eq!(created["capacity"], 10);
}
