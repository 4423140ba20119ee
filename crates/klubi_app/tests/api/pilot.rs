//! The Tampere pilot, as the stories of compensation, reports and approval
//! find it: three groups of the Tampere template (five meetings, minimum
//! attendance 1) run by the owner's coach and the partner's coach, with the
//! partner and the rehabilitation foundation as partners; twelve participants
//! referred by the owner's and the foundation's case managers; every meeting
//! marked.
//!
//! Meetings are in September and October 2026 (Helsinki time), before the
//! test clock's today (23.11.2026), so they count as held; the figures the
//! stories expect are worked out by hand next to each assertion.

use crate::reading::*;
use crate::world::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub const HYPER_NAME: &str = "=HYPERLINK(\"https://evil.example/\";\"Avaa\")";

pub struct Pilot {
    pub w: World,
    /// No compensation.
    pub g1: String,
    /// 9,00 € a meeting.
    pub g2: String,
    /// 9,00 €, 12,00 € from the day of its fourth meeting on.
    pub g3: String,
    pub m1: Vec<String>,
    pub m2: Vec<String>,
    pub m3: Vec<String>,
    pub aino: String,
    pub bertta: String,
    pub cecilia: String,
    pub daniel: String,
    pub eero: String,
    pub fanni: String,
    pub gunnar: String,
    pub helmi: String,
    pub hyper: String,
    pub sum: String,
    pub iiro: String,
    pub jussi: String,
}

/// A group of the pilot: both coaches, both partners, `rate` (null = none).
pub async fn pilot_group(w: &World, name: &str, rate: Value) -> String {
    let g = w
        .coordinator()
        .await
        .starts(
            group(name)
                .at("Hämeenkatu 1")
                .run_by(&[w.coach().await, w.partner_coach().await])
                .with_partners(&[w.partner().await, w.rehab().await])
                .paying(rate),
        )
        .await;
    assert_eq!(g["min_attendance"], 1, "{g}");
    id_of(&g)
}

/// Five meetings 09:00–12:00 on the given days (`YYYY-MM-DD`, summer time).
pub async fn five_meetings(w: &World, group: &str, plan: [(&str, &str, &str); 5]) -> Vec<String> {
    let coordinator = w.coordinator().await;
    let mut ids = vec![];
    for (day, kind, theme) in plan {
        ids.push(
            coordinator
                .adds_meeting(group, morning(day, kind, theme))
                .await,
        );
    }
    ids
}

pub async fn pilot() -> Pilot {
    let w = World::new().await;
    let coordinator = w.coordinator().await.clone();
    let (cm_own, cm_rehab) = (
        w.case_manager().await.clone(),
        w.rehab_case_manager().await.clone(),
    );

    let g1 = pilot_group(&w, "Klubi 1", Value::Null).await;
    let g2 = pilot_group(&w, "Klubi 2", json!(900)).await;
    let g3 = pilot_group(&w, "Klubi 3", json!(900)).await;
    let m1 = five_meetings(
        &w,
        &g1,
        [
            ("2026-09-01", "regular", "cv"),
            ("2026-09-03", "guest_visit", "interview"),
            ("2026-09-08", "regular", "application"),
            ("2026-09-10", "excursion", "job_ads"),
            ("2026-09-15", "regular", "strengths"),
        ],
    )
    .await;
    let m2 = five_meetings(
        &w,
        &g2,
        [
            ("2026-09-21", "guest_visit", "interview"),
            ("2026-09-23", "regular", "cv"),
            ("2026-09-28", "excursion", "job_ads"),
            ("2026-09-30", "regular", "application"),
            ("2026-10-05", "regular", "support_needs"),
        ],
    )
    .await;
    // Group 3's fourth meeting is a night-shift open house at 00.30 local
    // time, which is still the previous day in UTC (2026-10-13T21:30Z): the
    // rate of its Helsinki date (14.10.) must apply.
    let mut m3 = vec![];
    for body in [
        morning("2026-10-07", "regular", "cv"),
        morning("2026-10-09", "guest_visit", "interview"),
        morning("2026-10-12", "regular", "application"),
        meeting(
            "2026-10-14T00:30:00+03:00",
            "2026-10-14T02:30:00+03:00",
            "excursion",
            "job_ads",
        ),
        morning("2026-10-16", "regular", "strengths"),
    ] {
        m3.push(coordinator.adds_meeting(&g3, body).await);
    }

    let c = coordinator
        .ok(
            reqwest::Method::POST,
            &format!("/groups/{g3}/compensation/rates"),
            Some(json!({"effective_from": "2026-10-14", "rate_cents": 1200})),
        )
        .await;
    assert_eq!(
        c["rates"],
        json!([{"effective_from": null, "rate_cents": 900}, {"effective_from": "2026-10-14", "rate_cents": 1200}])
    );
    assert_eq!(c["rate_cents"], 1200, "in force today (23.11.2026)");

    // Participants, referred by two case managers of two organisations.
    let p = Pilot {
        aino: w
            .enrols(&cm_own, &g1, "Aino Aaltonen", "aino@example.fi")
            .await,
        bertta: w
            .enrols(&cm_rehab, &g1, "Bertta Berg", "bertta@example.fi")
            .await,
        cecilia: w
            .enrols(&cm_own, &g1, "Cecilia Carlsson", "cecilia@example.fi")
            .await,
        daniel: w
            .enrols(&cm_rehab, &g2, "Daniel Dahl", "daniel@example.fi")
            .await,
        eero: w.enrols(&cm_own, &g2, "Eero Esko", "eero@example.fi").await,
        fanni: w
            .enrols(&cm_rehab, &g2, "Fanni Forsman", "fanni@example.fi")
            .await,
        gunnar: w
            .enrols(&cm_own, &g2, "Gunnar Gren", "gunnar@example.fi")
            .await,
        helmi: w
            .enrols(&cm_own, &g3, "Helmi Heino", "helmi@example.fi")
            .await,
        hyper: w
            .enrols(&cm_rehab, &g3, HYPER_NAME, "hyper@example.fi")
            .await,
        sum: w.enrols(&cm_own, &g3, "@SUM(A1)", "sum@example.fi").await,
        iiro: w
            .enrols(&cm_rehab, &g3, "Iiro Ilola", "iiro@example.fi")
            .await,
        jussi: w
            .enrols(&cm_rehab, &g3, "Jussi Jokela", "jussi@example.fi")
            .await,
        g1,
        g2,
        g3,
        m1,
        m2,
        m3,
        w,
    };

    // Group 1, marked by the owner's coach.
    p.w.coach()
        .await
        .marks_grid(
            &p.m1,
            &[
                (&p.aino, "PPLPA"),
                (&p.bertta, "PEPAP"),
                (&p.cecilia, "APPPL"),
            ],
        )
        .await;
    // Group 2, marked by the partner's coach; Gunnar's last meeting stays unmarked.
    p.w.partner_coach()
        .await
        .marks_grid(
            &p.m2,
            &[
                (&p.daniel, "PPPPP"),
                (&p.eero, "LPAPE"),
                (&p.fanni, "PELLP"),
                (&p.gunnar, "AAEA-"),
            ],
        )
        .await;
    // Group 3, by the coordinator; Jussi came twice and then withdrew.
    coordinator
        .marks_grid(
            &p.m3,
            &[
                (&p.helmi, "PPPLP"),
                (&p.hyper, "PAPPA"),
                (&p.sum, "ELAPL"),
                (&p.iiro, "AAAEA"),
                (&p.jussi, "PL---"),
            ],
        )
        .await;
    coordinator.withdraws(&p.g3, &p.jussi).await;
    p
}

impl Pilot {
    /// Group 3: 900 for meetings 1–3 (7.–12.10.), 1200 for 4–5 (14.–16.10.):
    ///   Helmi  PPPLP: 3 × 900 + 2 × 1200      = 5100
    ///   Hyper  PAPPA: 900 + 900 + 1200        = 3000
    ///   Sum    ELAPL: 900 + 1200 + 1200       = 3300
    ///   Iiro   AAAEA: 0
    ///   Jussi  PL (withdrawn, still paid): 2 × 900 = 1800
    ///   total 5100 + 3000 + 3300 + 0 + 1800 = 13200
    pub fn group3_lines(&self) -> BTreeMap<String, (i64, i64)> {
        map(vec![
            (&self.helmi, (5, 5100)),
            (&self.hyper, (3, 3000)),
            (&self.sum, (3, 3300)),
            (&self.iiro, (0, 0)),
            (&self.jussi, (2, 1800)),
        ])
    }

    /// Group 3's CSV: the same numbers, euros with a comma, formulas neutralised.
    pub fn group3_csv(&self) -> BTreeMap<String, [String; 4]> {
        map(vec![
            (
                &self.helmi,
                [txt("Helmi Heino"), txt("5"), txt("51,00"), txt("5100")],
            ),
            (
                &self.hyper,
                [
                    format!("'{HYPER_NAME}"),
                    txt("3"),
                    txt("30,00"),
                    txt("3000"),
                ],
            ),
            (
                &self.sum,
                [txt("'@SUM(A1)"), txt("3"), txt("33,00"), txt("3300")],
            ),
            (
                &self.iiro,
                [txt("Iiro Ilola"), txt("0"), txt("0,00"), txt("0")],
            ),
            (
                &self.jussi,
                [txt("Jussi Jokela"), txt("2"), txt("18,00"), txt("1800")],
            ),
        ])
    }
}
