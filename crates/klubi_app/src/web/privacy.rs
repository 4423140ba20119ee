//! *My data* (issue 17): everything Klubi holds about the signed-in person,
//! readable and printable, as a file, and who read it.

use super::{Page, render};
use crate::error::AppResult;
use crate::request::Cx;
use askama::Template;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::Value;

/// One kind of data: its heading and rows of (label, value).
pub struct Section {
    pub key: String,
    pub heading: String,
    pub rows: Vec<Vec<(String, String)>>,
}

pub struct ReadRow {
    pub at: String,
    pub who: String,
    pub roles: String,
    pub organisation: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "privacy/my_data.html")]
struct MyDataPage {
    p: Page,
    reads: Vec<ReadRow>,
    sections: Vec<Section>,
}

pub async fn show(cx: Cx) -> AppResult<Response> {
    if cx.actor.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let p = Page::new(&cx, "my-data-title");
    let reads = klubi_ops::privacy::who_read_my_data(&cx)
        .await?
        .into_iter()
        .map(|r| ReadRow {
            at: p.datetime(&r.at),
            who: r.reader_name,
            roles: r
                .reader_roles
                .iter()
                .map(|n| cx.t(&format!("role-{n}")))
                .collect::<Vec<_>>()
                .join(", "),
            organisation: r.organisation_name.unwrap_or_default(),
            what: cx.t(&format!(
                "my-data-read-{}",
                r.action.replace(['.', '_'], "-")
            )),
        })
        .collect();
    let data = klubi_ops::privacy::my_data(&cx).await?;
    let sections = data
        .into_iter()
        .map(|(key, v)| {
            let rows = match v {
                Value::Array(items) => items.iter().map(|i| fields(&p, i)).collect(),
                Value::Null => vec![],
                one => vec![fields(&p, &one)],
            };
            Section {
                heading: cx.t(&format!("my-data-key-{}", key.replace('_', "-"))),
                key,
                rows,
            }
        })
        .collect();
    Ok(render(&MyDataPage { p, reads, sections }))
}

/// The same as `GET /api/v1/me/export`, as a file to save.
pub async fn download(cx: Cx) -> AppResult<Response> {
    if cx.actor.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let data = klubi_ops::privacy::my_data(&cx).await?;
    let body = serde_json::to_vec_pretty(&data).unwrap_or_default();
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"klubi-my-data.json\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// A row as (label, value) pairs in the page's language.
fn fields(p: &Page, row: &Value) -> Vec<(String, String)> {
    let Value::Object(m) = row else {
        return vec![(String::new(), shown(p, "", row))];
    };
    m.iter()
        .map(|(k, v)| {
            (
                p.t(&format!("my-data-field-{}", k.replace('_', "-"))),
                shown(p, k, v),
            )
        })
        .collect()
}

fn shown(p: &Page, key: &str, v: &Value) -> String {
    match v {
        Value::Null => "–".into(),
        Value::String(s) if key == "at" || key.ends_with("_at") => s
            .parse::<jiff::Timestamp>()
            .map(|t| p.datetime(&t.as_second()))
            .unwrap_or_else(|_| s.clone()),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => p.t(if *b { "my-data-yes" } else { "my-data-no" }),
        other => other.to_string(),
    }
}
