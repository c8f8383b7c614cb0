//! Reviews by placed workers (append-only) and the rating summaries computed from them. Nothing
//! here is cached: every summary is computed from the rows.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};
use serde::Serialize;
use uuid::Uuid;

use crate::db::schema::{placements, reviews};
use crate::domain::review::{self as rules, Stage, Subject};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reviews)]
pub struct Review {
    pub id: Uuid,
    pub placement_id: Uuid,
    pub subject: String,
    pub employer_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub stage: String,
    pub truth_of_offer: i16,
    pub contract_kept: i16,
    pub treatment: i16,
    pub fee_asked: bool,
    pub comment: String,
    /// Kept only to enforce the rules; never in a response to the party reviewed or the public.
    pub written_by: Uuid,
    pub created_at: DateTime<Utc>,
}

impl Review {
    /// The stored subject; the CHECK constraint admits only known names.
    pub fn subject(&self) -> Subject {
        self.subject.parse().unwrap_or(Subject::Employer)
    }

    pub fn stage(&self) -> Stage {
        self.stage.parse().unwrap_or(Stage::Employment)
    }

    /// The three scores added up (3..=15), for the public order.
    pub fn total(&self) -> i16 {
        self.truth_of_offer + self.contract_kept + self.treatment
    }
}

/// The party whose reviews are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewed {
    Employer(Uuid),
    Agency(Uuid),
}

/// Adds a review; `None` when the placement already has one of that party at that stage (the
/// UNIQUE constraint decides, so two concurrent requests cannot both succeed).
pub fn insert(conn: &mut PgConnection, r: &Review) -> QueryResult<Option<Review>> {
    diesel::insert_into(reviews::table)
        .values(r)
        .on_conflict((reviews::placement_id, reviews::subject, reviews::stage))
        .do_nothing()
        .returning(Review::as_returning())
        .get_result(conn)
        .optional()
}

/// Every review of the party, newest first (the ministry's view).
pub fn all_of(conn: &mut PgConnection, party: Reviewed) -> QueryResult<Vec<Review>> {
    let q = reviews::table
        .select(Review::as_select())
        .order((reviews::created_at.desc(), reviews::id.desc()));
    match party {
        Reviewed::Employer(id) => q.filter(reviews::employer_id.eq(id)).load(conn),
        Reviewed::Agency(id) => q.filter(reviews::agency_id.eq(id)).load(conn),
    }
}

/// Each worker's latest review of the party: the ones a summary counts. In no useful order.
pub fn latest_of(conn: &mut PgConnection, party: Reviewed) -> QueryResult<Vec<Review>> {
    let q = reviews::table
        .inner_join(placements::table)
        .select(Review::as_select())
        .distinct_on(placements::candidate_id)
        .order((
            placements::candidate_id,
            reviews::created_at.desc(),
            reviews::id.desc(),
        ));
    match party {
        Reviewed::Employer(id) => q.filter(reviews::employer_id.eq(id)).load(conn),
        Reviewed::Agency(id) => q.filter(reviews::agency_id.eq(id)).load(conn),
    }
}

/// The reviews a worker wrote, newest first.
pub fn written_by(conn: &mut PgConnection, user: Uuid) -> QueryResult<Vec<Review>> {
    reviews::table
        .filter(reviews::written_by.eq(user))
        .order((reviews::created_at.desc(), reviews::id.desc()))
        .select(Review::as_select())
        .load(conn)
}

/// What workers say of an employer or an agency. `reviews` counts workers, not reviews: each
/// worker's latest review (the one at completion, once written) gives the scores, so a worker
/// who reviewed twice, or for two placements, still counts once — the threshold of
/// [`rules::MIN_REVIEWS_SHOWN`] is five people. `fee_asked` counts workers who said, in any of
/// their reviews of the party, that they were asked to pay. Averages are rounded to one decimal
/// and `None` without reviews.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RatingSummary {
    /// Workers who reviewed the party.
    pub reviews: i64,
    /// Average of "the offer was true" (1–5).
    pub truth_of_offer: Option<f64>,
    /// Average of "the contract was kept" (1–5).
    pub contract_kept: Option<f64>,
    /// Average of "how I was treated" (1–5).
    pub treatment: Option<f64>,
    /// Workers who were asked to pay anything.
    pub fee_asked: i64,
}

impl RatingSummary {
    /// The summary as anyone but the ministry may see it: only from five workers on.
    pub fn public(self) -> Option<RatingSummary> {
        rules::shown(self.reviews).then_some(self)
    }
}

#[derive(QueryableByName)]
struct Sums {
    #[diesel(sql_type = BigInt)]
    workers: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    truth: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    kept: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    treatment: Option<i64>,
    #[diesel(sql_type = BigInt)]
    fee_asked: i64,
}

fn summary(conn: &mut PgConnection, column: &'static str, id: Uuid) -> QueryResult<RatingSummary> {
    let sql = format!(
        "WITH mine AS (
             SELECT r.id, r.truth_of_offer, r.contract_kept, r.treatment, r.fee_asked,
                    r.created_at, p.candidate_id
               FROM reviews r JOIN placements p ON p.id = r.placement_id
              WHERE r.{column} = $1
         ), latest AS (
             SELECT DISTINCT ON (candidate_id) candidate_id, truth_of_offer, contract_kept, treatment
               FROM mine ORDER BY candidate_id, created_at DESC, id DESC
         ), fee AS (
             SELECT candidate_id, bool_or(fee_asked) AS asked FROM mine GROUP BY candidate_id
         )
         SELECT count(*) AS workers,
                sum(l.truth_of_offer)::int8 AS truth,
                sum(l.contract_kept)::int8 AS kept,
                sum(l.treatment)::int8 AS treatment,
                count(*) FILTER (WHERE f.asked) AS fee_asked
           FROM latest l JOIN fee f USING (candidate_id)"
    );
    let s: Sums = diesel::sql_query(sql)
        .bind::<diesel::sql_types::Uuid, _>(id)
        .get_result(conn)?;
    let avg = |sum: Option<i64>| sum.and_then(|sum| rules::average(sum, s.workers));
    Ok(RatingSummary {
        reviews: s.workers,
        truth_of_offer: avg(s.truth),
        contract_kept: avg(s.kept),
        treatment: avg(s.treatment),
        fee_asked: s.fee_asked,
    })
}

/// The employer's rating, raw (for the ministry); `.public()` for everyone else.
pub fn summary_of_employer(conn: &mut PgConnection, employer: Uuid) -> QueryResult<RatingSummary> {
    summary(conn, "employer_id", employer)
}

/// The agency's rating, raw (for the ministry and its licensing view); `.public()` for everyone
/// else.
pub fn summary_of_agency(conn: &mut PgConnection, agency: Uuid) -> QueryResult<RatingSummary> {
    summary(conn, "agency_id", agency)
}

/// The summary of one party.
pub fn summary_of(conn: &mut PgConnection, party: Reviewed) -> QueryResult<RatingSummary> {
    match party {
        Reviewed::Employer(id) => summary_of_employer(conn, id),
        Reviewed::Agency(id) => summary_of_agency(conn, id),
    }
}
