//! A placement's rules: the path of one candidate to one vacancy, from an application, a
//! proposal or an invitation to an approved contract and beyond, carried by the party that owns
//! each step. One table of edges says who may take which step from which state; everything that
//! allows a step or lists the next steps reads it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::access::{Principal, Representative};
use crate::domain::ids::{AgencyId, EmployerId, UserId};
use crate::domain::role::Role;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PlacementState {
    Applied,
    Proposed,
    Invited,
    Shortlisted,
    Offered,
    ContractSigned,
    UnderReview,
    Approved,
    Departed,
    Arrived,
    Employed,
    Completed,
    Rejected,
    Withdrawn,
    Terminated,
}

impl PlacementState {
    pub const ALL: [PlacementState; 15] = [
        Self::Applied,
        Self::Proposed,
        Self::Invited,
        Self::Shortlisted,
        Self::Offered,
        Self::ContractSigned,
        Self::UnderReview,
        Self::Approved,
        Self::Departed,
        Self::Arrived,
        Self::Employed,
        Self::Completed,
        Self::Rejected,
        Self::Withdrawn,
        Self::Terminated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Proposed => "proposed",
            Self::Invited => "invited",
            Self::Shortlisted => "shortlisted",
            Self::Offered => "offered",
            Self::ContractSigned => "contract_signed",
            Self::UnderReview => "under_review",
            Self::Approved => "approved",
            Self::Departed => "departed",
            Self::Arrived => "arrived",
            Self::Employed => "employed",
            Self::Completed => "completed",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
            Self::Terminated => "terminated",
        }
    }

    pub fn names(states: &[PlacementState]) -> Vec<&'static str> {
        states.iter().map(|s| s.as_str()).collect()
    }

    /// Open placements count for "one open placement per candidate and vacancy"; the others are
    /// history. Mirrors the partial unique index `placements_one_open`.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Self::Rejected | Self::Withdrawn | Self::Terminated | Self::Completed
        )
    }
}

impl PlacementState {
    /// The placement got the person a job: employed, and what can only follow employment.
    pub const REACHED_EMPLOYMENT: [PlacementState; 3] =
        [Self::Employed, Self::Completed, Self::Terminated];
    /// The ministry approved it: approved, and everything that can only follow approval.
    pub const APPROVED_OR_LATER: [PlacementState; 6] = [
        Self::Approved,
        Self::Departed,
        Self::Arrived,
        Self::Employed,
        Self::Completed,
        Self::Terminated,
    ];
}

impl fmt::Display for PlacementState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PlacementState {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|v| v.as_str() == s).ok_or(())
    }
}

/// How a placement began; each beginning belongs to one party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The migrant applied to a vacancy.
    Applied,
    /// An agency proposed a candidate it represents.
    Proposed,
    /// The employer invited a candidate it found.
    Invited,
}

impl Origin {
    pub const ALL: [Origin; 3] = [Self::Applied, Self::Proposed, Self::Invited];

    pub fn as_str(self) -> &'static str {
        self.state().as_str()
    }

    /// The state a placement of this origin starts in.
    pub fn state(self) -> PlacementState {
        match self {
            Self::Applied => PlacementState::Applied,
            Self::Proposed => PlacementState::Proposed,
            Self::Invited => PlacementState::Invited,
        }
    }

    /// The party that begins a placement this way.
    pub fn by(self) -> Party {
        match self {
            Self::Applied => Party::Candidate,
            Self::Proposed => Party::Agency,
            Self::Invited => Party::Employer,
        }
    }

    /// The origin a caller's role begins with, if it may begin one at all.
    pub fn for_role(role: Role) -> Option<Self> {
        match role {
            Role::Migrant => Some(Self::Applied),
            Role::Agency => Some(Self::Proposed),
            Role::Employer => Some(Self::Invited),
            _ => None,
        }
    }
}

impl FromStr for Origin {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|o| o.as_str() == s).ok_or(())
    }
}

/// A caller's relation to one placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The candidate themselves (the migrant whose profile it is).
    Candidate,
    /// The employer that owns the vacancy.
    Employer,
    /// The agency that proposed the candidate, or one that represents them.
    Agency,
    Ministry,
    /// Platform operators: they see every placement and take no step.
    Admin,
    /// Steps the platform takes itself (both signatures present, review opened).
    System,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Candidate => "candidate",
            Self::Employer => "employer",
            Self::Agency => "agency",
            Self::Ministry => "ministry",
            Self::Admin => "admin",
            Self::System => "system",
        }
    }
}

/// Who the other parties of a placement are, as far as access needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parties {
    /// The candidate's own account, if the person has one.
    pub candidate_user: Option<UserId>,
    pub employer: EmployerId,
    pub proposed_by: Option<AgencyId>,
    /// Active consents of the candidate.
    pub representatives: Vec<Representative>,
}

/// The caller's relation to a placement; `None` means they may not see it at all (404).
pub fn relation(who: &Principal, parties: &Parties) -> Option<Party> {
    match who.role {
        Role::Migrant if parties.candidate_user == Some(who.user) => Some(Party::Candidate),
        Role::Employer if who.employer() == Some(parties.employer) => Some(Party::Employer),
        Role::Agency => {
            let agency = who.agency()?;
            let proposed = parties.proposed_by == Some(agency);
            (proposed || who.represents(&parties.representatives)).then_some(Party::Agency)
        }
        Role::Ministry => Some(Party::Ministry),
        Role::Admin => Some(Party::Admin),
        _ => None,
    }
}

/// Through which command an edge is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `POST /placements/{id}/transitions`.
    Requested,
    /// The contract command: both signatures present (next step of the issue).
    Contract,
    /// Opened by the platform as soon as the contract is signed.
    Automatic,
    /// The ministry's review command, which re-checks the rules and takes a position.
    Review,
    /// After approval: departure, arrival, employment (the next issue implements them).
    Later,
}

/// Whether a step needs a written reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonRule {
    Optional,
    Required,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub from: PlacementState,
    pub to: PlacementState,
    pub by: Party,
    pub step: Step,
    pub reason: ReasonRule,
}

const fn edge(
    from: PlacementState,
    to: PlacementState,
    by: Party,
    step: Step,
    reason: ReasonRule,
) -> Edge {
    Edge {
        from,
        to,
        by,
        step,
        reason,
    }
}

use Party as P;
use PlacementState as S;
use ReasonRule::{Optional as Free, Required as Written};
use Step::{Automatic, Contract, Later, Requested, Review};

/// The transition table. Every step the placement may take, by whom, through which command.
pub const EDGES: &[Edge] = &[
    // The employer reads applications, proposals and its own invitations…
    edge(S::Applied, S::Shortlisted, P::Employer, Requested, Free),
    edge(S::Proposed, S::Shortlisted, P::Employer, Requested, Free),
    edge(S::Invited, S::Shortlisted, P::Employer, Requested, Free),
    edge(S::Shortlisted, S::Offered, P::Employer, Requested, Free),
    // …and may reject at any point before the contract, saying why.
    edge(S::Applied, S::Rejected, P::Employer, Requested, Written),
    edge(S::Proposed, S::Rejected, P::Employer, Requested, Written),
    edge(S::Invited, S::Rejected, P::Employer, Requested, Written),
    edge(S::Shortlisted, S::Rejected, P::Employer, Requested, Written),
    edge(S::Offered, S::Rejected, P::Employer, Requested, Written),
    // The candidate may withdraw any time before departure.
    edge(S::Applied, S::Withdrawn, P::Candidate, Requested, Free),
    edge(S::Proposed, S::Withdrawn, P::Candidate, Requested, Free),
    edge(S::Invited, S::Withdrawn, P::Candidate, Requested, Free),
    edge(S::Shortlisted, S::Withdrawn, P::Candidate, Requested, Free),
    edge(S::Offered, S::Withdrawn, P::Candidate, Requested, Free),
    edge(
        S::ContractSigned,
        S::Withdrawn,
        P::Candidate,
        Requested,
        Free,
    ),
    edge(S::UnderReview, S::Withdrawn, P::Candidate, Requested, Free),
    edge(S::Approved, S::Withdrawn, P::Candidate, Requested, Free),
    // The contract, once both sides signed it, goes to the ministry by itself.
    edge(S::Offered, S::ContractSigned, P::System, Contract, Free),
    edge(
        S::ContractSigned,
        S::UnderReview,
        P::System,
        Automatic,
        Free,
    ),
    // The ministry decides with a written reason.
    edge(S::UnderReview, S::Approved, P::Ministry, Review, Written),
    edge(S::UnderReview, S::Rejected, P::Ministry, Review, Written),
    // Departure passes the readiness gate (its own command).
    edge(S::Approved, S::Departed, P::Agency, Later, Free),
    // The employer confirms arrival and the start of work, and the end of the contract term;
    // either side may end an employment early, saying why.
    edge(S::Departed, S::Arrived, P::Employer, Requested, Free),
    edge(S::Arrived, S::Employed, P::Employer, Requested, Free),
    edge(S::Employed, S::Completed, P::Employer, Requested, Free),
    edge(S::Employed, S::Terminated, P::Employer, Requested, Written),
    edge(S::Employed, S::Terminated, P::Candidate, Requested, Written),
];

/// A step the rules refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacementError {
    /// Not an edge for this party (through this command): `allowed` are the states it may
    /// move the placement to instead.
    Transition {
        from: PlacementState,
        to: PlacementState,
        allowed: Vec<PlacementState>,
    },
    /// The step needs a written reason.
    ReasonRequired,
}

impl fmt::Display for PlacementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transition { from, to, .. } => write!(f, "{from} → {to} is not allowed"),
            Self::ReasonRequired => write!(f, "this step needs a written reason"),
        }
    }
}

/// The states `party` may move a placement in `from` to, through `step`, in table order.
pub fn allowed_next(from: PlacementState, party: Party, step: Step) -> Vec<PlacementState> {
    EDGES
        .iter()
        .filter(|e| e.from == from && e.by == party && e.step == step)
        .map(|e| e.to)
        .collect()
}

/// Whether `party` may take `from → to` through `step`, with or without a reason; the edge if so.
pub fn check(
    from: PlacementState,
    to: PlacementState,
    party: Party,
    step: Step,
    has_reason: bool,
) -> Result<Edge, PlacementError> {
    let found = EDGES
        .iter()
        .find(|e| e.from == from && e.to == to && e.by == party && e.step == step)
        .copied()
        .ok_or_else(|| PlacementError::Transition {
            from,
            to,
            allowed: allowed_next(from, party, step),
        })?;
    if found.reason == ReasonRule::Required && !has_reason {
        return Err(PlacementError::ReasonRequired);
    }
    Ok(found)
}

/// The commands behind `POST /placements/{id}/transitions`: a party's own requests, and the
/// ministry's review decisions (which re-check the rules and take a position).
pub const TRANSITION_STEPS: [Step; 2] = [Step::Requested, Step::Review];

/// The states `party` may move a placement in `from` to through the transitions endpoint.
pub fn transitions_from(from: PlacementState, party: Party) -> Vec<PlacementState> {
    EDGES
        .iter()
        .filter(|e| e.from == from && e.by == party && TRANSITION_STEPS.contains(&e.step))
        .map(|e| e.to)
        .collect()
}

/// [`check`] for the transitions endpoint: the edge, whichever of its steps it belongs to.
pub fn check_transition(
    from: PlacementState,
    to: PlacementState,
    party: Party,
    has_reason: bool,
) -> Result<Edge, PlacementError> {
    let found = EDGES
        .iter()
        .find(|e| {
            e.from == from && e.to == to && e.by == party && TRANSITION_STEPS.contains(&e.step)
        })
        .copied()
        .ok_or_else(|| PlacementError::Transition {
            from,
            to,
            allowed: transitions_from(from, party),
        })?;
    check(from, to, party, found.step, has_reason)
}

/// An approved placement holds one of the vacancy's positions until it ends.
pub fn holds_position(state: PlacementState) -> bool {
    matches!(
        state,
        PlacementState::Approved
            | PlacementState::Departed
            | PlacementState::Arrived
            | PlacementState::Employed
    )
}

/// Whether a step gives the vacancy its position back: a placement that held one is withdrawn
/// or rejected before the person started work.
pub fn gives_back_position(from: PlacementState, to: PlacementState) -> bool {
    holds_position(from) && matches!(to, PlacementState::Withdrawn | PlacementState::Rejected)
}

/// Who is told about a step: every party of the placement but the one who took it. The agency
/// is a party only when it proposed the candidate.
pub fn to_notify(actor: Party, agency_involved: bool) -> Vec<Party> {
    [Party::Candidate, Party::Employer, Party::Agency]
        .into_iter()
        .filter(|p| *p != actor && (*p != Party::Agency || agency_involved))
        .collect()
}

/// Whether a vacancy takes this candidate: one closed to foreign workers takes only Russian
/// citizens (ISO 3166-1 `RU`).
pub fn open_to_citizen(open_to_foreign: bool, citizenship: &str) -> bool {
    open_to_foreign || citizenship == "RU"
}

/// The longest reason a step may carry, in characters.
pub const REASON_MAX: usize = 2000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::access::Membership;

    /// States a candidate may withdraw from: any open state before departure.
    const BEFORE_DEPARTURE: [PlacementState; 8] = [
        S::Applied,
        S::Proposed,
        S::Invited,
        S::Shortlisted,
        S::Offered,
        S::ContractSigned,
        S::UnderReview,
        S::Approved,
    ];

    const PARTIES: [Party; 6] = [
        P::Candidate,
        P::Employer,
        P::Agency,
        P::Ministry,
        P::Admin,
        P::System,
    ];

    /// The whole table written out once more, by hand, as (from, to, party, step).
    fn expected() -> Vec<(PlacementState, PlacementState, Party, Step)> {
        let mut out = Vec::new();
        for from in [S::Applied, S::Proposed, S::Invited] {
            out.push((from, S::Shortlisted, P::Employer, Requested));
        }
        out.push((S::Shortlisted, S::Offered, P::Employer, Requested));
        for from in [
            S::Applied,
            S::Proposed,
            S::Invited,
            S::Shortlisted,
            S::Offered,
        ] {
            out.push((from, S::Rejected, P::Employer, Requested));
        }
        for from in BEFORE_DEPARTURE {
            out.push((from, S::Withdrawn, P::Candidate, Requested));
        }
        out.push((S::Offered, S::ContractSigned, P::System, Contract));
        out.push((S::ContractSigned, S::UnderReview, P::System, Automatic));
        out.push((S::UnderReview, S::Approved, P::Ministry, Review));
        out.push((S::UnderReview, S::Rejected, P::Ministry, Review));
        out.push((S::Approved, S::Departed, P::Agency, Later));
        out.push((S::Departed, S::Arrived, P::Employer, Requested));
        out.push((S::Arrived, S::Employed, P::Employer, Requested));
        out.push((S::Employed, S::Completed, P::Employer, Requested));
        out.push((S::Employed, S::Terminated, P::Employer, Requested));
        out.push((S::Employed, S::Terminated, P::Candidate, Requested));
        out
    }

    #[test]
    fn every_pair_for_every_party_and_step_is_allowed_or_refused_as_written() {
        let table = expected();
        let mut allowed = 0;
        let mut refused = 0;
        for from in PlacementState::ALL {
            for to in PlacementState::ALL {
                for party in PARTIES {
                    for step in [Requested, Contract, Automatic, Review, Later] {
                        let ok = check(from, to, party, step, true).is_ok();
                        let want = table.contains(&(from, to, party, step));
                        assert_eq!(ok, want, "{from} → {to} by {party:?} via {step:?}");
                        if ok {
                            allowed += 1;
                        } else {
                            refused += 1;
                            let Err(PlacementError::Transition { allowed: next, .. }) =
                                check(from, to, party, step, true)
                            else {
                                panic!("{from} → {to}: a refusal names the allowed states");
                            };
                            assert_eq!(next, allowed_next(from, party, step));
                            assert!(!next.contains(&to));
                        }
                    }
                }
            }
        }
        assert_eq!(allowed, table.len());
        assert_eq!(allowed + refused, 15 * 15 * 6 * 5);
    }

    #[test]
    fn the_transitions_endpoint_takes_requests_and_review_decisions_only() {
        assert_eq!(
            transitions_from(S::UnderReview, P::Ministry),
            vec![S::Approved, S::Rejected]
        );
        assert_eq!(transitions_from(S::Offered, P::Employer), vec![S::Rejected]);
        let edge = check_transition(S::UnderReview, S::Approved, P::Ministry, true).unwrap();
        assert_eq!(edge.step, Review);
        assert_eq!(
            check_transition(S::UnderReview, S::Approved, P::Ministry, false),
            Err(PlacementError::ReasonRequired)
        );
        // The contract and automatic steps are not the caller's to request.
        let Err(PlacementError::Transition { allowed, .. }) =
            check_transition(S::Offered, S::ContractSigned, P::Employer, true)
        else {
            panic!("signing is not a transition request");
        };
        assert_eq!(allowed, vec![S::Rejected]);
        assert!(check_transition(S::ContractSigned, S::UnderReview, P::System, true).is_err());
        assert!(check_transition(S::Approved, S::Departed, P::Agency, true).is_err());
        for from in PlacementState::ALL {
            for party in PARTIES {
                let mut both = allowed_next(from, party, Requested);
                both.extend(allowed_next(from, party, Review));
                assert_eq!(transitions_from(from, party), both);
            }
        }
    }

    #[test]
    fn approved_placements_hold_a_position_until_withdrawn_or_rejected() {
        let holding: Vec<_> = PlacementState::ALL
            .into_iter()
            .filter(|s| holds_position(*s))
            .collect();
        assert_eq!(
            holding,
            vec![S::Approved, S::Departed, S::Arrived, S::Employed]
        );
        assert!(gives_back_position(S::Approved, S::Withdrawn));
        assert!(!gives_back_position(S::UnderReview, S::Withdrawn));
        assert!(!gives_back_position(S::UnderReview, S::Rejected));
        assert!(!gives_back_position(S::Approved, S::Departed));
        assert!(!gives_back_position(S::Employed, S::Completed));
    }

    #[test]
    fn rejection_and_termination_need_a_reason_others_do_not() {
        assert_eq!(
            check(S::Applied, S::Rejected, P::Employer, Requested, false),
            Err(PlacementError::ReasonRequired)
        );
        assert_eq!(
            check(S::UnderReview, S::Approved, P::Ministry, Review, false),
            Err(PlacementError::ReasonRequired)
        );
        assert_eq!(
            check(S::Employed, S::Terminated, P::Candidate, Requested, false),
            Err(PlacementError::ReasonRequired)
        );
        assert!(check(S::Applied, S::Shortlisted, P::Employer, Requested, false).is_ok());
        assert!(check(S::Offered, S::Withdrawn, P::Candidate, Requested, false).is_ok());
        for e in EDGES {
            let needs = matches!(e.to, S::Rejected | S::Terminated | S::Approved);
            assert_eq!(e.reason == ReasonRule::Required, needs, "{e:?}");
        }
    }

    #[test]
    fn allowed_next_lists_each_partys_steps() {
        assert_eq!(
            allowed_next(S::Applied, P::Employer, Requested),
            vec![S::Shortlisted, S::Rejected]
        );
        assert_eq!(
            allowed_next(S::Shortlisted, P::Employer, Requested),
            vec![S::Offered, S::Rejected]
        );
        assert_eq!(
            allowed_next(S::Offered, P::Employer, Requested),
            vec![S::Rejected]
        );
        assert_eq!(
            allowed_next(S::Approved, P::Candidate, Requested),
            vec![S::Withdrawn]
        );
        // After departure the candidate can no longer withdraw.
        assert!(allowed_next(S::Departed, P::Candidate, Requested).is_empty());
        assert!(allowed_next(S::Applied, P::Agency, Requested).is_empty());
        assert!(allowed_next(S::UnderReview, P::Ministry, Requested).is_empty());
        assert_eq!(
            allowed_next(S::UnderReview, P::Ministry, Review),
            vec![S::Approved, S::Rejected]
        );
        for s in PlacementState::ALL {
            assert!(allowed_next(s, P::Admin, Requested).is_empty());
        }
    }

    #[test]
    fn closed_states_have_no_way_out_and_are_not_open() {
        for s in [S::Rejected, S::Withdrawn, S::Terminated, S::Completed] {
            assert!(!s.is_open());
            assert!(EDGES.iter().all(|e| e.from != s), "{s}");
        }
        let open = PlacementState::ALL.iter().filter(|s| s.is_open()).count();
        assert_eq!(open, 11);
    }

    #[test]
    fn states_and_origins_parse_from_their_names() {
        for s in PlacementState::ALL {
            assert_eq!(s.as_str().parse::<PlacementState>(), Ok(s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        assert!("hired".parse::<PlacementState>().is_err());
        for o in Origin::ALL {
            assert_eq!(o.as_str().parse::<Origin>(), Ok(o));
            assert_eq!(o.as_str(), o.state().as_str());
        }
        assert!("shortlisted".parse::<Origin>().is_err());
    }

    #[test]
    fn each_role_begins_its_own_kind_of_placement() {
        assert_eq!(Origin::for_role(Role::Migrant), Some(Origin::Applied));
        assert_eq!(Origin::for_role(Role::Agency), Some(Origin::Proposed));
        assert_eq!(Origin::for_role(Role::Employer), Some(Origin::Invited));
        for r in [Role::Centre, Role::Ministry, Role::Admin] {
            assert_eq!(Origin::for_role(r), None);
        }
        assert_eq!(Origin::Applied.by(), P::Candidate);
        assert_eq!(Origin::Proposed.by(), P::Agency);
        assert_eq!(Origin::Invited.by(), P::Employer);
    }

    fn principal(role: Role, membership: Membership) -> Principal {
        Principal {
            user: UserId::generate(),
            role,
            membership,
        }
    }

    #[test]
    fn relation_names_who_the_caller_is_to_the_placement() {
        let candidate = principal(Role::Migrant, Membership::None);
        let employer_id = EmployerId::generate();
        let employer = principal(Role::Employer, Membership::Employer(employer_id));
        let proposer_id = AgencyId::generate();
        let proposer = principal(Role::Agency, Membership::Agency(proposer_id));
        let rep_id = AgencyId::generate();
        let rep = principal(Role::Agency, Membership::Agency(rep_id));
        let parties = Parties {
            candidate_user: Some(candidate.user),
            employer: employer_id,
            proposed_by: Some(proposer_id),
            representatives: vec![Representative::Agency(rep_id)],
        };
        assert_eq!(relation(&candidate, &parties), Some(P::Candidate));
        assert_eq!(relation(&employer, &parties), Some(P::Employer));
        assert_eq!(relation(&proposer, &parties), Some(P::Agency));
        assert_eq!(relation(&rep, &parties), Some(P::Agency));
        let ministry = principal(Role::Ministry, Membership::None);
        assert_eq!(relation(&ministry, &parties), Some(P::Ministry));
        let admin = principal(Role::Admin, Membership::None);
        assert_eq!(relation(&admin, &parties), Some(P::Admin));
        // Strangers see nothing.
        for stranger in [
            principal(Role::Migrant, Membership::None),
            principal(Role::Employer, Membership::Employer(EmployerId::generate())),
            principal(Role::Employer, Membership::None),
            principal(Role::Agency, Membership::Agency(AgencyId::generate())),
            principal(Role::Agency, Membership::None),
            principal(Role::Centre, Membership::None),
        ] {
            assert_eq!(relation(&stranger, &parties), None, "{stranger:?}");
        }
        // A centre representing the person is no party of the placement.
        let centre_id = crate::domain::ids::CentreId::generate();
        let centre = principal(Role::Centre, Membership::Centre(centre_id));
        let with_centre = Parties {
            representatives: vec![Representative::Centre(centre_id)],
            ..parties
        };
        assert_eq!(relation(&centre, &with_centre), None);
    }

    #[test]
    fn a_vacancy_closed_to_foreign_workers_takes_only_russian_citizens() {
        assert!(open_to_citizen(true, "KG"));
        assert!(open_to_citizen(false, "RU"));
        assert!(!open_to_citizen(false, "KG"));
        assert!(!open_to_citizen(false, "TJ"));
    }

    #[test]
    fn every_step_is_told_to_the_other_parties() {
        assert_eq!(to_notify(P::Candidate, false), vec![P::Employer]);
        assert_eq!(to_notify(P::Candidate, true), vec![P::Employer, P::Agency]);
        assert_eq!(to_notify(P::Employer, false), vec![P::Candidate]);
        assert_eq!(to_notify(P::Employer, true), vec![P::Candidate, P::Agency]);
        assert_eq!(to_notify(P::Agency, true), vec![P::Candidate, P::Employer]);
        assert_eq!(
            to_notify(P::Ministry, true),
            vec![P::Candidate, P::Employer, P::Agency]
        );
    }
}
