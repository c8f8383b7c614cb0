pub mod access;
pub mod audit;
pub mod calendar;
pub mod candidate;
pub mod claim;
pub mod complaint;
pub mod contract;
pub mod dates;
pub mod followup;
pub mod identifiers;
pub mod ids;
pub mod licence;
pub mod members;
pub mod passport_review;
pub mod placement;
pub mod quota;
pub mod quota_policy;
pub mod readiness;
pub mod reference;
pub mod restriction;
pub mod review;
pub mod role;
pub mod session;
pub mod statistics;
pub mod text;
pub mod vacancy;
pub mod validate;
pub mod verify;

/// For PATCH bodies: a missing key is `None`, an explicit `null` is `Some(None)`.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    Option::<T>::deserialize(deserializer).map(Some)
}
