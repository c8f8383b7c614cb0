//! One Chromium per test, and what a person does with it.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// A laptop window, 1280 × 900.
    Desktop,
    /// A cheap Android phone: 360 × 740 CSS pixels, touch, a phone's user agent.
    Phone,
}

pub struct Browser {
    pub client: Client,
    driver: Child,
    pub base: String,
    pub screen: Screen,
    name: String,
    shots: usize,
}

fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Starts Chromium for the test `name` against the app at `base`; `None` (with a note) when the
/// browser is not installed on a developer machine.
pub async fn browser(name: &str, base: &str, screen: Screen) -> Option<Browser> {
    if !std::path::Path::new(CHROMIUM).exists() || !std::path::Path::new(CHROMEDRIVER).exists() {
        assert!(
            !on_ci(),
            "{CHROMIUM} or {CHROMEDRIVER} missing on CI: scripts/ensure-browser.sh installs them"
        );
        eprintln!("SKIPPED {name}: no Chromium here (make test installs it)");
        return None;
    }
    let mut driver = Command::new(CHROMEDRIVER)
        .arg("--port=0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start chromedriver");
    let stdout = driver.stdout.take().expect("chromedriver stdout");
    let mut lines = BufReader::new(stdout).lines();
    let port = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(line) = lines.next_line().await.expect("chromedriver output") {
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                return rest.trim_end_matches('.').trim().parse::<u16>().ok();
            }
        }
        None
    })
    .await
    .expect("chromedriver started in time")
    .expect("chromedriver port");
    // Keep draining its output so it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });

    let mut args = vec![
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--lang=ru",
    ];
    // A phone bought in Bishkek asks for Russian first.
    let mut options = json!({
        "binary": CHROMIUM,
        "prefs": { "intl.accept_languages": "ru-RU,ru" }
    });
    match screen {
        Screen::Desktop => args.push("--window-size=1280,900"),
        Screen::Phone => {
            options["mobileEmulation"] = json!({
                "deviceMetrics": { "width": 360, "height": 740, "pixelRatio": 2.0, "touch": true, "mobile": true },
                "userAgent": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
            });
        }
    }
    options["args"] = json!(args);
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("connect to chromedriver");
    Some(Browser {
        client,
        driver,
        base: base.to_owned(),
        screen,
        name: name.to_owned(),
        shots: 0,
    })
}

/// Where the screenshots go: `target/browser-screenshots/<test>/NN-<label>.png`.
fn shots_dir(name: &str) -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("browser-screenshots").join(name)
}

impl Browser {
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        let mut p = url.path().to_owned();
        if let Some(q) = url.query() {
            p.push('?');
            p.push_str(q);
        }
        p
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css} on {}: {e}", self.path_now()))
    }

    fn path_now(&self) -> String {
        String::from("the page")
    }

    pub async fn exists(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .expect("find_all")
            .is_empty()
    }

    /// Types into the field labelled… (found by its id).
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.clear().await.expect("clear");
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into #{id}: {e}"));
    }

    /// Chooses the option `value` of the select `#id`.
    pub async fn choose(&self, id: &str, value: &str) {
        self.find(&format!("#{id}"))
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("choose {value} in #{id}: {e}"));
    }

    /// Sets a date field as the date picker would (typing into one depends on the locale).
    pub async fn set_date(&self, id: &str, day: &str) {
        self.client
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![json!(id), json!(day)],
            )
            .await
            .unwrap_or_else(|e| panic!("set #{id}: {e}"));
    }

    /// Signs in through the sign-in page and waits for the account page.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.open("/sign-in").await;
        self.fill("email", email).await;
        self.fill("password", password).await;
        self.go("main button[type=submit]").await;
        self.wait_path("/account").await;
    }

    /// Signs out with the header's button.
    pub async fn sign_out(&self) {
        self.go("form[action='/sign-out'] button").await;
    }

    /// Marks the current document, so [`Browser::wait_new_page`] can tell when another replaced it.
    async fn mark_page(&self) {
        self.js("window.__orgnaborOld = true; return true;").await;
    }

    /// Waits until a new document has replaced the marked one and has loaded, on the
    /// browser's own events: the old page's `pagehide` (its script then ends, one way or
    /// another), then the new one's `load`.
    async fn wait_new_page(&self, what: &str) {
        let start = Instant::now();
        loop {
            let answer = tokio::time::timeout(
                Duration::from_secs(15),
                self.client.execute_async(NEXT_DOCUMENT, vec![]),
            )
            .await
            .unwrap_or_else(|_| panic!("no new page after {what}"));
            // An error is the old document going away under the script: look again.
            if answer.ok() == Some(json!("loaded")) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "no new page after {what}"
            );
        }
    }

    /// Clicks a link or a submit button and waits for the page it leads to.
    pub async fn go(&self, css: &str) {
        self.mark_page().await;
        self.click(css).await;
        self.wait_new_page(css).await;
    }

    /// Clicks the link or button with this text and waits for the page it leads to.
    pub async fn go_text(&self, text: &str) {
        self.mark_page().await;
        self.click_text(text).await;
        self.wait_new_page(text).await;
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Clicks the link or button whose visible text contains `text`.
    pub async fn click_text(&self, text: &str) {
        let xpath = format!(
            "//a[contains(normalize-space(.), {0})] | //button[contains(normalize-space(.), {0})]",
            xpath_literal(text)
        );
        let el = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no link or button {text:?}: {e}"));
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click {text:?}: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    /// What a person reads on the page.
    pub async fn body(&self) -> String {
        self.text("body").await
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn screenshot(&mut self, label: &str) {
        self.shots += 1;
        let dir = shots_dir(&self.name);
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let png = self.client.screenshot().await.expect("screenshot");
        let file = dir.join(format!("{:02}-{label}.png", self.shots));
        std::fs::write(&file, png).expect("write screenshot");
    }

    /// Presses Tab until the focused element matches `css`; returns how many presses it took.
    pub async fn tab_to(&self, css: &str, at_most: usize) -> usize {
        for n in 1..=at_most {
            self.client
                .active_element()
                .await
                .expect("focused element")
                .send_keys(&Key::Tab.to_string())
                .await
                .expect("tab");
            let hit = self
                .client
                .execute(
                    "return document.activeElement && document.activeElement.matches(arguments[0]);",
                    vec![json!(css)],
                )
                .await
                .expect("matches");
            if hit == json!(true) {
                return n;
            }
        }
        panic!("{css} not reached in {at_most} presses of Tab");
    }

    /// Presses Enter on the focused link or field and waits for the page it leads to.
    pub async fn enter_and_go(&self) {
        self.mark_page().await;
        self.press_enter().await;
        self.wait_new_page("Enter").await;
    }

    /// Presses Enter on the focused element.
    pub async fn press_enter(&self) {
        self.client
            .active_element()
            .await
            .expect("focused element")
            .send_keys(&Key::Enter.to_string())
            .await
            .expect("enter");
    }

    /// The page's path, which must start with `prefix`. Every step that leads to a page
    /// ([`Browser::go`], [`Browser::enter_and_go`], [`Browser::open`]) has waited for it.
    pub async fn wait_path(&self, prefix: &str) -> String {
        let p = self.path().await;
        assert!(p.starts_with(prefix), "on {p}, expected {prefix}");
        p
    }

    /// The checks every page passes, whoever reads it: the language the page says it is in, one
    /// h1, a label for every field, no sideways scroll, and on the phone touch targets of at
    /// least 44 px (links inside running text excepted, as WCAG 2.5.8 does).
    pub async fn check_page(&self, lang: &str) {
        let report = self.js(PAGE_CHECKS).await;
        let problems: Vec<String> =
            serde_json::from_value(report["problems"].clone()).expect("problems list");
        assert_eq!(
            report["lang"],
            json!(lang),
            "html lang on {}",
            self.path().await
        );
        if self.screen == Screen::Desktop {
            let small: Vec<_> = problems
                .iter()
                .filter(|p| !p.starts_with("small target"))
                .collect();
            assert!(small.is_empty(), "{}: {small:#?}", self.path().await);
        } else {
            assert!(problems.is_empty(), "{}: {problems:#?}", self.path().await);
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
        let mut driver = self.driver;
        let _ = driver.kill().await;
    }
}

fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("\"{s}\"")
    }
}

/// Answers `"loaded"` once a document other than the marked one has loaded; while the marked
/// one is still there, waits for it to go (`pagehide`), which ends the script.
const NEXT_DOCUMENT: &str = r#"
const done = arguments[0];
if (!window.__orgnaborOld) {
  if (document.readyState === 'complete') done('loaded');
  else window.addEventListener('load', () => done('loaded'));
} else {
  window.addEventListener('pagehide', () => done('leaving'));
}
"#;

const PAGE_CHECKS: &str = r#"
const problems = [];
const h1s = document.querySelectorAll('h1');
if (h1s.length !== 1) problems.push('h1 count ' + h1s.length);
if (document.documentElement.scrollWidth > window.innerWidth + 1)
  problems.push('sideways scroll: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]'))
    || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
  if (!labelled) problems.push('no label: ' + (el.name || el.outerHTML.slice(0, 80)));
}
for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue; // not shown (skip link, hidden)
  const s = getComputedStyle(el);
  if (s.visibility === 'hidden' || s.display === 'none') continue;
  const inline = el.tagName === 'A' && el.closest('p, dd, td, .hint') && s.display === 'inline';
  const box = (el.type === 'checkbox' || el.type === 'radio') ? el.closest('.choice') || el : el;
  const h = box.getBoundingClientRect().height;
  if (!inline && h < 43.5) problems.push('small target (' + Math.round(h) + 'px): ' + el.outerHTML.slice(0, 100));
}
return { lang: document.documentElement.lang, problems };
"#;
