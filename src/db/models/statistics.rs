//! The aggregates behind the public statistics, computed from the rows on every call.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

/// Placements (people) per year, region, citizenship, gender, ISCO-08 sub-major group and state:
/// the finest cells, which the service rolls up to what the caller asked for.
#[derive(Debug, Clone, QueryableByName)]
pub struct PlacementCount {
    #[diesel(sql_type = Integer)]
    pub year: i32,
    #[diesel(sql_type = Text)]
    pub region: String,
    #[diesel(sql_type = Text)]
    pub citizenship: String,
    #[diesel(sql_type = Text)]
    pub gender: String,
    #[diesel(sql_type = Text)]
    pub occupation_group: String,
    #[diesel(sql_type = Text)]
    pub stage: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// Year is the vacancy's start year. Filtering by year and region selects whole slices of the
/// table (both are always dimensions), so it may happen here.
pub fn placement_counts(
    conn: &mut PgConnection,
    year: Option<i32>,
    region: Option<&str>,
) -> QueryResult<Vec<PlacementCount>> {
    diesel::sql_query(
        "SELECT EXTRACT(YEAR FROM v.start_date)::int4 AS year, v.region_code AS region,
                trim(c.citizenship)::text AS citizenship, c.gender AS gender,
                left(trim(v.occupation_code), 2) AS occupation_group, p.state AS stage,
                count(*)::int8 AS n
           FROM placements p
           JOIN vacancies v ON v.id = p.vacancy_id
           JOIN candidate_profiles c ON c.id = p.candidate_id
          WHERE ($1::int4 IS NULL OR EXTRACT(YEAR FROM v.start_date)::int4 = $1)
            AND ($2::text IS NULL OR v.region_code = $2)
          GROUP BY 1, 2, 3, 4, 5, 6
          ORDER BY 1, 2, 3, 4, 5, 6",
    )
    .bind::<Nullable<Integer>, _>(year)
    .bind::<Nullable<Text>, _>(region)
    .load(conn)
}

/// One quota cap with what employers asked for, what was granted and used, and how many
/// applications are in each state.
#[derive(Debug, Clone, QueryableByName)]
pub struct QuotaRow {
    #[diesel(sql_type = Integer)]
    pub year: i32,
    #[diesel(sql_type = Text)]
    pub region: String,
    #[diesel(sql_type = Text)]
    pub occupation_group: String,
    #[diesel(sql_type = Integer)]
    pub cap: i32,
    #[diesel(sql_type = Integer)]
    pub allocated: i32,
    /// Workers requested by applications submitted at some point (drafts are not counted).
    #[diesel(sql_type = BigInt)]
    pub requested: i64,
    #[diesel(sql_type = BigInt)]
    pub used: i64,
    #[diesel(sql_type = BigInt)]
    pub submitted: i64,
    #[diesel(sql_type = BigInt)]
    pub under_review: i64,
    #[diesel(sql_type = BigInt)]
    pub approved: i64,
    #[diesel(sql_type = BigInt)]
    pub partially_approved: i64,
    #[diesel(sql_type = BigInt)]
    pub rejected: i64,
    /// Withdrawn after submission (a withdrawn draft was never before the ministry).
    #[diesel(sql_type = BigInt)]
    pub withdrawn: i64,
}

pub fn quota_rows(
    conn: &mut PgConnection,
    year: Option<i32>,
    region: Option<&str>,
) -> QueryResult<Vec<QuotaRow>> {
    diesel::sql_query(
        "SELECT c.year, c.region_code AS region, c.occupation_group, c.cap, c.allocated,
                COALESCE(SUM(a.workers_requested) FILTER (WHERE a.submitted_at IS NOT NULL), 0)::int8
                    AS requested,
                COALESCE(SUM(a.used), 0)::int8 AS used,
                count(a.id) FILTER (WHERE a.state = 'submitted')::int8 AS submitted,
                count(a.id) FILTER (WHERE a.state = 'under_review')::int8 AS under_review,
                count(a.id) FILTER (WHERE a.state = 'approved')::int8 AS approved,
                count(a.id) FILTER (WHERE a.state = 'partially_approved')::int8 AS partially_approved,
                count(a.id) FILTER (WHERE a.state = 'rejected')::int8 AS rejected,
                count(a.id) FILTER (WHERE a.state = 'withdrawn' AND a.submitted_at IS NOT NULL)::int8
                    AS withdrawn
           FROM quota_caps c
           LEFT JOIN quota_applications a ON a.cap_id = c.id
          WHERE ($1::int4 IS NULL OR c.year = $1)
            AND ($2::text IS NULL OR c.region_code = $2)
          GROUP BY c.id
          ORDER BY c.year, c.region_code, c.occupation_group",
    )
    .bind::<Nullable<Integer>, _>(year)
    .bind::<Nullable<Text>, _>(region)
    .load(conn)
}
