pub mod identifiers;
pub mod reference;
pub mod vacancy_status;
pub mod validate;
