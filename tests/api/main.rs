//! Integration tests through the HTTP API against a real PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod audit;
mod auth;
mod candidates;
mod cli;
mod contracts;
mod db_roles;
mod employers;
mod errors;
mod followups;
mod helpers;
mod hostile;
mod languages;
mod licences;
mod operations;
mod ops;
mod organisations;
mod placements;
mod readiness;
mod relevance;
mod search;
mod search_broadening;
mod smtp;
mod vacancies;
mod verify;
