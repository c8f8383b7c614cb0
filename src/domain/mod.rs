pub mod identifiers;
pub mod reference;
pub mod validate;
pub mod vacancy_status;
