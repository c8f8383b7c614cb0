pub mod access;
pub mod audit;
pub mod identifiers;
pub mod ids;
pub mod reference;
pub mod role;
pub mod vacancy_status;
pub mod validate;
