//! Two database roles: the application's runtime role may read and write rows, only read and add
//! audit rows, and alter nothing; the search syncer still sees every role's open transactions.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use serde_json::{json, Value};

use crate::helpers::*;

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    digest: String,
}

/// Every audit row's id with a digest of its whole content.
fn audit_rows(conn: &mut PgConnection) -> BTreeMap<i64, String> {
    diesel::sql_query("SELECT id, md5(audit_log::text) AS digest FROM audit_log")
        .load::<Row>(conn)
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.digest))
        .collect()
}

fn refused(conn: &mut PgConnection, statement: &str) -> String {
    diesel::sql_query(statement)
        .execute(conn)
        .map(|n| format!("ALLOWED ({n} rows)"))
        .unwrap_or_else(|e| e.to_string())
}

async fn some_audit_history(app: &TestApp) -> Account {
    let e = app.account("employer").await;
    let id = app.published_vacancy(&e.token, vacancy_body()).await;
    let res = app
        .patch(
            &format!("/api/v1/vacancies/{id}"),
            Some(&e.token),
            json!({"positions": 7}),
        )
        .await;
    assert_eq!(res.status(), 200);
    e
}

#[tokio::test]
async fn the_runtime_role_cannot_change_delete_or_unprotect_the_audit_log() {
    let app = spawn_app().await;
    some_audit_history(&app).await;
    let before = audit_rows(&mut app.conn());
    assert!(before.len() >= 3, "{before:?}");

    let mut conn = app.runtime_conn();
    // Refused by privileges, before any trigger runs.
    for statement in [
        "UPDATE audit_log SET action = 'nothing.happened'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let err = refused(&mut conn, statement);
        assert!(
            err.contains("permission denied for table audit_log"),
            "{statement}: {err}"
        );
    }
    // Nothing that would switch the protection off is allowed either.
    for statement in [
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_log_no_update_delete ON audit_log",
        "ALTER TABLE audit_log OWNER TO CURRENT_USER",
        "DROP TABLE audit_log",
    ] {
        let err = refused(&mut conn, statement);
        assert!(err.contains("must be owner"), "{statement}: {err}");
    }
    for statement in [
        "CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger \
         LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "CREATE TRIGGER sneaky BEFORE UPDATE ON audit_log \
         FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
        "SET session_replication_role = replica",
    ] {
        let err = refused(&mut conn, statement);
        assert!(
            err.contains("permission denied") || err.contains("must be owner"),
            "{statement}: {err}"
        );
    }
    // Granting itself more is a no-op with a warning ("no privileges were granted").
    let _ = diesel::sql_query("GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER")
        .execute(&mut conn);
    assert!(!flag(
        &mut conn,
        "SELECT has_table_privilege('audit_log', 'UPDATE')
             OR has_table_privilege('audit_log', 'DELETE')
             OR has_table_privilege('audit_log', 'TRUNCATE') AS flag"
    ));
    // The two-step attack in one transaction stops at its first step.
    let attack = conn.transaction::<(), diesel::result::Error, _>(|c| {
        diesel::sql_query("ALTER TABLE audit_log DISABLE TRIGGER ALL").execute(c)?;
        diesel::sql_query("DELETE FROM audit_log").execute(c)?;
        Ok(())
    });
    assert!(
        attack.unwrap_err().to_string().contains("must be owner"),
        "refused"
    );

    // What the application needs still works: reading and appending.
    diesel::sql_query(
        "INSERT INTO audit_log (action, object_type, object_id) \
         VALUES ('test.appended', 'vacancy', gen_random_uuid())",
    )
    .execute(&mut conn)
    .unwrap();
    let after = audit_rows(&mut conn);
    assert_eq!(after.len(), before.len() + 1);
    for (id, digest) in &before {
        assert_eq!(after.get(id), Some(digest), "audit row {id} unchanged");
    }
}

#[derive(QueryableByName, Debug)]
struct Privileges {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    granted: String,
}

/// The privileges the runtime role holds on each table of the schema, e.g. "SELECT,INSERT".
fn table_privileges(conn: &mut PgConnection) -> BTreeMap<String, String> {
    diesel::sql_query(
        "SELECT c.relname::text AS name,
                concat_ws(',',
                  CASE WHEN has_table_privilege(c.oid, 'SELECT') THEN 'SELECT' END,
                  CASE WHEN has_table_privilege(c.oid, 'INSERT') THEN 'INSERT' END,
                  CASE WHEN has_table_privilege(c.oid, 'UPDATE') THEN 'UPDATE' END,
                  CASE WHEN has_table_privilege(c.oid, 'DELETE') THEN 'DELETE' END,
                  CASE WHEN has_table_privilege(c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
                  CASE WHEN has_table_privilege(c.oid, 'REFERENCES') THEN 'REFERENCES' END,
                  CASE WHEN has_table_privilege(c.oid, 'TRIGGER') THEN 'TRIGGER' END,
                  CASE WHEN pg_has_role(c.relowner, 'USAGE') THEN 'OWNER' END) AS granted
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v')",
    )
    .load::<Privileges>(conn)
    .unwrap()
    .into_iter()
    .map(|p| (p.name, p.granted))
    .collect()
}

#[derive(QueryableByName)]
struct Flag {
    #[diesel(sql_type = Bool)]
    flag: bool,
}

fn flag(conn: &mut PgConnection, sql: &str) -> bool {
    diesel::sql_query(sql)
        .get_result::<Flag>(conn)
        .unwrap()
        .flag
}

#[tokio::test]
async fn the_runtime_role_holds_exactly_the_privileges_the_application_needs() {
    let app = spawn_app().await;
    let mut conn = app.runtime_conn();
    let privileges = table_privileges(&mut conn);
    assert!(privileges.len() >= 10, "{privileges:?}");
    for (table, granted) in &privileges {
        let expected = match table.as_str() {
            "audit_log"
            | "licence_events"
            | "placement_events"
            | "contracts"
            | "contract_signatures"
            | "verification_codes"
            | "complaint_events"
            | "reviews" => "SELECT,INSERT",
            "__diesel_schema_migrations" => "SELECT",
            _ => "SELECT,INSERT,UPDATE,DELETE",
        };
        assert_eq!(granted, expected, "{table}");
    }
    assert!(flag(
        &mut conn,
        "SELECT bool_and(has_sequence_privilege(c.oid, 'USAGE')
                     AND NOT has_sequence_privilege(c.oid, 'UPDATE')
                     AND NOT pg_has_role(c.relowner, 'USAGE')) AS flag
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'S'"
    ));
    assert!(flag(
        &mut conn,
        "SELECT NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb AND NOT rolbypassrls AS flag
           FROM pg_roles WHERE rolname = current_user"
    ));
    assert!(
        !orgnabor::db::roles::can_alter_audit_log(&mut conn).unwrap(),
        "serve's own check agrees"
    );
    assert!(
        orgnabor::db::roles::can_alter_audit_log(&mut app.conn()).unwrap(),
        "and says so for the owner"
    );

    // A table and a sequence a later migration creates (as the owner) are usable at once.
    diesel::sql_query("CREATE TABLE later_table (id bigserial PRIMARY KEY, note text)")
        .execute(&mut app.conn())
        .unwrap();
    diesel::sql_query("INSERT INTO later_table (note) VALUES ('runtime writes it')")
        .execute(&mut conn)
        .unwrap();
    assert_eq!(
        table_privileges(&mut conn)["later_table"],
        "SELECT,INSERT,UPDATE,DELETE"
    );
}

#[tokio::test]
async fn migrate_grants_the_runtime_role_again_and_refuses_a_dangerous_one() {
    let app = spawn_app().await;
    let role = app.settings.database.runtime_user.clone();
    // A privilege granted by hand goes away the next time `migrate` runs; a missing one returns.
    diesel::sql_query(format!("GRANT TRUNCATE ON vacancies TO {role}"))
        .execute(&mut app.conn())
        .unwrap();
    diesel::sql_query(format!("REVOKE SELECT ON users FROM {role}"))
        .execute(&mut app.conn())
        .unwrap();
    orgnabor::db::migrate_and_grant(&mut app.conn(), &role).unwrap();
    let privileges = table_privileges(&mut app.runtime_conn());
    assert_eq!(privileges["vacancies"], "SELECT,INSERT,UPDATE,DELETE");
    assert_eq!(privileges["users"], "SELECT,INSERT,UPDATE,DELETE");

    let err = orgnabor::db::roles::grant_runtime(&mut app.conn(), "no_such_role_here")
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not exist"), "{err}");
    let err = orgnabor::db::roles::grant_runtime(&mut app.conn(), "postgres")
        .unwrap_err()
        .to_string();
    assert!(err.contains("superuser"), "{err}");
}

/// Path patterns and methods from the OpenAPI document, plus every method on every path.
async fn every_route(app: &TestApp) -> Vec<String> {
    let doc: Value = json_body(app.get("/api-docs/openapi.json", None).await).await;
    let mut paths: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    paths.push("/api/v1/audit/{id}".into());
    paths
}

#[tokio::test]
async fn no_http_route_changes_or_deletes_an_audit_row() {
    let app = spawn_app().await;
    let employer = some_audit_history(&app).await;
    let admin = app.account("admin").await;
    let ministry = app.account("ministry").await;
    let before = audit_rows(&mut app.conn());
    #[derive(QueryableByName)]
    struct Object {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        object_id: uuid::Uuid,
    }
    let mut ids: Vec<String> = diesel::sql_query("SELECT DISTINCT object_id FROM audit_log")
        .load::<Object>(&mut app.conn())
        .unwrap()
        .into_iter()
        .map(|o| o.object_id.to_string())
        .collect();
    ids.extend(before.keys().map(|id| id.to_string()));
    let paths = every_route(&app).await;
    assert!(paths.len() >= 20, "{paths:?}");
    let mut requests = 0;
    for path in &paths {
        for id in &ids {
            let concrete = path
                .split('/')
                .map(|seg| {
                    if seg.starts_with('{') {
                        id.as_str()
                    } else {
                        seg
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            for method in ["POST", "PUT", "PATCH", "DELETE"] {
                for token in [&admin.token, &ministry.token, &employer.token] {
                    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
                    let res = app
                        .request(method.clone(), &concrete, Some(token), Some(json!({})))
                        .await;
                    assert_ne!(res.status().as_u16(), 500, "{method} {concrete}");
                    requests += 1;
                }
            }
            if !path.contains('{') {
                break;
            }
        }
    }
    assert!(requests > 300, "{requests} requests");
    let after = audit_rows(&mut app.conn());
    for (id, digest) in &before {
        assert_eq!(after.get(id), Some(digest), "audit row {id} unchanged");
    }
    for method in [
        reqwest::Method::PUT,
        reqwest::Method::PATCH,
        reqwest::Method::DELETE,
    ] {
        let res = app
            .request(method.clone(), "/api/v1/audit", Some(&admin.token), None)
            .await;
        assert_problem(res, 405, "method_not_allowed").await;
    }
}

#[derive(QueryableByName)]
struct Xid {
    #[diesel(sql_type = BigInt)]
    xid: i64,
}

#[tokio::test]
async fn the_syncer_waits_for_another_roles_open_transaction() {
    use diesel::Connection;
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let held = app.published_vacancy(&e.token, vacancy_body()).await;
    app.apply_search_changes().await;
    let held_id = uuid::Uuid::parse_str(&held).unwrap();

    // A second role (the owner; an operator's script, say) writes the change log and stays open.
    let mut other = PgConnection::establish(&app.db.url).unwrap();
    diesel::sql_query("BEGIN").execute(&mut other).unwrap();
    diesel::sql_query(format!(
        "UPDATE vacancies SET title = 'Сварщик-аргонщик', version = version + 1 WHERE id = '{held_id}'"
    ))
    .execute(&mut other)
    .unwrap();
    diesel::sql_query(format!(
        "INSERT INTO search_changes (entity, entity_id, op) VALUES ('vacancy', '{held_id}', 'upsert')"
    ))
    .execute(&mut other)
    .unwrap();
    let other_xid = diesel::sql_query("SELECT pg_current_xact_id()::text::bigint AS xid")
        .get_result::<Xid>(&mut other)
        .unwrap()
        .xid;
    // The runtime role commits later work after it.
    let mut mason = vacancy_body();
    mason["title"] = json!("Каменщик");
    mason["occupation"] = json!("7112");
    mason["description"] = json!("Кладка кирпича и блоков на строительстве жилого дома.");
    mason["required_skills"] = json!(["кладка кирпича"]);
    let later = app.published_vacancy(&e.token, mason).await;
    app.apply_search_changes().await;
    assert!(
        app.search.applied_change() <= other_xid,
        "the watermark {} stays at or below the open transaction {other_xid}",
        app.search.applied_change()
    );
    let hits = search_ids(&app, "kamenshik").await;
    assert!(!hits.contains(&later), "held back: {hits:?}");

    diesel::sql_query("COMMIT").execute(&mut other).unwrap();
    app.apply_search_changes().await;
    assert_eq!(search_ids(&app, "kamenshik").await, vec![later]);
    assert_eq!(
        search_ids(&app, &urlencode("аргонщик")).await,
        vec![held],
        "the other role's change is applied"
    );
    let drift = app.search.check(&mut app.runtime_conn()).unwrap();
    assert!(drift.is_clean(), "{drift:?}");
    assert!(drift.applied_change > other_xid);
}

async fn search_ids(app: &TestApp, q: &str) -> Vec<String> {
    let body = json_body(
        app.get(&format!("/api/v1/vacancies/search?q={q}"), None)
            .await,
    )
    .await;
    body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("items in {body}"))
        .iter()
        .map(|h| h["vacancy"]["id"].as_str().unwrap().to_owned())
        .collect()
}
