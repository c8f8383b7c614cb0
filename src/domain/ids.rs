//! Typed ids: a `CandidateId` cannot be passed where a `VacancyId` is expected. They are UUIDv7 on
//! the wire and in the database; the conversion happens at the edges (`From<Uuid>`, `.uuid()`).

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn generate() -> Self {
                Self(Uuid::now_v7())
            }

            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

id_type!(
    /// An account.
    UserId,
    /// A candidate profile (a person, with or without an account of their own).
    CandidateId,
    VacancyId,
    EmployerId,
    AgencyId,
    CentreId,
    /// A person's consent to be represented by an agency or a centre.
    ConsentId,
    /// One candidate's path to one vacancy.
    PlacementId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_uuid_and_json() {
        let raw = Uuid::now_v7();
        let id = VacancyId::from(raw);
        assert_eq!(id.uuid(), raw);
        assert_eq!(Uuid::from(id), raw);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{raw}\""));
        assert_eq!(serde_json::from_str::<VacancyId>(&json).unwrap(), id);
        assert_ne!(CandidateId::generate(), CandidateId::generate());
    }
}
