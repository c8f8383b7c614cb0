//! Signing in and out, registering, confirming the email address, resetting and changing the
//! password, and the role home page `/account`. The form pages are
//! [`FormPage`]s.

pub mod email;
pub mod home;
pub mod password;
pub mod register;
pub mod sign_in;

pub use crate::web::form::{query, validation, FormPage, MessagePage};
