//! Public pages (the lead owns this folder; web-core only started the home page).

pub mod home;
