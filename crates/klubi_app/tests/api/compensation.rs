//! Expense compensation as the coordinator reads it: a group's statement by
//! its rates on each meeting's Helsinki date, its CSV for the spreadsheet,
//! and an organisation's month.

use crate::pilot::*;
use crate::reading::*;
use crate::world::*;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn each_pilot_group_pays_its_rate_for_every_attended_meeting_and_the_csv_agrees() {
    let p = pilot().await;
    let coordinator = p.w.coordinator().await;

    // Group 1: attendance counts but nothing is paid.
    // Aino PPLPA = 4, Bertta PEPAP = 3, Cecilia APPPL = 4; rate none → 0.
    let c1 = coordinator.reads_compensation(&p.g1).await;
    assert_eq!(c1["group_id"], p.g1.as_str());
    assert_eq!(c1["rate_cents"], Value::Null);
    assert_eq!(
        c1["rates"],
        json!([{"effective_from": null, "rate_cents": null}])
    );
    assert_eq!(
        lines(&c1),
        map(vec![
            (&p.aino, (4, 0)),
            (&p.bertta, (3, 0)),
            (&p.cecilia, (4, 0))
        ])
    );
    assert_eq!(c1["total_cents"], 0);
    assert_eq!(c1["approved"], false);

    // Group 2 at 900 a meeting:
    //   Daniel PPPPP 5 × 900 = 4500, Eero LPAPE 3 × 900 = 2700,
    //   Fanni PELLP 4 × 900 = 3600, Gunnar AAEA- 0; total 10800.
    let c2 = coordinator.reads_compensation(&p.g2).await;
    assert_eq!(c2["rate_cents"], 900);
    assert_eq!(
        lines(&c2),
        map(vec![
            (&p.daniel, (5, 4500)),
            (&p.eero, (3, 2700)),
            (&p.fanni, (4, 3600)),
            (&p.gunnar, (0, 0))
        ])
    );
    assert_eq!(c2["total_cents"], 10800);

    // Group 3 (see `Pilot::group3_lines`): 13200 in all.
    let c3 = coordinator.reads_compensation(&p.g3).await;
    assert_eq!(lines(&c3), p.group3_lines());
    assert_eq!(c3["total_cents"], 13200);
    let hyper_line = c3["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["participant_id"] == p.hyper.as_str())
        .unwrap();
    assert_eq!(
        hyper_line["name"], HYPER_NAME,
        "the JSON keeps the name as it is"
    );

    // The CSV: the same numbers, euros with a comma, formulas neutralised.
    let (header, rows) = coordinator
        .downloads_csv(&format!("/groups/{}/compensation.csv", p.g3))
        .await;
    assert_eq!(header.len(), 5, "{header:?}");
    assert_eq!(rows.len(), 5, "one row per line: {rows:?}");
    assert_eq!(csv_by_id(&rows), p.group3_csv());
    let (_, rows2) = coordinator
        .downloads_csv(&format!("/groups/{}/compensation.csv", p.g2))
        .await;
    assert_eq!(
        csv_by_id(&rows2)[&p.daniel],
        [txt("Daniel Dahl"), txt("5"), txt("45,00"), txt("4500")]
    );
}

#[tokio::test]
async fn an_organisations_month_sums_every_group_by_local_date() {
    let w = World::new().await;
    let coordinator = w.coordinator().await;
    let (cm_own, cm_rehab) = (w.case_manager().await, w.rehab_case_manager().await);
    let g1 = pilot_group(&w, "Kuukausi 1", json!(900)).await;
    let g2 = pilot_group(&w, "Kuukausi 2", json!(500)).await;
    // g2 pays 7,00 € from 1.10. on; its meeting at 00.30 on 1.10. Helsinki
    // time is still 30.9. in UTC, and belongs to October at the October rate.
    coordinator
        .ok(
            Method::POST,
            &format!("/groups/{g2}/compensation/rates"),
            Some(json!({"effective_from": "2026-10-01", "rate_cents": 700})),
        )
        .await;
    let a = coordinator
        .adds_meeting(&g1, morning("2026-09-29", "regular", "cv"))
        .await;
    let b = coordinator
        .adds_meeting(&g1, morning("2026-10-06", "regular", "interview"))
        .await;
    let c = coordinator
        .adds_meeting(
            &g2,
            meeting(
                "2026-10-01T00:30:00+03:00",
                "2026-10-01T02:00:00+03:00",
                "excursion",
                "job_ads",
            ),
        )
        .await;
    let d = coordinator
        .adds_meeting(
            &g2,
            meeting(
                "2026-11-02T09:00:00+02:00",
                "2026-11-02T12:00:00+02:00",
                "regular",
                "cv",
            ),
        )
        .await;
    let x = w
        .enrols(cm_own, &g1, "Xenia Ylönen", "xenia@example.fi")
        .await;
    let y = w.enrols(cm_own, &g2, "@Yrjö", "yrjo@example.fi").await;
    let z = w
        .enrols(cm_rehab, &g2, "Zacharias Öst", "zach@example.fi")
        .await;
    coordinator.marks(&a, &[(&x, Some("present"))]).await;
    coordinator.marks(&b, &[(&x, Some("late"))]).await;
    coordinator
        .marks(&c, &[(&y, Some("present")), (&z, Some("absent"))])
        .await;
    coordinator
        .marks(&d, &[(&y, Some("present")), (&z, Some("present"))])
        .await;

    let owner = &w.owner().await.id;
    let path = |m: &str| format!("/organisations/{owner}/compensation?month={m}");
    let oct = coordinator.reads(&path("2026-10")).await;
    // October: Xenia late at b (9,00 €); Yrjö at c, 00.30 on 1.10. (7,00 €).
    let got: Vec<(String, i64, i64)> = oct["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["participant_id"].as_str().unwrap().to_string(),
                l["attended_meetings"].as_i64().unwrap(),
                l["amount_cents"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, vec![(x.clone(), 1, 900), (y.clone(), 1, 700)], "{oct}");
    assert_eq!(oct["total_cents"], 1600);
    assert_eq!(oct["month"], "2026-10");
    // September: Xenia at a (9,00 €) only; the 00.30 meeting is not September's.
    let sep = coordinator.reads(&path("2026-09")).await;
    assert_eq!(sep["total_cents"], 900, "{sep}");
    // November: Yrjö and Zacharias at d, 7,00 € each = 14,00 €.
    let nov = coordinator.reads(&path("2026-11")).await;
    assert_eq!(nov["total_cents"], 1400, "{nov}");

    let (header, rows) = coordinator
        .downloads_csv(&format!(
            "/organisations/{owner}/compensation.csv?month=2026-11"
        ))
        .await;
    assert_eq!(header.len(), 6, "{header:?}");
    let yrjo = rows.iter().find(|r| r[2] == y).unwrap();
    assert_eq!(yrjo[1], "'@Yrjö", "formula-safe name cell");
    assert_eq!(
        audit_count(&w.app, "compensation.export").await,
        1,
        "taking the month out as a spreadsheet is audited"
    );
    assert_eq!((yrjo[4].as_str(), yrjo[5].as_str()), ("7,00", "700"));

    for bad in ["2026-13", "marraskuu", "", "2026-1x"] {
        let (s, v) = coordinator.get(&path(bad)).await;
        assert_eq!(s, 422, "{bad}: {v}");
        assert_eq!(fields(&v), vec!["month".to_string()], "{v}");
    }
    let (s, _) = cm_own.get(&path("2026-10")).await;
    assert_eq!(
        s, 403,
        "a case manager of the organisation sees its groups but not the money"
    );
    let (s, _) = w.outsider_coordinator().await.get(&path("2026-10")).await;
    assert_eq!(s, 404, "another organisation's coordinator");
}
