//! Synthetic but realistic data from `templates.json`: employers with valid INNs, vacancies and
//! candidate profiles in Russian, across 31 occupations and 22 regions. Deterministic for a seed.
//! Used for `make run`'s demo data and for the benchmark.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use uuid::Uuid;

use crate::crypto::DataCipher;
use crate::db::models::candidate::CandidateProfile;
use crate::db::models::organisation::Employer;
use crate::db::models::vacancy::Vacancy;
use crate::domain::vacancy::VacancyStatus;

const TEMPLATES: &str = include_str!("templates.json");

#[derive(Deserialize)]
pub struct Templates {
    pub regions: Vec<RegionTemplate>,
    pub occupations: Vec<OccupationTemplate>,
}

#[derive(Deserialize)]
pub struct RegionTemplate {
    pub code: String,
    pub cities: Vec<String>,
}

#[derive(Deserialize)]
pub struct OccupationTemplate {
    pub code: String,
    pub titles: Vec<String>,
    pub duties: Vec<String>,
    pub conditions: Vec<String>,
    pub required_skills: Vec<String>,
    pub optional_skills: Vec<String>,
    pub candidate_skills: Vec<String>,
    pub salary: [i32; 2],
    pub russian_level_min: Vec<String>,
}

const COMPANY_WORDS: &[&str] = &[
    "Строй",
    "Урал",
    "Сибирь",
    "Волга",
    "Агро",
    "Пром",
    "Транс",
    "Логистик",
    "Сервис",
    "Монтаж",
    "Продукт",
    "Текстиль",
    "Мед",
    "Терминал",
    "Комплекс",
    "Индустрия",
    "Технологии",
    "Ресурс",
];
const CITIZENSHIPS: &[(&str, u32)] = &[("KG", 45), ("UZ", 25), ("TJ", 20), ("KZ", 5), ("AM", 5)];
const MALE_NAMES: &[&str] = &[
    "Азамат",
    "Бакыт",
    "Нурлан",
    "Эрмек",
    "Улан",
    "Жасур",
    "Фаррух",
    "Далер",
    "Рустам",
    "Шерзод",
    "Тимур",
    "Алишер",
    "Бекзат",
    "Мирлан",
    "Санжар",
];
const FEMALE_NAMES: &[&str] = &[
    "Айгуль",
    "Нургуль",
    "Чолпон",
    "Айпери",
    "Дилноза",
    "Гулнора",
    "Мадина",
    "Зарина",
    "Малика",
    "Жылдыз",
    "Назира",
    "Севара",
];
const LAST_NAMES: &[&str] = &[
    "Асанов",
    "Токтогулов",
    "Жумабеков",
    "Осмонов",
    "Садыков",
    "Каримов",
    "Юсупов",
    "Рахимов",
    "Назаров",
    "Турсунов",
    "Абдыкалыков",
    "Мамытов",
    "Исаков",
    "Бообеков",
];
const LEVELS: &[&str] = &["A1", "A2", "B1", "B2", "C1", "C2"];

pub fn templates() -> anyhow::Result<Templates> {
    Ok(serde_json::from_str(TEMPLATES)?)
}

/// A 10-digit organisation INN with a valid check digit.
pub fn inn_from(body: u64) -> String {
    let digits: Vec<u32> = format!("{:09}", body % 1_000_000_000)
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let check = digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11 % 10;
    format!(
        "{}{check}",
        digits.iter().map(u32::to_string).collect::<String>()
    )
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

pub struct Generator {
    rng: ChaCha8Rng,
    pub templates: Templates,
    now: DateTime<Utc>,
}

impl Generator {
    pub fn new(seed: u64) -> anyhow::Result<Self> {
        Ok(Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            templates: templates()?,
            now: Utc::now(),
        })
    }

    fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    pub fn employer(&mut self, n: u64) -> Employer {
        let region = self.rng.gen_range(0..self.templates.regions.len());
        let region = &self.templates.regions[region];
        let a = pick(&mut self.rng, COMPANY_WORDS).to_string();
        let b = pick(&mut self.rng, COMPANY_WORDS).to_string();
        Employer {
            id: Uuid::now_v7(),
            inn: inn_from(500_000_000 + n),
            ogrn: None,
            name: format!("ООО «{a}{}{n}»", b.to_lowercase()),
            region_code: region.code.clone(),
            city: region.cities[0].clone(),
            address: None,
            contact_email: Some(format!("hr{n}@employer{n}.demo")),
            contact_phone: None,
            website: None,
            created_at: self.now,
            updated_at: self.now,
        }
    }

    pub fn vacancy(&mut self, employer_id: Uuid) -> Vacancy {
        let o = self.rng.gen_range(0..self.templates.occupations.len());
        let r = self.rng.gen_range(0..self.templates.regions.len());
        let (occ, region) = (&self.templates.occupations[o], &self.templates.regions[r]);
        let title = occ.titles[self.rng.gen_range(0..occ.titles.len())].clone();
        let city = region.cities[self.rng.gen_range(0..region.cities.len())].clone();
        let mut sentences: Vec<String> = occ
            .duties
            .choose_multiple(&mut self.rng, 2)
            .cloned()
            .collect();
        sentences.extend(occ.conditions.choose_multiple(&mut self.rng, 2).cloned());
        let required: Vec<String> = occ
            .required_skills
            .choose_multiple(&mut self.rng, 3)
            .cloned()
            .collect();
        let optional: Vec<String> = occ
            .optional_skills
            .choose_multiple(&mut self.rng, 2)
            .cloned()
            .collect();
        let step = 5000;
        let low = occ.salary[0] / step;
        let high = (occ.salary[1] / step).max(low + 2);
        let salary_min = self.rng.gen_range(low..high - 1) * step;
        let salary_max = self.rng.gen_range(salary_min / step + 1..=high) * step;
        let level =
            occ.russian_level_min[self.rng.gen_range(0..occ.russian_level_min.len())].clone();
        let today = self.today();
        Vacancy {
            id: Uuid::now_v7(),
            employer_id,
            title,
            occupation_code: occ.code.clone(),
            description: format!("{} Город: {city}.", sentences.join(" ")),
            required_skills: required,
            optional_skills: optional,
            region_code: region.code.clone(),
            city,
            positions: self.rng.gen_range(1..=15),
            positions_filled: 0,
            salary_min,
            salary_max,
            housing: self.rng.gen_bool(0.6),
            meals: self.rng.gen_bool(0.3),
            transport: self.rng.gen_bool(0.4),
            hours_per_week: *[40, 40, 48, 60].choose(&mut self.rng).unwrap_or(&40),
            contract_months: *[6, 9, 12, 12, 24].choose(&mut self.rng).unwrap_or(&12),
            russian_level_min: Some(level),
            start_date: today + Duration::days(self.rng.gen_range(7..90)),
            expires_on: today + Duration::days(self.rng.gen_range(30..170)),
            open_to_foreign: true,
            status: VacancyStatus::Published.as_str().into(),
            published_at: Some(self.now - Duration::days(self.rng.gen_range(0..30))),
            version: 1,
            created_at: self.now,
            updated_at: self.now,
        }
    }

    pub fn candidate(
        &mut self,
        n: u64,
        created_by: Uuid,
        cipher: &DataCipher,
    ) -> anyhow::Result<CandidateProfile> {
        let o = self.rng.gen_range(0..self.templates.occupations.len());
        let occ = &self.templates.occupations[o];
        let mut occupations = vec![occ.code.clone()];
        if self.rng.gen_bool(0.25) {
            let other = &self.templates.occupations
                [self.rng.gen_range(0..self.templates.occupations.len())];
            if other.code != occ.code {
                occupations.push(other.code.clone());
            }
        }
        let skills: Vec<String> = occ
            .candidate_skills
            .choose_multiple(&mut self.rng, 2)
            .cloned()
            .collect();
        let regions: Vec<String> = if self.rng.gen_bool(0.2) {
            vec!["any".into()]
        } else {
            let n = self.rng.gen_range(1..=3);
            self.templates
                .regions
                .choose_multiple(&mut self.rng, n)
                .map(|r| r.code.clone())
                .collect()
        };
        let total: u32 = CITIZENSHIPS.iter().map(|(_, w)| w).sum();
        let mut roll = self.rng.gen_range(0..total);
        let citizenship = CITIZENSHIPS
            .iter()
            .find(|(_, w)| {
                if roll < *w {
                    true
                } else {
                    roll -= w;
                    false
                }
            })
            .map(|(c, _)| *c)
            .unwrap_or("KG");
        let female = self.rng.gen_bool(0.35);
        let first = if female {
            pick(&mut self.rng, FEMALE_NAMES)
        } else {
            pick(&mut self.rng, MALE_NAMES)
        }
        .to_string();
        let mut last = pick(&mut self.rng, LAST_NAMES).to_string();
        if female {
            last.push('а');
        }
        let level = LEVELS[self.rng.gen_range(0..4)].to_string();
        let native = match citizenship {
            "KG" => "ky",
            "UZ" => "uz",
            "TJ" => "tg",
            "KZ" => "kk",
            _ => "hy",
        };
        let passport = format!("{}{:08}", citizenship, n);
        let today = self.today();
        let experience = self.rng.gen_range(0..20);
        Ok(CandidateProfile {
            id: Uuid::now_v7(),
            user_id: None,
            created_by,
            first_name: first,
            last_name: last,
            date_of_birth: today - Duration::days(self.rng.gen_range(19 * 365..55 * 365)),
            gender: if female { "female" } else { "male" }.into(),
            citizenship: citizenship.into(),
            passport_ciphertext: cipher.seal(&passport)?,
            passport_hmac: cipher.lookup_hash(&passport),
            passport_last4: passport[passport.len() - 4..].to_owned(),
            passport_expiry: today + Duration::days(self.rng.gen_range(400..3000)),
            email: None,
            phone: Some(format!("+996{:09}", 500_000_000 + n % 499_999_999)),
            languages: serde_json::json!([{"code": "ru", "level": level}, {"code": native, "level": "C2"}]),
            russian_level: Some(level),
            occupations,
            skills: format!("{} Опыт {experience} лет.", skills.join(" ")),
            experience_years: experience,
            education_level: Some(self.rng.gen_range(2..=4)),
            preferred_regions: regions,
            salary_min: Some(self.rng.gen_range(8..16) * 5000),
            available_from: Some(today + Duration::days(self.rng.gen_range(0..60))),
            searchable: self.rng.gen_bool(0.95),
            version: 1,
            created_at: self.now,
            updated_at: self.now - Duration::days(self.rng.gen_range(0..200)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{identifiers, reference};

    #[test]
    fn generated_rows_pass_our_own_validation() {
        let mut g = Generator::new(7).unwrap();
        assert!(g.templates.occupations.len() >= 25 && g.templates.regions.len() >= 20);
        for n in 0..200 {
            let e = g.employer(n);
            assert!(identifiers::is_valid_inn(&e.inn), "{}", e.inn);
            let v = g.vacancy(e.id);
            assert!(v.salary_min <= v.salary_max && v.salary_min > 0);
            assert!(
                reference::is_occupation(&v.occupation_code)
                    && reference::is_ru_region(&v.region_code)
            );
        }
    }
}
