//! Authorization, checked two ways: every operation in the OpenAPI document against every role
//! (the document's bearer scopes are the roles it claims), and an object-level matrix of each
//! role against its own and someone else's objects.

use std::collections::HashMap;

use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

/// The only operations anyone may call without a token.
const PUBLIC: &[(&str, &str)] = &[
    ("get", "/health"),
    ("get", "/ready"),
    ("get", "/metrics"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/refresh"),
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/auth/verify-email"),
    ("post", "/api/v1/auth/password-reset"),
    ("post", "/api/v1/auth/password-reset/confirm"),
    ("get", "/api/v1/reference/countries"),
    ("get", "/api/v1/reference/regions"),
    ("get", "/api/v1/reference/occupations"),
    ("get", "/api/v1/reference/minimum-wages"),
    ("get", "/api/v1/employers/{id}/record"),
    ("get", "/api/v1/agencies/{id}/record"),
    ("get", "/api/v1/quota/caps"),
    ("get", "/api/v1/occupations/normalize"),
    ("get", "/api/v1/vacancies/search"),
    ("get", "/api/v1/agencies/check"),
    ("get", "/api/v1/verify/{code}"),
    ("get", "/api/v1/centres/{id}/sessions"),
    ("get", "/api/v1/quota/exemptions"),
    ("get", "/api/v1/quota/closed-occupations"),
    ("get", "/api/v1/statistics/quota"),
    ("get", "/api/v1/statistics/placements"),
    // Optional token: public data for everyone, more for the owner.
    ("get", "/api/v1/vacancies"),
    ("get", "/api/v1/vacancies/{id}"),
    ("get", "/api/v1/agencies"),
    ("get", "/api/v1/employers/{id}/reviews"),
    ("get", "/api/v1/agencies/{id}/reviews"),
];

const ROLES: [&str; 6] = [
    "migrant", "employer", "agency", "centre", "ministry", "admin",
];

#[tokio::test]
async fn every_documented_operation_enforces_the_roles_it_claims() {
    let app = spawn_app().await;
    let doc: Value = app
        .get("/api-docs/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    let mut accounts = HashMap::new();
    for role in ROLES {
        accounts.insert(role, app.account(role).await);
    }
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let security = op.get("security").and_then(Value::as_array);
            let roles: Option<Vec<String>> = security.and_then(|reqs| {
                reqs.iter().find_map(|r| r.get("bearer")).map(|scopes| {
                    scopes
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| s.as_str().unwrap().to_owned())
                        .collect()
                })
            });
            let optional = security.is_some_and(|reqs| {
                reqs.iter()
                    .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
            });
            let concrete = path
                .replace("{id}", &uuid::Uuid::now_v7().to_string())
                .replace("{user_id}", &uuid::Uuid::now_v7().to_string())
                .replace("{consent_id}", &uuid::Uuid::now_v7().to_string());
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let body = (m != Method::GET && m != Method::DELETE).then(|| json!({}));
            match roles {
                Some(roles) if !roles.is_empty() && !optional => {
                    assert!(
                        !PUBLIC.contains(&(method.as_str(), path.as_str())),
                        "{method} {path} is documented as protected but listed public"
                    );
                    let res = app.request(m.clone(), &concrete, None, body.clone()).await;
                    assert_eq!(res.status(), 401, "{method} {path} without a token");
                    for role in ROLES {
                        let res = app
                            .request(
                                m.clone(),
                                &concrete,
                                Some(&accounts[role].token),
                                body.clone(),
                            )
                            .await;
                        let status = res.status().as_u16();
                        if roles.iter().any(|r| r == role) {
                            assert!(
                                status != 401 && status != 403,
                                "{method} {path} as {role}: allowed role got {status}"
                            );
                        } else {
                            assert_eq!(status, 403, "{method} {path} as {role}: role not claimed");
                        }
                    }
                }
                _ => {
                    assert!(
                        PUBLIC.contains(&(method.as_str(), path.as_str())),
                        "{method} {path} has no role guard but is not on the public list"
                    );
                    let res = app.request(m.clone(), &concrete, None, body.clone()).await;
                    assert_ne!(res.status(), 401, "{method} {path} is public");
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 54, "checked {checked} operations");
}

#[tokio::test]
async fn object_level_access_matrix() {
    let app = spawn_app().await;
    let mut own = HashMap::new();
    let mut other = HashMap::new();
    for role in ROLES {
        own.insert(role, app.account(role).await);
        other.insert(role, app.account(role).await);
    }
    // Objects belonging to the "own" accounts.
    let e = &own["employer"];
    let vacancy = json_body(
        app.post("/api/v1/vacancies", Some(&e.token), vacancy_body())
            .await,
    )
    .await;
    let draft = format!("/api/v1/vacancies/{}", vacancy["id"].as_str().unwrap());
    let employer = format!("/api/v1/employers/{}", e.employer_id.unwrap());
    let profile = json_body(
        app.post(
            "/api/v1/candidates",
            Some(&own["migrant"].token),
            candidate_body("AC5555555"),
        )
        .await,
    )
    .await;
    let pid = profile["id"].as_str().unwrap();
    for org in [
        json!({"agency_id": own["agency"].agency_id}),
        json!({"centre_id": own["centre"].centre_id}),
    ] {
        assert_eq!(
            app.post(
                &format!("/api/v1/candidates/{pid}/consents"),
                Some(&own["migrant"].token),
                org
            )
            .await
            .status(),
            201
        );
    }
    let candidate = format!("/api/v1/candidates/{pid}");
    let agency = format!("/api/v1/agencies/{}", own["agency"].agency_id.unwrap());

    // (path, role, own account's status, other account's status)
    let expected: &[(&str, &str, u16, u16)] = &[
        (&draft, "employer", 200, 404),
        (&draft, "migrant", 404, 404),
        (&draft, "agency", 404, 404),
        (&draft, "centre", 404, 404),
        (&draft, "ministry", 200, 200),
        (&draft, "admin", 200, 200),
        (&employer, "employer", 200, 404),
        (&employer, "migrant", 403, 403),
        (&employer, "agency", 403, 403),
        (&employer, "centre", 403, 403),
        (&employer, "ministry", 200, 200),
        (&employer, "admin", 200, 200),
        (&candidate, "migrant", 200, 404),
        (&candidate, "agency", 200, 404),
        (&candidate, "centre", 200, 404),
        (&candidate, "employer", 403, 403),
        (&candidate, "ministry", 200, 200),
        (&candidate, "admin", 200, 200),
        (&agency, "agency", 200, 404),
        (&agency, "migrant", 403, 403),
        (&agency, "employer", 403, 403),
        (&agency, "centre", 403, 403),
        (&agency, "ministry", 200, 200),
        (&agency, "admin", 200, 200),
    ];
    for (path, role, own_status, other_status) in expected {
        let got_own = app
            .get(path, Some(&own[role].token))
            .await
            .status()
            .as_u16();
        let got_other = app
            .get(path, Some(&other[role].token))
            .await
            .status()
            .as_u16();
        assert_eq!(
            (got_own, got_other),
            (*own_status, *other_status),
            "GET {path} as {role} (own, other)"
        );
    }
    // Writes: only the owner (or the representative) gets through.
    let writes: &[(&str, Value, &str, u16, u16)] = &[
        (&draft, json!({"positions": 3}), "employer", 200, 404),
        (&employer, json!({"city": "Пермь"}), "employer", 200, 404),
        (
            &candidate,
            json!({"experience_years": 9}),
            "migrant",
            200,
            404,
        ),
        (
            &candidate,
            json!({"experience_years": 9}),
            "agency",
            200,
            404,
        ),
        (
            &candidate,
            json!({"experience_years": 9}),
            "centre",
            200,
            404,
        ),
    ];
    for (path, body, role, own_status, other_status) in writes {
        let got_own = app
            .patch(path, Some(&own[role].token), body.clone())
            .await
            .status()
            .as_u16();
        let got_other = app
            .patch(path, Some(&other[role].token), body.clone())
            .await
            .status()
            .as_u16();
        assert_eq!(
            (got_own, got_other),
            (*own_status, *other_status),
            "PATCH {path} as {role} (own, other)"
        );
    }
}

fn token_in(body: &str, prefix: &str) -> String {
    let start = body.find(prefix).expect("token in email");
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

/// Accepts the invitation last emailed to `email`: sets the password and signs in.
async fn accept_invitation(app: &TestApp, email: &str) -> String {
    app.run_pending_jobs().await;
    let mail = app
        .outbox()
        .into_iter()
        .rev()
        .find(|m| m.to == email)
        .expect("invitation email");
    let token = token_in(&mail.body, "orp_");
    let res = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), 200);
    app.login_ok(email).await.0
}

fn member(email: &str) -> Value {
    json!({"email": email, "full_name": "Назгуль Осмонова", "locale": "ky"})
}

#[tokio::test]
async fn the_ministry_cannot_staff_an_agency() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let agency = app.account("agency").await;
    let agency_id = agency.agency_id.unwrap();
    // The escalation of issue 7: an agency account created by the ministry.
    let res = app.post("/api/v1/users", Some(&ministry.token), json!({
        "email": "mole@ministry.kg", "password": PASSWORD, "full_name": "X", "role": "agency",
        "agency_id": agency_id
    })).await;
    assert_problem(res, 403, "forbidden").await;
    let res = app
        .post(
            &format!("/api/v1/agencies/{agency_id}/members"),
            Some(&ministry.token),
            member("mole@ministry.kg"),
        )
        .await;
    assert_problem(res, 403, "forbidden").await;
    let count: i64 = orgnabor::db::schema::users::table
        .filter(orgnabor::db::schema::users::email.eq("mole@ministry.kg"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn only_the_owner_or_an_admin_adds_members() {
    let app = spawn_app().await;
    let admin = app.account("admin").await;
    let a = app.account("agency").await; // staff of agency A, not its owner
    let b = app.account("agency").await;
    let (agency_a, agency_b) = (a.agency_id.unwrap(), b.agency_id.unwrap());
    let members_a = format!("/api/v1/agencies/{agency_a}/members");

    // An admin names A's owner; the owner sets a password through the invitation.
    let res = app
        .post(&members_a, Some(&admin.token), {
            let mut m = member("owner@agency-a.kg");
            m["owner"] = json!(true);
            m
        })
        .await;
    assert_eq!(res.status(), 201);
    let owner = json_body(res).await;
    assert_eq!(owner["is_owner"], true);
    assert_eq!(owner["role"], "agency");
    assert_eq!(owner["agency_id"], agency_a.to_string());
    assert_eq!(
        app.login("owner@agency-a.kg", PASSWORD).await.status(),
        401,
        "no password until the invitation is accepted"
    );
    let owner_token = accept_invitation(&app, "owner@agency-a.kg").await;
    // A second owner is refused.
    let res = app
        .post(&members_a, Some(&admin.token), {
            let mut m = member("second-owner@agency-a.kg");
            m["owner"] = json!(true);
            m
        })
        .await;
    assert_problem(res, 409, "conflict").await;

    // The owner invites staff into A.
    let res = app
        .post(
            &members_a,
            Some(&owner_token),
            member("recruiter@agency-a.kg"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let recruiter = json_body(res).await;
    assert_eq!(recruiter["is_owner"], false);
    assert_eq!(recruiter["membership_approved"], true);
    let recruiter_token = accept_invitation(&app, "recruiter@agency-a.kg").await;
    let me = json_body(app.get("/api/v1/me", Some(&recruiter_token)).await).await;
    assert_eq!(me["agency_id"], agency_a.to_string());
    // The owner cannot name another owner.
    let mut as_owner = member("x@agency-a.kg");
    as_owner["owner"] = json!(true);
    assert_problem(
        app.post(&members_a, Some(&owner_token), as_owner).await,
        403,
        "forbidden",
    )
    .await;

    // The owner of A cannot add to B.
    let res = app
        .post(
            &format!("/api/v1/agencies/{agency_b}/members"),
            Some(&owner_token),
            member("sneak@agency-a.kg"),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    // Staff who are not the owner cannot invite, list or remove.
    for token in [&a.token, &recruiter_token] {
        assert_problem(
            app.post(&members_a, Some(token), member("friend@agency-a.kg"))
                .await,
            403,
            "forbidden",
        )
        .await;
        assert_problem(app.get(&members_a, Some(token)).await, 403, "forbidden").await;
    }
    assert_problem(
        app.delete(&format!("{members_a}/{}", a.id), Some(&recruiter_token))
            .await,
        403,
        "forbidden",
    )
    .await;
    // Other kinds' routes refuse the role outright.
    let employer = app.account("employer").await;
    assert_problem(
        app.post(&members_a, Some(&employer.token), member("e@x.kg"))
            .await,
        403,
        "forbidden",
    )
    .await;

    // An admin can add too; the owner lists and removes members.
    let res = app
        .post(
            &members_a,
            Some(&admin.token),
            member("by-admin@agency-a.kg"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let list = json_body(app.get(&members_a, Some(&owner_token)).await).await;
    let emails: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(emails.len(), 4, "{emails:?}");
    assert!(emails.contains(&"recruiter@agency-a.kg".to_owned()));
    let res = app
        .delete(
            &format!("{members_a}/{}", recruiter["id"].as_str().unwrap()),
            Some(&owner_token),
        )
        .await;
    assert_eq!(res.status(), 204);
    let me = json_body(app.get("/api/v1/me", Some(&recruiter_token)).await).await;
    assert_eq!(
        me["agency_id"],
        Value::Null,
        "a removed member acts for no one"
    );
    assert_problem(
        app.delete(
            &format!("{members_a}/{}", owner["id"].as_str().unwrap()),
            Some(&admin.token),
        )
        .await,
        409,
        "conflict",
    )
    .await;
    // No personal values in the audit trail of a membership.
    let audit = json_body(
        app.get(
            &format!(
                "/api/v1/audit?object_type=user&object_id={}",
                recruiter["id"].as_str().unwrap()
            ),
            Some(&admin.token),
        )
        .await,
    )
    .await;
    let text = audit.to_string();
    assert!(audit["items"].as_array().unwrap().len() >= 2, "{text}");
    assert!(
        !text.contains("recruiter@agency-a.kg") && !text.contains("Назгуль"),
        "{text}"
    );
}

#[tokio::test]
async fn an_employer_owner_approves_those_who_ask_to_join() {
    let app = spawn_app().await;
    let employer = json!({"inn": "7707083893", "name": "ООО «Сварка»", "region": "RU-SVE", "city": "Екатеринбург"});
    for email in ["founder@svarka.ru", "applicant@svarka.ru"] {
        let res = app.post("/api/v1/auth/register", None, json!({
            "email": email, "password": PASSWORD, "full_name": "Ольга", "role": "employer", "employer": employer
        })).await;
        assert_eq!(res.status(), 202);
    }
    let (founder, _) = app.login_ok("founder@svarka.ru").await;
    let (applicant, _) = app.login_ok("applicant@svarka.ru").await;
    let id_of = |token: String| {
        let app = &app;
        async move {
            json_body(app.get("/api/v1/me", Some(&token)).await).await["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let founder_id = id_of(founder.clone()).await;
    let applicant_id = id_of(applicant.clone()).await;
    let employer_id: uuid::Uuid = orgnabor::db::schema::employers::table
        .select(orgnabor::db::schema::employers::id)
        .first(&mut app.conn())
        .unwrap();
    let members = format!("/api/v1/employers/{employer_id}/members");
    // Pending: nobody yet, so not even the member list.
    assert_problem(app.get(&members, Some(&founder)).await, 404, "not_found").await;
    let admin = app.account("admin").await;
    let res = app
        .post(
            &format!("{members}/{founder_id}/approve"),
            Some(&admin.token),
            json!({}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        json_body(res).await["is_owner"],
        true,
        "the first approved member owns it"
    );
    let list = json_body(app.get(&members, Some(&founder)).await).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let res = app
        .post(
            &format!("{members}/{applicant_id}/approve"),
            Some(&founder),
            json!({}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let approved = json_body(res).await;
    assert_eq!(approved["membership_approved"], true);
    assert_eq!(approved["is_owner"], false);
    assert_eq!(
        app.get(
            &format!("/api/v1/employers/{employer_id}"),
            Some(&applicant)
        )
        .await
        .status(),
        200
    );
    // The approved applicant is staff, not owner: they cannot approve or invite.
    assert_problem(
        app.post(&members, Some(&applicant), member("friend@svarka.ru"))
            .await,
        403,
        "forbidden",
    )
    .await;
}
