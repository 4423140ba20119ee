//! Reading the app's answers: small views of JSON and CSV that assertions
//! compare whole.

use crate::helpers::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// participant_id → shown status on an attendance sheet (null when unmarked).
pub fn shown(attendance: &Value) -> BTreeMap<String, Value> {
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

/// A participant's row on an attendance sheet.
pub fn row_of<'a>(attendance: &'a Value, participant: &str) -> &'a Value {
    attendance["marks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["participant_id"] == participant)
        .unwrap_or_else(|| panic!("{participant} not listed: {attendance}"))
}

/// participant_id → (attended_meetings, amount_cents) of a compensation statement.
pub fn lines(compensation: &Value) -> BTreeMap<String, (i64, i64)> {
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
pub fn csv_by_id(rows: &[Vec<String>]) -> BTreeMap<String, [String; 4]> {
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

pub fn map<K: Ord + Clone, V>(pairs: Vec<(&K, V)>) -> BTreeMap<K, V> {
    pairs.into_iter().map(|(k, v)| (k.clone(), v)).collect()
}

pub fn txt(x: &str) -> String {
    x.to_string()
}

/// An RFC 3339 time in the answer is the same instant as `want` (whatever its offset).
pub fn assert_instant(got: &Value, want: &str) {
    let parse = |t: &str| {
        t.parse::<jiff::Timestamp>()
            .unwrap_or_else(|e| panic!("{t:?} is no RFC 3339 time: {e}"))
    };
    let g = got.as_str().unwrap_or_else(|| panic!("{got} is no string"));
    assert_eq!(parse(g), parse(want), "{g} vs {want}");
}

/// A meeting's line in a group report.
pub fn per_meeting<'a>(report: &'a Value, meeting: &str) -> &'a Value {
    report["per_meeting"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["meeting_id"] == meeting)
        .unwrap_or_else(|| panic!("{meeting} not in the report: {report}"))
}

/// [present, late, excused, absent, unmarked] of a report's meeting line.
pub fn counts(pm: &Value) -> [i64; 5] {
    ["present", "late", "excused", "absent", "unmarked"].map(|k| pm[k].as_i64().unwrap())
}

/// participant_id → (attended, standing) of a group report.
pub fn standings(report: &Value) -> BTreeMap<String, (i64, String)> {
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

pub fn assert_rate(report: &Value, want: f64) {
    let got = report["attendance_rate"].as_f64().unwrap();
    assert!(
        (got - want).abs() < 1e-9,
        "attendance_rate {got}, want {want}"
    );
}

/// participant_id → (status, attended_count) of a group's roster.
pub fn roster_counts(enrolments: &Value) -> BTreeMap<String, (String, i64)> {
    enrolments["items"]
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

/// 09:00–12:00 Helsinki time on the day `days` ahead of the app's clock.
pub fn ahead(app: &TestApp, days: i64) -> (String, String) {
    let day = today(app)
        .checked_add(jiff::Span::new().days(days))
        .unwrap();
    let at = |h: i8| {
        day.at(h, 0, 0, 0)
            .in_tz("Europe/Helsinki")
            .unwrap()
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    (at(9), at(12))
}

/// The app's today in Helsinki.
pub fn today(app: &TestApp) -> jiff::civil::Date {
    jiff::Timestamp::from_second(app.clock.now())
        .unwrap()
        .in_tz("Europe/Helsinki")
        .unwrap()
        .date()
}

/// How many audit rows record `action`.
pub async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let pool = app.raw_pool().await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action.to_string())
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    n
}
