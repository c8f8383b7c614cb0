use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api::{
    audit, auth, candidates, centres, complaints, contracts, employers, followups, health, me,
    organisations, placements, quota, quota_policy, readiness, reference, restrictions, reviews,
    search, statistics, users, vacancies, verify,
};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.bearer_format = Some("JWT".into());
        scheme.description = Some(
            "Access token from /api/v1/auth/login. The scopes listed on an operation are the roles \
             allowed to call it; an empty list means a token is optional."
                .into(),
        );
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Orgnabor API",
        description = "Labour exchange for the organized recruitment of labour migrants. Errors are \
            RFC 9457 problem documents with a stable `code`; messages follow `Accept-Language` \
            (ru, ky, uz, tg, en).",
        version = "1.0.0"
    ),
    paths(
        health::health, health::ready, health::metrics,
        auth::register, auth::login, auth::refresh, auth::logout, auth::verify_email,
        auth::resend_verification, auth::request_password_reset, auth::confirm_password_reset,
        me::get_me,
        users::create_user, users::update_user,
        organisations::create_agency, organisations::licence::list_agencies, organisations::get_agency,
        organisations::licence::check, organisations::licence::history,
        organisations::licence::issue, organisations::licence::renew,
        organisations::licence::suspend, organisations::licence::reinstate,
        organisations::licence::revoke,
        organisations::create_centre, organisations::list_centres,
        employers::list_employers, employers::get_employer, employers::update_employer,
        employers::employer_record, employers::employer_full_record,
        organisations::licence::licence_view, organisations::licence::agency_record,
        restrictions::list, restrictions::restrict, restrictions::lift, restrictions::policies,
        restrictions::set_policy,
        quota_policy::list_exemptions, quota_policy::set_exemption, quota_policy::remove_exemption,
        quota_policy::list_closures, quota_policy::close_occupation, quota_policy::lift_closure,
        organisations::members::employers::list, organisations::members::employers::add,
        organisations::members::employers::approve, organisations::members::employers::remove,
        organisations::members::agencies::list, organisations::members::agencies::add,
        organisations::members::agencies::approve, organisations::members::agencies::remove,
        organisations::members::centres::list, organisations::members::centres::add,
        organisations::members::centres::approve, organisations::members::centres::remove,
        candidates::create_candidate, candidates::list_candidates, candidates::get_candidate,
        candidates::update_candidate, candidates::grant_consent, candidates::revoke_consent,
        vacancies::create_vacancy, vacancies::list_vacancies, vacancies::get_vacancy,
        vacancies::update_vacancy, vacancies::change_vacancy_status,
        placements::create_placement, placements::list_placements, placements::get_placement,
        placements::transition_placement,
        contracts::draft_contract, contracts::get_contract, contracts::sign_contract,
        contracts::contract_document,
        followups::list_followups, followups::answer_followup, followups::close_case,
        followups::list_hire_notices, followups::file_hire_notice,
        complaints::file_complaint, complaints::list_complaints, complaints::get_complaint,
        complaints::transition_complaint, complaints::forward_complaint,
        audit::list_audit,
        reference::countries, reference::regions, reference::occupations,
        reference::minimum_wages,
        search::search_vacancies, search::search_candidates, search::vacancy_matches,
        search::candidate_matches, search::normalize_occupation,
        verify::verify_code,
        centres::create_session, centres::list_sessions, centres::create_booking,
        centres::list_bookings, centres::cancel_booking, centres::record_attendance,
        centres::issue_claim_code, centres::claim_profile, centres::list_passport_reviews,
        centres::resolve_passport_review,
        quota::list_caps, quota::set_cap, quota::create_application, quota::list_applications,
        quota::get_application, quota::step_application,
        statistics::quota, statistics::placements,
        readiness::get_readiness, readiness::record_item, readiness::record_departure,
        readiness::create_cohort, readiness::get_cohort, readiness::confirm_cohort,
        reviews::write_review, reviews::my_reviews, reviews::employer_reviews,
        reviews::agency_reviews,
    ),
    components(schemas(crate::error::Problem, crate::error::ErrorCode)),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;
