//! Quota policy as data: which citizenships need a quota, which occupations are closed where and
//! when. Public to read, edited by the ministry, every change audited with its reason; the two
//! service questions quota decisions ask.

use chrono::{Datelike, Utc};
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

use orgnabor::services::quota_policy::{closed_rule, exemption_audit_id, needs_quota};

use crate::helpers::{assert_problem, field_codes, json_body, spawn_app, TestApp};

fn this_year() -> i32 {
    Utc::now().year()
}

async fn put(app: &TestApp, path: &str, token: Option<&str>, body: Value) -> reqwest::Response {
    app.request(Method::PUT, path, token, Some(body)).await
}

async fn audit_of(app: &TestApp, token: &str, object_type: &str, id: Uuid) -> Vec<Value> {
    let res = app
        .get(
            &format!("/api/v1/audit?object_type={object_type}&object_id={id}"),
            Some(token),
        )
        .await;
    assert_eq!(res.status(), 200);
    let mut items = json_body(res).await["items"].as_array().unwrap().clone();
    items.reverse(); // oldest first
    items
}

fn closure_body(year: i32, region: Option<&str>, occupation: &str) -> Value {
    json!({
        "year": year,
        "region": region,
        "occupation": occupation,
        "reason": "Ban on patent holders driving taxis",
        "legal_source": "Decree of the Governor No. 1, under Federal Law No. 115-FZ art. 13.3 para. 16"
    })
}

async fn list(app: &TestApp, query: &str) -> Vec<Value> {
    let res = app
        .get(&format!("/api/v1/quota/closed-occupations{query}"), None)
        .await;
    assert_eq!(res.status(), 200, "{query}");
    json_body(res).await.as_array().unwrap().clone()
}

fn keys(rows: &[Value]) -> Vec<(Option<String>, String)> {
    rows.iter()
        .map(|r| {
            (
                r["region"].as_str().map(str::to_owned),
                r["occupation"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_seeded_policy_is_public() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/quota/exemptions", None).await;
    assert_eq!(res.status(), 200);
    let rows = json_body(res).await;
    let countries: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["country"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["AM", "BY", "KG", "KZ", "RU"]);
    for r in rows.as_array().unwrap() {
        let source = r["legal_source"].as_str().unwrap();
        if r["country"] == "RU" {
            assert!(source.contains("115-FZ"), "{source}");
        } else {
            assert!(source.contains("Eurasian Economic Union"), "{source}");
            assert!(source.contains("art. 97"), "{source}");
        }
    }

    let all = list(&app, "?year=2026&active=true").await;
    let all_keys = keys(&all);
    assert!(all_keys.contains(&(None, "5211".into())), "{all_keys:?}");
    assert!(all_keys.contains(&(Some("RU-SPE".into()), "8322".into())));
    assert!(all.iter().all(|r| r["active"] == true && r["year"] == 2026));
    assert!(all
        .iter()
        .all(|r| !r["legal_source"].as_str().unwrap().is_empty()));

    // A region's list holds its own closures and the federal ones, no other region's.
    let spb = keys(&list(&app, "?year=2026&region=RU-SPE").await);
    assert!(spb.contains(&(None, "5211".into())), "{spb:?}");
    assert!(spb.contains(&(Some("RU-SPE".into()), "9621".into())));
    assert!(spb
        .iter()
        .all(|(r, _)| r.is_none() || r.as_deref() == Some("RU-SPE")));

    // An occupation group finds the closures under it.
    let drivers = keys(&list(&app, "?year=2026&occupation=83").await);
    assert!(drivers.contains(&(Some("RU-KHA".into()), "8331".into())));
    assert!(
        drivers.iter().all(|(_, o)| o.starts_with("83")),
        "{drivers:?}"
    );
    assert!(list(&app, "?year=1999").await.is_empty());
    assert!(list(&app, "?active=false").await.is_empty());

    assert_problem(
        app.get("/api/v1/quota/closed-occupations?region=RU-XXX", None)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get("/api/v1/quota/closed-occupations?year=soon", None)
            .await,
        400,
        "invalid_query",
    )
    .await;
}

#[tokio::test]
async fn the_ministry_edits_exemptions_each_change_audited_with_its_reason() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let t = Some(ministry.token.as_str());
    assert!(needs_quota(&mut app.conn(), "UZ").unwrap());

    let res = put(
        &app,
        "/api/v1/quota/exemptions/UZ",
        t,
        json!({"reason": "Bilateral agreement on organized recruitment", "legal_source": "Agreement of 2027"}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert_eq!(body["country"], "UZ");
    assert_eq!(body["legal_source"], "Agreement of 2027");
    assert!(!needs_quota(&mut app.conn(), "UZ").unwrap());

    // Restating it replaces the reason.
    let res = put(
        &app,
        "/api/v1/quota/exemptions/UZ",
        t,
        json!({"reason": "Agreement ratified", "legal_source": "Federal Law ratifying the agreement"}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let rows = json_body(app.get("/api/v1/quota/exemptions", None).await).await;
    let uz = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["country"] == "UZ")
        .unwrap();
    assert_eq!(uz["reason"], "Agreement ratified");

    let res = app
        .delete(
            "/api/v1/quota/exemptions/UZ?reason=Agreement%20suspended",
            t,
        )
        .await;
    assert_eq!(res.status(), 204);
    assert!(needs_quota(&mut app.conn(), "UZ").unwrap());
    let rows = json_body(app.get("/api/v1/quota/exemptions", None).await).await;
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["country"] != "UZ"));
    assert_problem(
        app.delete("/api/v1/quota/exemptions/UZ?reason=again", t)
            .await,
        404,
        "not_found",
    )
    .await;

    let trail = audit_of(
        &app,
        &ministry.token,
        "quota_exemption",
        exemption_audit_id("UZ"),
    )
    .await;
    let actions: Vec<&str> = trail
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "quota_exemption.set",
            "quota_exemption.set",
            "quota_exemption.removed"
        ]
    );
    assert!(trail[0]["before"].is_null());
    assert_eq!(
        trail[0]["after"]["reason"],
        "Bilateral agreement on organized recruitment"
    );
    assert_eq!(
        trail[1]["before"]["reason"],
        "Bilateral agreement on organized recruitment"
    );
    assert_eq!(trail[1]["after"]["reason"], "Agreement ratified");
    assert_eq!(trail[2]["after"]["reason"], "Agreement suspended");
    assert_eq!(trail[2]["after"]["removed"], true);
    assert!(trail
        .iter()
        .all(|e| e["actor_id"] == ministry.id.to_string() && e["actor_role"] == "ministry"));

    // An EAEU member's exemption can end (with a reason); Russia's own cannot.
    let res = app.delete("/api/v1/quota/exemptions/KG", t).await;
    let p = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(field_codes(&p), [("reason".into(), "required".into())]);
    let p = assert_problem(
        app.delete("/api/v1/quota/exemptions/KG?reason=%20%20", t)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field_codes(&p), [("reason".into(), "required".into())]);
    assert_problem(
        app.delete("/api/v1/quota/exemptions/RU?reason=try", t)
            .await,
        409,
        "conflict",
    )
    .await;
    assert!(!needs_quota(&mut app.conn(), "RU").unwrap());
    assert!(!needs_quota(&mut app.conn(), "KG").unwrap());

    // Unknown countries and empty fields are refused, naming the field.
    let p = assert_problem(
        put(
            &app,
            "/api/v1/quota/exemptions/XX",
            t,
            json!({"reason": "r", "legal_source": "s"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&p),
        [("country".into(), "invalid_country".into())]
    );
    let p = assert_problem(
        put(
            &app,
            "/api/v1/quota/exemptions/uz",
            t,
            json!({"reason": "", "legal_source": " "}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let mut codes = field_codes(&p);
    codes.sort();
    assert_eq!(
        codes,
        [
            ("country".into(), "invalid_country".into()),
            ("legal_source".into(), "required".into()),
            ("reason".into(), "required".into()),
        ]
    );
    assert_problem(
        put(
            &app,
            "/api/v1/quota/exemptions/TJ",
            t,
            json!({"reason": "r"}),
        )
        .await,
        400,
        "malformed_body",
    )
    .await;
    assert!(needs_quota(&mut app.conn(), "TJ").unwrap());
}

#[tokio::test]
async fn only_the_ministry_edits_the_policy() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let res = app
        .post(
            "/api/v1/quota/closed-occupations",
            Some(&ministry.token),
            closure_body(this_year() + 1, Some("RU-NVS"), "8322"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    let lift = format!("/api/v1/quota/closed-occupations/{id}/lift");
    let exemption = json!({"reason": "r", "legal_source": "s"});

    let mut tokens = vec![(None, 401, "unauthenticated")];
    for role in ["migrant", "employer", "agency", "centre", "admin"] {
        tokens.push((Some(app.account(role).await.token), 403, "forbidden"));
    }
    for (token, status, code) in &tokens {
        let t = token.as_deref();
        assert_problem(
            put(&app, "/api/v1/quota/exemptions/UZ", t, exemption.clone()).await,
            *status,
            code,
        )
        .await;
        assert_problem(
            app.delete("/api/v1/quota/exemptions/KG?reason=r", t).await,
            *status,
            code,
        )
        .await;
        assert_problem(
            app.post(
                "/api/v1/quota/closed-occupations",
                t,
                closure_body(this_year(), None, "7212"),
            )
            .await,
            *status,
            code,
        )
        .await;
        assert_problem(
            app.post(&lift, t, json!({"reason": "r"})).await,
            *status,
            code,
        )
        .await;
    }
    // Nothing changed.
    assert!(!needs_quota(&mut app.conn(), "KG").unwrap());
    assert!(needs_quota(&mut app.conn(), "UZ").unwrap());
    let rows = list(&app, &format!("?year={}", this_year() + 1)).await;
    assert_eq!(keys(&rows), [(Some("RU-NVS".into()), "8322".into())]);
    assert_eq!(rows[0]["active"], true);
}

#[tokio::test]
async fn closures_are_filed_and_lifted_once_each_audited() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let t = Some(ministry.token.as_str());
    let year = this_year() + 1;

    let res = app
        .post(
            "/api/v1/quota/closed-occupations",
            t,
            closure_body(year, Some("RU-NVS"), "832"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let created = json_body(res).await;
    assert_eq!(created["region"], "RU-NVS");
    assert_eq!(created["occupation"], "832");
    assert_eq!(created["active"], true);
    let id: Uuid = created["id"].as_str().unwrap().parse().unwrap();

    // The same closure twice is a conflict; another region or year is not.
    let p = assert_problem(
        app.post(
            "/api/v1/quota/closed-occupations",
            t,
            closure_body(year, Some("RU-NVS"), "832"),
        )
        .await,
        409,
        "conflict",
    )
    .await;
    assert!(
        p["detail"].as_str().unwrap().contains(&id.to_string()),
        "{p}"
    );
    for body in [
        closure_body(year, Some("RU-TYU"), "832"),
        closure_body(year, None, "832"),
        closure_body(this_year(), Some("RU-NVS"), "832"),
    ] {
        let res = app
            .post("/api/v1/quota/closed-occupations", t, body.clone())
            .await;
        assert_eq!(res.status(), 201, "{body}");
    }
    // A federal duplicate is a conflict too (NULL regions are equal here).
    assert_problem(
        app.post(
            "/api/v1/quota/closed-occupations",
            t,
            closure_body(year, None, "832"),
        )
        .await,
        409,
        "conflict",
    )
    .await;

    let lift = format!("/api/v1/quota/closed-occupations/{id}/lift");
    let p = assert_problem(
        app.post(&lift, t, json!({"reason": " "})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field_codes(&p), [("reason".into(), "required".into())]);
    let res = app
        .post(&lift, t, json!({"reason": "The decree was repealed"}))
        .await;
    assert_eq!(res.status(), 200);
    let lifted = json_body(res).await;
    assert_eq!(lifted["active"], false);
    assert_eq!(lifted["lift_reason"], "The decree was repealed");
    assert!(lifted["lifted_at"].is_string());
    assert_problem(
        app.post(&lift, t, json!({"reason": "again"})).await,
        409,
        "invalid_transition",
    )
    .await;
    assert_problem(
        app.post(
            &format!("/api/v1/quota/closed-occupations/{}/lift", Uuid::now_v7()),
            t,
            json!({"reason": "r"}),
        )
        .await,
        404,
        "not_found",
    )
    .await;

    // Lifted, it stays listed; and it can be filed again.
    let history = list(&app, &format!("?year={year}&region=RU-NVS&active=false")).await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["id"], id.to_string());
    let res = app
        .post(
            "/api/v1/quota/closed-occupations",
            t,
            closure_body(year, Some("RU-NVS"), "832"),
        )
        .await;
    assert_eq!(res.status(), 201);

    let trail = audit_of(&app, &ministry.token, "closed_occupation", id).await;
    let actions: Vec<&str> = trail
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["closed_occupation.added", "closed_occupation.lifted"]
    );
    assert_eq!(trail[0]["after"]["occupation"], "832");
    assert_eq!(
        trail[0]["after"]["reason"],
        "Ban on patent holders driving taxis"
    );
    assert_eq!(trail[1]["before"]["lifted"], false);
    assert_eq!(trail[1]["after"]["lifted"], true);
    assert_eq!(trail[1]["after"]["lift_reason"], "The decree was repealed");
    assert_eq!(trail[1]["actor_id"], ministry.id.to_string());
}

#[tokio::test]
async fn bad_closures_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let t = Some(ministry.token.as_str());
    let y = this_year();
    let before = list(&app, "").await.len();
    let cases = [
        (closure_body(y + 3, None, "8322"), "year", "out_of_range"),
        (closure_body(y - 2, None, "8322"), "year", "out_of_range"),
        (
            closure_body(y, Some("RU-XXX"), "8322"),
            "region",
            "invalid_region",
        ),
        (
            closure_body(y, Some("KG-GB"), "8322"),
            "region",
            "invalid_region",
        ),
        (
            closure_body(y, None, "0000"),
            "occupation",
            "invalid_occupation",
        ),
        (
            closure_body(y, None, "01"),
            "occupation",
            "invalid_occupation",
        ),
        (
            closure_body(y, None, "83221"),
            "occupation",
            "invalid_occupation",
        ),
        (
            closure_body(y, None, "8a"),
            "occupation",
            "invalid_occupation",
        ),
        (
            closure_body(y, None, ""),
            "occupation",
            "invalid_occupation",
        ),
    ];
    for (body, field, code) in cases {
        let p = assert_problem(
            app.post("/api/v1/quota/closed-occupations", t, body.clone())
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(field_codes(&p), [(field.into(), code.into())], "{body}");
    }
    let mut empty = closure_body(y, None, "8322");
    empty["reason"] = json!("");
    empty["legal_source"] = json!("\u{200b}");
    let p = assert_problem(
        app.post("/api/v1/quota/closed-occupations", t, empty).await,
        422,
        "validation_failed",
    )
    .await;
    let mut codes = field_codes(&p);
    codes.sort();
    assert_eq!(
        codes,
        [
            ("legal_source".into(), "required".into()),
            ("reason".into(), "required".into())
        ]
    );
    let mut long = closure_body(y, None, "8322");
    long["legal_source"] = json!("x".repeat(501));
    let p = assert_problem(
        app.post("/api/v1/quota/closed-occupations", t, long).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&p),
        [("legal_source".into(), "too_long".into())]
    );
    assert_problem(
        app.post(
            "/api/v1/quota/closed-occupations",
            t,
            json!({"year": y, "occupation": "8322", "reason": "r", "legal_source": "s", "sector": "x"}),
        )
        .await,
        400,
        "malformed_body",
    )
    .await;
    assert_eq!(list(&app, "").await.len(), before);
}

#[tokio::test]
async fn the_service_answers_who_needs_quota_and_what_is_closed() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let t = Some(ministry.token.as_str());
    for (c, needs) in [
        ("KG", false),
        ("KZ", false),
        ("RU", false),
        ("UZ", true),
        ("TJ", true),
    ] {
        assert_eq!(needs_quota(&mut app.conn(), c).unwrap(), needs, "{c}");
    }

    // The seeds: a federal closure applies in every region, a regional one in its region only.
    let seeded = closed_rule(&mut app.conn(), 2026, "RU-MOW", "5211")
        .unwrap()
        .expect("markets are closed in 2026");
    assert!(seeded.region.is_none());
    assert!(seeded.legal_source.contains("1995"));
    let spb = closed_rule(&mut app.conn(), 2026, "RU-SPE", "8322")
        .unwrap()
        .expect("taxis in Saint Petersburg");
    assert_eq!(spb.region.as_deref(), Some("RU-SPE"));
    assert!(closed_rule(&mut app.conn(), 2026, "RU-MOW", "8322")
        .unwrap()
        .is_none());

    // A group closure for a region and year.
    let year = this_year() + 1;
    let res = app
        .post(
            "/api/v1/quota/closed-occupations",
            t,
            closure_body(year, Some("RU-NVS"), "83"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let group: Uuid = json_body(res).await["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let rule = |year: i32, region: &str, occupation: &str| {
        closed_rule(&mut app.conn(), year, region, occupation)
            .unwrap()
            .map(|r| r.id)
    };
    assert_eq!(rule(year, "RU-NVS", "8322"), Some(group));
    assert_eq!(rule(year, "RU-NVS", "8331"), Some(group));
    assert_eq!(rule(year, "RU-NVS", "7212"), None);
    assert_eq!(rule(year, "RU-SVE", "8322"), None);
    assert_eq!(rule(year - 1, "RU-NVS", "8322"), None);
    assert_eq!(rule(year + 1, "RU-NVS", "8322"), None);

    // The most specific rule is the one named.
    let res = app
        .post(
            "/api/v1/quota/closed-occupations",
            t,
            closure_body(year, Some("RU-NVS"), "8322"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let taxi: Uuid = json_body(res).await["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let found = closed_rule(&mut app.conn(), year, "RU-NVS", "8322")
        .unwrap()
        .unwrap();
    assert_eq!(found.id, taxi);
    assert_eq!(found.occupation, "8322");
    assert_eq!(found.year, year);
    assert_eq!(found.reason, "Ban on patent holders driving taxis");
    assert_eq!(rule(year, "RU-NVS", "8331"), Some(group));

    // Lifted, neither applies any more.
    for id in [taxi, group] {
        let res = app
            .post(
                &format!("/api/v1/quota/closed-occupations/{id}/lift"),
                t,
                json!({"reason": "Repealed"}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    assert_eq!(rule(year, "RU-NVS", "8322"), None);
    assert_eq!(rule(year, "RU-NVS", "8331"), None);
}
