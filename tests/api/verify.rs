//! "Is this real?": public verification codes of agencies and vacancies, checked without an
//! account at `GET /api/v1/verify/{code}`.

use chrono::Duration;
use diesel::prelude::*;
use orgnabor::db::schema::verification_codes;
use orgnabor::domain::verify::{Kind, VerifyCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

fn verify_path(code: &str) -> String {
    format!("/api/v1/verify/{}", urlencode(code))
}

async fn verify(app: &TestApp, code: &str) -> Value {
    let res = app.get(&verify_path(code), None).await;
    assert_eq!(res.status(), 200, "verify {code}");
    assert_eq!(res.headers()["cache-control"], "no-store");
    json_body(res).await
}

/// A canonical code: a kind letter and 8 Crockford base32 symbols in two groups of four.
fn assert_code_shape(code: &str, letter: char) {
    let chars: Vec<char> = code.chars().collect();
    assert_eq!(chars.len(), 11, "{code}");
    assert_eq!(chars[0], letter, "{code}");
    assert_eq!((chars[1], chars[6]), ('-', '-'), "{code}");
    for (i, c) in chars.iter().enumerate() {
        if i > 1 && i != 6 {
            assert!(
                "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(*c),
                "{code}: {c}"
            );
        }
    }
    assert_eq!(VerifyCode::parse(code).unwrap().to_string(), code);
}

fn agency_body(inn: &str) -> Value {
    json!({
        "name": "ОсОО «Ишеним»", "inn": inn, "country": "KG",
        "contact_email": "director.asanov@ishenim.kg", "contact_phone": "+996555000111",
        "licence_number": format!("ЧАЗ-{inn}"), "licence_issuer": "Минтруд КР",
        "licence_valid_from": (today() - Duration::days(10)).to_string(),
        "licence_valid_to": (today() + Duration::days(700)).to_string(),
        "licence_regions": ["RU-MOW", "RU-SVE"]
    })
}

async fn register_agency(app: &TestApp, ministry: &Account, inn: &str) -> Value {
    let res = app
        .post("/api/v1/agencies", Some(&ministry.token), agency_body(inn))
        .await;
    assert_eq!(res.status(), 201);
    json_body(res).await
}

async fn decide(app: &TestApp, ministry: &Account, agency: &str, action: &str) {
    let res = app
        .post(
            &format!("/api/v1/agencies/{agency}/licence/{action}"),
            Some(&ministry.token),
            json!({"reason": "Проверка жалоб"}),
        )
        .await;
    assert_eq!(res.status(), 200, "{action}");
}

async fn set_status(app: &TestApp, token: &str, vacancy: &str, status: &str) -> Value {
    let res = app
        .post(
            &format!("/api/v1/vacancies/{vacancy}/status"),
            Some(token),
            json!({ "status": status }),
        )
        .await;
    assert_eq!(res.status(), 200, "{status}");
    json_body(res).await
}

fn codes_of(app: &TestApp, object: Uuid) -> Vec<String> {
    verification_codes::table
        .filter(verification_codes::object_id.eq(object))
        .select(verification_codes::code)
        .load(&mut app.conn())
        .unwrap()
}

/// None of these texts (people's names and contact data) appears in `body`.
fn assert_no_personal_data(body: &Value, personal: &[&str]) {
    let text = body.to_string();
    for p in personal {
        assert!(!text.contains(p), "{p} in {text}");
    }
}

#[tokio::test]
async fn an_agency_code_checks_anonymously_and_turns_invalid_when_the_licence_is_suspended() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let agency = register_agency(&app, &ministry, "1234567890").await;
    let id = agency["id"].as_str().unwrap();
    let code = agency["verify_code"].as_str().unwrap().to_owned();
    assert_code_shape(&code, 'A');
    assert_eq!(codes_of(&app, id.parse().unwrap()), vec![code.clone()]);

    // The same code in every view of the agency.
    let check = json_body(
        app.get(
            &format!(
                "/api/v1/agencies/check?licence_number={}",
                urlencode("ЧАЗ-1234567890")
            ),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(check["verify_code"], code);
    let list = json_body(app.get("/api/v1/agencies", None).await).await;
    assert_eq!(list["items"][0]["verify_code"], code);
    let one = json_body(
        app.get(&format!("/api/v1/agencies/{id}"), Some(&ministry.token))
            .await,
    )
    .await;
    assert_eq!(one["verify_code"], code);

    let v = verify(&app, &code).await;
    assert_eq!(v["code"], code);
    assert_eq!(v["kind"], "agency");
    assert_eq!(v["valid"], true);
    assert_eq!(v["status"], "active");
    assert_eq!(v["reason_if_not_valid"], Value::Null);
    assert!(v["checked_at"].as_str().is_some());
    let s = &v["subject"];
    assert_eq!(s["agency_id"], id);
    assert_eq!(s["name"], "ОсОО «Ишеним»");
    assert_eq!(s["licence_number"], "ЧАЗ-1234567890");
    assert_eq!(s["licence_issuer"], "Минтруд КР");
    assert_eq!(s["licence_status"], "active");
    assert_eq!(s["regions"], json!(["RU-MOW", "RU-SVE"]));
    assert_eq!(s["valid_to"], (today() + Duration::days(700)).to_string());
    assert_no_personal_data(
        &v,
        &[
            "director.asanov",
            "+996555000111",
            "ministry-",
            "Test ministry",
        ],
    );

    decide(&app, &ministry, id, "suspend").await;
    let v = verify(&app, &code).await;
    assert_eq!(v["valid"], false);
    assert_eq!(v["status"], "suspended");
    assert_eq!(v["reason_if_not_valid"], "licence_suspended");
    assert_eq!(v["subject"]["licence_status"], "suspended");

    decide(&app, &ministry, id, "reinstate").await;
    assert_eq!(verify(&app, &code).await["valid"], true);
    decide(&app, &ministry, id, "revoke").await;
    let v = verify(&app, &code).await;
    assert_eq!(v["valid"], false);
    assert_eq!(v["reason_if_not_valid"], "licence_revoked");
    assert_eq!(
        codes_of(&app, id.parse().unwrap()),
        vec![code],
        "a licence decision never changes the code"
    );
}

#[tokio::test]
async fn a_vacancy_code_is_valid_while_published_and_a_draft_has_none() {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let res = app
        .post("/api/v1/vacancies", Some(&employer.token), vacancy_body())
        .await;
    assert_eq!(res.status(), 201);
    let draft = json_body(res).await;
    let id = draft["id"].as_str().unwrap().to_owned();
    assert!(
        draft.get("verify_code").is_some(),
        "the field is always there"
    );
    assert_eq!(draft["verify_code"], Value::Null);
    let own = json_body(
        app.get(&format!("/api/v1/vacancies/{id}"), Some(&employer.token))
            .await,
    )
    .await;
    assert_eq!(own["verify_code"], Value::Null);
    assert!(
        codes_of(&app, id.parse().unwrap()).is_empty(),
        "a draft has no code"
    );

    let published = set_status(&app, &employer.token, &id, "published").await;
    let code = published["verify_code"].as_str().unwrap().to_owned();
    assert_code_shape(&code, 'V');
    let public = json_body(app.get(&format!("/api/v1/vacancies/{id}"), None).await).await;
    assert_eq!(public["verify_code"], code);
    let list = json_body(app.get("/api/v1/vacancies", None).await).await;
    assert_eq!(list["items"][0]["id"], id.as_str());
    assert_eq!(list["items"][0]["verify_code"], code);
    app.apply_search_changes().await;
    let found = json_body(
        app.get(
            &format!("/api/v1/vacancies/search?q={}", urlencode("сварщик")),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(found["items"][0]["vacancy"]["id"], id.as_str(), "{found}");
    assert_eq!(found["items"][0]["vacancy"]["verify_code"], code);

    let v = verify(&app, &code).await;
    assert_eq!(v["kind"], "vacancy");
    assert_eq!(v["valid"], true);
    assert_eq!(v["status"], "published");
    let s = &v["subject"];
    assert_eq!(s["vacancy_id"], id.as_str());
    assert_eq!(s["title"], "Сварщик на металлоконструкции");
    assert_eq!(s["region"], "RU-SVE");
    assert_eq!(s["city"], "Екатеринбург");
    assert_eq!(s["status"], "published");
    assert_eq!(s["url"], format!("/api/v1/vacancies/{id}"));
    let employer_row = json_body(
        app.get(
            &format!("/api/v1/employers/{}", employer.employer_id.unwrap()),
            Some(&employer.token),
        )
        .await,
    )
    .await;
    assert_eq!(s["employer_name"], employer_row["name"]);
    assert_eq!(s["employer_inn"], employer_row["inn"]);
    assert_no_personal_data(&v, &["hr@test.ru", &employer.email, "Test employer"]);

    let paused = set_status(&app, &employer.token, &id, "paused").await;
    assert_eq!(
        paused["verify_code"], code,
        "the code stays with the vacancy"
    );
    let v = verify(&app, &code).await;
    assert_eq!(v["valid"], false);
    assert_eq!(v["status"], "paused");
    assert_eq!(v["reason_if_not_valid"], "vacancy_paused");

    // Published again: the same code, valid again.
    let again = set_status(&app, &employer.token, &id, "published").await;
    assert_eq!(again["verify_code"], code);
    assert_eq!(verify(&app, &code).await["valid"], true);
    assert_eq!(codes_of(&app, id.parse().unwrap()), vec![code.clone()]);

    set_status(&app, &employer.token, &id, "closed").await;
    let v = verify(&app, &code).await;
    assert_eq!(v["valid"], false);
    assert_eq!(v["status"], "closed");
    assert_eq!(v["reason_if_not_valid"], "vacancy_closed");
}

#[tokio::test]
async fn a_vacancy_past_its_listing_date_reads_expired() {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let id = app.published_vacancy(&employer.token, vacancy_body()).await;
    let code = codes_of(&app, id.parse().unwrap()).pop().unwrap();
    diesel::sql_query(format!(
        "UPDATE vacancies SET expires_on = current_date - 1 WHERE id = '{id}'"
    ))
    .execute(&mut app.conn())
    .unwrap();
    let v = verify(&app, &code).await;
    assert_eq!(v["valid"], false);
    assert_eq!(v["status"], "expired");
    assert_eq!(v["reason_if_not_valid"], "vacancy_expired");
}

#[tokio::test]
async fn lenient_input_finds_the_code_and_answers_it_canonically() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let code = register_agency(&app, &ministry, "1234567891").await["verify_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let bare = code.replace('-', "");
    let spaced = format!(" {} {} ", &code[..6], &code[7..]);
    let confused = format!(
        "{}{}",
        &code[..1],
        code[1..].replace('0', "o").replace('1', "l")
    );
    for input in [
        code.to_lowercase(),
        bare.clone(),
        bare.to_lowercase(),
        spaced,
        confused,
        format!("{}--{}", &code[..6], &code[6..]),
    ] {
        let v = verify(&app, &input).await;
        assert_eq!(v["code"], code, "{input:?}");
        assert_eq!(v["kind"], "agency");
    }
}

#[tokio::test]
async fn an_unknown_code_is_404_and_a_mistyped_one_says_so() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let code = register_agency(&app, &ministry, "1234567892").await["verify_code"]
        .as_str()
        .unwrap()
        .to_owned();

    // Well formed, never issued: not ours (maybe a fake).
    for kind in [Kind::Vacancy, Kind::Agency, Kind::Contract] {
        let unknown = VerifyCode::generate(kind).to_string();
        let p = assert_problem(
            app.get(&verify_path(&unknown), None).await,
            404,
            "not_found",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().contains("fake"), "{p}");
    }

    // Every single-character change of the real code is told apart as a typing mistake.
    let chars: Vec<char> = code.chars().collect();
    for pos in [0, 2, 5, 10] {
        let mut typo = chars.clone();
        typo[pos] = match (pos, typo[pos]) {
            (0, _) => 'V',
            (_, '7') => '8',
            _ => '7',
        };
        let typo: String = typo.into_iter().collect();
        let p = assert_problem(
            app.get(&verify_path(&typo), None).await,
            422,
            "invalid_verification_code",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().contains("mistyped"), "{p}");
    }
    // Two neighbours swapped.
    let mut swapped = chars.clone();
    let pos = (2..10)
        .find(|&i| i != 5 && i != 6 && swapped[i] != swapped[i + 1])
        .unwrap();
    swapped.swap(pos, pos + 1);
    let swapped: String = swapped.into_iter().collect();
    assert_problem(
        app.get(&verify_path(&swapped), None).await,
        422,
        "invalid_verification_code",
    )
    .await;

    // Not a code at all.
    for garbage in [
        "hello",
        "V-1234",
        "X-7K2M-9QXP",
        "V-7K2M-9QXU",
        "' OR 1=1 --",
    ] {
        let p = assert_problem(
            app.get(&verify_path(garbage), None).await,
            422,
            "invalid_verification_code",
        )
        .await;
        assert!(
            p["detail"]
                .as_str()
                .unwrap()
                .contains("not a verification code"),
            "{p}"
        );
    }

    // The title is in the reader's language.
    let res = app
        .client
        .get(app.url(&verify_path("V-7K2M-9QXD")))
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap();
    let p = assert_problem(res, 422, "invalid_verification_code").await;
    assert!(p["title"].as_str().unwrap().contains("код"), "{p}");
}

#[tokio::test]
async fn checks_are_rate_limited_per_client() {
    let app = spawn_app_with(|s| s.rate_limit.per_client = 1).await;
    // Ten checks per window with `per_client = 1`.
    for _ in 0..10 {
        assert_problem(
            app.get(
                &verify_path(&VerifyCode::generate(Kind::Vacancy).to_string()),
                None,
            )
            .await,
            404,
            "not_found",
        )
        .await;
    }
    let res = app.get(&verify_path("V-7K2M-9QXP"), None).await;
    assert!(res.headers().get("retry-after").is_some());
    assert_problem(res, 429, "rate_limited").await;
}

#[tokio::test]
async fn rows_written_around_the_services_get_codes_and_codes_stay_put() {
    let app = spawn_app().await;
    let staff = app.account("agency").await;
    let agency = staff.agency_id.unwrap();
    assert!(
        codes_of(&app, agency).is_empty(),
        "inserted around the service"
    );
    let mut conn = app.conn();
    let issued = orgnabor::services::verify::ensure_all(&mut conn).unwrap();
    assert!(issued >= 1);
    let code = codes_of(&app, agency).pop().unwrap();
    assert_code_shape(&code, 'A');
    assert_eq!(
        orgnabor::services::verify::ensure_all(&mut conn).unwrap(),
        0
    );
    assert_eq!(
        orgnabor::services::verify::issue(&mut conn, Kind::Agency, agency)
            .unwrap()
            .to_string(),
        code,
        "issue is idempotent"
    );
    assert_eq!(
        verify(&app, &code).await["subject"]["agency_id"],
        agency.to_string()
    );

    // The database refuses a code with a wrong check character, or of the wrong kind.
    for (bad, kind) in [("V-7K2M-9QXD", "vacancy"), ("V-7K2M-9QXP", "agency")] {
        let err = diesel::sql_query(format!(
            "INSERT INTO verification_codes (code, kind, object_id) \
             VALUES ('{bad}', '{kind}', gen_random_uuid())"
        ))
        .execute(&mut conn)
        .unwrap_err()
        .to_string();
        assert!(err.contains("check constraint"), "{bad}: {err}");
    }
    // A code is never moved to another object, not even by the owner.
    let err = diesel::sql_query(format!(
        "UPDATE verification_codes SET object_id = gen_random_uuid() WHERE code = '{code}'"
    ))
    .execute(&mut conn)
    .unwrap_err()
    .to_string();
    assert!(err.contains("append-only"), "{err}");
    let err = diesel::sql_query("DELETE FROM verification_codes")
        .execute(&mut app.runtime_conn())
        .unwrap_err()
        .to_string();
    assert!(err.contains("permission denied"), "{err}");
    assert_eq!(codes_of(&app, agency), vec![code]);
}

#[tokio::test]
async fn the_check_is_documented_as_public_with_its_answer() {
    let app = spawn_app().await;
    let doc = json_body(app.get("/api-docs/openapi.json", None).await).await;
    let op = &doc["paths"]["/api/v1/verify/{code}"]["get"];
    assert_eq!(op["security"], json!([{}]), "{op}");
    for status in ["200", "404", "422", "429"] {
        assert!(op["responses"].get(status).is_some(), "{status} in {op}");
    }
    let schemas = &doc["components"]["schemas"];
    let props = &schemas["Verification"]["properties"];
    for field in [
        "code",
        "kind",
        "valid",
        "status",
        "reason_if_not_valid",
        "checked_at",
        "subject",
    ] {
        assert!(props.get(field).is_some(), "{field} in {props}");
    }
    let vacancy = schemas["VacancyResponse"].to_string();
    assert!(vacancy.contains("\"verify_code\""), "{vacancy}");
    assert!(schemas["AgencyResponse"]["properties"]
        .get("verify_code")
        .is_some());
    assert!(schemas["LicenceCheck"]["properties"]
        .get("verify_code")
        .is_some());
    let codes = schemas["ErrorCode"]["enum"].as_array().unwrap();
    assert!(codes.contains(&json!("invalid_verification_code")));
}

#[tokio::test]
async fn concurrent_issues_for_one_object_agree_on_one_code() {
    let app = spawn_app().await;
    for _ in 0..10 {
        let object = Uuid::now_v7();
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let pool = app.pool.clone();
                std::thread::spawn(move || {
                    let mut conn = pool.get().unwrap();
                    orgnabor::services::verify::issue(&mut conn, Kind::Contract, object)
                        .unwrap()
                        .to_string()
                })
            })
            .collect();
        let codes: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert!(codes.iter().all(|c| c == &codes[0]), "{codes:?}");
        assert_eq!(codes_of(&app, object), vec![codes[0].clone()]);
    }
}

/// Numbers for the report: `cargo test --release --test api verify::measure -- --ignored --nocapture`.
#[tokio::test]
#[ignore]
async fn measure_checks_and_backfill() {
    let app = spawn_app_with(|s| s.rate_limit.per_client = 1000).await;
    let employer = app.account("employer").await;
    let id = app.published_vacancy(&employer.token, vacancy_body()).await;
    let code = codes_of(&app, id.parse().unwrap()).pop().unwrap();
    let mut took = Vec::new();
    for _ in 0..1000 {
        let t = std::time::Instant::now();
        let res = app.get(&verify_path(&code), None).await;
        assert_eq!(res.status(), 200);
        res.bytes().await.unwrap();
        took.push(t.elapsed());
    }
    took.sort();
    println!(
        "GET /verify/{{code}} over 1000: p50 {:?}, p99 {:?}",
        took[500], took[990]
    );
    diesel::sql_query(format!(
        "INSERT INTO vacancies SELECT (jsonb_populate_record(null::vacancies, to_jsonb(v) \
         || jsonb_build_object('id', gen_random_uuid()))).* \
         FROM vacancies v, generate_series(1, 10000) WHERE v.id = '{id}'"
    ))
    .execute(&mut app.conn())
    .unwrap();
    let t = std::time::Instant::now();
    let issued = orgnabor::services::verify::ensure_all(&mut app.conn()).unwrap();
    println!("ensure_all: {issued} codes in {:?}", t.elapsed());
    assert_eq!(issued, 10000);
}
