//! The privacy lifecycle (issue 17): a person's own copy of their data and
//! who read it, walking every feature's declaration.

use crate::referrals::setup_with;
use crate::world::*;
use serde_json::{Value, json};

/// Aino and Bo in one group; Aino has a notice, an internal referral with a
/// session, and her needs read by the coordinator and her case manager.
/// Returns (Aino, her referral id, her internal referral id, the session's day).
async fn aino_and_bo(f: &crate::referrals::Fx) -> (Person, String, String, String) {
    let g = f.group(10).await;
    let r = f
        .cm_a
        .refers_in(&g, "Aino Aaltonen", "aino@x.fi", "fi")
        .await;
    let rid = id_of(&r);
    f.coordinator.accepts_id(&rid).await;
    let aino_id = r["participant_id"].as_str().unwrap().to_string();
    let bo = f.cm_b.refers_in(&g, "Bo Berg", "bo@x.fi", "fi").await;
    f.coordinator.accepts(&bo).await;
    let aino = f.w.person(&aino_id, "aino@x.fi").await;

    let (_, meetings) = aino.get(&format!("/groups/{g}/meetings")).await;
    let meeting = meetings["items"][0]["id"].as_str().unwrap().to_string();
    let (s, n) = aino
        .post(
            &format!("/meetings/{meeting}/absence"),
            json!({"reason": "Lääkäri"}),
        )
        .await;
    assert_eq!(s, 200, "{n}");

    let (_, me) = f.specialist.get("/me").await;
    let (s, ir) = f
        .coach
        .post(
            "/internal-referrals",
            json!({"group_id": g, "participant_id": aino_id, "specialist_id": me["id"],
                   "reason": "Jännittää puhumista", "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{ir}");
    let irid = id_of(&ir);
    let path = format!("/internal-referrals/{irid}");
    f.specialist
        .post(&format!("{path}/accept"), json!({}))
        .await;
    let today = jiff::Timestamp::from_second(f.app.clock.now())
        .unwrap()
        .in_tz("Europe/Helsinki")
        .unwrap()
        .date()
        .to_string();
    let (s, v) = f
        .specialist
        .post(
            &format!("{path}/sessions"),
            json!({"held_on": today, "note": "Salainen muistiinpano"}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    // Reads of her data by staff.
    f.cm_a.get(&format!("/referrals/{rid}")).await;
    f.coordinator.get(&format!("/referrals/{rid}")).await;
    f.specialist.get(&path).await;
    (aino, rid, irid, today)
}

#[tokio::test]
async fn my_copy_has_every_kind_of_my_data_and_nothing_of_anyone_else() {
    let f = setup_with(World::new().await).await;
    let (aino, rid, irid, day) = aino_and_bo(&f).await;
    let (s, data) = aino.get("/me/export").await;
    assert_eq!(s, 200, "{data}");
    assert_eq!(data["account"]["email"], "aino@x.fi");
    assert_eq!(data["roles"], json!([]));
    let referrals = data["referrals"].as_array().unwrap();
    assert_eq!(referrals.len(), 1);
    assert_eq!(referrals[0]["id"], rid.as_str());
    assert_eq!(referrals[0]["participant_name"], "Aino Aaltonen");
    let consent_at = referrals[0]["consent_at"].as_str().unwrap();
    assert!(
        consent_at.ends_with("+02:00") || consent_at.ends_with("+03:00"),
        "RFC 3339 in Helsinki time, as the API gives times: {consent_at}"
    );
    assert_eq!(data["enrolments"][0]["status"], "enrolled");
    assert_eq!(data["meetings"].as_array().unwrap().len(), 1);
    assert_eq!(data["attendance"][0]["notice_reason"], "Lääkäri");
    assert_eq!(data["internal_referrals"][0]["id"], irid.as_str());
    assert_eq!(
        data["internal_referrals"][0]["reason"],
        "Jännittää puhumista"
    );
    assert_eq!(data["specialist_sessions"][0]["held_on"], day.as_str());
    assert!(
        !data.to_string().contains("Salainen muistiinpano"),
        "the specialist's notes are not in the copy"
    );
    assert!(
        !data["mails"].as_array().unwrap().is_empty(),
        "the seat mail"
    );
    assert!(data["compensation"].is_array());
    let audit = data["audit"].as_array().unwrap();
    let actions: Vec<&str> = audit
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    for a in ["referral.read_needs", "internal_referral.read_reason"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    // Nothing of Bo's.
    let text = data.to_string();
    for other in ["Bo Berg", "bo@x.fi"] {
        assert!(!text.contains(other), "{other} in Aino's copy");
    }
    // Taking the copy is audited.
    let (_, again) = aino.get("/me/export").await;
    let last = again["audit"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "privacy.export", "{last}");

    // Staff get their own copy too: their account, no one else's referrals.
    let (s, mine) = f.cm_a.get("/me/export").await;
    assert_eq!(s, 200);
    assert_eq!(mine["account"]["email"], f.cm_a.email.as_str());
    assert_eq!(mine["roles"][0]["role"], "case_manager");
    assert_eq!(mine["referrals"], json!([]));
    assert!(!mine.to_string().contains("Jännittää"), "{mine}");
}

#[tokio::test]
async fn i_see_who_read_my_data() {
    let f = setup_with(World::new().await).await;
    let (aino, ..) = aino_and_bo(&f).await;
    let (s, reads) = aino.get("/me/reads").await;
    assert_eq!(s, 200, "{reads}");
    let items = reads["items"].as_array().unwrap();
    let seen: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["reader_name"].as_str().unwrap().to_string(),
                i["what"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (who, what) in [
        (&f.cm_a, "referral.read_needs"),
        (&f.coordinator, "referral.read_needs"),
        (&f.specialist, "internal_referral.read_reason"),
    ] {
        assert!(
            seen.contains(&(who.name(), what.to_string())),
            "{} {what} in {seen:?}",
            who.name()
        );
    }
    let coordinator = items
        .iter()
        .find(|i| i["reader_name"] == f.coordinator.name().as_str())
        .unwrap();
    assert_eq!(coordinator["reader_roles"], json!(["coordinator"]));
    assert_eq!(coordinator["organisation_name"], "Tampereen työllisyys");
    let times: Vec<&str> = items.iter().map(|i| i["at"].as_str().unwrap()).collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");

    // Bo's log has none of Aino's reads.
    let (_, bo) = f.cm_b.get("/referrals").await;
    let bo_id = bo["items"][0]["participant_id"]
        .as_str()
        .unwrap()
        .to_string();
    let bo = f.w.person(&bo_id, "bo@x.fi").await;
    let (_, theirs) = bo.get("/me/reads").await;
    assert!(
        theirs["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["what"] != "internal_referral.read_reason"),
        "{theirs}"
    );
}

#[tokio::test]
async fn my_data_page_shows_it_all_and_gives_a_file() {
    let f = setup_with(World::new().await).await;
    aino_and_bo(&f).await;
    let b = f.coordinator.signs_in().await;
    let page = b.get_html("/my-data").await;
    assert!(page.contains("Omat tietoni"), "{page}");
    assert!(page.contains("Kuka on lukenut tietojasi"));
    assert!(page.contains(&f.coordinator.email));
    let res = b.get("/my-data.json").await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["account"]["email"], f.coordinator.email.as_str());
    // Not signed in: to the sign-in page.
    let anon = f.app.browser().get("/my-data").await;
    assert_eq!(anon.status(), 303);
}
