//! Commands and queries, one function each. A service function is the only place that opens a
//! transaction, asks `domain` whether a step is allowed, and writes the change together with its
//! audit entry, search change and jobs. API handlers (and later web pages) parse input, call one
//! service function and map its result to a response.

pub mod accounts;
pub mod aftercare;
pub mod audit;
pub mod candidates;
pub mod centres;
pub mod complaints;
pub mod contracts;
pub mod licences;
pub mod organisations;
pub mod placements;
pub mod quota;
pub mod quota_policy;
pub mod readiness;
pub mod records;
pub mod reference;
pub mod restrictions;
pub mod reviews;
pub mod search;
pub mod statistics;
pub mod vacancies;
pub mod verify;

use crate::db::models::audit::Actor;
use crate::domain::access::Principal;

/// The caller of a service: who they are, plus what the audit trail needs to trace the request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    pub request_id: Option<String>,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.principal.user.uuid()),
            role: Some(self.principal.role.as_str().to_owned()),
            request_id: self.request_id.clone(),
        }
    }
}
