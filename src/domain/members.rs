//! Who staffs an organisation. Each employer, agency and centre has one *owner* account; the owner
//! (or a platform admin) invites staff, approves pending memberships and removes members. The
//! ministry reviews agencies but never staffs them, and no one adds members to an organisation
//! they do not own.
//!
//! How an organisation gets its owner:
//! - agency or centre: an admin creates it, then adds its owner (`owner: true` on the members
//!   endpoint) — the owner is invited by email and sets a password through the single-use link;
//! - employer: the first self-registered account whose membership is approved (by an admin,
//!   since an INN is public) becomes the owner; later applicants are approved by that owner.

use uuid::Uuid;

use crate::domain::access::{Membership, Principal};
use crate::domain::ids::{AgencyId, CentreId, EmployerId};
use crate::domain::role::Role;
use crate::error::FieldError;

/// The organisation a platform admin creates a staff account in: agency staff name their
/// agency, centre staff their centre, and no other role names either.
pub fn staff_organisation(
    role: Option<Role>,
    agency: Option<AgencyId>,
    centre: Option<CentreId>,
) -> Result<Option<Organisation>, Vec<FieldError>> {
    let mut errors = Vec::new();
    match (role, agency, centre) {
        (Some(Role::Agency), None, _) => errors.push(FieldError::new("agency_id", "required")),
        (Some(Role::Centre), _, None) => errors.push(FieldError::new("centre_id", "required")),
        _ => {}
    }
    if role != Some(Role::Agency) && agency.is_some() {
        errors.push(FieldError::new("agency_id", "unknown_value").with("allowed", "null"));
    }
    if role != Some(Role::Centre) && centre.is_some() {
        errors.push(FieldError::new("centre_id", "unknown_value").with("allowed", "null"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(match (role, agency, centre) {
        (Some(Role::Agency), Some(id), None) => Some(Organisation::Agency(id)),
        (Some(Role::Centre), None, Some(id)) => Some(Organisation::Centre(id)),
        _ => None,
    })
}

/// One organisation, of any kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Organisation {
    Employer(EmployerId),
    Agency(AgencyId),
    Centre(CentreId),
}

impl Organisation {
    /// The role of the accounts that work for it.
    pub fn staff_role(self) -> Role {
        match self {
            Organisation::Employer(_) => Role::Employer,
            Organisation::Agency(_) => Role::Agency,
            Organisation::Centre(_) => Role::Centre,
        }
    }

    pub fn membership(self) -> Membership {
        match self {
            Organisation::Employer(id) => Membership::Employer(id),
            Organisation::Agency(id) => Membership::Agency(id),
            Organisation::Centre(id) => Membership::Centre(id),
        }
    }

    /// As the three organisation columns of a membership (employer, agency, centre): one set.
    pub fn columns(org: Option<Self>) -> (Option<Uuid>, Option<Uuid>, Option<Uuid>) {
        match org {
            Some(Organisation::Employer(id)) => (Some(id.uuid()), None, None),
            Some(Organisation::Agency(id)) => (None, Some(id.uuid()), None),
            Some(Organisation::Centre(id)) => (None, None, Some(id.uuid())),
            None => (None, None, None),
        }
    }

    /// From the three columns; `None` unless exactly one is set.
    pub fn from_columns(
        employer: Option<Uuid>,
        agency: Option<Uuid>,
        centre: Option<Uuid>,
    ) -> Option<Self> {
        match (employer, agency, centre) {
            (Some(e), None, None) => Some(Organisation::Employer(e.into())),
            (None, Some(a), None) => Some(Organisation::Agency(a.into())),
            (None, None, Some(c)) => Some(Organisation::Centre(c.into())),
            _ => None,
        }
    }

    /// The organisation of an approved membership, if it has one.
    pub fn of(membership: Membership) -> Option<Self> {
        match membership {
            Membership::Employer(id) => Some(Organisation::Employer(id)),
            Membership::Agency(id) => Some(Organisation::Agency(id)),
            Membership::Centre(id) => Some(Organisation::Centre(id)),
            Membership::None => None,
        }
    }
}

/// What a caller may do with the member list of one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberAccess {
    /// Invite, approve, remove, list.
    Manage,
    /// Staff of this organisation who are not its owner (403).
    Staff,
    /// Not this caller's organisation at all: answered as 404, like any object they cannot see.
    Hidden,
}

/// `is_owner`: the caller's own membership is the owning one.
pub fn member_access(who: &Principal, is_owner: bool, org: Organisation) -> MemberAccess {
    if who.role == Role::Admin {
        return MemberAccess::Manage;
    }
    if who.role != org.staff_role() || who.membership != org.membership() {
        return MemberAccess::Hidden;
    }
    if is_owner {
        MemberAccess::Manage
    } else {
        MemberAccess::Staff
    }
}

/// Only an admin names an owner directly (an owner cannot hand out a second ownership).
pub fn may_name_owner(who: &Principal) -> bool {
    who.role == Role::Admin
}

/// Why a member cannot be removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoveRefusal {
    /// The owner stays; an admin hands ownership over first.
    IsOwner,
}

pub fn may_remove(target_is_owner: bool) -> Result<(), RemoveRefusal> {
    if target_is_owner {
        Err(RemoveRefusal::IsOwner)
    } else {
        Ok(())
    }
}

/// Approving an employer membership makes the account the owner when the employer has none yet.
pub fn becomes_owner_on_approval(org: Organisation, has_owner: bool) -> bool {
    matches!(org, Organisation::Employer(_)) && !has_owner
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::UserId;

    fn who(role: Role, membership: Membership) -> Principal {
        Principal {
            user: UserId::generate(),
            role,
            membership,
        }
    }

    #[test]
    fn only_the_owner_or_an_admin_manages_members() {
        let a = AgencyId::generate();
        let org = Organisation::Agency(a);
        let staff = who(Role::Agency, Membership::Agency(a));
        assert_eq!(member_access(&staff, true, org), MemberAccess::Manage);
        assert_eq!(member_access(&staff, false, org), MemberAccess::Staff);
        let other = who(Role::Agency, Membership::Agency(AgencyId::generate()));
        assert_eq!(member_access(&other, true, org), MemberAccess::Hidden);
        let admin = who(Role::Admin, Membership::None);
        assert_eq!(member_access(&admin, false, org), MemberAccess::Manage);
    }

    #[test]
    fn the_ministry_never_staffs_an_agency() {
        let org = Organisation::Agency(AgencyId::generate());
        let ministry = who(Role::Ministry, Membership::None);
        assert_eq!(member_access(&ministry, true, org), MemberAccess::Hidden);
        assert!(!may_name_owner(&ministry));
    }

    #[test]
    fn kinds_never_mix_and_pending_staff_are_nobody() {
        let e = EmployerId::generate();
        let pending = who(Role::Employer, Membership::None);
        assert_eq!(
            member_access(&pending, true, Organisation::Employer(e)),
            MemberAccess::Hidden
        );
        let centre = who(Role::Centre, Membership::Centre(CentreId::generate()));
        assert_eq!(
            member_access(&centre, true, Organisation::Employer(e)),
            MemberAccess::Hidden
        );
    }

    #[test]
    fn ownership_on_approval_and_removal() {
        let e = Organisation::Employer(EmployerId::generate());
        assert!(becomes_owner_on_approval(e, false));
        assert!(!becomes_owner_on_approval(e, true));
        assert!(!becomes_owner_on_approval(
            Organisation::Agency(AgencyId::generate()),
            false
        ));
        assert_eq!(may_remove(true), Err(RemoveRefusal::IsOwner));
        assert_eq!(may_remove(false), Ok(()));
        assert_eq!(Organisation::of(Membership::None), None);
        let a = Organisation::Agency(AgencyId::generate());
        let (x, y, z) = Organisation::columns(Some(a));
        assert_eq!(Organisation::from_columns(x, y, z), Some(a));
        assert_eq!(
            Organisation::from_columns(x, y, y),
            None,
            "two at once is no organisation"
        );
    }

    #[test]
    fn staff_accounts_name_only_their_own_kind_of_organisation() {
        let agency = AgencyId::generate();
        let centre = CentreId::generate();
        assert_eq!(
            staff_organisation(Some(Role::Agency), Some(agency), None).ok(),
            Some(Some(Organisation::Agency(agency)))
        );
        assert_eq!(
            staff_organisation(Some(Role::Ministry), None, None).ok(),
            Some(None)
        );
        let codes = |r: Result<Option<Organisation>, Vec<FieldError>>| -> Vec<(String, &str)> {
            r.unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect()
        };
        assert_eq!(
            codes(staff_organisation(Some(Role::Agency), None, Some(centre))),
            vec![
                ("agency_id".to_string(), "required"),
                ("centre_id".to_string(), "unknown_value")
            ]
        );
        assert_eq!(
            codes(staff_organisation(Some(Role::Ministry), Some(agency), None)),
            vec![("agency_id".to_string(), "unknown_value")]
        );
    }
}
