//! The privacy seam (issue 17, item 6): every feature that holds personal
//! data declares it in one place, a [`PersonalData`] constant in its own
//! module, as Moodle's privacy API has each plugin declare a provider. The
//! export of a person's data, the read log they see (and, to come, erasure
//! and retention) walk [`ALL`]; a test checks that the columns declared here
//! are exactly those `docs/privacy.md` classifies as personal data, so a
//! feature added later cannot forget a person.

use crate::{Db, Result};
use serde_json::{Map, Value};
use sqlx::any::AnyRow;
use sqlx::{Column, Row};

/// What one feature holds about a person.
pub struct PersonalData {
    /// The feature's name, the same in every layer (`docs/privacy.md`'s
    /// `feature` column).
    pub feature: &'static str,
    /// `table.column` for every column of this feature that holds personal
    /// data or points at a person.
    pub columns: &'static [&'static str],
    /// What the person's copy of their data holds from this feature.
    pub export: &'static [Export],
    /// The audit entities that are about a person: `(entity_type, SQL giving
    /// the ids of that type about the person $1)`. Their audit rows are in
    /// the person's copy, and their reads in the person's read log.
    pub audit_entities: &'static [(&'static str, &'static str)],
    /// Audit actions of this feature that are reads of personal data.
    pub read_actions: &'static [&'static str],
}

/// One key of the export: rows from `sql`, whose `$1` is the person's id.
/// A column named `details` is given as the JSON it holds; times stay unix
/// seconds (columns `at` and `…_at`), which `klubi_ops::privacy` writes in
/// the installation's time zone.
pub struct Export {
    pub key: &'static str,
    pub sql: &'static str,
    /// One row (an object) rather than a list.
    pub one: bool,
}

/// Every feature's declaration, in the export's order.
pub const ALL: &[&PersonalData] = &[
    &crate::users::PERSONAL_DATA,
    &crate::api_tokens::PERSONAL_DATA,
    &crate::login_sessions::PERSONAL_DATA,
    &crate::one_time_links::PERSONAL_DATA,
    &crate::second_factor::PERSONAL_DATA,
    &crate::calendar_feeds::PERSONAL_DATA,
    &crate::referrals::PERSONAL_DATA,
    &crate::meetings::PERSONAL_DATA,
    &crate::attendance::PERSONAL_DATA,
    &crate::compensation::PERSONAL_DATA,
    &crate::internal_referrals::PERSONAL_DATA,
    &crate::outbox::PERSONAL_DATA,
    &crate::audit::PERSONAL_DATA,
    &crate::login_throttle::PERSONAL_DATA,
    &crate::jobs::PERSONAL_DATA,
    &crate::groups::PERSONAL_DATA,
];

/// The person's copy of their data from every feature's [`Export`]s, key by
/// key in declaration order.
pub async fn export(db: &Db, person_id: &str) -> Result<Vec<(&'static str, Value)>> {
    let mut out = vec![];
    for p in ALL {
        for e in p.export {
            let rows = sqlx::query(sqlx::AssertSqlSafe(e.sql))
                .bind(person_id.to_string())
                .fetch_all(db.reader())
                .await?;
            let mut rows: Vec<Value> = rows.iter().map(|r| Value::Object(to_json(r))).collect();
            let v = if e.one {
                rows.pop().unwrap_or(Value::Null)
            } else {
                Value::Array(rows)
            };
            out.push((e.key, v));
        }
    }
    // The audit log: every row by the person, about one of their entities,
    // or naming them in its details (attendance marks, say).
    let q = format!(
        "SELECT a.id, a.at, a.action, a.entity_type, a.entity_id, actor.name AS actor_name, a.details
           FROM audit_log a LEFT JOIN users actor ON actor.id = a.actor_id
          WHERE a.actor_id = $1 OR {about} OR a.details LIKE $2
          ORDER BY a.id",
        about = audit_about()
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(q))
        .bind(person_id.to_string())
        .bind(format!("%\"{person_id}\"%"))
        .fetch_all(db.reader())
        .await?;
    out.push((
        "audit",
        Value::Array(rows.iter().map(|r| Value::Object(to_json(r))).collect()),
    ));
    Ok(out)
}

/// SQL true for an audit row `a` about person `$1`: one of the entities the
/// features declare.
pub fn audit_about() -> String {
    let parts: Vec<String> = ALL
        .iter()
        .flat_map(|p| p.audit_entities.iter())
        .map(|(t, ids)| format!("(a.entity_type = '{t}' AND a.entity_id IN ({ids}))"))
        .collect();
    format!("({})", parts.join(" OR "))
}

/// Every audit action that is a read of personal data.
pub fn read_actions() -> Vec<&'static str> {
    ALL.iter()
        .flat_map(|p| p.read_actions.iter().copied())
        .collect()
}

/// One read of a person's data by someone else.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Read {
    pub at: i64,
    pub action: String,
    pub reader_id: String,
    pub reader_name: String,
    pub reader_roles: Vec<String>,
    pub organisation_name: Option<String>,
}

/// Reads of person `person_id`'s data by others, newest first (at most `limit`).
pub async fn reads(db: &Db, person_id: &str, limit: i64) -> Result<Vec<Read>> {
    let actions: Vec<String> = read_actions().iter().map(|a| format!("'{a}'")).collect();
    let q = format!(
        "SELECT a.at, a.action, a.actor_id, u.name, o.name AS organisation_name, {roles}
           FROM audit_log a
           JOIN users u ON u.id = a.actor_id
           LEFT JOIN organisations o ON o.id = u.organisation_id
          WHERE a.action IN ({actions}) AND a.actor_id <> $1 AND {about}
          ORDER BY a.at DESC, a.id DESC
          LIMIT {limit}",
        roles = crate::users::roles_column(db.backend()),
        actions = actions.join(", "),
        about = audit_about(),
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(q))
        .bind(person_id.to_string())
        .fetch_all(db.reader())
        .await?;
    Ok(rows
        .iter()
        .map(|r| Read {
            at: r.get("at"),
            action: r.get("action"),
            reader_id: r.get("actor_id"),
            reader_name: r.get("name"),
            reader_roles: crate::users::roles_from_joined(r.get("roles"))
                .names()
                .into_iter()
                .map(str::to_string)
                .collect(),
            organisation_name: r.get("organisation_name"),
        })
        .collect())
}

/// A row as a JSON object, whatever its columns' types.
fn to_json(r: &AnyRow) -> Map<String, Value> {
    let mut m = Map::new();
    for (i, c) in r.columns().iter().enumerate() {
        let name = c.name();
        let v = if let Ok(v) = r.try_get::<Option<i64>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = r.try_get::<Option<i32>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = r.try_get::<Option<String>, _>(i) {
            match v {
                Some(s) if name == "details" => {
                    serde_json::from_str(&s).unwrap_or(Value::String(s))
                }
                Some(s) => Value::String(s),
                None => Value::Null,
            }
        } else if let Ok(v) = r.try_get::<Option<f64>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = r.try_get::<Option<bool>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else {
            Value::Null
        };
        m.insert(name.to_string(), v);
    }
    m
}
