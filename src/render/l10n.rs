//! The Fluent catalogue lives in [`crate::i18n::catalogue`]; this path stays for the documents
//! and pages that call `render::l10n::text`.

pub use crate::i18n::catalogue::{catalogue, text, Catalogue, LoadProblem, MessageInfo};
