//! The demo centre's side of departures: orientation sessions (past ones with attendance, future
//! ones with free seats), each departing person's readiness checklist as centre staff recorded
//! it, and a cohort being put together for an approved placement that is not ready yet.

use chrono::{Duration, NaiveDate};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::models::candidate::CandidateProfile;
use crate::db::models::contract;
use crate::db::models::placement::Placement;
use crate::db::models::readiness::{self as rows, Cohort, ReadinessItem};
use crate::db::models::session::{self as model, Booking, Session};
use crate::db::schema::placements;
use crate::domain::readiness::{Item, ItemStatus, LEVELS};
use crate::domain::session::TOPICS;
use crate::i18n::Locale;
use crate::seed::later::{moment, World};

/// The centre's sessions: days from today, language, seats, room. Past ones were attended by the
/// people of `seed::later::STORIES`; the last two are still to come, with seats free.
pub const SESSIONS: &[(i64, &str, i32, &str)] = &[
    (-414, "ky", 20, "учебный зал 1"),
    (-320, "ky", 20, "учебный зал 1"),
    (-220, "ru", 25, "учебный зал 2"),
    (-113, "ky", 20, "учебный зал 1"),
    (-30, "ky", 24, "учебный зал 1"),
    (5, "ky", 24, "учебный зал 1"),
    (12, "ru", 30, "учебный зал 2"),
];

/// The future session in Russian: staff booked the approved migrant below on it.
const UPCOMING_SESSION: usize = 6;

/// An approved demo placement (an index into `demo.json`'s migrants) whose person is still
/// getting ready: part of the checklist, a seat booked, a cohort planned.
const GETTING_READY: usize = 8;

/// Sessions start at 10:00 in Bishkek (04:00 UTC) and last four hours.
const STARTS_HOUR_UTC: i64 = 4 - 12;

pub fn sessions(conn: &mut PgConnection, w: &World<'_>) -> anyhow::Result<Vec<Session>> {
    SESSIONS
        .iter()
        .map(|&(days, language, capacity, room)| {
            let starts_at = moment(w.day(days), STARTS_HOUR_UTC);
            let created_at = (starts_at - Duration::days(21)).min(w.loaded_at - Duration::days(3));
            Ok(model::insert_session(
                conn,
                &Session {
                    id: Uuid::now_v7(),
                    centre_id: w.centre,
                    starts_at,
                    duration_minutes: 240,
                    place: format!("Бишкек, ул. Токтогула, д. 125, {room}"),
                    language: language.into(),
                    capacity,
                    topics: TOPICS.iter().map(|t| (*t).to_owned()).collect(),
                    note: "Права работника и трудовое право РФ, регистрация и патент, риски и \
                           мошенничество при найме, телефоны горячих линий. Возьмите паспорт."
                        .into(),
                    booked: 0,
                    created_by: w.centre_user,
                    created_at,
                },
            )?)
        })
        .collect()
}

/// Books a seat the way `services::centres::book` does (one conditional update of the session).
fn book(
    conn: &mut PgConnection,
    w: &World<'_>,
    session: &Session,
    candidate: Uuid,
) -> anyhow::Result<Booking> {
    model::take_seat(conn, session.id)?
        .ok_or_else(|| anyhow::anyhow!("demo session {} is full", session.id))?;
    let booked_at = (session.starts_at - Duration::days(7)).min(w.loaded_at - Duration::days(1));
    Ok(model::insert_booking(
        conn,
        &Booking {
            id: Uuid::now_v7(),
            session_id: session.id,
            candidate_id: candidate,
            booked_by: w.centre_user,
            booked_at,
            cancelled_at: None,
            cancelled_by: None,
            attended_at: None,
            attendance_recorded_by: None,
        },
    )?)
}

/// The language the contract is explained in: the person's own if the centre speaks it.
fn explained_in(profile: &CandidateProfile, locale: Locale) -> String {
    let own = locale.as_str();
    let speaks = profile
        .languages
        .as_array()
        .into_iter()
        .flatten()
        .any(|l| l["code"].as_str() == Some(own));
    let language = if speaks { own } else { "ru" };
    language.to_owned()
}

/// One checklist row as centre staff record it.
fn row(
    w: &World<'_>,
    profile: &CandidateProfile,
    item: Item,
    checked_on: NaiveDate,
    evidence: String,
) -> ReadinessItem {
    ReadinessItem {
        candidate_id: profile.id,
        item: item.as_str().into(),
        status: ItemStatus::Ok.as_str().into(),
        evidence_ref: Some(evidence),
        checked_on,
        valid_until: None,
        level: None,
        language: None,
        checked_by: w.centre_user,
        checked_at: w.past(moment(checked_on, -6)),
        version: 1,
    }
}

/// Days before departure on which each item was checked.
const CHECKED_BEFORE: [(Item, i64); 6] = [
    (Item::RussianTest, 30),
    (Item::Medical, 25),
    (Item::Passport, 20),
    (Item::Insurance, 10),
    (Item::ContractExplained, 8),
    (Item::ReentryBanCheck, 5),
];

/// Writes the items of `only` (all of them when empty) as checked before `departure`: the
/// passport valid until its real expiry, insurance for the contract period, the Russian level
/// from the profile, the contract explained in the person's language.
fn record_items(
    conn: &mut PgConnection,
    w: &World<'_>,
    (profile, locale): (&CandidateProfile, Locale),
    p: &Placement,
    departure: NaiveDate,
    only: &[Item],
) -> anyhow::Result<()> {
    let contract_end = contract::latest(conn, p.id)?.and_then(|c| c.terms().end_date());
    let file = format!("ПДП-{}-{}", departure.format("%Y"), &profile.passport_last4);
    for (item, before) in CHECKED_BEFORE {
        if !only.is_empty() && !only.contains(&item) {
            continue;
        }
        let on = (departure - Duration::days(before)).min(w.today);
        let r = match item {
            Item::Passport => ReadinessItem {
                valid_until: Some(profile.passport_expiry),
                ..row(w, profile, item, on, format!("Копия паспорта, дело {file}"))
            },
            Item::Medical => row(
                w,
                profile,
                item,
                on,
                format!("Медицинское заключение № МЗ-{file}"),
            ),
            Item::Insurance => ReadinessItem {
                valid_until: contract_end,
                ..row(
                    w,
                    profile,
                    item,
                    on,
                    format!("Полис ДМС для мигрантов № {file}"),
                )
            },
            Item::RussianTest => {
                let level = profile
                    .russian_level
                    .clone()
                    .filter(|l| LEVELS.contains(&l.as_str()));
                ReadinessItem {
                    level: Some(level.unwrap_or_else(|| "A1".into())),
                    ..row(
                        w,
                        profile,
                        item,
                        on,
                        format!("Тест по русскому языку, протокол {file}"),
                    )
                }
            }
            Item::ReentryBanCheck => row(
                w,
                profile,
                item,
                on,
                format!("Проверка по базе запретов въезда, запрос {file}"),
            ),
            Item::ContractExplained => ReadinessItem {
                language: Some(explained_in(profile, locale)),
                ..row(
                    w,
                    profile,
                    item,
                    on,
                    format!("Лист ознакомления с договором, {file}"),
                )
            },
            Item::Orientation => continue,
        };
        rows::upsert(conn, &r)?;
    }
    Ok(())
}

/// Gets a person ready for a departure on `departure`: a seat at `session`, attended, and every
/// recorded item checked in the weeks before. Whether that is enough, the gate decides.
pub fn prepare(
    conn: &mut PgConnection,
    w: &World<'_>,
    profile: &CandidateProfile,
    locale: Locale,
    p: &Placement,
    session: &Session,
    departure: NaiveDate,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        session.starts_at.date_naive() < departure,
        "demo: orientation after departure"
    );
    let booking = book(conn, w, session, profile.id)?;
    model::mark_attended(
        conn,
        &[booking.id],
        w.centre_user,
        session.starts_at + Duration::hours(4),
    )?;
    record_items(conn, w, (profile, locale), p, departure, &[])
}

/// What is still ahead: the person of an approved placement has part of the checklist, a seat on
/// the next session in Russian and a cohort planned two days before the contract starts.
pub fn upcoming(
    conn: &mut PgConnection,
    w: &World<'_>,
    sessions: &[Session],
) -> anyhow::Result<()> {
    let (profile, locale) = w.profile(GETTING_READY)?;
    let p: Placement = placements::table
        .filter(placements::candidate_id.eq(profile.id))
        .filter(placements::state.eq(crate::domain::placement::PlacementState::Approved.as_str()))
        .select(Placement::as_select())
        .first(conn)?;
    let start = contract::latest(conn, p.id)?
        .map(|c| c.terms().start_date)
        .ok_or_else(|| anyhow::anyhow!("demo: the approved placement has no contract"))?;
    let session = sessions
        .get(UPCOMING_SESSION)
        .ok_or_else(|| anyhow::anyhow!("no upcoming demo session"))?;
    book(conn, w, session, profile.id)?;
    let departure = start - Duration::days(2);
    record_items(
        conn,
        w,
        (profile, *locale),
        &p,
        departure,
        &[Item::Passport, Item::Medical, Item::RussianTest],
    )?;
    rows::insert_cohort(
        conn,
        &Cohort {
            id: Uuid::now_v7(),
            centre_id: w.centre,
            departure_date: departure,
            transport: "Авиарейс Бишкек — Краснодар, сбор в аэропорту «Манас» за 3 часа до вылета"
                .into(),
            escort: None,
            created_by: w.centre_user,
            created_at: w.loaded_at - Duration::days(1),
            confirmed_by: None,
            confirmed_at: None,
        },
        &[p.id],
    )?;
    Ok(())
}
