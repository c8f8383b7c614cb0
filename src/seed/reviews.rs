//! Demo reviews: each worker whose placement reached employment rates its employer (and the
//! agency that proposed them), at the stage the placement allows — through the review rules, so
//! a review the rules would refuse stops the demo load. The scores follow each story: the
//! completed year is praised, the unpaid wages are not.

use chrono::Duration;
use diesel::pg::PgConnection;
use uuid::Uuid;

use super::later::Played;
use crate::db::models::candidate;
use crate::db::models::review::{self, Review};
use crate::domain::review::{self as rules, Score, Subject};

/// (truth of the offer, contract kept, treatment, asked for a fee, comment), by the story's
/// migrant; stories not listed write no review.
fn opinion(migrant: usize) -> Option<(i64, i64, i64, bool, &'static str)> {
    Some(match migrant {
        12 => (
            5,
            5,
            5,
            false,
            "Всё как в договоре: зарплата вовремя, общежитие тёплое.",
        ),
        13 => (
            4,
            4,
            3,
            false,
            "Работа была, но сократили раньше срока. Пособие выплатили.",
        ),
        20 => (4, 5, 4, false, "Ферма честная, уехал по семейным делам."),
        14 => (
            2,
            1,
            1,
            false,
            "Два месяца без зарплаты, паспорт забрал бригадир.",
        ),
        _ => return None,
    })
}

pub fn load(conn: &mut PgConnection, played: &[Played]) -> anyhow::Result<usize> {
    let mut written = 0;
    for p in played {
        let Some((truth, kept, treatment, fee, comment)) = opinion(p.story.migrant) else {
            continue;
        };
        let placement = &p.placement;
        let Some(stage) = rules::stage_for(placement.state(), placement.employment_start) else {
            anyhow::bail!("demo: a review before employment");
        };
        anyhow::ensure!(
            rules::comment_fits(comment),
            "demo: review comment too long"
        );
        let score = |v: i64| {
            Score::new(v)
                .map(Score::get)
                .ok_or_else(|| anyhow::anyhow!("demo: score {v} out of range"))
        };
        let profile = candidate::find(conn, placement.candidate_id)?;
        let Some(user) = profile.user_id else {
            continue;
        };
        let when = placement.updated_at + Duration::days(2);
        let mut subjects = vec![(Subject::Employer, Some(p.employer), None)];
        if let Some(agency) = placement.proposed_by_agency {
            subjects.push((Subject::Agency, None, Some(agency)));
        }
        for (subject, employer_id, agency_id) in subjects {
            let row = Review {
                id: Uuid::now_v7(),
                placement_id: placement.id,
                subject: subject.as_str().to_owned(),
                employer_id,
                agency_id,
                stage: stage.as_str().to_owned(),
                truth_of_offer: score(truth)?,
                contract_kept: score(kept)?,
                treatment: score(treatment)?,
                fee_asked: fee,
                comment: comment.to_owned(),
                written_by: user,
                created_at: when.min(chrono::Utc::now()),
            };
            if review::insert(conn, &row)?.is_some() {
                written += 1;
            }
        }
    }
    Ok(written)
}
