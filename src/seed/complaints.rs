//! Demo complaints, one in each state of the ministry's triage, against employers and the agency,
//! each step checked by `domain::complaint` and written with its dated timeline. An upheld
//! complaint of unpaid wages restricts the employer through `services::restrictions`, as the
//! ministry's decision does in `services::complaints::transition`.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::models::audit::Actor;
use crate::db::models::complaint::{self, Complaint, Decision};
use crate::db::schema::complaint_events;
use crate::domain::complaint::{self as rules, Accused, Category, ComplaintState};
use crate::domain::restriction::Cause;
use crate::domain::role::Role;
use crate::seed::later::{backdate_restrictions, moment, Played, World};
use crate::services::restrictions;

/// Whom a complaint is against.
#[derive(Clone, Copy)]
pub enum Against {
    /// The employer of the placement it concerns.
    Employer,
    /// The agency that proposed the placement it concerns.
    Agency,
}

/// A step of the ministry, some days from today.
#[derive(Clone, Copy)]
pub enum Act {
    To(ComplaintState, Option<&'static str>),
    Forward(&'static str),
}

pub struct DemoComplaint {
    /// The complainant, an index into `demo.json`'s migrants; the complaint concerns their
    /// placement of `seed::later::STORIES`.
    pub migrant: usize,
    pub against: Against,
    /// Filed by the centre for the person (else by the person themselves).
    pub by_centre: bool,
    pub category: Category,
    pub text: &'static str,
    pub filed: i64,
    pub acts: &'static [(i64, Act)],
}

use Act::{Forward, To};
use ComplaintState::{Dismissed, InReview, Upheld};

pub const COMPLAINTS: &[DemoComplaint] = &[
    DemoComplaint {
        migrant: 14,
        against: Against::Employer,
        by_centre: false,
        category: Category::UnpaidWages,
        text: "Мне не выплатили зарплату за два последних месяца работы на распределительном \
               центре в Чехове. Бригадир забрал паспорта у всей смены и отдал мне только после \
               звонка из центра в Бишкеке. Я уволилась, долг так и не погашен.",
        filed: -99,
        acts: &[
            (-97, To(InReview, None)),
            (
                -95,
                Forward(
                    "Поступила жалоба на невыплату заработной платы работнику из Кыргызстана \
                     за два месяца и на удержание паспортов работников бригадиром. Просим в \
                     течение 10 дней представить расчётные листки, платёжные ведомости и \
                     объяснение руководителя участка.",
                ),
            ),
            (
                -60,
                To(
                    Upheld,
                    Some(
                        "Проверка Государственной инспекции труда подтвердила задолженность по \
                         заработной плате за два месяца. Работодателю выдано предписание выплатить \
                         долг с компенсацией по ст. 236 ТК РФ; материалы об удержании паспортов \
                         переданы в органы внутренних дел. Новые одобрения трудоустройства у \
                         работодателя приостановлены до погашения долга.",
                    ),
                ),
            ),
        ],
    },
    DemoComplaint {
        migrant: 16,
        against: Against::Agency,
        by_centre: false,
        category: Category::FeeCharged,
        text: "Перед выездом в агентстве сказали заплатить 3 500 сом за медосмотр. В договоре \
               написано, что работник ничего не платит.",
        filed: -90,
        acts: &[
            (-88, To(InReview, None)),
            (
                -87,
                Forward(
                    "Поступила жалоба на взимание с работника платы за медицинский осмотр перед \
                     выездом. Просим объяснить, кто и кому платил, и представить документы.",
                ),
            ),
            (
                -70,
                To(
                    Dismissed,
                    Some(
                        "Платёж сделан клинике, которую работник выбрал сам; агентство денег не \
                         получало, договор с работником платы не предусматривает (0 ₽). Жалоба \
                         отклонена. Работнику разъяснено, что медосмотр через центр предвыездной \
                         подготовки бесплатный.",
                    ),
                ),
            ),
        ],
    },
    DemoComplaint {
        migrant: 17,
        against: Against::Employer,
        by_centre: true,
        category: Category::ConditionsDiffer,
        text: "Работник сообщил по телефону: в общежитии живут по 8 человек в комнате, а в \
               договоре записана комната на 2–4 человек. Просит проверить.",
        filed: -5,
        acts: &[(-3, To(InReview, None))],
    },
    DemoComplaint {
        migrant: 20,
        against: Against::Employer,
        by_centre: false,
        category: Category::Other,
        text: "После расторжения договора мне не выдали справку о доходах и расчётный листок за \
               последний месяц. На звонки ферма не отвечает.",
        filed: -1,
        acts: &[],
    },
];

#[derive(Insertable)]
#[diesel(table_name = complaint_events)]
struct DatedEvent<'a> {
    complaint_id: Uuid,
    kind: &'a str,
    from_state: Option<&'a str>,
    to_state: &'a str,
    actor_id: Option<Uuid>,
    actor_role: &'a str,
    note: Option<&'a str>,
    at: DateTime<Utc>,
}

pub fn load(conn: &mut PgConnection, w: &World<'_>, played: &[Played]) -> anyhow::Result<()> {
    let ministry = Actor {
        id: Some(w.ministry_user),
        role: Some("ministry".into()),
        request_id: Some("seed-demo".into()),
    };
    for demo in COMPLAINTS {
        let Some(case) = played.iter().find(|p| p.story.migrant == demo.migrant) else {
            anyhow::bail!(
                "demo complaint by migrant {} without a placement",
                demo.migrant
            );
        };
        let p = &case.placement;
        let (profile, _) = w.profile(demo.migrant)?;
        let accused = match demo.against {
            Against::Employer => Accused::Employer(case.employer.into()),
            Against::Agency => Accused::Agency(
                p.proposed_by_agency
                    .ok_or_else(|| anyhow::anyhow!("demo: no agency proposed this placement"))?
                    .into(),
            ),
        };
        anyhow::ensure!(
            rules::placement_concerns(
                accused,
                case.employer.into(),
                p.proposed_by_agency.map(Into::into)
            ),
            "demo: the complaint's placement is not with the accused"
        );
        let (against_employer, against_agency) = match accused {
            Accused::Employer(e) => (Some(e.uuid()), None),
            Accused::Agency(a) => (None, Some(a.uuid())),
        };
        let (filed_by, role) = if demo.by_centre {
            (w.centre_user, "centre")
        } else {
            let user = profile
                .user_id
                .ok_or_else(|| anyhow::anyhow!("demo complainant without an account"))?;
            (user, "migrant")
        };
        let filed = moment(w.day(demo.filed), -1);
        let mut c = complaint::insert(
            conn,
            &Complaint {
                id: Uuid::now_v7(),
                candidate_id: profile.id,
                filed_by,
                filed_by_agency: None,
                filed_by_centre: demo.by_centre.then_some(w.centre),
                against_employer,
                against_agency,
                placement_id: Some(p.id),
                category: demo.category.as_str().into(),
                body: demo.text.into(),
                state: ComplaintState::Received.as_str().into(),
                outcome: None,
                forwarded_at: None,
                forwarded_by: None,
                forwarded_summary: None,
                disclose_complainant: false,
                version: 1,
                created_at: filed,
                updated_at: filed,
            },
        )?;
        event(conn, &c, "filed", None, (Some(filed_by), role), None, filed)?;
        for &(days, act) in demo.acts {
            let at = moment(w.day(days), 0);
            let from = c.state();
            match act {
                To(to, outcome) => {
                    rules::check_transition(Role::Ministry, from, to, outcome.is_some(), false)
                        .map_err(|e| anyhow::anyhow!("demo complaint: {e}"))?;
                    c = complaint::set_state(
                        conn,
                        c.id,
                        &Decision {
                            to,
                            outcome,
                            disclose: false,
                        },
                    )?;
                    let who = (Some(w.ministry_user), "ministry");
                    event(conn, &c, "transitioned", Some(from), who, outcome, at)?;
                    if to == Upheld && demo.category == Category::UnpaidWages {
                        if let Some(employer) = against_employer {
                            restrictions::impose(
                                conn,
                                &ministry,
                                employer,
                                Cause::UnpaidWagesUpheld,
                                &format!("upheld complaint {} of unpaid wages", c.id),
                            )?;
                            backdate_restrictions(conn, w, employer, at)?;
                        }
                    }
                }
                Forward(summary) => {
                    rules::check_forward(Role::Ministry, from, c.forwarded_at.is_some())
                        .map_err(|e| anyhow::anyhow!("demo complaint: {e}"))?;
                    c = complaint::set_forwarded(conn, c.id, w.ministry_user, summary)?;
                    let who = (Some(w.ministry_user), "ministry");
                    event(conn, &c, "forwarded", Some(from), who, Some(summary), at)?;
                    diesel::update(crate::db::schema::complaints::table.find(c.id))
                        .set(crate::db::schema::complaints::forwarded_at.eq(at))
                        .execute(conn)?;
                }
            }
        }
    }
    Ok(())
}

fn event(
    conn: &mut PgConnection,
    c: &Complaint,
    kind: &str,
    from: Option<ComplaintState>,
    (actor_id, actor_role): (Option<Uuid>, &str),
    note: Option<&str>,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    diesel::insert_into(complaint_events::table)
        .values(&DatedEvent {
            complaint_id: c.id,
            kind,
            from_state: from.map(ComplaintState::as_str),
            to_state: &c.state,
            actor_id,
            actor_role,
            note,
            at,
        })
        .execute(conn)?;
    Ok(())
}
