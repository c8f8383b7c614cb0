//! The ministry's pages over HTTP: what is on them, what their forms change, who is refused.

use diesel::prelude::*;
use reqwest::header::LOCATION;
use reqwest::Client;

use crate::contracts::{under_review, world_with};
use crate::helpers::*;
use crate::web_account::{csrf_of, sign_in};
use crate::web_core::get_page as get;
use crate::web_core::{assert_layout, browser};

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

fn placement_state(app: &TestApp, id: &str) -> String {
    use orgnabor::db::schema::placements::dsl as p;
    p::placements
        .filter(p::id.eq(uuid::Uuid::parse_str(id).unwrap()))
        .select(p::state)
        .first(&mut app.conn())
        .unwrap()
}

fn licence_status(app: &TestApp, id: uuid::Uuid) -> String {
    use orgnabor::db::schema::agencies::dsl as a;
    a::agencies
        .filter(a::id.eq(id))
        .select(a::licence_status)
        .first(&mut app.conn())
        .unwrap()
}

async fn post(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("sent")
}

/// A browser signed in as a new account of `role`.
async fn signed_in(app: &TestApp, role: &str) -> (Client, Account) {
    let account = app.account(role).await;
    let (client, _) = browser();
    sign_in(app, &client, &account.email, PASSWORD).await;
    (client, account)
}

/// The session's CSRF token (the sign-out form in the header carries it on every page).
async fn token(app: &TestApp, client: &Client) -> String {
    let (status, html) = get(app, client, "/account").await;
    assert_eq!(status, 200);
    csrf_of(&html)
}

#[tokio::test]
async fn the_ministry_reviews_a_signed_contract_and_approves_it_with_a_reason() {
    let w = world_with(2).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let (client, _) = signed_in(app, "ministry").await;

    // The account home links to the queue; the queue lists the placement.
    let (status, home) = get(app, &client, "/account").await;
    assert_eq!(status, 200);
    assert!(home.contains("href=\"/ministry/placements\""), "{home}");
    let (status, html) = get(app, &client, "/ministry/placements").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(
        html.contains(&format!("/ministry/placements/{id}")),
        "{html}"
    );

    // The placement: its facts, the contract, the timeline, the two decisions.
    let path = format!("/ministry/placements/{id}");
    let (status, html) = get(app, &client, &path).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    for text in [
        "Placement review",
        "under ministry review",
        "Contract",
        "95\u{202f}000 ₽",
        "Timeline",
        "contract signed",
        "<button type=\"submit\" class=\"button\">Approve</button>",
        "<button type=\"submit\" class=\"button button--warning\">Reject</button>",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    let csrf = csrf_of(&html);
    let decision = format!("{path}/decision");
    let audits = "SELECT count(*) AS n FROM audit_log WHERE action = 'placement.transitioned'";
    let audited = count(app, audits);

    // No reason: 422 with the summary, the typed nothing kept, nothing changed.
    let res = post(
        app,
        &client,
        &decision,
        &[("csrf", &csrf), ("to", "approved"), ("reason", "  ")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(html.contains("href=\"#reason-approved\""), "{html}");
    assert!(
        html.contains("Write the reason for your decision"),
        "{html}"
    );
    assert!(html.contains("<title>Error:"), "{html}");
    assert_eq!(placement_state(app, &id), "under_review");

    // No CSRF token: 403, nothing changed.
    let res = post(
        app,
        &client,
        &decision,
        &[
            ("to", "approved"),
            ("reason", "Договор соответствует закону"),
        ],
    )
    .await;
    assert_eq!(res.status(), 403);
    assert_eq!(placement_state(app, &id), "under_review");
    assert_eq!(count(app, audits), audited);

    // Approved: 303 back to the placement, which moved, with its audit entry.
    let res = post(
        app,
        &client,
        &decision,
        &[
            ("csrf", &csrf),
            ("to", "approved"),
            ("reason", "Договор соответствует закону"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], path.as_str());
    assert_eq!(placement_state(app, &id), "approved");
    assert_eq!(count(app, audits), audited + 1);
    let (_, html) = get(app, &client, &path).await;
    assert!(html.contains("Договор соответствует закону"), "{html}");
    assert!(!html.contains(">Approve</button>"), "no decision left");

    // A second decision is refused with a clear message, never a 500; what was typed stays.
    let res = post(
        app,
        &client,
        &decision,
        &[
            ("csrf", &csrf),
            ("to", "rejected"),
            ("reason", "Передумали"),
        ],
    )
    .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Nothing was changed: This status change is not allowed."),
        "{html}"
    );
    assert_eq!(placement_state(app, &id), "approved");

    // The queue is empty now.
    let (_, html) = get(app, &client, "/ministry/placements").await;
    assert!(html.contains("No placement is waiting"), "{html}");
}

#[tokio::test]
async fn the_ministry_rejects_and_the_pages_speak_kyrgyz() {
    let w = world_with(1).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let (client, _) = signed_in(app, "ministry").await;
    let path = format!("/ministry/placements/{id}");
    let (status, html) = get(app, &client, &format!("{path}?lang=ky")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"ky\""));
    assert!(html.contains("Жумушка орноштурууну кароо"), "{html}");
    assert!(html.contains(">Жактыруу</button>"), "{html}");
    let csrf = csrf_of(&html);
    let res = post(
        app,
        &client,
        &format!("{path}/decision"),
        &[
            ("csrf", &csrf),
            ("to", "rejected"),
            ("reason", "Жилищные условия не описаны"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(placement_state(app, &id), "rejected");
    // Something else than the ministry's two decisions is not a form this page sends.
    let res = post(
        app,
        &client,
        &format!("{path}/decision"),
        &[("csrf", &csrf), ("to", "employed"), ("reason", "x")],
    )
    .await;
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn only_the_ministry_opens_its_pages() {
    let w = world_with(1).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let agency_id = app.account("agency").await.agency_id.unwrap();
    let pages = [
        "/ministry/placements".to_owned(),
        format!("/ministry/placements/{id}"),
        "/ministry/agencies".to_owned(),
        format!("/ministry/agencies/{agency_id}"),
    ];

    // Signed out: to sign in.
    let (anonymous, _) = browser();
    for p in &pages {
        let res = anonymous.get(app.url(p)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{p}");
        assert!(
            res.headers()[LOCATION]
                .to_str()
                .unwrap()
                .starts_with("/sign-in?next="),
            "{p}"
        );
    }

    // Other roles: 403, and their forms change nothing.
    for role in ["employer", "migrant", "agency"] {
        let (client, _) = signed_in(app, role).await;
        for p in &pages {
            let (status, _) = get(app, &client, p).await;
            assert_eq!(status, 403, "{role} {p}");
        }
        let csrf = token(app, &client).await;
        let res = post(
            app,
            &client,
            &format!("/ministry/placements/{id}/decision"),
            &[("csrf", &csrf), ("to", "approved"), ("reason", "ok")],
        )
        .await;
        assert_eq!(res.status(), 403, "{role}");
        let res = post(
            app,
            &client,
            &format!("/ministry/agencies/{agency_id}/licence/suspend"),
            &[("csrf", &csrf), ("reason", "ok")],
        )
        .await;
        assert_eq!(res.status(), 403, "{role}");
    }
    assert_eq!(placement_state(app, &id), "under_review");
    assert_eq!(licence_status(app, agency_id), "active");

    // The ministry: unknown or malformed ids are the 404 page.
    let (client, _) = signed_in(app, "ministry").await;
    for p in [
        "/ministry/placements/not-a-uuid".to_owned(),
        format!("/ministry/placements/{}", uuid::Uuid::new_v4()),
        "/ministry/agencies/42".to_owned(),
        format!("/ministry/agencies/{}", uuid::Uuid::new_v4()),
    ] {
        let (status, html) = get(app, &client, &p).await;
        assert_eq!(status, 404, "{p}");
        assert!(html.contains("Page not found"), "{p}");
    }
}

#[tokio::test]
async fn the_ministry_suspends_and_reinstates_a_licence_with_a_reason() {
    let app = spawn_app().await;
    let agency = app.account("agency").await;
    let agency_id = agency.agency_id.unwrap();
    let (client, _) = signed_in(&app, "ministry").await;

    let (status, home) = get(&app, &client, "/account").await;
    assert_eq!(status, 200);
    assert!(home.contains("href=\"/ministry/agencies\""));
    let (status, html) = get(&app, &client, "/ministry/agencies?status=active").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(
        html.contains(&format!("/ministry/agencies/{agency_id}")),
        "{html}"
    );
    let (_, html) = get(&app, &client, "/ministry/agencies?status=revoked").await;
    assert!(
        !html.contains(&format!("/ministry/agencies/{agency_id}")),
        "{html}"
    );

    let path = format!("/ministry/agencies/{agency_id}");
    let (status, html) = get(&app, &client, &path).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    for text in [
        "Агентство",
        "Минтруд КР",
        "RU-MOW, RU-SVE",
        ">Suspend the licence</button>",
        ">Revoke the licence</button>",
        ">Renew the licence</button>",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    assert!(!html.contains(">Reinstate the licence</button>"));
    let csrf = csrf_of(&html);
    let suspend = format!("{path}/licence/suspend");
    let events = "SELECT count(*) AS n FROM licence_events";
    let before = count(&app, events);

    // No reason: 422 with the summary, nothing changed.
    let res = post(&app, &client, &suspend, &[("csrf", &csrf), ("reason", "")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(html.contains("href=\"#reason-suspend\""), "{html}");
    assert_eq!(licence_status(&app, agency_id), "active");

    // No CSRF token: 403, nothing changed.
    let res = post(&app, &client, &suspend, &[("reason", "Жалобы работников")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(licence_status(&app, agency_id), "active");
    assert_eq!(count(&app, events), before);

    // Suspended: the licence changed, its history and the audit log say so.
    let res = post(
        &app,
        &client,
        &suspend,
        &[("csrf", &csrf), ("reason", "Жалобы работников")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], path.as_str());
    assert_eq!(licence_status(&app, agency_id), "suspended");
    assert_eq!(count(&app, events), before + 1);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'agency.licence_suspended'"
        ),
        1
    );
    let (_, html) = get(&app, &client, &path).await;
    assert!(html.contains("Жалобы работников"), "{html}");
    assert!(html.contains(">Reinstate the licence</button>"), "{html}");
    assert!(!html.contains(">Suspend the licence</button>"), "{html}");

    // Suspending again is refused with a clear message, never a 500.
    let res = post(
        &app,
        &client,
        &suspend,
        &[("csrf", &csrf), ("reason", "Ещё раз")],
    )
    .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("Nothing was changed:"), "{html}");
    assert_eq!(licence_status(&app, agency_id), "suspended");

    // Reinstated.
    let res = post(
        &app,
        &client,
        &format!("{path}/licence/reinstate"),
        &[("csrf", &csrf), ("reason", "Нарушения устранены")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(licence_status(&app, agency_id), "active");

    // A renewal needs its new date: 422 on the date, nothing changed.
    let res = post(
        &app,
        &client,
        &format!("{path}/licence/renew"),
        &[("csrf", &csrf), ("reason", "Продление"), ("valid_to", "")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#renew-valid_to\""), "{html}");
    assert!(
        html.contains(">Продление</textarea>"),
        "the reason is kept: {html}"
    );
    assert_eq!(count(&app, events), before + 2);
    let later = (today() + chrono::Duration::days(800)).to_string();
    let res = post(
        &app,
        &client,
        &format!("{path}/licence/renew"),
        &[
            ("csrf", &csrf),
            ("reason", "Продление"),
            ("valid_to", &later),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, html) = get(&app, &client, &path).await;
    assert!(html.contains(&later), "{html}");

    // An action the pages do not offer is the 404 page.
    let res = post(
        &app,
        &client,
        &format!("{path}/licence/expire"),
        &[("csrf", &csrf), ("reason", "x")],
    )
    .await;
    assert_eq!(res.status(), 404);
}

mod quota_pages {
    use chrono::{Datelike, Duration, Utc};
    use diesel::prelude::*;
    use reqwest::header::LOCATION;
    use reqwest::Method;
    use serde_json::json;
    use uuid::Uuid;

    use orgnabor::db::models::vacancy;
    use orgnabor::seed::generate::Generator;

    use super::{get, post, signed_in};
    use crate::helpers::*;
    use crate::web_account::csrf_of;
    use crate::web_core::assert_layout;

    const APPLICATIONS: &str = "/api/v1/quota/applications";

    /// A published vacancy for 200 workers, published `days_ago` (as tests/api/quota.rs).
    fn vacancy_of(app: &TestApp, employer: Uuid, days_ago: i64, seed: u64) -> vacancy::Vacancy {
        let mut g = Generator::new(seed).unwrap();
        let mut v = g.vacancy(employer);
        let today = Utc::now().date_naive();
        v.positions = 200;
        v.status = "published".into();
        v.published_at = Some(Utc::now() - Duration::days(days_ago));
        v.open_to_foreign = true;
        v.salary_min = v.salary_min.max(60_000);
        v.salary_max = v.salary_max.max(v.salary_min + 10_000);
        v.start_date = today + Duration::days(30);
        v.expires_on = today + Duration::days(60);
        vacancy::insert(&mut app.conn(), &v).unwrap()
    }

    async fn set_cap(app: &TestApp, ministry: &str, v: &vacancy::Vacancy, cap: i64) {
        let res = app
            .request(
                Method::PUT,
                "/api/v1/quota/caps",
                Some(ministry),
                Some(json!({
                    "year": v.start_date.year(), "region_code": v.region_code,
                    "occupation_group": v.occupation_code.trim()[..2].to_owned(), "cap": cap,
                    "reason": "Потребность региона по данным службы занятости",
                })),
            )
            .await;
        assert_eq!(res.status(), 200, "cap");
    }

    /// A submitted application of `employer` for `workers`.
    async fn submitted(
        app: &TestApp,
        employer: &Account,
        v: &vacancy::Vacancy,
        workers: i64,
    ) -> String {
        let res = app
            .post(
                APPLICATIONS,
                Some(&employer.token),
                json!({
                    "year": v.start_date.year(), "region_code": v.region_code,
                    "occupation_code": v.occupation_code.trim(), "workers_requested": workers,
                    "justification": "Местных кандидатов не нашлось за месяц публикации вакансии",
                    "vacancy_id": v.id,
                }),
            )
            .await;
        assert_eq!(res.status(), 201);
        let id = json_body(res).await["id"].as_str().unwrap().to_owned();
        let res = app
            .post(
                &format!("{APPLICATIONS}/{id}/transitions"),
                Some(&employer.token),
                json!({"to": "submitted"}),
            )
            .await;
        assert_eq!(res.status(), 200);
        id
    }

    fn application(app: &TestApp, id: &str) -> (String, i32) {
        use orgnabor::db::schema::quota_applications::dsl as q;
        q::quota_applications
            .filter(q::id.eq(Uuid::parse_str(id).unwrap()))
            .select((q::state, q::workers_granted))
            .first(&mut app.conn())
            .unwrap()
    }

    #[tokio::test]
    async fn the_ministry_reviews_a_quota_application_and_grants_part_of_it() {
        let app = spawn_app().await;
        let api_ministry = app.account("ministry").await;
        let employer = app.account("employer").await;
        let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 2);
        set_cap(&app, &api_ministry.token, &v, 8).await;
        let id = submitted(&app, &employer, &v, 6).await;
        let other = submitted(&app, &employer, &v, 5).await;
        let (client, _) = signed_in(&app, "ministry").await;

        let (status, html) = get(&app, &client, "/ministry/quota").await;
        assert_eq!(status, 200);
        assert_layout(&html);
        assert!(html.contains(&format!("/ministry/quota/{id}")), "{html}");
        let path = format!("/ministry/quota/{id}");
        let (status, html) = get(&app, &client, &path).await;
        assert_eq!(status, 200);
        assert_layout(&html);
        assert!(html.contains("Местных кандидатов не нашлось"), "{html}");
        assert!(html.contains(">Take into review</button>"), "{html}");
        let csrf = csrf_of(&html);
        let steps = format!("{path}/transitions");

        // Missing CSRF: 403, nothing changed.
        let res = post(&app, &client, &steps, &[("to", "under_review")]).await;
        assert_eq!(res.status(), 403);
        assert_eq!(application(&app, &id).0, "submitted");

        let res = post(
            &app,
            &client,
            &steps,
            &[("csrf", &csrf), ("to", "under_review")],
        )
        .await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()[LOCATION], path.as_str());
        assert_eq!(application(&app, &id).0, "under_review");
        let (_, html) = get(&app, &client, &path).await;
        for b in [
            ">Grant all workers requested</button>",
            ">Grant some workers</button>",
            ">Refuse</button>",
        ] {
            assert!(html.contains(b), "{b}: {html}");
        }

        // A decision without a reason, or more workers than asked: 422, nothing changed.
        let res = post(
            &app,
            &client,
            &steps,
            &[
                ("csrf", &csrf),
                ("to", "partially_approved"),
                ("workers_granted", "4"),
                ("reason", ""),
            ],
        )
        .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("href=\"#reason-partially_approved\""),
            "{html}"
        );
        let res = post(
            &app,
            &client,
            &steps,
            &[
                ("csrf", &csrf),
                ("to", "partially_approved"),
                ("workers_granted", "9"),
                ("reason", "Частично"),
            ],
        )
        .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("Enter a number of workers from 1 to 5"),
            "{html}"
        );
        assert!(html.contains(">Частично</textarea>"), "{html}");
        assert_eq!(application(&app, &id), ("under_review".into(), 0));

        // Four of six granted.
        let res = post(
            &app,
            &client,
            &steps,
            &[
                ("csrf", &csrf),
                ("to", "partially_approved"),
                ("workers_granted", "4"),
                ("reason", "Частично обосновано"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        assert_eq!(application(&app, &id), ("partially_approved".into(), 4));

        // The other application wants 5 of the 4 left: cap_exceeded, a clear message.
        let other_path = format!("/ministry/quota/{other}");
        let res = post(
            &app,
            &client,
            &format!("{other_path}/transitions"),
            &[("csrf", &csrf), ("to", "under_review")],
        )
        .await;
        assert_eq!(res.status(), 303);
        let res = post(
            &app,
            &client,
            &format!("{other_path}/transitions"),
            &[
                ("csrf", &csrf),
                ("to", "approved"),
                ("reason", "Обосновано"),
            ],
        )
        .await;
        assert_eq!(res.status(), 409);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("That is more than is left of the quota cap."),
            "{html}"
        );
        assert!(html.contains(">Обосновано</textarea>"), "{html}");
        assert_eq!(application(&app, &other), ("under_review".into(), 0));

        // Other roles: 403.
        let (employer_client, _) = signed_in(&app, "employer").await;
        for p in ["/ministry/quota".to_owned(), path.clone()] {
            let (status, _) = get(&app, &employer_client, &p).await;
            assert_eq!(status, 403, "{p}");
        }
        let (status, _) = get(
            &app,
            &client,
            &format!("/ministry/quota/{}", Uuid::new_v4()),
        )
        .await;
        assert_eq!(status, 404);
    }
}

#[tokio::test]
async fn the_ministry_triages_a_complaint_forwards_it_and_upholds_it() {
    use serde_json::json;
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let migrant = app.account("migrant").await;
    let vacancy = app.published_vacancy(&employer.token, vacancy_body()).await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&migrant.token),
            candidate_body("AC2000001"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .post(
            "/api/v1/placements",
            Some(&migrant.token),
            json!({"vacancy_id": vacancy}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let placement = json_body(res).await["id"].as_str().unwrap().to_owned();
    let res = app
        .post(
            "/api/v1/complaints",
            Some(&migrant.token),
            json!({
                "against_employer_id": employer.employer_id,
                "placement_id": placement,
                "category": "conditions_differ",
                "text": "Живём в вагончике вместо общежития из договора.",
            }),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    let state_of = |app: &TestApp| -> String {
        use orgnabor::db::schema::complaints::dsl as c;
        c::complaints
            .filter(c::id.eq(uuid::Uuid::parse_str(&id).unwrap()))
            .select(c::state)
            .first(&mut app.conn())
            .unwrap()
    };
    let (client, _) = signed_in(&app, "ministry").await;

    let (status, html) = get(&app, &client, "/ministry/complaints?state=received").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(
        html.contains(&format!("/ministry/complaints/{id}")),
        "{html}"
    );
    let path = format!("/ministry/complaints/{id}");
    let (status, html) = get(&app, &client, &path).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Живём в вагончике"), "{html}");
    assert!(html.contains(">Take into review</button>"), "{html}");
    let csrf = csrf_of(&html);
    let steps = format!("{path}/transitions");

    let res = post(&app, &client, &steps, &[("to", "in_review")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(state_of(&app), "received");
    let res = post(
        &app,
        &client,
        &steps,
        &[("csrf", &csrf), ("to", "in_review")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(state_of(&app), "in_review");

    // Forward without a summary: 422; with one: forwarded.
    let forward = format!("{path}/forward");
    let res = post(&app, &client, &forward, &[("csrf", &csrf), ("reason", "")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#summary-forward\""), "{html}");
    let res = post(
        &app,
        &client,
        &forward,
        &[
            ("csrf", &csrf),
            ("reason", "A worker reports housing unlike the contract."),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, html) = get(&app, &client, &path).await;
    assert!(
        html.contains("A worker reports housing unlike the contract."),
        "{html}"
    );
    assert!(!html.contains(">Forward to the party complained about</button>"));

    // Uphold without an outcome: 422, nothing changed; with one: upheld.
    let res = post(
        &app,
        &client,
        &steps,
        &[("csrf", &csrf), ("to", "upheld"), ("reason", " ")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#outcome-upheld\""), "{html}");
    assert_eq!(state_of(&app), "in_review");
    let res = post(
        &app,
        &client,
        &steps,
        &[
            ("csrf", &csrf),
            ("to", "upheld"),
            ("reason", "Работодатель обязан поселить в общежитие"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(state_of(&app), "upheld");
    assert!(
        count(
            &app,
            "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'complaint.%'"
        ) >= 2
    );

    // Other roles: 403.
    let (employer_client, _) = signed_in(&app, "employer").await;
    for p in ["/ministry/complaints".to_owned(), path.clone()] {
        let (status, _) = get(&app, &employer_client, &p).await;
        assert_eq!(status, 403, "{p}");
    }
}

#[tokio::test]
async fn the_ministry_closes_the_case_a_bad_follow_up_answer_opened() {
    use serde_json::json;
    let w = world_with(3).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let go = |to: serde_json::Value| {
        let url = format!("/api/v1/placements/{id}/transitions");
        async move { (url, to) }
    };
    let (url, body) = go(json!({"to": "approved", "reason": "Проверено"})).await;
    assert_eq!(
        app.post(&url, Some(&w.ministry.token), body).await.status(),
        200
    );
    diesel::sql_query(format!(
        "UPDATE placements SET state = 'departed' WHERE id = '{id}'"
    ))
    .execute(&mut app.conn())
    .unwrap();
    let start = (today() - chrono::Duration::days(25)).to_string();
    for to in ["arrived", "employed"] {
        let res = app
            .post(
                &url,
                Some(&w.employer.token),
                json!({"to": to, "date": start}),
            )
            .await;
        assert_eq!(res.status(), 200, "{to}");
    }
    let mine = json_body(app.get("/api/v1/followups", Some(&w.migrant.token)).await).await;
    let first = mine[0]["id"].as_str().unwrap().to_owned();
    let res = app
        .post(
            &format!("/api/v1/followups/{first}/answers"),
            Some(&w.migrant.token),
            json!({
                "paid_on_time": true, "paid_in_full": false, "hours_as_contracted": true,
                "housing_as_contracted": true, "passport_in_own_hands": false,
                "report": "Бригадир забрал паспорта «на хранение»"
            }),
        )
        .await;
    assert_eq!(res.status(), 200);

    let (client, _) = signed_in(app, "ministry").await;
    let (status, html) = get(app, &client, "/ministry/followups").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    for text in [
        "Passport taken",
        "Not paid in full",
        "Бригадир забрал паспорта",
        ">Close the case</button>",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    let csrf = csrf_of(&html);
    let case = format!("/ministry/followups/{first}/case");
    let open = "SELECT count(*) AS n FROM followups WHERE flagged_at IS NOT NULL AND case_closed_at IS NULL";
    assert_eq!(count(app, open), 1);

    let res = post(app, &client, &case, &[("reason", "Проверка проведена")]).await;
    assert_eq!(res.status(), 403);
    let res = post(app, &client, &case, &[("csrf", &csrf), ("reason", "")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("href=\"#resolution-{first}\"")),
        "{html}"
    );
    assert_eq!(count(app, open), 1);

    let res = post(
        app,
        &client,
        &case,
        &[
            ("csrf", &csrf),
            ("reason", "Паспорта возвращены, работодатель предупреждён"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(count(app, open), 0);
    let (_, html) = get(app, &client, "/ministry/followups").await;
    assert!(html.contains("No follow-up case is open."), "{html}");

    // Closing it again is refused clearly, never a 500.
    let res = post(
        app,
        &client,
        &case,
        &[("csrf", &csrf), ("reason", "Ещё раз")],
    )
    .await;
    assert_eq!(res.status(), 409);

    let (migrant_client, _) = signed_in(app, "migrant").await;
    let (status, _) = get(app, &migrant_client, "/ministry/followups").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_audit_log_filters_by_object_and_pages() {
    let w = world_with(1).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let (client, _) = signed_in(app, "ministry").await;
    let (status, html) = get(app, &client, "/ministry/audit").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("placement.created"), "{html}");
    assert!(html.contains("vacancy."), "{html}");
    let (status, html) = get(
        app,
        &client,
        &format!("/ministry/audit?object_type=placement&object_id={id}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("placement.transitioned"), "{html}");
    assert!(!html.contains("vacancy.published"), "{html}");
    let (status, html) = get(app, &client, "/ministry/audit?object_id=nonsense").await;
    assert_eq!(status, 422);
    assert!(html.contains("class=\"error-summary\""), "{html}");
    let (status, html) = get(
        app,
        &client,
        "/ministry/audit?object_type=placement&lang=uz",
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Audit jurnali"), "{html}");
    let (employer_client, _) = signed_in(app, "employer").await;
    let (status, _) = get(app, &employer_client, "/ministry/audit").await;
    assert_eq!(status, 403);
    let (anonymous, _) = browser();
    let res = anonymous
        .get(app.url("/ministry/audit"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}
