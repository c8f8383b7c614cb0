use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Migrant,
    Employer,
    Agency,
    Centre,
    Ministry,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Migrant,
        Role::Employer,
        Role::Agency,
        Role::Centre,
        Role::Ministry,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Migrant => "migrant",
            Role::Employer => "employer",
            Role::Agency => "agency",
            Role::Centre => "centre",
            Role::Ministry => "ministry",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles whose accounts belong to an organisation.
    pub fn needs_organisation(self) -> bool {
        matches!(self, Role::Employer | Role::Agency | Role::Centre)
    }
}
