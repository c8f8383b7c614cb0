//! Kind to a bad connection: the pages a migrant opened stay readable when the network is
//! gone. The browser reaches the app through a small TCP relay the test can cut, so "offline"
//! is real: no connection reaches the server at all.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::helpers::*;
use crate::support::{browser, Browser, Screen};

/// A relay from a port of its own to the app; `cut()` drops every connection and refuses new
/// ones, `mend()` lets them through again.
struct Relay {
    address: String,
    online: Arc<watch::Sender<bool>>,
}

impl Relay {
    async fn to(port: u16) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind relay");
        let address = format!("http://{}", listener.local_addr().expect("addr"));
        let (online, _) = watch::channel(true);
        let online = Arc::new(online);
        let gate = online.clone();
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let mut state = gate.subscribe();
                if !*state.borrow() {
                    drop(inbound);
                    continue;
                }
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(("127.0.0.1", port)).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = state.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Relay { address, online }
    }

    fn cut(&self) {
        self.online.send_replace(false);
    }

    fn mend(&self) {
        self.online.send_replace(true);
    }
}

/// Runs an async script that calls its callback with `true` once the browser signals the
/// awaited event (no polling from here).
async fn wait_for(b: &Browser, script: &str, what: &str) {
    let done = tokio::time::timeout(
        Duration::from_secs(20),
        b.client.execute_async(script, vec![]),
    )
    .await
    .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
    .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(done, json!(true), "{what}");
}

/// Resolves when a service worker controls the page: at once, or at its `controllerchange`.
const CONTROLLED: &str = "const done = arguments[0];\
    if (navigator.serviceWorker.controller) { done(true); } else {\
    navigator.serviceWorker.addEventListener('controllerchange', () => done(true)); }";

/// Resolves when `path` is in the kept pages: at once, or when the worker says it kept it.
fn kept(path: &str) -> String {
    format!(
        "const done = arguments[0];\
         navigator.serviceWorker.addEventListener('message', e => {{ if (e.data && e.data.kept === '{path}') done(true); }});\
         caches.open('orgnabor-pages').then(c => c.match('{path}')).then(r => {{ if (r) done(true); }});"
    )
}

/// Resolves when the offline page's list has `n` links (it fills in as the cache is read).
fn listed(n: usize) -> String {
    format!(
        "const done = arguments[0]; const list = document.getElementById('saved-pages');\
         const check = () => {{ if (list.querySelectorAll('a').length >= {n}) {{ done(true); return true; }} return false; }};\
         if (!check()) new MutationObserver(() => check()).observe(list, {{ childList: true }});"
    )
}

#[tokio::test]
async fn a_vacancy_and_the_rights_page_stay_readable_offline_and_the_rest_says_offline() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let vacancy = app.published_vacancy(&e.token, vacancy_body()).await;
    let relay = Relay::to(app.port).await;
    let Some(mut b) = browser("offline", &relay.address, Screen::Phone).await else {
        return;
    };
    b.open("/?lang=ky").await;
    wait_for(&b, CONTROLLED, "the service worker to take over").await;
    b.open(&format!("/vacancies/{vacancy}")).await;
    b.open("/rights").await;
    wait_for(
        &b,
        &kept(&format!("/vacancies/{vacancy}")),
        "the vacancy to be kept",
    )
    .await;
    wait_for(&b, &kept("/rights"), "the rights page to be kept").await;

    relay.cut();
    b.open(&format!("/vacancies/{vacancy}")).await;
    assert!(
        b.body().await.contains("Сварщик на металлоконструкции"),
        "the vacancy is readable offline"
    );
    assert!(b.text(".notice--fee").await.contains('0'));
    b.screenshot("vacancy-offline").await;
    b.open("/rights").await;
    assert!(
        b.exists("a[href='tel:112']").await,
        "the numbers are there offline"
    );
    b.check_page("ky").await;

    // A page never opened: the offline page, with what is kept and the numbers to call.
    b.open("/search?q=povar").await;
    let heading = b.text("h1").await;
    assert_eq!(heading, "Интернет жок");
    wait_for(&b, &listed(2), "the kept pages to be listed").await;
    let listed = b.text("#saved-pages").await;
    assert!(listed.contains("Сварщик на металлоконструкции"), "{listed}");
    b.check_page("ky").await;
    b.screenshot("offline-page").await;

    relay.mend();
    b.open("/search?q=svarshik").await;
    assert_ne!(
        b.text("h1").await,
        "Интернет жок",
        "back online, the real page"
    );
    b.close().await;
}
