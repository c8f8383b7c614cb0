use diesel::prelude::*;

use crate::helpers::*;

#[tokio::test]
async fn the_database_refuses_to_change_the_audit_trail() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    app.post("/api/v1/vacancies", Some(&e.token), vacancy_body())
        .await;
    let mut conn = app.conn();
    let before: i64 = orgnabor::db::schema::audit_log::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(before >= 1);
    for statement in [
        "UPDATE audit_log SET action = 'nothing.happened'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let err = diesel::sql_query(statement)
            .execute(&mut conn)
            .unwrap_err()
            .to_string();
        assert!(err.contains("append-only"), "{statement}: {err}");
    }
    let after: i64 = orgnabor::db::schema::audit_log::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn audit_is_read_by_ministry_and_admin_only() {
    let app = spawn_app().await;
    for role in ["migrant", "employer", "agency", "centre"] {
        let a = app.account(role).await;
        assert_problem(
            app.get("/api/v1/audit", Some(&a.token)).await,
            403,
            "forbidden",
        )
        .await;
    }
    let admin = app.account("admin").await;
    let res = app
        .get(
            "/api/v1/audit?object_type=vacancy&object_id=nope",
            Some(&admin.token),
        )
        .await;
    assert_problem(res, 400, "invalid_query").await;
    let res = app
        .get("/api/v1/audit?cursor=bm9wZQ", Some(&admin.token))
        .await;
    assert_problem(res, 400, "invalid_query").await;
    let res = app.get("/api/v1/audit?limit=1", Some(&admin.token)).await;
    assert_eq!(res.status(), 200);
}
