//! Referrals (issue 4's rules, pure): a case manager refers a person to a group
//! with their consent; the group's coordinator accepts (a seat or the waiting
//! list, see [`crate::enrolment`]) or declines with a reason; anyone entitled
//! may withdraw. The case manager's page shows `completed` once the group is
//! over for someone who held a seat.

use crate::groups::GroupStatus;
use crate::people::{Email, Language, PersonName, Phone, clean_multiline};
use crate::validation::Invalid;
use serde::Serialize;
use std::str::FromStr;

/// The version of the consent text (`consent-referral-text` in the catalogue)
/// a case manager confirms. Raise it whenever that text changes, so each
/// referral keeps which wording the person agreed to.
pub const CONSENT_VERSION: &str = "2026-11-referral-1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    Pending,
    Enrolled,
    Waitlisted,
    Declined,
    Withdrawn,
}

impl ReferralStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Pending => "pending",
            ReferralStatus::Enrolled => "enrolled",
            ReferralStatus::Waitlisted => "waitlisted",
            ReferralStatus::Declined => "declined",
            ReferralStatus::Withdrawn => "withdrawn",
        }
    }

    /// Whether it still holds or waits for a seat (what withdrawing ends).
    pub fn is_live(self) -> bool {
        matches!(
            self,
            ReferralStatus::Pending | ReferralStatus::Enrolled | ReferralStatus::Waitlisted
        )
    }
}

impl FromStr for ReferralStatus {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "pending" => ReferralStatus::Pending,
            "enrolled" => ReferralStatus::Enrolled,
            "waitlisted" => ReferralStatus::Waitlisted,
            "declined" => ReferralStatus::Declined,
            "withdrawn" => ReferralStatus::Withdrawn,
            _ => return Err("error-referral-status-unknown"),
        })
    }
}

/// The status as the case manager reads it: a seat in a finished group is
/// `completed`. The value is also the catalogue suffix (`referral-status-…`).
pub fn shown_status(status: ReferralStatus, group: GroupStatus) -> &'static str {
    match (status, group) {
        (ReferralStatus::Enrolled, GroupStatus::Finished) => "completed",
        (s, _) => s.as_str(),
    }
}

/// Whether a group takes referrals: open for them, or already running (a
/// late joiner still gets the remaining meetings).
pub fn takes_referrals(g: GroupStatus) -> bool {
    matches!(g, GroupStatus::Open | GroupStatus::Running)
}

/// Accept and decline apply to a pending referral only; otherwise the current
/// status is the answer (409 naming it).
pub fn check_undecided(s: ReferralStatus) -> Result<(), ReferralStatus> {
    if s == ReferralStatus::Pending {
        Ok(())
    } else {
        Err(s)
    }
}

/// The person as the case manager typed them in.
#[derive(Debug, Clone, Default)]
pub struct ParticipantDraft {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub language: String,
}

#[derive(Debug, Clone)]
pub struct NewParticipant {
    pub name: PersonName,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub language: Language,
}

/// A referral as submitted: who, to which group, why, and the consent box.
#[derive(Debug, Clone, Default)]
pub struct ReferralDraft {
    pub group_id: String,
    pub participant: ParticipantDraft,
    pub needs: String,
    pub consent: bool,
}

#[derive(Debug, Clone)]
pub struct NewReferral {
    pub group_id: String,
    pub participant: NewParticipant,
    pub needs: String,
}

impl ReferralDraft {
    /// Every broken rule at once, by field (`participant.email`, `consent`, …).
    /// An email address or a phone number is needed to reach the person; the
    /// consent must be given or nothing is saved.
    pub fn parse(&self) -> Result<NewReferral, Invalid> {
        let mut inv = Invalid::default();
        let p = &self.participant;
        let name = inv.check("participant.name", PersonName::parse(&p.name));
        let email = if p.email.trim().is_empty() {
            None
        } else {
            inv.check("participant.email", Email::parse(&p.email))
        };
        let phone = if p.phone.trim().is_empty() {
            None
        } else {
            inv.check("participant.phone", Phone::parse(&p.phone))
        };
        if p.email.trim().is_empty() && p.phone.trim().is_empty() {
            inv.push("participant.email", "error-email-or-phone-required");
        }
        let language = if p.language.trim().is_empty() {
            Some(Language::Fi)
        } else {
            inv.check("participant.language", p.language.trim().parse())
        };
        let needs = inv.check("needs", clean_multiline(&self.needs, 1, 4000));
        if self.group_id.trim().is_empty() {
            inv.push("group_id", "error-required");
        }
        if !self.consent {
            inv.push("consent", "error-consent-required");
        }
        inv.clone().into_result()?;
        match (name, language, needs) {
            (Some(name), Some(language), Some(needs)) => Ok(NewReferral {
                group_id: self.group_id.trim().to_string(),
                participant: NewParticipant {
                    name,
                    email,
                    phone,
                    language,
                },
                needs,
            }),
            _ => Err(inv),
        }
    }
}

/// Declining needs a reason: the case manager is told it.
pub fn parse_decline_reason(s: &str) -> Result<String, &'static str> {
    clean_multiline(s, 1, 2000).map_err(|e| {
        if e == "error-required" {
            "error-decline-reason-required"
        } else {
            e
        }
    })
}

/// Withdrawing may say why ("I can't come after all"); it is optional.
pub fn parse_withdraw_reason(s: &str) -> Result<Option<String>, &'static str> {
    let t = clean_multiline(s, 0, 1000)?;
    Ok((!t.is_empty()).then_some(t))
}

/// The version of the consent text for internal referrals
/// (`consent-internal-text` in the catalogue).
pub const INTERNAL_CONSENT_VERSION: &str = "2026-11-internal-1";

/// An internal referral to a specialist: waiting for the specialist, taken
/// on, or closed (by the specialist, taken on or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InternalStatus {
    Pending,
    Accepted,
    Closed,
}

impl InternalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InternalStatus::Pending => "pending",
            InternalStatus::Accepted => "accepted",
            InternalStatus::Closed => "closed",
        }
    }

    /// The statuses a step may start from: accept a pending one, record
    /// sessions of and close an accepted one (a pending one may be closed too,
    /// when the specialist cannot take it on).
    pub fn may(self, step: InternalStep) -> bool {
        matches!(
            (self, step),
            (InternalStatus::Pending, InternalStep::Accept)
                | (InternalStatus::Accepted, InternalStep::RecordSession)
                | (
                    InternalStatus::Pending | InternalStatus::Accepted,
                    InternalStep::Close
                )
        )
    }
}

impl FromStr for InternalStatus {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "pending" => InternalStatus::Pending,
            "accepted" => InternalStatus::Accepted,
            "closed" => InternalStatus::Closed,
            _ => return Err("error-referral-status-unknown"),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InternalStep {
    Accept,
    RecordSession,
    Close,
}

/// Why the coach refers: required, it is what the specialist starts from.
pub fn parse_internal_reason(s: &str) -> Result<String, &'static str> {
    clean_multiline(s, 1, 2000).map_err(|e| {
        if e == "error-required" {
            "error-reason-required"
        } else {
            e
        }
    })
}

/// A session the specialist held: on a day not in the future (and not more
/// than five years back), with a short note of their own.
pub fn parse_session(
    held_on: &str,
    note: &str,
    today: jiff::civil::Date,
) -> Result<(jiff::civil::Date, String), crate::validation::Invalid> {
    let mut inv = crate::validation::Invalid::default();
    let day = inv.check("held_on", crate::schedule::parse_date(held_on));
    if let Some(d) = day {
        if d > today {
            inv.push("held_on", "error-session-in-future");
        } else if today.year() - d.year() > 5 {
            inv.push("held_on", "error-date-out-of-range");
        }
    }
    let note = inv.check("note", clean_multiline(note, 0, 1000));
    inv.clone().into_result()?;
    match (day, note) {
        (Some(d), Some(n)) => Ok((d, n)),
        _ => Err(inv),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft() -> ReferralDraft {
        ReferralDraft {
            group_id: "g1".into(),
            participant: ParticipantDraft {
                name: "Aino Asiakas".into(),
                email: "Aino@Example.fi".into(),
                phone: String::new(),
                language: "sv".into(),
            },
            needs: "Wants to practise interviews.".into(),
            consent: true,
        }
    }

    #[test]
    fn a_good_referral_parses() {
        let r = draft().parse().unwrap();
        assert_eq!(r.participant.email.unwrap().as_str(), "aino@example.fi");
        assert_eq!(r.participant.language, Language::Sv);
        assert!(r.participant.phone.is_none());
    }

    #[test]
    fn no_consent_means_nothing_is_saved() {
        let mut d = draft();
        d.consent = false;
        let e = d.parse().unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "consent");
        assert_eq!(e.0[0].message, "error-consent-required");
    }

    #[test]
    fn email_or_phone_and_every_field_named() {
        let mut d = draft();
        d.participant.email = String::new();
        d.participant.phone = "040 123 4567".into();
        let r = d.parse().unwrap();
        assert_eq!(r.participant.phone.unwrap().as_str(), "+358401234567");

        let d = ReferralDraft {
            group_id: String::new(),
            participant: ParticipantDraft {
                name: " ".into(),
                email: String::new(),
                phone: String::new(),
                language: "de".into(),
            },
            needs: String::new(),
            consent: false,
        };
        let fields: Vec<_> = d
            .parse()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "participant.name",
                "participant.email",
                "participant.language",
                "needs",
                "group_id",
                "consent"
            ]
        );
        let mut d = draft();
        d.participant.email = "not an address".into();
        d.participant.phone = "12".into();
        let e = d.parse().unwrap_err();
        assert_eq!(e.0[0].field, "participant.email");
        assert_eq!(e.0[1].field, "participant.phone");
    }

    #[test]
    fn only_pending_referrals_are_decided() {
        assert!(check_undecided(ReferralStatus::Pending).is_ok());
        for s in [
            ReferralStatus::Enrolled,
            ReferralStatus::Waitlisted,
            ReferralStatus::Declined,
            ReferralStatus::Withdrawn,
        ] {
            assert_eq!(check_undecided(s), Err(s));
        }
    }

    #[test]
    fn completed_is_a_seat_in_a_finished_group() {
        assert_eq!(
            shown_status(ReferralStatus::Enrolled, GroupStatus::Finished),
            "completed"
        );
        assert_eq!(
            shown_status(ReferralStatus::Waitlisted, GroupStatus::Finished),
            "waitlisted"
        );
        assert_eq!(
            shown_status(ReferralStatus::Enrolled, GroupStatus::Running),
            "enrolled"
        );
        assert!(takes_referrals(GroupStatus::Open));
        assert!(!takes_referrals(GroupStatus::Planned));
        assert!(!takes_referrals(GroupStatus::Finished));
    }

    #[test]
    fn reasons() {
        assert_eq!(
            parse_decline_reason("  "),
            Err("error-decline-reason-required")
        );
        assert_eq!(parse_withdraw_reason("").unwrap(), None);
        assert_eq!(
            parse_withdraw_reason(" I can't come ").unwrap().as_deref(),
            Some("I can't come")
        );
    }

    proptest! {
        #[test]
        fn statuses_round_trip(i in 0usize..5) {
            let all = [
                ReferralStatus::Pending,
                ReferralStatus::Enrolled,
                ReferralStatus::Waitlisted,
                ReferralStatus::Declined,
                ReferralStatus::Withdrawn,
            ];
            prop_assert_eq!(all[i].as_str().parse::<ReferralStatus>().unwrap(), all[i]);
        }

        #[test]
        fn parsing_never_panics(name in ".{0,50}", email in ".{0,50}", phone in ".{0,30}", needs in ".{0,50}") {
            let d = ReferralDraft {
                group_id: "g".into(),
                participant: ParticipantDraft { name, email, phone, language: String::new() },
                needs,
                consent: true,
            };
            let _ = d.parse();
        }
    }

    #[test]
    fn internal_referral_steps() {
        use InternalStatus::*;
        use InternalStep::*;
        assert!(Pending.may(Accept) && !Accepted.may(Accept) && !Closed.may(Accept));
        assert!(
            Accepted.may(RecordSession)
                && !Pending.may(RecordSession)
                && !Closed.may(RecordSession)
        );
        assert!(Pending.may(Close) && Accepted.may(Close) && !Closed.may(Close));
        for s in [Pending, Accepted, Closed] {
            assert_eq!(s.as_str().parse::<InternalStatus>().unwrap(), s);
        }
    }

    #[test]
    fn sessions_are_held_not_planned() {
        let today = jiff::civil::date(2026, 11, 23);
        let (d, n) = parse_session("2026-11-20", " Puhuttiin jännittämisestä. ", today).unwrap();
        assert_eq!(d, jiff::civil::date(2026, 11, 20));
        assert_eq!(n, "Puhuttiin jännittämisestä.");
        assert!(parse_session("23.11.2026", "", today).is_ok());
        let e = parse_session("2026-11-24", "", today).unwrap_err();
        assert_eq!(e.0[0].message, "error-session-in-future");
        let e = parse_session("2019-01-01", "", today).unwrap_err();
        assert_eq!(e.0[0].message, "error-date-out-of-range");
        assert_eq!(
            parse_session("", "", today).unwrap_err().0[0].field,
            "held_on"
        );
        assert_eq!(parse_internal_reason(" "), Err("error-reason-required"));
    }
}
