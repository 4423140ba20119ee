//! The privacy lifecycle (issue 17): a person's own copy of their data and
//! who read it. Both walk the features' declarations in
//! [`klubi_db::privacy`], so a feature added later is in them at once.

use crate::Caller;
use crate::error::Result;
use crate::policy::{self, Action};
use serde_json::{Map, Value};

pub use klubi_db::privacy::Read;

/// Everything Klubi holds about the caller: one key per kind of data (see
/// `GET /api/v1/me/export` and `docs/privacy.md`). Taking it is audited.
pub async fn my_data(cx: &Caller) -> Result<Map<String, Value>> {
    let a = cx.actor()?;
    let mut out = Map::new();
    for (key, mut v) in klubi_db::privacy::export(cx.db(), &a.user.id).await? {
        times_as_rfc3339(&mut v);
        out.insert(key.to_string(), v);
    }
    // Compensation is computed, not stored: the participant's own lines.
    let lines = if policy::allows(a, Action::OwnAttendance) {
        crate::compensation::my_compensation(cx).await?
    } else {
        vec![]
    };
    out.insert(
        "compensation".into(),
        serde_json::to_value(lines).unwrap_or(Value::Null),
    );
    let mut tx = cx.db().begin().await?;
    klubi_db::audit::record(
        &mut tx,
        &cx.ctx(),
        klubi_db::audit::Entry {
            action: "privacy.export",
            entity_type: "user",
            entity_id: &a.user.id,
            organisation_id: a.user.organisation_id.as_deref(),
            details: serde_json::json!({}),
        },
    )
    .await?;
    klubi_db::commit(tx).await?;
    Ok(out)
}

/// Reads of the caller's personal data by others, newest first (the last 500).
pub async fn who_read_my_data(cx: &Caller) -> Result<Vec<Read>> {
    let a = cx.actor()?;
    Ok(klubi_db::privacy::reads(cx.db(), &a.user.id, 500).await?)
}

/// Unix seconds in fields `at` and `…_at` (at any depth) as RFC 3339 in the
/// installation's time zone, as the rest of the API gives times.
fn times_as_rfc3339(v: &mut Value) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(times_as_rfc3339),
        Value::Object(m) => {
            for (k, field) in m.iter_mut() {
                match field.as_i64() {
                    Some(secs) if k == "at" || k.ends_with("_at") => {
                        *field = Value::String(crate::i18n::rfc3339(secs));
                    }
                    _ => times_as_rfc3339(field),
                }
            }
        }
        _ => {}
    }
}
