//! Roles are a domain notion; the auth layer re-exports them for its guards.
pub use crate::domain::role::Role;
