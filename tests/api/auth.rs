use diesel::prelude::*;
use serde_json::{json, Value};

use crate::helpers::*;

fn token_in(body: &str, prefix: &str) -> String {
    let start = body.find(prefix).expect("token in email");
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

/// The caller's id and (possibly pending) employer membership, read from `/me` and the database:
/// the registration answer itself says nothing about the account.
async fn pending_membership(app: &TestApp, token: &str) -> Value {
    let me = json_body(app.get("/api/v1/me", Some(token)).await).await;
    let id: uuid::Uuid = me["id"].as_str().unwrap().parse().unwrap();
    let m = orgnabor::db::models::user::membership(&mut app.conn(), id)
        .unwrap()
        .unwrap();
    json!({
        "user_id": id.to_string(),
        "employer_id": m.employer_id.map(|e| e.to_string()),
        "membership_pending": m.approved_at.is_none(),
    })
}

async fn register_migrant(app: &TestApp, email: &str) -> Value {
    let res = app
        .post("/api/v1/auth/register", None, json!({
            "email": email, "password": PASSWORD, "full_name": "Айгуль Асанова", "role": "migrant", "locale": "ky"
        }))
        .await;
    // 202 with a neutral body: registration never tells whether the address was new.
    assert_eq!(res.status(), 202);
    json_body(res).await
}

#[tokio::test]
async fn register_sends_a_verification_email_in_the_users_language() {
    let app = spawn_app().await;
    let body = register_migrant(&app, "Aigul@Example.KG").await;
    assert_eq!(body["email"], "aigul@example.kg");
    assert_eq!(body["status"], "check_email");

    assert!(app.outbox().is_empty(), "email goes through the job queue");
    assert_eq!(app.run_pending_jobs().await, 1);
    let sent = app.outbox();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "aigul@example.kg");
    assert!(sent[0].body.contains("Айгуль Асанова"));
    let en_subject = orgnabor::i18n::t(orgnabor::i18n::Locale::En, "email.verify.subject");
    assert_ne!(sent[0].subject, en_subject, "Kyrgyz template chosen");

    let token = token_in(&sent[0].body, "orv_");
    let (access, _) = app.login_ok("aigul@example.kg").await;
    let me = json_body(app.get("/api/v1/me", Some(&access)).await).await;
    assert_eq!(me["email_verified"], false);
    assert_eq!(me["role"], "migrant");

    let res = app
        .post("/api/v1/auth/verify-email", None, json!({"token": token}))
        .await;
    assert_eq!(res.status(), 200);
    let me = json_body(app.get("/api/v1/me", Some(&access)).await).await;
    assert_eq!(me["email_verified"], true);
    // Single use.
    let res = app
        .post("/api/v1/auth/verify-email", None, json!({"token": token}))
        .await;
    assert_problem(res, 401, "invalid_token").await;
}

#[tokio::test]
async fn registration_validates_and_refuses_duplicates() {
    let app = spawn_app().await;
    let res = app.post("/api/v1/auth/register", None, json!({
        "email": "not-an-email", "password": "qwertyuiop", "full_name": "", "role": "ministry"
    })).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    let codes = field_codes(&body);
    for expected in [
        ("email", "invalid_email"),
        ("password", "common_password"),
        ("full_name", "required"),
        ("role", "unknown_value"),
    ] {
        assert!(
            codes.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {codes:?}"
        );
    }
    let res = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({
                "email": "x@y.kg", "password": "a".repeat(129), "full_name": "X", "role": "migrant"
            }),
        )
        .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("password".into(), "too_long".into())]
    );

    let first = register_migrant(&app, "same@example.kg").await;
    // Behaviour change (issue 7, account enumeration): a taken address is answered exactly like
    // a new one, and its owner is told by email instead of the caller by a 409.
    let res = app.post("/api/v1/auth/register", None, json!({
        "email": "SAME@example.kg", "password": PASSWORD, "full_name": "Other", "role": "migrant"
    })).await;
    assert_eq!(res.status(), 202);
    assert_eq!(json_body(res).await, first);
    let count: i64 = orgnabor::db::schema::users::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(count, 1, "nothing half-created");
}

#[tokio::test]
async fn employer_registration_creates_or_asks_to_join_by_inn() {
    let app = spawn_app().await;
    let employer = json!({"inn": "7707083893", "name": "ООО «Сварка»", "region": "RU-SVE", "city": "Екатеринбург"});
    let res = app.post("/api/v1/auth/register", None, json!({
        "email": "hr@svarka.ru", "password": PASSWORD, "full_name": "Ольга", "role": "employer", "employer": employer
    })).await;
    assert_eq!(res.status(), 202);
    let (founder, _) = app.login_ok("hr@svarka.ru").await;
    let first = pending_membership(&app, &founder).await;
    // Knowing a (public) INN proves nothing: even the first account waits for an admin.
    assert_eq!(first["membership_pending"], true);
    let employer_id = first["employer_id"].as_str().unwrap().to_owned();
    assert_problem(
        app.post("/api/v1/vacancies", Some(&founder), vacancy_body())
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get("/api/v1/candidates/search", Some(&founder)).await,
        403,
        "forbidden",
    )
    .await;
    let admin = app.account("admin").await;
    let res = app
        .patch(
            &format!("/api/v1/users/{}", first["user_id"].as_str().unwrap()),
            Some(&admin.token),
            json!({"approve_membership": true}),
        )
        .await;
    let approved = json_body(res).await;
    assert_eq!(approved["membership_approved"], true);
    assert_eq!(
        approved["is_owner"], true,
        "the first approved member owns the employer"
    );
    assert_eq!(
        app.post("/api/v1/vacancies", Some(&founder), vacancy_body())
            .await
            .status(),
        201
    );

    let res = app.post("/api/v1/auth/register", None, json!({
        "email": "intruder@evil.ru", "password": PASSWORD, "full_name": "Иван", "role": "employer", "employer": employer
    })).await;
    assert_eq!(res.status(), 202);
    let (token, _) = app.login_ok("intruder@evil.ru").await;
    let second = pending_membership(&app, &token).await;
    assert_eq!(second["employer_id"], employer_id.as_str());
    assert_eq!(second["membership_pending"], true);
    let res = app
        .get(&format!("/api/v1/employers/{employer_id}"), Some(&token))
        .await;
    assert_problem(res, 404, "not_found").await;
    assert_problem(
        app.post("/api/v1/vacancies", Some(&token), vacancy_body())
            .await,
        403,
        "forbidden",
    )
    .await;

    let admin = app.account("admin").await;
    let res = app
        .patch(
            &format!("/api/v1/users/{}", second["user_id"].as_str().unwrap()),
            Some(&admin.token),
            json!({"approve_membership": true}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .get(&format!("/api/v1/employers/{employer_id}"), Some(&token))
        .await;
    assert_eq!(res.status(), 200, "approved member sees the employer");

    let res = app.post("/api/v1/auth/register", None, json!({
        "email": "bad-inn@x.ru", "password": PASSWORD, "full_name": "X", "role": "employer",
        "employer": {"inn": "7707083894", "ogrn": "1027700132196", "name": "X", "region": "KG-GB", "city": "X"}
    })).await;
    let codes = field_codes(&assert_problem(res, 422, "validation_failed").await);
    assert!(
        codes.contains(&("employer.inn".into(), "invalid_inn".into())),
        "{codes:?}"
    );
    assert!(codes.contains(&("employer.ogrn".into(), "invalid_ogrn".into())));
    assert!(codes.contains(&("employer.region".into(), "invalid_region".into())));
    let res = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({
                "email": "no-org@x.ru", "password": PASSWORD, "full_name": "X", "role": "employer"
            }),
        )
        .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("employer".into(), "required".into())]
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    let migrant = app.account("migrant").await;
    let a = assert_problem(
        app.login(&migrant.email, "Wrong password 1").await,
        401,
        "invalid_credentials",
    )
    .await;
    let b = assert_problem(
        app.login("nobody@nowhere.kg", "Wrong password 1").await,
        401,
        "invalid_credentials",
    )
    .await;
    assert_eq!(a, b);
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": m.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let second = json_body(res).await;
    let second_refresh = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second_refresh, m.refresh_token);
    assert_eq!(
        app.get("/api/v1/me", second["access_token"].as_str())
            .await
            .status(),
        200
    );

    // The first token again: someone copied it. Everything in the family dies.
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": m.refresh_token}),
        )
        .await;
    assert_problem(res, 401, "refresh_token_reused").await;
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": second_refresh}),
        )
        .await;
    assert_problem(res, 401, "invalid_token").await;

    // Other sessions of the same account are untouched.
    let (_, other_refresh) = app.login_ok(&m.email).await;
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": other_refresh}),
        )
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/auth/logout",
            None,
            json!({"refresh_token": m.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 204);
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": m.refresh_token}),
        )
        .await;
    assert_problem(res, 401, "invalid_token").await;
    let res = app
        .post(
            "/api/v1/auth/logout",
            None,
            json!({"refresh_token": m.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 204, "idempotent");
}

#[tokio::test]
async fn tokens_are_not_interchangeable() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    // A refresh token is not a bearer token, an access token is not a refresh token.
    assert_problem(
        app.get("/api/v1/me", Some(&m.refresh_token)).await,
        401,
        "invalid_token",
    )
    .await;
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": m.token}),
        )
        .await;
    assert_problem(res, 401, "invalid_token").await;
    // A verification token cannot reset a password.
    app.post(
        "/api/v1/auth/verify-email/resend",
        Some(&m.token),
        json!({}),
    )
    .await;
    app.run_pending_jobs().await;
    let verify = token_in(&app.outbox()[0].body, "orv_");
    let res = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": verify, "new_password": "A brand new passphrase"}),
        )
        .await;
    assert_problem(res, 401, "invalid_token").await;
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": verify}),
        )
        .await;
    assert_problem(res, 401, "invalid_token").await;
}

#[tokio::test]
async fn forged_expired_and_unsigned_access_tokens_are_refused() {
    use jsonwebtoken::{encode, EncodingKey, Header};
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let now = chrono::Utc::now().timestamp();
    let claims = |exp: i64, aud: &str| json!({"sub": m.id, "iat": now - 10, "exp": exp, "iss": "orgnabor", "aud": aud, "jti": uuid::Uuid::new_v4(), "typ": "access"});
    let secret = secrecy::ExposeSecret::expose_secret(&app.settings.auth.jwt_secret).to_owned();
    let key = EncodingKey::from_secret(secret.as_bytes());

    let good = encode(&Header::default(), &claims(now + 60, "orgnabor-api"), &key).unwrap();
    assert_eq!(
        app.get("/api/v1/me", Some(&good)).await.status(),
        200,
        "control: a well-formed token works"
    );

    let expired = encode(&Header::default(), &claims(now - 120, "orgnabor-api"), &key).unwrap();
    assert_problem(
        app.get("/api/v1/me", Some(&expired)).await,
        401,
        "token_expired",
    )
    .await;
    let wrong_aud = encode(&Header::default(), &claims(now + 60, "someone-else"), &key).unwrap();
    assert_problem(
        app.get("/api/v1/me", Some(&wrong_aud)).await,
        401,
        "invalid_token",
    )
    .await;
    let wrong_key = encode(
        &Header::default(),
        &claims(now + 60, "orgnabor-api"),
        &EncodingKey::from_secret(b"another key entirely, 32+ bytes long"),
    )
    .unwrap();
    assert_problem(
        app.get("/api/v1/me", Some(&wrong_key)).await,
        401,
        "invalid_token",
    )
    .await;
    let hs512 = encode(
        &Header::new(jsonwebtoken::Algorithm::HS512),
        &claims(now + 60, "orgnabor-api"),
        &key,
    )
    .unwrap();
    assert_problem(
        app.get("/api/v1/me", Some(&hs512)).await,
        401,
        "invalid_token",
    )
    .await;
    // alg=none: header and payload with an empty signature.
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let none = format!(
        "{}.{}.",
        b64.encode(r#"{"alg":"none","typ":"JWT"}"#),
        b64.encode(claims(now + 60, "orgnabor-api").to_string())
    );
    assert_problem(
        app.get("/api/v1/me", Some(&none)).await,
        401,
        "invalid_token",
    )
    .await;
    assert_problem(app.get("/api/v1/me", None).await, 401, "unauthenticated").await;

    // The access token carries no personal data.
    let payload = m.token.split('.').nth(1).unwrap();
    let decoded = String::from_utf8(b64.decode(payload).unwrap()).unwrap();
    assert!(
        !decoded.contains(&m.email) && !decoded.contains("migrant"),
        "{decoded}"
    );
}

#[tokio::test]
async fn password_reset_by_emailed_single_use_token() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({"email": m.email}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let res = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({"email": "ghost@nowhere.kg"}),
        )
        .await;
    assert_eq!(res.status(), 202, "same answer for unknown accounts");
    app.run_pending_jobs().await;
    let sent = app.outbox();
    assert_eq!(sent.len(), 1, "only the real account gets mail");
    let token = token_in(&sent[0].body, "orp_");

    let res = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": "123456789012"}),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;
    let res = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": "Issyk-Kul summer 2027"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_problem(
        app.login(&m.email, PASSWORD).await,
        401,
        "invalid_credentials",
    )
    .await;
    assert_eq!(
        app.login(&m.email, "Issyk-Kul summer 2027").await.status(),
        200
    );
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": m.refresh_token}),
        )
        .await;
    assert_problem(res, 401, "invalid_token").await;
    let res = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": "Another good passphrase"}),
        )
        .await;
    assert_problem(res, 401, "invalid_token").await;
}

#[tokio::test]
async fn login_and_reset_are_rate_limited() {
    let app = spawn_app_with(|s| {
        s.rate_limit.per_account = 3;
        s.rate_limit.per_client = 100;
    })
    .await;
    let m = app.account("migrant").await; // one successful login already counted
    for _ in 0..2 {
        assert_eq!(app.login(&m.email, "Wrong password 1").await.status(), 401);
    }
    let res = app.login(&m.email, PASSWORD).await;
    assert!(
        res.headers()
            .get("retry-after")
            .unwrap()
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 0
    );
    assert_problem(res, 429, "rate_limited").await;
    assert_eq!(
        app.login("other@x.kg", "Wrong password 1").await.status(),
        401,
        "other accounts unaffected"
    );

    let app = spawn_app_with(|s| {
        s.rate_limit.per_account = 100;
        s.rate_limit.per_client = 2;
    })
    .await;
    for i in 0..2 {
        let res = app
            .post(
                "/api/v1/auth/password-reset",
                None,
                json!({"email": format!("a{i}@x.kg")}),
            )
            .await;
        assert_eq!(res.status(), 202);
    }
    let res = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({"email": "a9@x.kg"}),
        )
        .await;
    assert_problem(res, 429, "rate_limited").await;
}

#[tokio::test]
async fn disabling_and_role_changes_take_effect_on_the_next_request() {
    let app = spawn_app().await;
    let admin = app.account("admin").await;
    let ministry = app.account("ministry").await;
    assert_eq!(
        app.get("/api/v1/audit", Some(&ministry.token))
            .await
            .status(),
        200
    );

    let res = app
        .patch(
            &format!("/api/v1/users/{}", ministry.id),
            Some(&admin.token),
            json!({"role": "migrant"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_body(res).await["role"], "migrant");
    assert_problem(
        app.get("/api/v1/audit", Some(&ministry.token)).await,
        403,
        "forbidden",
    )
    .await;

    let res = app
        .patch(
            &format!("/api/v1/users/{}", ministry.id),
            Some(&admin.token),
            json!({"disabled": true}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_problem(
        app.get("/api/v1/me", Some(&ministry.token)).await,
        403,
        "account_disabled",
    )
    .await;
    assert_problem(
        app.login(&ministry.email, PASSWORD).await,
        403,
        "account_disabled",
    )
    .await;
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": ministry.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 401);

    let res = app
        .patch(
            &format!("/api/v1/users/{}", admin.id),
            Some(&admin.token),
            json!({"disabled": true}),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;
    let res = app
        .patch(
            &format!("/api/v1/users/{}", uuid::Uuid::now_v7()),
            Some(&admin.token),
            json!({"disabled": true}),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .patch(
            &format!("/api/v1/users/{}", ministry.id),
            Some(&admin.token),
            json!({"role": "pope"}),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;

    let audit: Value = json_body(
        app.get(
            &format!("/api/v1/audit?object_type=user&object_id={}", ministry.id),
            Some(&admin.token),
        )
        .await,
    )
    .await;
    let actions: Vec<_> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, vec!["user.updated", "user.role_changed"]);
    let role_change = &audit["items"][1];
    assert_eq!(role_change["before"]["role"], "ministry");
    assert_eq!(role_change["after"]["role"], "migrant");
    assert_eq!(role_change["actor_id"], admin.id.to_string());
}

/// A request as seen through a trusted proxy that reports `client` as the caller.
async fn post_from(app: &TestApp, client: &str, path: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("x-forwarded-for", client)
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn behind_proxy(s: &mut orgnabor::config::Settings) {
    s.application.trusted_proxies = vec!["127.0.0.1/32".into(), "::1".into()];
}

#[tokio::test]
async fn wrong_passwords_from_one_address_do_not_lock_the_worker_out() {
    let app = spawn_app_with(|s| {
        behind_proxy(s);
        s.rate_limit.per_account = 3;
        s.rate_limit.per_client = 100;
    })
    .await;
    let worker = app.account("migrant").await;
    let wrong = json!({"email": worker.email, "password": "Wrong password 1"});
    for _ in 0..3 {
        let res = post_from(&app, "203.0.113.66", "/api/v1/auth/login", wrong.clone()).await;
        assert_eq!(res.status(), 401);
    }
    let res = post_from(&app, "203.0.113.66", "/api/v1/auth/login", wrong.clone()).await;
    assert_problem(res, 429, "rate_limited").await;
    // The worker, from their own address, still signs in with the right password.
    let right = json!({"email": worker.email, "password": PASSWORD});
    let res = post_from(&app, "198.51.100.7", "/api/v1/auth/login", right).await;
    assert_eq!(
        res.status(),
        200,
        "the attacker's failures locked only the attacker"
    );
}

#[tokio::test]
async fn a_spoofed_forwarded_for_changes_nothing_without_a_trusted_proxy() {
    let app = spawn_app_with(|s| {
        s.rate_limit.per_account = 3;
        s.rate_limit.per_client = 100;
    })
    .await;
    let worker = app.account("migrant").await; // one attempt spent
    let wrong = json!({"email": worker.email, "password": "Wrong password 1"});
    for i in 0..2 {
        let res = post_from(
            &app,
            &format!("203.0.113.{i}"),
            "/api/v1/auth/login",
            wrong.clone(),
        )
        .await;
        assert_eq!(res.status(), 401);
    }
    let res = post_from(&app, "203.0.113.99", "/api/v1/auth/login", wrong).await;
    assert_problem(res, 429, "rate_limited").await;
}

#[tokio::test]
async fn attempts_on_one_account_from_many_addresses_meet_a_higher_ceiling() {
    let app = spawn_app_with(|s| {
        behind_proxy(s);
        s.rate_limit.per_account = 2;
        s.rate_limit.per_client = 100;
        s.rate_limit.per_account_all_clients = Some(5);
    })
    .await;
    let worker = app.account("migrant").await; // one attempt on the account spent (127.0.0.1)
    let wrong = json!({"email": worker.email, "password": "Wrong password 1"});
    for i in 0..4 {
        let res = post_from(
            &app,
            &format!("203.0.113.{i}"),
            "/api/v1/auth/login",
            wrong.clone(),
        )
        .await;
        assert_eq!(res.status(), 401, "attempt {i}");
    }
    let res = post_from(&app, "203.0.113.200", "/api/v1/auth/login", wrong).await;
    assert_problem(res, 429, "rate_limited").await;
}

async fn jobs(app: &TestApp) -> Vec<(String, Value)> {
    use orgnabor::db::schema::jobs::dsl;
    dsl::jobs
        .order(dsl::id.asc())
        .select((dsl::kind, dsl::payload))
        .load(&mut app.conn())
        .unwrap()
}

async fn clear_jobs(app: &TestApp) {
    diesel::delete(orgnabor::db::schema::jobs::table)
        .execute(&mut app.conn())
        .unwrap();
}

#[tokio::test]
async fn a_reset_request_does_the_same_work_for_known_and_unknown_addresses() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let mut seen = Vec::new();
    for email in [m.email.as_str(), "ghost@nowhere.kg"] {
        clear_jobs(&app).await;
        let res = app
            .post("/api/v1/auth/password-reset", None, json!({"email": email}))
            .await;
        assert_eq!(res.status(), 202);
        let body = json_body(res).await;
        let jobs = jobs(&app).await;
        assert_eq!(jobs.len(), 1, "exactly one job for {email}");
        assert_eq!(jobs[0].0, "password_reset");
        assert_eq!(jobs[0].1["email"], email);
        let tokens: i64 = orgnabor::db::schema::email_tokens::table
            .count()
            .get_result(&mut app.conn())
            .unwrap();
        assert_eq!(
            tokens, 0,
            "nothing else is written while the request is answered"
        );
        let mut keys: Vec<_> = jobs[0].1.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        seen.push((body, keys));
    }
    assert_eq!(seen[0], seen[1], "same answer, same job shape");
    // The job, later, emails only the real account.
    clear_jobs(&app).await;
    app.post(
        "/api/v1/auth/password-reset",
        None,
        json!({"email": m.email}),
    )
    .await;
    app.post(
        "/api/v1/auth/password-reset",
        None,
        json!({"email": "ghost@nowhere.kg"}),
    )
    .await;
    app.run_pending_jobs().await;
    let sent = app.outbox();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, m.email);
}

#[tokio::test]
async fn registering_a_taken_address_answers_alike_and_tells_its_owner() {
    let app = spawn_app().await;
    let body = |email: &str| json!({"email": email, "password": PASSWORD, "full_name": "Бакыт", "role": "migrant"});
    let existing = app.account("migrant").await;
    clear_jobs(&app).await;
    let new = app
        .post("/api/v1/auth/register", None, body("fresh@example.kg"))
        .await;
    assert_eq!(new.status(), 202);
    let new_body = json_body(new).await;
    let new_jobs = jobs(&app).await;
    clear_jobs(&app).await;
    let taken = app
        .post("/api/v1/auth/register", None, body(&existing.email))
        .await;
    assert_eq!(taken.status(), 202);
    let taken_body = json_body(taken).await;
    let taken_jobs = jobs(&app).await;
    assert_eq!(new_body["status"], taken_body["status"]);
    assert_eq!(
        new_body.as_object().unwrap().keys().collect::<Vec<_>>(),
        taken_body.as_object().unwrap().keys().collect::<Vec<_>>()
    );
    // One email job either way: a verification link, or a note to the address's owner.
    assert_eq!(
        new_jobs.iter().map(|j| j.0.as_str()).collect::<Vec<_>>(),
        vec!["send_email"]
    );
    assert_eq!(
        taken_jobs.iter().map(|j| j.0.as_str()).collect::<Vec<_>>(),
        vec!["send_email"]
    );
    app.run_pending_jobs().await;
    let sent = app.outbox();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, existing.email);
    let subject = orgnabor::i18n::t(orgnabor::i18n::Locale::En, "email.register_taken.subject");
    assert_eq!(sent[0].subject, subject, "the owner hears of the attempt");
    assert!(!sent[0].body.contains("orv_"), "no token for the stranger");
    // The existing account is untouched: its password still works.
    assert_eq!(app.login(&existing.email, PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn registration_is_rate_limited_per_client() {
    let app = spawn_app_with(|s| {
        s.rate_limit.per_client = 2;
        s.rate_limit.per_account = 100;
    })
    .await;
    for i in 0..2 {
        let res = app.post("/api/v1/auth/register", None, json!({
            "email": format!("r{i}@example.kg"), "password": PASSWORD, "full_name": "X", "role": "migrant"
        })).await;
        assert_eq!(res.status(), 202);
    }
    let res = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({
                "email": "r9@example.kg", "password": PASSWORD, "full_name": "X", "role": "migrant"
            }),
        )
        .await;
    assert_problem(res, 429, "rate_limited").await;
}

#[tokio::test]
async fn an_unlisted_method_is_refused_with_405() {
    let app = spawn_app().await;
    for (method, path) in [
        (reqwest::Method::PUT, "/api/v1/auth/login"),
        (reqwest::Method::DELETE, "/api/v1/me"),
        (
            reqwest::Method::PUT,
            "/api/v1/users/00000000-0000-0000-0000-000000000000",
        ),
        (reqwest::Method::DELETE, "/api/v1/reference/countries"),
    ] {
        let res = app.request(method.clone(), path, None, None).await;
        assert_problem(res, 405, "method_not_allowed").await;
    }
}

#[tokio::test]
async fn a_mistyped_trusted_proxy_stops_the_server_at_start() {
    let db = TestDb::new();
    let mut settings = test_settings();
    settings.database.url = secrecy::SecretString::from(db.url.clone());
    settings.application.port = 0;
    settings.application.trusted_proxies = vec!["10.0.0.5".into(), "10.0.0.0/33".into()];
    settings.search.index_dir =
        std::env::temp_dir().join(format!("orgnabor-proxy-{}", uuid::Uuid::new_v4()));
    let started = orgnabor::startup::Application::build(settings.clone()).await;
    let _ = std::fs::remove_dir_all(&settings.search.index_dir);
    let err = match started {
        Ok(_) => panic!("started with a bad trusted proxy"),
        Err(e) => format!("{e:#}"),
    };
    assert!(
        err.contains("trusted_proxies") && err.contains("10.0.0.0/33"),
        "{err}"
    );
}
