//! The `orgnabor` binary as an operator runs it: demo data, reindex, index-check, create-admin.

use std::process::Command;

use diesel::prelude::*;

use orgnabor::db::schema::{candidate_profiles, users, vacancies};

use crate::helpers::*;

fn orgnabor(db: &TestDb, index_dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_orgnabor"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env("ORGNABOR_ENV", "test")
        .env("ORGNABOR__SEARCH__INDEX_DIR", index_dir)
        .env("ORGNABOR_ADMIN_PASSWORD", "Operator passphrase 2026")
        .output()
        .expect("run the orgnabor binary");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[tokio::test]
async fn demo_data_reindex_index_check_and_create_admin() {
    let app = spawn_app().await;
    let dir = std::env::temp_dir().join(format!("orgnabor-cli-{}", uuid::Uuid::new_v4()));

    let (ok, out) = orgnabor(&app.db, &dir, &["seed-demo"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("demo data loaded") && out.contains("admin@orgnabor.demo"),
        "{out}"
    );
    let published: i64 = vacancies::table
        .filter(vacancies::status.eq("published"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let candidates: i64 = candidate_profiles::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let regions = vacancies::table
        .select(vacancies::region_code)
        .distinct()
        .load::<String>(&mut app.conn())
        .unwrap()
        .len();
    let occupations = vacancies::table
        .select(vacancies::occupation_code)
        .distinct()
        .load::<String>(&mut app.conn())
        .unwrap()
        .len();
    assert!(published >= 300, "{published} published vacancies");
    assert!(candidates >= 1000, "{candidates} candidates");
    assert!(
        regions >= 20 && occupations >= 25,
        "{regions} regions, {occupations} occupations"
    );

    // Every demo organisation has exactly one owner, who can approve and invite staff.
    #[derive(QueryableByName)]
    struct Owners {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        organisations: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        with_one_owner: i64,
    }
    let owners: Owners = diesel::sql_query(
        "SELECT count(*) AS organisations, count(*) FILTER (WHERE owners = 1) AS with_one_owner
           FROM (SELECT coalesce(employer_id, agency_id, centre_id) AS org,
                        count(*) FILTER (WHERE is_owner) AS owners
                   FROM memberships GROUP BY 1) AS o",
    )
    .get_result(&mut app.conn())
    .unwrap();
    assert!(
        owners.organisations >= 6,
        "{} organisations",
        owners.organisations
    );
    assert_eq!(owners.with_one_owner, owners.organisations);
    // Demo placements: one at each state up to approved, an agency's proposal among them.
    #[derive(QueryableByName, Debug, PartialEq)]
    struct ByState {
        #[diesel(sql_type = diesel::sql_types::Text)]
        state: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        origin: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        events: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        signatures: i64,
    }
    let placements: Vec<ByState> = diesel::sql_query(
        "SELECT p.state, p.origin,
                (SELECT count(*) FROM placement_events e WHERE e.placement_id = p.id) AS events,
                (SELECT count(*) FROM contract_signatures s JOIN contracts c ON c.id = s.contract_id
                  WHERE c.placement_id = p.id) AS signatures
           FROM placements p ORDER BY p.state, p.origin",
    )
    .load(&mut app.conn())
    .unwrap();
    let states: std::collections::BTreeSet<&str> =
        placements.iter().map(|p| p.state.as_str()).collect();
    for state in [
        "applied",
        "proposed",
        "invited",
        "shortlisted",
        "offered",
        "under_review",
        "approved",
        "rejected",
        "withdrawn",
    ] {
        assert!(
            states.contains(state),
            "no demo placement is {state}: {placements:?}"
        );
    }
    let approved: Vec<&ByState> = placements
        .iter()
        .filter(|p| p.state == "approved")
        .collect();
    assert!(
        approved.iter().any(|p| p.origin == "proposed"),
        "{placements:?}"
    );
    // applied/proposed/invited → shortlisted → offered → contract_signed → under_review → approved
    assert!(
        approved.iter().all(|p| p.events == 6 && p.signatures == 2),
        "{approved:?}"
    );
    let offered = placements.iter().find(|p| p.state == "offered").unwrap();
    assert_eq!(
        offered.signatures, 1,
        "the employer signed; the candidate has yet to confirm"
    );
    // Approved placements took their positions.
    let filled: i64 =
        diesel::sql_query("SELECT coalesce(sum(positions_filled), 0)::bigint AS n FROM vacancies")
            .get_result::<Count>(&mut app.conn())
            .unwrap()
            .n;
    assert_eq!(filled, approved.len() as i64);
    // The agency-proposed worker sees every step of their case and both signatures.
    let res = app
        .login("azamat.zhumabekov@demo.kg", orgnabor::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(res.status(), 200);
    let token = json_body(res).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let mine = json_body(app.get("/api/v1/placements", Some(&token)).await).await;
    let case = &mine["items"][0];
    assert_eq!(case["state"], "approved");
    assert_eq!(case["origin"], "proposed");
    let id = case["id"].as_str().unwrap();
    let contract = json_body(
        app.get(&format!("/api/v1/placements/{id}/contract"), Some(&token))
            .await,
    )
    .await;
    assert_eq!(contract["versions"][0]["status"], "signed");
    assert_eq!(contract["versions"][0]["worker_fee_rub"], 0);
    assert_eq!(contract["versions"][0]["candidate_signed_locale"], "ky");
    // Every signed contract, published vacancy and agency has its public code.
    let missing: i64 = diesel::sql_query(
        "SELECT (SELECT count(*) FROM contracts c WHERE (SELECT count(*) FROM contract_signatures s
                   WHERE s.contract_id = c.id) = 2
                   AND NOT EXISTS (SELECT 1 FROM verification_codes v WHERE v.object_id = c.id))
              + (SELECT count(*) FROM vacancies x WHERE x.status = 'published'
                   AND NOT EXISTS (SELECT 1 FROM verification_codes v WHERE v.object_id = x.id))
              + (SELECT count(*) FROM agencies a
                   WHERE NOT EXISTS (SELECT 1 FROM verification_codes v WHERE v.object_id = a.id))
              AS n",
    )
    .get_result::<Count>(&mut app.conn())
    .unwrap()
    .n;
    assert_eq!(missing, 0);
    let contracts_with_codes: i64 =
        diesel::sql_query("SELECT count(*) AS n FROM verification_codes WHERE kind = 'contract'")
            .get_result::<Count>(&mut app.conn())
            .unwrap()
            .n;
    assert_eq!(contracts_with_codes, 3, "two approved, one under review");

    // The audit trail of the demo holds no email address.
    let with_email: i64 = diesel::sql_query(
        "SELECT count(*) AS n FROM audit_log
          WHERE coalesce(before::text, '') || coalesce(after::text, '') LIKE '%@%'",
    )
    .get_result::<Count>(&mut app.conn())
    .unwrap()
    .n;
    assert_eq!(with_email, 0);

    let (ok, out) = orgnabor(&app.db, &dir, &["seed-demo"]);
    assert!(ok && out.contains("not loaded again"), "idempotent: {out}");
    let again: i64 = candidate_profiles::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(again, candidates);

    let (ok, out) = orgnabor(&app.db, &dir, &["index-check"]);
    assert!(!ok, "no index yet: {out}");
    let (ok, out) = orgnabor(&app.db, &dir, &["reindex"]);
    assert!(ok, "{out}");
    let (ok, out) = orgnabor(&app.db, &dir, &["index-check"]);
    assert!(ok && out.contains("missing 0, stale 0, extra 0"), "{out}");
    diesel::sql_query("UPDATE candidate_profiles SET version = version + 1 WHERE id = (SELECT id FROM candidate_profiles WHERE searchable LIMIT 1)")
        .execute(&mut app.conn())
        .unwrap();
    let (ok, out) = orgnabor(&app.db, &dir, &["index-check"]);
    assert!(!ok && out.contains("stale 1"), "drift is reported: {out}");

    // The demo index answers a Latin-letter search for welders with welders.
    let index = orgnabor::search::SearchIndex::open(&dir, 20).unwrap();
    let results = orgnabor::search::query::search_vacancies(
        &index,
        &orgnabor::search::query::VacancySearch {
            q: Some("svarshik".into()),
            today: orgnabor::search::schema::day_number(today()),
            limit: 5,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(results.hits.len(), 5);
    let ids: Vec<uuid::Uuid> = results.hits.iter().map(|h| h.id).collect();
    let codes: Vec<String> = vacancies::table
        .filter(vacancies::id.eq_any(&ids))
        .select(vacancies::occupation_code)
        .load(&mut app.conn())
        .unwrap();
    assert!(codes.iter().all(|c| c == "7212"), "{codes:?}");
    drop(index);

    let (ok, out) = orgnabor(
        &app.db,
        &dir,
        &["create-admin", "--email", "Ops@Example.org"],
    );
    assert!(ok, "{out}");
    let role: String = users::table
        .filter(users::email.eq("ops@example.org"))
        .select(users::role)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(role, "admin");
    let (ok, out) = orgnabor(
        &app.db,
        &dir,
        &["create-admin", "--email", "ops@example.org"],
    );
    assert!(!ok && out.contains("already exists"), "{out}");
    assert_eq!(
        app.login("ops@example.org", "Operator passphrase 2026")
            .await
            .status(),
        200
    );
    std::fs::remove_dir_all(&dir).ok();
}
