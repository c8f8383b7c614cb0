//! Reviews by workers who were really placed. The worker whose placement it is — never an
//! agency or centre for them: a review is the worker's own opinion — rates the employer and the
//! agency after `employed`, and again once the employment ended. What each reader receives is
//! cut here, so no handler can hand the party reviewed who wrote what: the public and the party
//! itself get ratings only from five workers on, without writer, placement, stage or exact time,
//! in an order that does not follow time; the ministry gets everything but the writer's account.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::crypto::DataCipher;
use crate::db;
use crate::db::models::candidate;
use crate::db::models::organisation;
use crate::db::models::placement;
use crate::db::models::review::{self, RatingSummary, Review, Reviewed};
use crate::db::models::vacancy;
use crate::domain::access::Principal;
use crate::domain::audit::AuditAction;
use crate::domain::ids::PlacementId;
use crate::domain::review::{self as rules, Reader, Score, Stage, Subject, COMMENT_MAX};
use crate::domain::role::Role;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::services::{audit, Caller};
use crate::state::AppState;

/// What `POST /placements/{id}/reviews` asks for, as sent.
#[derive(Debug, Clone)]
pub struct NewReview {
    pub subject: Subject,
    pub truth_of_offer: Option<i64>,
    pub contract_kept: Option<i64>,
    pub treatment: Option<i64>,
    pub fee_asked: Option<bool>,
    pub comment: Option<String>,
}

/// A review's content once every rule on the input holds.
struct Checked {
    truth_of_offer: Score,
    contract_kept: Score,
    treatment: Score,
    fee_asked: bool,
    comment: String,
}

fn check(input: NewReview) -> AppResult<Checked> {
    let mut c = Check::new();
    let mut score = |field: &str, value: Option<i64>| match value {
        None => {
            c.push(FieldError::new(field, "required"));
            None
        }
        Some(v) => {
            let s = Score::new(v);
            if s.is_none() {
                c.range(field, v, rules::SCORE_MIN, rules::SCORE_MAX);
            }
            s
        }
    };
    let truth = score("truth_of_offer", input.truth_of_offer);
    let kept = score("contract_kept", input.contract_kept);
    let treatment = score("treatment", input.treatment);
    if input.fee_asked.is_none() {
        c.push(FieldError::new("fee_asked", "required"));
    }
    let comment = input.comment.map(|v| text::clean(&v)).unwrap_or_default();
    c.text("comment", &comment, 0, COMMENT_MAX);
    if !rules::comment_fits(&comment) && !c.has("comment") {
        c.push(FieldError::new("comment", "too_long").with("max", COMMENT_MAX));
    }
    c.finish()?;
    match (truth, kept, treatment, input.fee_asked) {
        (Some(truth_of_offer), Some(contract_kept), Some(treatment), Some(fee_asked)) => {
            Ok(Checked {
                truth_of_offer,
                contract_kept,
                treatment,
                fee_asked,
                comment,
            })
        }
        _ => Err(AppError::new(ErrorCode::ValidationFailed)),
    }
}

/// What the audit trail keeps of a review: the placement, the party, the stage and the scores;
/// the comment only as a keyed fingerprint. The audit trail is read by the ministry and admins
/// only, never by the party reviewed.
#[derive(Serialize)]
struct ReviewSnapshot {
    placement_id: Uuid,
    subject: String,
    employer_id: Option<Uuid>,
    agency_id: Option<Uuid>,
    stage: String,
    truth_of_offer: i16,
    contract_kept: i16,
    treatment: i16,
    fee_asked: bool,
    personal: BTreeMap<&'static str, String>,
}

fn snapshot(cipher: &DataCipher, r: &Review) -> ReviewSnapshot {
    ReviewSnapshot {
        placement_id: r.placement_id,
        subject: r.subject.clone(),
        employer_id: r.employer_id,
        agency_id: r.agency_id,
        stage: r.stage.clone(),
        truth_of_offer: r.truth_of_offer,
        contract_kept: r.contract_kept,
        treatment: r.treatment,
        fee_asked: r.fee_asked,
        personal: audit::fingerprints(
            cipher,
            [(
                "comment",
                Some(r.comment.as_str()).filter(|c| !c.is_empty()),
            )],
        ),
    }
}

/// The worker reviews the employer or the agency of their own placement. Anyone else's
/// placement (or none) is 404, so the answer tells nothing about other people's placements.
/// Before `employed` it is 409 `review_not_allowed`; a second review of the same party at the
/// same stage 409 `already_reviewed`; `agency` for a placement without one 422.
#[instrument(skip_all, fields(user = %caller.principal.user, placement = %id))]
pub async fn write_review(
    state: &AppState,
    caller: &Caller,
    id: PlacementId,
    input: NewReview,
) -> AppResult<Review> {
    let who = caller.principal;
    if who.role != Role::Migrant {
        // A representative may not write the worker's opinion for them.
        return Err(AppError::forbidden());
    }
    let subject = input.subject;
    let checked = check(input)?;
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    db::transaction(&state.pool, move |conn| {
        let profile =
            candidate::find_by_user(conn, who.user.uuid())?.ok_or_else(AppError::not_found)?;
        let p = placement::find_for_update(conn, id.uuid())?;
        if p.candidate_id != profile.id {
            return Err(AppError::not_found());
        }
        let stage = rules::stage_for(p.state(), p.employment_start).ok_or_else(|| {
            AppError::new(ErrorCode::ReviewNotAllowed).detail(format!(
                "the placement is {}: a review is written once employed, and again once the \
                 employment has ended",
                p.state()
            ))
        })?;
        let (employer_id, agency_id) = match subject {
            Subject::Employer => (Some(vacancy::find(conn, p.vacancy_id)?.employer_id), None),
            Subject::Agency => match p.proposed_by_agency {
                Some(a) => (None, Some(a)),
                None => return Err(AppError::field("subject", "no_agency")),
            },
        };
        let row = Review {
            id: Uuid::now_v7(),
            placement_id: p.id,
            subject: subject.as_str().into(),
            employer_id,
            agency_id,
            stage: stage.as_str().into(),
            truth_of_offer: checked.truth_of_offer.get(),
            contract_kept: checked.contract_kept.get(),
            treatment: checked.treatment.get(),
            fee_asked: checked.fee_asked,
            comment: checked.comment,
            written_by: who.user.uuid(),
            created_at: Utc::now(),
        };
        let created = review::insert(conn, &row)?.ok_or_else(|| {
            AppError::new(ErrorCode::AlreadyReviewed).detail(format!(
                "this placement's {subject} already has your review at the {stage} stage"
            ))
        })?;
        audit::record(
            conn,
            &actor,
            AuditAction::ReviewWritten,
            created.id,
            None,
            Some(&snapshot(&cipher, &created)),
        )?;
        Ok(created)
    })
    .await
}

/// The reviews the worker wrote, newest first.
pub async fn my_reviews(state: &AppState, caller: &Caller) -> AppResult<Vec<Review>> {
    let user = caller.principal.user.uuid();
    db::run(&state.pool, move |conn| Ok(review::written_by(conn, user)?)).await
}

/// One review as a reader receives it. Fields the reader may not see are `None`; the writer's
/// account is in no view.
#[derive(Debug, Clone)]
pub struct ReviewEntry {
    /// For the ministry: the review, its placement, stage and exact time.
    pub id: Option<Uuid>,
    pub placement_id: Option<Uuid>,
    pub stage: Option<Stage>,
    pub created_at: Option<DateTime<Utc>>,
    /// `YYYY-MM`: all anyone else learns of when it was written.
    pub month: String,
    pub truth_of_offer: i16,
    pub contract_kept: i16,
    pub treatment: i16,
    pub fee_asked: bool,
    pub comment: Option<String>,
}

fn entry(r: Review, reader: Reader) -> ReviewEntry {
    let full = reader == Reader::Overseer;
    ReviewEntry {
        id: full.then_some(r.id),
        placement_id: full.then_some(r.placement_id),
        stage: full.then(|| r.stage()),
        created_at: full.then_some(r.created_at),
        month: r.created_at.format("%Y-%m").to_string(),
        truth_of_offer: r.truth_of_offer,
        contract_kept: r.contract_kept,
        treatment: r.treatment,
        fee_asked: r.fee_asked,
        comment: Some(r.comment).filter(|c| !c.is_empty()),
    }
}

/// A party's reviews as one reader may see them.
#[derive(Debug, Clone)]
pub struct PartyReviews {
    pub subject: Subject,
    pub subject_id: Uuid,
    /// Whether the ratings are shown to this reader (the ministry: always).
    pub shown: bool,
    /// `None` while not shown.
    pub summary: Option<RatingSummary>,
    /// For the ministry every review, newest first; for anyone else each worker's latest, once
    /// shown, best first and otherwise in an order that says nothing of time.
    pub reviews: Vec<ReviewEntry>,
}

fn exists(conn: &mut PgConnection, party: Reviewed) -> AppResult<()> {
    match party {
        Reviewed::Employer(id) => organisation::find_employer(conn, id).map(|_| ())?,
        Reviewed::Agency(id) => organisation::find_agency(conn, id).map(|_| ())?,
    }
    Ok(())
}

/// The reviews of an employer or agency (404 if there is none such).
pub async fn reviews_of(
    state: &AppState,
    who: Option<&Principal>,
    party: Reviewed,
) -> AppResult<PartyReviews> {
    let reader = Reader::of(who.map(|p| p.role));
    let cipher = state.cipher.clone();
    db::run(&state.pool, move |conn| {
        exists(conn, party)?;
        let summary = review::summary_of(conn, party)?;
        let shown = reader.sees(summary.reviews);
        let rows = match (reader, shown) {
            (Reader::Overseer, _) => review::all_of(conn, party)?,
            (Reader::Public, true) => {
                let mut rows: Vec<(String, Review)> = review::latest_of(conn, party)?
                    .into_iter()
                    .map(|r| {
                        (
                            cipher.audit_fingerprint("review_order", &r.id.to_string()),
                            r,
                        )
                    })
                    .collect();
                rows.sort_by(|(ha, a), (hb, b)| {
                    rules::public_order((a.total(), ha), (b.total(), hb))
                });
                rows.into_iter().map(|(_, r)| r).collect()
            }
            (Reader::Public, false) => Vec::new(),
        };
        let (subject, subject_id) = match party {
            Reviewed::Employer(id) => (Subject::Employer, id),
            Reviewed::Agency(id) => (Subject::Agency, id),
        };
        Ok(PartyReviews {
            subject,
            subject_id,
            shown,
            summary: shown.then_some(summary),
            reviews: rows.into_iter().map(|r| entry(r, reader)).collect(),
        })
    })
    .await
}

/// The allowed names, for a 422 on an unknown subject.
pub fn unknown_subject() -> AppError {
    AppError::validation(vec![
        FieldError::new("subject", "unknown_value").with("allowed", Subject::names().join(", "))
    ])
}
