//! Input an attacker (or a copy-paste) sends: NUL characters, invisible and bidi text, dates out
//! of any sensible window, and what a 500 looks like.

use std::collections::HashMap;

use chrono::Duration;
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

const NUL_TEXT: &str = "N\u{0}L";

/// Follows a `#/components/schemas/...` reference.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or_default();
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn first_type(schema: &Value) -> Option<&str> {
    match &schema["type"] {
        Value::String(t) => Some(t.as_str()),
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

/// A plausible value for `schema`, recording the path of every string in it.
fn sample(
    doc: &Value,
    schema: &Value,
    path: &str,
    depth: usize,
    strings: &mut Vec<String>,
) -> Value {
    let schema = resolve(doc, schema);
    if depth > 6 {
        return Value::Null;
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(variants) = schema[key].as_array() {
            if let Some(v) = variants.iter().find(|v| resolve(doc, v)["type"] != "null") {
                return sample(doc, v, path, depth + 1, strings);
            }
        }
    }
    let ty = first_type(schema).or(schema.get("properties").map(|_| "object"));
    match ty {
        Some("object") => {
            let mut map = serde_json::Map::new();
            if let Some(props) = schema["properties"].as_object() {
                for (name, prop) in props {
                    let p = if path.is_empty() {
                        name.clone()
                    } else {
                        format!("{path}.{name}")
                    };
                    map.insert(name.clone(), sample(doc, prop, &p, depth + 1, strings));
                }
            }
            Value::Object(map)
        }
        Some("array") => {
            let item = sample(
                doc,
                &schema["items"],
                &format!("{path}[0]"),
                depth + 1,
                strings,
            );
            Value::Array(vec![item])
        }
        Some("string") => {
            strings.push(path.to_owned());
            if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
                return first.clone();
            }
            match schema["format"].as_str() {
                Some("date") => json!((today() + Duration::days(30)).to_string()),
                Some("date-time") => json!("2026-01-01T00:00:00Z"),
                Some("uuid") => json!(Uuid::nil()),
                Some("email") => json!("someone@example.kg"),
                _ => json!("text"),
            }
        }
        Some("integer") | Some("number") => json!(1),
        Some("boolean") => json!(true),
        _ => Value::Null,
    }
}

/// A body the route accepts, for the routes where a NUL used to reach the database.
fn valid_base(method: &Method, path: &str) -> Option<Value> {
    match (method.as_str(), path) {
        ("POST", "/api/v1/auth/register") => Some(json!({
            "email": "nul-walk@example.kg", "password": PASSWORD, "full_name": "Айгуль Асанова",
            "role": "migrant", "locale": "ky"
        })),
        ("POST", "/api/v1/auth/login") => {
            Some(json!({"email": "x@example.kg", "password": PASSWORD}))
        }
        ("POST", "/api/v1/candidates") => Some(candidate_body("AC9988776")),
        ("POST", "/api/v1/vacancies") => Some(vacancy_body()),
        ("POST", "/api/v1/centres") => Some(json!({
            "name": "Центр (Ош)", "region": "KG-GO", "city": "Ош", "contact_phone": "+996 3222 5 55 55"
        })),
        _ => None,
    }
}

/// Puts a NUL into the string at `path` (`a.b[0].c`), keeping the rest of the value as it was
/// so that the body is otherwise as the route accepts it.
fn put_nul(body: &mut Value, path: &str) {
    let mut target = body;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !name.is_empty() {
            target = &mut target[name];
        }
        if let Some(i) = index {
            target = &mut target[i];
        }
    }
    *target = match target.as_str() {
        Some(text) if !text.is_empty() => json!(format!("{text}\u{0}")),
        _ => json!(NUL_TEXT),
    };
}

/// Every operation of the OpenAPI document with this method set, as (method, path, operation).
fn operations(doc: &Value, methods: &[&str]) -> Vec<(Method, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in methods {
            if let Some(op) = item.get(*m) {
                out.push((m.to_uppercase().parse().unwrap(), path.clone(), op.clone()));
            }
        }
    }
    out
}

fn with_ids(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        out.push_str(&Uuid::now_v7().to_string());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The token of the first role the operation's security names, signed in once per role.
async fn token_for(
    app: &TestApp,
    op: &Value,
    tokens: &mut HashMap<String, String>,
) -> Option<String> {
    let role = op["security"]
        .as_array()
        .and_then(|s| {
            s.iter()
                .find_map(|req| req["bearer"].as_array()?.first()?.as_str())
        })?
        .to_owned();
    if !tokens.contains_key(&role) {
        let account = app.account(&role).await;
        tokens.insert(role.clone(), account.token);
    }
    tokens.get(&role).cloned()
}

async fn openapi(app: &TestApp) -> Value {
    json_body(app.get("/api-docs/openapi.json", None).await).await
}

/// A 422 problem naming `field` as `forbidden_character`.
async fn refuses_nul(res: reqwest::Response, field: &str) -> bool {
    let is_problem = res
        .headers()
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if res.status().as_u16() != 422 || !is_problem {
        return false;
    }
    let problem: Value = res.json().await.unwrap_or_default();
    problem["code"] == "validation_failed"
        && field_codes(&problem).contains(&(field.to_owned(), "forbidden_character".to_owned()))
}

fn assert_names(problem: &Value, field: &str, code: &str, context: &str) {
    assert!(
        field_codes(problem).contains(&(field.to_owned(), code.to_owned())),
        "{context}: expected ({field}, {code}) in {problem}"
    );
}

#[tokio::test]
async fn a_nul_in_any_string_of_any_write_route_is_422_never_500() {
    let app = spawn_app().await;
    let doc = openapi(&app).await;
    let mut tokens = HashMap::new();
    let ops = operations(&doc, &["post", "patch", "put", "delete"]);
    let routes = ops.len();
    assert!(
        ops.len() >= 20,
        "the document lists the write routes: {}",
        ops.len()
    );
    let mut sent = 0;
    let mut statuses = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for (method, path, op) in ops {
        let token = token_for(&app, &op, &mut tokens).await;
        let schema = &op["requestBody"]["content"]["application/json"]["schema"];
        let mut strings = Vec::new();
        let body = if schema.is_null() {
            strings.push("note".to_owned());
            json!({"note": "text"})
        } else {
            let mut body = sample(&doc, schema, "", 0, &mut strings);
            if let (Some(base), Some(map)) = (valid_base(&method, &path), body.as_object_mut()) {
                map.extend(base.as_object().cloned().unwrap_or_default());
            }
            body
        };
        assert!(
            !strings.is_empty() || schema.is_null(),
            "{method} {path}: no string field"
        );
        for field in strings {
            let mut hostile = body.clone();
            put_nul(&mut hostile, &field);
            let res = app
                .request(
                    method.clone(),
                    &with_ids(&path),
                    token.as_deref(),
                    Some(hostile),
                )
                .await;
            let status = res.status().as_u16();
            *statuses.entry(status).or_insert(0) += 1;
            sent += 1;
            if !refuses_nul(res, &field).await {
                failures.push(format!("{method} {path} with a NUL in {field}: {status}"));
            }
        }
    }
    println!("{routes} write routes, {sent} string fields each sent with a NUL: {statuses:?}");
    assert!(sent >= 60, "strings tried: {sent}");
    assert!(
        failures.is_empty(),
        "{} not refused:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_nul_in_the_query_of_any_get_route_is_422() {
    let app = spawn_app().await;
    let doc = openapi(&app).await;
    let mut tokens = HashMap::new();
    let ops = operations(&doc, &["get"]);
    let routes = ops.len();
    assert!(routes >= 10, "{routes}");
    let mut statuses = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for (method, path, op) in ops {
        let token = token_for(&app, &op, &mut tokens).await;
        let name = op["parameters"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["in"] == "query"))
            .and_then(|p| p["name"].as_str())
            .unwrap_or("q")
            .to_owned();
        let url = format!("{}?{name}=a%00b", with_ids(&path));
        let res = app.request(method, &url, token.as_deref(), None).await;
        let status = res.status().as_u16();
        *statuses.entry(status).or_insert(0) += 1;
        if !refuses_nul(res, &name).await {
            failures.push(format!("GET {url}: {status}"));
        }
    }
    println!("{routes} read routes with a NUL in the query: {statuses:?}");
    assert!(
        failures.is_empty(),
        "{} not refused:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_nul_in_a_path_segment_is_400() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    for (method, path) in [
        (Method::GET, "/api/v1/vacancies/%00"),
        (Method::PATCH, "/api/v1/vacancies/ab%00cd"),
        (Method::GET, "/api/v1/reference/regions%00"),
    ] {
        let res = app
            .request(method, path, Some(&e.token), Some(json!({})))
            .await;
        assert_problem(res, 400, "invalid_path").await;
    }
}

/// Sends `body` with `Transfer-Encoding: chunked`; returns the status line.
fn chunked_post(port: u16, path: &str, body: &[u8]) -> String {
    use std::io::{BufRead, BufReader, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    for chunk in body.chunks(8192) {
        // The server may answer and close before the last chunk: that is the point.
        if stream
            .write_all(format!("{:X}\r\n", chunk.len()).as_bytes())
            .is_err()
            || stream.write_all(chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let mut line = String::new();
    BufReader::new(stream).read_line(&mut line).unwrap();
    line
}

#[tokio::test]
async fn bodies_without_nul_pass_unchanged_and_the_body_limit_holds() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    // The six characters `\u0000` typed as text are not a NUL and are stored as typed.
    let mut body = candidate_body("AC1234567");
    body["skills"] = json!("Сварщик, пишу \\u0000 как текст");
    let res = app.post("/api/v1/candidates", Some(&m.token), body).await;
    assert_eq!(res.status(), 201);
    let created = json_body(res).await;
    assert_eq!(created["skills"], "Сварщик, пишу \\u0000 как текст");

    // A NUL in a key.
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email\u{0}": "a@b.kg", "password": "x"}),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["invalid_params"][0]["code"], "forbidden_character");

    // Too large: still 413, whether the length is declared or not.
    let big = json!({"email": "a@b.kg", "password": "x".repeat(70 * 1024)});
    let res = app.post("/api/v1/auth/login", None, big.clone()).await;
    assert_problem(res, 413, "payload_too_large").await;
    // Chunked, with no Content-Length: read here up to the limit only.
    let (port, bytes) = (app.port, serde_json::to_vec(&big).unwrap());
    let status =
        tokio::task::spawn_blocking(move || chunked_post(port, "/api/v1/auth/login", &bytes))
            .await
            .unwrap();
    assert!(status.starts_with("HTTP/1.1 413"), "{status}");

    // Not JSON at all: the extractor's own answer, as before.
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"email\": \"a\u{0}")
        .send()
        .await
        .unwrap();
    assert_problem(res, 400, "malformed_body").await;
}

#[tokio::test]
async fn a_500_names_its_correlation_id_without_placeholders() {
    let app = spawn_app().await;
    // A broken database: the table the route reads is gone.
    diesel::sql_query("ALTER TABLE vacancies RENAME TO vacancies_gone")
        .execute(&mut app.conn())
        .unwrap();
    for lang in ["en", "ru", "ky", "uz", "tg"] {
        let res = app
            .client
            .get(app.url(&format!("/api/v1/vacancies/{}", Uuid::now_v7())))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        let problem = assert_problem(res, 500, "internal").await;
        let id = problem["correlation_id"].as_str().unwrap();
        let title = problem["title"].as_str().unwrap();
        let detail = problem["detail"].as_str().unwrap();
        assert!(!title.contains(['{', '}']), "{lang} title: {title}");
        assert!(!detail.contains(['{', '}']), "{lang} detail: {detail}");
        assert!(detail.contains(id), "{lang} detail quotes {id}: {detail}");
        assert!(!problem.to_string().contains("vacancies_gone"), "{problem}");
    }
}

#[tokio::test]
async fn invisible_and_bidi_text_is_refused() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let mut body = candidate_body("AC7654321");
    body["first_name"] = json!("\u{200B}");
    body["last_name"] = json!("Жума\u{202E}беков");
    let res = app.post("/api/v1/candidates", Some(&m.token), body).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_names(&problem, "first_name", "required", "ZWSP-only first name");
    assert_names(
        &problem,
        "last_name",
        "forbidden_character",
        "RLO in last name",
    );

    let e = app.account("employer").await;
    let mut body = vacancy_body();
    body["city"] = json!("Екатеринбург\u{202E}");
    let res = app.post("/api/v1/vacancies", Some(&e.token), body).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_names(&problem, "city", "forbidden_character", "RLO in city");
    let mut body = vacancy_body();
    body["title"] = json!("\u{200B}\u{200B}\u{200B}");
    let res = app.post("/api/v1/vacancies", Some(&e.token), body).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_names(&problem, "title", "required", "ZWSP-only title");

    // Central Asian spellings and prose with line breaks and emoji are fine.
    let mut body = candidate_body("AC7654321");
    body["first_name"] = json!("Gʻulomjon");
    body["last_name"] = json!("Өмүрбеков-Ңурланов");
    body["skills"] = json!("Сварка 👷\nМонтаж 👨\u{200D}🔧");
    let res = app.post("/api/v1/candidates", Some(&m.token), body).await;
    assert_eq!(res.status(), 201);
}

#[tokio::test]
async fn vacancy_dates_stay_in_their_windows() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let create = |start: String, expires: String| {
        let mut body = vacancy_body();
        body["start_date"] = json!(start);
        body["expires_on"] = json!(expires);
        body
    };
    let expires = (today() + Duration::days(60)).to_string();
    for (start, code) in [
        ("0000-01-01".to_string(), "date_in_past"),
        ("9999-12-31".to_string(), "date_too_late"),
        (
            (today() + Duration::days(60 + 121)).to_string(),
            "start_after_closing",
        ),
    ] {
        let res = app
            .post(
                "/api/v1/vacancies",
                Some(&e.token),
                create(start.clone(), expires.clone()),
            )
            .await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_names(&problem, "start_date", code, &start);
    }
    let ok = (today() + Duration::days(60 + 120)).to_string();
    let res = app
        .post("/api/v1/vacancies", Some(&e.token), create(ok, expires))
        .await;
    assert_eq!(res.status(), 201);
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    let res = app
        .post(
            &format!("/api/v1/vacancies/{id}/status"),
            Some(&e.token),
            json!({"status": "published"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    for (start, code) in [
        ("0000-01-01", "date_too_early"),
        ("9999-12-31", "date_too_late"),
    ] {
        let res = app
            .patch(
                &format!("/api/v1/vacancies/{id}"),
                Some(&e.token),
                json!({"start_date": start}),
            )
            .await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_names(&problem, "start_date", code, start);
    }
}

#[tokio::test]
async fn profile_dates_stay_in_their_windows() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let mut body = candidate_body("AC1122334");
    body["passport_expiry"] = json!("9999-12-31");
    body["available_from"] = json!("0000-01-01");
    let res = app.post("/api/v1/candidates", Some(&m.token), body).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_names(
        &problem,
        "passport_expiry",
        "date_too_late",
        "passport 9999",
    );
    assert_names(
        &problem,
        "available_from",
        "date_too_early",
        "available 0000",
    );

    let mut body = candidate_body("AC1122334");
    body["available_from"] = json!((today() - Duration::days(10)).to_string());
    let res = app.post("/api/v1/candidates", Some(&m.token), body).await;
    assert_eq!(res.status(), 201, "a recent past date means available now");
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    for (field, value, code) in [
        ("available_from", "9999-12-31", "date_too_late"),
        ("passport_expiry", "9999-12-31", "date_too_late"),
    ] {
        let res = app
            .patch(
                &format!("/api/v1/candidates/{id}"),
                Some(&m.token),
                json!({ field: value }),
            )
            .await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_names(&problem, field, code, field);
    }
}
