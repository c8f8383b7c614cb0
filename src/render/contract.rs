//! A placement's written contract, in the candidate's language, as printable HTML and as PDF.
//!
//! Pure: a [`ContractDocument`] in, bytes out. Both outputs are drawn from the same list of
//! [`Block`]s, so the HTML and the PDF always say the same thing.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use fluent_bundle::FluentArgs;

use super::l10n;
use super::pdf::{self, QrMatrix};
use crate::i18n::Locale;

pub use super::pdf::RenderError;

#[derive(Debug, Clone)]
pub struct ContractDocument {
    pub locale: Locale,
    pub contract_id: uuid::Uuid,
    /// 1, 2, … (a changed contract is a new version).
    pub version: i32,
    /// e.g. "C-7K2M-9QXD"; `Some` only when both sides signed.
    pub verify_code: Option<String>,
    /// The public verification URL; the QR code encodes it.
    pub verify_url: Option<String>,
    pub employer_name: String,
    pub employer_inn: String,
    /// When an agency proposed the candidate.
    pub agency: Option<AgencyParty>,
    /// Full name as on file.
    pub candidate_name: String,
    /// Already a localized country name.
    pub candidate_citizenship: String,
    pub vacancy_title: String,
    /// Localized occupation label (ISCO-08 code + title).
    pub occupation: String,
    /// Localized Russian region name.
    pub region: String,
    pub city: String,
    pub salary_rub_month: i32,
    /// The minimum that applied (shown next to the salary).
    pub minimum_wage_rub_month: i32,
    /// e.g. "Federal law No. 82-FZ as amended 2025" (not translated).
    pub minimum_wage_source: String,
    pub hours_per_week: i32,
    /// Why more than 40 hours, when more.
    pub hours_reason: Option<String>,
    pub start_date: NaiveDate,
    pub duration_months: i32,
    /// `None` = not provided; `Some(details)` = provided, as written by the employer.
    pub housing: Option<String>,
    pub meals: Option<String>,
    pub transport: Option<String>,
    /// Per year.
    pub paid_leave_days: i32,
    pub employer_pays_travel: bool,
    pub employer_pays_medical: bool,
    pub employer_pays_permit: bool,
    /// Always 0 (ILO C181 art. 7); printed prominently.
    pub worker_fee_rub: i32,
    pub employer_signed_at: Option<DateTime<Utc>>,
    pub candidate_signed_at: Option<DateTime<Utc>>,
    /// An older version kept readable: printed with a "replaced by a newer version" banner.
    pub superseded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyParty {
    pub name: String,
    pub licence_number: String,
}

impl ContractDocument {
    /// Both sides signed: the contract is in force (unless superseded).
    pub fn is_signed(&self) -> bool {
        self.employer_signed_at.is_some() && self.candidate_signed_at.is_some()
    }
}

/// The contract as a complete, self-contained HTML page (inline CSS, inline SVG, no scripts).
pub fn html(doc: &ContractDocument) -> String {
    let t = Texts::new(doc.locale);
    let blocks = blocks(doc, &t);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!doctype html>\n<html lang=\"");
    out.push_str(doc.locale.as_str());
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    out.push_str(&escape(&format!(
        "{} — {}",
        t.get("contract-title"),
        t.number(doc)
    )));
    out.push_str("</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main class=\"contract\">\n");
    let mut in_table = false;
    let close_table = |out: &mut String, in_table: &mut bool| {
        if *in_table {
            out.push_str("</table>\n");
            *in_table = false;
        }
    };
    for block in &blocks {
        match block {
            Block::Banner { tone, text } => {
                close_table(&mut out, &mut in_table);
                let class = match tone {
                    Tone::Warning => "banner warning",
                    Tone::Danger => "banner danger",
                };
                out.push_str(&format!(
                    "<p class=\"{class}\" role=\"alert\">{}</p>\n",
                    escape(text)
                ));
            }
            Block::Title(text) => {
                out.push_str(&format!("<h1>{}</h1>\n", escape(text)));
            }
            Block::Subtitle(text) => {
                out.push_str(&format!("<p class=\"number\">{}</p>\n", escape(text)));
            }
            Block::Section(text) => {
                close_table(&mut out, &mut in_table);
                out.push_str(&format!("<h2>{}</h2>\n", escape(text)));
            }
            Block::Field { label, value } => {
                if !in_table {
                    out.push_str("<table class=\"fields\">\n");
                    in_table = true;
                }
                out.push_str(&format!(
                    "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                    escape(label),
                    escape(value)
                ));
            }
            Block::Notice { title, lines } => {
                close_table(&mut out, &mut in_table);
                out.push_str(&format!(
                    "<section class=\"fee\">\n<h2>{}</h2>\n",
                    escape(title)
                ));
                for (i, line) in lines.iter().enumerate() {
                    let class = if i == 0 { " class=\"fee-amount\"" } else { "" };
                    out.push_str(&format!("<p{class}>{}</p>\n", escape(line)));
                }
                out.push_str("</section>\n");
            }
            Block::Verify {
                hint,
                url,
                code_line,
                qr,
            } => {
                close_table(&mut out, &mut in_table);
                out.push_str("<div class=\"verify\">\n");
                if let Some(qr) = qr {
                    out.push_str("<div class=\"qr\">");
                    out.push_str(qr.svg());
                    out.push_str("</div>\n");
                }
                out.push_str("<div>\n");
                out.push_str(&format!("<p class=\"code\">{}</p>\n", escape(code_line)));
                if let Some(url) = url {
                    out.push_str(&format!(
                        "<p>{}</p>\n<p class=\"url\"><a href=\"{}\">{}</a></p>\n",
                        escape(hint),
                        escape(url),
                        escape(url)
                    ));
                }
                out.push_str("</div>\n</div>\n");
            }
        }
    }
    close_table(&mut out, &mut in_table);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The contract as an A4 PDF with DejaVu Sans embedded (subset), the verification code and,
/// when the contract is signed, a QR code of its public URL.
pub fn pdf(doc: &ContractDocument) -> Result<Vec<u8>, RenderError> {
    let t = Texts::new(doc.locale);
    let blocks = blocks(doc, &t);
    let id = doc.contract_id.to_string();
    let footer = |page: usize, pages: usize| {
        let mut args = FluentArgs::new();
        args.set("id", id.clone());
        args.set("version", doc.version);
        args.set("page", page);
        args.set("pages", pages);
        t.with("page-footer", &args)
    };
    let title = format!("{} — {}", t.get("contract-title"), t.number(doc));
    pdf::render(&blocks, &title, doc.locale.as_str(), &footer)
}

/// One piece of the document, as both renderers see it.
pub(crate) enum Block {
    Banner {
        tone: Tone,
        text: String,
    },
    Title(String),
    Subtitle(String),
    Section(String),
    Field {
        label: String,
        value: String,
    },
    /// The zero-fee box: a heading and lines, the first one large.
    Notice {
        title: String,
        lines: Vec<String>,
    },
    Verify {
        hint: String,
        url: Option<String>,
        code_line: String,
        qr: Option<QrMatrix>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tone {
    Warning,
    Danger,
}

/// The Fluent messages of one locale, with this document's formatting helpers.
struct Texts {
    locale: Locale,
}

impl Texts {
    fn new(locale: Locale) -> Texts {
        Texts { locale }
    }

    fn get(&self, id: &str) -> String {
        l10n::text(self.locale, id, None)
    }

    fn with(&self, id: &str, args: &FluentArgs) -> String {
        l10n::text(self.locale, id, Some(args))
    }

    fn one<V: Into<fluent_bundle::FluentValue<'static>>>(
        &self,
        id: &str,
        name: &'static str,
        value: V,
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(name, value);
        self.with(id, &args)
    }

    /// Roubles grouped by thousands with the locale's separator: "45 000", "45,000".
    fn amount(&self, value: i32) -> String {
        let separator = self.get("number-group-separator");
        let digits = value.unsigned_abs().to_string();
        let mut out = String::new();
        if value < 0 {
            out.push('-');
        }
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&separator);
            }
            out.push(ch);
        }
        out
    }

    fn date(&self, date: NaiveDate) -> String {
        let mut args = FluentArgs::new();
        args.set("day", date.day());
        args.set("month", date.month());
        args.set("year", date.year());
        self.with("date", &args)
    }

    fn signed(&self, id: &str, at: Option<DateTime<Utc>>) -> String {
        match at {
            Some(at) => {
                let mut args = FluentArgs::new();
                args.set("date", self.date(at.date_naive()));
                args.set("time", format!("{:02}:{:02}", at.hour(), at.minute()));
                self.with(id, &args)
            }
            None => self.get("not-signed"),
        }
    }

    fn provided(&self, value: Option<&str>) -> String {
        match value {
            Some(details) => self.one("provided", "details", details.to_owned()),
            None => self.get("not-provided"),
        }
    }

    fn yes_no(&self, value: bool) -> String {
        self.get(if value { "yes" } else { "no" })
    }

    fn number(&self, doc: &ContractDocument) -> String {
        let mut args = FluentArgs::new();
        args.set("id", doc.contract_id.to_string());
        args.set("version", doc.version);
        self.with("contract-number", &args)
    }
}

fn blocks(doc: &ContractDocument, t: &Texts) -> Vec<Block> {
    let field = |label: &str, value: String| Block::Field {
        label: t.get(label),
        value,
    };
    let mut b = Vec::with_capacity(48);
    if doc.superseded {
        b.push(Block::Banner {
            tone: Tone::Danger,
            text: t.get("contract-superseded"),
        });
    }
    if !doc.is_signed() {
        b.push(Block::Banner {
            tone: Tone::Warning,
            text: t.get("contract-draft"),
        });
    }
    b.push(Block::Title(t.get("contract-title")));
    b.push(Block::Subtitle(t.number(doc)));
    if let Some(code) = &doc.verify_code {
        b.push(Block::Subtitle(t.one("verify-code", "code", code.clone())));
    }
    // First thing a worker reads: they pay nothing (ILO C181 art. 7).
    b.push(Block::Notice {
        title: t.get("fee-title"),
        lines: vec![
            t.one("fee-value", "amount", t.amount(doc.worker_fee_rub)),
            t.get("fee-warning"),
        ],
    });

    b.push(Block::Section(t.get("section-parties")));
    b.push(field("label-employer", doc.employer_name.clone()));
    b.push(field("label-inn", doc.employer_inn.clone()));
    if let Some(agency) = &doc.agency {
        b.push(field("label-agency", agency.name.clone()));
        b.push(field("label-licence", agency.licence_number.clone()));
    }
    b.push(field("label-worker", doc.candidate_name.clone()));
    b.push(field(
        "label-citizenship",
        doc.candidate_citizenship.clone(),
    ));

    b.push(Block::Section(t.get("section-job")));
    b.push(field("label-vacancy", doc.vacancy_title.clone()));
    b.push(field("label-occupation", doc.occupation.clone()));
    b.push(field(
        "label-workplace",
        format!("{}, {}", doc.city, doc.region),
    ));

    b.push(Block::Section(t.get("section-pay")));
    b.push(field(
        "label-salary",
        t.one("salary-value", "amount", t.amount(doc.salary_rub_month)),
    ));
    let mut args = FluentArgs::new();
    args.set("amount", t.amount(doc.minimum_wage_rub_month));
    args.set("source", doc.minimum_wage_source.clone());
    b.push(field(
        "label-minimum-wage",
        t.with("minimum-wage-value", &args),
    ));
    b.push(field(
        "label-hours",
        t.one("hours-value", "hours", doc.hours_per_week),
    ));
    if let Some(reason) = &doc.hours_reason {
        b.push(field("label-hours-reason", reason.clone()));
    }

    b.push(Block::Section(t.get("section-term")));
    b.push(field("label-start", t.date(doc.start_date)));
    b.push(field(
        "label-duration",
        t.one("duration-value", "months", doc.duration_months),
    ));

    b.push(Block::Section(t.get("section-conditions")));
    b.push(field("label-housing", t.provided(doc.housing.as_deref())));
    b.push(field("label-meals", t.provided(doc.meals.as_deref())));
    b.push(field(
        "label-transport",
        t.provided(doc.transport.as_deref()),
    ));
    b.push(field(
        "label-leave",
        t.one("leave-value", "days", doc.paid_leave_days),
    ));

    b.push(Block::Section(t.get("section-costs")));
    b.push(field("label-travel", t.yes_no(doc.employer_pays_travel)));
    b.push(field("label-medical", t.yes_no(doc.employer_pays_medical)));
    b.push(field("label-permit", t.yes_no(doc.employer_pays_permit)));

    b.push(Block::Section(t.get("section-signatures")));
    b.push(field(
        "label-employer",
        t.signed("employer-signed", doc.employer_signed_at),
    ));
    b.push(field(
        "label-worker",
        t.signed("worker-signed", doc.candidate_signed_at),
    ));

    if let Some(code) = &doc.verify_code {
        let qr = doc.verify_url.as_deref().and_then(|url| {
            QrMatrix::new(url)
                .map_err(|e| tracing::warn!(error = %e, "contract QR code not drawn"))
                .ok()
        });
        b.push(Block::Section(t.get("section-verify")));
        b.push(Block::Verify {
            hint: t.get("verify-hint"),
            url: doc.verify_url.clone(),
            code_line: t.one("verify-code", "code", code.clone()),
            qr,
        });
    }
    b
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

const CSS: &str = r#"
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f3f3; color: #111; font: 11pt/1.45 "DejaVu Sans", "Noto Sans", Arial, sans-serif; }
.contract { max-width: 190mm; margin: 0 auto; padding: 14mm 12mm; background: #fff; }
h1 { font-size: 20pt; margin: 0.4em 0 0.1em; }
h2 { font-size: 12.5pt; margin: 1.2em 0 0.4em; padding-bottom: 2px; border-bottom: 1px solid #999; break-after: avoid; }
.number { color: #444; margin: 0 0 0.3em; }
.banner { padding: 0.6em 0.9em; border: 2px solid; border-radius: 4px; font-weight: bold; margin: 0 0 0.8em; }
.banner.warning { background: #fff4d6; border-color: #c98a00; }
.banner.danger { background: #fde2e1; border-color: #b3261e; color: #7a1410; }
table.fields { width: 100%; border-collapse: collapse; }
table.fields th { width: 36%; text-align: left; vertical-align: top; font-weight: normal; color: #444; padding: 3px 10px 3px 0; }
table.fields td { vertical-align: top; padding: 3px 0; white-space: pre-line; overflow-wrap: anywhere; }
table.fields tr { break-inside: avoid; }
.fee { margin: 1em 0 1.4em; padding: 0.6em 1em; border: 3px solid #1b6e20; background: #e8f5e9; break-inside: avoid; }
.fee h2 { border: 0; margin: 0.2em 0; }
.fee .fee-amount { font-size: 14pt; font-weight: bold; }
.verify { display: flex; gap: 1.2em; align-items: center; break-inside: avoid; }
.verify .qr svg { width: 34mm; height: 34mm; display: block; }
.verify .code { font-size: 14pt; font-weight: bold; letter-spacing: 0.04em; }
.verify .url { overflow-wrap: anywhere; font-size: 9.5pt; }
a { color: inherit; }
@media print {
  body { background: #fff; }
  .contract { max-width: none; margin: 0; padding: 0; }
  .banner, .fee { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::time::Instant;

    const CODE: &str = "C-7K2M-9QXD";

    fn signed_doc(locale: Locale) -> ContractDocument {
        ContractDocument {
            locale,
            contract_id: uuid::Uuid::from_u128(0x0193_8a2b_7c4d_7e5f_8a9b_0c1d_2e3f_4a5b),
            version: 2,
            verify_code: Some(CODE.into()),
            verify_url: Some(format!("http://127.0.0.1:8080/api/v1/verify/{CODE}")),
            employer_name: "ООО «СтройМонтаж»".into(),
            employer_inn: "7707083893".into(),
            agency: Some(AgencyParty {
                name: "Агентство «Жол»".into(),
                licence_number: "KG-2026-0042".into(),
            }),
            candidate_name: "Асанов Бакыт".into(),
            candidate_citizenship: "Кыргызстан".into(),
            vacancy_title: "Монтажник каркасов".into(),
            occupation: "7214 — Монтажник металлоконструкций".into(),
            region: "Московская область".into(),
            city: "Химки".into(),
            salary_rub_month: 85_000,
            minimum_wage_rub_month: 22_440,
            minimum_wage_source: "Federal law No. 82-FZ as amended 2025".into(),
            hours_per_week: 40,
            hours_reason: None,
            start_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            duration_months: 12,
            housing: Some("Общежитие, комната на 2 человека, Химки, ул. Заводская, 5".into()),
            meals: None,
            transport: Some("Служебный автобус".into()),
            paid_leave_days: 28,
            employer_pays_travel: true,
            employer_pays_medical: true,
            employer_pays_permit: false,
            worker_fee_rub: 0,
            employer_signed_at: Some(Utc.with_ymd_and_hms(2027, 2, 10, 9, 30, 0).unwrap()),
            candidate_signed_at: Some(Utc.with_ymd_and_hms(2027, 2, 11, 14, 5, 0).unwrap()),
            superseded: false,
        }
    }

    fn draft_doc(locale: Locale) -> ContractDocument {
        ContractDocument {
            verify_code: None,
            verify_url: None,
            employer_signed_at: None,
            candidate_signed_at: None,
            version: 1,
            ..signed_doc(locale)
        }
    }

    fn text_of(pdf: &[u8]) -> String {
        let text = pdf_extract::extract_text_from_mem(pdf).unwrap();
        // Normalise whitespace: the extractor may split words across runs differently.
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn pages_of(pdf: &[u8]) -> usize {
        lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
    }

    #[test]
    fn html_has_the_localized_heading_name_salary_and_zero_fee_in_every_locale() {
        let headings = [
            (
                Locale::Ru,
                "Трудовой договор",
                "85\u{a0}000 ₽ в месяц",
                "Вы платите: 0 ₽",
            ),
            (
                Locale::Ky,
                "Эмгек келишими",
                "айына 85\u{a0}000 ₽",
                "Сиз төлөйсүз: 0 ₽",
            ),
            (
                Locale::Uz,
                "Mehnat shartnomasi",
                "oyiga 85\u{a0}000 ₽",
                "Siz toʻlaysiz: 0 ₽",
            ),
            (
                Locale::Tg,
                "Шартномаи меҳнатӣ",
                "85\u{a0}000 ₽ дар як моҳ",
                "Шумо мепардозед: 0 ₽",
            ),
            (
                Locale::En,
                "Employment contract",
                "85,000 ₽ a month",
                "Fee you pay: 0 ₽",
            ),
        ];
        for (locale, heading, salary, fee) in headings {
            let html = html(&signed_doc(locale));
            let lang = format!("<html lang=\"{}\">", locale.as_str());
            assert!(html.starts_with("<!doctype html>"), "{lang}");
            assert!(html.contains(&lang), "{lang}");
            assert!(html.contains(&format!("<h1>{heading}</h1>")), "{lang}");
            assert!(html.contains("Асанов Бакыт"), "{lang}");
            assert!(html.contains(salary), "{lang}: {salary}");
            assert!(html.contains(fee), "{lang}: {fee}");
            assert!(
                html.contains("<svg"),
                "{lang}: signed contract has a QR code"
            );
            assert!(html.contains(CODE), "{lang}");
            assert!(!html.contains("<script"), "{lang}");
            assert!(
                !html.contains("://fonts") && !html.contains("<link"),
                "{lang}"
            );
        }
    }

    #[test]
    fn html_escapes_user_input() {
        let mut doc = signed_doc(Locale::En);
        doc.employer_name = "<script>alert('x')</script> & Co".into();
        doc.housing = Some("\"quoted\" <b>bold</b>".into());
        let html = html(&doc);
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<b>bold</b>"));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
        assert!(html.contains("&quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;"));
    }

    #[test]
    fn a_draft_says_so_and_has_no_qr_code() {
        for locale in Locale::ALL {
            let doc = draft_doc(locale);
            let draft = l10n::text(locale, "contract-draft", None);
            let not_signed = l10n::text(locale, "not-signed", None);
            let html = html(&doc);
            assert!(html.contains(&escape(&draft)), "{}", locale.as_str());
            assert!(html.contains(&not_signed), "{}", locale.as_str());
            assert!(!html.contains("<svg"), "{}", locale.as_str());
            let signed = super::html(&signed_doc(locale));
            assert!(!signed.contains(&escape(&draft)), "{}", locale.as_str());
        }
        let text = text_of(&pdf(&draft_doc(Locale::En)).unwrap());
        assert!(
            text.contains("Draft — not valid until both sides sign"),
            "{text}"
        );
        assert!(text.contains("Not yet signed"), "{text}");
        assert!(!text.contains("Verification code"), "{text}");
    }

    #[test]
    fn a_superseded_version_carries_the_banner() {
        let mut doc = signed_doc(Locale::Ru);
        doc.superseded = true;
        let banner = "Эта версия заменена новой версией договора";
        assert!(html(&doc).contains(banner));
        assert!(!html(&signed_doc(Locale::Ru)).contains(banner));
        assert!(text_of(&pdf(&doc).unwrap()).contains(banner));
        assert!(!text_of(&pdf(&signed_doc(Locale::Ru)).unwrap()).contains(banner));
    }

    #[test]
    fn pdf_embeds_text_in_every_script_with_the_verify_code() {
        let expected: [(Locale, &[&str]); 5] = [
            (Locale::Ru, &["Трудовой договор", "Вы платите: 0 ₽"]),
            (
                Locale::Ky,
                &["Эмгек келишими", "Иш берүүчү", "өргүү", "сканерлеңиз"],
            ),
            (Locale::Uz, &["Mehnat shartnomasi", "toʻlaysiz", "sugʻurta"]),
            (
                Locale::Tg,
                &[
                    "Шартномаи меҳнатӣ",
                    "Мӯҳлат",
                    "Ҷойи кор",
                    "қаллобӣ",
                    "суғурта",
                ],
            ),
            (Locale::En, &["Employment contract", "Fee you pay: 0 ₽"]),
        ];
        for (locale, words) in expected {
            let bytes = pdf(&signed_doc(locale)).unwrap();
            assert!(bytes.starts_with(b"%PDF-"), "{}", locale.as_str());
            let text = text_of(&bytes);
            assert!(text.contains("Асанов Бакыт"), "{}: {text}", locale.as_str());
            assert!(text.contains(CODE), "{}: {text}", locale.as_str());
            for word in words {
                assert!(
                    text.contains(word),
                    "{}: {word} not in {text}",
                    locale.as_str()
                );
            }
        }
    }

    #[test]
    fn every_character_we_print_is_in_the_embedded_fonts() {
        for locale in Locale::ALL {
            let doc = signed_doc(locale);
            let mut texts = Vec::new();
            for block in blocks(&doc, &Texts::new(locale)) {
                match block {
                    Block::Banner { text, .. }
                    | Block::Title(text)
                    | Block::Subtitle(text)
                    | Block::Section(text) => texts.push(text),
                    Block::Field { label, value } => texts.extend([label, value]),
                    Block::Notice { title, lines } => {
                        texts.push(title);
                        texts.extend(lines);
                    }
                    Block::Verify {
                        hint, code_line, ..
                    } => texts.extend([hint, code_line]),
                }
            }
            for id in l10n::catalogue().ids(locale) {
                texts.push(l10n::text(locale, id, None));
            }
            for text in texts {
                if let Some(ch) = pdf::first_missing_glyph(&text) {
                    panic!(
                        "{}: {ch:?} (U+{:04X}) missing in {text}",
                        locale.as_str(),
                        ch as u32
                    );
                }
            }
        }
    }

    #[test]
    fn a_very_long_housing_text_wraps_onto_more_pages_without_losing_words() {
        let mut doc = signed_doc(Locale::Ru);
        let words: Vec<String> = (1..=900).map(|i| format!("слово{i}")).collect();
        let mut housing = words.join(" ");
        housing.push(' ');
        housing.push_str(&"Ж".repeat(300)); // one "word" wider than the column
        doc.housing = Some(housing);
        let bytes = pdf(&doc).unwrap();
        assert!(pages_of(&bytes) >= 2, "{} pages", pages_of(&bytes));
        let text = text_of(&bytes);
        // The extractor may glue the last word of a line to the first of the next one, so a
        // word counts as kept when it is not followed by another digit ("слово5" ≠ "слово50").
        let kept = |w: &str| {
            text.match_indices(w)
                .any(|(i, _)| !text[i + w.len()..].starts_with(|c: char| c.is_ascii_digit()))
        };
        for w in &words {
            assert!(kept(w), "{w} lost");
        }
        let js: usize = text.matches('Ж').count();
        assert!(js >= 300, "{js} of 300 Ж kept");
        assert!(
            text.contains(CODE),
            "the QR section is still printed after the long text"
        );
        assert!(
            text.contains("стр. 1 из") && text.contains("стр. 2 из"),
            "{text}"
        );
        let normal = pages_of(&pdf(&signed_doc(Locale::Ru)).unwrap());
        assert!(
            pages_of(&bytes) > normal,
            "{} pages, {normal} without the long text",
            pages_of(&bytes)
        );
    }

    #[test]
    fn the_same_contract_renders_to_the_same_bytes() {
        let doc = signed_doc(Locale::Uz);
        assert_eq!(pdf(&doc).unwrap(), pdf(&doc).unwrap());
        assert_eq!(html(&doc), html(&doc));
    }

    #[test]
    fn pdfs_are_small_because_fonts_are_subset() {
        for locale in Locale::ALL {
            let started = Instant::now();
            let bytes = pdf(&signed_doc(locale)).unwrap();
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            println!("pdf {}: {} bytes, {ms:.1} ms", locale.as_str(), bytes.len());
            assert!(
                bytes.len() < 300 * 1024,
                "{}: {} bytes",
                locale.as_str(),
                bytes.len()
            );
        }
        let started = Instant::now();
        let runs = 10;
        for _ in 0..runs {
            pdf(&signed_doc(Locale::Tg)).unwrap();
        }
        println!(
            "pdf: {:.1} ms per contract (mean of {runs})",
            started.elapsed().as_secs_f64() * 1000.0 / runs as f64
        );
    }

    /// `cargo test --lib render::contract::tests::write_samples -- --ignored` writes every
    /// locale's HTML and PDF (signed and draft) to target/render-samples/ to look at.
    #[test]
    #[ignore]
    fn write_samples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/render-samples");
        std::fs::create_dir_all(&dir).unwrap();
        for locale in Locale::ALL {
            let lang = locale.as_str();
            for (kind, doc) in [("signed", signed_doc(locale)), ("draft", draft_doc(locale))] {
                std::fs::write(dir.join(format!("{lang}-{kind}.html")), html(&doc)).unwrap();
                std::fs::write(dir.join(format!("{lang}-{kind}.pdf")), pdf(&doc).unwrap()).unwrap();
            }
        }
    }

    #[test]
    fn amounts_dates_and_signatures_are_formatted_for_the_locale() {
        let ru = Texts::new(Locale::Ru);
        assert_eq!(ru.amount(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(ru.amount(0), "0");
        assert_eq!(ru.amount(999), "999");
        assert_eq!(Texts::new(Locale::En).amount(45_000), "45,000");
        let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(ru.date(d), "1 марта 2027 г.");
        assert_eq!(Texts::new(Locale::En).date(d), "1 March 2027");
        assert_eq!(Texts::new(Locale::Ky).date(d), "2027-жылдын 1-марты");
        assert_eq!(Texts::new(Locale::Uz).date(d), "2027-yil 1-mart");
        assert_eq!(Texts::new(Locale::Tg).date(d), "1 марти 2027");
        let html = html(&signed_doc(Locale::En));
        assert!(html.contains("Signed by the employer on 10 February 2027 at 09:30 UTC"));
        assert!(html.contains("Signed by the worker on 11 February 2027 at 14:05 UTC"));
        assert!(html.contains("12 months"));
        assert!(html.contains("28 days a year"));
        assert!(html.contains("22,440 ₽ a month (Federal law No. 82-FZ as amended 2025)"));
        assert!(html.contains("Agency «Жол»") || html.contains("Агентство «Жол»"));
    }
}
