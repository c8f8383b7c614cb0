//! Documents rendered for people: pure functions from plain structs to HTML and PDF bytes.
//! No database, no HTTP. Fixed texts come from the Fluent catalogue in `locales/`.

pub mod contract;
pub mod l10n;
mod pdf;
