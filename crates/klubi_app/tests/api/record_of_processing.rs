//! The record of processing (GDPR art. 30, issue 17 item 7) stays true: every
//! column of every table of a freshly migrated database has a row in the
//! `## Every column` table of docs/privacy.md, every row there names a column
//! that exists, and every column that holds personal data says why it is
//! kept, on what basis, who sees it and how long it stays. A migration that
//! adds a column fails this test until the column is classified.

use crate::helpers::*;
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

const RECORD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/privacy.md");

/// The heading of the section that holds the table.
const SECTION: &str = "## Every column";

/// The table's header row, exactly.
const HEADER: &str =
    "| column | personal data | feature | purpose | basis | who sees it | retention |";

/// What the `personal data` cell may say.
const KINDS: &[&str] = &[
    "no",
    "identifying",
    "contact",
    "free text",
    "special category",
    "usage",
    "authentication",
    "link",
];

/// The cells of a personal row that must say something: purpose, basis,
/// who sees it, retention (by their index in the row).
const MUST_SAY: &[(usize, &str)] = &[
    (3, "purpose"),
    (4, "basis"),
    (5, "who sees it"),
    (6, "retention"),
];

/// Every `table.column` of the database the app runs on, sqlx's own
/// bookkeeping table left out.
async fn schema_columns(app: &TestApp) -> BTreeSet<String> {
    let pool = app.raw_pool().await;
    let sql = match backend() {
        "postgres" => {
            "SELECT table_name::text AS t, column_name::text AS c
               FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c
               FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'"
        }
    };
    let rows = sqlx::query(sql).fetch_all(&pool).await.unwrap();
    pool.close().await;
    rows.iter()
        .map(|r| format!("{}.{}", r.get::<String, _>("t"), r.get::<String, _>("c")))
        .collect()
}

/// The cells of a markdown table row, trimmed (`\|` is a pipe inside a cell).
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(cell) = out.last_mut() {
                    cell.push('|');
                }
            }
            '|' => out.push(String::new()),
            _ => {
                if let Some(cell) = out.last_mut() {
                    cell.push(c);
                }
            }
        }
    }
    out.iter().map(|c| c.trim().to_string()).collect()
}

/// A cell that says nothing.
fn blank(cell: &str) -> bool {
    matches!(cell.trim(), "" | "—" | "–" | "-")
}

/// What is wrong with `record` (the text of docs/privacy.md) against the
/// schema's `columns`, one sentence each; empty when the record is true.
fn faults(columns: &BTreeSet<String>, record: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let mut lines = record
        .lines()
        .skip_while(|l| l.trim() != SECTION)
        .skip(1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("# "))
        .filter(|l| l.trim_start().starts_with('|'));
    match lines.next() {
        None => {
            faults.push(format!(
                "docs/privacy.md has no table under a heading `{SECTION}`"
            ));
            return faults;
        }
        Some(h) if h.trim() != HEADER => faults.push(format!(
            "the table's header row is `{}`, not `{HEADER}`",
            h.trim()
        )),
        Some(_) => {}
    }
    // The |---| line under the header.
    lines.next();

    // Each `table.column` of the record with the line numbers (within the
    // table) of its rows.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for line in lines {
        let row = cells(line);
        let name = row.first().cloned().unwrap_or_default();
        if row.len() != 7 {
            faults.push(format!(
                "row {name}: has {} cells, not 7 (a `|` inside a cell is written `\\|`)",
                row.len()
            ));
            continue;
        }
        let Some(column) = name
            .strip_prefix('`')
            .and_then(|n| n.strip_suffix('`'))
            .filter(|n| n.split('.').count() == 2 && !n.contains(' '))
        else {
            faults.push(format!(
                "row {name}: the first cell must be `table.column` in backticks"
            ));
            continue;
        };
        *seen.entry(column.to_string()).or_default() += 1;
        if !columns.contains(column) {
            faults.push(format!(
                "row `{column}`: the schema has no such column (dropped or renamed? remove or fix the row)"
            ));
        }
        let kind = row[1].as_str();
        if !KINDS.contains(&kind) {
            faults.push(format!(
                "row `{column}`: personal data is `{kind}`, which is not one of {KINDS:?}"
            ));
        } else if kind != "no" {
            for &(i, what) in MUST_SAY {
                if blank(&row[i]) {
                    faults.push(format!(
                        "row `{column}`: holds personal data ({kind}) but its `{what}` is empty"
                    ));
                }
            }
        }
    }
    for (column, n) in &seen {
        if *n > 1 {
            faults.push(format!("row `{column}`: appears {n} times"));
        }
    }
    for column in columns {
        if !seen.contains_key(column) {
            faults.push(format!(
                "column `{column}` is in the schema but not in the record of processing: \
                 add a row for it to `{SECTION}` in docs/privacy.md"
            ));
        }
    }
    faults
}

#[tokio::test]
async fn every_column_of_the_schema_is_in_the_record_of_processing() {
    let app = spawn_app().await;
    let columns = schema_columns(&app).await;
    assert!(
        columns.contains("users.email") && columns.len() > 100,
        "the schema query found too little: {columns:?}"
    );
    let record = std::fs::read_to_string(RECORD).unwrap_or_else(|e| panic!("{RECORD}: {e}"));
    let faults = faults(&columns, &record);
    assert!(
        faults.is_empty(),
        "docs/privacy.md is not a true record of processing of the {} schema \
         ({} columns); {} fault(s):\n  - {}",
        backend(),
        columns.len(),
        faults.len(),
        faults.join("\n  - ")
    );
}

/// The check itself finds each kind of fault (so that a passing test above
/// means something), without a database.
#[test]
fn the_record_check_finds_each_kind_of_fault() {
    let columns: BTreeSet<String> = ["t.a", "t.b", "t.c", "u.x"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let good = format!(
        "# Record\n\n{SECTION}\n\n{HEADER}\n|---|---|---|---|---|---|---|\n\
         | `t.a` | no | f | — | — | — | — |\n\
         | `t.b` | contact | f | to write | consent | staff | 1 year |\n\
         | `t.c` | link | f | who | task | staff \\| admins | as the row |\n\
         | `u.x` | no | f | — | — | — | — |\n\n## After\n\n| `z.z` | no | | | | | |\n"
    );
    assert_eq!(faults(&columns, &good), Vec::<String>::new());

    let bad = format!(
        "{SECTION}\n\n{HEADER}\n|---|---|---|---|---|---|---|\n\
         | `t.a` | no | f | — | — | — | — |\n\
         | `t.b` | maybe | f | — | — | — | — |\n\
         | `t.c` | link | f | who | — | staff | |\n\
         | `t.a` | no | f | — | — | — | — |\n\
         | `t.gone` | no | f | — | — | — | — |\n"
    );
    let found = faults(&columns, &bad).join("\n");
    for expected in [
        "column `u.x` is in the schema but not in the record",
        "row `t.gone`: the schema has no such column",
        "row `t.b`: personal data is `maybe`",
        "row `t.c`: holds personal data (link) but its `basis` is empty",
        "row `t.c`: holds personal data (link) but its `retention` is empty",
        "row `t.a`: appears 2 times",
    ] {
        assert!(found.contains(expected), "{expected:?} not in:\n{found}");
    }
    assert!(
        faults(&columns, "# Nothing here\n")
            .join("")
            .contains("no table under a heading")
    );
}

/// The record's personal-data rows as (column, feature).
fn personal_rows(record: &str) -> BTreeSet<(String, String)> {
    let Some(start) = record.find("## Every column") else {
        return BTreeSet::new();
    };
    record[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .filter(|c| c.len() >= 3 && c[0].starts_with('`') && c[1] != "no")
        .map(|c| (c[0].trim_matches('`').to_string(), c[2].clone()))
        .collect()
}

/// Issue 17, item 6: the features' privacy declarations
/// (`klubi_db::privacy::ALL`), which the export and erasure walk, name
/// exactly the columns the record says hold personal data, under the same
/// feature. A feature that adds personal data without declaring it fails here.
#[test]
fn every_personal_column_is_declared_by_its_feature() {
    let record = std::fs::read_to_string(RECORD).unwrap_or_else(|e| panic!("{RECORD}: {e}"));
    let recorded = personal_rows(&record);
    assert!(recorded.len() > 100, "too few rows parsed: {recorded:?}");
    let declared: BTreeSet<(String, String)> = klubi_db::privacy::ALL
        .iter()
        .flat_map(|p| {
            p.columns
                .iter()
                .map(|c| (c.to_string(), p.feature.to_string()))
        })
        .collect();
    let undeclared: Vec<_> = recorded.difference(&declared).collect();
    let unrecorded: Vec<_> = declared.difference(&recorded).collect();
    assert!(
        undeclared.is_empty() && unrecorded.is_empty(),
        "personal data in docs/privacy.md that no feature declares: {undeclared:?}\n\
         declared by a feature but not recorded as personal data: {unrecorded:?}"
    );
}
