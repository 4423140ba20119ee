//! Validation outcomes. Messages are catalogue keys, never user-visible text:
//! the app translates them into the reader's language.

use serde::Serialize;

/// One invalid field: `field` is the form/JSON field name, `message` a catalogue key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: &'static str,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: &'static str) -> Self {
        Self {
            field: field.into(),
            message,
        }
    }
}

/// Every invalid field of one input, so a form can show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {0:?}")]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn one(field: impl Into<String>, message: &'static str) -> Self {
        Self(vec![FieldError::new(field, message)])
    }

    /// Collects the error of a parse into `self`, returning the value if it parsed.
    pub fn check<T>(&mut self, field: &str, r: Result<T, &'static str>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(m) => {
                self.0.push(FieldError::new(field, m));
                None
            }
        }
    }

    pub fn push(&mut self, field: &str, message: &'static str) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The same errors under the names a form gives its fields (`starts_at` →
    /// `date`); a field keeps only its first message, as a form shows one.
    pub fn renamed(mut self, names: &[(&str, &str)]) -> Invalid {
        for e in &mut self.0 {
            if let Some((_, to)) = names.iter().find(|(from, _)| *from == e.field) {
                e.field = (*to).to_string();
            }
        }
        let mut seen = std::collections::HashSet::new();
        self.0.retain(|e| seen.insert(e.field.clone()));
        self
    }

    /// `Ok(())` when nothing was collected.
    pub fn into_result(self) -> Result<(), Invalid> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_fields_keep_one_message_each() {
        let mut inv = Invalid::one("starts_at", "error-required");
        inv.push("date", "error-too-long");
        inv.push("ends_at", "error-meeting-time-invalid");
        inv.push("kind", "error-meeting-kind-unknown");
        let r = inv.renamed(&[("starts_at", "date"), ("ends_at", "end")]);
        assert_eq!(
            r.0,
            vec![
                FieldError::new("date", "error-required"),
                FieldError::new("end", "error-meeting-time-invalid"),
                FieldError::new("kind", "error-meeting-kind-unknown")
            ]
        );
    }
}
