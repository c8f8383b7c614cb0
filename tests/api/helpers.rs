//! Test harness: each test gets the real application on port 0, its own PostgreSQL database
//! cloned from a migrated template, and in-memory email (a real SMTP server where email is the
//! point). Jobs run only when a test drains them with `run_pending_jobs`.
//!
//! Two database roles, as in production (README "Database roles"): the template is migrated as
//! the *owner* role (DATABASE_URL), which also grants the runtime role its privileges; the
//! application connects as the *runtime* role (`database.runtime_user`, default `orgnabor_app`).
//! `app.pool` / `app.conn()` are the owner's, for test set-up that writes directly (it may do what
//! the application may not); `app.runtime_pool` / `app.runtime_conn()` are the application's.
//! The runtime role must exist: `make test` (scripts/ensure-postgres.sh) creates it; failing that
//! the harness creates it when the DATABASE_URL role has CREATEROLE, and otherwise stops and says so.

#![allow(dead_code)]

use std::sync::{LazyLock, OnceLock};

use chrono::Utc;
use diesel::prelude::*;
use diesel::sql_query;
use reqwest::{Method, Response, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};
use uuid::Uuid;

use orgnabor::auth::password;
use orgnabor::config::Settings;
use orgnabor::db::models::organisation::{self, Agency, Centre, Employer};
use orgnabor::db::models::user::{self, Membership, NewUser};
use orgnabor::db::{self, DbPool};
use orgnabor::email::{EmailSender, OutgoingEmail};
use orgnabor::jobs::{self, JobContext};
use orgnabor::startup::Application;

pub const PASSWORD: &str = "Tuz-Ashuu pass 2026";

/// One argon2 hash of [`PASSWORD`] for every account a test creates directly.
static PASSWORD_HASH: LazyLock<String> =
    LazyLock::new(|| password::hash(PASSWORD).expect("hash test password"));

fn database_url() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "DATABASE_URL is not set: the API tests need a real PostgreSQL. Run `make test`, which \
             installs and starts one and sets DATABASE_URL."
        )
    })
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let prefix = &base[..base.rfind('/').expect("DATABASE_URL has a database path")];
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

/// The runtime role's name and password, from the test settings.
fn runtime_role() -> (String, String) {
    let db = test_settings().database;
    (
        db.runtime_user,
        db.runtime_password.expose_secret().to_owned(),
    )
}

/// The runtime role's connection to database `name` on DATABASE_URL's server.
fn runtime_url_of(name: &str) -> String {
    let (user, password) = runtime_role();
    orgnabor::config::with_credentials(&with_database(&database_url(), name), &user, &password)
}

fn admin_connection() -> PgConnection {
    let url = database_url();
    PgConnection::establish(&url).unwrap_or_else(|e| {
        panic!("cannot connect to DATABASE_URL ({e}); run `make test` to set up PostgreSQL")
    })
}

/// The template's name changes whenever a migration or reference file changes.
fn template_name() -> String {
    use sha2::{Digest, Sha256};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut hasher = Sha256::new();
    let mut files: Vec<_> = ["migrations", "index/reference"]
        .iter()
        .flat_map(|d| walk(&root.join(d)))
        .collect();
    // The runtime role's grants are part of the template too.
    files.push(root.join("src/db/roles.rs"));
    files.sort();
    for f in files {
        hasher.update(f.to_string_lossy().as_bytes());
        hasher.update(std::fs::read(&f).unwrap_or_default());
    }
    hasher.update(runtime_role().0.as_bytes());
    let digest = hasher.finalize();
    format!("orgnabor_tmpl_{}", hex(&digest[..6]))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    exists: bool,
}

#[derive(QueryableByName)]
struct RoleFacts {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    exists: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    member: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    may_create: bool,
}

/// Makes sure the runtime role exists and the owner is a member of it (so that dropping a test
/// database may end the application's sessions). Creates it only when the owner has CREATEROLE.
fn ensure_runtime_role(conn: &mut PgConnection) {
    let (role, password) = runtime_role();
    let facts: RoleFacts = sql_query(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists,
                coalesce((SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles
                           WHERE rolname = $1), false) AS member,
                (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user)
                    AS may_create",
    )
    .bind::<diesel::sql_types::Text, _>(&role)
    .get_result(conn)
    .expect("read roles");
    let quoted = db::roles::quote_ident(&role);
    if !facts.exists {
        assert!(
            facts.may_create,
            "the runtime role {role} does not exist and DATABASE_URL's role may not create it: run \
             `make test` (scripts/ensure-postgres.sh creates it), or as an administrator: \
             CREATE ROLE {quoted} LOGIN PASSWORD '…'; GRANT {quoted} TO <DATABASE_URL's role>"
        );
        sql_query(format!(
            "CREATE ROLE {quoted} LOGIN PASSWORD '{}'",
            password.replace('\'', "''")
        ))
        .execute(conn)
        .expect("create the runtime role");
    }
    if !facts.member {
        if facts.may_create || !facts.exists {
            sql_query(format!("GRANT {quoted} TO CURRENT_USER"))
                .execute(conn)
                .expect("grant the runtime role to the owner");
        } else {
            eprintln!(
                "warning: DATABASE_URL's role is not a member of {role}: test databases the \
                 application still uses cannot be dropped (scripts/ensure-postgres.sh fixes this)"
            );
        }
    }
}

static TEMPLATE: OnceLock<String> = OnceLock::new();

/// Builds the migrated template once; an advisory lock keeps parallel test processes in line.
fn template() -> &'static str {
    TEMPLATE.get_or_init(|| {
        let name = template_name();
        let mut conn = admin_connection();
        sql_query("SELECT pg_advisory_lock(727274)")
            .execute(&mut conn)
            .expect("lock");
        ensure_runtime_role(&mut conn);
        if let Err(e) = PgConnection::establish(&runtime_url_of("postgres")) {
            panic!(
                "the runtime role {} cannot log in ({e}); run `make test` \
                 (scripts/ensure-postgres.sh sets it up) or set ORGNABOR__DATABASE__RUNTIME_PASSWORD",
                runtime_role().0
            );
        }
        let exists: Exists = sql_query(format!(
            "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{name}') AS exists"
        ))
        .get_result(&mut conn)
        .expect("query pg_database");
        if !exists.exists {
            let building = format!("{name}_building");
            sql_query(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
                .execute(&mut conn)
                .expect("drop");
            sql_query(format!("CREATE DATABASE {building}"))
                .execute(&mut conn)
                .expect("create template");
            {
                let mut t = PgConnection::establish(&with_database(&database_url(), &building))
                    .expect("connect template");
                db::migrate_and_grant(&mut t, &runtime_role().0).expect("migrate template");
            }
            sql_query(format!("ALTER DATABASE {building} RENAME TO {name}"))
                .execute(&mut conn)
                .expect("rename");
        }
        sql_query("SELECT pg_advisory_unlock(727274)")
            .execute(&mut conn)
            .expect("unlock");
        name
    })
}

pub struct TestDb {
    pub name: String,
    /// The owner role's connection (DATABASE_URL's role).
    pub url: String,
    /// The runtime role's connection, as the application makes it.
    pub runtime_url: String,
}

impl TestDb {
    pub fn new() -> Self {
        let template = template();
        let name = format!("orgnabor_test_{}", Uuid::new_v4().simple());
        let mut conn = admin_connection();
        // Postgres refuses to copy a template while another session uses it: test processes
        // take turns on an advisory lock (a real wait, no polling).
        sql_query("SELECT pg_advisory_lock(727275)")
            .execute(&mut conn)
            .expect("lock");
        let created =
            sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}")).execute(&mut conn);
        sql_query("SELECT pg_advisory_unlock(727275)")
            .execute(&mut conn)
            .expect("unlock");
        if let Err(e) = created {
            panic!("create test database: {e}");
        }
        let url = with_database(&database_url(), &name);
        let runtime_url = runtime_url_of(&name);
        Self {
            name,
            url,
            runtime_url,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Dropping must not run on the async runtime's thread.
        let _ = std::thread::spawn(move || {
            if let Ok(mut conn) = PgConnection::establish(&database_url()) {
                let _ = sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn);
            }
        })
        .join();
    }
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    /// The owner role's pool, for test set-up (see the module comment).
    pub pool: DbPool,
    /// The application's own pool: the runtime role.
    pub runtime_pool: DbPool,
    pub email: EmailSender,
    pub client: reqwest::Client,
    pub settings: Settings,
    pub search: std::sync::Arc<orgnabor::search::SearchIndex>,
    pub db: TestDb,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.search.dir);
    }
}

pub fn test_settings() -> Settings {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
    Settings::load_from(&dir, "test").expect("load test settings")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let db = TestDb::new();
    let mut settings = test_settings();
    settings.database.url = SecretString::from(db.url.clone());
    // The runtime role connects to the same test database (derived from `url`, also when a test
    // points `url` elsewhere).
    settings.database.runtime_url = None;
    settings.application.port = 0;
    settings.search.index_dir = std::env::temp_dir().join(format!("orgnabor-index-{}", db.name));
    configure(&mut settings);
    let app = Application::build(settings.clone())
        .await
        .expect("build application");
    let port = app.port();
    let runtime_pool = app.state().pool.clone();
    let pool = diesel::r2d2::Pool::builder()
        .max_size(4)
        .min_idle(Some(0))
        .connection_timeout(std::time::Duration::from_secs(5))
        .build_unchecked(diesel::r2d2::ConnectionManager::new(db.url.clone()));
    let search = app.state().search.clone();
    let email = app.email();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        pool,
        runtime_pool,
        email,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // Shorter than the server's keep-alive (5 s): a test that pauses (a CLI run, a job
            // sweep) must not reuse a connection the server has already closed.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .build()
            .expect("client"),
        settings,
        search,
        db,
    }
}

/// A signed-in account of some role, with its organisation if it has one.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub token: String,
    pub refresh_token: String,
    pub employer_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
}

pub const INNS: [&str; 4] = ["7707083893", "6658124736", "7730142850", "5024002119"];

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut rb = self.client.request(method, self.url(path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        rb.send().await.expect("request sent")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.request(Method::PATCH, path, token, Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::DELETE, path, token, None).await
    }

    pub fn conn(
        &self,
    ) -> diesel::r2d2::PooledConnection<diesel::r2d2::ConnectionManager<PgConnection>> {
        self.pool.get().expect("db connection")
    }

    /// A connection as the application's runtime role.
    pub fn runtime_conn(
        &self,
    ) -> diesel::r2d2::PooledConnection<diesel::r2d2::ConnectionManager<PgConnection>> {
        self.runtime_pool.get().expect("runtime db connection")
    }

    /// Runs every due job now (emails) and the periodic sweeps once, as the application's role:
    /// everything the worker would do, without waiting for its intervals.
    pub async fn run_pending_jobs(&self) -> usize {
        let pool = self.runtime_pool.clone();
        let ctx = JobContext {
            email: self.email.clone(),
            base_url: self.settings.application.base_url.clone(),
        };
        tokio::task::spawn_blocking(move || jobs::run_pending(&pool, &ctx, 8))
            .await
            .expect("job runner")
            .expect("jobs ran")
    }

    /// Applies the search change log and reloads the reader, like the syncer would.
    pub async fn apply_search_changes(&self) -> usize {
        let pool = self.runtime_pool.clone();
        let search = self.search.clone();
        tokio::task::spawn_blocking(move || search.apply_pending(&mut pool.get().expect("conn")))
            .await
            .expect("sync task")
            .expect("search changes applied")
    }

    pub fn outbox(&self) -> Vec<OutgoingEmail> {
        self.email.outbox()
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post(
            "/api/v1/auth/login",
            None,
            json!({"email": email, "password": password}),
        )
        .await
    }

    pub async fn login_ok(&self, email: &str) -> (String, String) {
        let res = self.login(email, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "login {email}");
        let body: Value = res.json().await.expect("json");
        (
            body["access_token"].as_str().expect("access").to_owned(),
            body["refresh_token"].as_str().expect("refresh").to_owned(),
        )
    }

    /// Creates an account directly in the database (with an organisation for employer, agency,
    /// centre) and signs it in through the API.
    pub async fn account(&self, role: &str) -> Account {
        let email = format!(
            "{role}-{}@test.kg",
            &Uuid::new_v4().simple().to_string()[..10]
        );
        let (id, employer_id, agency_id, centre_id) = {
            let mut conn = self.conn();
            let now = Utc::now();
            let u = user::insert(
                &mut conn,
                &NewUser {
                    id: Uuid::now_v7(),
                    email: &email,
                    password_hash: &PASSWORD_HASH,
                    role,
                    full_name: &format!("Test {role}"),
                    locale: "en",
                },
            )
            .expect("insert user");
            let (mut e, mut a, mut c) = (None, None, None);
            match role {
                "employer" => e = Some(self.employer_org(&mut conn)),
                "agency" => a = Some(self.agency_org(&mut conn, "active")),
                "centre" => c = Some(self.centre_org(&mut conn)),
                _ => {}
            }
            if e.or(a).or(c).is_some() {
                user::add_membership(
                    &mut conn,
                    &Membership {
                        user_id: u.id,
                        employer_id: e,
                        agency_id: a,
                        centre_id: c,
                        approved_at: Some(now),
                        created_at: now,
                    },
                )
                .expect("membership");
            }
            (u.id, e, a, c)
        };
        let (token, refresh_token) = self.login_ok(&email).await;
        Account {
            id,
            email,
            token,
            refresh_token,
            employer_id,
            agency_id,
            centre_id,
        }
    }

    pub fn employer_org(&self, conn: &mut PgConnection) -> Uuid {
        let now = Utc::now();
        // INNs are unique: pick the first free one of a few valid numbers.
        let used: Vec<String> = orgnabor::db::schema::employers::table
            .select(orgnabor::db::schema::employers::inn)
            .load(conn)
            .expect("inns");
        let inn = INNS
            .iter()
            .find(|i| !used.contains(&i.to_string()))
            .expect("a free test INN");
        organisation::insert_employer(
            conn,
            &Employer {
                id: Uuid::now_v7(),
                inn: inn.to_string(),
                ogrn: None,
                name: format!("ООО «Тест {inn}»"),
                region_code: "RU-SVE".into(),
                city: "Екатеринбург".into(),
                address: None,
                contact_email: Some("hr@test.ru".into()),
                contact_phone: None,
                website: None,
                created_at: now,
                updated_at: now,
            },
        )
        .expect("employer")
        .id
    }

    pub fn agency_org(&self, conn: &mut PgConnection, status: &str) -> Uuid {
        let now = Utc::now();
        let today = now.date_naive();
        organisation::insert_agency(
            conn,
            &Agency {
                id: Uuid::now_v7(),
                name: "Агентство".into(),
                inn: format!("{:010}", rand_digits()),
                country: "KG".into(),
                contact_email: None,
                contact_phone: None,
                licence_number: format!("L-{}", Uuid::new_v4().simple()),
                licence_issuer: "Минтруд КР".into(),
                licence_valid_from: today - chrono::Duration::days(30),
                licence_valid_to: today + chrono::Duration::days(365),
                licence_regions: vec!["RU-MOW".into(), "RU-SVE".into()],
                licence_status: status.into(),
                created_at: now,
                updated_at: now,
            },
        )
        .expect("agency")
        .id
    }

    pub fn centre_org(&self, conn: &mut PgConnection) -> Uuid {
        let now = Utc::now();
        organisation::insert_centre(
            conn,
            &Centre {
                id: Uuid::now_v7(),
                name: "Центр Бишкек".into(),
                region_code: "KG-GB".into(),
                city: "Бишкек".into(),
                address: None,
                contact_email: None,
                contact_phone: None,
                created_at: now,
                updated_at: now,
            },
        )
        .expect("centre")
        .id
    }
}

fn rand_digits() -> u64 {
    u64::from_le_bytes(Uuid::new_v4().as_bytes()[..8].try_into().expect("8 bytes")) % 10_000_000_000
}

pub async fn json_body(res: Response) -> Value {
    res.json().await.expect("json body")
}

/// Asserts an RFC 9457 problem with this status and code; returns the body.
pub async fn assert_problem(res: Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "status");
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_owned())
        .unwrap_or_default();
    assert!(
        ct.starts_with("application/problem+json"),
        "content-type {ct}"
    );
    let body: Value = res.json().await.expect("problem body");
    assert_eq!(body["code"], code, "problem code in {body}");
    assert_eq!(body["status"], status);
    assert!(
        body["title"].as_str().is_some_and(|t| !t.is_empty()),
        "title in {body}"
    );
    assert!(body["type"].as_str().is_some(), "type");
    body
}

pub fn field_codes(problem: &Value) -> Vec<(String, String)> {
    problem["invalid_params"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p["name"].as_str().unwrap_or("").to_owned(),
                        p["code"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

pub fn vacancy_body() -> Value {
    json!({
        "title": "Сварщик на металлоконструкции",
        "occupation": "7212",
        "description": "Сварка металлоконструкций на строительной площадке, работа по чертежам.",
        "required_skills": ["ручная дуговая сварка"],
        "optional_skills": ["полуавтомат"],
        "region": "RU-SVE",
        "city": "Екатеринбург",
        "positions": 5,
        "salary_min": 90000,
        "salary_max": 120000,
        "housing": true,
        "hours_per_week": 40,
        "contract_months": 12,
        "russian_level_min": "A2",
        "start_date": (today() + chrono::Duration::days(30)).to_string(),
        "expires_on": (today() + chrono::Duration::days(60)).to_string()
    })
}

pub fn candidate_body(passport: &str) -> Value {
    json!({
        "first_name": "Азамат",
        "last_name": "Жумабеков",
        "date_of_birth": "1990-04-17",
        "gender": "male",
        "citizenship": "KG",
        "passport_number": passport,
        "passport_expiry": (today() + chrono::Duration::days(2000)).to_string(),
        "phone": "+996555123456",
        "languages": [{"code": "ru", "level": "B1"}, {"code": "ky", "level": "C2"}],
        "occupations": ["7212"],
        "skills": "Сварщик, 8 лет опыта",
        "experience_years": 8,
        "education_level": 3,
        "preferred_regions": ["RU-SVE"],
        "salary_min": 80000,
        "searchable": true
    })
}

/// Percent-encodes a query value (UTF-8 bytes), as a browser would.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl TestApp {
    /// An employer organisation with a unique valid INN (no account), for bulk fixtures.
    pub fn bare_employer(&self, n: u64, region: &str) -> Uuid {
        let now = Utc::now();
        organisation::insert_employer(
            &mut self.conn(),
            &Employer {
                id: Uuid::now_v7(),
                inn: orgnabor::seed::generate::inn_from(100_000_000 + n),
                ogrn: None,
                name: format!("ООО «Работодатель {n}»"),
                region_code: region.into(),
                city: "Москва".into(),
                address: None,
                contact_email: None,
                contact_phone: None,
                website: None,
                created_at: now,
                updated_at: now,
            },
        )
        .expect("employer")
        .id
    }

    /// Creates and publishes a vacancy through the API; returns its id.
    pub async fn published_vacancy(&self, token: &str, body: Value) -> String {
        let res = self.post("/api/v1/vacancies", Some(token), body).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let id = json_body(res).await["id"].as_str().unwrap().to_owned();
        let res = self
            .post(
                &format!("/api/v1/vacancies/{id}/status"),
                Some(token),
                json!({"status": "published"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        id
    }
}
