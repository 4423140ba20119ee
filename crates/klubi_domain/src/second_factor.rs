//! Rules of the second factor (TOTP, RFC 6238): who must have one, how long a
//! half-finished sign-in waits for its code, which time steps a code may come
//! from. Instants are unix seconds; the caller passes `now`.

use crate::roles::{AccountKind, Role, Roles};

/// Who of an organisation's staff must sign in with a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// Administrators, case managers and specialists (they read the most
    /// personal data): the default.
    Roles,
    /// Every member of staff.
    AllStaff,
    /// Nobody (anyone may still turn it on for themselves).
    None,
}

impl Requirement {
    pub const ALL: [Requirement; 3] =
        [Requirement::Roles, Requirement::AllStaff, Requirement::None];

    /// What an organisation without a choice of its own, and the installation
    /// without one, follows.
    pub const DEFAULT: Requirement = Requirement::Roles;

    pub fn as_str(self) -> &'static str {
        match self {
            Requirement::Roles => "roles",
            Requirement::AllStaff => "all_staff",
            Requirement::None => "none",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Requirement::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or("error-second-factor-rule-unknown")
    }

    /// The catalogue key of its name.
    pub fn name_key(self) -> String {
        format!("second-factor-rule-{}", self.as_str().replace('_', "-"))
    }

    /// The requirement in force: the organisation's own choice, else the
    /// installation's, else [`Self::DEFAULT`]. A stored value that does not
    /// read (it cannot be written) counts as the default, never as "none".
    pub fn in_force(organisation: Option<&str>, installation: Option<&str>) -> Requirement {
        organisation
            .or(installation)
            .map(|s| Requirement::parse(s).unwrap_or(Requirement::DEFAULT))
            .unwrap_or(Requirement::DEFAULT)
    }
}

/// The roles that need a second factor under [`Requirement::Roles`].
pub const REQUIRING_ROLES: [Role; 3] = [Role::Admin, Role::CaseManager, Role::Specialist];

/// Whether an account must sign in with a second factor. Participants never
/// must (they may not have a phone that can, and they are not staff).
pub fn required(kind: AccountKind, roles: &Roles, rule: Requirement) -> bool {
    match (kind, rule) {
        (AccountKind::Participant, _) => false,
        (AccountKind::Staff, Requirement::None) => false,
        (AccountKind::Staff, Requirement::AllStaff) => true,
        (AccountKind::Staff, Requirement::Roles) => REQUIRING_ROLES.iter().any(|r| roles.has(*r)),
    }
}

/// How long a sign-in whose password was right waits for its code.
pub const CODE_PENDING_SECS: i64 = 5 * 60;

/// The length of a TOTP time step (the authenticator apps' default).
pub const STEP_SECS: i64 = 30;

/// How many steps before or after now a code may come from (clocks drift,
/// people type slowly): RFC 6238 §5.2 recommends one.
pub const SKEW_STEPS: i64 = 1;

/// The time step of an instant.
pub fn step_of(now: i64) -> i64 {
    now.div_euclid(STEP_SECS)
}

/// Whether a code of time step `step` may be accepted at `now`, given the
/// last step accepted for the account: within the skew, and later than the
/// last one (a code is used once, and an older one never after a newer one).
pub fn step_acceptable(step: i64, now: i64, last_accepted: Option<i64>) -> bool {
    (step - step_of(now)).abs() <= SKEW_STEPS && last_accepted.is_none_or(|last| step > last)
}

/// How many recovery codes a set has.
pub const RECOVERY_CODES: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn roles(r: &[Role]) -> Roles {
        Roles::new(r.to_vec())
    }

    #[test]
    fn by_default_admins_case_managers_and_specialists_must() {
        let rule = Requirement::DEFAULT;
        for r in [Role::Admin, Role::CaseManager, Role::Specialist] {
            assert!(required(AccountKind::Staff, &roles(&[r]), rule), "{r}");
        }
        for r in [Role::Coordinator, Role::Coach] {
            assert!(!required(AccountKind::Staff, &roles(&[r]), rule), "{r}");
        }
        assert!(required(
            AccountKind::Staff,
            &roles(&[Role::Coach, Role::Specialist]),
            rule
        ));
        assert!(!required(AccountKind::Staff, &roles(&[]), rule));
    }

    #[test]
    fn the_organisation_decides_then_the_installation() {
        assert_eq!(Requirement::in_force(None, None), Requirement::Roles);
        assert_eq!(Requirement::in_force(None, Some("none")), Requirement::None);
        assert_eq!(
            Requirement::in_force(Some("all_staff"), Some("none")),
            Requirement::AllStaff
        );
        assert_eq!(
            Requirement::in_force(Some("nonsense"), Some("none")),
            Requirement::Roles,
            "what does not read is the default, never nobody"
        );
        for r in Requirement::ALL {
            assert_eq!(Requirement::parse(r.as_str()), Ok(r));
        }
        assert!(Requirement::parse("").is_err());
    }

    #[test]
    fn steps_within_one_of_now_and_after_the_last() {
        let now = 1_000_000_020; // step 33_333_334, 20 s in
        let s = step_of(now);
        assert_eq!(s, 33_333_334);
        assert!(step_acceptable(s, now, None));
        assert!(step_acceptable(s - 1, now, None));
        assert!(step_acceptable(s + 1, now, None));
        assert!(!step_acceptable(s - 2, now, None));
        assert!(!step_acceptable(s + 2, now, None));
        assert!(!step_acceptable(s, now, Some(s)), "a replay");
        assert!(
            !step_acceptable(s - 1, now, Some(s)),
            "an older code after a newer"
        );
        assert!(step_acceptable(s + 1, now, Some(s)));
    }

    fn any_role() -> impl Strategy<Value = Role> {
        prop::sample::select(Role::ALL.to_vec())
    }

    fn any_rule() -> impl Strategy<Value = Requirement> {
        prop::sample::select(Requirement::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn participants_never_and_all_staff_always(rs in prop::collection::vec(any_role(), 0..5), rule in any_rule()) {
            let rs = roles(&rs);
            prop_assert!(!required(AccountKind::Participant, &rs, rule));
            prop_assert_eq!(required(AccountKind::Staff, &rs, Requirement::AllStaff), true);
            prop_assert_eq!(required(AccountKind::Staff, &rs, Requirement::None), false);
            // A role more never takes the requirement away.
            if required(AccountKind::Staff, &rs, rule) {
                let mut more: Vec<Role> = rs.iter().collect();
                more.push(Role::Coach);
                prop_assert!(required(AccountKind::Staff, &roles(&more), rule));
            }
        }

        #[test]
        fn no_step_is_accepted_twice(now in 0i64..4_000_000_000, tries in prop::collection::vec(-3i64..=3, 1..10)) {
            let mut last = None;
            let mut accepted = vec![];
            for t in tries {
                let step = step_of(now) + t;
                if step_acceptable(step, now, last) {
                    prop_assert!(!accepted.contains(&step));
                    accepted.push(step);
                    last = Some(step);
                }
            }
            prop_assert!(accepted.len() <= 3);
        }
    }
}
