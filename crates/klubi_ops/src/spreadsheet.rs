//! Files for spreadsheets (every CSV Klubi gives out).

use crate::error::{Error, Result};

/// A CSV cell a spreadsheet will not run as a formula (for every export): one starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe.
pub fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Rows as a spreadsheet file: UTF-8 with a BOM (Excel then reads ä/ö/å
/// right), `;` between cells as Finnish spreadsheets expect, CRLF lines, and
/// every cell through [`cell`] (numbers pass unchanged).
pub fn file(header: &[String], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let bad = |e: csv::Error| Error::Internal(format!("csv: {e}"));
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(header).map_err(bad)?;
    for row in rows {
        w.write_record(row.iter().map(|c| cell(c))).map_err(bad)?;
    }
    w.into_inner()
        .map_err(|e| Error::Internal(format!("csv: {e}")))
}
