//! Operations: the job worker's schedule, and where a released binary finds its configuration.

use std::process::Command;
use std::time::{Duration, Instant};

use diesel::prelude::*;

use orgnabor::db::schema::vacancies;
use orgnabor::email::OutgoingEmail;
use orgnabor::jobs::{self, JobContext, Pass, Periodic};

use crate::helpers::*;

async fn expired_vacancy(app: &TestApp, token: &str) -> uuid::Uuid {
    let id = app.published_vacancy(token, vacancy_body()).await;
    let id = uuid::Uuid::parse_str(&id).unwrap();
    diesel::update(vacancies::table.find(id))
        .set(vacancies::expires_on.eq(today() - chrono::Duration::days(1)))
        .execute(&mut app.conn())
        .unwrap();
    id
}

fn status(app: &TestApp, id: uuid::Uuid) -> String {
    vacancies::table
        .find(id)
        .select(vacancies::status)
        .first(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn polling_for_jobs_does_not_run_the_sweep_each_time() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let first = expired_vacancy(&app, &e.token).await;
    let pool = app.runtime_pool.clone();
    let ctx = JobContext {
        email: app.email.clone(),
        base_url: app.settings.application.base_url.clone(),
    };
    let pass = move |sweeps: &mut Periodic, at: Instant| {
        jobs::worker_pass(&pool, &ctx, 8, sweeps, at).unwrap()
    };
    let start = Instant::now();
    let mut sweeps = Periodic::new(Duration::from_secs(300));

    // The first pass sweeps at once.
    assert_eq!(
        pass(&mut sweeps, start),
        Pass {
            jobs: 0,
            swept: Some(1)
        }
    );
    assert_eq!(status(&app, first), "expired");

    // Later polls run the jobs that are due, but not the sweep.
    let second = expired_vacancy(&app, &e.token).await;
    for poll in 1..=10u64 {
        jobs::send_email::enqueue(
            &mut app.conn(),
            &OutgoingEmail {
                to: format!("poll{poll}@test.kg"),
                subject: "s".into(),
                body: "b".into(),
            },
        )
        .unwrap();
        assert_eq!(
            pass(&mut sweeps, start + Duration::from_millis(500 * poll)),
            Pass {
                jobs: 1,
                swept: None
            },
            "poll {poll}"
        );
    }
    assert_eq!(app.outbox().len(), 10);
    assert_eq!(status(&app, second), "published", "not swept on a poll");

    // Once the interval has come round, it sweeps again.
    assert_eq!(
        pass(&mut sweeps, start + Duration::from_secs(300)),
        Pass {
            jobs: 0,
            swept: Some(1)
        }
    );
    assert_eq!(status(&app, second), "expired");
}

#[test]
fn the_sweep_interval_is_a_setting() {
    let s = test_settings();
    assert_eq!(s.jobs.sweep_interval_secs, 300);
    assert!(s.jobs.sweep_interval_secs * 1000 > s.jobs.poll_interval_ms * 100);
}

fn run(
    exe: &std::path::Path,
    cwd: &std::path::Path,
    config_dir: Option<&std::path::Path>,
) -> String {
    let mut cmd = Command::new(exe);
    cmd.arg("config")
        .current_dir(cwd)
        .env("ORGNABOR_ENV", "local")
        .env_remove("ORGNABOR_CONFIG_DIR");
    if let Some(dir) = config_dir {
        cmd.env("ORGNABOR_CONFIG_DIR", dir);
    }
    let out = cmd.output().expect("run the orgnabor binary");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    text
}

#[test]
fn a_released_binary_reads_the_config_beside_it_and_says_which_files() {
    // An "installed" copy: <root>/bin/orgnabor with <root>/config/, far from the source tree.
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "orgnabor-install-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(root.join("bin")).unwrap();
    std::fs::create_dir_all(root.join("config")).unwrap();
    std::fs::create_dir_all(root.join("elsewhere")).unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
    let default = std::fs::read_to_string(source.join("default.toml"))
        .unwrap()
        .replace(
            "base_url = \"http://127.0.0.1:8080\"",
            "base_url = \"https://installed.example\"",
        );
    assert!(default.contains("installed.example"));
    std::fs::write(root.join("config/default.toml"), default).unwrap();
    let exe = root.join("bin/orgnabor");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_orgnabor"), &exe).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_orgnabor"), &exe).unwrap();
    }

    let out = run(&exe, &root.join("elsewhere"), None);
    let config = root.join("config").canonicalize().unwrap();
    assert!(
        out.contains(&format!(
            "configuration folder {} (found from the executable",
            config.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("read {}", config.join("default.toml").display())),
        "{out}"
    );
    assert!(
        !out.contains("local.toml"),
        "there is none beside it: {out}"
    );
    assert!(out.contains("https://installed.example"), "{out}");

    // ORGNABOR_CONFIG_DIR wins, and an environment file there is read too.
    let out = run(&exe, &root.join("elsewhere"), Some(&source));
    assert!(
        out.contains(&format!(
            "configuration folder {} (from ORGNABOR_CONFIG_DIR); read {}, {}",
            source.display(),
            source.join("default.toml").display(),
            source.join("local.toml").display()
        )),
        "{out}"
    );
    assert!(out.contains("http://127.0.0.1:8080"), "{out}");
    assert!(
        !out.contains("orgnabor_app:orgnabor_app"),
        "no secrets: {out}"
    );
    std::fs::remove_dir_all(&root).ok();
}
