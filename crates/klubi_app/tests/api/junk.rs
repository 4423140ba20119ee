//! "No 500 on any input", checked for every documented API operation rather
//! than for the inputs someone thought of: the OpenAPI document lists the
//! operations and their bodies, and each is called by every demo role with
//! junk in one place at a time (a path id, a query parameter, one field of an
//! otherwise plausible body, the body itself). Every answer must be below 500,
//! and every refusal a problem document with its own status.

use crate::helpers::*;
use serde_json::{Map, Value, json};
use sqlx::Row;

/// Path ids: someone else's kind of id, encodings that are not ids, and one
/// far too long.
fn junk_ids() -> Vec<String> {
    [
        "x",
        "0",
        "-1",
        "%00",
        "%FF",
        "..%2F..%2Fetc",
        "%27%20OR%20%271%27%3D%271",
        "%F0%9F%92%A9",
        "null",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .chain(std::iter::once("a".repeat(3000)))
    .collect()
}

/// Values a query parameter gets, URL-encoded.
fn junk_query_values() -> Vec<String> {
    [
        "",
        "-1",
        "0",
        "1",
        "201",
        "abc",
        "%00",
        "%FF",
        "true",
        "maybe",
        "1e9",
        "99999999999999999999",
        "2026-13",
        "0000-00",
        "9999-12",
        "%2B%2B%2B",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .chain(std::iter::once("z".repeat(3000)))
    .collect()
}

/// Values that replace one field of a plausible body.
fn junk_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(2_147_483_648_i64),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1e300),
        json!(0.5),
        json!(""),
        json!(" "),
        json!("\u{0}"),
        json!("x".repeat(10_000)),
        json!("<script>alert(1)</script>"),
        json!("2026-02-30"),
        json!("0000-01-01"),
        json!("9999-12-31T23:59:59+14:00"),
        json!("24:00"),
        json!("ä".repeat(300)),
        json!([]),
        json!([null]),
        json!({}),
        json!({"a": 1}),
    ]
}

/// Real rows of the demo data, for the ids of plausible calls.
struct Ids {
    format: String,
    group: String,
    meeting: String,
    participant: String,
    referral: String,
    internal_referral: String,
    organisation: String,
    user: String,
}

impl Ids {
    fn for_path_segment(&self, segment: &str) -> Option<&str> {
        Some(match segment {
            "formats" => &self.format,
            "groups" => &self.group,
            "meetings" => &self.meeting,
            "enrolments" => &self.participant,
            "referrals" => &self.referral,
            "internal-referrals" => &self.internal_referral,
            "organisations" => &self.organisation,
            "users" => &self.user,
            _ => return None,
        })
    }

    fn for_field(&self, name: &str) -> &str {
        match name.trim_end_matches("_ids").trim_end_matches("_id") {
            "format" => &self.format,
            "group" => &self.group,
            "meeting" => &self.meeting,
            "participant" => &self.participant,
            "organisation" | "partner_organisation" => &self.organisation,
            _ => &self.user,
        }
    }
}

async fn first(pool: &sqlx::AnyPool, sql: &str) -> String {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .get(0)
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or_default();
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

fn has_type(schema: &Value, ty: &str) -> bool {
    match &schema["type"] {
        Value::String(s) => s == ty,
        Value::Array(a) => a.iter().any(|t| t == ty),
        _ => false,
    }
}

/// A value the operation would plausibly accept, so that junk in one field
/// reaches as far into the handler as it can.
fn plausible(
    doc: &Value,
    schema: &Value,
    name: &str,
    ids: &Ids,
    siblings: &Map<String, Value>,
) -> Value {
    let schema = resolve(doc, schema);
    if let Some(props) = schema["properties"].as_object() {
        let mut out = Map::new();
        for (k, s) in props {
            out.insert(k.clone(), plausible(doc, s, k, ids, props));
        }
        return Value::Object(out);
    }
    if has_type(schema, "array") {
        let item = match name {
            "weekdays" => json!("mon"),
            "roles" => json!("coach"),
            _ => plausible(doc, &schema["items"], name, ids, siblings),
        };
        return json!([item]);
    }
    if has_type(schema, "integer") {
        return match name {
            "duration_minutes" => json!(120),
            "capacity" => json!(10),
            "facilitators" | "min_attendance" => json!(1),
            _ => json!(1000),
        };
    }
    if has_type(schema, "boolean") {
        return json!(true);
    }
    let text = match name {
        n if n.ends_with("_id") || n.ends_with("_ids") => ids.for_field(n).to_string(),
        "email" => "sweep@example.invalid".into(),
        "phone" => "+358401234567".into(),
        "language" => "fi".into(),
        "kind" if siblings.len() == 2 => "other".into(),
        "kind" => "regular".into(),
        "theme" => "cv".into(),
        "status" if siblings.contains_key("participant_id") => "present".into(),
        "status" => "open".into(),
        "policy" => "every_miss".into(),
        "starts_at" => "2026-12-07T10:00:00+02:00".into(),
        "ends_at" => "2026-12-07T12:00:00+02:00".into(),
        "held_on" => "2026-11-02".into(),
        "first_date" | "effective_from" => "2026-12-07".into(),
        "start_time" | "default_start_time" => "10:00".into(),
        "online_url" => "https://example.invalid/meet".into(),
        _ => "Sweep text".into(),
    };
    json!(text)
}

/// Every place in `v` one junk value can go: object fields and the first item
/// of arrays, as JSON pointers.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let here = format!("{at}/{k}");
                out.push(here.clone());
                leaves(x, here, out);
            }
        }
        Value::Array(a) => {
            if let Some(x) = a.first() {
                let here = format!("{at}/0");
                out.push(here.clone());
                leaves(x, here, out);
            }
        }
        _ => {}
    }
}

fn without(v: &Value, pointer: &str) -> Value {
    let mut v = v.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match v.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.remove(key);
        }
        Some(Value::Array(a)) => a.clear(),
        _ => {}
    }
    v
}

/// One request's body: none, raw bytes with a content type, or JSON.
#[derive(Clone)]
enum Body {
    None,
    Raw(&'static str, String),
    Json(Value),
}

struct Call {
    method: reqwest::Method,
    path: String,
    body: Body,
}

/// A path template's segments with real ids in it.
fn real_segments(template: &str, ids: &Ids) -> Vec<String> {
    let segments: Vec<&str> = template.split('/').collect();
    segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.starts_with('{') {
                let before = if i > 0 { segments[i - 1] } else { "" };
                ids.for_path_segment(before)
                    .unwrap_or("sweep.csv")
                    .to_string()
            } else {
                (*s).to_string()
            }
        })
        .collect()
}

/// Every operation once, with real ids and a plausible body; deletions last.
fn plausible_calls(doc: &Value, ids: &Ids) -> Vec<Call> {
    let mut calls = vec![];
    for (template, ops) in doc["paths"].as_object().expect("paths") {
        for (method, op) in ops.as_object().expect("operations") {
            let Ok(method) = method.to_uppercase().parse::<reqwest::Method>() else {
                continue;
            };
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            calls.push(Call {
                method,
                path: real_segments(template, ids).join("/"),
                body: if schema.is_null() {
                    Body::None
                } else {
                    Body::Json(plausible(doc, schema, "", ids, &Map::new()))
                },
            });
        }
    }
    calls.sort_by_key(|c| c.method == reqwest::Method::DELETE);
    calls
}

fn calls_for(doc: &Value, ids: &Ids) -> (Vec<Call>, Vec<Call>) {
    let mut calls = vec![];
    let mut last = vec![];
    let paths = doc["paths"].as_object().expect("paths");
    for (template, ops) in paths {
        for (method, op) in ops.as_object().expect("operations") {
            let Ok(method) = method.to_uppercase().parse::<reqwest::Method>() else {
                continue;
            };
            if !matches!(
                method,
                reqwest::Method::GET
                    | reqwest::Method::POST
                    | reqwest::Method::PUT
                    | reqwest::Method::PATCH
                    | reqwest::Method::DELETE
            ) {
                continue;
            }
            // The path with real ids, then with junk in each id in turn.
            let segments: Vec<&str> = template.split('/').collect();
            let real = real_segments(template, ids);
            let mut path_variants = vec![real.join("/")];
            for (i, s) in segments.iter().enumerate() {
                if s.starts_with('{') {
                    for j in junk_ids() {
                        let mut p = real.clone();
                        p[i] = j;
                        path_variants.push(p.join("/"));
                    }
                }
            }
            let query_params: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_string))
                .collect();
            let body_schema = &op["requestBody"]["content"]["application/json"]["schema"];
            let good = if body_schema.is_null() {
                None
            } else {
                Some(plausible(doc, body_schema, "", ids, &Map::new()))
            };
            let mut bodies = vec![
                Body::None,
                Body::Raw("application/json", String::new()),
                Body::Raw("application/json", "{".into()),
                Body::Raw("application/json", "[]".into()),
                Body::Raw("application/json", "null".into()),
                Body::Raw("application/json", "\"\u{0}\"".into()),
                Body::Raw("application/json", "{\"a\":".repeat(200)),
                Body::Raw("application/json", "\u{feff}{}".into()),
                Body::Raw("text/plain", "{}".into()),
                Body::Raw("application/x-www-form-urlencoded", "a=1&b".into()),
                Body::Json(json!({})),
            ];
            if let Some(good) = &good {
                bodies.push(Body::Raw("text/plain", good.to_string()));
                let mut places = vec![];
                leaves(good, String::new(), &mut places);
                for place in places {
                    bodies.push(Body::Json(without(good, &place)));
                    for j in junk_values() {
                        let mut b = good.clone();
                        if let Some(slot) = b.pointer_mut(&place) {
                            *slot = j;
                        }
                        bodies.push(Body::Json(b));
                    }
                }
                // Last, since it may well succeed and change what later calls see.
                bodies.push(Body::Json(good.clone()));
            }
            let to = if method == reqwest::Method::DELETE {
                &mut last
            } else {
                &mut calls
            };
            for path in &path_variants {
                to.push(Call {
                    method: method.clone(),
                    path: path.clone(),
                    body: good.clone().map_or(Body::None, Body::Json),
                });
            }
            let real_path = &path_variants[0];
            for q in &query_params {
                for v in junk_query_values() {
                    to.push(Call {
                        method: method.clone(),
                        path: format!("{real_path}?{q}={v}"),
                        body: Body::None,
                    });
                }
            }
            to.push(Call {
                method: method.clone(),
                path: format!("{real_path}?{}", "limit=1&".repeat(500)),
                body: Body::None,
            });
            for body in bodies {
                to.push(Call {
                    method: method.clone(),
                    path: real_path.clone(),
                    body,
                });
            }
        }
    }
    (calls, last)
}

/// What was wrong with one answer, if anything.
async fn judge(res: reqwest::Response) -> Option<String> {
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let text = res.text().await.unwrap_or_default();
    if status >= 500 {
        return Some(format!("{status}: {text:.300}"));
    }
    if status >= 400 {
        if content_type != "application/problem+json" {
            return Some(format!("{status} as {content_type}: {text:.300}"));
        }
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if v["status"] != status || v["title"].as_str().is_none_or(str::is_empty) {
            return Some(format!(
                "{status} with a problem that says otherwise: {text:.300}"
            ));
        }
        // API.md: a validation error names each field, with a message for it.
        let named = |e: &Value| {
            ["field", "message"]
                .iter()
                .all(|k| e[*k].as_str().is_some_and(|s| !s.is_empty()))
        };
        if status == 422
            && !v["errors"]
                .as_array()
                .is_some_and(|es| !es.is_empty() && es.iter().all(named))
        {
            return Some(format!("422 without its fields named: {text:.300}"));
        }
    }
    None
}

/// The app with its demo data, the ids of plausible calls and the OpenAPI document.
async fn demo_app() -> (TestApp, Ids, Value) {
    let app = spawn_with(|c| c.demo = true).await;
    let pool = app.raw_pool().await;
    let group = first(
        &pool,
        "SELECT g.id FROM club_groups g WHERE EXISTS (SELECT 1 FROM enrolments e WHERE e.group_id = g.id)
          AND EXISTS (SELECT 1 FROM meetings m WHERE m.group_id = g.id) ORDER BY g.id LIMIT 1",
    )
    .await;
    let ids = Ids {
        format: first(&pool, "SELECT id FROM formats ORDER BY id LIMIT 1").await,
        meeting: first(
            &pool,
            &format!("SELECT id FROM meetings WHERE group_id = '{group}' ORDER BY starts_at LIMIT 1"),
        )
        .await,
        participant: first(
            &pool,
            &format!("SELECT participant_id FROM enrolments WHERE group_id = '{group}' ORDER BY participant_id LIMIT 1"),
        )
        .await,
        referral: first(
            &pool,
            "SELECT id FROM referrals ORDER BY CASE status WHEN 'pending' THEN 0 ELSE 1 END, id LIMIT 1",
        )
        .await,
        internal_referral: first(&pool, "SELECT id FROM internal_referrals ORDER BY id LIMIT 1").await,
        organisation: first(&pool, "SELECT id FROM organisations ORDER BY id LIMIT 1").await,
        user: first(&pool, "SELECT id FROM users ORDER BY id LIMIT 1").await,
        group,
    };
    let doc: Value = app
        .api()
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (app, ids, doc)
}

/// A demo user's API token.
async fn token_of(app: &TestApp, role: &str) -> String {
    let pool = app.raw_pool().await;
    let user = first(
        &pool,
        &format!("SELECT id FROM users WHERE email = '{role}@demo.invalid'"),
    )
    .await;
    app.token_for(&user).await
}

const ROLES: [&str; 6] = [
    "admin",
    "coordinator",
    "coach",
    "casemanager",
    "specialist",
    "participant",
];

/// Sends one call: its status, and what was wrong with the answer.
async fn send(app: &TestApp, token: &str, role: &str, call: &Call) -> (u16, Option<String>) {
    let mut req = app
        .api()
        .request(
            call.method.clone(),
            app.url(&format!("/api/v1{}", call.path)),
        )
        .bearer_auth(token);
    req = match &call.body {
        Body::None => req,
        Body::Raw(ct, b) => req.header("content-type", *ct).body(b.clone()),
        Body::Json(v) => req.json(v),
    };
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let wrong = judge(res).await.map(|wrong| {
        let body = match &call.body {
            Body::None => String::new(),
            Body::Raw(ct, b) => format!(" ({ct}) {b:.200}"),
            Body::Json(v) => format!(" {:.200}", v.to_string()),
        };
        format!("{role}: {} {:.200}{body} → {wrong}", call.method, call.path)
    });
    (status, wrong)
}

#[tokio::test]
async fn every_operation_answers_junk_without_a_server_error() {
    let (app, ids, doc) = demo_app().await;
    let (calls, last) = calls_for(&doc, &ids);
    let mut problems = vec![];
    let mut sent = 0;
    let mut answers = std::collections::BTreeMap::new();
    for role in ROLES {
        let token = token_of(&app, role).await;
        for call in calls.iter().chain(&last) {
            sent += 1;
            let (status, wrong) = send(&app, &token, role, call).await;
            *answers.entry(status).or_insert(0_u32) += 1;
            problems.extend(wrong);
        }
    }
    eprintln!("{sent} calls, answered by status: {answers:?}");
    assert!(
        sent > 5_000,
        "only {sent} calls: the sweep lost its operations"
    );
    assert!(
        problems.is_empty(),
        "{} of {sent} calls answered wrongly:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The same call made several times at once (a double click, a retry, two
/// coordinators on one referral) may be refused, never a server error: a
/// unique index or a lock that one of them loses is a 409, not a 500.
#[tokio::test]
async fn every_operation_called_at_once_several_times_answers_without_a_server_error() {
    let (app, ids, doc) = demo_app().await;
    let calls = plausible_calls(&doc, &ids);
    assert!(calls.len() > 50, "only {} operations", calls.len());
    let mut problems = vec![];
    let mut answers = std::collections::BTreeMap::new();
    for role in ROLES {
        let token = token_of(&app, role).await;
        for call in &calls {
            let at_once = (0..6).map(|_| send(&app, &token, role, call));
            for (status, wrong) in futures::future::join_all(at_once).await {
                *answers.entry(status).or_insert(0_u32) += 1;
                problems.extend(wrong);
            }
        }
    }
    eprintln!("answered by status: {answers:?}");
    assert!(
        answers.keys().any(|s| (200..300).contains(s)),
        "nothing succeeded: the calls are not plausible"
    );
    assert!(
        problems.is_empty(),
        "{} answers were wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
