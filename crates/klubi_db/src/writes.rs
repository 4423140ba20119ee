//! Statements whose results nobody reads (an audit row, a mail, its job, a
//! status), sent together. On SQLite each statement is a trip to the
//! connection's thread and back, and while a write transaction makes those
//! trips it holds the database's one writer; so there they go as one
//! multi-statement query (one trip, the `$n` of each renumbered into one list).
//! PostgreSQL's protocol takes one statement with parameters at a time, so
//! there they go one by one. Either way they run in order, in the caller's
//! transaction, and the first error stops the rest.

use crate::{Backend, Result, Tx, tx_backend};

/// A parameter of a statement.
#[derive(Debug, Clone)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}

impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}

impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_string))
    }
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}

#[derive(Debug, Default)]
pub struct Writes {
    statements: Vec<(&'static str, Vec<Value>)>,
}

impl Writes {
    pub fn new() -> Self {
        Self::default()
    }

    /// `sql` numbers its own parameters from `$1`; `values` are them in order.
    pub fn push(&mut self, sql: &'static str, values: Vec<Value>) {
        self.statements.push((sql, values));
    }

    pub async fn run(self, tx: &mut Tx) -> Result<()> {
        // One statement (most callers: `audit::record`, `jobs::enqueue`) goes
        // as it is written, on either database.
        if self.statements.len() > 1 && tx_backend(tx) == Backend::Sqlite {
            let (sql, values) = joined(self.statements);
            // Made of our `&'static str` statements and numbers only.
            bind(sqlx::query(sqlx::AssertSqlSafe(sql)), values)
                .execute(&mut **tx)
                .await?;
            return Ok(());
        }
        for (sql, values) in self.statements {
            bind(sqlx::query(sql), values).execute(&mut **tx).await?;
        }
        Ok(())
    }
}

fn bind<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    values: Vec<Value>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for v in values {
        q = match v {
            Value::Int(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
        };
    }
    q
}

/// One text for all statements, each one's `$n` moved past the parameters
/// of those before it, and all parameters in one list.
fn joined(statements: Vec<(&'static str, Vec<Value>)>) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut all = Vec::new();
    for (s, values) in statements {
        sql.push_str(&renumbered(s, all.len()));
        sql.push_str(";\n");
        all.extend(values);
    }
    (sql, all)
}

/// `$n` → `$(n + by)`. Only a `$` followed by a digit is a parameter: the
/// JSON paths in our SQL (`'$[0]'`) stay as they are.
fn renumbered(sql: &str, by: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match after[..digits].parse::<usize>() {
            Ok(n) => {
                out.push('$');
                out.push_str(&(n + by).to_string());
            }
            Err(_) => out.push('$'),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_on_and_json_paths_left_alone() {
        assert_eq!(
            renumbered("SELECT $1, $2, json_extract(v, '$[0]'), $10, '$'", 3),
            "SELECT $4, $5, json_extract(v, '$[0]'), $13, '$'"
        );
        let (sql, values) = joined(vec![
            ("INSERT INTO a VALUES ($1, $2)", vec![1.into(), "x".into()]),
            (
                "UPDATE b SET c = $2 WHERE d = $1",
                vec![2.into(), None::<&str>.into()],
            ),
        ]);
        assert_eq!(
            sql,
            "INSERT INTO a VALUES ($1, $2);\nUPDATE b SET c = $4 WHERE d = $3;\n"
        );
        assert_eq!(values.len(), 4);
    }
}
