//! Staff roles and the kind of account. A participant (job seeker) is a
//! distinct kind of account, never a staff role, so no role assignment can
//! turn a job seeker into staff by accident.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Coordinator,
    Coach,
    CaseManager,
    Specialist,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Coordinator,
        Role::Coach,
        Role::CaseManager,
        Role::Specialist,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Coach => "coach",
            Role::CaseManager => "case_manager",
            Role::Specialist => "specialist",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or("error-role-unknown")
    }
}

/// The set of roles a staff member holds, sorted and without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn new(mut roles: Vec<Role>) -> Self {
        roles.sort();
        roles.dedup();
        Self(roles)
    }

    /// Parses role names; an unknown name is an error, an empty list is allowed
    /// (a user whose roles were all taken away can still sign in and see that).
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Self, &'static str> {
        names
            .iter()
            .map(|n| n.as_ref().parse())
            .collect::<Result<Vec<_>, _>>()
            .map(Roles::new)
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.0.iter().map(|r| r.as_str()).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Staff,
    Participant,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Staff => "staff",
            AccountKind::Participant => "participant",
        }
    }
}

impl FromStr for AccountKind {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "staff" => Ok(AccountKind::Staff),
            "participant" => Ok(AccountKind::Participant),
            _ => Err("error-account-kind-unknown"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_sort_and_dedupe() {
        let r = Roles::parse(&["coach", "admin", "coach"]).unwrap();
        assert_eq!(r.names(), vec!["admin", "coach"]);
        assert!(Roles::parse(&["boss"]).is_err());
    }
}
