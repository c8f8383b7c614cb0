//! Reviews by workers who were really placed: only the worker of a placement that reached
//! employment writes one, of its employer and of its agency, once at each stage; the public and
//! the party reviewed see ratings only from five workers on and never who wrote what; the
//! ministry sees every review from the first.

use diesel::prelude::*;
use serde_json::{json, Value};

use crate::contracts::{terms, world_with, World};
use crate::helpers::*;

const PLACEMENTS: &str = "/api/v1/placements";

fn reviews_url(placement: &str) -> String {
    format!("{PLACEMENTS}/{placement}/reviews")
}

async fn go(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    app.post(&format!("{PLACEMENTS}/{id}/transitions"), Some(token), body)
        .await
}

async fn step(app: &TestApp, token: &str, id: &str, body: Value) {
    let res = go(app, token, id, body.clone()).await;
    assert_eq!(res.status(), 200, "{body}");
}

/// A placement (applied or proposed) taken by the employer and the ministry to `approved`.
async fn approved(app: &TestApp, w: &World, migrant: &str, id: &str) {
    step(app, &w.employer.token, id, json!({"to": "shortlisted"})).await;
    step(app, &w.employer.token, id, json!({"to": "offered"})).await;
    let contract = format!("{PLACEMENTS}/{id}/contract");
    let res = app.post(&contract, Some(&w.employer.token), terms()).await;
    assert_eq!(res.status(), 201);
    let signatures = format!("{contract}/signatures");
    for token in [w.employer.token.as_str(), migrant] {
        let res = app
            .post(&signatures, Some(token), json!({"version": 1}))
            .await;
        assert_eq!(res.status(), 200);
    }
    step(
        app,
        &w.ministry.token,
        id,
        json!({"to": "approved", "reason": "Проверено"}),
    )
    .await;
}

/// From `approved` to `employed`. The departure gate has its own tests; here the row is moved on
/// directly, as in the follow-up tests.
async fn employed(app: &TestApp, w: &World, id: &str) {
    diesel::sql_query(format!(
        "UPDATE placements SET state = 'departed' WHERE id = '{id}'"
    ))
    .execute(&mut app.conn())
    .unwrap();
    let start = (today() - chrono::Duration::days(3)).to_string();
    step(
        app,
        &w.employer.token,
        id,
        json!({"to": "arrived", "date": start}),
    )
    .await;
    step(
        app,
        &w.employer.token,
        id,
        json!({"to": "employed", "date": start}),
    )
    .await;
}

/// The migrant's application for the world's vacancy; its id.
async fn apply(app: &TestApp, w: &World, migrant: &str) -> String {
    let res = app
        .post(PLACEMENTS, Some(migrant), json!({"vacancy_id": w.vacancy}))
        .await;
    assert_eq!(res.status(), 201);
    json_body(res).await["id"].as_str().unwrap().to_owned()
}

/// A further migrant with a profile of their own.
async fn another_migrant(app: &TestApp, passport: &str) -> Account {
    let m = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&m.token),
            candidate_body(passport),
        )
        .await;
    assert_eq!(res.status(), 201);
    m
}

fn profile_of(app: &TestApp, user: uuid::Uuid) -> uuid::Uuid {
    use orgnabor::db::schema::candidate_profiles::dsl as c;
    c::candidate_profiles
        .filter(c::user_id.eq(user))
        .select(c::id)
        .first(&mut app.conn())
        .unwrap()
}

fn review(subject: &str, scores: [i64; 3], fee_asked: bool, comment: &str) -> Value {
    json!({
        "subject": subject,
        "truth_of_offer": scores[0],
        "contract_kept": scores[1],
        "treatment": scores[2],
        "fee_asked": fee_asked,
        "comment": comment,
    })
}

async fn write(app: &TestApp, token: &str, placement: &str, body: Value) -> reqwest::Response {
    app.post(&reviews_url(placement), Some(token), body).await
}

fn count(app: &TestApp, sql: &str) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(sql)
        .get_result::<N>(&mut app.conn())
        .unwrap()
        .n
}

#[tokio::test]
async fn the_worker_reviews_employer_and_agency_once_employed_and_again_at_the_end() {
    let w = world_with(3).await;
    let app = &w.app;
    let agency = app.account("agency").await;
    let profile = profile_of(app, w.migrant.id);
    // The person consents to the agency, which proposes them for the vacancy.
    let res = app
        .post(
            &format!("/api/v1/candidates/{profile}/consents"),
            Some(&w.migrant.token),
            json!({"agency_id": agency.agency_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .post(
            PLACEMENTS,
            Some(&agency.token),
            json!({"vacancy_id": w.vacancy, "candidate_id": profile}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    let good = review(
        "employer",
        [5, 4, 4],
        false,
        "Всё как обещали, жильё нормальное.",
    );

    // Before employment: not yet, whatever the state.
    let res = write(app, &w.migrant.token, &id, good.clone()).await;
    assert_problem(res, 409, "review_not_allowed").await;
    approved(app, &w, &w.migrant.token, &id).await;
    let res = write(app, &w.migrant.token, &id, good.clone()).await;
    let problem = assert_problem(res, 409, "review_not_allowed").await;
    assert!(problem["detail"].as_str().unwrap().contains("approved"));
    employed(app, &w, &id).await;

    // Only the worker: not the agency that represents them, not the employer, not the ministry.
    for token in [&agency.token, &w.employer.token, &w.ministry.token] {
        let res = write(app, token, &id, good.clone()).await;
        assert_problem(res, 403, "forbidden").await;
    }
    // Another migrant, or a placement that does not exist: the same 404.
    let stranger = another_migrant(app, "AC7100009").await;
    let res = write(app, &stranger.token, &id, good.clone()).await;
    assert_problem(res, 404, "not_found").await;
    let res = write(
        app,
        &w.migrant.token,
        &uuid::Uuid::now_v7().to_string(),
        good.clone(),
    )
    .await;
    assert_problem(res, 404, "not_found").await;
    // A migrant without a profile: 404 too.
    let bare = app.account("migrant").await;
    let res = write(app, &bare.token, &id, good.clone()).await;
    assert_problem(res, 404, "not_found").await;

    // Bad input: every problem at once, each named.
    let res = write(
        app,
        &w.migrant.token,
        &id,
        json!({"subject": "employer", "truth_of_offer": 0, "contract_kept": 6,
               "comment": "ж".repeat(2001)}),
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    let mut codes = field_codes(&problem);
    codes.sort();
    assert_eq!(
        codes,
        vec![
            ("comment".into(), "too_long".into()),
            ("contract_kept".into(), "out_of_range".into()),
            ("fee_asked".into(), "required".into()),
            ("treatment".into(), "required".into()),
            ("truth_of_offer".into(), "out_of_range".into()),
        ]
    );
    let mut centre = good.clone();
    centre["subject"] = json!("centre");
    let res = write(app, &w.migrant.token, &id, centre).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("subject".into(), "unknown_value".into())]
    );
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM reviews"),
        0,
        "nothing refused was written"
    );

    // What the employer sees of the placement before the review.
    let placement_url = format!("{PLACEMENTS}/{id}");
    let before = json_body(app.get(&placement_url, Some(&w.employer.token)).await).await;
    app.run_pending_jobs().await;
    let mails_before = app.outbox().len();

    // Employed: one review of each party; the comment may be left out.
    let res = write(app, &w.migrant.token, &id, good.clone()).await;
    assert_eq!(res.status(), 201);
    let first = json_body(res).await;
    assert_eq!(first["stage"], "employment");
    assert_eq!(first["subject"], "employer");
    assert_eq!(
        first["employer_id"],
        w.employer.employer_id.unwrap().to_string()
    );
    assert_eq!(first["agency_id"], Value::Null);
    assert_eq!(first["truth_of_offer"], 5);
    assert_eq!(first["fee_asked"], false);
    let res = write(
        app,
        &w.migrant.token,
        &id,
        json!({"subject": "agency", "truth_of_offer": 2, "contract_kept": 3, "treatment": 3,
               "fee_asked": true}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let on_agency = json_body(res).await;
    assert_eq!(
        on_agency["agency_id"],
        agency.agency_id.unwrap().to_string()
    );
    assert_eq!(on_agency["comment"], Value::Null);
    // Once per party at this stage.
    let res = write(app, &w.migrant.token, &id, good.clone()).await;
    assert_problem(res, 409, "already_reviewed").await;
    let res = write(
        app,
        &w.migrant.token,
        &id,
        review("agency", [1, 1, 1], true, ""),
    )
    .await;
    assert_problem(res, 409, "already_reviewed").await;

    // The parties reviewed learn nothing of it: the placement is as it was, nobody was emailed,
    // and the audit trail is not theirs to read.
    let after = json_body(app.get(&placement_url, Some(&w.employer.token)).await).await;
    assert_eq!(before, after);
    app.run_pending_jobs().await;
    assert_eq!(app.outbox().len(), mails_before);
    for token in [&w.employer.token, &agency.token] {
        let res = app
            .get("/api/v1/audit?object_type=review", Some(token))
            .await;
        assert_problem(res, 403, "forbidden").await;
    }
    // The ministry's audit entries hold scores but not the words.
    let audit = json_body(
        app.get("/api/v1/audit?object_type=review", Some(&w.ministry.token))
            .await,
    )
    .await;
    let entries = audit["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e["action"] == "review.written"));
    assert!(!audit.to_string().contains("жильё"), "{audit}");
    // Below five workers the agency and the employer see nothing, not even a count.
    for (path, token) in [
        (
            format!(
                "/api/v1/employers/{}/reviews",
                w.employer.employer_id.unwrap()
            ),
            &w.employer.token,
        ),
        (
            format!("/api/v1/agencies/{}/reviews", agency.agency_id.unwrap()),
            &agency.token,
        ),
    ] {
        let body = json_body(app.get(&path, Some(token)).await).await;
        assert_eq!(body["shown"], false);
        assert_eq!(body["summary"], Value::Null);
        assert_eq!(body["reviews"], json!([]));
        assert_eq!(body["min_reviews"], 5);
        // The ministry sees it from the first, with the placement but not the writer.
        let full = json_body(app.get(&path, Some(&w.ministry.token)).await).await;
        assert_eq!(full["shown"], true);
        assert_eq!(full["summary"]["reviews"], 1);
        assert_eq!(full["reviews"][0]["placement_id"], id);
        assert_eq!(full["reviews"][0]["stage"], "employment");
        assert!(!full.to_string().contains(&w.migrant.id.to_string()));
    }

    // The employment ends early: a review of each party once more, at completion.
    step(
        app,
        &w.migrant.token,
        &id,
        json!({"to": "terminated", "reason": "Зарплату задерживают", "termination": "by_worker"}),
    )
    .await;
    let res = write(
        app,
        &w.migrant.token,
        &id,
        review("employer", [2, 1, 2], false, ""),
    )
    .await;
    assert_eq!(res.status(), 201);
    assert_eq!(json_body(res).await["stage"], "completion");
    let res = write(
        app,
        &w.migrant.token,
        &id,
        review("employer", [2, 1, 2], false, ""),
    )
    .await;
    assert_problem(res, 409, "already_reviewed").await;

    // The worker's own list, newest first.
    let mine = json_body(app.get("/api/v1/me/reviews", Some(&w.migrant.token)).await).await;
    let stages: Vec<(&str, &str)> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["subject"].as_str().unwrap(), r["stage"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stages,
        vec![
            ("employer", "completion"),
            ("agency", "employment"),
            ("employer", "employment")
        ]
    );
    let theirs = json_body(app.get("/api/v1/me/reviews", Some(&stranger.token)).await).await;
    assert_eq!(theirs, json!([]));
    let res = app.get("/api/v1/me/reviews", Some(&agency.token)).await;
    assert_problem(res, 403, "forbidden").await;

    // Append-only for the application's role.
    let edited =
        diesel::sql_query("UPDATE reviews SET treatment = 5").execute(&mut app.runtime_conn());
    assert!(edited.is_err());
    let deleted = diesel::sql_query("DELETE FROM reviews").execute(&mut app.runtime_conn());
    assert!(deleted.is_err());
    assert_eq!(count(app, "SELECT count(*) AS n FROM reviews"), 3);
}

#[tokio::test]
async fn a_placement_without_an_agency_has_no_agency_to_review() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = apply(app, &w, &w.migrant.token).await;
    approved(app, &w, &w.migrant.token, &id).await;
    employed(app, &w, &id).await;
    let res = write(
        app,
        &w.migrant.token,
        &id,
        review("agency", [3, 3, 3], false, ""),
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("subject".into(), "no_agency".into())]
    );
    // Two at once: exactly one is written.
    let body = review("employer", [3, 3, 3], false, "");
    let (a, b) = tokio::join!(
        write(app, &w.migrant.token, &id, body.clone()),
        write(app, &w.migrant.token, &id, body.clone())
    );
    let mut statuses = vec![a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, vec![201, 409]);
    let loser = if a.status() == 409 { a } else { b };
    assert_problem(loser, 409, "already_reviewed").await;
    assert_eq!(count(app, "SELECT count(*) AS n FROM reviews"), 1);
    // Unknown parties are 404.
    for kind in ["employers", "agencies"] {
        let res = app
            .get(
                &format!("/api/v1/{kind}/{}/reviews", uuid::Uuid::now_v7()),
                None,
            )
            .await;
        assert_problem(res, 404, "not_found").await;
    }
}

#[tokio::test]
async fn ratings_are_hidden_below_five_workers_and_shown_from_five_without_their_writers() {
    let w = world_with(6).await;
    let app = &w.app;
    let employer = w.employer.employer_id.unwrap();
    let path = format!("/api/v1/employers/{employer}/reviews");
    let scores = [[5, 1, 5], [4, 2, 5], [3, 3, 5], [5, 4, 5], [4, 5, 4]];
    let fees = [true, false, false, true, false];
    let comments = [
        "Обещали 95 тысяч, платят 95.",
        "",
        "Бригадир кричит.",
        "Хорошо.",
        "Жильё тесное, но тёплое.",
    ];
    let mut workers = vec![w.migrant.clone()];
    for n in 1..5 {
        workers.push(another_migrant(app, &format!("AC710000{n}")).await);
    }
    let mut placements = Vec::new();
    for worker in &workers {
        let id = apply(app, &w, &worker.token).await;
        approved(app, &w, &worker.token, &id).await;
        employed(app, &w, &id).await;
        placements.push(id);
    }
    let public = |body: &Value| {
        // Nothing that names or points to a writer.
        let text = body.to_string();
        for (worker, placement) in workers.iter().zip(&placements) {
            assert!(!text.contains(&worker.id.to_string()), "{text}");
            assert!(!text.contains(&worker.email), "{text}");
            assert!(
                !text.contains(&profile_of(app, worker.id).to_string()),
                "{text}"
            );
            assert!(!text.contains(placement.as_str()), "{text}");
        }
        for word in [
            "Жумабеков",
            "Азамат",
            "written_by",
            "placement_id",
            "stage",
            "created_at",
        ] {
            assert!(!text.contains(word), "{word} in {text}");
        }
    };
    for (i, worker) in workers.iter().enumerate().take(4) {
        let res = write(
            app,
            &worker.token,
            &placements[i],
            review("employer", scores[i], fees[i], comments[i]),
        )
        .await;
        assert_eq!(res.status(), 201);
    }
    // Four workers: hidden from everyone but the ministry, the employer included.
    for token in [
        None,
        Some(w.employer.token.as_str()),
        Some(workers[0].token.as_str()),
    ] {
        let body = json_body(app.get(&path, token).await).await;
        assert_eq!(body["shown"], false, "{body}");
        assert_eq!(body["summary"], Value::Null);
        assert_eq!(body["reviews"], json!([]));
        public(&body);
    }
    let raw = orgnabor::db::models::review::summary_of_employer(&mut app.conn(), employer).unwrap();
    assert_eq!(raw.reviews, 4);
    assert!(raw.public().is_none());
    // The records: nothing public yet; the ministry's full record has all four.
    let record_path = format!("/api/v1/employers/{employer}/record");
    let record = json_body(app.get(&record_path, None).await).await;
    assert_eq!(record["ratings"], Value::Null);
    let full_record = json_body(
        app.get(&format!("{record_path}/full"), Some(&w.ministry.token))
            .await,
    )
    .await;
    assert_eq!(full_record["all_ratings"]["reviews"], 4);
    let full = json_body(app.get(&path, Some(&w.ministry.token)).await).await;
    assert_eq!(full["summary"]["reviews"], 4);
    assert_eq!(full["reviews"].as_array().unwrap().len(), 4);
    // Newest first, each with its placement.
    assert_eq!(full["reviews"][0]["placement_id"], placements[3]);

    // The fifth worker: shown to all, with exact averages.
    let res = write(
        app,
        &workers[4].token,
        &placements[4],
        review("employer", scores[4], fees[4], comments[4]),
    )
    .await;
    assert_eq!(res.status(), 201);
    let expected = json!({
        "reviews": 5,
        "truth_of_offer": 4.2,
        "contract_kept": 3.0,
        "treatment": 4.8,
        "fee_asked": 2,
    });
    // From five workers on the ratings are in the public record and on the vacancy page.
    let record = json_body(app.get(&record_path, None).await).await;
    assert_eq!(record["ratings"], expected);
    let page = json_body(
        app.get(&format!("/api/v1/vacancies/{}", w.vacancy), None)
            .await,
    )
    .await;
    assert_eq!(page["employer"]["record"]["ratings"], expected);
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    for token in [None, Some(w.employer.token.as_str())] {
        let body = json_body(app.get(&path, token).await).await;
        assert_eq!(body["shown"], true);
        assert_eq!(body["summary"], expected);
        public(&body);
        let reviews = body["reviews"].as_array().unwrap();
        assert_eq!(reviews.len(), 5);
        for r in reviews {
            let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(
                keys,
                vec![
                    "comment",
                    "contract_kept",
                    "fee_asked",
                    "month",
                    "treatment",
                    "truth_of_offer"
                ]
            );
            assert_eq!(r["month"], month);
        }
        // Best first (5+4+5 = 14, then 4+5+4 = 13), not in the order written.
        let totals: Vec<i64> = reviews
            .iter()
            .map(|r| {
                ["truth_of_offer", "contract_kept", "treatment"]
                    .iter()
                    .map(|k| r[k].as_i64().unwrap())
                    .sum()
            })
            .collect();
        assert_eq!(totals, vec![14, 13, 11, 11, 11]);
        assert_eq!(reviews[0]["comment"], "Хорошо.");
        let empty = reviews.iter().filter(|r| r["comment"].is_null()).count();
        assert_eq!(empty, 1);
    }
    let raw = orgnabor::db::models::review::summary_of_employer(&mut app.conn(), employer).unwrap();
    assert_eq!(raw.public().map(|s| s.reviews), Some(5));
    assert_eq!(raw.truth_of_offer, Some(4.2));

    // A worker who reviews again at the end counts once, by their latest word; having been asked
    // for a fee stays counted.
    step(
        app,
        &workers[0].token,
        &placements[0],
        json!({"to": "terminated", "reason": "Обманули с жильём", "termination": "by_worker"}),
    )
    .await;
    let res = write(
        app,
        &workers[0].token,
        &placements[0],
        review("employer", [1, 1, 1], false, "В итоге не заплатили."),
    )
    .await;
    assert_eq!(res.status(), 201);
    let body = json_body(app.get(&path, None).await).await;
    assert_eq!(
        body["summary"],
        json!({
            "reviews": 5,
            "truth_of_offer": 3.4,
            "contract_kept": 3.0,
            "treatment": 4.0,
            "fee_asked": 2,
        })
    );
    assert_eq!(body["reviews"].as_array().unwrap().len(), 5);
    assert!(!body.to_string().contains("Обещали 95 тысяч"));
    let full = json_body(app.get(&path, Some(&w.ministry.token)).await).await;
    assert_eq!(full["reviews"].as_array().unwrap().len(), 6);
    assert_eq!(full["reviews"][0]["stage"], "completion");
    assert!(!full.to_string().contains("written_by"));
    // The agency of no placement here has no reviews at all.
    let agency = app.account("agency").await;
    let body = json_body(
        app.get(
            &format!("/api/v1/agencies/{}/reviews", agency.agency_id.unwrap()),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(body["shown"], false);
    let raw =
        orgnabor::db::models::review::summary_of_agency(&mut app.conn(), agency.agency_id.unwrap())
            .unwrap();
    assert_eq!(raw.reviews, 0);
    assert_eq!(raw.truth_of_offer, None);
}
