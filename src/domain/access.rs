//! Who may see and do what: the caller as a [`Principal`] and the rules that read it. Handlers
//! and services ask these functions; nothing else matches on roles to decide access.

use chrono::{Datelike, NaiveDate};

use crate::domain::ids::{AgencyId, CentreId, EmployerId, UserId};
use crate::domain::role::Role;

/// The one organisation an account works for, once its membership is approved. An account
/// belongs to at most one organisation, so this is one enum rather than three optional ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    /// Migrants, ministry and admin accounts; also staff whose membership is still pending.
    None,
    Employer(EmployerId),
    Agency(AgencyId),
    Centre(CentreId),
}

/// The authenticated caller, as the rules see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    pub user: UserId,
    pub role: Role,
    pub membership: Membership,
}

/// Who represents a person: the other party of an active consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Representative {
    Agency(AgencyId),
    Centre(CentreId),
}

impl Representative {
    pub fn from_ids(agency: Option<AgencyId>, centre: Option<CentreId>) -> Option<Self> {
        match (agency, centre) {
            (Some(a), None) => Some(Self::Agency(a)),
            (None, Some(c)) => Some(Self::Centre(c)),
            _ => None,
        }
    }
}

impl Principal {
    pub fn is(&self, roles: &[Role]) -> bool {
        roles.contains(&self.role)
    }

    pub fn employer(&self) -> Option<EmployerId> {
        match (self.role, self.membership) {
            (Role::Employer, Membership::Employer(id)) => Some(id),
            _ => None,
        }
    }

    pub fn agency(&self) -> Option<AgencyId> {
        match (self.role, self.membership) {
            (Role::Agency, Membership::Agency(id)) => Some(id),
            _ => None,
        }
    }

    pub fn centre(&self) -> Option<CentreId> {
        match (self.role, self.membership) {
            (Role::Centre, Membership::Centre(id)) => Some(id),
            _ => None,
        }
    }

    /// The agency or centre this caller acts for, if any.
    pub fn as_representative(&self) -> Option<Representative> {
        self.agency()
            .map(Representative::Agency)
            .or_else(|| self.centre().map(Representative::Centre))
    }

    /// Whether one of `representatives` is this caller's own agency or centre.
    pub fn represents(&self, representatives: &[Representative]) -> bool {
        self.as_representative()
            .is_some_and(|me| representatives.contains(&me))
    }

    /// Agencies act only under an active licence; everyone else is unaffected.
    pub fn needs_active_licence(&self) -> bool {
        self.role == Role::Agency
    }

    /// Staff of the ministry and platform operators: they read everything, edit no person.
    pub fn is_overseer(&self) -> bool {
        matches!(self.role, Role::Ministry | Role::Admin)
    }
}

/// What a caller may do with one candidate profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProfileAccess {
    /// Not even that it exists (answered as 404).
    Hidden,
    Read,
    Edit,
}

/// A migrant keeps their own profile; an agency or centre keeps the profiles of people whose
/// consent to it is active; the ministry and admins read all; employers see profiles only
/// through search, never as records.
pub fn profile_access(
    who: &Principal,
    owner: Option<UserId>,
    representatives: &[Representative],
) -> ProfileAccess {
    match who.role {
        Role::Migrant if owner == Some(who.user) => ProfileAccess::Edit,
        Role::Agency | Role::Centre if who.represents(representatives) => ProfileAccess::Edit,
        Role::Ministry | Role::Admin => ProfileAccess::Read,
        _ => ProfileAccess::Hidden,
    }
}

/// Which fields of a person a caller who may see the profile (or a search hit) receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonFields {
    /// The passport number in full: only its owner. Everyone else sees `****1234`.
    pub full_passport: bool,
    /// Names.
    pub identity: bool,
    /// Email and phone.
    pub contact: bool,
}

/// For a profile record (`GET /candidates/{id}`): the owner sees everything, representatives and
/// overseers everything but the full passport number.
pub fn profile_fields(who: &Principal, owner: Option<UserId>) -> PersonFields {
    PersonFields {
        full_passport: who.role == Role::Migrant && owner == Some(who.user),
        identity: true,
        contact: true,
    }
}

/// For a search hit: names for the person's representatives and overseers, contact only for
/// representatives; an employer sees a skills profile until the person applies.
pub fn search_hit_fields(who: &Principal, represented: bool) -> PersonFields {
    PersonFields {
        full_passport: false,
        identity: represented || who.is_overseer(),
        contact: represented,
    }
}

/// May a consent be ended by this caller: the person themselves or the represented party.
pub fn may_revoke_consent(
    who: &Principal,
    owner: Option<UserId>,
    representative: Option<Representative>,
) -> bool {
    match who.role {
        Role::Migrant => owner == Some(who.user),
        Role::Agency | Role::Centre => {
            representative.is_some() && who.as_representative() == representative
        }
        _ => false,
    }
}

/// Employers search people only once their membership is approved; the other roles allowed on
/// the search route always may.
pub fn may_search_people(who: &Principal) -> bool {
    who.role != Role::Employer || who.employer().is_some()
}

/// Is this caller the employer that owns a vacancy.
pub fn owns_vacancy(who: Option<&Principal>, employer: EmployerId) -> bool {
    who.and_then(Principal::employer) == Some(employer)
}

/// Full years of age on `day`.
pub fn age_on(date_of_birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - date_of_birth.year();
    if (day.month(), day.day()) < (date_of_birth.month(), date_of_birth.day()) {
        age -= 1;
    }
    age
}

/// Working age for a profile on the exchange.
pub const MIN_AGE: i32 = 18;
pub const MAX_AGE: i32 = 70;

pub fn is_working_age(date_of_birth: NaiveDate, today: NaiveDate) -> bool {
    (MIN_AGE..=MAX_AGE).contains(&age_on(date_of_birth, today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::*;

    fn principal(role: Role, membership: Membership) -> Principal {
        Principal {
            user: UserId::generate(),
            role,
            membership,
        }
    }

    #[test]
    fn a_migrant_edits_only_their_own_profile() {
        let me = principal(Role::Migrant, Membership::None);
        assert_eq!(profile_access(&me, Some(me.user), &[]), ProfileAccess::Edit);
        assert_eq!(
            profile_access(&me, Some(UserId::generate()), &[]),
            ProfileAccess::Hidden
        );
        assert_eq!(profile_access(&me, None, &[]), ProfileAccess::Hidden);
    }

    #[test]
    fn representatives_edit_only_while_consent_stands() {
        let agency = AgencyId::generate();
        let staff = principal(Role::Agency, Membership::Agency(agency));
        let reps = [Representative::Agency(agency)];
        assert_eq!(profile_access(&staff, None, &reps), ProfileAccess::Edit);
        assert_eq!(profile_access(&staff, None, &[]), ProfileAccess::Hidden);
        let other = principal(Role::Agency, Membership::Agency(AgencyId::generate()));
        assert_eq!(profile_access(&other, None, &reps), ProfileAccess::Hidden);
        // A centre id equal in value to nothing the agency has: kinds never mix.
        let centre = principal(Role::Centre, Membership::Centre(CentreId::generate()));
        assert_eq!(profile_access(&centre, None, &reps), ProfileAccess::Hidden);
    }

    #[test]
    fn a_role_without_its_membership_is_nobody() {
        // An agency account whose membership is pending represents no one.
        let pending = principal(Role::Agency, Membership::None);
        assert_eq!(pending.agency(), None);
        assert!(!pending.represents(&[Representative::Agency(AgencyId::generate())]));
        // A mismatched role and membership grants nothing either.
        let odd = principal(Role::Migrant, Membership::Employer(EmployerId::generate()));
        assert_eq!(odd.employer(), None);
    }

    #[test]
    fn overseers_read_but_never_edit_and_employers_never_see_records() {
        let ministry = principal(Role::Ministry, Membership::None);
        assert_eq!(profile_access(&ministry, None, &[]), ProfileAccess::Read);
        let employer = principal(Role::Employer, Membership::Employer(EmployerId::generate()));
        assert_eq!(profile_access(&employer, None, &[]), ProfileAccess::Hidden);
    }

    #[test]
    fn who_sees_which_person_fields() {
        let me = principal(Role::Migrant, Membership::None);
        assert!(profile_fields(&me, Some(me.user)).full_passport);
        let ministry = principal(Role::Ministry, Membership::None);
        assert!(!profile_fields(&ministry, None).full_passport);
        let employer = principal(Role::Employer, Membership::Employer(EmployerId::generate()));
        let hit = search_hit_fields(&employer, false);
        assert!(!hit.identity && !hit.contact);
        let hit = search_hit_fields(&ministry, false);
        assert!(hit.identity && !hit.contact);
        let agency = principal(Role::Agency, Membership::Agency(AgencyId::generate()));
        let hit = search_hit_fields(&agency, true);
        assert!(hit.identity && hit.contact);
    }

    #[test]
    fn employers_search_people_only_once_approved() {
        let pending = principal(Role::Employer, Membership::None);
        assert!(!may_search_people(&pending));
        let approved = principal(Role::Employer, Membership::Employer(EmployerId::generate()));
        assert!(may_search_people(&approved));
        assert!(may_search_people(&principal(
            Role::Ministry,
            Membership::None
        )));
    }

    #[test]
    fn consent_is_ended_by_the_person_or_the_party_itself() {
        let me = principal(Role::Migrant, Membership::None);
        assert!(may_revoke_consent(&me, Some(me.user), None));
        let agency = AgencyId::generate();
        let staff = principal(Role::Agency, Membership::Agency(agency));
        assert!(may_revoke_consent(
            &staff,
            None,
            Some(Representative::Agency(agency))
        ));
        assert!(!may_revoke_consent(
            &staff,
            None,
            Some(Representative::Agency(AgencyId::generate()))
        ));
        let ministry = principal(Role::Ministry, Membership::None);
        assert!(!may_revoke_consent(
            &ministry,
            None,
            Some(Representative::Agency(agency))
        ));
    }

    #[test]
    fn age_counts_full_years() {
        let dob = NaiveDate::from_ymd_opt(2000, 6, 15).unwrap();
        assert_eq!(
            age_on(dob, NaiveDate::from_ymd_opt(2018, 6, 14).unwrap()),
            17
        );
        assert_eq!(
            age_on(dob, NaiveDate::from_ymd_opt(2018, 6, 15).unwrap()),
            18
        );
        let leap = NaiveDate::from_ymd_opt(2004, 2, 29).unwrap();
        assert_eq!(
            age_on(leap, NaiveDate::from_ymd_opt(2022, 2, 28).unwrap()),
            17
        );
        assert_eq!(
            age_on(leap, NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()),
            18
        );
        assert!(is_working_age(
            dob,
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
        ));
        assert!(!is_working_age(
            dob,
            NaiveDate::from_ymd_opt(2071, 6, 15).unwrap()
        ));
    }
}
