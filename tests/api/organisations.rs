use serde_json::json;

use crate::helpers::*;

fn agency_body(inn: &str) -> serde_json::Value {
    json!({
        "name": "ОсОО «Ишеним»", "inn": inn, "country": "KG",
        "licence_number": format!("ЧАЗ-{inn}"), "licence_issuer": "Минтруд КР",
        "licence_valid_from": "2025-01-01", "licence_valid_to": "2028-01-01",
        "licence_regions": ["RU-MOW", "RU-SVE"]
    })
}

#[tokio::test]
async fn ministry_registers_agencies_and_their_staff() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let res = app
        .post(
            "/api/v1/agencies",
            Some(&ministry.token),
            agency_body("1234567890"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let agency = json_body(res).await;
    assert_eq!(agency["licence_status"], "active");
    assert_eq!(agency["licence_active"], true);
    let agency_id = agency["id"].as_str().unwrap();

    let res = app
        .post(
            "/api/v1/agencies",
            Some(&ministry.token),
            agency_body("1234567890"),
        )
        .await;
    assert_problem(res, 409, "conflict").await;
    let mut bad = agency_body("12");
    bad["licence_valid_to"] = json!("2024-01-01");
    bad["licence_regions"] = json!(["RU-XXX"]);
    let codes = field_codes(
        &assert_problem(
            app.post("/api/v1/agencies", Some(&ministry.token), bad)
                .await,
            422,
            "validation_failed",
        )
        .await,
    );
    assert_eq!(
        codes,
        vec![
            ("inn".into(), "invalid_inn".into()),
            ("licence_valid_to".into(), "date_order".into()),
            ("licence_regions[0]".into(), "invalid_region".into())
        ]
    );

    // Behaviour change (issue 7, privilege escalation): the ministry registers agencies but no
    // longer creates their staff. An admin names the agency's owner, who is invited by email.
    let res = app.post("/api/v1/users", Some(&ministry.token), json!({
        "email": "recruiter@ishenim.kg", "password": PASSWORD, "full_name": "Назгуль", "role": "agency", "agency_id": agency_id
    })).await;
    assert_problem(res, 403, "forbidden").await;
    let admin = app.account("admin").await;
    let res = app
        .post(
            &format!("/api/v1/agencies/{agency_id}/members"),
            Some(&admin.token),
            json!({"email": "recruiter@ishenim.kg", "full_name": "Назгуль", "owner": true}),
        )
        .await;
    assert_eq!(res.status(), 201);
    app.run_pending_jobs().await;
    let invitation = app.outbox().pop().unwrap();
    assert_eq!(invitation.to, "recruiter@ishenim.kg");
    assert!(
        invitation.body.contains("ОсОО «Ишеним»"),
        "{}",
        invitation.body
    );
    let start = invitation.body.find("orp_").unwrap();
    let token: String = invitation.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let res = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let (token, _) = app.login_ok("recruiter@ishenim.kg").await;
    let me = json_body(app.get("/api/v1/me", Some(&token)).await).await;
    assert_eq!(me["agency_id"], agency_id);
    assert_eq!(
        app.get(&format!("/api/v1/agencies/{agency_id}"), Some(&token))
            .await
            .status(),
        200
    );
    let other = app.account("agency").await;
    assert_problem(
        app.get(&format!("/api/v1/agencies/{agency_id}"), Some(&other.token))
            .await,
        404,
        "not_found",
    )
    .await;

    // The ministry creates no accounts at all; an admin creates staff accounts.
    let res = app
        .post(
            "/api/v1/users",
            Some(&ministry.token),
            json!({
                "email": "boss@ministry.kg", "password": PASSWORD, "full_name": "X", "role": "admin"
            }),
        )
        .await;
    assert_problem(res, 403, "forbidden").await;
    let res = app
        .post(
            "/api/v1/users",
            Some(&admin.token),
            json!({
                "email": "x@ishenim.kg", "password": PASSWORD, "full_name": "X", "role": "agency"
            }),
        )
        .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("agency_id".into(), "required".into())]
    );
    let res = app.post("/api/v1/users", Some(&admin.token), json!({
        "email": "y@ishenim.kg", "password": PASSWORD, "full_name": "X", "role": "agency", "agency_id": uuid::Uuid::now_v7()
    })).await;
    assert_problem(res, 422, "validation_failed").await;
}

#[tokio::test]
async fn admin_registers_centres_and_migrants_can_list_them() {
    let app = spawn_app().await;
    let admin = app.account("admin").await;
    let res = app.post("/api/v1/centres", Some(&admin.token), json!({
        "name": "Центр предвыездной подготовки (Ош)", "region": "KG-GO", "city": "Ош", "contact_phone": "+996 3222 5 55 55"
    })).await;
    assert_eq!(res.status(), 201);
    let centre = json_body(res).await;
    let res = app.post("/api/v1/users", Some(&admin.token), json!({
        "email": "staff@osh-centre.kg", "password": PASSWORD, "full_name": "Жылдыз", "role": "centre", "centre_id": centre["id"]
    })).await;
    assert_eq!(res.status(), 201);
    assert_eq!(json_body(res).await["centre_id"], centre["id"]);

    let res = app
        .post(
            "/api/v1/centres",
            Some(&admin.token),
            json!({"name": "", "region": "RU-ZZZ", "city": "Ош"}),
        )
        .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![
            ("name".into(), "required".into()),
            ("region".into(), "invalid_region".into())
        ]
    );

    let migrant = app.account("migrant").await;
    let agency = app.account("agency").await;
    let registry = json_body(app.get("/api/v1/agencies", Some(&migrant.token)).await).await;
    let listed = registry["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == agency.agency_id.unwrap().to_string())
        .unwrap();
    assert_eq!(
        listed["licence_active"], true,
        "migrants see the registry with licence status"
    );
    let list = json_body(app.get("/api/v1/centres", Some(&migrant.token)).await).await;
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == centre["id"]));
    let ministry = app.account("ministry").await;
    assert_problem(
        app.post(
            "/api/v1/centres",
            Some(&ministry.token),
            json!({"name": "X", "region": "KG-GB", "city": "Б"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
}
