//! The two page shapes most pages are: a [`FormPage`] (a title, an error summary, labelled
//! fields of any kind, one button) and a [`MessagePage`] (a title, paragraphs, links). One
//! template each (`templates/form.html`, `templates/message.html`), so every form in the service
//! looks and behaves the same: GOV.UK's error summary at the top, the message again beside the
//! field, `aria-describedby` to hint and error, works without JavaScript.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use serde::de::DeserializeOwned;

use crate::error::{AppError, ErrorCode, FieldError};
use crate::web::layout::{form_errors, render, FormError, Link, Page, WebError};

/// One option of a select, a radio group or a checkbox group.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>, selected: bool) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            selected,
        }
    }
}

/// What a field is on the page.
pub enum Control {
    /// `<input type=kind autocomplete=…>`.
    Input {
        kind: &'static str,
        autocomplete: &'static str,
    },
    Textarea {
        rows: u8,
    },
    /// `<select>`, one value.
    Select(Vec<Choice>),
    /// A radio group (a `<fieldset>` with the label as its legend), one value.
    Radios(Vec<Choice>),
    /// A checkbox group, any number of values (read into a `Vec` by `CsrfForm`).
    Checkboxes(Vec<Choice>),
}

/// One labelled field.
pub struct Field {
    /// The input's `id` and `name` (and what a [`FieldError`]'s `field` names).
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub control: Control,
    /// What the person typed (never a password).
    pub value: String,
    pub error: Option<String>,
    /// The `aria-describedby` ids (hint, error).
    pub described_by: String,
}

impl Field {
    /// The field is an `<input type=kind>`.
    pub fn is_kind(&self, kind: &str) -> bool {
        matches!(self.control, Control::Input { kind: k, .. } if k == kind)
    }

    pub fn is_group(&self) -> bool {
        matches!(self.control, Control::Radios(_) | Control::Checkboxes(_))
    }
}

pub struct Hidden {
    pub name: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage {
    pub page: Page,
    /// A line above the title (the vacancy or person the form is about).
    pub caption: Option<String>,
    pub intro: Vec<String>,
    pub action: String,
    pub hidden: Vec<Hidden>,
    pub fields: Vec<Field>,
    pub submit: String,
    /// The button is a warning (withdraw, suspend, reject).
    pub warning: bool,
    pub errors: Vec<FormError>,
    pub links: Vec<Link>,
}

impl FormPage {
    pub fn new(page: Page, action: &str, submit_id: &str) -> FormPage {
        FormPage {
            submit: page.t(submit_id),
            page,
            caption: None,
            intro: Vec::new(),
            action: action.to_owned(),
            hidden: Vec::new(),
            fields: Vec::new(),
            warning: false,
            errors: Vec::new(),
            links: Vec::new(),
        }
    }

    pub fn caption(mut self, text: String) -> FormPage {
        self.caption = Some(text);
        self
    }

    /// A paragraph from the catalogue.
    pub fn intro(mut self, id: &str) -> FormPage {
        self.intro.push(self.page.t(id));
        self
    }

    /// A paragraph already in the page's language.
    pub fn paragraph(mut self, text: String) -> FormPage {
        self.intro.push(text);
        self
    }

    pub fn hidden(mut self, name: &str, value: String) -> FormPage {
        self.hidden.push(Hidden {
            name: name.to_owned(),
            value,
        });
        self
    }

    pub fn warning(mut self) -> FormPage {
        self.warning = true;
        self
    }

    /// An `<input>`; `value` is what the person typed (never a password).
    pub fn field(
        self,
        id: &str,
        label_id: &str,
        hint_id: Option<&str>,
        kind: &'static str,
        autocomplete: &'static str,
        value: &str,
    ) -> FormPage {
        self.control(
            id,
            label_id,
            hint_id,
            Control::Input { kind, autocomplete },
            value,
        )
    }

    pub fn textarea(
        self,
        id: &str,
        label_id: &str,
        hint_id: Option<&str>,
        value: &str,
    ) -> FormPage {
        self.control(id, label_id, hint_id, Control::Textarea { rows: 5 }, value)
    }

    /// A field of any [`Control`]. For selects, radios and checkboxes the [`Choice`]s say which
    /// are selected; `value` is unused.
    pub fn control(
        mut self,
        id: &str,
        label_id: &str,
        hint_id: Option<&str>,
        control: Control,
        value: &str,
    ) -> FormPage {
        self.fields.push(Field {
            id: id.to_owned(),
            label: self.page.t(label_id),
            hint: hint_id.map(|h| self.page.t(h)),
            control,
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
        let first = self
            .fields
            .first()
            .map(|f| f.id.clone())
            .unwrap_or_else(|| "main".to_owned());
        for e in &mut errors {
            if !self.fields.iter().any(|f| f.id == e.field) {
                e.field = first.clone();
            }
        }
        // A generic "fill in this field" names the field, so a summary of several reads well.
        let generic = [
            (
                self.page.t("web-error-required"),
                "web-error-required-field",
            ),
            (self.page.t("web-error-invalid"), "web-error-invalid-field"),
        ];
        for e in &mut errors {
            if let Some((_, id)) = generic.iter().find(|(text, _)| *text == e.message) {
                if let Some(f) = self.fields.iter().find(|f| f.id == e.field) {
                    e.message = self.page.t1(id, "field", f.label.clone());
                }
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
    pub fn error_on(self, field: &str, id: &str) -> FormPage {
        let message = self.page.t(id);
        self.error_text(field, message)
    }

    /// An error already in the page's language, on one field.
    pub fn error_text(self, field: &str, message: String) -> FormPage {
        let mut page = self.errors(&[FieldError::new(field, "invalid")]);
        let target = page
            .errors
            .first()
            .map(|e| e.field.clone())
            .unwrap_or_default();
        if let Some(e) = page.errors.iter_mut().find(|e| e.field == target) {
            e.message = message.clone();
        }
        if let Some(f) = page.fields.iter_mut().find(|f| f.id == target) {
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
#[template(path = "message.html")]
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
    serde_html_form::from_str(req.query_string()).unwrap_or_default()
}

/// The field errors of a validation failure; any other error passes through.
pub fn validation(e: AppError) -> Result<Vec<FieldError>, WebError> {
    if e.code == ErrorCode::ValidationFailed {
        Ok(e.fields)
    } else {
        Err(e.into())
    }
}
