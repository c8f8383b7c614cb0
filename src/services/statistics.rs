//! Public statistics: quota caps against applications, grants and use; placements (people) by
//! the dimensions a caller picks, with small cells withheld (`domain::statistics`).

use serde::Serialize;
use utoipa::ToSchema;

use crate::db;
use crate::db::models::statistics as rows;
use crate::domain::statistics::{self as rules, Cell};
use crate::error::{AppError, AppResult, FieldError};
use crate::state::AppState;

/// A dimension placements can be broken down by, besides year and region (always present).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Citizenship,
    Gender,
    /// ISCO-08 sub-major group: the first two digits of the vacancy's occupation.
    OccupationGroup,
    /// The placement's state.
    Stage,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Self::Citizenship,
        Self::Gender,
        Self::OccupationGroup,
        Self::Stage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Citizenship => "citizenship",
            Self::Gender => "gender",
            Self::OccupationGroup => "occupation_group",
            Self::Stage => "stage",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    fn of(self, r: &rows::PlacementCount) -> &str {
        match self {
            Self::Citizenship => &r.citizenship,
            Self::Gender => &r.gender,
            Self::OccupationGroup => &r.occupation_group,
            Self::Stage => &r.stage,
        }
    }
}

/// One cell: the number of placements (people) for a year, region and the chosen dimensions.
/// `count` is null when fewer than 5 people are in it, or when it had to be withheld so that such
/// a cell cannot be recovered by subtraction; `suppressed` says so.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlacementCell {
    /// The vacancy's start year.
    pub year: i32,
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation_group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    pub count: Option<i64>,
    pub suppressed: bool,
}

impl PlacementCell {
    /// The value of a dimension (for CSV columns).
    pub fn value(&self, d: Dimension) -> Option<&str> {
        match d {
            Dimension::Citizenship => self.citizenship.as_deref(),
            Dimension::Gender => self.gender.as_deref(),
            Dimension::OccupationGroup => self.occupation_group.as_deref(),
            Dimension::Stage => self.stage.as_deref(),
        }
    }
}

/// The table `by` out of the finest cells. All the tables a caller can ask for are suppressed
/// together (`rules::suppress_all`), so that no two of them, subtracted, give a withheld cell
/// away; year and region are in every table, so nothing sums over them.
pub fn roll_up(counts: &[rows::PlacementCount], by: &[Dimension]) -> Vec<PlacementCell> {
    let fine: Vec<(Vec<String>, i64)> = counts
        .iter()
        .map(|r| {
            let mut k = vec![format!("{:04}", r.year), r.region.clone()];
            k.extend(Dimension::ALL.iter().map(|d| d.of(r).to_owned()));
            (k, r.n)
        })
        .collect();
    let summable: Vec<usize> = (2..2 + Dimension::ALL.len()).collect();
    let all = rules::suppress_all(&fine, &summable);
    let wanted = |k: &[Option<String>]| {
        Dimension::ALL
            .iter()
            .enumerate()
            .all(|(i, d)| k.get(i + 2).is_some_and(Option::is_some) == by.contains(d))
    };
    all.into_iter()
        .filter(|(k, _)| wanted(k))
        .map(|(k, cell)| {
            let at = |i: usize| k.get(i).cloned().flatten();
            PlacementCell {
                year: at(0).and_then(|y| y.parse().ok()).unwrap_or_default(),
                region: at(1).unwrap_or_default(),
                citizenship: at(2),
                gender: at(3),
                occupation_group: at(4),
                stage: at(5),
                count: cell.value,
                suppressed: cell.suppressed,
            }
        })
        .collect()
}

/// The most fine cells one answer rolls up: suppression weighs every table a caller could ask
/// for together, which grows with the cells, so a wider question must be narrowed by year or
/// region first (422) rather than hold a thread for seconds.
pub const MAX_FINE_CELLS: usize = 5_000;

pub async fn placements(
    state: &AppState,
    year: Option<i32>,
    region: Option<String>,
    by: Vec<Dimension>,
) -> AppResult<Vec<PlacementCell>> {
    // The roll-up is CPU work: it runs on the blocking pool with the query, never on a worker.
    db::run(&state.pool, move |conn| {
        let counts = rows::placement_counts(conn, year, region.as_deref())?;
        if counts.len() > MAX_FINE_CELLS {
            return Err(AppError::validation(vec![FieldError::new(
                if year.is_none() { "year" } else { "region" },
                "required",
            )])
            .detail(format!(
                "{} cells to weigh; narrow the question by year and region (at most {MAX_FINE_CELLS})",
                counts.len()
            )));
        }
        Ok(roll_up(&counts, &by))
    })
    .await
}

/// A quota cap against what employers asked for, what the ministry granted and what placements
/// used. Caps, grants, requests and applications count quota units and employers' applications,
/// not people, and are shown as they are. `used` counts the approved placements that took a unit
/// — people — so it is withheld under 5 like any count of people.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuotaStat {
    pub year: i32,
    pub region: String,
    /// ISCO-08 major (1 digit) or sub-major (2 digits) group of the cap.
    pub occupation_group: String,
    pub cap: i32,
    /// Units granted to employers' applications.
    pub allocated: i32,
    /// Workers requested by applications that were submitted (drafts are not counted).
    pub requested: i64,
    pub applications_submitted: i64,
    pub applications_under_review: i64,
    pub applications_approved: i64,
    pub applications_partially_approved: i64,
    pub applications_rejected: i64,
    /// Withdrawn after submission.
    pub applications_withdrawn: i64,
    /// Units used by approved placements; null when fewer than 5.
    pub used: Option<i64>,
    pub used_suppressed: bool,
}

pub async fn quota(
    state: &AppState,
    year: Option<i32>,
    region: Option<String>,
) -> AppResult<Vec<QuotaStat>> {
    let found = db::run(&state.pool, move |conn| {
        Ok(rows::quota_rows(conn, year, region.as_deref())?)
    })
    .await?;
    Ok(found
        .into_iter()
        .map(|r| {
            let Cell { value, suppressed } = rules::single(r.used);
            QuotaStat {
                year: r.year,
                region: r.region,
                occupation_group: r.occupation_group,
                cap: r.cap,
                allocated: r.allocated,
                requested: r.requested,
                applications_submitted: r.submitted,
                applications_under_review: r.under_review,
                applications_approved: r.approved,
                applications_partially_approved: r.partially_approved,
                applications_rejected: r.rejected,
                applications_withdrawn: r.withdrawn,
                used: value,
                used_suppressed: suppressed,
            }
        })
        .collect())
}
