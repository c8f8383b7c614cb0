//! Reference data (countries, regions, occupations) ships in `index/reference/` and is upserted
//! on every `migrate`, so fixing a name is a data change, not a migration.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::upsert::excluded;
use serde::Deserialize;

use crate::db::schema::{countries, occupations, regions};

const COUNTRIES: &str = include_str!("../../index/reference/countries.csv");
const RU_REGIONS: &str = include_str!("../../index/reference/ru_regions.csv");
const KG_REGIONS: &str = include_str!("../../index/reference/kg_regions.csv");
const OCCUPATIONS: &str = include_str!("../../index/reference/occupations.csv");

#[derive(Deserialize)]
struct CountryRow {
    alpha2: String,
    name_ru: String,
    name_en: String,
    eaeu: bool,
}

#[derive(Deserialize)]
struct RuRegionRow {
    code: String,
    name_ru: String,
    name_en: String,
    federal_district: String,
}

#[derive(Deserialize)]
struct KgRegionRow {
    code: String,
    name_ru: String,
    name_en: String,
    name_ky: String,
}

#[derive(Deserialize)]
struct OccupationRow {
    code: String,
    name_en: String,
    name_ru: String,
    name_ky: String,
    sector: String,
}

fn rows<T: for<'de> Deserialize<'de>>(csv_text: &str) -> anyhow::Result<Vec<T>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    Ok(reader.deserialize().collect::<Result<Vec<T>, _>>()?)
}

fn non_empty(s: String) -> Option<String> {
    if s.trim().is_empty() {
        None
    } else {
        Some(s)
    }
}

pub fn load(conn: &mut PgConnection) -> anyhow::Result<()> {
    conn.transaction(|conn| {
        let country_rows: Vec<_> = rows::<CountryRow>(COUNTRIES)?
            .into_iter()
            .map(|r| {
                (
                    countries::code.eq(r.alpha2),
                    countries::name_ru.eq(r.name_ru),
                    countries::name_en.eq(r.name_en),
                    countries::eaeu_member.eq(r.eaeu),
                )
            })
            .collect();
        diesel::insert_into(countries::table)
            .values(&country_rows)
            .on_conflict(countries::code)
            .do_update()
            .set((
                countries::name_ru.eq(excluded(countries::name_ru)),
                countries::name_en.eq(excluded(countries::name_en)),
                countries::eaeu_member.eq(excluded(countries::eaeu_member)),
            ))
            .execute(conn)?;

        let mut region_rows: Vec<_> = rows::<RuRegionRow>(RU_REGIONS)?
            .into_iter()
            .map(|r| {
                (
                    regions::code.eq(r.code),
                    regions::country.eq("RU".to_string()),
                    regions::name_ru.eq(r.name_ru),
                    regions::name_en.eq(r.name_en),
                    regions::name_ky.eq(None::<String>),
                    regions::federal_district.eq(non_empty(r.federal_district)),
                )
            })
            .collect();
        region_rows.extend(rows::<KgRegionRow>(KG_REGIONS)?.into_iter().map(|r| {
            (
                regions::code.eq(r.code),
                regions::country.eq("KG".to_string()),
                regions::name_ru.eq(r.name_ru),
                regions::name_en.eq(r.name_en),
                regions::name_ky.eq(non_empty(r.name_ky)),
                regions::federal_district.eq(None::<String>),
            )
        }));
        diesel::insert_into(regions::table)
            .values(&region_rows)
            .on_conflict(regions::code)
            .do_update()
            .set((
                regions::name_ru.eq(excluded(regions::name_ru)),
                regions::name_en.eq(excluded(regions::name_en)),
                regions::name_ky.eq(excluded(regions::name_ky)),
                regions::federal_district.eq(excluded(regions::federal_district)),
            ))
            .execute(conn)?;

        let occupation_rows: Vec<_> = rows::<OccupationRow>(OCCUPATIONS)?
            .into_iter()
            .map(|r| {
                (
                    occupations::code.eq(r.code),
                    occupations::name_en.eq(r.name_en),
                    occupations::name_ru.eq(r.name_ru),
                    occupations::name_ky.eq(non_empty(r.name_ky)),
                    occupations::sector.eq(r.sector),
                )
            })
            .collect();
        diesel::insert_into(occupations::table)
            .values(&occupation_rows)
            .on_conflict(occupations::code)
            .do_update()
            .set((
                occupations::name_en.eq(excluded(occupations::name_en)),
                occupations::name_ru.eq(excluded(occupations::name_ru)),
                occupations::name_ky.eq(excluded(occupations::name_ky)),
                occupations::sector.eq(excluded(occupations::sector)),
            ))
            .execute(conn)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_files_parse_with_the_required_coverage() {
        assert_eq!(rows::<RuRegionRow>(RU_REGIONS).unwrap().len(), 83);
        assert_eq!(rows::<KgRegionRow>(KG_REGIONS).unwrap().len(), 9);
        assert!(rows::<CountryRow>(COUNTRIES).unwrap().len() >= 240);
        assert!(rows::<OccupationRow>(OCCUPATIONS).unwrap().len() >= 120);
    }
}
