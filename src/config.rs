use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Values that ship in `config/default.toml` and must never run in production.
const DEVELOPMENT_SECRETS: &[&str] = &[
    "dev-only-jwt-secret-change-me-0123456789abcdef",
    "ZGV2LW9ubHktZGF0YS1rZXktY2hhbmdlLW1lLTMyYiE=",
    "orgnabor_app",
];

/// Names the folder that holds `default.toml` and `{ORGNABOR_ENV}.toml`.
pub const CONFIG_DIR_ENV: &str = "ORGNABOR_CONFIG_DIR";

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub application: ApplicationSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub crypto: CryptoSettings,
    pub rate_limit: RateLimitSettings,
    pub email: EmailSettings,
    pub jobs: JobSettings,
    pub search: SearchSettings,
    pub telemetry: TelemetrySettings,
    /// The browser pages (issue 11); every key has a default.
    #[serde(default)]
    pub web: WebSettings,
    #[serde(default)]
    pub environment: String,
    /// Where the settings came from (filled by [`Settings::load_from`], not a setting).
    #[serde(skip)]
    pub sources: ConfigSources,
}

/// The configuration folder, how it was found, and the files actually read from it.
#[derive(Debug, Clone, Default)]
pub struct ConfigSources {
    pub dir: PathBuf,
    pub found_by: String,
    pub files: Vec<PathBuf>,
}

impl std::fmt::Display for ConfigSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files: Vec<String> = self.files.iter().map(|p| p.display().to_string()).collect();
        write!(
            f,
            "configuration folder {} ({}); read {}",
            self.dir.display(),
            self.found_by,
            files.join(", ")
        )
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationSettings {
    pub host: String,
    pub port: u16,
    pub base_url: String,
    pub max_body_bytes: usize,
    /// HTTP worker threads; 0 (the default) means one per CPU core.
    #[serde(default)]
    pub workers: usize,
    /// Proxies (IPs or CIDRs) whose `Forwarded`/`X-Forwarded-For` name the client; the socket's
    /// peer is the client for everyone else. Empty: no proxy is trusted.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// How long a vacancy must have been published, without enough hires, before the employer
    /// may apply for quota for the job (the local-hiring test).
    #[serde(default = "default_local_offer_days")]
    pub quota_local_offer_days: i64,
}

fn default_local_offer_days() -> i64 {
    crate::domain::quota::LOCAL_OFFER_DAYS
}

impl ApplicationSettings {
    /// The number of HTTP workers to start: the setting, or the number of cores when it is 0.
    pub fn workers(&self) -> usize {
        if self.workers > 0 {
            self.workers
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    }
}

/// Two roles (README "Database roles"): `url` is the owner's connection (migrations); the runtime
/// connection (`serve` and every other command) is [`DatabaseSettings::runtime_url`].
#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// The owner role, which runs migrations and owns the tables. `DATABASE_URL` wins.
    pub url: SecretString,
    pub pool_size: u32,
    /// The runtime role: only the privileges `orgnabor migrate` grants it.
    pub runtime_user: String,
    pub runtime_password: SecretString,
    /// Where the runtime role connects, when not to `url`'s server and database (a pooler, say).
    #[serde(default)]
    pub runtime_url: Option<SecretString>,
}

impl DatabaseSettings {
    /// The runtime role's connection: `runtime_url` when set, else `url` with the runtime
    /// credentials in place of the owner's (the same server and database).
    pub fn runtime_url(&self) -> SecretString {
        match &self.runtime_url {
            Some(url) => url.clone(),
            None => SecretString::from(with_credentials(
                self.url.expose_secret(),
                &self.runtime_user,
                self.runtime_password.expose_secret(),
            )),
        }
    }

    /// Whether `runtime_url` (explicit or derived) carries the development password.
    fn runtime_password_is_default(&self) -> bool {
        self.runtime_url.is_none()
            && DEVELOPMENT_SECRETS.contains(&self.runtime_password.expose_secret())
    }
}

/// `url` with `user`/`password` in place of its credentials. A `postgres://` URL gets them
/// percent-encoded in its authority; a `key=value` connection string gets them appended (libpq
/// takes the last value of a repeated keyword).
pub fn with_credentials(url: &str, user: &str, password: &str) -> String {
    for scheme in ["postgres://", "postgresql://"] {
        if let Some(rest) = url.strip_prefix(scheme) {
            let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let host_start = rest[..authority_end].rfind('@').map_or(0, |at| at + 1);
            return format!(
                "{scheme}{}:{}@{}",
                percent_encode(user),
                percent_encode(password),
                &rest[host_start..]
            );
        }
    }
    let quote = |v: &str| format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"));
    format!("{url} user={} password={}", quote(user), quote(password))
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    pub jwt_secret: SecretString,
    pub issuer: String,
    pub audience: String,
    pub access_ttl_seconds: i64,
    pub refresh_ttl_days: i64,
    pub verify_ttl_hours: i64,
    pub reset_ttl_minutes: i64,
}

/// Browser sessions. Cookies are `Secure` when `application.base_url` is https or
/// `secure_cookies` says so (behind a TLS-terminating proxy that forwards plain http, say).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct WebSettings {
    pub secure_cookies: bool,
    /// How long a browser session lasts after sign-in, at most.
    pub session_hours: i64,
}

impl Default for WebSettings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_hours: 24 * 14,
        }
    }
}

impl Settings {
    /// Whether browser cookies carry the `Secure` attribute.
    pub fn secure_cookies(&self) -> bool {
        self.web.secure_cookies || self.application.base_url.starts_with("https://")
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct CryptoSettings {
    pub data_key: SecretString,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RateLimitSettings {
    pub per_account: u32,
    pub per_client: u32,
    pub window_seconds: u64,
    /// Attempts on one account from all clients together; by default 10 × `per_account`, so that
    /// no one can lock a person out from a single address.
    #[serde(default)]
    pub per_account_all_clients: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EmailBackendKind {
    File,
    Smtp,
    Memory,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    None,
    Starttls,
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmailSettings {
    pub backend: EmailBackendKind,
    pub from: String,
    pub file_dir: PathBuf,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_username: String,
    pub smtp_password: SecretString,
    pub smtp_tls: SmtpTls,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JobSettings {
    pub enabled: bool,
    pub poll_interval_ms: u64,
    pub max_attempts: i32,
    /// Periodic sweeps (vacancy expiry) run at start and then this often, not on every poll.
    pub sweep_interval_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SearchSettings {
    pub index_dir: PathBuf,
    pub writer_memory_mb: usize,
    pub sync_interval_ms: u64,
    pub sync_enabled: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TelemetrySettings {
    pub format: String,
    pub level: String,
}

/// Finds the configuration folder: `ORGNABOR_CONFIG_DIR` when set; else the first `config/`
/// holding a `default.toml` next to the executable or in one of its parent folders (a release
/// binary in `target/release/` finds the repository's `config/`; an installed one the
/// `config/` beside it); else `config/` in the working directory. Returns it with how it was found.
pub fn locate_config_dir(
    explicit: Option<&Path>,
    exe: Option<&Path>,
    cwd: &Path,
) -> (PathBuf, String) {
    if let Some(dir) = explicit {
        return (dir.to_owned(), format!("from {CONFIG_DIR_ENV}"));
    }
    if let Some(exe) = exe {
        for folder in exe.ancestors().skip(1) {
            let candidate = folder.join("config");
            if candidate.join("default.toml").is_file() {
                return (
                    candidate,
                    format!("found from the executable {}", exe.display()),
                );
            }
        }
    }
    (
        cwd.join("config"),
        "in the working directory (none found beside the executable)".into(),
    )
}

impl Settings {
    /// `default.toml` → `{ORGNABOR_ENV}.toml` (in [`locate_config_dir`]'s folder) →
    /// `ORGNABOR__SECTION__KEY` → `DATABASE_URL`.
    pub fn load() -> Result<Self, config::ConfigError> {
        let explicit = std::env::var_os(CONFIG_DIR_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let exe = std::env::current_exe()
            .ok()
            .map(|p| p.canonicalize().unwrap_or(p));
        let cwd = std::env::current_dir().unwrap_or_default();
        let (dir, found_by) = locate_config_dir(explicit.as_deref(), exe.as_deref(), &cwd);
        let environment = std::env::var("ORGNABOR_ENV").unwrap_or_else(|_| "local".into());
        let mut settings = Self::load_from(&dir, &environment)?;
        settings.sources.found_by = found_by;
        Ok(settings)
    }

    pub fn load_from(dir: &Path, environment: &str) -> Result<Self, config::ConfigError> {
        let default_file = dir.join("default.toml");
        if !default_file.is_file() {
            return Err(config::ConfigError::Message(format!(
                "no configuration at {}: set {CONFIG_DIR_ENV} to the folder holding default.toml",
                default_file.display()
            )));
        }
        let env_file = dir.join(format!("{environment}.toml"));
        let mut files = vec![default_file.clone()];
        if env_file.is_file() {
            files.push(env_file.clone());
        }
        let mut builder = config::Config::builder()
            .add_source(config::File::from(default_file))
            .add_source(config::File::from(env_file).required(false))
            .add_source(
                config::Environment::with_prefix("ORGNABOR")
                    .prefix_separator("__")
                    .separator("__"),
            )
            .set_override("environment", environment)?;
        if let Ok(url) = std::env::var("DATABASE_URL") {
            if !url.is_empty() {
                builder = builder.set_override("database.url", url)?;
            }
        }
        let mut settings: Self = builder.build()?.try_deserialize()?;
        settings.sources = ConfigSources {
            dir: dir.to_owned(),
            found_by: "given".into(),
            files,
        };
        Ok(settings)
    }

    pub fn is_production(&self) -> bool {
        self.environment == "production"
    }

    /// Production must not run on the secrets that are public in this repository.
    pub fn check_secrets(&self) -> Result<(), String> {
        if !self.is_production() {
            return Ok(());
        }
        let runtime_password = if self.database.runtime_password_is_default() {
            self.database.runtime_password.expose_secret()
        } else {
            ""
        };
        let in_use = [
            ("auth.jwt_secret", self.auth.jwt_secret.expose_secret()),
            ("crypto.data_key", self.crypto.data_key.expose_secret()),
            ("database.runtime_password", runtime_password),
        ];
        for (name, value) in in_use {
            if DEVELOPMENT_SECRETS.contains(&value) {
                return Err(format!(
                    "{name} is the development default; set ORGNABOR__{} in production",
                    name.to_uppercase().replace('.', "__")
                ));
            }
        }
        if self.auth.jwt_secret.expose_secret().len() < 32 {
            return Err("auth.jwt_secret must be at least 32 characters".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(environment: &str) -> Settings {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
        Settings::load_from(&dir, environment).expect("settings load")
    }

    #[test]
    fn production_refuses_the_development_secrets() {
        let mut s = settings("production");
        let err = s.check_secrets().unwrap_err();
        assert!(err.contains("auth.jwt_secret"), "{err}");
        s.auth.jwt_secret = SecretString::from("a-real-production-secret-of-enough-length-0123");
        let err = s.check_secrets().unwrap_err();
        assert!(err.contains("crypto.data_key"), "{err}");
        s.crypto.data_key = SecretString::from("cHJvZHVjdGlvbi1vbmx5LWtleS0zMi1ieXRlcyEhISE=");
        let err = s.check_secrets().unwrap_err();
        assert!(err.contains("database.runtime_password"), "{err}");
        s.database.runtime_password = SecretString::from("a-real-runtime-password");
        assert!(s.check_secrets().is_ok());
        assert!(
            settings("local").check_secrets().is_ok(),
            "development may use them"
        );
    }

    #[test]
    fn secrets_are_not_printed_by_debug() {
        let s = settings("local");
        let printed = format!("{s:?}");
        assert!(!printed.contains("dev-only-jwt-secret"), "{printed}");
        assert!(!printed.contains("orgnabor:orgnabor@"), "{printed}");
        assert!(!printed.contains("orgnabor_app:orgnabor_app@"), "{printed}");
        assert!(
            !format!("{:?}", s.database.runtime_url()).contains("orgnabor_app@"),
            "derived runtime URL is a secret too"
        );
    }

    #[test]
    fn the_runtime_role_connects_to_the_owners_server_and_database() {
        let cases = [
            (
                "postgres://orgnabor:orgnabor@127.0.0.1:5432/orgnabor",
                "postgres://app:p%40ss%3Aw%2Fd@127.0.0.1:5432/orgnabor",
            ),
            (
                "postgresql://db.example:6432/orgn?sslmode=require",
                "postgresql://app:p%40ss%3Aw%2Fd@db.example:6432/orgn?sslmode=require",
            ),
            (
                "postgres://u:x@y@[::1]/o",
                "postgres://app:p%40ss%3Aw%2Fd@[::1]/o",
            ),
            (
                "postgres:///orgnabor?host=/run/postgresql",
                "postgres://app:p%40ss%3Aw%2Fd@/orgnabor?host=/run/postgresql",
            ),
            (
                "host=127.0.0.1 dbname=orgnabor user=orgnabor",
                "host=127.0.0.1 dbname=orgnabor user=orgnabor user='app' password='p@ss:w/d'",
            ),
        ];
        for (owner, runtime) in cases {
            assert_eq!(
                with_credentials(owner, "app", "p@ss:w/d"),
                runtime,
                "{owner}"
            );
        }
        let mut s = settings("local");
        s.database.url = SecretString::from("postgres://o:o@h:1/d");
        assert_eq!(
            s.database.runtime_url().expose_secret(),
            "postgres://orgnabor_app:orgnabor_app@h:1/d"
        );
        s.database.runtime_url = Some(SecretString::from("postgres://a:b@pooler:6432/d"));
        assert_eq!(
            s.database.runtime_url().expose_secret(),
            "postgres://a:b@pooler:6432/d"
        );
    }

    #[test]
    fn workers_default_to_the_number_of_cores() {
        let mut s = settings("local");
        s.application.workers = 0;
        let cores = std::thread::available_parallelism().unwrap().get();
        assert_eq!(s.application.workers(), cores);
        s.application.workers = 3;
        assert_eq!(s.application.workers(), 3);
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("orgnabor-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_released_binary_finds_the_config_beside_it_or_above_it() {
        let root = scratch("locate");
        let config = root.join("config");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("default.toml"), "").unwrap();
        std::fs::create_dir_all(root.join("target/release")).unwrap();
        let cwd = scratch("cwd");

        // target/release/orgnabor → ../../config
        let (dir, how) = locate_config_dir(None, Some(&root.join("target/release/orgnabor")), &cwd);
        assert_eq!(dir, config);
        assert!(how.contains("executable"), "{how}");
        // an installed copy: /opt/orgnabor/orgnabor → /opt/orgnabor/config
        let (dir, _) = locate_config_dir(None, Some(&root.join("orgnabor")), &cwd);
        assert_eq!(dir, config);
        // the variable wins
        let (dir, how) = locate_config_dir(Some(&cwd), Some(&root.join("orgnabor")), &cwd);
        assert_eq!(dir, cwd);
        assert!(how.contains(CONFIG_DIR_ENV), "{how}");
        // nothing beside the binary: the working directory, never the source tree it was built in
        let (dir, _) = locate_config_dir(None, Some(&cwd.join("bin/orgnabor")), &cwd);
        assert_eq!(dir, cwd.join("config"));
        assert!(!dir.starts_with(env!("CARGO_MANIFEST_DIR")));

        let err = Settings::load_from(&cwd.join("config"), "local").unwrap_err();
        assert!(err.to_string().contains(CONFIG_DIR_ENV), "{err}");
        std::fs::remove_dir_all(&root).ok();
        std::fs::remove_dir_all(&cwd).ok();
    }

    #[test]
    fn settings_record_which_files_were_read() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
        let s = Settings::load_from(&dir, "test").unwrap();
        assert_eq!(
            s.sources.files,
            vec![dir.join("default.toml"), dir.join("test.toml")]
        );
        let s = Settings::load_from(&dir, "no-such-environment").unwrap();
        assert_eq!(s.sources.files, vec![dir.join("default.toml")]);
        assert!(s.sources.to_string().contains("default.toml"));
    }
}
