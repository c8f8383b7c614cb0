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
    // Demo placements: one at each state, an agency's proposal among the approved.
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
        "departed",
        "arrived",
        "employed",
        "completed",
        "rejected",
        "withdrawn",
        "terminated",
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
    // Each step after approval is one more event: departed, arrived, employed, and the end.
    for (state, events) in [
        ("departed", 7),
        ("arrived", 8),
        ("employed", 9),
        ("completed", 10),
        ("terminated", 10),
    ] {
        assert!(
            placements
                .iter()
                .filter(|p| p.state == state)
                .all(|p| p.events == events && p.signatures == 2),
            "{state}: {placements:?}"
        );
    }
    // Approved placements took their positions, and keep them after departure and after work.
    let past_approval = [
        "approved",
        "departed",
        "arrived",
        "employed",
        "completed",
        "terminated",
    ];
    let took: Vec<&ByState> = placements
        .iter()
        .filter(|p| past_approval.contains(&p.state.as_str()))
        .collect();
    let filled: i64 =
        diesel::sql_query("SELECT coalesce(sum(positions_filled), 0)::bigint AS n FROM vacancies")
            .get_result::<Count>(&mut app.conn())
            .unwrap()
            .n;
    assert_eq!(filled, took.len() as i64);
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
    assert_eq!(
        contracts_with_codes,
        took.len() as i64 + 1,
        "every approved one and later, and one under review"
    );

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

#[derive(QueryableByName, Debug)]
struct Named {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// `(name, count)` rows of a query, as a map.
fn counts(app: &TestApp, sql: &str) -> std::collections::BTreeMap<String, i64> {
    diesel::sql_query(sql)
        .load::<Named>(&mut app.conn())
        .unwrap()
        .into_iter()
        .map(|r| (r.name, r.n))
        .collect()
}

fn count(app: &TestApp, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Count>(&mut app.conn())
        .unwrap()
        .n
}

async fn demo_token(app: &TestApp, email: &str) -> String {
    let res = app.login(email, orgnabor::seed::DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200, "{email}");
    json_body(res).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The demo shows a year of organised recruitment: departures through the readiness gate, work,
/// completion and each kind of early end, hire notices, follow-ups answered, bad, overdue and
/// flagged, complaints in every state, and the records and restrictions they make.
#[tokio::test]
async fn demo_data_shows_a_year_after_approval() {
    let app = spawn_app().await;
    let dir = std::env::temp_dir().join(format!("orgnabor-demo-{}", uuid::Uuid::new_v4()));
    let started = std::time::Instant::now();
    let (ok, out) = orgnabor(&app.db, &dir, &["seed-demo"]);
    assert!(ok, "{out}");
    let took = started.elapsed();
    assert!(
        took < std::time::Duration::from_secs(30),
        "the demo load took {took:?}"
    );
    for login in [
        "staff@pdc-bishkek.demo",
        "kanat.alymkulov@demo.kg",
        "asel.mamatova@demo.kg",
        "timur.sultanov@demo.kg",
    ] {
        assert!(out.contains(login), "{login} is printed: {out}");
    }

    // Every termination kind, each with its end date after the start of work.
    let ended = counts(
        &app,
        "SELECT coalesce(termination, state) AS name, count(*) AS n FROM placements
          WHERE state IN ('completed', 'terminated')
            AND ended_on >= employment_start AND ended_on <= current_date
          GROUP BY 1",
    );
    for kind in ["completed", "by_employer", "by_worker", "by_agreement"] {
        assert!(
            ended.get(kind).is_some_and(|n| *n >= 1),
            "{kind}: {ended:?}"
        );
    }
    // Dates follow each other: departure after readiness, arrival after departure, work after
    // arrival, a completed contract ended.
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM placements p
               LEFT JOIN departures d ON d.placement_id = p.id
              WHERE p.state IN ('departed', 'arrived', 'employed', 'completed', 'terminated')
                AND (d.placement_id IS NULL OR d.departure_date > current_date
                     OR (p.state <> 'departed' AND (p.arrived_on IS NULL OR p.arrived_on < d.departure_date))
                     OR (p.state IN ('employed', 'completed', 'terminated')
                         AND (p.employment_start IS NULL OR p.employment_start < p.arrived_on)))"
        ),
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM placements p
               JOIN LATERAL (SELECT * FROM contracts c WHERE c.placement_id = p.id
                              ORDER BY version DESC LIMIT 1) c ON true
              WHERE p.state = 'completed'
                AND p.ended_on <> (c.start_date + make_interval(months => c.duration_months) - interval '1 day')::date"
        ),
        0,
        "completed on the contract's last day"
    );
    // The readiness gate holds for every departure on its date, as the service checks it.
    #[derive(QueryableByName)]
    struct Departed {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: uuid::Uuid,
        #[diesel(sql_type = diesel::sql_types::Date)]
        departure_date: chrono::NaiveDate,
    }
    let departed: Vec<Departed> =
        diesel::sql_query("SELECT placement_id AS id, departure_date FROM departures")
            .load(&mut app.conn())
            .unwrap();
    assert!(departed.len() >= 9, "{} departures", departed.len());
    for d in &departed {
        let mut conn = app.conn();
        let p = orgnabor::db::models::placement::find(&mut conn, d.id).unwrap();
        orgnabor::services::readiness::require_ready(&mut conn, &p, d.departure_date)
            .unwrap_or_else(|e| panic!("{} not ready on {}: {e}", d.id, d.departure_date));
    }
    // The confirmed cohort departed one person and kept one behind, naming the passport.
    let outcomes = counts(
        &app,
        "SELECT cp.outcome AS name, count(*) AS n FROM cohort_placements cp
           JOIN cohorts c ON c.id = cp.cohort_id
          WHERE c.confirmed_at IS NOT NULL GROUP BY 1",
    );
    assert_eq!(outcomes.get("departed"), Some(&1), "{outcomes:?}");
    assert_eq!(outcomes.get("not_ready"), Some(&1), "{outcomes:?}");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM cohort_placements cp JOIN placements p ON p.id = cp.placement_id
              WHERE cp.outcome = 'not_ready' AND p.state = 'approved'
                AND cp.missing @> '[{\"item\": \"passport\", \"reason\": \"expired\"}]'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM cohorts WHERE confirmed_at IS NULL AND departure_date > current_date"
        ),
        1,
        "a cohort is being put together"
    );
    // Orientation: attended sessions in the past, a future one with free seats.
    assert!(
        count(
            &app,
            "SELECT count(*) AS n FROM session_bookings b JOIN orientation_sessions s ON s.id = b.session_id
              WHERE b.attended_at IS NOT NULL AND s.starts_at < now()"
        ) >= 10
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM orientation_sessions
              WHERE booked <> (SELECT count(*) FROM session_bookings b
                                WHERE b.session_id = orientation_sessions.id AND b.cancelled_at IS NULL)"
        ),
        0,
        "seats taken match the bookings"
    );

    // Hire notices: on time, late, and one open past its due date.
    let notices = counts(
        &app,
        "SELECT CASE WHEN filed_on IS NULL AND due_on < current_date THEN 'overdue'
                     WHEN filed_on IS NULL THEN 'open'
                     WHEN filed_on <= due_on THEN 'on_time' ELSE 'late' END AS name,
                count(*) AS n
           FROM hire_notices GROUP BY 1",
    );
    for kind in ["on_time", "late", "overdue"] {
        assert!(
            notices.get(kind).is_some_and(|n| *n >= 1),
            "{kind}: {notices:?}"
        );
    }
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM placements p
              WHERE (p.employment_start IS NOT NULL) <> EXISTS (SELECT 1 FROM hire_notices h WHERE h.placement_id = p.id)"
        ),
        0,
        "every start of work has its notice"
    );

    // Follow-ups: answered on time and well, bad answers, overdue and flagged, closed cases,
    // not yet due — and each one's concerns are what the rules make of its answers.
    let followups = counts(
        &app,
        "SELECT CASE
                  WHEN answered_at IS NOT NULL AND cardinality(concerns) = 0
                       AND answered_at::date <= due_on + 14 THEN 'answered_well_on_time'
                  WHEN answered_at IS NOT NULL AND 'passport_retained' = ANY (concerns)
                       AND case_closed_at IS NULL THEN 'passport_retained_open'
                  WHEN answered_at IS NOT NULL AND cardinality(concerns) > 0
                       AND case_closed_at IS NOT NULL THEN 'bad_closed'
                  WHEN answered_at IS NOT NULL AND cardinality(concerns) > 0 THEN 'bad_open'
                  WHEN 'overdue' = ANY (concerns) AND flagged_at IS NOT NULL THEN 'overdue_flagged'
                  WHEN withdrawn_on IS NOT NULL THEN 'withdrawn'
                  WHEN due_on > current_date THEN 'not_yet_due'
                  ELSE 'due' END AS name,
                count(*) AS n
           FROM followups GROUP BY 1",
    );
    for kind in [
        "answered_well_on_time",
        "passport_retained_open",
        "bad_closed",
        "overdue_flagged",
        "withdrawn",
        "not_yet_due",
        "due",
    ] {
        assert!(
            followups.get(kind).is_some_and(|n| *n >= 1),
            "{kind}: {followups:?}"
        );
    }
    {
        use orgnabor::db::models::followup::Followup;
        use orgnabor::db::schema::followups;
        let all: Vec<Followup> = followups::table
            .select(Followup::as_select())
            .load(&mut app.conn())
            .unwrap();
        for f in all {
            let Some(answers) = f.answers() else {
                // Withdrawn by an early end: never overdue.
                let overdue = f.withdrawn_on.is_none()
                    && orgnabor::domain::followup::status(f.due_on, false, today())
                        == orgnabor::domain::followup::FollowupStatus::Overdue;
                assert_eq!(f.concerns.contains(&"overdue".to_owned()), overdue, "{f:?}");
                continue;
            };
            let want: Vec<String> = orgnabor::domain::followup::concerns(&answers)
                .into_iter()
                .map(|c| c.as_str().to_owned())
                .collect();
            assert_eq!(f.concerns, want, "{f:?}");
            assert_eq!(f.flagged_at.is_some(), !want.is_empty(), "{f:?}");
            assert!(
                orgnabor::domain::followup::may_answer(
                    f.due_on,
                    f.answered_at.unwrap().date_naive()
                ),
                "{f:?}"
            );
        }
    }

    // Complaints: each state, against an employer and the agency, forwarded ones, each with its
    // timeline, and an outcome exactly on the decided ones.
    let complaints = counts(
        &app,
        "SELECT state AS name, count(*) AS n FROM complaints GROUP BY 1",
    );
    for state in ["received", "in_review", "upheld", "dismissed"] {
        assert!(
            complaints.get(state).is_some_and(|n| *n >= 1),
            "{state}: {complaints:?}"
        );
    }
    assert!(
        count(
            &app,
            "SELECT count(*) AS n FROM complaints WHERE against_agency IS NOT NULL"
        ) >= 1
    );
    assert!(
        count(
            &app,
            "SELECT count(*) AS n FROM complaints WHERE against_employer IS NOT NULL"
        ) >= 1
    );
    assert!(
        count(
            &app,
            "SELECT count(*) AS n FROM complaints WHERE forwarded_at IS NOT NULL"
        ) >= 1
    );
    assert!(
        count(
            &app,
            "SELECT count(*) AS n FROM complaints WHERE filed_by_centre IS NOT NULL"
        ) >= 1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM complaints c
              WHERE (SELECT count(*) FROM complaint_events e WHERE e.complaint_id = c.id)
                    <> 1 + (c.forwarded_at IS NOT NULL)::int
                         + CASE c.state WHEN 'received' THEN 0 WHEN 'in_review' THEN 1 ELSE 2 END
                 OR NOT EXISTS (SELECT 1 FROM complaint_events e
                                 WHERE e.complaint_id = c.id AND e.kind = 'filed' AND e.at = c.created_at)"
        ),
        0,
        "each complaint has its timeline"
    );

    // Consequences: the main demo employer can still have placements approved; the one with
    // the upheld unpaid-wages complaint and two bad follow-ups cannot.
    let restricted = counts(
        &app,
        "SELECT e.inn || ':' || r.cause AS name, count(*) AS n
           FROM employer_restrictions r JOIN employers e ON e.id = r.employer_id
          WHERE r.lifted_at IS NULL GROUP BY 1",
    );
    assert_eq!(
        restricted.keys().cloned().collect::<Vec<_>>(),
        vec![
            "7722518362:repeated_bad_followups".to_owned(),
            "7722518362:unpaid_wages_upheld".to_owned()
        ],
        "{restricted:?}"
    );
    let main: uuid::Uuid = orgnabor::db::schema::employers::table
        .filter(orgnabor::db::schema::employers::inn.eq("6658124736"))
        .select(orgnabor::db::schema::employers::id)
        .first(&mut app.conn())
        .unwrap();
    let ministry = demo_token(&app, "reviewer@ministry.demo").await;
    let res = app
        .get(&format!("/api/v1/employers/{main}/record"), Some(&ministry))
        .await;
    assert_eq!(res.status(), 200);
    let record = json_body(res).await;
    for field in [
        "completed",
        "terminated",
        "bad_followups",
        "followups_answered_on_time",
        "hire_notices_late",
    ] {
        assert!(
            record[field].as_i64().is_some_and(|n| n >= 1),
            "{field}: {record}"
        );
    }
    assert!(
        record["bad_followups"].as_i64() < Some(2),
        "below the policy that restricts: {record}"
    );
    // Workers' reviews: too few to publish, all of them in the ministry's full record.
    assert!(record["ratings"].is_null(), "{record}");
    let full = json_body(
        app.get(
            &format!("/api/v1/employers/{main}/record/full"),
            Some(&ministry),
        )
        .await,
    )
    .await;
    let reviewed = full["all_ratings"]["reviews"].as_i64().unwrap();
    assert!((1..5).contains(&reviewed), "{full}");
    assert!(full["all_ratings"]["truth_of_offer"].as_f64().is_some());
    assert!(
        count(
            &app,
            "SELECT count(*) AS n FROM reviews WHERE subject = 'agency'"
        ) >= 1,
        "the agency is reviewed too"
    );

    // Quota: an application in each state, units left at the main employer, none at another,
    // and a closed occupation that blocks a draft.
    demo_quota(&app, main).await;

    // The ministry approves the demo placement under review at the main employer.
    let review: uuid::Uuid = diesel::sql_query(
        "SELECT p.id FROM placements p JOIN vacancies v ON v.id = p.vacancy_id
          WHERE p.state = 'under_review' AND v.employer_id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(main)
    .get_result::<IdRow>(&mut app.conn())
    .unwrap()
    .id;
    let res = app
        .post(
            &format!("/api/v1/placements/{review}/transitions"),
            Some(&ministry),
            serde_json::json!({"to": "approved", "reason": "Договор проверен"}),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", json_body(res).await);
    quota_holds(&app);

    // The ministry's queue: every follow-up flagged with its case open, overdue and bad ones.
    let res = app
        .get(
            "/api/v1/followups?open_cases=true&limit=200",
            Some(&ministry),
        )
        .await;
    assert_eq!(res.status(), 200);
    let queue = json_body(res).await;
    let queue = queue.as_array().unwrap();
    let open = count(
        &app,
        "SELECT count(*) AS n FROM followups WHERE flagged_at IS NOT NULL AND case_closed_at IS NULL",
    );
    assert_eq!(queue.len() as i64, open);
    assert!(queue.iter().all(|f| f["case_open"] == true), "{queue:?}");
    let has = |concern: &str| {
        queue.iter().any(|f| {
            f["concerns"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == concern)
        })
    };
    assert!(has("overdue") && has("passport_retained"), "{queue:?}");

    // A demo worker sees the follow-up due now and answers it; another books the next session.
    let timur = demo_token(&app, "timur.sultanov@demo.kg").await;
    let mine = json_body(app.get("/api/v1/followups", Some(&timur)).await).await;
    let due: Vec<&serde_json::Value> = mine
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "due")
        .collect();
    assert_eq!(due.len(), 1, "{mine}");
    let res = app
        .post(
            &format!(
                "/api/v1/followups/{}/answers",
                due[0]["id"].as_str().unwrap()
            ),
            Some(&timur),
            serde_json::json!({"paid_on_time": true, "paid_in_full": true,
                "hours_as_contracted": true, "housing_as_contracted": true,
                "passport_in_own_hands": true}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let next: uuid::Uuid = diesel::sql_query(
        "SELECT id FROM orientation_sessions WHERE starts_at > now() AND booked < capacity
          ORDER BY starts_at LIMIT 1",
    )
    .get_result::<IdRow>(&mut app.conn())
    .unwrap()
    .id;
    let azamat = demo_token(&app, "azamat.zhumabekov@demo.kg").await;
    let res = app
        .post(
            &format!("/api/v1/sessions/{next}/bookings"),
            Some(&azamat),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(res.status(), 201);
    std::fs::remove_dir_all(&dir).ok();
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
}

/// used <= granted <= cap everywhere, each application's units are the approved placements that
/// took them, and every approved-or-later placement of a citizen who needs quota took one.
fn quota_holds(app: &TestApp) {
    let broken = count(
        app,
        "SELECT (SELECT count(*) FROM quota_applications WHERE used > workers_granted)
              + (SELECT count(*) FROM quota_caps c WHERE c.allocated > c.cap
                   OR c.allocated <> (SELECT coalesce(sum(a.workers_granted), 0)
                                        FROM quota_applications a WHERE a.cap_id = c.id))
              + (SELECT count(*) FROM quota_applications a
                  WHERE a.used <> (SELECT count(*) FROM placements p
                                    WHERE p.quota_application_id = a.id))
              + (SELECT count(*) FROM placements p
                   JOIN candidate_profiles cp ON cp.id = p.candidate_id
                  WHERE p.state IN ('approved', 'departed', 'arrived', 'employed', 'completed',
                                    'terminated')
                    AND cp.citizenship NOT IN (SELECT country FROM quota_exemptions)
                    AND p.quota_application_id IS NULL) AS n",
    );
    assert_eq!(
        broken, 0,
        "used <= granted <= cap, and every unit accounted for"
    );
}

#[derive(QueryableByName, Debug)]
struct Granted {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    year: i32,
    #[diesel(sql_type = diesel::sql_types::Text)]
    region_code: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    occupation_code: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    workers_granted: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    used: i32,
}

fn granted_of(app: &TestApp, inn: &str) -> Vec<Granted> {
    diesel::sql_query(
        "SELECT a.id, a.year, a.region_code, a.occupation_code, a.workers_granted, a.used
           FROM quota_applications a JOIN employers e ON e.id = a.employer_id
          WHERE e.inn = $1 AND a.state IN ('approved', 'partially_approved')",
    )
    .bind::<diesel::sql_types::Text, _>(inn)
    .load(&mut app.conn())
    .unwrap()
}

/// The demo's quota, as the database holds it and as the demo logins see it.
async fn demo_quota(app: &TestApp, main: uuid::Uuid) {
    // One application in each state; every decision with its written reason; every submitted
    // one backed by its vacancy published at least 14 days before.
    let states = counts(
        app,
        "SELECT state AS name, count(*) AS n FROM quota_applications GROUP BY 1",
    );
    for state in [
        "draft",
        "submitted",
        "under_review",
        "approved",
        "partially_approved",
        "rejected",
        "withdrawn",
    ] {
        assert!(
            states.get(state).is_some_and(|n| *n >= 1),
            "no demo quota application is {state}: {states:?}"
        );
    }
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM quota_applications
              WHERE state IN ('approved', 'partially_approved', 'rejected')
                AND (decision_reason IS NULL OR decided_at IS NULL OR decided_at < submitted_at)"
        ),
        0,
        "decisions carry their reasons, after submission"
    );
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM quota_applications a JOIN vacancies v ON v.id = a.vacancy_id
              WHERE a.state <> 'draft' AND (a.submitted_at IS NULL OR v.published_at IS NULL
                 OR v.published_at > a.submitted_at - interval '14 days'
                 OR v.employer_id <> a.employer_id OR v.region_code <> a.region_code
                 OR v.occupation_code <> a.occupation_code)"
        ),
        0,
        "each submitted application's vacancy was offered locally for 14 days first"
    );
    quota_holds(app);

    // The main employer has units left, in the database and in the public caps.
    let mains = granted_of(app, "6658124736");
    let left = mains
        .iter()
        .find(|a| a.used >= 1 && a.used < a.workers_granted)
        .unwrap_or_else(|| panic!("УралСтройМонтаж has no quota with units left: {mains:?}"));
    let caps = json_body(
        app.get(
            &format!(
                "/api/v1/quota/caps?year={}&region={}&occupation={}",
                left.year, left.region_code, left.occupation_code
            ),
            None,
        )
        .await,
    )
    .await;
    let cap = &caps.as_array().unwrap()[0];
    // `used` counts people: printed from 5, withheld (null) below.
    let used_ok = match cap["used"].as_i64() {
        Some(n) => n >= 5 && n < cap["allocated"].as_i64().unwrap(),
        None => cap["used_suppressed"] == true,
    };
    assert!(
        cap["allocated"].as_i64() >= Some(i64::from(left.workers_granted))
            && used_ok
            && cap["allocated"].as_i64() <= cap["cap"].as_i64(),
        "{caps}"
    );

    // A migrant from Uzbekistan (quota needed) finds jobs, only at employers with quota left
    // for them; a Kyrgyz citizen (EAEU) finds at least as many.
    let search = |citizenship: &'static str| async move {
        json_body(
            app.get(
                &format!("/api/v1/vacancies/search?citizenship={citizenship}&limit=100"),
                None,
            )
            .await,
        )
        .await
    };
    app.apply_search_changes().await;
    let uz = search("UZ").await;
    let kg = search("KG").await;
    let uz_items = uz["items"].as_array().unwrap();
    assert!(
        !uz_items.is_empty(),
        "a demo migrant from UZ finds nothing: {uz} (KG: {})",
        kg["total"]
    );
    assert!(
        kg["total"].as_u64() > uz["total"].as_u64(),
        "{} vs {}",
        kg["total"],
        uz["total"]
    );
    for item in uz_items {
        let employer: uuid::Uuid = item["vacancy"]["employer_id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let left = count(
            app,
            &format!(
                "SELECT count(*) AS n FROM quota_applications
                  WHERE employer_id = '{employer}' AND used < workers_granted
                    AND state IN ('approved', 'partially_approved')"
            ),
        );
        assert!(left >= 1, "{item}");
    }
    let hr = demo_token(app, "hr@uralstroymontazh.demo").await;
    let own = json_body(app.get("/api/v1/quota/applications", Some(&hr)).await).await;
    let own = own.as_array().unwrap();
    assert!(
        own.iter().all(|a| a["employer_id"] == main.to_string()),
        "{own:?}"
    );
    let mine = own.iter().find(|a| a["id"] == left.id.to_string()).unwrap();
    assert_eq!(mine["state"], "approved");
    assert!(mine["used"].as_i64() < mine["workers_granted"].as_i64());

    // Another employer has used every unit it was granted, by approved placements.
    let exhausted = granted_of(app, "2301085428");
    assert!(
        !exhausted.is_empty()
            && exhausted
                .iter()
                .all(|a| a.workers_granted >= 1 && a.used == a.workers_granted),
        "{exhausted:?}"
    );

    // The demo closure: marked as a demo rule, in force, and it blocks the demo draft.
    let closed = count(
        app,
        "SELECT count(*) AS n FROM closed_occupations c JOIN quota_applications a
             ON a.year = c.year AND a.region_code = c.region AND a.occupation_code = c.occupation
          WHERE c.legal_source LIKE 'Демо:%' AND c.lifted_at IS NULL AND a.state = 'draft'",
    );
    assert_eq!(closed, 1, "one demo draft for the demo closure");
    let draft: uuid::Uuid = diesel::sql_query(
        "SELECT a.id FROM quota_applications a JOIN closed_occupations c
             ON a.year = c.year AND a.region_code = c.region AND a.occupation_code = c.occupation
          WHERE c.legal_source LIKE 'Демо:%' AND a.state = 'draft'",
    )
    .get_result::<IdRow>(&mut app.conn())
    .unwrap()
    .id;
    let mpl = demo_token(app, "hr@mosprodlogistika.demo").await;
    let res = app
        .post(
            &format!("/api/v1/quota/applications/{draft}/transitions"),
            Some(&mpl),
            serde_json::json!({"to": "submitted"}),
        )
        .await;
    let problem = assert_problem(res, 422, "occupation_closed").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("Демо:"),
        "{problem}"
    );
}
