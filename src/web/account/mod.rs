//! Signing in and out, registering, confirming the email address, resetting and changing the
//! password, and the role home page `/account`. The form pages share one template
//! (`templates/account/form.html`): a title, an error summary, labelled fields, one button.

pub mod email;
pub mod home;
pub mod password;
pub mod register;
pub mod sign_in;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use serde::de::DeserializeOwned;

use crate::error::{AppError, ErrorCode, FieldError};
use crate::web::layout::{form_errors, render, FormError, Link, Page, WebError};

/// One labelled input.
pub struct Field {
    pub id: &'static str,
    pub label: String,
    pub hint: Option<String>,
    /// The input's `type`.
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub value: String,
    pub error: Option<String>,
    /// The `aria-describedby` ids (hint, error).
    pub described_by: String,
}

pub struct Hidden {
    pub name: &'static str,
    pub value: String,
}

#[derive(Template)]
#[template(path = "account/form.html")]
pub struct FormPage {
    pub page: Page,
    pub intro: Vec<String>,
    pub action: String,
    pub hidden: Vec<Hidden>,
    pub fields: Vec<Field>,
    pub submit: String,
    pub errors: Vec<FormError>,
    pub links: Vec<Link>,
}

impl FormPage {
    pub fn new(page: Page, action: &str, submit_id: &str) -> FormPage {
        FormPage {
            submit: page.t(submit_id),
            page,
            intro: Vec::new(),
            action: action.to_owned(),
            hidden: Vec::new(),
            fields: Vec::new(),
            errors: Vec::new(),
            links: Vec::new(),
        }
    }

    pub fn intro(mut self, id: &str) -> FormPage {
        self.intro.push(self.page.t(id));
        self
    }

    pub fn hidden(mut self, name: &'static str, value: String) -> FormPage {
        self.hidden.push(Hidden { name, value });
        self
    }

    /// A field; `value` is what the person typed (never a password).
    pub fn field(
        mut self,
        id: &'static str,
        label_id: &str,
        hint_id: Option<&str>,
        kind: &'static str,
        autocomplete: &'static str,
        value: &str,
    ) -> FormPage {
        self.fields.push(Field {
            id,
            label: self.page.t(label_id),
            hint: hint_id.map(|h| self.page.t(h)),
            kind,
            autocomplete,
            value: value.to_owned(),
            error: None,
            described_by: String::new(),
        });
        self
    }

    pub fn link(mut self, href: &str, text_id: &str) -> FormPage {
        let link = Link::new(&self.page, href, text_id);
        self.links.push(link);
        self
    }

    /// Shows validation errors: in the summary (in the order of the fields) and beside each
    /// field. An error about something not on the form links to the first field.
    pub fn errors(mut self, fields: &[FieldError]) -> FormPage {
        let mut errors = form_errors(self.page.locale, fields);
        let first = self.fields.first().map(|f| f.id).unwrap_or("main");
        for e in &mut errors {
            if !self.fields.iter().any(|f| f.id == e.field) {
                e.field = first.to_owned();
            }
        }
        let position = |id: &str| self.fields.iter().position(|f| f.id == id);
        errors.sort_by_key(|e| position(&e.field));
        errors.dedup_by(|a, b| a.field == b.field);
        for f in &mut self.fields {
            f.error = errors
                .iter()
                .find(|e| e.field == f.id)
                .map(|e| e.message.clone());
        }
        self.page.has_errors = !errors.is_empty();
        self.errors = errors;
        self
    }

    /// An error the person fixes in one field (a wrong password, say): message id `id`.
    pub fn error_on(self, field: &'static str, id: &str) -> FormPage {
        let message = self.page.t(id);
        let mut page = self.errors(&[FieldError::new(field, "invalid")]);
        if let Some(e) = page.errors.iter_mut().find(|e| e.field == field) {
            e.message = message.clone();
        }
        if let Some(f) = page.fields.iter_mut().find(|f| f.id == field) {
            f.error = Some(message);
        }
        page
    }

    pub fn respond(mut self, status: StatusCode) -> Result<HttpResponse, WebError> {
        for f in &mut self.fields {
            let mut ids = Vec::new();
            if f.hint.is_some() {
                ids.push(format!("{}-hint", f.id));
            }
            if f.error.is_some() {
                ids.push(format!("{}-error", f.id));
            }
            f.described_by = ids.join(" ");
        }
        render(status, &self)
    }
}

#[derive(Template)]
#[template(path = "account/message.html")]
pub struct MessagePage {
    pub page: Page,
    pub paragraphs: Vec<String>,
    pub links: Vec<Link>,
}

impl MessagePage {
    pub fn new(page: Page) -> MessagePage {
        MessagePage {
            page,
            paragraphs: Vec::new(),
            links: Vec::new(),
        }
    }

    pub fn paragraph(mut self, text: String) -> MessagePage {
        self.paragraphs.push(text);
        self
    }

    pub fn link(mut self, href: &str, text_id: &str) -> MessagePage {
        let link = Link::new(&self.page, href, text_id);
        self.links.push(link);
        self
    }

    pub fn respond(self, status: StatusCode) -> Result<HttpResponse, WebError> {
        render(status, &self)
    }
}

/// The query of a page, or its defaults when it does not parse.
pub fn query<T: DeserializeOwned + Default>(req: &HttpRequest) -> T {
    actix_web::web::Query::<T>::from_query(req.query_string())
        .map(actix_web::web::Query::into_inner)
        .unwrap_or_default()
}

/// The field errors of a validation failure; any other error passes through.
pub fn validation(e: AppError) -> Result<Vec<FieldError>, WebError> {
    if e.code == ErrorCode::ValidationFailed {
        Ok(e.fields)
    } else {
        Err(e.into())
    }
}
