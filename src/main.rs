use std::io::Read;

use anyhow::Context;
use clap::{Parser, Subcommand};
use diesel::{Connection, PgConnection};
use secrecy::ExposeSecret;
use uuid::Uuid;

use orgnabor::auth::password;
use orgnabor::config::Settings;
use orgnabor::crypto::DataCipher;
use orgnabor::db;
use orgnabor::db::models::audit::{self, Actor};
use orgnabor::db::models::user::{self, NewUser, UserChanges};
use orgnabor::seed;
use orgnabor::startup::Application;
use orgnabor::telemetry;

#[derive(Parser)]
#[command(name = "orgnabor", about = "Orgnabor labour exchange")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API (and the background job worker).
    Serve,
    /// Apply database migrations and load reference data.
    Migrate,
    /// Load the demo data into an empty database and print the demo logins.
    SeedDemo,
    /// Create an admin account. The password is read from ORGNABOR_ADMIN_PASSWORD or stdin.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        full_name: String,
    },
}

fn connect(settings: &Settings) -> anyhow::Result<PgConnection> {
    PgConnection::establish(settings.database.url.expose_secret())
        .context("cannot connect to the database (is DATABASE_URL right? `make run` sets it up)")
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load().context("cannot load configuration")?;
    telemetry::init(&settings.telemetry);
    match cli.command {
        Command::Serve => {
            settings.check_secrets().map_err(|e| anyhow::anyhow!(e))?;
            let base_url = settings.application.base_url.clone();
            let app = Application::build(settings).await?;
            println!("Orgnabor is serving on {base_url} (API docs: {base_url}/api-docs/)");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            let mut conn = connect(&settings)?;
            db::migrate(&mut conn)?;
            println!("migrations applied, reference data loaded");
        }
        Command::SeedDemo => {
            let mut conn = connect(&settings)?;
            let cipher = DataCipher::new(&settings.crypto.data_key)?;
            if seed::load_if_empty(&mut conn, &cipher)? {
                println!("demo data loaded");
            } else {
                println!("database already has accounts; demo data not loaded again");
            }
            println!("Demo logins (password for all: {}):", seed::DEMO_PASSWORD);
            for login in seed::logins()? {
                println!("  {:<9} {}", login.role, login.email);
            }
        }
        Command::CreateAdmin { email, full_name } => {
            let pw = match std::env::var("ORGNABOR_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut s = String::new();
                    std::io::stdin().read_to_string(&mut s)?;
                    s.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let email = email.trim().to_lowercase();
            let problems = password::check_policy("password", &pw, Some(&email));
            if !problems.is_empty() {
                anyhow::bail!(
                    "password refused: {}",
                    problems
                        .iter()
                        .map(|p| p.code)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            let hash = password::hash(&pw)?;
            let mut conn = connect(&settings)?;
            let id = conn.transaction::<_, anyhow::Error, _>(|conn| {
                if user::find_by_email(conn, &email)?.is_some() {
                    anyhow::bail!("an account with this email already exists");
                }
                let created = user::insert(
                    conn,
                    &NewUser {
                        id: Uuid::now_v7(),
                        email: &email,
                        password_hash: &hash,
                        role: "admin",
                        full_name: &full_name,
                        locale: "en",
                    },
                )?;
                user::update(
                    conn,
                    created.id,
                    UserChanges {
                        email_verified_at: Some(Some(chrono::Utc::now())),
                        ..Default::default()
                    },
                )?;
                let actor = Actor {
                    id: None,
                    role: Some("system".into()),
                    request_id: Some("create-admin".into()),
                };
                audit::record(
                    conn,
                    &actor,
                    "user.created",
                    "user",
                    created.id,
                    None,
                    Some(serde_json::json!({"email": email, "role": "admin"})),
                )?;
                Ok(created.id)
            })?;
            println!("admin {email} created ({id})");
        }
    }
    Ok(())
}
