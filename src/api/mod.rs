//! Every route, with who may call it, is declared here.

pub mod audit;
pub mod auth;
pub mod candidates;
pub mod centres;
pub mod complaints;
pub mod contracts;
pub mod employers;
pub mod followups;
pub mod health;
pub mod me;
pub mod openapi;
pub mod organisations;
pub mod pagination;
pub mod placements;
pub mod quota;
pub mod quota_policy;
pub mod readiness;
pub mod reference;
pub mod reject_nul;
pub mod restrictions;
pub mod reviews;
pub mod search;
pub mod statistics;
pub mod users;
pub mod vacancies;
pub mod verify;

use actix_web::http::Method;
use actix_web::web;

use crate::auth::extractor::ANY_ROLE;
use crate::auth::{Access, RequireAccess, Role};

use Role::*;

const STAFF_READERS: &[Role] = &[Ministry, Admin];
const CANDIDATE_KEEPERS: &[Role] = &[Migrant, Agency, Centre, Ministry, Admin];
const CANDIDATE_EDITORS: &[Role] = &[Migrant, Agency, Centre];
const PLACEMENT_READERS: &[Role] = &[Migrant, Employer, Agency, Ministry, Admin];
/// Admins are not among them: a complaint is for the people in it and the ministry only.
const COMPLAINT_READERS: &[Role] = &[Migrant, Employer, Agency, Centre, Ministry];

/// Anyone may call `method` on the resource, without a token. Every resource says who may call
/// each of its methods; a method it does not list is refused (see `auth::extractor`).
fn public(method: Method) -> RequireAccess {
    RequireAccess::new().on(method, Access::Public)
}

fn roles(method: Method, roles: &'static [Role]) -> RequireAccess {
    RequireAccess::new().on(method, Access::Roles(roles))
}

/// The member routes of one kind of organisation: its staff role (the service admits only the
/// owner) and admins.
macro_rules! member_resources {
    ($cfg:expr, $collection:literal, $staff:expr, $handlers:path) => {{
        use $handlers as h;
        $cfg.service(
            web::resource(concat!("/", $collection, "/{id}/members"))
                .route(web::get().to(h::list))
                .route(web::post().to(h::add))
                .wrap(
                    RequireAccess::new()
                        .on(Method::GET, Access::Roles($staff))
                        .on(Method::POST, Access::Roles($staff)),
                ),
        )
        .service(
            web::resource(concat!("/", $collection, "/{id}/members/{user_id}/approve"))
                .route(web::post().to(h::approve))
                .wrap(roles(Method::POST, $staff)),
        )
        .service(
            web::resource(concat!("/", $collection, "/{id}/members/{user_id}"))
                .route(web::delete().to(h::remove))
                .wrap(roles(Method::DELETE, $staff)),
        );
    }};
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/health")
            .route(web::get().to(health::health))
            .wrap(public(Method::GET)),
    )
    .service(
        web::resource("/ready")
            .route(web::get().to(health::ready))
            .wrap(public(Method::GET)),
    )
    .service(
        web::resource("/metrics")
            .route(web::get().to(health::metrics))
            .wrap(public(Method::GET)),
    )
    .service(
        web::scope("/api/v1")
            .service(
                web::resource("/auth/register")
                    .route(web::post().to(auth::register))
                    .wrap(public(Method::POST)),
            )
            .service(
                web::resource("/auth/login")
                    .route(web::post().to(auth::login))
                    .wrap(public(Method::POST)),
            )
            .service(
                web::resource("/auth/refresh")
                    .route(web::post().to(auth::refresh))
                    .wrap(public(Method::POST)),
            )
            .service(
                web::resource("/auth/logout")
                    .route(web::post().to(auth::logout))
                    .wrap(public(Method::POST)),
            )
            .service(
                web::resource("/auth/verify-email")
                    .route(web::post().to(auth::verify_email))
                    .wrap(public(Method::POST)),
            )
            .service(
                web::resource("/auth/verify-email/resend")
                    .route(web::post().to(auth::resend_verification))
                    .wrap(RequireAccess::new().on(Method::POST, Access::Roles(ANY_ROLE))),
            )
            .service(
                web::resource("/auth/password-reset")
                    .route(web::post().to(auth::request_password_reset))
                    .wrap(public(Method::POST)),
            )
            .service(
                web::resource("/auth/password-reset/confirm")
                    .route(web::post().to(auth::confirm_password_reset))
                    .wrap(public(Method::POST)),
            )
            .service(
                web::resource("/me")
                    .route(web::get().to(me::get_me))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Roles(ANY_ROLE))),
            )
            .service(
                web::resource("/users")
                    .route(web::post().to(users::create_user))
                    .wrap(roles(Method::POST, &[Admin])),
            )
            .service(
                web::resource("/users/{id}")
                    .route(web::patch().to(users::update_user))
                    .wrap(RequireAccess::new().on(Method::PATCH, Access::Roles(&[Admin]))),
            )
            .service(
                web::resource("/agencies")
                    .route(web::get().to(organisations::licence::list_agencies))
                    .route(web::post().to(organisations::create_agency))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Optional)
                            .on(Method::POST, Access::Roles(&[Admin, Ministry])),
                    ),
            )
            // Before `/agencies/{id}`, which would otherwise take `check` for an id.
            .service(
                web::resource("/agencies/check")
                    .route(web::get().to(organisations::licence::check))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/agencies/{id}/licence")
                    .route(web::get().to(organisations::licence::licence_view))
                    .wrap(roles(Method::GET, &[Agency, Ministry, Admin])),
            )
            .service(
                web::resource("/agencies/{id}/record")
                    .route(web::get().to(organisations::licence::agency_record))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/agencies/{id}/licence/history")
                    .route(web::get().to(organisations::licence::history))
                    .wrap(roles(Method::GET, &[Agency, Ministry, Admin])),
            )
            .configure(|cfg| {
                use organisations::licence as l;
                for (action, handler) in [
                    ("issue", web::post().to(l::issue)),
                    ("renew", web::post().to(l::renew)),
                    ("suspend", web::post().to(l::suspend)),
                    ("reinstate", web::post().to(l::reinstate)),
                    ("revoke", web::post().to(l::revoke)),
                ] {
                    cfg.service(
                        web::resource(format!("/agencies/{{id}}/licence/{action}"))
                            .route(handler)
                            .wrap(roles(Method::POST, &[Ministry])),
                    );
                }
            })
            .service(
                web::resource("/agencies/{id}")
                    .route(web::get().to(organisations::get_agency))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(&[Agency, Ministry, Admin])),
                    ),
            )
            .service(
                web::resource("/centres")
                    .route(web::get().to(organisations::list_centres))
                    .route(web::post().to(organisations::create_centre))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(ANY_ROLE))
                            .on(Method::POST, Access::Roles(&[Admin])),
                    ),
            )
            .service(
                web::resource("/employers")
                    .route(web::get().to(employers::list_employers))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Roles(STAFF_READERS))),
            )
            .service(
                web::resource("/employers/{id}")
                    .route(web::get().to(employers::get_employer))
                    .route(web::patch().to(employers::update_employer))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(&[Employer, Ministry, Admin]))
                            .on(Method::PATCH, Access::Roles(&[Employer])),
                    ),
            )
            .service(
                web::resource("/candidates")
                    .route(web::get().to(candidates::list_candidates))
                    .route(web::post().to(candidates::create_candidate))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(CANDIDATE_KEEPERS))
                            .on(Method::POST, Access::Roles(CANDIDATE_EDITORS)),
                    ),
            )
            .service(
                web::resource("/candidates/search")
                    .route(web::get().to(search::search_candidates))
                    .wrap(RequireAccess::new().on(
                        Method::GET,
                        Access::Roles(&[Employer, Agency, Centre, Ministry, Admin]),
                    )),
            )
            .service(
                web::resource("/candidates/{id}/matches")
                    .route(web::get().to(search::candidate_matches))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(&[Migrant, Agency, Centre])),
                    ),
            )
            .service(
                web::resource("/candidates/{id}")
                    .route(web::get().to(candidates::get_candidate))
                    .route(web::patch().to(candidates::update_candidate))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(CANDIDATE_KEEPERS))
                            .on(Method::PATCH, Access::Roles(CANDIDATE_EDITORS)),
                    ),
            )
            .service(
                web::resource("/candidates/{id}/consents")
                    .route(web::post().to(candidates::grant_consent))
                    .wrap(RequireAccess::new().on(Method::POST, Access::Roles(&[Migrant]))),
            )
            .service(
                web::resource("/candidates/{id}/consents/{consent_id}")
                    .route(web::delete().to(candidates::revoke_consent))
                    .wrap(
                        RequireAccess::new().on(Method::DELETE, Access::Roles(CANDIDATE_EDITORS)),
                    ),
            )
            .service(
                web::resource("/vacancies")
                    .route(web::get().to(vacancies::list_vacancies))
                    .route(web::post().to(vacancies::create_vacancy))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Optional)
                            .on(Method::POST, Access::Roles(&[Employer])),
                    ),
            )
            .service(
                web::resource("/vacancies/search")
                    .route(web::get().to(search::search_vacancies))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/vacancies/{id}/matches")
                    .route(web::get().to(search::vacancy_matches))
                    .wrap(
                        RequireAccess::new().on(Method::GET, Access::Roles(&[Employer, Ministry])),
                    ),
            )
            .service(
                web::resource("/vacancies/{id}")
                    .route(web::get().to(vacancies::get_vacancy))
                    .route(web::patch().to(vacancies::update_vacancy))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Optional)
                            .on(Method::PATCH, Access::Roles(&[Employer])),
                    ),
            )
            .service(
                web::resource("/vacancies/{id}/status")
                    .route(web::post().to(vacancies::change_vacancy_status))
                    .wrap(RequireAccess::new().on(Method::POST, Access::Roles(&[Employer]))),
            )
            .service(
                web::resource("/placements")
                    .route(web::get().to(placements::list_placements))
                    .route(web::post().to(placements::create_placement))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(PLACEMENT_READERS))
                            .on(Method::POST, Access::Roles(&[Migrant, Employer, Agency])),
                    ),
            )
            .service(
                web::resource("/placements/{id}")
                    .route(web::get().to(placements::get_placement))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Roles(PLACEMENT_READERS))),
            )
            .service(
                web::resource("/candidates/{id}/readiness")
                    .route(web::get().to(readiness::get_readiness))
                    .wrap(roles(Method::GET, CANDIDATE_KEEPERS)),
            )
            .service(
                web::resource("/candidates/{id}/readiness/{item}")
                    .route(web::put().to(readiness::record_item))
                    .wrap(roles(Method::PUT, &[Centre])),
            )
            .service(
                web::resource("/placements/{id}/departure")
                    .route(web::post().to(readiness::record_departure))
                    .wrap(roles(Method::POST, &[Agency, Centre])),
            )
            .service(
                web::resource("/cohorts")
                    .route(web::post().to(readiness::create_cohort))
                    .wrap(roles(Method::POST, &[Centre])),
            )
            .service(
                web::resource("/cohorts/{id}")
                    .route(web::get().to(readiness::get_cohort))
                    .wrap(roles(Method::GET, &[Centre, Ministry, Admin])),
            )
            .service(
                web::resource("/cohorts/{id}/confirmation")
                    .route(web::post().to(readiness::confirm_cohort))
                    .wrap(roles(Method::POST, &[Centre])),
            )
            .service(
                web::resource("/placements/{id}/transitions")
                    .route(web::post().to(placements::transition_placement))
                    .wrap(RequireAccess::new().on(
                        Method::POST,
                        Access::Roles(&[Migrant, Employer, Agency, Ministry]),
                    )),
            )
            .service(
                web::resource("/placements/{id}/contract")
                    .route(web::get().to(contracts::get_contract))
                    .route(web::post().to(contracts::draft_contract))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(PLACEMENT_READERS))
                            .on(Method::POST, Access::Roles(&[Employer])),
                    ),
            )
            .service(
                web::resource("/placements/{id}/contract/versions/{version}/document")
                    .route(web::get().to(contracts::contract_document))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Roles(PLACEMENT_READERS))),
            )
            .service(
                web::resource("/placements/{id}/contract/signatures")
                    .route(web::post().to(contracts::sign_contract))
                    .wrap(
                        RequireAccess::new().on(Method::POST, Access::Roles(&[Migrant, Employer])),
                    ),
            )
            .service(
                web::resource("/complaints")
                    .route(web::get().to(complaints::list_complaints))
                    .route(web::post().to(complaints::file_complaint))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(COMPLAINT_READERS))
                            .on(Method::POST, Access::Roles(&[Migrant, Agency, Centre])),
                    ),
            )
            .service(
                web::resource("/complaints/{id}")
                    .route(web::get().to(complaints::get_complaint))
                    .wrap(roles(Method::GET, COMPLAINT_READERS)),
            )
            .service(
                web::resource("/complaints/{id}/transitions")
                    .route(web::post().to(complaints::transition_complaint))
                    .wrap(roles(Method::POST, &[Ministry])),
            )
            .service(
                web::resource("/complaints/{id}/forward")
                    .route(web::post().to(complaints::forward_complaint))
                    .wrap(roles(Method::POST, &[Ministry])),
            )
            .service(
                web::resource("/verify/{code}")
                    .route(web::get().to(verify::verify_code))
                    .wrap(public(Method::GET)),
            )
            // Pre-departure centres: orientation sessions, bookings, claim codes.
            .service(
                web::resource("/centres/{id}/sessions")
                    .route(web::get().to(centres::list_sessions))
                    .route(web::post().to(centres::create_session))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Public)
                            .on(Method::POST, Access::Roles(&[Centre])),
                    ),
            )
            .service(
                web::resource("/sessions/{id}/bookings")
                    .route(web::get().to(centres::list_bookings))
                    .route(web::post().to(centres::create_booking))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(&[Centre]))
                            .on(Method::POST, Access::Roles(&[Migrant, Centre])),
                    ),
            )
            .service(
                web::resource("/sessions/{id}/bookings/{booking_id}")
                    .route(web::delete().to(centres::cancel_booking))
                    .wrap(roles(Method::DELETE, &[Migrant, Centre])),
            )
            .service(
                web::resource("/sessions/{id}/attendance")
                    .route(web::post().to(centres::record_attendance))
                    .wrap(roles(Method::POST, &[Centre])),
            )
            .service(
                web::resource("/candidates/{id}/claim-code")
                    .route(web::post().to(centres::issue_claim_code))
                    .wrap(roles(Method::POST, &[Centre])),
            )
            .service(
                web::resource("/me/claim")
                    .route(web::post().to(centres::claim_profile))
                    .wrap(roles(Method::POST, &[Migrant])),
            )
            .service(
                web::resource("/placements/{id}/hire-notice")
                    .route(web::post().to(followups::file_hire_notice))
                    .wrap(RequireAccess::new().on(Method::POST, Access::Roles(&[Employer]))),
            )
            .service(
                web::resource("/employers/{id}/record")
                    .route(web::get().to(employers::employer_record))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/employers/{id}/record/full")
                    .route(web::get().to(employers::employer_full_record))
                    .wrap(roles(Method::GET, &[Employer, Ministry, Admin])),
            )
            .service(
                web::resource("/employers/{id}/restrictions")
                    .route(web::get().to(restrictions::list))
                    .route(web::post().to(restrictions::restrict))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(&[Employer, Ministry, Admin]))
                            .on(Method::POST, Access::Roles(&[Ministry])),
                    ),
            )
            .service(
                web::resource("/employers/{id}/restrictions/{restriction_id}/lift")
                    .route(web::post().to(restrictions::lift))
                    .wrap(RequireAccess::new().on(Method::POST, Access::Roles(&[Ministry]))),
            )
            .service(
                web::resource("/policies")
                    .route(web::get().to(restrictions::policies))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Roles(&[Ministry, Admin]))),
            )
            .service(
                web::resource("/policies/{key}")
                    .route(web::put().to(restrictions::set_policy))
                    .wrap(RequireAccess::new().on(Method::PUT, Access::Roles(&[Ministry]))),
            )
            .service(
                web::resource("/quota/exemptions")
                    .route(web::get().to(quota_policy::list_exemptions))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/quota/exemptions/{country}")
                    .route(web::put().to(quota_policy::set_exemption))
                    .route(web::delete().to(quota_policy::remove_exemption))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::PUT, Access::Roles(&[Ministry]))
                            .on(Method::DELETE, Access::Roles(&[Ministry])),
                    ),
            )
            .service(
                web::resource("/quota/closed-occupations")
                    .route(web::get().to(quota_policy::list_closures))
                    .route(web::post().to(quota_policy::close_occupation))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Public)
                            .on(Method::POST, Access::Roles(&[Ministry])),
                    ),
            )
            .service(
                web::resource("/quota/closed-occupations/{id}/lift")
                    .route(web::post().to(quota_policy::lift_closure))
                    .wrap(roles(Method::POST, &[Ministry])),
            )
            .service(
                web::resource("/hire-notices")
                    .route(web::get().to(followups::list_hire_notices))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(&[Employer, Ministry, Admin])),
                    ),
            )
            .service(
                web::resource("/followups")
                    .route(web::get().to(followups::list_followups))
                    .wrap(RequireAccess::new().on(
                        Method::GET,
                        Access::Roles(&[Migrant, Agency, Centre, Ministry, Admin]),
                    )),
            )
            .service(
                web::resource("/followups/{id}/answers")
                    .route(web::post().to(followups::answer_followup))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::POST, Access::Roles(&[Migrant, Agency, Centre])),
                    ),
            )
            .service(
                web::resource("/followups/{id}/case")
                    .route(web::post().to(followups::close_case))
                    .wrap(RequireAccess::new().on(Method::POST, Access::Roles(&[Ministry]))),
            )
            .service(
                web::resource("/quota/caps")
                    .route(web::get().to(quota::list_caps))
                    .route(web::put().to(quota::set_cap))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Public)
                            .on(Method::PUT, Access::Roles(&[Ministry])),
                    ),
            )
            .service(
                web::resource("/quota/applications")
                    .route(web::get().to(quota::list_applications))
                    .route(web::post().to(quota::create_application))
                    .wrap(
                        RequireAccess::new()
                            .on(Method::GET, Access::Roles(&[Employer, Ministry, Admin]))
                            .on(Method::POST, Access::Roles(&[Employer])),
                    ),
            )
            .service(
                web::resource("/quota/applications/{id}")
                    .route(web::get().to(quota::get_application))
                    .wrap(roles(Method::GET, &[Employer, Ministry, Admin])),
            )
            .service(
                web::resource("/quota/applications/{id}/transitions")
                    .route(web::post().to(quota::step_application))
                    .wrap(roles(Method::POST, &[Employer, Ministry])),
            )
            .service(
                web::resource("/statistics/quota")
                    .route(web::get().to(statistics::quota))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/statistics/placements")
                    .route(web::get().to(statistics::placements))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/passport-reviews")
                    .route(web::get().to(centres::list_passport_reviews))
                    .wrap(roles(Method::GET, &[Ministry])),
            )
            // Reviews by placed workers: written by the worker only (not a representative).
            .service(
                web::resource("/placements/{id}/reviews")
                    .route(web::post().to(reviews::write_review))
                    .wrap(roles(Method::POST, &[Migrant])),
            )
            .service(
                web::resource("/me/reviews")
                    .route(web::get().to(reviews::my_reviews))
                    .wrap(roles(Method::GET, &[Migrant])),
            )
            .service(
                web::resource("/employers/{id}/reviews")
                    .route(web::get().to(reviews::employer_reviews))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Optional)),
            )
            .service(
                web::resource("/agencies/{id}/reviews")
                    .route(web::get().to(reviews::agency_reviews))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Optional)),
            )
            .service(
                web::resource("/passport-reviews/{id}/resolution")
                    .route(web::post().to(centres::resolve_passport_review))
                    .wrap(roles(Method::POST, &[Ministry])),
            )
            .service(
                web::resource("/audit")
                    .route(web::get().to(audit::list_audit))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Roles(STAFF_READERS))),
            )
            .service(
                web::resource("/occupations/normalize")
                    .route(web::get().to(search::normalize_occupation))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/reference/countries")
                    .route(web::get().to(reference::countries))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/reference/regions")
                    .route(web::get().to(reference::regions))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/reference/minimum-wages")
                    .route(web::get().to(reference::minimum_wages))
                    .wrap(public(Method::GET)),
            )
            .service(
                web::resource("/reference/occupations")
                    .route(web::get().to(reference::occupations))
                    .wrap(public(Method::GET)),
            )
            .configure(|cfg| {
                member_resources!(
                    cfg,
                    "employers",
                    &[Employer, Admin],
                    organisations::members::employers
                );
                member_resources!(
                    cfg,
                    "agencies",
                    &[Agency, Admin],
                    organisations::members::agencies
                );
                member_resources!(
                    cfg,
                    "centres",
                    &[Centre, Admin],
                    organisations::members::centres
                );
            }),
    );
}

/// For PATCH bodies: a missing key is `None`, an explicit `null` is `Some(None)`.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    Option::<T>::deserialize(deserializer).map(Some)
}
