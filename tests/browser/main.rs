//! The web UI in a real Chromium, driven over WebDriver (fantoccini → Debian's chromedriver),
//! against the app on port 0 with its own database: journeys clicked and typed as a person
//! does, on a desktop window and on a 360 px phone, with screenshots in
//! `target/browser-screenshots/` and the same page checks on every page visited (language,
//! one h1, labels, no sideways scroll, touch targets).
//!
//! `make test` installs the browser (`scripts/ensure-browser.sh`). Without it these tests say
//! they were skipped, except on CI, where a missing browser fails them.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

#[path = "../api/helpers.rs"]
mod helpers;

mod employer;
mod journeys;
mod offline;
mod support;
