//! Contract versions of placements and their signatures. Both tables are append-only (a
//! trigger and the runtime role's privileges refuse UPDATE and DELETE): a version's terms never
//! change, and a signature is given once.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{contract_signatures, contracts};
use crate::domain::contract::{ContractTerms, Signatures, Signer};

/// One version as written.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = contracts)]
pub struct ContractRow {
    pub id: Uuid,
    pub placement_id: Uuid,
    pub version: i32,
    pub employer_name: String,
    pub employer_inn: String,
    pub agency_name: Option<String>,
    pub agency_licence_number: Option<String>,
    pub candidate_name: String,
    pub candidate_citizenship: String,
    pub vacancy_title: String,
    pub occupation_code: String,
    pub region_code: String,
    pub city: String,
    pub salary_rub_month: i32,
    pub minimum_wage_rub_month: i32,
    pub minimum_wage_source: String,
    pub hours_per_week: i32,
    pub hours_reason: Option<String>,
    pub start_date: NaiveDate,
    pub duration_months: i32,
    pub housing: Option<String>,
    pub meals: Option<String>,
    pub transport: Option<String>,
    pub paid_leave_days: i32,
    pub employer_pays_travel: bool,
    pub employer_pays_medical: bool,
    pub employer_pays_permit: bool,
    pub worker_fee_rub: i32,
    pub drafted_by: Uuid,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contract_signatures)]
pub struct Signature {
    pub id: i64,
    pub contract_id: Uuid,
    pub signer: String,
    pub user_id: Uuid,
    pub locale: Option<String>,
    pub signed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = contract_signatures)]
struct NewSignature<'a> {
    contract_id: Uuid,
    signer: &'a str,
    user_id: Uuid,
    locale: Option<&'a str>,
    signed_at: DateTime<Utc>,
}

/// A version with the signatures it carries.
#[derive(Debug, Clone)]
pub struct Contract {
    pub row: ContractRow,
    pub employer: Option<Signature>,
    pub candidate: Option<Signature>,
}

impl Contract {
    pub fn signatures(&self) -> Signatures {
        Signatures {
            employer: self.employer.is_some(),
            candidate: self.candidate.is_some(),
        }
    }

    pub fn terms(&self) -> ContractTerms {
        let r = &self.row;
        ContractTerms {
            salary_rub_month: r.salary_rub_month,
            hours_per_week: r.hours_per_week,
            hours_reason: r.hours_reason.clone(),
            start_date: r.start_date,
            duration_months: r.duration_months,
            housing: r.housing.clone(),
            meals: r.meals.clone(),
            transport: r.transport.clone(),
            paid_leave_days: r.paid_leave_days,
            employer_pays_travel: r.employer_pays_travel,
            employer_pays_medical: r.employer_pays_medical,
            employer_pays_permit: r.employer_pays_permit,
            worker_fee_rub: r.worker_fee_rub,
        }
    }
}

pub fn insert(conn: &mut PgConnection, c: &ContractRow) -> QueryResult<Contract> {
    let row = diesel::insert_into(contracts::table)
        .values(c)
        .returning(ContractRow::as_returning())
        .get_result(conn)?;
    Ok(Contract {
        row,
        employer: None,
        candidate: None,
    })
}

fn with_signatures(conn: &mut PgConnection, rows: Vec<ContractRow>) -> QueryResult<Vec<Contract>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let signatures: Vec<Signature> = contract_signatures::table
        .filter(contract_signatures::contract_id.eq_any(&ids))
        .select(Signature::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let of = |who: Signer| {
                signatures
                    .iter()
                    .find(|s| s.contract_id == row.id && s.signer == who.as_str())
                    .cloned()
            };
            Contract {
                employer: of(Signer::Employer),
                candidate: of(Signer::Candidate),
                row,
            }
        })
        .collect())
}

/// Every version of a placement's contract, newest first.
pub fn versions(conn: &mut PgConnection, placement_id: Uuid) -> QueryResult<Vec<Contract>> {
    let rows = contracts::table
        .filter(contracts::placement_id.eq(placement_id))
        .order(contracts::version.desc())
        .select(ContractRow::as_select())
        .load(conn)?;
    with_signatures(conn, rows)
}

/// The newest version, if the employer has written one.
pub fn latest(conn: &mut PgConnection, placement_id: Uuid) -> QueryResult<Option<Contract>> {
    let rows = contracts::table
        .filter(contracts::placement_id.eq(placement_id))
        .order(contracts::version.desc())
        .limit(1)
        .select(ContractRow::as_select())
        .load(conn)?;
    Ok(with_signatures(conn, rows)?.into_iter().next())
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Contract> {
    let row = contracts::table
        .find(id)
        .select(ContractRow::as_select())
        .first(conn)?;
    with_signatures(conn, vec![row])?
        .into_iter()
        .next()
        .ok_or(diesel::result::Error::NotFound)
}

/// Adds `signer`'s signature to a version (once: the unique key refuses a second).
pub fn sign(
    conn: &mut PgConnection,
    contract: &Contract,
    signer: Signer,
    user_id: Uuid,
    locale: Option<&str>,
    at: DateTime<Utc>,
) -> QueryResult<Contract> {
    let signature = diesel::insert_into(contract_signatures::table)
        .values(NewSignature {
            contract_id: contract.row.id,
            signer: signer.as_str(),
            user_id,
            locale,
            signed_at: at,
        })
        .returning(Signature::as_returning())
        .get_result(conn)?;
    let mut signed = contract.clone();
    match signer {
        Signer::Employer => signed.employer = Some(signature),
        Signer::Candidate => signed.candidate = Some(signature),
    }
    Ok(signed)
}
