use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn employer_reads_and_updates_only_its_own_organisation() {
    let app = spawn_app().await;
    let mine = app.account("employer").await;
    let other = app.account("employer").await;
    let id = mine.employer_id.unwrap();

    let res = app
        .get(&format!("/api/v1/employers/{id}"), Some(&mine.token))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_body(res).await["region"], "RU-SVE");
    assert_problem(
        app.get(&format!("/api/v1/employers/{id}"), Some(&other.token))
            .await,
        404,
        "not_found",
    )
    .await;

    let res = app.patch(&format!("/api/v1/employers/{id}"), Some(&mine.token), json!({
        "contact_phone": "+7 343 287-04-15", "contact_email": "Jobs@Example.RU", "website": null
    })).await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert_eq!(body["contact_email"], "jobs@example.ru");
    assert_eq!(body["contact_phone"], "+7 343 287-04-15");
    assert_eq!(body["website"], Value::Null);

    let res = app
        .patch(
            &format!("/api/v1/employers/{id}"),
            Some(&other.token),
            json!({"city": "Пермь"}),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .patch(
            &format!("/api/v1/employers/{id}"),
            Some(&mine.token),
            json!({"contact_email": "nope", "contact_phone": "12"}),
        )
        .await;
    let codes = field_codes(&assert_problem(res, 422, "validation_failed").await);
    assert_eq!(
        codes,
        vec![
            ("contact_email".into(), "invalid_email".into()),
            ("contact_phone".into(), "invalid_phone".into())
        ]
    );
    let res = app
        .patch(
            &format!("/api/v1/employers/{id}"),
            Some(&mine.token),
            json!({"inn": "7707083893"}),
        )
        .await;
    assert_problem(res, 400, "malformed_body").await;

    let ministry = app.account("ministry").await;
    let audit = json_body(
        app.get(
            &format!("/api/v1/audit?object_type=employer&object_id={id}"),
            Some(&ministry.token),
        )
        .await,
    )
    .await;
    let entry = &audit["items"][0];
    assert_eq!(entry["action"], "employer.updated");
    assert_eq!(entry["before"]["contact_email"], "hr@test.ru");
    assert_eq!(entry["after"]["contact_email"], "jobs@example.ru");
    assert_eq!(
        audit["items"].as_array().unwrap().len(),
        1,
        "refused updates leave no trace"
    );
}

#[tokio::test]
async fn ministry_and_admin_list_employers_with_pagination() {
    let app = spawn_app().await;
    for _ in 0..3 {
        app.account("employer").await;
    }
    let ministry = app.account("ministry").await;
    let page1 = json_body(
        app.get("/api/v1/employers?limit=2", Some(&ministry.token))
            .await,
    )
    .await;
    assert_eq!(page1["items"].as_array().unwrap().len(), 2);
    let cursor = page1["next_cursor"].as_str().unwrap();
    let page2 = json_body(
        app.get(
            &format!("/api/v1/employers?limit=2&cursor={cursor}"),
            Some(&ministry.token),
        )
        .await,
    )
    .await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 1);
    assert_eq!(page2["next_cursor"], Value::Null);
    assert_ne!(page1["items"][0]["id"], page2["items"][0]["id"]);
    assert_ne!(page1["items"][1]["id"], page2["items"][0]["id"]);
    let migrant = app.account("migrant").await;
    assert_problem(
        app.get("/api/v1/employers", Some(&migrant.token)).await,
        403,
        "forbidden",
    )
    .await;
}
