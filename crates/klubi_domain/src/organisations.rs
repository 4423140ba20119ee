//! Organisations: employment services, coaching providers, rehabilitation
//! and education organisations that run clubs together.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    EmploymentServices,
    CoachingProvider,
    Rehabilitation,
    Education,
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 5] = [
        OrgKind::EmploymentServices,
        OrgKind::CoachingProvider,
        OrgKind::Rehabilitation,
        OrgKind::Education,
        OrgKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::EmploymentServices => "employment_services",
            OrgKind::CoachingProvider => "coaching_provider",
            OrgKind::Rehabilitation => "rehabilitation",
            OrgKind::Education => "education",
            OrgKind::Other => "other",
        }
    }
}

impl FromStr for OrgKind {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or("error-org-kind-unknown")
    }
}

/// An organisation's display name: trimmed, 2–200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgName(String);

impl OrgName {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        crate::people::clean_text(s, 2, 200).map(OrgName)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A new organisation's name and kind, every invalid field named.
pub fn parse_new(name: &str, kind: &str) -> Result<(OrgName, OrgKind), crate::Invalid> {
    let mut inv = crate::Invalid::default();
    let name = inv.check("name", OrgName::parse(name));
    let kind = inv.check("kind", kind.parse::<OrgKind>());
    match (name, kind) {
        (Some(n), Some(k)) if inv.is_empty() => Ok((n, k)),
        _ => Err(inv),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(k.as_str().parse::<OrgKind>().unwrap(), k);
        }
        assert!("company".parse::<OrgKind>().is_err());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(OrgName::parse("  Omnia  ").unwrap().as_str(), "Omnia");
        assert!(OrgName::parse(" ").is_err());
        assert!(OrgName::parse(&"x".repeat(201)).is_err());
    }
}
