//! The one place that answers "may this user do X to Y", split by feature
//! (one file each, named as the feature's module everywhere else); only here
//! are roles and account kinds looked at. Operations ask with [`require`]
//! (adapters may ask [`allows`] what to offer). What a caller may not see is
//! `Hidden` (404), so existence never leaks across organisations; what they
//! see but may not change is `Forbidden` (403).
//!
//! The shared helpers below say who someone is to a group: staff of the
//! owner or a partner organisation ([`involved`]), its coordinators
//! ([`coordinates`]) and its facilitators ([`facilitates`]).

mod alerts;
mod attendance;
mod audit;
mod compensation;
mod formats;
mod groups;
mod internal_referrals;
mod meetings;
mod organisations;
mod referrals;
mod reports;
mod second_factor;
mod users;

pub use alerts::{coordinated_organisation, hears_escalations};
pub use groups::{RosterScope, roster_scope};
pub use organisations::organisation_scope;
pub use second_factor::{must_have, must_have_second_factor};
pub use users::staff_roles;

use crate::auth::Actor;
use crate::error::{Error, Result};
use klubi_db::groups::GroupDetail;
use klubi_db::users::User;
use klubi_domain::roles::{AccountKind, Role, Roles};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Forbidden,
    Hidden,
}

#[derive(Debug, Clone, Copy)]
pub enum Action<'a> {
    /// Staff pages and staff API (participants have their own).
    UseStaffArea,
    CreateOrganisation,
    ListOrganisations,
    ViewOrganisation {
        id: &'a str,
        /// It partners with the caller's organisation in some group.
        partner: bool,
    },
    RenameOrganisation {
        id: &'a str,
    },
    /// See the staff of an organisation.
    ListUsers {
        organisation_id: &'a str,
    },
    /// Invite, change roles, deactivate: `roles` are the roles being granted.
    ManageUser {
        organisation_id: &'a str,
        roles: &'a Roles,
    },
    /// A change to another account (not one's own).
    ChangeUser {
        target: &'a User,
    },
    IssueTokenFor {
        target: &'a User,
    },
    ViewAudit,
    ViewOutbox,
    /// A format: a shipped template (`None`) or an organisation's own.
    ViewFormat {
        organisation_id: Option<&'a str>,
    },
    /// Create formats and groups for an organisation, copy templates into it,
    /// edit its formats.
    PlanClubs {
        organisation_id: &'a str,
    },
    ViewGroup {
        group: &'a GroupDetail,
        /// The caller is enrolled in it (participants see their own groups).
        enrolled: bool,
    },
    /// Change a group: its details, capacity, status, partners and facilitators.
    ManageGroup {
        group: &'a GroupDetail,
    },
    /// Add, edit, move and cancel the group's meetings.
    ManageMeetings {
        group: &'a GroupDetail,
    },
    /// Refer someone to the group: case managers of the owner or a partner.
    Refer {
        group: &'a GroupDetail,
    },
    /// Read a referral, its needs text included: the case manager who made it
    /// and the group's coordinators. Other case managers, also of the same
    /// organisation, get 404.
    ViewReferral {
        group: &'a GroupDetail,
        referred_by: &'a str,
    },
    /// Accept or decline referrals, move people up the waiting list, resend
    /// invitations: the group's coordinators.
    DecideReferrals {
        group: &'a GroupDetail,
    },
    /// Take someone out of the group: its coordinators, the case manager who
    /// referred them, and the participant themself.
    Withdraw {
        group: &'a GroupDetail,
        referred_by: Option<&'a str>,
        participant_id: &'a str,
    },
    /// The whole roster: the group's coordinators and facilitators (case
    /// managers see their own clients in it, see [`roster_scope`]).
    ViewRoster {
        group: &'a GroupDetail,
    },
    /// The triage queue of an organisation's groups.
    Triage {
        organisation_id: &'a str,
    },
    /// Make referrals at all (the referral form, "my referrals"): case managers.
    MakeReferrals,
    /// Work with internal referrals (the list of one's own): coaches and specialists.
    UseInternalReferrals,
    /// Refer a participant of the group to a specialist: its facilitators.
    ReferToSpecialist {
        group: &'a GroupDetail,
    },
    /// See an internal referral (and its reason): the coach who made it, the
    /// specialist, the participant. Nobody else, coordinators included.
    ViewInternalReferral {
        referred_by: &'a str,
        specialist_id: &'a str,
        participant_id: &'a str,
    },
    /// Accept, record sessions (and read their notes), close: the specialist.
    HandleInternalReferral {
        referred_by: &'a str,
        specialist_id: &'a str,
        participant_id: &'a str,
    },
    /// Mark attendance at the group's meetings: its facilitators and coordinators.
    MarkAttendance {
        group: &'a GroupDetail,
    },
    /// Rates, the payment report, approving and reopening it: the group's coordinators.
    ManageCompensation {
        group: &'a GroupDetail,
    },
    /// The group's report (attendance, below-minimum list, compensation
    /// total): its coordinators and facilitators.
    ViewReport {
        group: &'a GroupDetail,
    },
    /// Say "I can't come" to a meeting of a group: the participant enrolled in it.
    GiveNotice {
        enrolled: bool,
    },
    /// Today's meetings to mark: coaches and coordinators.
    RunMeetings,
    /// No-show alerts: case managers (their clients) and coordinators (escalations).
    SeeAlerts,
    /// One's own attendance and "I can't come": participants.
    OwnAttendance,
    /// Choose when the organisation's case managers hear of missed meetings:
    /// its coordinators (and admins).
    ConfigureAlerts {
        organisation_id: &'a str,
    },
    /// Set up, change or turn off one's own second factor: staff.
    UseSecondFactor,
    /// Take away someone else's second factor (a lost phone): an administrator.
    ResetSecondFactor {
        target: &'a User,
    },
    /// Choose who of an organisation's staff must have a second factor: an administrator.
    SetSecondFactorRule {
        organisation_id: &'a str,
    },
}

/// The decision for `action`, made by the action's feature.
pub fn decide(a: &Actor, action: Action<'_>) -> Decision {
    match action {
        // Every staff member sees their own organisation and its partners.
        Action::UseStaffArea | Action::ListOrganisations => organisations::use_staff_area(a),
        Action::CreateOrganisation => organisations::create(a),
        Action::ViewOrganisation { id, partner } => organisations::view(a, id, partner),
        Action::RenameOrganisation { id } => organisations::rename(a, id),
        Action::ListUsers { organisation_id } => users::list(a, organisation_id),
        Action::ManageUser {
            organisation_id,
            roles,
        } => users::manage(a, organisation_id, roles),
        Action::ChangeUser { target } => users::change(a, target),
        Action::IssueTokenFor { target } => users::issue_token_for(a, target),
        Action::ViewAudit | Action::ViewOutbox => audit::view(a),
        Action::ViewFormat { organisation_id } => formats::view(a, organisation_id),
        Action::PlanClubs { organisation_id } => formats::plan(a, organisation_id),
        Action::ViewGroup { group, enrolled } => groups::view(a, group, enrolled),
        Action::ManageGroup { group } => groups::manage(a, group),
        Action::ViewRoster { group } => groups::view_roster(a, group),
        Action::ManageMeetings { group } => meetings::manage(a, group),
        Action::RunMeetings => meetings::run(a),
        Action::MarkAttendance { group } => attendance::mark(a, group),
        Action::GiveNotice { enrolled } => attendance::give_notice(a, enrolled),
        Action::OwnAttendance => attendance::own(a),
        Action::ManageCompensation { group } => compensation::manage(a, group),
        Action::ViewReport { group } => reports::view(a, group),
        Action::SeeAlerts => alerts::see(a),
        Action::ConfigureAlerts { organisation_id } => alerts::configure(a, organisation_id),
        Action::Refer { group } => referrals::refer(a, group),
        Action::ViewReferral { group, referred_by } => referrals::view(a, group, referred_by),
        Action::DecideReferrals { group } => referrals::decide(a, group),
        Action::Withdraw {
            group,
            referred_by,
            participant_id,
        } => referrals::withdraw(a, group, referred_by, participant_id),
        Action::MakeReferrals => referrals::make(a),
        Action::Triage { organisation_id } => referrals::triage(a, organisation_id),
        Action::UseInternalReferrals => internal_referrals::use_them(a),
        Action::ReferToSpecialist { group } => internal_referrals::refer(a, group),
        Action::ViewInternalReferral {
            referred_by,
            specialist_id,
            participant_id,
        } => internal_referrals::view(a, referred_by, specialist_id, participant_id),
        Action::HandleInternalReferral {
            referred_by,
            specialist_id,
            participant_id,
        } => internal_referrals::handle(a, referred_by, specialist_id, participant_id),
        Action::UseSecondFactor => second_factor::use_it(a),
        Action::ResetSecondFactor { target } => second_factor::reset(a, target),
        Action::SetSecondFactorRule { organisation_id } => {
            second_factor::set_rule(a, organisation_id)
        }
    }
}

/// `Ok` when allowed, otherwise the error the caller should see.
pub fn require(a: &Actor, action: Action<'_>) -> Result<()> {
    match decide(a, action) {
        Decision::Allow => Ok(()),
        Decision::Forbidden => Err(Error::Forbidden),
        Decision::Hidden => Err(Error::NotFound),
    }
}

pub fn allows(a: &Actor, action: Action<'_>) -> bool {
    decide(a, action) == Decision::Allow
}

/// The three answers most rules give: allowed, seen but not allowed, unseen.
fn answer(allow: bool, seen: bool) -> Decision {
    if allow {
        Decision::Allow
    } else if seen {
        Decision::Forbidden
    } else {
        Decision::Hidden
    }
}

fn is_staff(a: &Actor) -> bool {
    a.user.kind == AccountKind::Staff
}

fn has(a: &Actor, r: Role) -> bool {
    is_staff(a) && a.user.roles.has(r)
}

fn admin(a: &Actor) -> bool {
    has(a, Role::Admin)
}

/// A member of the organisation `org`.
fn own_org(a: &Actor, org: &str) -> bool {
    a.user.organisation_id.as_deref() == Some(org)
}

/// A member of one of the group's partner organisations.
fn partner(a: &Actor, g: &GroupDetail) -> bool {
    g.partners.iter().any(|(id, _)| own_org(a, id))
}

/// Staff "involved" in a group: an admin, anyone of the owner or a partner
/// organisation (their case managers refer to it, their coaches may run it),
/// and its facilitators. Everyone else gets 404.
fn involved(a: &Actor, g: &GroupDetail) -> bool {
    if !is_staff(a) {
        return false;
    }
    admin(a) || own_org(a, &g.group.organisation_id) || partner(a, g) || facilitates(a, g)
}

/// The owner organisation's coordinators run the group.
fn coordinates(a: &Actor, g: &GroupDetail) -> bool {
    has(a, Role::Coordinator) && own_org(a, &g.group.organisation_id)
}

/// Its facilitators (coaches) run its meetings.
fn facilitates(a: &Actor, g: &GroupDetail) -> bool {
    is_staff(a) && g.facilitators.iter().any(|(id, _, _)| *id == a.user.id)
}

/// The group's coordinators and facilitators: meetings, marks, the report.
fn runs(a: &Actor, g: &GroupDetail) -> Decision {
    answer(coordinates(a, g) || facilitates(a, g), involved(a, g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use klubi_db::users::User;
    use klubi_domain::people::Language;

    fn actor(org: &str, roles: &[Role], kind: AccountKind) -> Actor {
        Actor {
            user: User {
                id: format!("u-{org}"),
                organisation_id: Some(org.into()),
                kind,
                email: Some("x@y.fi".into()),
                phone: None,
                pending_email: None,
                name: "X".into(),
                language: Language::Fi,
                active: true,
                has_password: true,
                roles: Roles::new(roles.to_vec()),
                created_at: 0,
                calendar_version: 0,
            },
            session: None,
            read_only: false,
        }
    }

    #[test]
    fn coordinators_manage_only_their_own_organisation() {
        let c = actor("a", &[Role::Coordinator], AccountKind::Staff);
        let coach = Roles::new(vec![Role::Coach]);
        let admin = Roles::new(vec![Role::Admin]);
        assert_eq!(
            decide(
                &c,
                Action::ManageUser {
                    organisation_id: "a",
                    roles: &coach
                }
            ),
            Decision::Allow
        );
        assert_eq!(
            decide(
                &c,
                Action::ManageUser {
                    organisation_id: "a",
                    roles: &admin
                }
            ),
            Decision::Forbidden
        );
        assert_eq!(
            decide(
                &c,
                Action::ManageUser {
                    organisation_id: "b",
                    roles: &coach
                }
            ),
            Decision::Hidden
        );
    }

    #[test]
    fn only_an_administrator_resets_a_second_factor_or_sets_the_rule() {
        use klubi_domain::second_factor::Requirement;
        let admin = actor("a", &[Role::Admin], AccountKind::Staff);
        let coordinator = actor("a", &[Role::Coordinator], AccountKind::Staff);
        let colleague = actor("a", &[Role::CaseManager], AccountKind::Staff).user;
        let stranger = actor("b", &[Role::CaseManager], AccountKind::Staff).user;
        let participant = actor("a", &[], AccountKind::Participant);
        let reset = |a: &Actor, target: &User| decide(a, Action::ResetSecondFactor { target });
        assert_eq!(reset(&admin, &colleague), Decision::Allow);
        assert_eq!(reset(&admin, &participant.user), Decision::Forbidden);
        assert_eq!(reset(&coordinator, &colleague), Decision::Forbidden);
        assert_eq!(reset(&coordinator, &stranger), Decision::Hidden);
        let rule = |a: &Actor, id: &str| {
            decide(
                a,
                Action::SetSecondFactorRule {
                    organisation_id: id,
                },
            )
        };
        assert_eq!(rule(&admin, "b"), Decision::Allow);
        assert_eq!(rule(&coordinator, "a"), Decision::Forbidden);
        assert_eq!(rule(&coordinator, "b"), Decision::Hidden);
        assert_eq!(
            decide(&coordinator, Action::UseSecondFactor),
            Decision::Allow
        );
        assert_eq!(
            decide(&participant, Action::UseSecondFactor),
            Decision::Hidden
        );
        assert!(must_have_second_factor(&admin, Requirement::Roles));
        assert!(!must_have_second_factor(&coordinator, Requirement::Roles));
        assert!(!must_have_second_factor(
            &participant,
            Requirement::AllStaff
        ));
    }

    #[test]
    fn participants_see_no_staff_area() {
        let p = actor("a", &[], AccountKind::Participant);
        assert_eq!(decide(&p, Action::UseStaffArea), Decision::Hidden);
        assert_eq!(decide(&p, Action::ViewAudit), Decision::Hidden);
        // Even a stray role row does not make a participant staff.
        let p2 = actor("a", &[Role::Admin], AccountKind::Participant);
        assert_eq!(decide(&p2, Action::CreateOrganisation), Decision::Hidden);
    }

    fn group(owner: &str, partners: &[&str], facilitators: &[&str]) -> GroupDetail {
        GroupDetail {
            group: klubi_db::groups::Group {
                id: "g".into(),
                organisation_id: owner.into(),
                organisation_name: String::new(),
                format_id: "f".into(),
                format_name: "F".into(),
                format_template_key: None,
                name: "G".into(),
                location: String::new(),
                capacity: 10,
                min_attendance: 1,
                compensation_cents: None,
                status: "open".into(),
                default_start_time: "09:00".into(),
                plan: vec![],
                created_by: None,
                created_at: 0,
                updated_at: 0,
                enrolled_count: 0,
                waitlist_count: 0,
                next_meeting_at: None,
                calendar_version: 0,
            },
            partners: partners
                .iter()
                .map(|p| (p.to_string(), String::new()))
                .collect(),
            facilitators: facilitators
                .iter()
                .map(|f| (f.to_string(), String::new(), None))
                .collect(),
        }
    }

    #[test]
    fn a_group_is_seen_by_its_owner_partners_and_facilitators_only() {
        let g = group("a", &["b"], &["u-c"]);
        let view = |who: &Actor| {
            decide(
                who,
                Action::ViewGroup {
                    group: &g,
                    enrolled: false,
                },
            )
        };
        let manage = |who: &Actor| decide(who, Action::ManageGroup { group: &g });
        let meetings = |who: &Actor| decide(who, Action::ManageMeetings { group: &g });
        let coordinator = actor("a", &[Role::Coordinator], AccountKind::Staff);
        let partner_cm = actor("b", &[Role::CaseManager], AccountKind::Staff);
        let partner_coord = actor("b", &[Role::Coordinator], AccountKind::Staff);
        // A coach of a third organisation who facilitates (id u-c).
        let facilitator = actor("c", &[Role::Coach], AccountKind::Staff);
        let outsider = actor("d", &[Role::Coach], AccountKind::Staff);
        let participant = actor("a", &[], AccountKind::Participant);
        assert_eq!(
            (
                view(&coordinator),
                manage(&coordinator),
                meetings(&coordinator)
            ),
            (Decision::Allow, Decision::Allow, Decision::Allow)
        );
        assert_eq!(
            (
                view(&partner_cm),
                manage(&partner_cm),
                meetings(&partner_cm)
            ),
            (Decision::Allow, Decision::Forbidden, Decision::Forbidden)
        );
        assert_eq!(
            manage(&partner_coord),
            Decision::Forbidden,
            "only the owner's coordinators run it"
        );
        assert_eq!(
            (
                view(&facilitator),
                manage(&facilitator),
                meetings(&facilitator)
            ),
            (Decision::Allow, Decision::Forbidden, Decision::Allow)
        );
        assert_eq!(
            (view(&outsider), manage(&outsider), meetings(&outsider)),
            (Decision::Hidden, Decision::Hidden, Decision::Hidden)
        );
        assert_eq!(view(&participant), Decision::Hidden);
        assert_eq!(
            decide(
                &participant,
                Action::ViewGroup {
                    group: &g,
                    enrolled: true
                }
            ),
            Decision::Allow
        );
        assert_eq!(
            decide(&participant, Action::ManageMeetings { group: &g }),
            Decision::Hidden
        );
    }

    #[test]
    fn templates_are_for_all_staff_and_formats_for_their_organisation() {
        let coach = actor("a", &[Role::Coach], AccountKind::Staff);
        let coordinator = actor("a", &[Role::Coordinator], AccountKind::Staff);
        assert_eq!(
            decide(
                &coach,
                Action::ViewFormat {
                    organisation_id: None
                }
            ),
            Decision::Allow
        );
        assert_eq!(
            decide(
                &coach,
                Action::ViewFormat {
                    organisation_id: Some("b")
                }
            ),
            Decision::Hidden
        );
        assert_eq!(
            decide(
                &coach,
                Action::PlanClubs {
                    organisation_id: "a"
                }
            ),
            Decision::Forbidden
        );
        assert_eq!(
            decide(
                &coordinator,
                Action::PlanClubs {
                    organisation_id: "a"
                }
            ),
            Decision::Allow
        );
        assert_eq!(
            decide(
                &coordinator,
                Action::PlanClubs {
                    organisation_id: "b"
                }
            ),
            Decision::Hidden
        );
        let p = actor("a", &[], AccountKind::Participant);
        assert_eq!(
            decide(
                &p,
                Action::ViewFormat {
                    organisation_id: None
                }
            ),
            Decision::Hidden
        );
    }

    #[test]
    fn other_organisations_are_hidden() {
        let coach = actor("a", &[Role::Coach], AccountKind::Staff);
        assert_eq!(
            decide(
                &coach,
                Action::ViewOrganisation {
                    id: "b",
                    partner: false
                }
            ),
            Decision::Hidden
        );
        assert_eq!(
            decide(
                &coach,
                Action::ViewOrganisation {
                    id: "a",
                    partner: false
                }
            ),
            Decision::Allow
        );
        assert_eq!(
            decide(
                &coach,
                Action::ListUsers {
                    organisation_id: "a"
                }
            ),
            Decision::Forbidden
        );
    }

    #[test]
    fn referrals_are_read_by_their_case_manager_and_the_groups_coordinators_only() {
        let g = group("a", &["b"], &["u-c"]);
        let coordinator = actor("a", &[Role::Coordinator], AccountKind::Staff);
        let cm = actor("b", &[Role::CaseManager], AccountKind::Staff);
        let mut colleague = actor("b", &[Role::CaseManager], AccountKind::Staff);
        colleague.user.id = "u-b2".into();
        let facilitator = actor("c", &[Role::Coach], AccountKind::Staff);
        let outsider_cm = actor("d", &[Role::CaseManager], AccountKind::Staff);
        let admin = actor("x", &[Role::Admin], AccountKind::Staff);
        let participant = actor("p", &[], AccountKind::Participant);
        let view = |who: &Actor| {
            decide(
                who,
                Action::ViewReferral {
                    group: &g,
                    referred_by: "u-b",
                },
            )
        };
        assert_eq!(view(&cm), Decision::Allow);
        assert_eq!(view(&coordinator), Decision::Allow);
        for who in [&colleague, &facilitator, &outsider_cm, &admin, &participant] {
            assert_eq!(view(who), Decision::Hidden, "{}", who.user.id);
        }
        let refer = |who: &Actor| decide(who, Action::Refer { group: &g });
        assert_eq!(refer(&cm), Decision::Allow);
        assert_eq!(refer(&colleague), Decision::Allow);
        assert_eq!(refer(&facilitator), Decision::Forbidden);
        assert_eq!(refer(&outsider_cm), Decision::Hidden);
        let decide_on = |who: &Actor| decide(who, Action::DecideReferrals { group: &g });
        assert_eq!(decide_on(&coordinator), Decision::Allow);
        assert_eq!(decide_on(&cm), Decision::Forbidden);
        assert_eq!(decide_on(&outsider_cm), Decision::Hidden);
        let withdraw = |who: &Actor, participant_id: &str| {
            decide(
                who,
                Action::Withdraw {
                    group: &g,
                    referred_by: Some("u-b"),
                    participant_id,
                },
            )
        };
        assert_eq!(withdraw(&cm, "u-p"), Decision::Allow);
        assert_eq!(withdraw(&coordinator, "u-p"), Decision::Allow);
        assert_eq!(withdraw(&participant, "u-p"), Decision::Allow, "themself");
        assert_eq!(withdraw(&participant, "u-q"), Decision::Hidden);
        assert_eq!(withdraw(&colleague, "u-p"), Decision::Forbidden);
        assert_eq!(roster_scope(&coordinator, &g), RosterScope::All);
        assert_eq!(roster_scope(&facilitator, &g), RosterScope::All);
        assert_eq!(roster_scope(&cm, &g), RosterScope::ReferredBy);
        assert_eq!(roster_scope(&outsider_cm, &g), RosterScope::Nothing);
        assert_eq!(roster_scope(&participant, &g), RosterScope::Nothing);
    }

    #[test]
    fn internal_referrals_are_seen_by_three_people() {
        let coach = actor("c", &[Role::Coach], AccountKind::Staff);
        let specialist = actor("s", &[Role::Specialist], AccountKind::Staff);
        let participant = actor("p", &[], AccountKind::Participant);
        let mut other_specialist = actor("s", &[Role::Specialist], AccountKind::Staff);
        other_specialist.user.id = "u-s2".into();
        let ids = ("u-c", "u-s", "u-p");
        let view = |who: &Actor| {
            decide(
                who,
                Action::ViewInternalReferral {
                    referred_by: ids.0,
                    specialist_id: ids.1,
                    participant_id: ids.2,
                },
            )
        };
        let handle = |who: &Actor| {
            decide(
                who,
                Action::HandleInternalReferral {
                    referred_by: ids.0,
                    specialist_id: ids.1,
                    participant_id: ids.2,
                },
            )
        };
        for who in [&coach, &specialist, &participant] {
            assert_eq!(view(who), Decision::Allow, "{}", who.user.id);
        }
        // A coordinator and administrator of the coach's own organisation.
        let mut boss = actor("c", &[Role::Coordinator, Role::Admin], AccountKind::Staff);
        boss.user.id = "u-boss".into();
        assert_eq!(view(&boss), Decision::Hidden, "coordinators and admins too");
        assert_eq!(view(&other_specialist), Decision::Hidden);
        assert_eq!(handle(&specialist), Decision::Allow);
        assert_eq!(handle(&coach), Decision::Forbidden);
        assert_eq!(handle(&participant), Decision::Forbidden);
        assert_eq!(handle(&other_specialist), Decision::Hidden);
        let g = group("a", &["b"], &["u-c"]);
        assert_eq!(
            decide(&coach, Action::ReferToSpecialist { group: &g }),
            Decision::Allow
        );
        let owner_coordinator = actor("a", &[Role::Coordinator], AccountKind::Staff);
        assert_eq!(
            decide(&owner_coordinator, Action::ReferToSpecialist { group: &g }),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&other_specialist, Action::ReferToSpecialist { group: &g }),
            Decision::Hidden
        );
    }
}
