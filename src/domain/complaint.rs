//! A complaint by a migrant (or their representative for them) against an employer or an
//! agency, and the ministry's triage of it. Who sees a complaint, and which of its fields, is
//! decided here: the party complained about sees it only once the ministry forwards it, and
//! never who filed it unless the ministry discloses that with the outcome (retaliation is a real
//! risk).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::access::{Principal, Representative};
use crate::domain::ids::{AgencyId, EmployerId, UserId};
use crate::domain::role::Role;

/// The longest complaint text, outcome or forwarded summary, in characters.
pub const TEXT_MAX: usize = 5000;

macro_rules! names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = ();

            fn from_str(s: &str) -> Result<Self, ()> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or(())
            }
        }
    };
}

/// What the complaint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    UnpaidWages,
    FeeCharged,
    PassportRetained,
    ConditionsDiffer,
    Violence,
    Discrimination,
    Other,
}

names!(Category {
    UnpaidWages => "unpaid_wages",
    FeeCharged => "fee_charged",
    PassportRetained => "passport_retained",
    ConditionsDiffer => "conditions_differ",
    Violence => "violence",
    Discrimination => "discrimination",
    Other => "other",
});

/// Where the ministry's triage stands: `received → in_review → upheld | dismissed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintState {
    Received,
    InReview,
    Upheld,
    Dismissed,
}

names!(ComplaintState {
    Received => "received",
    InReview => "in_review",
    Upheld => "upheld",
    Dismissed => "dismissed",
});

impl ComplaintState {
    /// A decision: it carries a written outcome and nothing follows it.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Upheld | Self::Dismissed)
    }

    /// The states the ministry may move a complaint to from this one.
    pub fn next(self) -> &'static [ComplaintState] {
        match self {
            Self::Received => &[Self::InReview],
            Self::InReview => &[Self::Upheld, Self::Dismissed],
            Self::Upheld | Self::Dismissed => &[],
        }
    }
}

/// The party complained about: exactly one employer or one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accused {
    Employer(EmployerId),
    Agency(AgencyId),
}

impl Accused {
    pub fn from_ids(employer: Option<EmployerId>, agency: Option<AgencyId>) -> Option<Self> {
        match (employer, agency) {
            (Some(e), None) => Some(Self::Employer(e)),
            (None, Some(a)) => Some(Self::Agency(a)),
            _ => None,
        }
    }

    /// Is this caller on the staff of the accused party.
    pub fn is(&self, who: &Principal) -> bool {
        match self {
            Self::Employer(e) => who.employer() == Some(*e),
            Self::Agency(a) => who.agency() == Some(*a),
        }
    }
}

/// Why a command on a complaint is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComplaintError {
    /// Only the ministry triages.
    NotMinistry,
    /// Not an edge of the table; `allowed` are the states reachable from `from`.
    Transition {
        from: ComplaintState,
        to: ComplaintState,
        allowed: Vec<ComplaintState>,
    },
    /// `upheld` and `dismissed` need a written outcome.
    OutcomeRequired,
    /// An outcome is written only with the decision.
    OutcomeOnlyWithDecision,
    /// The complainant is disclosed only with the outcome.
    DiscloseOnlyWithOutcome,
    /// A complaint is forwarded once the ministry has begun its review, not before.
    ForwardBeforeReview,
    AlreadyForwarded,
}

impl fmt::Display for ComplaintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotMinistry => f.write_str("only the ministry triages complaints"),
            Self::Transition { from, to, .. } if from.is_final() => {
                write!(
                    f,
                    "the complaint is {from}, a final decision; it cannot become {to}"
                )
            }
            Self::Transition { from, to, .. } => {
                write!(f, "a complaint cannot go from {from} to {to}")
            }
            Self::OutcomeRequired => f.write_str("a decision needs a written outcome"),
            Self::OutcomeOnlyWithDecision => {
                f.write_str("an outcome is written only with upheld or dismissed")
            }
            Self::DiscloseOnlyWithOutcome => {
                f.write_str("the complainant is disclosed only with the outcome")
            }
            Self::ForwardBeforeReview => {
                f.write_str("a complaint is forwarded only once it is in review")
            }
            Self::AlreadyForwarded => f.write_str("the complaint has already been forwarded"),
        }
    }
}

/// May `role` move a complaint from `from` to `to`, with or without an outcome and the
/// disclosure of the complainant.
pub fn check_transition(
    role: Role,
    from: ComplaintState,
    to: ComplaintState,
    has_outcome: bool,
    disclose: bool,
) -> Result<(), ComplaintError> {
    if role != Role::Ministry {
        return Err(ComplaintError::NotMinistry);
    }
    if !from.next().contains(&to) {
        return Err(ComplaintError::Transition {
            from,
            to,
            allowed: from.next().to_vec(),
        });
    }
    match (to.is_final(), has_outcome, disclose) {
        (true, false, _) => Err(ComplaintError::OutcomeRequired),
        (false, true, _) => Err(ComplaintError::OutcomeOnlyWithDecision),
        (false, _, true) => Err(ComplaintError::DiscloseOnlyWithOutcome),
        _ => Ok(()),
    }
}

/// May `role` forward a complaint in `state` to the accused party.
pub fn check_forward(
    role: Role,
    state: ComplaintState,
    forwarded: bool,
) -> Result<(), ComplaintError> {
    if role != Role::Ministry {
        return Err(ComplaintError::NotMinistry);
    }
    if state == ComplaintState::Received {
        return Err(ComplaintError::ForwardBeforeReview);
    }
    if forwarded {
        return Err(ComplaintError::AlreadyForwarded);
    }
    Ok(())
}

/// Who a complaint is about and who filed it, as the visibility rules need them.
#[derive(Debug, Clone)]
pub struct Parties {
    /// The complainant's own account, if the profile has one.
    pub candidate_user: Option<UserId>,
    /// The agency or centre that filed it for the person; `None` when they filed it themselves.
    pub filed_by: Option<Representative>,
    /// The complainant's active consents.
    pub representatives: Vec<Representative>,
    pub accused: Accused,
    pub forwarded: bool,
}

/// How a caller stands to a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Viewer {
    /// The person complaining.
    Complainant,
    /// The agency or centre that filed it, while the person's consent to it stands.
    Filer,
    Ministry,
    /// Staff of the party complained about, once the ministry has forwarded the complaint.
    Accused,
}

/// The caller's relation to a complaint; `None` means they may not know it exists (404). Being
/// the accused party comes first: an accused agency that also represents the person sees only
/// what the accused sees.
pub fn viewer(who: &Principal, parties: &Parties) -> Option<Viewer> {
    if parties.accused.is(who) {
        return parties.forwarded.then_some(Viewer::Accused);
    }
    match who.role {
        Role::Migrant if parties.candidate_user == Some(who.user) => Some(Viewer::Complainant),
        Role::Agency | Role::Centre
            if parties.filed_by.is_some()
                && who.as_representative() == parties.filed_by
                && who.represents(&parties.representatives) =>
        {
            Some(Viewer::Filer)
        }
        Role::Ministry => Some(Viewer::Ministry),
        _ => None,
    }
}

/// Which parts of a complaint a viewer receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    /// Who complains: the profile id, their name, who filed it (account, role, organisation).
    pub complainant: bool,
    /// The placement it concerns (it names the person to whoever holds the placement).
    pub placement: bool,
    /// The complainant's own words (they may name or describe the person).
    pub text: bool,
    /// Who took each step of the timeline.
    pub actors: bool,
}

/// The complainant, their filing representative and the ministry see everything. The accused
/// sees the category, the ministry's forwarded summary, the state and the outcome — and the
/// person, the placement and the words only if the ministry disclosed the complainant with the
/// outcome. Never who took which step.
pub fn fields(viewer: Viewer, disclosed: bool) -> Fields {
    match viewer {
        Viewer::Complainant | Viewer::Filer | Viewer::Ministry => Fields {
            complainant: true,
            placement: true,
            text: true,
            actors: true,
        },
        Viewer::Accused => Fields {
            complainant: disclosed,
            placement: disclosed,
            text: disclosed,
            actors: false,
        },
    }
}

/// A placement the complaint may concern: one of the complainant's own, with the accused party
/// (the employer of its vacancy, or the agency that proposed it).
pub fn placement_concerns(
    accused: Accused,
    placement_employer: EmployerId,
    placement_agency: Option<AgencyId>,
) -> bool {
    match accused {
        Accused::Employer(e) => e == placement_employer,
        Accused::Agency(a) => placement_agency == Some(a),
    }
}

/// Points an upheld complaint adds toward an agency's licence suspension. Charging the worker a
/// fee, keeping their passport and violence are what organized recruitment exists to stop (ILO
/// C181 art. 7, the source studies' worst cases): each alone weighs as much as the others
/// together. The threshold at which the ministry considers suspension is policy data
/// (`agency_suspension_points_at`); reaching it does not suspend by itself — a licence action is
/// the ministry's written decision.
impl Category {
    pub fn suspension_points(self) -> u32 {
        match self {
            Self::FeeCharged | Self::PassportRetained | Self::Violence => 3,
            Self::UnpaidWages | Self::Discrimination => 2,
            Self::ConditionsDiffer | Self::Other => 1,
        }
    }
}

/// An agency's standing toward suspension: its upheld complaints weighed and set against the
/// policy threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SuspensionStanding {
    pub points: u32,
    /// `agency_suspension_points_at`: from this many points the ministry reviews the licence.
    pub threshold: u32,
    pub reached: bool,
    /// Upheld complaints per category, with the points each adds.
    pub upheld: Vec<UpheldCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UpheldCategory {
    pub category: Category,
    pub complaints: u32,
    pub points: u32,
}

/// Weighs upheld complaints per category against the threshold (below one counts as one).
pub fn suspension_standing(upheld: &[(Category, u32)], threshold: i32) -> SuspensionStanding {
    let mut rows: Vec<UpheldCategory> = Category::ALL
        .iter()
        .filter_map(|c| {
            let n: u32 = upheld.iter().filter(|(k, _)| k == c).map(|(_, n)| n).sum();
            (n > 0).then(|| UpheldCategory {
                category: *c,
                complaints: n,
                points: n.saturating_mul(c.suspension_points()),
            })
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.points));
    let points = rows
        .iter()
        .map(|r| r.points)
        .fold(0u32, u32::saturating_add);
    let threshold = u32::try_from(threshold.max(1)).unwrap_or(1);
    SuspensionStanding {
        points,
        threshold,
        reached: points >= threshold,
        upheld: rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::access::Membership;
    use crate::domain::ids::CentreId;
    use ComplaintState::*;

    fn principal(role: Role, membership: Membership) -> Principal {
        Principal {
            user: UserId::generate(),
            role,
            membership,
        }
    }

    #[test]
    fn names_round_trip() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>(), Ok(*c));
        }
        for s in ComplaintState::ALL {
            assert_eq!(s.as_str().parse::<ComplaintState>(), Ok(*s));
        }
        assert!("paid".parse::<Category>().is_err());
        assert_eq!(Category::names().len(), 7);
        assert_eq!(
            serde_json::to_string(&Category::PassportRetained).unwrap(),
            "\"passport_retained\""
        );
        assert_eq!(serde_json::to_string(&InReview).unwrap(), "\"in_review\"");
    }

    #[test]
    fn the_table_is_received_in_review_then_a_decision() {
        let m = Role::Ministry;
        assert_eq!(
            check_transition(m, Received, InReview, false, false),
            Ok(())
        );
        assert_eq!(check_transition(m, InReview, Upheld, true, false), Ok(()));
        assert_eq!(check_transition(m, InReview, Dismissed, true, true), Ok(()));
        assert_eq!(check_transition(m, InReview, Upheld, true, true), Ok(()));
        // Straight to a decision, or back: not edges.
        for (from, to) in [
            (Received, Upheld),
            (Received, Dismissed),
            (Received, Received),
            (InReview, Received),
            (InReview, InReview),
        ] {
            assert!(
                matches!(
                    check_transition(m, from, to, true, false),
                    Err(ComplaintError::Transition { .. })
                ),
                "{from} → {to}"
            );
        }
    }

    #[test]
    fn decisions_are_final() {
        for from in [Upheld, Dismissed] {
            assert!(from.is_final());
            assert!(from.next().is_empty());
            for to in ComplaintState::ALL {
                let err = check_transition(Role::Ministry, from, *to, true, false).unwrap_err();
                assert_eq!(
                    err,
                    ComplaintError::Transition {
                        from,
                        to: *to,
                        allowed: vec![]
                    }
                );
                assert!(err.to_string().contains("final"));
            }
        }
        assert!(!Received.is_final() && !InReview.is_final());
    }

    #[test]
    fn a_decision_needs_an_outcome_and_only_a_decision_has_one() {
        let m = Role::Ministry;
        assert_eq!(
            check_transition(m, InReview, Upheld, false, false),
            Err(ComplaintError::OutcomeRequired)
        );
        assert_eq!(
            check_transition(m, InReview, Dismissed, false, true),
            Err(ComplaintError::OutcomeRequired)
        );
        assert_eq!(
            check_transition(m, Received, InReview, true, false),
            Err(ComplaintError::OutcomeOnlyWithDecision)
        );
        assert_eq!(
            check_transition(m, Received, InReview, false, true),
            Err(ComplaintError::DiscloseOnlyWithOutcome)
        );
    }

    #[test]
    fn only_the_ministry_triages_and_forwards() {
        for role in Role::ALL {
            if role == Role::Ministry {
                continue;
            }
            assert_eq!(
                check_transition(role, Received, InReview, false, false),
                Err(ComplaintError::NotMinistry),
                "{role:?}"
            );
            assert_eq!(
                check_forward(role, InReview, false),
                Err(ComplaintError::NotMinistry)
            );
        }
    }

    #[test]
    fn forwarding_is_once_and_not_before_review() {
        let m = Role::Ministry;
        assert_eq!(
            check_forward(m, Received, false),
            Err(ComplaintError::ForwardBeforeReview)
        );
        for state in [InReview, Upheld, Dismissed] {
            assert_eq!(check_forward(m, state, false), Ok(()));
            assert_eq!(
                check_forward(m, state, true),
                Err(ComplaintError::AlreadyForwarded)
            );
        }
    }

    struct Case {
        migrant: Principal,
        employer_staff: Principal,
        agency_staff: Principal,
        centre_staff: Principal,
        parties: Parties,
    }

    fn case(accused_employer: bool, filed_by_centre: bool) -> Case {
        let migrant = principal(Role::Migrant, Membership::None);
        let employer = EmployerId::generate();
        let agency = AgencyId::generate();
        let centre = CentreId::generate();
        let centre_rep = Representative::Centre(centre);
        Case {
            employer_staff: principal(Role::Employer, Membership::Employer(employer)),
            agency_staff: principal(Role::Agency, Membership::Agency(agency)),
            centre_staff: principal(Role::Centre, Membership::Centre(centre)),
            parties: Parties {
                candidate_user: Some(migrant.user),
                filed_by: filed_by_centre.then_some(centre_rep),
                // The accused agency represents the person too: it must still see only what
                // the accused sees.
                representatives: vec![centre_rep, Representative::Agency(agency)],
                accused: if accused_employer {
                    Accused::Employer(employer)
                } else {
                    Accused::Agency(agency)
                },
                forwarded: false,
            },
            migrant,
        }
    }

    #[test]
    fn the_accused_sees_nothing_until_forwarded() {
        let mut c = case(true, false);
        assert_eq!(viewer(&c.employer_staff, &c.parties), None);
        c.parties.forwarded = true;
        assert_eq!(viewer(&c.employer_staff, &c.parties), Some(Viewer::Accused));
        // Another employer never.
        let other = principal(Role::Employer, Membership::Employer(EmployerId::generate()));
        assert_eq!(viewer(&other, &c.parties), None);
        // A pending employer account (no membership) never.
        let pending = principal(Role::Employer, Membership::None);
        assert_eq!(viewer(&pending, &c.parties), None);
    }

    #[test]
    fn an_accused_agency_that_represents_the_person_is_still_only_the_accused() {
        let mut c = case(false, false);
        assert_eq!(viewer(&c.agency_staff, &c.parties), None);
        c.parties.forwarded = true;
        assert_eq!(viewer(&c.agency_staff, &c.parties), Some(Viewer::Accused));
        // The employer is not accused here and is no one to this complaint.
        assert_eq!(viewer(&c.employer_staff, &c.parties), None);
    }

    #[test]
    fn the_complainant_the_filer_and_the_ministry_see_it_throughout() {
        let mut c = case(true, true);
        assert_eq!(viewer(&c.migrant, &c.parties), Some(Viewer::Complainant));
        assert_eq!(viewer(&c.centre_staff, &c.parties), Some(Viewer::Filer));
        let ministry = principal(Role::Ministry, Membership::None);
        assert_eq!(viewer(&ministry, &c.parties), Some(Viewer::Ministry));
        // The agency represents the person but did not file it: no one to it.
        let mut c2 = case(true, false);
        assert_eq!(viewer(&c2.agency_staff, &c2.parties), None);
        c2.parties.forwarded = true;
        assert_eq!(viewer(&c2.agency_staff, &c2.parties), None);
        // Once the person withdraws their consent, the filing centre loses sight of it.
        c.parties.representatives = vec![];
        assert_eq!(viewer(&c.centre_staff, &c.parties), None);
        assert_eq!(viewer(&c.migrant, &c.parties), Some(Viewer::Complainant));
    }

    #[test]
    fn everyone_else_does_not_know_it_exists() {
        let mut c = case(true, false);
        c.parties.forwarded = true;
        let stranger = principal(Role::Migrant, Membership::None);
        assert_eq!(viewer(&stranger, &c.parties), None);
        let admin = principal(Role::Admin, Membership::None);
        assert_eq!(viewer(&admin, &c.parties), None);
        let centre = principal(Role::Centre, Membership::Centre(CentreId::generate()));
        assert_eq!(viewer(&centre, &c.parties), None);
        // A profile without an account: no migrant is its complainant.
        c.parties.candidate_user = None;
        assert_eq!(viewer(&c.migrant, &c.parties), None);
    }

    #[test]
    fn the_accused_never_sees_who_complains_unless_disclosed() {
        let hidden = fields(Viewer::Accused, false);
        assert!(!hidden.complainant && !hidden.placement && !hidden.text && !hidden.actors);
        let disclosed = fields(Viewer::Accused, true);
        assert!(disclosed.complainant && disclosed.placement && disclosed.text);
        assert!(!disclosed.actors, "who took each step stays hidden");
        for v in [Viewer::Complainant, Viewer::Filer, Viewer::Ministry] {
            for d in [false, true] {
                let f = fields(v, d);
                assert!(f.complainant && f.placement && f.text && f.actors);
            }
        }
    }

    #[test]
    fn a_placement_concerns_the_party_it_is_with() {
        let (e, a) = (EmployerId::generate(), AgencyId::generate());
        assert!(placement_concerns(Accused::Employer(e), e, None));
        assert!(!placement_concerns(
            Accused::Employer(EmployerId::generate()),
            e,
            Some(a)
        ));
        assert!(placement_concerns(Accused::Agency(a), e, Some(a)));
        assert!(!placement_concerns(Accused::Agency(a), e, None));
        assert!(!placement_concerns(
            Accused::Agency(a),
            e,
            Some(AgencyId::generate())
        ));
    }

    #[test]
    fn the_accused_is_exactly_one_party() {
        let (e, a) = (EmployerId::generate(), AgencyId::generate());
        assert_eq!(Accused::from_ids(Some(e), None), Some(Accused::Employer(e)));
        assert_eq!(Accused::from_ids(None, Some(a)), Some(Accused::Agency(a)));
        assert_eq!(Accused::from_ids(Some(e), Some(a)), None);
        assert_eq!(Accused::from_ids(None, None), None);
    }

    #[test]
    fn upheld_complaints_weigh_toward_suspension() {
        let none = suspension_standing(&[], 6);
        assert_eq!((none.points, none.threshold, none.reached), (0, 6, false));
        assert!(none.upheld.is_empty());
        let s = suspension_standing(
            &[
                (Category::ConditionsDiffer, 1),
                (Category::FeeCharged, 1),
                (Category::ConditionsDiffer, 1),
            ],
            6,
        );
        assert_eq!(s.points, 5);
        assert!(!s.reached);
        assert_eq!(s.upheld[0].category, Category::FeeCharged);
        assert_eq!((s.upheld[1].complaints, s.upheld[1].points), (2, 2));
        let s = suspension_standing(&[(Category::PassportRetained, 2)], 6);
        assert_eq!((s.points, s.reached), (6, true));
        // A threshold below one counts as one.
        let s = suspension_standing(&[(Category::Other, 1)], 0);
        assert_eq!((s.threshold, s.reached), (1, true));
        for c in Category::ALL {
            assert!((1..=3).contains(&c.suspension_points()));
        }
    }
}
