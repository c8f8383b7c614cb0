//! Demo placements after approval: departure through the readiness gate, arrival, the start of
//! work with its hire notice and year of follow-ups, completion and each kind of early end. Every
//! step goes through the rules: the placement edges of `domain::placement`, the readiness gate of
//! `services::readiness::require_ready` (which evaluates `domain::readiness`), the follow-up
//! schedule, answer window and concerns of `domain::followup`, and the restrictions of
//! `services::restrictions` after bad answers. A step the rules refuse stops the demo load.
//!
//! The dates are days from the day of the load, so the demo always shows a year of organised
//! recruitment that ends today.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::models::audit::Actor;
use crate::db::models::candidate::CandidateProfile;
use crate::db::models::contract;
use crate::db::models::followup::{self, HireNotice};
use crate::db::models::placement::{self as placement_rows, Placement, StepFacts};
use crate::db::models::readiness::{self as readiness_rows, Cohort};
use crate::db::models::vacancy::Vacancy;
use crate::db::schema::{employer_restrictions, followups};
use crate::domain::followup::{self as rules, Answers, FollowupKind, FollowupStatus, Termination};
use crate::domain::placement::{Origin, Party, PlacementState as S, Step};
use crate::i18n::Locale;
use crate::seed::placements::{self, Cast, Move};
use crate::seed::readiness as checklist;
use crate::services::restrictions;

/// Noon UTC (afternoon in Bishkek, morning in Russia) on `day`, plus `hours`.
pub fn moment(day: NaiveDate, hours: i64) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc() + Duration::hours(12 + hours)
}

/// What the demo load works with.
pub struct World<'a> {
    pub today: NaiveDate,
    /// When the load began: rows it writes with `now()` are newer than this.
    pub loaded_at: DateTime<Utc>,
    pub profiles: &'a [(CandidateProfile, Locale)],
    pub vacancies: &'a [Vacancy],
    pub cast_for: &'a dyn Fn(&Vacancy) -> anyhow::Result<Cast>,
    pub centre: Uuid,
    pub centre_user: Uuid,
    pub ministry_user: Uuid,
}

impl World<'_> {
    pub fn day(&self, days: i64) -> NaiveDate {
        self.today + Duration::days(days)
    }

    /// `at`, or the moment of the load if that is earlier (a step taken today, before noon).
    pub fn past(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        at.min(self.loaded_at)
    }

    pub fn profile(&self, migrant: usize) -> anyhow::Result<&(CandidateProfile, Locale)> {
        self.profiles
            .get(migrant)
            .ok_or_else(|| anyhow::anyhow!("the demo names migrant {migrant}, who does not exist"))
    }

    pub fn vacancy(&self, vacancy: usize) -> anyhow::Result<&Vacancy> {
        self.vacancies.get(vacancy).ok_or_else(|| {
            anyhow::anyhow!("the demo names vacancy {vacancy}, which does not exist")
        })
    }
}

/// How an employment ended.
#[derive(Clone, Copy)]
pub enum End {
    /// At the contract's last day.
    Completed,
    /// Early, `on` days from today, by `by` (the employer or the worker), saying why.
    Terminated {
        on: i64,
        how: Termination,
        by: Party,
        reason: &'static str,
    },
}

/// The employer's notice of the hire to the migration authorities.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The day after work started.
    OnTime,
    /// This many days after it was due.
    Late(i64),
    /// Not filed, and past its due date today.
    Open,
}

/// Who records a follow-up's answers.
#[derive(Clone, Copy)]
pub enum By {
    /// The worker themselves.
    Worker,
    /// The centre, on the phone with the worker.
    Centre,
}

/// What the worker said, as a constant.
#[derive(Clone, Copy)]
pub struct Said {
    pub paid_on_time: bool,
    pub paid_in_full: bool,
    pub hours_as_contracted: bool,
    pub housing_as_contracted: bool,
    pub passport_in_own_hands: bool,
    pub report: Option<&'static str>,
}

impl Said {
    fn answers(self) -> Answers {
        Answers {
            paid_on_time: self.paid_on_time,
            paid_in_full: self.paid_in_full,
            hours_as_contracted: self.hours_as_contracted,
            housing_as_contracted: self.housing_as_contracted,
            passport_in_own_hands: self.passport_in_own_hands,
            report: self.report.map(str::to_owned),
        }
    }
}

/// Everything as contracted.
pub const GOOD: Said = Said {
    paid_on_time: true,
    paid_in_full: true,
    hours_as_contracted: true,
    housing_as_contracted: true,
    passport_in_own_hands: true,
    report: None,
};

/// One answered follow-up: which, how many days after it was due, by whom, what was said and,
/// for a case the ministry has closed, how many days after the answer and with what.
#[derive(Clone, Copy)]
pub struct Reply {
    pub kind: FollowupKind,
    pub after_due: i64,
    pub by: By,
    pub said: Said,
    pub closed: Option<(i64, &'static str)>,
}

const fn good(kind: FollowupKind, after_due: i64, by: By) -> Reply {
    Reply {
        kind,
        after_due,
        by,
        said: GOOD,
        closed: None,
    }
}

/// How the departure went.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Seen off by the centre on its own.
    Alone,
    /// With the demo cohort, which the centre confirmed.
    Cohort,
    /// Put in the demo cohort, but the readiness gate kept them at home (the placement stays
    /// approved). The demo load stops if the gate lets them through.
    StaysBehind,
}

/// One placement's story after approval. Days are counted from today (negative: the past).
pub struct Story {
    pub migrant: usize,
    pub vacancy: usize,
    pub origin: Origin,
    /// The orientation session they attended (an index into `seed::readiness::SESSIONS`).
    pub session: usize,
    pub departed: i64,
    pub leave: Leave,
    pub arrived: Option<i64>,
    /// The first day of work the contract names; work starts then if `employed`.
    pub start: i64,
    pub employed: bool,
    pub end: Option<End>,
    pub notice: Notice,
    pub replies: &'static [Reply],
}

use By::{Centre, Worker};
use FollowupKind::{AfterTermination, Day180, Day30, Day365, Day90};

/// Days before departure on which the placement began (the steps up to approval follow it).
pub const BEGAN_BEFORE_DEPARTURE: i64 = 75;

/// The demo's later placements, indices into `demo.json`. The main demo employer
/// (УралСтройМонтаж) has one completed and one terminated employment and a single bad follow-up,
/// below the policy's threshold of two, so its placements can still be approved. МосПродЛогистика
/// has two bad follow-ups and an upheld complaint of unpaid wages: both restrict it, as the
/// services would.
pub const STORIES: &[Story] = &[
    // Last year's intake at УралСтройМонтаж, proposed by the agency: the full year, completed.
    Story {
        migrant: 12,
        vacancy: 16,
        origin: Origin::Proposed,
        session: 0,
        departed: -400,
        leave: Leave::Alone,
        arrived: Some(-399),
        start: -396,
        employed: true,
        end: Some(End::Completed),
        notice: Notice::OnTime,
        replies: &[
            good(Day30, 1, Worker),
            good(Day90, 2, Worker),
            good(Day180, 0, Worker),
            good(Day365, 1, Worker),
        ],
    },
    // The same intake: ended by the employer after 200 days; the notice of the hire was late.
    Story {
        migrant: 13,
        vacancy: 16,
        origin: Origin::Applied,
        session: 0,
        departed: -400,
        leave: Leave::Alone,
        arrived: Some(-399),
        start: -396,
        employed: true,
        end: Some(End::Terminated {
            on: -196,
            how: Termination::ByEmployer,
            by: Party::Employer,
            reason: "Сокращение объёмов работ на объекте в Берёзовском; расторгнут по инициативе \
                     работодателя с выплатой выходного пособия",
        }),
        notice: Notice::Late(6),
        replies: &[
            good(Day30, 3, Worker),
            good(Day90, 1, Centre),
            good(Day180, 2, Worker),
            good(AfterTermination, 2, Worker),
            // The 365-day follow-up was withdrawn by the early end.
        ],
    },
    // A season at a dairy farm, ended early by agreement.
    Story {
        migrant: 20,
        vacancy: 20,
        origin: Origin::Applied,
        session: 1,
        departed: -306,
        leave: Leave::Alone,
        arrived: Some(-305),
        start: -303,
        employed: true,
        end: Some(End::Terminated {
            on: -150,
            how: Termination::ByAgreement,
            by: Party::Candidate,
            reason: "Переезжаю к семье в Бишкек; договор расторгнут по соглашению сторон",
        }),
        notice: Notice::OnTime,
        replies: &[
            good(Day30, 1, Worker),
            good(Day90, 2, Worker),
            good(AfterTermination, 2, Worker),
            // The 180-day follow-up was withdrawn by the early end.
        ],
    },
    // МосПродЛогистика: wages unpaid and the passport taken; she left, and the ministry upheld
    // her complaint (see seed::complaints).
    Story {
        migrant: 14,
        vacancy: 17,
        origin: Origin::Applied,
        session: 2,
        departed: -206,
        leave: Leave::Alone,
        arrived: Some(-205),
        start: -203,
        employed: true,
        end: Some(End::Terminated {
            on: -100,
            how: Termination::ByWorker,
            by: Party::Candidate,
            reason: "Ухожу: два месяца не выплачивают зарплату, бригадир держит паспорт у себя",
        }),
        notice: Notice::OnTime,
        replies: &[
            good(Day30, 1, Worker),
            Reply {
                kind: Day90,
                after_due: 2,
                by: Worker,
                said: Said {
                    paid_on_time: false,
                    paid_in_full: false,
                    passport_in_own_hands: false,
                    report: Some(
                        "Зарплату за последние два месяца не выплатили. Бригадир забрал паспорта \
                         у всей смены «для регистрации» и не отдаёт.",
                    ),
                    ..GOOD
                },
                closed: None,
            },
            Reply {
                kind: AfterTermination,
                after_due: 1,
                by: Centre,
                said: Said {
                    paid_on_time: false,
                    paid_in_full: false,
                    report: Some(
                        "Паспорт вернули после обращения центра; долг по зарплате за два месяца \
                         не погашен.",
                    ),
                    ..GOOD
                },
                closed: None,
            },
        ],
    },
    // Her colleague of the same intake still works there; his 180-day follow-up went unanswered.
    Story {
        migrant: 15,
        vacancy: 17,
        origin: Origin::Invited,
        session: 2,
        departed: -206,
        leave: Leave::Alone,
        arrived: Some(-205),
        start: -203,
        employed: true,
        end: None,
        notice: Notice::OnTime,
        replies: &[good(Day30, 2, Worker), good(Day90, 4, Centre)],
    },
    // Proposed by the agency, at work for three months: the first salary came late (a case the
    // ministry closed); the 90-day follow-up is due now.
    Story {
        migrant: 16,
        vacancy: 18,
        origin: Origin::Proposed,
        session: 3,
        departed: -99,
        leave: Leave::Alone,
        arrived: Some(-98),
        start: -96,
        employed: true,
        end: None,
        notice: Notice::Late(3),
        replies: &[Reply {
            kind: Day30,
            after_due: 3,
            by: Worker,
            said: Said {
                paid_on_time: false,
                ..GOOD
            },
            closed: Some((
                13,
                "Работодатель подтвердил задержку первой зарплаты на 9 дней (сбой банковского \
                 перевода) и выплатил компенсацию по ст. 236 ТК РФ; работник подтвердил получение.",
            )),
        }],
    },
    // This month's intake: at work for 12 days, the employer has not filed the hire notice yet.
    Story {
        migrant: 17,
        vacancy: 19,
        origin: Origin::Applied,
        session: 4,
        departed: -16,
        leave: Leave::Alone,
        arrived: Some(-15),
        start: -12,
        employed: true,
        end: None,
        notice: Notice::Open,
        replies: &[],
    },
    // Arrived, waiting for the first day of work.
    Story {
        migrant: 18,
        vacancy: 19,
        origin: Origin::Invited,
        session: 4,
        departed: -6,
        leave: Leave::Alone,
        arrived: Some(-5),
        start: 2,
        employed: false,
        end: None,
        notice: Notice::Open,
        replies: &[],
    },
    // On the road with the centre's cohort.
    Story {
        migrant: 19,
        vacancy: 19,
        origin: Origin::Applied,
        session: 4,
        departed: -2,
        leave: Leave::Cohort,
        arrived: None,
        start: 3,
        employed: false,
        end: None,
        notice: Notice::Open,
        replies: &[],
    },
    // In the same cohort, but his passport runs out too soon for the contract: the gate kept him.
    Story {
        migrant: 21,
        vacancy: 19,
        origin: Origin::Applied,
        session: 4,
        departed: -2,
        leave: Leave::StaysBehind,
        arrived: None,
        start: 3,
        employed: false,
        end: None,
        notice: Notice::Open,
        replies: &[],
    },
];

/// The placement of each story, in the order of [`STORIES`].
pub struct Played {
    pub story: &'static Story,
    pub placement: Placement,
    pub employer: Uuid,
}

/// Plays every story, then flags what is overdue today. Returns the placements.
pub fn load(conn: &mut PgConnection, w: &World<'_>) -> anyhow::Result<Vec<Played>> {
    let sessions = checklist::sessions(conn, w)?;
    let mut played = Vec::new();
    let mut cohort = Vec::new();
    for story in STORIES {
        let (profile, locale) = w.profile(story.migrant)?;
        let v = w.vacancy(story.vacancy)?;
        let cast = (w.cast_for)(v)?;
        let departed = w.day(story.departed);
        let p = placements::play_at(
            conn,
            &placements::Case {
                candidate: profile,
                locale: *locale,
                vacancy: v,
                cast: &cast,
                origin: story.origin,
                until: S::Approved,
                reason: None,
            },
            &placements::When {
                began: moment(departed - Duration::days(BEGAN_BEFORE_DEPARTURE), -3),
                start: w.day(story.start),
            },
        )?;
        let session = sessions
            .get(story.session)
            .ok_or_else(|| anyhow::anyhow!("no demo session {}", story.session))?;
        checklist::prepare(conn, w, profile, *locale, &p, session, departed)?;
        if story.leave == Leave::Alone {
            let p = depart(conn, w, &p, departed, None)?;
            let p = after_departure(conn, w, story, &cast, p)?;
            played.push(Played {
                story,
                placement: p,
                employer: v.employer_id,
            });
        } else {
            cohort.push((story, cast, p, v.employer_id));
        }
    }
    if let Some((first, ..)) = cohort.first() {
        let date = w.day(first.departed);
        let ids: Vec<Uuid> = cohort.iter().map(|(_, _, p, _)| p.id).collect();
        let (c, _) = readiness_rows::insert_cohort(
            conn,
            &Cohort {
                id: Uuid::now_v7(),
                centre_id: w.centre,
                departure_date: date,
                transport: "Автобус Бишкек — Екатеринбург через Астану: сбор у центра в 06:30, \
                            отправление в 07:00, в пути около 60 часов"
                    .into(),
                escort: Some("Сопровождающий центра: Айбек Турдуев, +996 555 010 203".into()),
                created_by: w.centre_user,
                created_at: moment(date, -7 * 24),
                confirmed_by: None,
                confirmed_at: None,
            },
            &ids,
        )?;
        // As confirming a cohort does: each placement departs or stays behind with the reason.
        for (story, cast, p, employer) in cohort {
            let ready = crate::services::readiness::require_ready(conn, &p, date);
            match (story.leave, ready) {
                (Leave::StaysBehind, Err(refusal)) => {
                    let missing = refusal
                        .missing
                        .as_ref()
                        .map(serde_json::to_value)
                        .transpose()?;
                    readiness_rows::set_outcome(conn, c.id, p.id, &refusal.code.as_str(), missing)?;
                    played.push(Played {
                        story,
                        placement: p,
                        employer,
                    });
                }
                (Leave::StaysBehind, Ok(())) => {
                    anyhow::bail!("demo: migrant {} was meant to stay behind", story.migrant)
                }
                (_, ready) => {
                    ready?;
                    let p = depart(conn, w, &p, date, Some(c.id))?;
                    readiness_rows::set_outcome(
                        conn,
                        c.id,
                        p.id,
                        crate::domain::placement::PlacementState::Departed.as_str(),
                        None,
                    )?;
                    let p = after_departure(conn, w, story, &cast, p)?;
                    played.push(Played {
                        story,
                        placement: p,
                        employer,
                    });
                }
            }
        }
        readiness_rows::confirm_cohort(conn, c.id, w.centre_user, moment(date, -6))?;
    }
    checklist::upcoming(conn, w, &sessions)?;
    flag_overdue(conn, w)?;
    Ok(played)
}

/// The departure through the readiness gate, recorded by the centre (which takes the agency's
/// edge of the table, as `services::readiness::depart` does for a centre).
fn depart(
    conn: &mut PgConnection,
    w: &World<'_>,
    p: &Placement,
    date: NaiveDate,
    cohort: Option<Uuid>,
) -> anyhow::Result<Placement> {
    crate::services::readiness::require_ready(conn, p, date)?;
    let at = moment(date, -6);
    let after = placements::take(
        conn,
        p,
        &Move {
            to: S::Departed,
            party: Party::Agency,
            via: Step::Later,
            actor: (Some(w.centre_user), "centre"),
            reason: None,
            at,
        },
    )?;
    readiness_rows::insert_departure(
        conn,
        &readiness_rows::Departure {
            placement_id: after.id,
            departure_date: date,
            recorded_by: w.centre_user,
            recorded_at: at,
            cohort_id: cohort,
        },
    )?;
    Ok(after)
}

/// Arrival, the start of work (with the hire notice and the follow-ups it creates), the end.
fn after_departure(
    conn: &mut PgConnection,
    w: &World<'_>,
    story: &Story,
    cast: &Cast,
    p: Placement,
) -> anyhow::Result<Placement> {
    let employer = (Some(cast.employer_user), "employer");
    let Some(arrived) = story.arrived.map(|d| w.day(d)) else {
        return Ok(p);
    };
    anyhow::ensure!(
        (w.day(story.departed)..=w.today).contains(&arrived),
        "demo: arrival before departure or in the future"
    );
    let mut p = placements::take(
        conn,
        &p,
        &Move {
            to: S::Arrived,
            party: Party::Employer,
            via: Step::Requested,
            actor: employer,
            reason: None,
            at: moment(arrived, 0),
        },
    )?;
    p = placement_rows::set_facts(
        conn,
        p.id,
        &StepFacts {
            arrived_on: Some(arrived),
            ..Default::default()
        },
    )?;
    if !story.employed {
        return Ok(p);
    }
    let start = w.day(story.start);
    anyhow::ensure!(
        (arrived..=w.today).contains(&start),
        "demo: work starts before arrival or in the future"
    );
    p = placements::take(
        conn,
        &p,
        &Move {
            to: S::Employed,
            party: Party::Employer,
            via: Step::Requested,
            actor: employer,
            reason: None,
            at: moment(start, -3),
        },
    )?;
    p = placement_rows::set_facts(
        conn,
        p.id,
        &StepFacts {
            employment_start: Some(start),
            ..Default::default()
        },
    )?;
    // What `services::aftercare::follow` starts with the work: the notice and the year.
    let due = rules::hire_notice_due(start);
    followup::insert_notice(
        conn,
        &HireNotice {
            placement_id: p.id,
            employer_id: w.vacancy(story.vacancy)?.employer_id,
            due_on: due,
            filed_on: None,
            reference: None,
            filed_by: None,
            created_at: moment(start, -3),
        },
    )?;
    followup::schedule(conn, p.id, &rules::schedule(start))?;
    let filed = match story.notice {
        Notice::OnTime => Some(start + Duration::days(1)),
        Notice::Late(days) => Some(due + Duration::days(days)),
        Notice::Open => None,
    };
    match filed {
        Some(day) => {
            anyhow::ensure!(day <= w.today, "demo: a hire notice filed in the future");
            let reference = format!(
                "Уведомление о заключении трудового договора, вх. № {}/{}",
                p.id.as_fields().0 % 100_000,
                day.format("%Y")
            );
            followup::file_notice(conn, p.id, day, &reference, cast.employer_user)?;
        }
        None => anyhow::ensure!(
            due < w.today,
            "demo: the open hire notice is not overdue yet"
        ),
    }
    match story.end {
        None => {}
        Some(End::Completed) => {
            let end = contract::latest(conn, p.id)?.and_then(|c| c.terms().end_date());
            let Some(end) = end.filter(|end| *end <= w.today) else {
                anyhow::bail!("demo: a completed placement whose contract has not ended");
            };
            anyhow::ensure!(
                rules::may_complete(Some(end), end),
                "demo: the contract does not complete"
            );
            p = placements::take(
                conn,
                &p,
                &Move {
                    to: S::Completed,
                    party: Party::Employer,
                    via: Step::Requested,
                    actor: employer,
                    reason: None,
                    at: moment(end, 2),
                },
            )?;
            p = placement_rows::set_facts(
                conn,
                p.id,
                &StepFacts {
                    ended_on: Some(end),
                    ..Default::default()
                },
            )?;
        }
        Some(End::Terminated {
            on,
            how,
            by,
            reason,
        }) => {
            let day = w.day(on);
            let allowed = match by {
                Party::Employer => how.open_to_employer(),
                Party::Candidate => how.open_to_worker(),
                _ => false,
            };
            anyhow::ensure!(
                allowed,
                "demo: {} may not end it {}",
                by.as_str(),
                how.as_str()
            );
            anyhow::ensure!(
                (start..=w.today).contains(&day),
                "demo: termination out of range"
            );
            let actor = match by {
                Party::Employer => employer,
                _ => (w.profile(story.migrant)?.0.user_id, "migrant"),
            };
            p = placements::take(
                conn,
                &p,
                &Move {
                    to: S::Terminated,
                    party: by,
                    via: Step::Requested,
                    actor,
                    reason: Some(reason),
                    at: moment(day, 0),
                },
            )?;
            p = placement_rows::set_facts(
                conn,
                p.id,
                &StepFacts {
                    ended_on: Some(day),
                    termination: Some(how.as_str().to_owned()),
                    ..Default::default()
                },
            )?;
            // Early termination prompts a follow-up at once and withdraws the later ones.
            crate::services::aftercare::after_early_end(conn, p.id, day, day)
                .map_err(|e| anyhow::anyhow!("demo: early end: {e:?}"))?;
        }
    }
    answer(conn, w, story, &p)?;
    Ok(p)
}

/// Records the story's answers as `services::aftercare::answer` does, on the day they were given.
fn answer(
    conn: &mut PgConnection,
    w: &World<'_>,
    story: &Story,
    p: &Placement,
) -> anyhow::Result<()> {
    let scheduled = followup::of_placement(conn, p.id)?;
    let employer = w.vacancy(story.vacancy)?.employer_id;
    for r in story.replies {
        let Some(f) = scheduled.iter().find(|f| f.kind() == r.kind) else {
            anyhow::bail!("demo: no {} follow-up to answer", r.kind);
        };
        let day = f.due_on + Duration::days(r.after_due);
        anyhow::ensure!(day <= w.today, "demo: a follow-up answered in the future");
        anyhow::ensure!(
            rules::may_answer(f.due_on, day),
            "demo: the {} follow-up is not open on {day}",
            r.kind
        );
        let (user, role) = match r.by {
            By::Worker => (w.profile(story.migrant)?.0.user_id, "migrant"),
            By::Centre => (Some(w.centre_user), "centre"),
        };
        let user = user.ok_or_else(|| anyhow::anyhow!("demo: the worker has no account"))?;
        let answers = r.said.answers();
        let concerns: Vec<String> = rules::concerns(&answers)
            .into_iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        followup::answer(conn, f.id, &answers, user, role, &concerns)?;
        let at = w.past(moment(day, -2));
        diesel::update(followups::table.find(f.id))
            .set((
                followups::answered_at.eq(at),
                followups::flagged_at.eq((!concerns.is_empty()).then_some(at)),
            ))
            .execute(conn)?;
        if !concerns.is_empty() {
            let actor = Actor {
                id: Some(user),
                role: Some(role.into()),
                request_id: Some("seed-demo".into()),
            };
            restrictions::after_bad_followup(conn, &actor, employer)?;
            backdate_restrictions(conn, w, employer, at)?;
        }
        if let Some((after, resolution)) = r.closed {
            anyhow::ensure!(
                !concerns.is_empty(),
                "demo: a case closed that was never open"
            );
            let closed = day + Duration::days(after);
            anyhow::ensure!(closed <= w.today, "demo: a case closed in the future");
            followup::close_case(conn, f.id, resolution)?;
            diesel::update(followups::table.find(f.id))
                .set(followups::case_closed_at.eq(w.past(moment(closed, 0))))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// A restriction the load just imposed on `employer` dates from `at`, when its cause happened.
pub fn backdate_restrictions(
    conn: &mut PgConnection,
    w: &World<'_>,
    employer: Uuid,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    diesel::update(
        employer_restrictions::table
            .filter(employer_restrictions::employer_id.eq(employer))
            .filter(employer_restrictions::imposed_at.ge(w.loaded_at)),
    )
    .set(employer_restrictions::imposed_at.eq(at))
    .execute(conn)?;
    Ok(())
}

/// What the daily sweep (`services::aftercare::sweep`) would have flagged by today: every
/// unanswered follow-up past its grace period, flagged the day after the grace ran out. No
/// reminders: the demo people are not real.
fn flag_overdue(conn: &mut PgConnection, w: &World<'_>) -> anyhow::Result<()> {
    for f in followup::unanswered_due_by(conn, w.today)? {
        if rules::status(f.due_on, false, w.today) != FollowupStatus::Overdue {
            continue;
        }
        followup::flag_overdue(conn, f.id)?;
        let flagged = f.due_on + Duration::days(rules::OVERDUE_AFTER_DAYS + 1);
        diesel::update(followups::table.find(f.id))
            .set(followups::flagged_at.eq(w.past(moment(flagged, -9))))
            .execute(conn)?;
    }
    Ok(())
}
