use std::path::PathBuf;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Values that ship in `config/default.toml` and must never run in production.
const DEVELOPMENT_SECRETS: &[&str] = &[
    "dev-only-jwt-secret-change-me-0123456789abcdef",
    "ZGV2LW9ubHktZGF0YS1rZXktY2hhbmdlLW1lLTMyYiE=",
];

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
    #[serde(default)]
    pub environment: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationSettings {
    pub host: String,
    pub port: u16,
    pub base_url: String,
    pub max_body_bytes: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    pub url: SecretString,
    pub pool_size: u32,
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

#[derive(Debug, Clone, Deserialize)]
pub struct CryptoSettings {
    pub data_key: SecretString,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RateLimitSettings {
    pub per_account: u32,
    pub per_client: u32,
    pub window_seconds: u64,
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

impl Settings {
    /// `config/default.toml` → `config/{ORGNABOR_ENV}.toml` → `ORGNABOR__SECTION__KEY` → `DATABASE_URL`.
    pub fn load() -> Result<Self, config::ConfigError> {
        let base = std::env::var("ORGNABOR_CONFIG_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config"));
        let environment = std::env::var("ORGNABOR_ENV").unwrap_or_else(|_| "local".into());
        Self::load_from(&base, &environment)
    }

    pub fn load_from(
        dir: &std::path::Path,
        environment: &str,
    ) -> Result<Self, config::ConfigError> {
        let mut builder = config::Config::builder()
            .add_source(config::File::from(dir.join("default.toml")))
            .add_source(config::File::from(dir.join(format!("{environment}.toml"))).required(false))
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
        builder.build()?.try_deserialize()
    }

    pub fn is_production(&self) -> bool {
        self.environment == "production"
    }

    /// Production must not run on the secrets that are public in this repository.
    pub fn check_secrets(&self) -> Result<(), String> {
        if !self.is_production() {
            return Ok(());
        }
        let in_use = [
            ("auth.jwt_secret", self.auth.jwt_secret.expose_secret()),
            ("crypto.data_key", self.crypto.data_key.expose_secret()),
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
    }
}
