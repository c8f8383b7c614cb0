//! Outgoing email. Messages are composed when the job is enqueued (inside the business
//! transaction) and sent by the job runner through one of three backends.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::config::{EmailBackendKind, EmailSettings, SmtpTls};
use crate::i18n::{self, Locale};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl OutgoingEmail {
    /// Renders `email.{template}.subject/body` in the recipient's language.
    pub fn from_template(
        to: &str,
        locale: Locale,
        template: &str,
        args: &[(&str, String)],
    ) -> Self {
        Self {
            to: to.to_owned(),
            subject: i18n::t_with(locale, &format!("email.{template}.subject"), args),
            body: i18n::t_with(locale, &format!("email.{template}.body"), args),
        }
    }
}

#[derive(Clone)]
pub enum EmailSender {
    Smtp {
        transport: Arc<SmtpTransport>,
        from: Mailbox,
    },
    File {
        transport: Arc<FileTransport>,
        from: Mailbox,
        dir: PathBuf,
    },
    Memory {
        outbox: Arc<Mutex<Vec<OutgoingEmail>>>,
    },
}

impl EmailSender {
    pub fn from_settings(settings: &EmailSettings) -> anyhow::Result<Self> {
        let from: Mailbox = settings.from.parse()?;
        Ok(match settings.backend {
            EmailBackendKind::Memory => Self::Memory {
                outbox: Arc::default(),
            },
            EmailBackendKind::File => Self::File {
                transport: Arc::new(FileTransport::new(&settings.file_dir)),
                from,
                dir: settings.file_dir.clone(),
            },
            EmailBackendKind::Smtp => {
                let mut builder = match settings.smtp_tls {
                    SmtpTls::None => SmtpTransport::builder_dangerous(&settings.smtp_host),
                    SmtpTls::Starttls => SmtpTransport::starttls_relay(&settings.smtp_host)?,
                    SmtpTls::Tls => SmtpTransport::relay(&settings.smtp_host)?,
                }
                .port(settings.smtp_port)
                .timeout(Some(std::time::Duration::from_secs(15)));
                if !settings.smtp_username.is_empty() {
                    builder = builder.credentials(Credentials::new(
                        settings.smtp_username.clone(),
                        settings.smtp_password.expose_secret().to_owned(),
                    ));
                }
                Self::Smtp {
                    transport: Arc::new(builder.build()),
                    from,
                }
            }
        })
    }

    /// Blocking: call from the job runner's blocking thread.
    pub fn send(&self, email: &OutgoingEmail) -> anyhow::Result<()> {
        let build = |from: &Mailbox| -> anyhow::Result<Message> {
            Ok(Message::builder()
                .from(from.clone())
                .to(email.to.parse()?)
                .subject(email.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(email.body.clone())?)
        };
        match self {
            Self::Smtp { transport, from } => {
                transport.send(&build(from)?)?;
            }
            Self::File {
                transport,
                from,
                dir,
            } => {
                std::fs::create_dir_all(dir)?;
                transport.send(&build(from)?)?;
            }
            Self::Memory { outbox } => {
                outbox
                    .lock()
                    .map_err(|_| anyhow::anyhow!("outbox poisoned"))?
                    .push(email.clone());
            }
        }
        Ok(())
    }

    /// Messages sent so far (memory backend only).
    pub fn outbox(&self) -> Vec<OutgoingEmail> {
        match self {
            Self::Memory { outbox } => outbox.lock().map(|o| o.clone()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}
