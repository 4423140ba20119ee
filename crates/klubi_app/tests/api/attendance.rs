//! Attendance, advance notices, expense compensation with its approved
//! (locked) payment report, the group report and no-show alerts, through the
//! real API (and the real SMTP sink for the alerts).
//!
//! Meetings are recorded in the past (September and October 2026, Helsinki
//! time) so that they count as held; expected figures are worked out by hand
//! next to each assertion.

use crate::helpers::*;
use klubi_domain::roles::Role;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::Duration;

/// The Tampere pilot's cast: an employment-services organisation owning the
/// groups (coordinator, coach, case manager), a coaching provider whose coach
/// co-facilitates, a rehabilitation organisation whose case manager refers
/// (and whose coordinator chooses its alert policy), and an outsider
/// organisation with a coordinator of its own.
struct Pilot {
    app: TestApp,
    owner: String,
    coaching: String,
    rehab: String,
    coordinator: String,
    coordinator_id: String,
    coach: String,
    coach_id: String,
    partner_coach: String,
    partner_coach_id: String,
    cm_own: String,
    cm_rehab: String,
    rehab_coordinator: String,
    outsider_coordinator: String,
}

const COORDINATOR_EMAIL: &str = "koordinaattori@tampere.example.fi";
const CM_OWN_EMAIL: &str = "oma@tampere.example.fi";
const CM_REHAB_EMAIL: &str = "oma@kuntoutus.example.fi";

async fn setup(app: TestApp) -> Pilot {
    let admin_id = app
        .create_user("admin@klubi.example.fi", None, &[Role::Admin])
        .await;
    let admin = app.token_for(&admin_id).await;
    let org = |name: &'static str, kind: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let (s, o) = app
                .call(
                    Method::POST,
                    "/organisations",
                    &admin,
                    Some(json!({"name": name, "kind": kind})),
                )
                .await;
            assert_eq!(s, 201, "{o}");
            o["id"].as_str().unwrap().to_string()
        }
    };
    let owner = org("Tampereen työllisyyspalvelut", "employment_services").await;
    let coaching = org("Polku Valmennus Oy", "coaching_provider").await;
    let rehab = org("Kuntoutussäätiö", "rehabilitation").await;
    let outsider = org("Espoon työllisyyspalvelut", "employment_services").await;

    let coordinator_id = app
        .create_user(COORDINATOR_EMAIL, Some(&owner), &[Role::Coordinator])
        .await;
    let coach_id = app
        .create_user(
            "valmentaja@tampere.example.fi",
            Some(&owner),
            &[Role::Coach],
        )
        .await;
    let partner_coach_id = app
        .create_user(
            "valmentaja@polku.example.fi",
            Some(&coaching),
            &[Role::Coach],
        )
        .await;
    let cm_own_id = app
        .create_user(CM_OWN_EMAIL, Some(&owner), &[Role::CaseManager])
        .await;
    let cm_rehab_id = app
        .create_user(CM_REHAB_EMAIL, Some(&rehab), &[Role::CaseManager])
        .await;
    let rehab_coordinator_id = app
        .create_user(
            "koordinaattori@kuntoutus.example.fi",
            Some(&rehab),
            &[Role::Coordinator],
        )
        .await;
    let outsider_coordinator_id = app
        .create_user(
            "koordinaattori@espoo.example.fi",
            Some(&outsider),
            &[Role::Coordinator],
        )
        .await;
    Pilot {
        coordinator: app.token_for(&coordinator_id).await,
        coach: app.token_for(&coach_id).await,
        partner_coach: app.token_for(&partner_coach_id).await,
        cm_own: app.token_for(&cm_own_id).await,
        cm_rehab: app.token_for(&cm_rehab_id).await,
        rehab_coordinator: app.token_for(&rehab_coordinator_id).await,
        outsider_coordinator: app.token_for(&outsider_coordinator_id).await,
        coordinator_id,
        coach_id,
        partner_coach_id,
        owner,
        coaching,
        rehab,
        app,
    }
}

impl Pilot {
    async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.app.call(Method::GET, path, token, None).await
    }
    async fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.app.call(Method::POST, path, token, Some(body)).await
    }
    async fn put(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.app.call(Method::PUT, path, token, Some(body)).await
    }
    async fn ok(&self, method: Method, path: &str, token: &str, body: Option<Value>) -> Value {
        let (s, v) = self.app.call(method.clone(), path, token, body).await;
        assert_eq!(s, 200, "{method} {path}: {v}");
        v
    }

    /// A group of the Tampere template (5 meetings, minimum attendance 1), run
    /// by both coaches with both partner organisations; `rate` null = no compensation.
    async fn group(&self, name: &str, rate: Value) -> String {
        let (s, g) = self
            .post(
                "/groups",
                &self.coordinator,
                json!({"format_id": "template-tampere", "name": name, "location": "Hämeenkatu 1",
                       "facilitator_ids": [self.coach_id, self.partner_coach_id],
                       "partner_organisation_ids": [self.coaching, self.rehab],
                       "compensation_cents_per_meeting": rate}),
            )
            .await;
        assert_eq!(s, 201, "{g}");
        assert_eq!(g["min_attendance"], 1, "{g}");
        g["id"].as_str().unwrap().to_string()
    }

    /// A meeting from `starts_at` to `ends_at` (Helsinki offsets); a guest
    /// visit gets its guest, an excursion its own place.
    async fn meeting(
        &self,
        group: &str,
        starts_at: &str,
        ends_at: &str,
        kind: &str,
        theme: &str,
    ) -> String {
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
        let (s, m) = self
            .post(
                &format!("/groups/{group}/meetings"),
                &self.coordinator,
                body,
            )
            .await;
        assert_eq!(s, 201, "{m}");
        assert_eq!(m["starts_at"], starts_at, "{m}");
        m["id"].as_str().unwrap().to_string()
    }

    /// Five meetings 09:00–12:00 on the given days (`YYYY-MM-DD`, summer time),
    /// with the kinds and themes given.
    async fn five_meetings(&self, group: &str, plan: [(&str, &str, &str); 5]) -> Vec<String> {
        let mut ids = vec![];
        for (day, kind, theme) in plan {
            ids.push(
                self.meeting(
                    group,
                    &format!("{day}T09:00:00+03:00"),
                    &format!("{day}T12:00:00+03:00"),
                    kind,
                    theme,
                )
                .await,
            );
        }
        ids
    }

    /// A case manager refers someone; the coordinator accepts: their id.
    async fn enrol(&self, cm: &str, group: &str, name: &str, email: &str) -> String {
        let (s, r) = self
            .post(
                "/referrals",
                cm,
                json!({"group_id": group, "participant": {"name": name, "email": email},
                       "needs": "Työnhaun tuki.", "consent": true}),
            )
            .await;
        assert_eq!(s, 201, "{r}");
        let (s, a) = self
            .post(
                &format!("/referrals/{}/accept", r["id"].as_str().unwrap()),
                &self.coordinator,
                json!({}),
            )
            .await;
        assert_eq!(s, 200, "{a}");
        assert_eq!(a["status"], "enrolled");
        r["participant_id"].as_str().unwrap().to_string()
    }

    async fn put_marks(&self, token: &str, meeting: &str, marks: Value) -> (u16, Value) {
        self.put(
            &format!("/meetings/{meeting}/attendance"),
            token,
            json!({"marks": marks}),
        )
        .await
    }

    async fn mark(&self, token: &str, meeting: &str, marks: &[(&str, Option<&str>)]) -> Value {
        let marks: Vec<Value> = marks
            .iter()
            .map(|(p, s)| json!({"participant_id": p, "status": s}))
            .collect();
        let (s, v) = self.put_marks(token, meeting, json!(marks)).await;
        assert_eq!(s, 200, "{v}");
        v
    }

    /// One PUT per meeting from a grid: a row per participant with one letter
    /// per meeting (P present, L late, E excused, A absent, - no mark).
    async fn mark_grid(&self, token: &str, meetings: &[String], rows: &[(&str, &str)]) {
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
            self.mark(token, meeting, &marks).await;
        }
    }

    async fn attendance(&self, meeting: &str, token: &str) -> Value {
        self.ok(
            Method::GET,
            &format!("/meetings/{meeting}/attendance"),
            token,
            None,
        )
        .await
    }

    async fn compensation(&self, group: &str) -> Value {
        self.ok(
            Method::GET,
            &format!("/groups/{group}/compensation"),
            &self.coordinator,
            None,
        )
        .await
    }

    /// A CSV download: checks the type and the BOM, returns the header and rows.
    async fn csv(&self, path: &str, token: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let res = self
            .app
            .api()
            .get(self.app.url(&format!("/api/v1{path}")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "GET {path}");
        let ct = res.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_ascii_lowercase();
        assert!(
            ct.starts_with("text/csv") && ct.contains("charset=utf-8"),
            "{ct}"
        );
        let bytes = res.bytes().await.unwrap();
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

    async fn roster(&self, group: &str, token: &str) -> BTreeMap<String, (String, i64)> {
        let v = self
            .ok(
                Method::GET,
                &format!("/groups/{group}/enrolments"),
                token,
                None,
            )
            .await;
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["participant_id"].as_str().unwrap().to_string(),
                    (
                        e["status"].as_str().unwrap().to_string(),
                        e["attended_count"].as_i64().unwrap(),
                    ),
                )
            })
            .collect()
    }
}

/// participant_id → shown status (null when unmarked).
fn shown(attendance: &Value) -> BTreeMap<String, Value> {
    attendance["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["participant_id"].as_str().unwrap().to_string(),
                m["status"].clone(),
            )
        })
        .collect()
}

fn row_of<'a>(attendance: &'a Value, participant: &str) -> &'a Value {
    attendance["marks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["participant_id"] == participant)
        .unwrap_or_else(|| panic!("{participant} not listed: {attendance}"))
}

/// participant_id → (attended_meetings, amount_cents).
fn lines(compensation: &Value) -> BTreeMap<String, (i64, i64)> {
    compensation["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["participant_id"].as_str().unwrap().to_string(),
                (
                    l["attended_meetings"].as_i64().unwrap(),
                    l["amount_cents"].as_i64().unwrap(),
                ),
            )
        })
        .collect()
}

/// CSV rows by participant id (the second column): the other four columns.
fn csv_by_id(rows: &[Vec<String>]) -> BTreeMap<String, [String; 4]> {
    rows.iter()
        .map(|r| {
            assert_eq!(r.len(), 5, "name; id; meetings; euros; cents: {r:?}");
            (
                r[1].clone(),
                [r[0].clone(), r[2].clone(), r[3].clone(), r[4].clone()],
            )
        })
        .collect()
}

fn map<K: Ord + Clone, V>(pairs: Vec<(&K, V)>) -> BTreeMap<K, V> {
    pairs.into_iter().map(|(k, v)| (k.clone(), v)).collect()
}

/// An RFC 3339 time in the answer is the same instant as `want` (whatever its offset).
fn assert_instant(got: &Value, want: &str) {
    let parse = |t: &str| {
        t.parse::<jiff::Timestamp>()
            .unwrap_or_else(|e| panic!("{t:?} is no RFC 3339 time: {e}"))
    };
    let g = got.as_str().unwrap_or_else(|| panic!("{got} is no string"));
    assert_eq!(parse(g), parse(want), "{g} vs {want}");
}

fn txt(x: &str) -> String {
    x.to_string()
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn per_meeting<'a>(report: &'a Value, meeting: &str) -> &'a Value {
    report["per_meeting"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["meeting_id"] == meeting)
        .unwrap_or_else(|| panic!("{meeting} not in the report: {report}"))
}

fn counts(pm: &Value) -> [i64; 5] {
    ["present", "late", "excused", "absent", "unmarked"].map(|k| pm[k].as_i64().unwrap())
}

fn standings(report: &Value) -> BTreeMap<String, (i64, String)> {
    report["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["participant_id"].as_str().unwrap().to_string(),
                (
                    p["attended_meetings"].as_i64().unwrap(),
                    p["standing"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

fn assert_rate(report: &Value, want: f64) {
    let got = report["attendance_rate"].as_f64().unwrap();
    assert!(
        (got - want).abs() < 1e-9,
        "attendance_rate {got}, want {want}"
    );
}

/// 09:00–12:00 Helsinki time on the day `days` ahead of the app's clock.
fn ahead(app: &TestApp, days: i64) -> (String, String) {
    let today = jiff::Timestamp::from_second(app.clock.now())
        .unwrap()
        .in_tz("Europe/Helsinki")
        .unwrap()
        .date();
    let day = today.checked_add(jiff::Span::new().days(days)).unwrap();
    let at = |h: i8| {
        day.at(h, 0, 0, 0)
            .in_tz("Europe/Helsinki")
            .unwrap()
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    (at(9), at(12))
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let pool = app.raw_pool().await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action.to_string())
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn tampere_pilot_end_to_end() {
    let p = setup(spawn_app().await).await;

    // Group 1: no compensation. Group 2: 9,00 € a meeting. Group 3: 9,00 €,
    // 12,00 € from the day of its fourth meeting on.
    let g1 = p.group("Klubi 1", Value::Null).await;
    let g2 = p.group("Klubi 2", json!(900)).await;
    let g3 = p.group("Klubi 3", json!(900)).await;
    let m1 = p
        .five_meetings(
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
    let m2 = p
        .five_meetings(
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
    let mut m3 = vec![
        p.meeting(
            &g3,
            "2026-10-07T09:00:00+03:00",
            "2026-10-07T12:00:00+03:00",
            "regular",
            "cv",
        )
        .await,
        p.meeting(
            &g3,
            "2026-10-09T09:00:00+03:00",
            "2026-10-09T12:00:00+03:00",
            "guest_visit",
            "interview",
        )
        .await,
        p.meeting(
            &g3,
            "2026-10-12T09:00:00+03:00",
            "2026-10-12T12:00:00+03:00",
            "regular",
            "application",
        )
        .await,
        p.meeting(
            &g3,
            "2026-10-14T00:30:00+03:00",
            "2026-10-14T02:30:00+03:00",
            "excursion",
            "job_ads",
        )
        .await,
    ];
    m3.push(
        p.meeting(
            &g3,
            "2026-10-16T09:00:00+03:00",
            "2026-10-16T12:00:00+03:00",
            "regular",
            "strengths",
        )
        .await,
    );

    let c = p
        .ok(
            Method::POST,
            &format!("/groups/{g3}/compensation/rates"),
            &p.coordinator,
            Some(json!({"effective_from": "2026-10-14", "rate_cents": 1200})),
        )
        .await;
    assert_eq!(
        c["rates"],
        json!([{"effective_from": null, "rate_cents": 900}, {"effective_from": "2026-10-14", "rate_cents": 1200}])
    );
    assert_eq!(c["rate_cents"], 1200, "in force today (23.11.2026)");

    // Participants, referred by two case managers of two organisations.
    let aino = p
        .enrol(&p.cm_own, &g1, "Aino Aaltonen", "aino@example.fi")
        .await;
    let bertta = p
        .enrol(&p.cm_rehab, &g1, "Bertta Berg", "bertta@example.fi")
        .await;
    let cecilia = p
        .enrol(&p.cm_own, &g1, "Cecilia Carlsson", "cecilia@example.fi")
        .await;
    let daniel = p
        .enrol(&p.cm_rehab, &g2, "Daniel Dahl", "daniel@example.fi")
        .await;
    let eero = p
        .enrol(&p.cm_own, &g2, "Eero Esko", "eero@example.fi")
        .await;
    let fanni = p
        .enrol(&p.cm_rehab, &g2, "Fanni Forsman", "fanni@example.fi")
        .await;
    let gunnar = p
        .enrol(&p.cm_own, &g2, "Gunnar Gren", "gunnar@example.fi")
        .await;
    let helmi = p
        .enrol(&p.cm_own, &g3, "Helmi Heino", "helmi@example.fi")
        .await;
    let hyper_name = "=HYPERLINK(\"https://evil.example/\";\"Avaa\")";
    let hyper = p
        .enrol(&p.cm_rehab, &g3, hyper_name, "hyper@example.fi")
        .await;
    let sum = p.enrol(&p.cm_own, &g3, "@SUM(A1)", "sum@example.fi").await;
    let iiro = p
        .enrol(&p.cm_rehab, &g3, "Iiro Ilola", "iiro@example.fi")
        .await;
    let jussi = p
        .enrol(&p.cm_rehab, &g3, "Jussi Jokela", "jussi@example.fi")
        .await;

    // Group 1, marked by the owner's coach.
    p.mark_grid(
        &p.coach,
        &m1,
        &[(&aino, "PPLPA"), (&bertta, "PEPAP"), (&cecilia, "APPPL")],
    )
    .await;
    // Group 2, marked by the partner's coach; Gunnar's last meeting stays unmarked.
    p.mark_grid(
        &p.partner_coach,
        &m2,
        &[
            (&daniel, "PPPPP"),
            (&eero, "LPAPE"),
            (&fanni, "PELLP"),
            (&gunnar, "AAEA-"),
        ],
    )
    .await;
    // Group 3, by the coordinator; Jussi came twice and then withdrew.
    p.mark_grid(
        &p.coordinator,
        &m3,
        &[
            (&helmi, "PPPLP"),
            (&hyper, "PAPPA"),
            (&sum, "ELAPL"),
            (&iiro, "AAAEA"),
            (&jussi, "PL---"),
        ],
    )
    .await;
    let (s, w) = p
        .post(
            &format!("/groups/{g3}/enrolments/{jussi}/withdraw"),
            &p.coordinator,
            json!({}),
        )
        .await;
    assert_eq!(s, 200, "{w}");

    // The coach's view of group 2's last meeting: shown statuses P, E, P and
    // none; expected = everyone not excused/absent = Daniel, Fanni, Gunnar = 3.
    let a = p.attendance(&m2[4], &p.coach).await;
    assert_eq!(a["meeting_id"], m2[4].as_str());
    assert_eq!(a["expected"], 3, "{a}");
    assert_eq!(a["locked"], false);
    assert_eq!(
        shown(&a),
        map(vec![
            (&daniel, json!("present")),
            (&eero, json!("excused")),
            (&fanni, json!("present")),
            (&gunnar, Value::Null)
        ])
    );
    let d = row_of(&a, &daniel);
    assert_eq!(d["name"], "Daniel Dahl");
    assert_eq!(d["marked"], "present");
    assert_eq!(d["notice"], Value::Null);
    assert!(d["marked_at"].is_string(), "{d}");
    assert_eq!(row_of(&a, &gunnar)["marked_at"], Value::Null);
    // Jussi, withdrawn after every meeting began, is still listed in them.
    let a3 = p.attendance(&m3[0], &p.partner_coach).await;
    assert_eq!(shown(&a3)[&jussi], "present");
    assert_eq!(shown(&a3).len(), 5);

    // Group 1: attendance counts but nothing is paid.
    // Aino PPLPA = 4, Bertta PEPAP = 3, Cecilia APPPL = 4; rate none → 0.
    let c1 = p.compensation(&g1).await;
    assert_eq!(c1["group_id"], g1.as_str());
    assert_eq!(c1["rate_cents"], Value::Null);
    assert_eq!(
        c1["rates"],
        json!([{"effective_from": null, "rate_cents": null}])
    );
    assert_eq!(
        lines(&c1),
        map(vec![(&aino, (4, 0)), (&bertta, (3, 0)), (&cecilia, (4, 0))])
    );
    assert_eq!(c1["total_cents"], 0);
    assert_eq!(c1["approved"], false);

    // Group 2 at 900 a meeting:
    //   Daniel PPPPP 5 × 900 = 4500, Eero LPAPE 3 × 900 = 2700,
    //   Fanni PELLP 4 × 900 = 3600, Gunnar AAEA- 0; total 10800.
    let c2 = p.compensation(&g2).await;
    assert_eq!(c2["rate_cents"], 900);
    assert_eq!(
        lines(&c2),
        map(vec![
            (&daniel, (5, 4500)),
            (&eero, (3, 2700)),
            (&fanni, (4, 3600)),
            (&gunnar, (0, 0))
        ])
    );
    assert_eq!(c2["total_cents"], 10800);

    // Group 3: 900 for meetings 1–3 (7.–12.10.), 1200 for 4–5 (14.–16.10.):
    //   Helmi  PPPLP: 3 × 900 + 2 × 1200      = 5100
    //   Hyper  PAPPA: 900 + 900 + 1200        = 3000
    //   Sum    ELAPL: 900 + 1200 + 1200       = 3300
    //   Iiro   AAAEA: 0
    //   Jussi  PL (withdrawn, still paid): 2 × 900 = 1800
    //   total 5100 + 3000 + 3300 + 0 + 1800 = 13200
    let c3 = p.compensation(&g3).await;
    let want3 = map(vec![
        (&helmi, (5, 5100)),
        (&hyper, (3, 3000)),
        (&sum, (3, 3300)),
        (&iiro, (0, 0)),
        (&jussi, (2, 1800)),
    ]);
    assert_eq!(lines(&c3), want3);
    assert_eq!(c3["total_cents"], 13200);
    let name_of = |c: &Value, id: &str| {
        c["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["participant_id"] == id)
            .unwrap()["name"]
            .clone()
    };
    assert_eq!(
        name_of(&c3, &hyper),
        hyper_name,
        "the JSON keeps the name as it is"
    );

    // The CSV: the same numbers, euros with a comma, formulas neutralised.
    let (header, rows) = p
        .csv(&format!("/groups/{g3}/compensation.csv"), &p.coordinator)
        .await;
    assert_eq!(header.len(), 5, "{header:?}");
    let want_csv = map(vec![
        (
            &helmi,
            [txt("Helmi Heino"), txt("5"), txt("51,00"), txt("5100")],
        ),
        (
            &hyper,
            [
                format!("'{hyper_name}"),
                txt("3"),
                txt("30,00"),
                txt("3000"),
            ],
        ),
        (
            &sum,
            [txt("'@SUM(A1)"), txt("3"), txt("33,00"), txt("3300")],
        ),
        (&iiro, [txt("Iiro Ilola"), txt("0"), txt("0,00"), txt("0")]),
        (
            &jussi,
            [txt("Jussi Jokela"), txt("2"), txt("18,00"), txt("1800")],
        ),
    ]);
    assert_eq!(rows.len(), 5, "one row per line: {rows:?}");
    assert_eq!(csv_by_id(&rows), want_csv);
    let (_, rows2) = p
        .csv(&format!("/groups/{g2}/compensation.csv"), &p.coordinator)
        .await;
    assert_eq!(
        csv_by_id(&rows2)[&daniel],
        [txt("Daniel Dahl"), txt("5"), txt("45,00"), txt("4500")]
    );

    // The roster's attended counts (present + late), the withdrawn one included.
    assert_eq!(
        p.roster(&g3, &p.coordinator).await,
        map(vec![
            (&helmi, (txt("enrolled"), 5)),
            (&hyper, (txt("enrolled"), 3)),
            (&sum, (txt("enrolled"), 3)),
            (&iiro, (txt("enrolled"), 0)),
            (&jussi, (txt("withdrawn"), 2)),
        ])
    );
    assert_eq!(
        p.roster(&g2, &p.coach).await,
        map(vec![
            (&daniel, (txt("enrolled"), 5)),
            (&eero, (txt("enrolled"), 3)),
            (&fanni, (txt("enrolled"), 4)),
            (&gunnar, (txt("enrolled"), 0)),
        ])
    );

    // Group 2's report: 4 enrolled, 5 held, attended marks 5 + 3 + 4 + 0 = 12
    // of 4 × 5 = 20 → 0.6; Gunnar below the minimum of 1.
    let r2 = p
        .ok(
            Method::GET,
            &format!("/groups/{g2}/report"),
            &p.coordinator,
            None,
        )
        .await;
    assert_eq!(r2["group_id"], g2.as_str());
    assert_eq!(r2["enrolled"], 4);
    assert_eq!(r2["waitlisted"], 0);
    assert_eq!(r2["meetings_held"], 5);
    assert_eq!(r2["meetings_remaining"], 0);
    assert_eq!(r2["min_attendance"], 1);
    assert_rate(&r2, 0.6);
    assert_eq!(r2["below_min_attendance"], json!([gunnar]));
    assert_eq!(
        standings(&r2),
        map(vec![
            (&daniel, (5, txt("met"))),
            (&eero, (3, txt("met"))),
            (&fanni, (4, txt("met"))),
            (&gunnar, (0, txt("below"))),
        ])
    );
    // Per meeting [present, late, excused, absent, unmarked], columns of the
    // grid Daniel PPPPP, Eero LPAPE, Fanni PELLP, Gunnar AAEA-:
    let want_pm = [
        [2, 1, 0, 1, 0], // P L P A
        [2, 0, 1, 1, 0], // P P E A
        [1, 1, 1, 1, 0], // P A L E
        [2, 1, 0, 1, 0], // P P L A
        [2, 0, 1, 0, 1], // P E P -
    ];
    assert_eq!(r2["per_meeting"].as_array().unwrap().len(), 5);
    for (i, want) in want_pm.iter().enumerate() {
        let pm = per_meeting(&r2, &m2[i]);
        assert_eq!(&counts(pm), want, "meeting {}: {pm}", i + 1);
    }
    let guest = per_meeting(&r2, &m2[0]);
    assert_eq!(
        (guest["kind"].as_str(), guest["theme"].as_str()),
        (Some("guest_visit"), Some("interview"))
    );
    assert_instant(&guest["starts_at"], "2026-09-21T09:00:00+03:00");
    assert_eq!(per_meeting(&r2, &m2[2])["kind"], "excursion");
    assert_eq!(r2["compensation_total_cents"], 10800);
    assert_eq!(r2["compensation_approved"], false);
    assert_eq!(r2["feedback"]["answers"], 0, "no feedback given: {r2}");
    assert!(r2["outcomes"].is_object(), "{r2}");
    // The facilitating coach reads it too.
    assert_eq!(
        p.get(&format!("/groups/{g2}/report"), &p.partner_coach)
            .await
            .0,
        200
    );

    // Group 3's report: Jussi is withdrawn, so 4 enrolled; attended
    // 5 + 3 + 3 + 0 = 11 of 4 × 5 = 20 → 0.55; Iiro below.
    let r3 = p
        .ok(
            Method::GET,
            &format!("/groups/{g3}/report"),
            &p.coordinator,
            None,
        )
        .await;
    assert_eq!(r3["enrolled"], 4);
    assert_eq!(r3["meetings_held"], 5);
    assert_rate(&r3, 0.55);
    assert_eq!(r3["below_min_attendance"], json!([iiro]));
    assert_eq!(r3["compensation_total_cents"], 13200);

    // Approve group 3: version 1, locked.
    let v1 = p
        .ok(
            Method::POST,
            &format!("/groups/{g3}/compensation/approve"),
            &p.coordinator,
            Some(json!({})),
        )
        .await;
    assert_eq!(v1["approved"], true);
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["approved_by"], p.coordinator_id.as_str());
    assert!(v1["approved_at"].is_string(), "{v1}");
    assert_eq!(v1["total_cents"], 13200);
    assert_eq!(lines(&v1), want3);
    let before = p.attendance(&m3[4], &p.coach).await;
    assert_eq!(before["locked"], true);
    // A coach's late correction is refused while approved, and nothing changes.
    let (s, e) = p
        .put_marks(
            &p.coach,
            &m3[4],
            json!([{"participant_id": iiro, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 409, "{e}");
    assert_eq!(p.attendance(&m3[4], &p.coach).await, before);
    assert_eq!(shown(&before)[&iiro], "absent");
    assert_eq!(lines(&p.compensation(&g3).await), want3);
    // Other groups are not locked by it.
    assert_eq!(p.attendance(&m2[4], &p.coach).await["locked"], false);

    // Reopen with a reason, correct Iiro's last meeting (1200 at the new rate),
    // approve again: version 2 with 13200 + 1200 = 14400.
    let reason = "Iiro oli paikalla viimeisellä kerralla, merkintä korjataan.";
    let reopened = p
        .ok(
            Method::POST,
            &format!("/groups/{g3}/compensation/reopen"),
            &p.coordinator,
            Some(json!({"reason": reason})),
        )
        .await;
    assert_eq!(reopened["approved"], false);
    assert_eq!(p.attendance(&m3[4], &p.coach).await["locked"], false);
    let after = p.mark(&p.coach, &m3[4], &[(&iiro, Some("present"))]).await;
    assert_eq!(shown(&after)[&iiro], "present");
    let v2 = p
        .ok(
            Method::POST,
            &format!("/groups/{g3}/compensation/approve"),
            &p.coordinator,
            Some(json!({})),
        )
        .await;
    assert_eq!(
        (v2["approved"].clone(), v2["version"].clone()),
        (json!(true), json!(2))
    );
    assert_eq!(v2["total_cents"], 14400);
    assert_eq!(lines(&v2)[&iiro], (1, 1200));

    let versions = p
        .ok(
            Method::GET,
            &format!("/groups/{g3}/compensation/versions"),
            &p.coordinator,
            None,
        )
        .await;
    let items = versions["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{versions}");
    assert_eq!(
        (items[0]["version"].clone(), items[0]["total_cents"].clone()),
        (json!(2), json!(14400))
    );
    assert_eq!(items[0]["reopened_at"], Value::Null);
    assert_eq!(
        (items[1]["version"].clone(), items[1]["total_cents"].clone()),
        (json!(1), json!(13200))
    );
    assert_eq!(items[1]["reopen_reason"], reason);
    assert!(items[1]["reopened_at"].is_string());
    assert_eq!(items[1]["approved_by"], p.coordinator_id.as_str());
    assert_eq!(
        items[1]["approved_by_name"],
        format!("Test {COORDINATOR_EMAIL}")
    );

    // Version 1's CSV keeps the old numbers; the current one (= version 2) the new.
    let (_, old) = p
        .csv(
            &format!("/groups/{g3}/compensation/versions/1.csv"),
            &p.coordinator,
        )
        .await;
    assert_eq!(csv_by_id(&old), want_csv);
    let (_, new) = p
        .csv(&format!("/groups/{g3}/compensation.csv"), &p.coordinator)
        .await;
    let mut want_new = want_csv.clone();
    want_new.insert(
        iiro.clone(),
        [txt("Iiro Ilola"), txt("1"), txt("12,00"), txt("1200")],
    );
    assert_eq!(csv_by_id(&new), want_new);
    let (_, new2) = p
        .csv(
            &format!("/groups/{g3}/compensation/versions/2.csv"),
            &p.coordinator,
        )
        .await;
    assert_eq!(csv_by_id(&new2), want_new);
    let (s3, _) = p
        .get(
            &format!("/groups/{g3}/compensation/versions/3.csv"),
            &p.coordinator,
        )
        .await;
    assert_eq!(s3, 404, "no version 3 yet");

    // The report follows: 12 of 20 → 0.6, nobody below, approved.
    let r3 = p
        .ok(
            Method::GET,
            &format!("/groups/{g3}/report"),
            &p.coordinator,
            None,
        )
        .await;
    assert_rate(&r3, 0.6);
    assert_eq!(r3["below_min_attendance"], json!([]));
    assert_eq!(r3["compensation_total_cents"], 14400);
    assert_eq!(r3["compensation_approved"], true);
}

#[tokio::test]
async fn bad_input_and_outsiders_are_refused_and_change_nothing() {
    let p = setup(spawn_app().await).await;
    let g = p.group("Klubi 1", json!(900)).await;
    let other = p.group("Klubi 2", json!(900)).await;
    let m = p
        .meeting(
            &g,
            "2026-10-05T09:00:00+03:00",
            "2026-10-05T12:00:00+03:00",
            "regular",
            "cv",
        )
        .await;
    let cancelled = p
        .meeting(
            &g,
            "2026-10-07T09:00:00+03:00",
            "2026-10-07T12:00:00+03:00",
            "regular",
            "application",
        )
        .await;
    let (later_start, later_end) = ahead(&p.app, 10);
    let later = p
        .meeting(&g, &later_start, &later_end, "regular", "interview")
        .await;
    let aino = p
        .enrol(&p.cm_own, &g, "Aino Aaltonen", "aino@example.fi")
        .await;
    let bo = p.enrol(&p.cm_rehab, &g, "Bo Berg", "bo@example.fi").await;
    let leaver = p
        .enrol(&p.cm_rehab, &g, "Lea Lähtijä", "lea@example.fi")
        .await;
    let stranger = p
        .enrol(&p.cm_rehab, &other, "Sami Muualta", "sami@example.fi")
        .await;
    p.mark(
        &p.coach,
        &m,
        &[(&aino, Some("present")), (&bo, Some("late"))],
    )
    .await;
    // Lea leaves today: she may still be marked for the past meeting, not the later one.
    let (s, _) = p
        .post(
            &format!("/groups/{g}/enrolments/{leaver}/withdraw"),
            &p.coordinator,
            json!({}),
        )
        .await;
    assert_eq!(s, 200);
    let sheet = p.attendance(&m, &p.coach).await;
    assert!(
        shown(&sheet).contains_key(&leaver),
        "withdrawn after the meeting began, still to be marked: {sheet}"
    );
    assert!(!shown(&p.attendance(&later, &p.coach).await).contains_key(&leaver));
    let baseline = p.attendance(&m, &p.coach).await;

    // Someone not in the group, second in the list: 422 naming them, and the
    // valid first mark is not saved either.
    let (s, e) = p
        .put_marks(
            &p.coach,
            &m,
            json!([{"participant_id": aino, "status": "absent"}, {"participant_id": stranger, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(fields(&e), ["marks[1].participant_id"]);
    assert!(e["detail"].as_str().unwrap().contains(&stranger), "{e}");
    let (s, e) = p
        .put_marks(
            &p.coach,
            &later,
            json!([{"participant_id": leaver, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 422, "withdrawn before the meeting: {e}");
    assert_eq!(fields(&e), ["marks[0].participant_id"]);
    assert!(e["detail"].as_str().unwrap().contains(&leaver), "{e}");
    // An unknown status.
    let (s, e) = p
        .put_marks(
            &p.coach,
            &m,
            json!([{"participant_id": bo, "status": "present"}, {"participant_id": aino, "status": "here"}]),
        )
        .await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(fields(&e), ["marks[1].status"]);
    assert_eq!(p.attendance(&m, &p.coach).await, baseline);

    // A cancelled meeting takes no marks.
    let (s, _) = p
        .post(
            &format!("/meetings/{cancelled}/cancel"),
            &p.coordinator,
            json!({"reason": "Sali varattu"}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, e) = p
        .put_marks(
            &p.coach,
            &cancelled,
            json!([{"participant_id": aino, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 409, "{e}");

    // Another organisation's coordinator learns nothing: 404 everywhere.
    let oc = &p.outsider_coordinator;
    assert_eq!(p.get(&format!("/meetings/{m}/attendance"), oc).await.0, 404);
    let (s, _) = p
        .put_marks(
            oc,
            &m,
            json!([{"participant_id": aino, "status": "absent"}]),
        )
        .await;
    assert_eq!(s, 404);
    for path in [
        format!("/groups/{g}/compensation"),
        format!("/groups/{g}/compensation.csv"),
        format!("/groups/{g}/compensation/versions"),
        format!("/groups/{g}/report"),
    ] {
        assert_eq!(p.get(&path, oc).await.0, 404, "{path}");
    }
    assert_eq!(
        p.post(&format!("/groups/{g}/compensation/approve"), oc, json!({}))
            .await
            .0,
        404
    );
    assert_eq!(
        p.post(
            &format!("/groups/{g}/compensation/rates"),
            oc,
            json!({"effective_from": "2026-10-01", "rate_cents": 0})
        )
        .await
        .0,
        404
    );
    // The partner's case manager sees the group but does not mark, pay or report.
    let (s, _) = p
        .put_marks(
            &p.cm_rehab,
            &m,
            json!([{"participant_id": bo, "status": "absent"}]),
        )
        .await;
    assert_eq!(s, 403);
    assert_eq!(
        p.get(&format!("/groups/{g}/compensation"), &p.cm_rehab)
            .await
            .0,
        403
    );
    assert_eq!(
        p.get(&format!("/groups/{g}/compensation.csv"), &p.cm_rehab)
            .await
            .0,
        403
    );
    assert_eq!(
        p.get(&format!("/groups/{g}/report"), &p.cm_rehab).await.0,
        403
    );
    // A facilitating coach marks but does not handle money.
    assert_eq!(
        p.get(&format!("/groups/{g}/compensation"), &p.coach)
            .await
            .0,
        403
    );
    assert_eq!(
        p.post(
            &format!("/groups/{g}/compensation/approve"),
            &p.coach,
            json!({})
        )
        .await
        .0,
        403
    );
    // A participant is no staff: not visible.
    let aino_token = p.app.token_for(&aino).await;
    let (s, _) = p
        .put_marks(
            &aino_token,
            &m,
            json!([{"participant_id": aino, "status": "present"}]),
        )
        .await;
    assert_eq!(s, 404);
    assert_eq!(p.attendance(&m, &p.coach).await, baseline);

    // Rates: below zero, or a date that is no date.
    let rates = format!("/groups/{g}/compensation/rates");
    let (s, e) = p
        .post(
            &rates,
            &p.coordinator,
            json!({"effective_from": "2026-10-06", "rate_cents": -100}),
        )
        .await;
    assert_eq!(
        (s, fields(&e)),
        (422, vec!["rate_cents".to_string()]),
        "{e}"
    );
    let (s, e) = p
        .post(
            &rates,
            &p.coordinator,
            json!({"effective_from": "2026-02-30", "rate_cents": 1000}),
        )
        .await;
    assert_eq!(
        (s, fields(&e)),
        (422, vec!["effective_from".to_string()]),
        "{e}"
    );
    // Aino present + Bo late at 900 = 1800; Lea (withdrawn, nothing attended) has no line.
    let c = p.compensation(&g).await;
    assert_eq!(lines(&c), map(vec![(&aino, (1, 900)), (&bo, (1, 900))]));
    assert_eq!(
        c["rates"],
        json!([{"effective_from": null, "rate_cents": 900}])
    );
    assert_eq!(c["total_cents"], 1800);

    // Approve once; twice is a conflict; while approved rates and marks are locked.
    let approve = format!("/groups/{g}/compensation/approve");
    let v1 = p
        .ok(Method::POST, &approve, &p.coordinator, Some(json!({})))
        .await;
    assert_eq!(v1["version"], 1);
    let (s, e) = p.post(&approve, &p.coordinator, json!({})).await;
    assert_eq!(s, 409, "{e}");
    let (s, e) = p
        .post(
            &rates,
            &p.coordinator,
            json!({"effective_from": "2026-10-06", "rate_cents": 1000}),
        )
        .await;
    assert_eq!(s, 409, "{e}");
    let (s, e) = p
        .app
        .call(
            Method::PATCH,
            &format!("/groups/{g}"),
            &p.coordinator,
            Some(json!({"compensation_cents_per_meeting": 1000})),
        )
        .await;
    assert_eq!(s, 409, "the group's own rate is locked too: {e}");
    let (s, _) = p
        .put_marks(
            &p.coordinator,
            &m,
            json!([{"participant_id": aino, "status": Value::Null}]),
        )
        .await;
    assert_eq!(s, 409);
    // Reopening needs a reason.
    let reopen = format!("/groups/{g}/compensation/reopen");
    for body in [json!({}), json!({"reason": "   "})] {
        let (s, e) = p.post(&reopen, &p.coordinator, body).await;
        assert_eq!((s, fields(&e)), (422, vec!["reason".to_string()]), "{e}");
    }
    let c = p.compensation(&g).await;
    assert_eq!(
        (
            c["approved"].clone(),
            c["version"].clone(),
            c["total_cents"].clone()
        ),
        (json!(true), json!(1), json!(1800))
    );
    assert_eq!(
        c["rates"],
        json!([{"effective_from": null, "rate_cents": 900}])
    );
    let (_, versions) = p
        .get(
            &format!("/groups/{g}/compensation/versions"),
            &p.coordinator,
        )
        .await;
    assert_eq!(versions["items"].as_array().unwrap().len(), 1);
    let mut locked_baseline = baseline.clone();
    locked_baseline["locked"] = json!(true);
    assert_eq!(p.attendance(&m, &p.coach).await, locked_baseline);

    // Reopened, it cannot be reopened again.
    p.ok(
        Method::POST,
        &reopen,
        &p.coordinator,
        Some(json!({"reason": "Korjaus"})),
    )
    .await;
    let (s, e) = p
        .post(&reopen, &p.coordinator, json!({"reason": "Uudelleen"}))
        .await;
    assert_eq!(s, 409, "{e}");
    // And null clears a mark once open again: Bo alone, late, 900.
    let cleared = p.mark(&p.coach, &m, &[(&aino, None)]).await;
    assert_eq!(shown(&cleared)[&aino], Value::Null);
    assert_eq!(p.compensation(&g).await["total_cents"], 900);
    // Lea, withdrawn after it began, may still be marked for it (and is paid):
    // Bo late + Lea present = 2 × 900 = 1800.
    let a = p.mark(&p.coach, &m, &[(&leaver, Some("present"))]).await;
    assert_eq!(shown(&a)[&leaver], "present");
    assert_eq!(p.compensation(&g).await["total_cents"], 1800);

    // The report: held = the past meeting (the cancelled one is neither held
    // nor remaining), remaining = the one in ten days. Enrolled Aino and Bo:
    // attended 0 + 1 of 2 × 1 → 0.5; Aino can still make it (0 + 1 ≥ 1).
    let report = format!("/groups/{g}/report");
    let r = p.ok(Method::GET, &report, &p.coach, None).await;
    assert_eq!(
        (
            r["enrolled"].clone(),
            r["meetings_held"].clone(),
            r["meetings_remaining"].clone()
        ),
        (json!(2), json!(1), json!(1)),
        "{r}"
    );
    assert_rate(&r, 0.5);
    assert_eq!(r["below_min_attendance"], json!([]));
    let st = standings(&r);
    assert_eq!(st[&aino], (0, txt("on_track")));
    assert_eq!(st[&bo], (1, txt("met")));
    // A mark makes a meeting held even before it starts: 2 held, 0 remaining,
    // attended 1 + 1 of 2 × 2 → 0.5.
    p.mark(&p.coach, &later, &[(&aino, Some("present"))]).await;
    let r = p.ok(Method::GET, &report, &p.coach, None).await;
    assert_eq!(
        (r["meetings_held"].clone(), r["meetings_remaining"].clone()),
        (json!(2), json!(0)),
        "{r}"
    );
    assert_rate(&r, 0.5);
    assert_eq!(standings(&r)[&aino], (1, txt("met")));
}

#[tokio::test]
async fn an_advance_notice_shows_as_excused_until_the_coach_marks() {
    let p = setup(spawn_app().await).await;
    let g = p.group("Klubi 1", json!(900)).await;
    let g_other = p.group("Klubi 2", json!(900)).await;
    let (start, end) = ahead(&p.app, 2);
    let next = p.meeting(&g, &start, &end, "regular", "cv").await;
    let past = p
        .meeting(
            &g,
            "2026-10-05T09:00:00+03:00",
            "2026-10-05T12:00:00+03:00",
            "regular",
            "cv",
        )
        .await;
    let elsewhere = p.meeting(&g_other, &start, &end, "regular", "cv").await;
    let aino = p
        .enrol(&p.cm_own, &g, "Aino Aaltonen", "aino@example.fi")
        .await;
    let bo = p.enrol(&p.cm_rehab, &g, "Bo Berg", "bo@example.fi").await;
    let cilla = p
        .enrol(&p.cm_rehab, &g, "Cilla Carlsson", "cilla@example.fi")
        .await;
    let aino_t = p.app.token_for(&aino).await;
    let bo_t = p.app.token_for(&bo).await;

    // Nobody has said anything: all three expected.
    assert_eq!(p.attendance(&next, &p.coach).await["expected"], 3);

    let absence = format!("/meetings/{next}/absence");
    let n = p
        .ok(
            Method::POST,
            &absence,
            &aino_t,
            Some(json!({"reason": "Lääkäriaika"})),
        )
        .await;
    assert_eq!(n["meeting_id"], next.as_str());
    assert_eq!(n["reason"], "Lääkäriaika");
    let given_at = n["given_at"].as_str().unwrap().to_string();
    // Bo too, without a reason, then takes it back.
    let nb = p.ok(Method::POST, &absence, &bo_t, Some(json!({}))).await;
    assert_eq!(nb["reason"], Value::Null);
    assert_eq!(
        p.attendance(&next, &p.coach).await["expected"],
        1,
        "3 − Aino − Bo"
    );
    let (s, v) = p.app.call(Method::DELETE, &absence, &bo_t, None).await;
    assert_eq!(s, 204, "{v}");

    // The coach sees Aino excused with her reason; expected 3 − 1 = 2.
    let a = p.attendance(&next, &p.partner_coach).await;
    assert_eq!(a["expected"], 2, "{a}");
    let row = row_of(&a, &aino);
    assert_eq!(row["status"], "excused");
    assert_eq!(row["marked"], Value::Null);
    assert_eq!(row["notice"]["reason"], "Lääkäriaika");
    assert_eq!(row["notice"]["given_at"], given_at.as_str());
    assert_eq!(row["marked_at"], Value::Null);
    let bo_row = row_of(&a, &bo);
    assert_eq!(
        (bo_row["status"].clone(), bo_row["notice"].clone()),
        (Value::Null, Value::Null)
    );
    assert_eq!(row_of(&a, &cilla)["status"], Value::Null);

    // Two days later the meeting has begun: a notice is too late now, and
    // Aino came after all; the coach's mark wins, her notice stays visible.
    p.app.clock.advance(3 * 24 * 3600);
    let (s, e) = p
        .post(&absence, &aino_t, json!({"reason": "Unohdin"}))
        .await;
    assert_eq!(s, 409, "{e}");
    let (s, e) = p.post(&absence, &bo_t, json!({})).await;
    assert_eq!(s, 409, "{e}");
    let (s, e) = p
        .post(&format!("/meetings/{past}/absence"), &bo_t, json!({}))
        .await;
    assert_eq!(s, 409, "{e}");
    let a = p.mark(&p.coach, &next, &[(&aino, Some("present"))]).await;
    let row = row_of(&a, &aino);
    assert_eq!(row["status"], "present");
    assert_eq!(row["marked"], "present");
    assert_eq!(row["notice"]["reason"], "Lääkäriaika");
    assert!(row["marked_at"].is_string());
    assert_eq!(a["expected"], 3, "nobody excused or absent any more");

    // Not enrolled there (or staff): 404.
    let (s, _) = p
        .post(
            &format!("/meetings/{elsewhere}/absence"),
            &aino_t,
            json!({}),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = p
        .app
        .call(
            Method::DELETE,
            &format!("/meetings/{elsewhere}/absence"),
            &aino_t,
            None,
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = p.post(&absence, &p.coach, json!({})).await;
    assert_eq!(s, 404);

    // Aino's own view: present, her reason kept.
    let mine = p.ok(Method::GET, "/me/attendance", &aino_t, None).await;
    let items = mine["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{mine}");
    let meeting = items[0]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["meeting_id"] == next.as_str())
        .unwrap_or_else(|| panic!("{mine}"));
    assert_eq!(meeting["status"], "present");
    assert_eq!(meeting["notice_reason"], "Lääkäriaika");
    assert_eq!(items[0]["attended_meetings"], 1);
}

/// Waits until every job that is due by the app's clock has run.
async fn jobs_done(app: &TestApp) {
    let pool = app.raw_pool().await;
    for _ in 0..200 {
        let due: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1",
        )
        .bind(app.clock.now())
        .fetch_one(&pool)
        .await
        .unwrap();
        if due == 0 {
            pool.close().await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("jobs still due after 20 s");
}

/// Moves past the 600-second undo window and lets the checks (and their mail) run.
async fn after_the_delay(app: &TestApp) {
    app.clock.advance(601);
    jobs_done(app).await;
}

async fn alerts(p: &Pilot, token: &str) -> Vec<Value> {
    p.ok(Method::GET, "/no-show-alerts", token, None).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn no_show_alerts_follow_the_case_managers_policy_and_escalate() {
    let p = setup(spawn_with_smtp().await).await;
    let sink = p.app.smtp.as_ref().unwrap();
    let g = p.group("Klubi 1", json!(900)).await;
    let ms = p
        .five_meetings(
            &g,
            [
                ("2026-10-05", "regular", "cv"),
                ("2026-10-07", "guest_visit", "interview"),
                ("2026-10-12", "regular", "application"),
                ("2026-10-14", "excursion", "job_ads"),
                ("2026-10-16", "regular", "strengths"),
            ],
        )
        .await;
    let aino = p
        .enrol(&p.cm_own, &g, "Aino Aaltonen", "aino@example.fi")
        .await;
    let bo = p.enrol(&p.cm_rehab, &g, "Bo Berg", "bo@example.fi").await;
    let cilla = p
        .enrol(&p.cm_rehab, &g, "Cilla Carlsson", "cilla@example.fi")
        .await;
    jobs_done(&p.app).await;
    let cm_own_mails = sink.messages_to(CM_OWN_EMAIL).len();
    let cm_rehab_mails = sink.messages_to(CM_REHAB_EMAIL).len();
    let coordinator_mails = sink.messages_to(COORDINATOR_EMAIL).len();

    // The policy is the case manager's organisation's, set by its coordinator.
    let path = format!("/organisations/{}/no-show-alerts", p.rehab);
    let (s, e) = p
        .put(&path, &p.rehab_coordinator, json!({"policy": "sometimes"}))
        .await;
    assert_eq!(s, 422, "{e}");
    let (s, _) = p.put(&path, &p.cm_rehab, json!({"policy": "off"})).await;
    assert_eq!(s, 403, "a case manager of the organisation");
    let (s, _) = p.put(&path, &p.coordinator, json!({"policy": "off"})).await;
    assert!(
        s == 403 || s == 404,
        "another organisation's coordinator: {s}"
    );
    let set = p
        .ok(
            Method::PUT,
            &path,
            &p.rehab_coordinator,
            Some(json!({"policy": "two_in_a_row"})),
        )
        .await;
    assert_eq!(
        set,
        json!({"organisation_id": p.rehab, "no_show_alerts": "two_in_a_row"})
    );

    // A slip of the thumb undone within ten minutes sends nothing.
    p.mark(
        &p.coach,
        &ms[0],
        &[
            (&aino, Some("absent")),
            (&bo, Some("absent")),
            (&cilla, Some("absent")),
        ],
    )
    .await;
    p.app.clock.advance(300);
    p.mark(&p.coach, &ms[0], &[(&aino, Some("present"))]).await;
    after_the_delay(&p.app).await;
    assert!(alerts(&p, &p.cm_own).await.is_empty());
    assert_eq!(sink.messages_to(CM_OWN_EMAIL).len(), cm_own_mails);
    // Bo's and Cilla's first miss: their organisation waits for a second in a row.
    assert!(alerts(&p, &p.cm_rehab).await.is_empty());
    assert_eq!(sink.messages_to(CM_REHAB_EMAIL).len(), cm_rehab_mails);

    // Meeting 2: Aino misses (every_miss, the default: her case manager is told);
    // Bo misses again (two in a row: told); Cilla gave notice (the run breaks).
    p.mark(
        &p.partner_coach,
        &ms[1],
        &[
            (&aino, Some("absent")),
            (&bo, Some("absent")),
            (&cilla, Some("excused")),
        ],
    )
    .await;
    after_the_delay(&p.app).await;
    let mine = alerts(&p, &p.cm_own).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    let a = &mine[0];
    assert_eq!(a["group_id"], g.as_str());
    assert_eq!(a["group_name"], "Klubi 1");
    assert_eq!(a["meeting_id"], ms[1].as_str());
    assert_instant(&a["meeting_starts_at"], "2026-10-07T09:00:00+03:00");
    assert_eq!(a["participant_id"], aino.as_str());
    assert_eq!(a["participant_name"], "Aino Aaltonen");
    assert_eq!(a["escalated"], false);
    let mails = sink.messages_to(CM_OWN_EMAIL);
    assert_eq!(mails.len(), cm_own_mails + 1);
    let mail = parse_mail(mails.last().unwrap());
    assert!(mail.text.contains("Aino Aaltonen"), "{}", mail.text);
    let theirs = alerts(&p, &p.cm_rehab).await;
    assert_eq!(theirs.len(), 1, "Bo only: {theirs:?}");
    assert_eq!(
        (
            theirs[0]["participant_id"].as_str(),
            theirs[0]["meeting_id"].as_str()
        ),
        (Some(bo.as_str()), Some(ms[1].as_str()))
    );
    assert_eq!(sink.messages_to(CM_REHAB_EMAIL).len(), cm_rehab_mails + 1);
    // Not escalated: the coordinator hears nothing yet.
    assert!(alerts(&p, &p.coordinator).await.is_empty());
    assert_eq!(sink.messages_to(COORDINATOR_EMAIL).len(), coordinator_mails);

    // Meeting 3: Aino's second alert escalates to the coordinator; Cilla's
    // absence after an excused one is no run of two.
    p.mark(
        &p.coach,
        &ms[2],
        &[
            (&aino, Some("absent")),
            (&bo, Some("present")),
            (&cilla, Some("absent")),
        ],
    )
    .await;
    after_the_delay(&p.app).await;
    let mine = alerts(&p, &p.cm_own).await;
    assert_eq!(mine.len(), 2, "{mine:?}");
    let second = mine
        .iter()
        .find(|x| x["meeting_id"] == ms[2].as_str())
        .unwrap();
    assert_eq!(second["escalated"], true);
    let first = mine
        .iter()
        .find(|x| x["meeting_id"] == ms[1].as_str())
        .unwrap();
    assert_eq!(first["escalated"], false);
    assert_eq!(sink.messages_to(CM_OWN_EMAIL).len(), cm_own_mails + 2);
    let coord = alerts(&p, &p.coordinator).await;
    assert_eq!(coord.len(), 1, "{coord:?}");
    assert_eq!(coord[0]["id"], second["id"]);
    assert_eq!(coord[0]["participant_id"], aino.as_str());
    let to_coordinator = sink.messages_to(COORDINATOR_EMAIL);
    assert_eq!(to_coordinator.len(), coordinator_mails + 1);
    assert!(
        parse_mail(to_coordinator.last().unwrap())
            .text
            .contains("Aino Aaltonen")
    );
    assert_eq!(
        alerts(&p, &p.cm_rehab).await.len(),
        1,
        "Cilla's run was broken"
    );
    // Case managers see their own clients' alerts only; the outsider none.
    assert!(alerts(&p, &p.outsider_coordinator).await.is_empty());

    // Off: the owner organisation silences its case managers' alerts.
    let own_path = format!("/organisations/{}/no-show-alerts", p.owner);
    let set = p
        .ok(
            Method::PUT,
            &own_path,
            &p.coordinator,
            Some(json!({"policy": "off"})),
        )
        .await;
    assert_eq!(set["no_show_alerts"], "off");
    p.mark(&p.coach, &ms[3], &[(&aino, Some("absent"))]).await;
    after_the_delay(&p.app).await;
    assert_eq!(alerts(&p, &p.cm_own).await.len(), 2);
    assert_eq!(sink.messages_to(CM_OWN_EMAIL).len(), cm_own_mails + 2);
    assert_eq!(
        sink.messages_to(COORDINATOR_EMAIL).len(),
        coordinator_mails + 1
    );
}

#[tokio::test]
async fn participants_and_case_managers_see_only_their_own_numbers() {
    let p = setup(spawn_app().await).await;
    let paid = p.group("Klubi 2", json!(900)).await;
    let unpaid = p.group("Klubi 1", Value::Null).await;
    let mp = vec![
        p.meeting(
            &paid,
            "2026-10-05T09:00:00+03:00",
            "2026-10-05T12:00:00+03:00",
            "regular",
            "cv",
        )
        .await,
        p.meeting(
            &paid,
            "2026-10-07T09:00:00+03:00",
            "2026-10-07T12:00:00+03:00",
            "regular",
            "application",
        )
        .await,
        p.meeting(
            &paid,
            "2026-10-12T09:00:00+03:00",
            "2026-10-12T12:00:00+03:00",
            "regular",
            "interview",
        )
        .await,
    ];
    let mu = vec![
        p.meeting(
            &unpaid,
            "2026-09-07T09:00:00+03:00",
            "2026-09-07T12:00:00+03:00",
            "regular",
            "cv",
        )
        .await,
        p.meeting(
            &unpaid,
            "2026-09-09T09:00:00+03:00",
            "2026-09-09T12:00:00+03:00",
            "regular",
            "strengths",
        )
        .await,
    ];
    // Aino is in both groups (one person found by email), Bo in the paid one.
    let aino = p
        .enrol(&p.cm_own, &paid, "Aino Aaltonen", "aino@example.fi")
        .await;
    let aino_again = p
        .enrol(&p.cm_own, &unpaid, "Aino Aaltonen", "aino@example.fi")
        .await;
    assert_eq!(aino, aino_again);
    let bo = p
        .enrol(&p.cm_rehab, &paid, "Bo Berg", "bo@example.fi")
        .await;
    p.mark_grid(&p.coach, &mp, &[(&aino, "PLA"), (&bo, "PPP")])
        .await;
    p.mark_grid(&p.coach, &mu, &[(&aino, "PE")]).await;
    let aino_t = p.app.token_for(&aino).await;
    let bo_t = p.app.token_for(&bo).await;

    // Aino: paid group P L A → 2 attended, 2 × 900 = 1800; unpaid P E → 1, 0.
    let att = p.ok(Method::GET, "/me/attendance", &aino_t, None).await;
    let by_group: BTreeMap<String, &Value> = att["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["group_id"].as_str().unwrap().to_string(), i))
        .collect();
    assert_eq!(by_group.len(), 2, "{att}");
    let ap = by_group[&paid];
    assert_eq!(ap["group_name"], "Klubi 2");
    assert_eq!(ap["min_attendance"], 1);
    assert_eq!(ap["attended_meetings"], 2);
    let statuses = |item: &Value| -> Vec<(String, Value)> {
        item["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["meeting_id"].as_str().unwrap().to_string(),
                    m["status"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        statuses(ap),
        vec![
            (mp[0].clone(), json!("present")),
            (mp[1].clone(), json!("late")),
            (mp[2].clone(), json!("absent"))
        ]
    );
    assert_instant(&ap["meetings"][0]["starts_at"], "2026-10-05T09:00:00+03:00");
    assert_eq!(ap["meetings"][0]["notice_reason"], Value::Null);
    let au = by_group[&unpaid];
    assert_eq!(au["attended_meetings"], 1);
    assert_eq!(
        statuses(au),
        vec![
            (mu[0].clone(), json!("present")),
            (mu[1].clone(), json!("excused"))
        ]
    );

    let comp = |v: &Value| -> BTreeMap<String, (i64, i64, bool)> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["group_id"].as_str().unwrap().to_string(),
                    (
                        i["attended_meetings"].as_i64().unwrap(),
                        i["amount_cents"].as_i64().unwrap(),
                        i["approved"].as_bool().unwrap(),
                    ),
                )
            })
            .collect()
    };
    let mine = p.ok(Method::GET, "/me/compensation", &aino_t, None).await;
    assert_eq!(
        comp(&mine),
        map(vec![(&paid, (2, 1800, false)), (&unpaid, (1, 0, false))])
    );
    // Bo: P P P → 3 × 900 = 2700, and nothing of Aino's.
    let bo_att = p.ok(Method::GET, "/me/attendance", &bo_t, None).await;
    assert_eq!(bo_att["items"].as_array().unwrap().len(), 1);
    assert_eq!(bo_att["items"][0]["attended_meetings"], 3);
    let bos = p.ok(Method::GET, "/me/compensation", &bo_t, None).await;
    assert_eq!(comp(&bos), map(vec![(&paid, (3, 2700, false))]));
    // Approval shows on the participant's statement.
    p.ok(
        Method::POST,
        &format!("/groups/{paid}/compensation/approve"),
        &p.coordinator,
        Some(json!({})),
    )
    .await;
    let mine = p.ok(Method::GET, "/me/compensation", &aino_t, None).await;
    assert_eq!(
        comp(&mine),
        map(vec![(&paid, (2, 1800, true)), (&unpaid, (1, 0, false))])
    );

    // A participant reads no group's attendance, money or report.
    assert_eq!(
        p.get(&format!("/meetings/{}/attendance", mp[0]), &aino_t)
            .await
            .0,
        404
    );
    assert_eq!(
        p.get(&format!("/groups/{paid}/compensation"), &aino_t)
            .await
            .0,
        404
    );
    assert_eq!(
        p.get(&format!("/groups/{paid}/report"), &aino_t).await.0,
        404
    );

    // Case managers: their own clients only, with their attended counts.
    assert_eq!(
        p.roster(&paid, &p.cm_own).await,
        map(vec![(&aino, (txt("enrolled"), 2))])
    );
    assert_eq!(
        p.roster(&paid, &p.cm_rehab).await,
        map(vec![(&bo, (txt("enrolled"), 3))])
    );
    assert_eq!(p.roster(&unpaid, &p.cm_rehab).await, BTreeMap::new());
    assert_eq!(
        p.roster(&paid, &p.coordinator).await,
        map(vec![
            (&aino, (txt("enrolled"), 2)),
            (&bo, (txt("enrolled"), 3))
        ])
    );
}

#[tokio::test]
async fn attendance_and_compensation_changes_are_audited() {
    let p = setup(spawn_app().await).await;
    let g = p.group("Klubi 1", json!(900)).await;
    let m = p
        .meeting(
            &g,
            "2026-10-05T09:00:00+03:00",
            "2026-10-05T12:00:00+03:00",
            "regular",
            "cv",
        )
        .await;
    let aino = p
        .enrol(&p.cm_own, &g, "Aino Aaltonen", "aino@example.fi")
        .await;
    let bo = p.enrol(&p.cm_rehab, &g, "Bo Berg", "bo@example.fi").await;
    assert_eq!(audit_count(&p.app, "attendance.mark").await, 0);

    p.mark(
        &p.coach,
        &m,
        &[(&aino, Some("present")), (&bo, Some("absent"))],
    )
    .await;
    let marked = audit_count(&p.app, "attendance.mark").await;
    assert!(marked >= 1, "a PUT with two marks is audited");
    p.mark(&p.coach, &m, &[(&bo, Some("late"))]).await;
    let remarked = audit_count(&p.app, "attendance.mark").await;
    assert!(remarked > marked, "every change is audited");
    // Reading is no change; refused changes write nothing.
    p.attendance(&m, &p.coach).await;
    let (s, _) = p
        .put_marks(
            &p.coach,
            &m,
            json!([{"participant_id": aino, "status": "maybe"}]),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(audit_count(&p.app, "attendance.mark").await, remarked);

    // Every attendance row names the coach who marked.
    let pool = p.app.raw_pool().await;
    let actors: Vec<Option<String>> =
        sqlx::query_scalar("SELECT actor_id FROM audit_log WHERE action = 'attendance.mark'")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(
        actors
            .iter()
            .all(|a| a.as_deref() == Some(p.coach_id.as_str())),
        "{actors:?}"
    );

    p.ok(
        Method::POST,
        &format!("/groups/{g}/compensation/approve"),
        &p.coordinator,
        Some(json!({})),
    )
    .await;
    assert_eq!(audit_count(&p.app, "compensation.approve").await, 1);
    let (s, _) = p
        .put_marks(
            &p.coach,
            &m,
            json!([{"participant_id": aino, "status": "absent"}]),
        )
        .await;
    assert_eq!(s, 409);
    assert_eq!(
        audit_count(&p.app, "attendance.mark").await,
        remarked,
        "a locked refusal writes nothing"
    );
    let (s, _) = p
        .post(
            &format!("/groups/{g}/compensation/reopen"),
            &p.coordinator,
            json!({}),
        )
        .await;
    assert_eq!(s, 422);
    assert_eq!(audit_count(&p.app, "compensation.reopen").await, 0);
    p.ok(
        Method::POST,
        &format!("/groups/{g}/compensation/reopen"),
        &p.coordinator,
        Some(json!({"reason": "Väärä merkintä"})),
    )
    .await;
    assert_eq!(audit_count(&p.app, "compensation.reopen").await, 1);
    let approvers: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT actor_id FROM audit_log WHERE action IN ('compensation.approve', 'compensation.reopen')",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(approvers, vec![Some(p.coordinator_id.clone()); 2]);
    pool.close().await;
    let actions = p.app.audit_actions().await;
    for a in [
        "attendance.mark",
        "compensation.approve",
        "compensation.reopen",
    ] {
        assert!(actions.contains(&a.to_string()), "{a}");
    }
}

#[tokio::test]
async fn an_organisations_month_sums_every_group_by_local_date() {
    let p = setup(spawn_app().await).await;
    let g1 = p.group("Kuukausi 1", json!(900)).await;
    let g2 = p.group("Kuukausi 2", json!(500)).await;
    // g2 pays 7,00 € from 1.10. on; its meeting at 00.30 on 1.10. Helsinki
    // time is still 30.9. in UTC, and belongs to October at the October rate.
    p.ok(
        Method::POST,
        &format!("/groups/{g2}/compensation/rates"),
        &p.coordinator,
        Some(json!({"effective_from": "2026-10-01", "rate_cents": 700})),
    )
    .await;
    let a = p
        .meeting(
            &g1,
            "2026-09-29T09:00:00+03:00",
            "2026-09-29T12:00:00+03:00",
            "regular",
            "cv",
        )
        .await;
    let b = p
        .meeting(
            &g1,
            "2026-10-06T09:00:00+03:00",
            "2026-10-06T12:00:00+03:00",
            "regular",
            "interview",
        )
        .await;
    let c = p
        .meeting(
            &g2,
            "2026-10-01T00:30:00+03:00",
            "2026-10-01T02:00:00+03:00",
            "excursion",
            "job_ads",
        )
        .await;
    let d = p
        .meeting(
            &g2,
            "2026-11-02T09:00:00+02:00",
            "2026-11-02T12:00:00+02:00",
            "regular",
            "cv",
        )
        .await;
    let x = p
        .enrol(&p.cm_own, &g1, "Xenia Ylönen", "xenia@example.fi")
        .await;
    let y = p.enrol(&p.cm_own, &g2, "@Yrjö", "yrjo@example.fi").await;
    let z = p
        .enrol(&p.cm_rehab, &g2, "Zacharias Öst", "zach@example.fi")
        .await;
    p.mark(&p.coordinator, &a, &[(x.as_str(), Some("present"))])
        .await;
    p.mark(&p.coordinator, &b, &[(x.as_str(), Some("late"))])
        .await;
    p.mark(
        &p.coordinator,
        &c,
        &[(y.as_str(), Some("present")), (z.as_str(), Some("absent"))],
    )
    .await;
    p.mark(
        &p.coordinator,
        &d,
        &[(y.as_str(), Some("present")), (z.as_str(), Some("present"))],
    )
    .await;

    let path = |m: &str| format!("/organisations/{}/compensation?month={m}", p.owner);
    let oct = p
        .ok(Method::GET, &path("2026-10"), &p.coordinator, None)
        .await;
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
    let sep = p
        .ok(Method::GET, &path("2026-09"), &p.coordinator, None)
        .await;
    assert_eq!(sep["total_cents"], 900, "{sep}");
    // November: Yrjö and Zacharias at d, 7,00 € each = 14,00 €.
    let nov = p
        .ok(Method::GET, &path("2026-11"), &p.coordinator, None)
        .await;
    assert_eq!(nov["total_cents"], 1400, "{nov}");

    let (header, rows) = p
        .csv(
            &format!("/organisations/{}/compensation.csv?month=2026-11", p.owner),
            &p.coordinator,
        )
        .await;
    assert_eq!(header.len(), 6, "{header:?}");
    let yrjo = rows.iter().find(|r| r[2] == y).unwrap();
    assert_eq!(yrjo[1], "'@Yrjö", "formula-safe name cell");
    assert_eq!(
        audit_count(&p.app, "compensation.export").await,
        1,
        "taking the month out as a spreadsheet is audited"
    );
    assert_eq!((yrjo[4].as_str(), yrjo[5].as_str()), ("7,00", "700"));

    for bad in ["2026-13", "marraskuu", "", "2026-1x"] {
        let (s, v) = p
            .app
            .call(Method::GET, &path(bad), &p.coordinator, None)
            .await;
        assert_eq!(s, 422, "{bad}: {v}");
        assert_eq!(fields(&v), vec!["month".to_string()], "{v}");
    }
    let (s, _) = p
        .app
        .call(Method::GET, &path("2026-10"), &p.cm_own, None)
        .await;
    assert_eq!(
        s, 403,
        "a case manager of the organisation sees its groups but not the money"
    );
    let (s, _) = p
        .app
        .call(Method::GET, &path("2026-10"), &p.outsider_coordinator, None)
        .await;
    assert_eq!(s, 404, "another organisation's coordinator");
}
