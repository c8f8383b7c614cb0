pub mod client;
pub mod extractor;
pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod roles;
pub mod throttle;
pub mod tokens;

pub use extractor::{Access, AuthUser, RequireAccess};
pub use roles::Role;
