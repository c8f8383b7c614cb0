//! Authorization, checked two ways: every operation in the OpenAPI document against every role
//! (the document's bearer scopes are the roles it claims), and an object-level matrix of each
//! role against its own and someone else's objects.

use std::collections::HashMap;

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
    ("get", "/api/v1/occupations/normalize"),
    ("get", "/api/v1/vacancies/search"),
    // Optional token: public data for everyone, more for the owner.
    ("get", "/api/v1/vacancies"),
    ("get", "/api/v1/vacancies/{id}"),
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
    assert!(checked >= 42, "checked {checked} operations");
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
