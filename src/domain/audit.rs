//! What the append-only audit trail records. Each entry is one typed action on one object, with
//! before/after *snapshots* that services build from domain types — never API response bodies, so
//! the API can change without changing the audit format — and never personal values: a person's
//! names, contacts and documents appear only as keyed fingerprints (see `services::audit`).

/// Every kind of decision or change the trail records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    UserRegistered,
    UserCreated,
    UserUpdated,
    UserRoleChanged,
    UserEmailVerified,
    UserPasswordReset,
    UserPasswordChanged,
    MembershipApproved,
    EmployerCreated,
    EmployerUpdated,
    AgencyCreated,
    CentreCreated,
    CandidateCreated,
    CandidateUpdated,
    ConsentRecorded,
    ConsentGranted,
    ConsentRevoked,
    VacancyCreated,
    VacancyUpdated,
    VacancyStatusChanged,
    VacancyExpired,
    LicenceIssued,
    LicenceRenewed,
    LicenceSuspended,
    LicenceReinstated,
    LicenceRevoked,
    LicenceExpired,
    PlacementCreated,
    PlacementTransitioned,
    ContractDrafted,
    ContractSigned,
    VacancyPositionTaken,
    VacancyPositionReturned,
    FollowupAnswered,
    FollowupFlagged,
    FollowupCaseClosed,
    HireNoticeFiled,
    EmployerRestricted,
    EmployerRestrictionLifted,
    PolicyChanged,
    SessionCreated,
    SessionBooked,
    SessionBookingCancelled,
    SessionAttended,
    ClaimCodeIssued,
    CandidateClaimed,
    PassportReviewQueued,
    PassportReviewResolved,
    ComplaintFiled,
    ComplaintTransitioned,
    ComplaintForwarded,
    ReadinessRecorded,
    CohortCreated,
    CohortConfirmed,
    ReviewWritten,
    QuotaCapSet,
    QuotaApplicationCreated,
    QuotaApplicationTransitioned,
    QuotaExemptionSet,
    QuotaExemptionRemoved,
    ClosedOccupationAdded,
    ClosedOccupationLifted,
}

impl AuditAction {
    /// The stable name stored in `audit_log.action`.
    pub fn as_str(self) -> &'static str {
        use AuditAction::*;
        match self {
            UserRegistered => "user.registered",
            UserCreated => "user.created",
            UserUpdated => "user.updated",
            UserRoleChanged => "user.role_changed",
            UserEmailVerified => "user.email_verified",
            UserPasswordReset => "user.password_reset",
            UserPasswordChanged => "user.password_changed",
            MembershipApproved => "user.membership_approved",
            EmployerCreated => "employer.created",
            EmployerUpdated => "employer.updated",
            AgencyCreated => "agency.created",
            CentreCreated => "centre.created",
            CandidateCreated => "candidate.created",
            CandidateUpdated => "candidate.updated",
            ConsentRecorded => "consent.recorded",
            ConsentGranted => "consent.granted",
            ConsentRevoked => "consent.revoked",
            VacancyCreated => "vacancy.created",
            VacancyUpdated => "vacancy.updated",
            VacancyStatusChanged => "vacancy.status_changed",
            VacancyExpired => "vacancy.expired",
            LicenceIssued => "agency.licence_issued",
            LicenceRenewed => "agency.licence_renewed",
            LicenceSuspended => "agency.licence_suspended",
            LicenceReinstated => "agency.licence_reinstated",
            LicenceRevoked => "agency.licence_revoked",
            LicenceExpired => "agency.licence_expired",
            PlacementCreated => "placement.created",
            PlacementTransitioned => "placement.transitioned",
            ContractDrafted => "contract.drafted",
            ContractSigned => "contract.signed",
            VacancyPositionTaken => "vacancy.position_taken",
            VacancyPositionReturned => "vacancy.position_returned",
            FollowupAnswered => "followup.answered",
            FollowupFlagged => "followup.flagged",
            FollowupCaseClosed => "followup.case_closed",
            HireNoticeFiled => "hire_notice.filed",
            EmployerRestricted => "employer.restricted",
            EmployerRestrictionLifted => "employer.restriction_lifted",
            PolicyChanged => "policy.changed",
            SessionCreated => "session.created",
            SessionBooked => "session_booking.created",
            SessionBookingCancelled => "session_booking.cancelled",
            SessionAttended => "session_booking.attended",
            ClaimCodeIssued => "claim_code.issued",
            CandidateClaimed => "candidate.claimed",
            PassportReviewQueued => "passport_review.queued",
            PassportReviewResolved => "passport_review.resolved",
            ComplaintFiled => "complaint.filed",
            ComplaintTransitioned => "complaint.transitioned",
            ComplaintForwarded => "complaint.forwarded",
            ReadinessRecorded => "readiness.recorded",
            CohortCreated => "cohort.created",
            CohortConfirmed => "cohort.confirmed",
            ReviewWritten => "review.written",
            QuotaCapSet => "quota_cap.set",
            QuotaApplicationCreated => "quota_application.created",
            QuotaApplicationTransitioned => "quota_application.transitioned",
            QuotaExemptionSet => "quota_exemption.set",
            QuotaExemptionRemoved => "quota_exemption.removed",
            ClosedOccupationAdded => "closed_occupation.added",
            ClosedOccupationLifted => "closed_occupation.lifted",
        }
    }

    /// The kind of object the action is about (`audit_log.object_type`).
    pub fn object_type(self) -> &'static str {
        self.as_str().split('.').next().unwrap_or("unknown")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_name_their_object() {
        assert_eq!(
            AuditAction::VacancyStatusChanged.as_str(),
            "vacancy.status_changed"
        );
        assert_eq!(AuditAction::VacancyStatusChanged.object_type(), "vacancy");
        assert_eq!(AuditAction::MembershipApproved.object_type(), "user");
        assert_eq!(AuditAction::ConsentRevoked.object_type(), "consent");
    }
}
