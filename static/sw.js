// Orgnabor's service worker: pages come from the network whenever there is one; the pages a
// migrant may need on the road — vacancies they opened, their contract (page and PDF), their
// rights and the hotline numbers — are kept, and shown when the network is gone. Anything else
// offline gets the offline page. What is kept about the signed-in person is deleted at sign-out.
// The server fills in the asset names, so a new build installs a new worker.
'use strict';
var VERSION = '__VERSION__';
var STATIC = 'orgnabor-static-' + VERSION;
var PAGES = 'orgnabor-pages';
var PRIVATE = 'orgnabor-private';
var PRECACHE = ['__STYLESHEET__', '__SCRIPT__', '/offline', '/rights'];
var MAX_PAGES = 40;

function kept(path) {
  if (/^\/vacancies\/[0-9a-f-]{36}$/.test(path) || path === '/rights') return PAGES;
  if (/^\/migrant\/applications\/[0-9a-f-]{36}\/contract(\.pdf)?$/.test(path)) return PRIVATE;
  return null;
}

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(STATIC).then(function (c) { return c.addAll(PRECACHE); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf('orgnabor-static-') === 0 && n !== STATIC;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function trim(cache) {
  return cache.keys().then(function (keys) {
    if (keys.length > MAX_PAGES) return cache.delete(keys[0]).then(function () { return trim(cache); });
  });
}

self.addEventListener('fetch', function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === 'POST' && url.pathname === '/sign-out') {
    // A shared phone: the next person must not find this one's contract.
    event.waitUntil(caches.delete(PRIVATE));
    return;
  }
  if (req.method !== 'GET' || url.pathname.indexOf('/api/') === 0) return;
  if (url.pathname.indexOf('/static/') === 0) {
    event.respondWith(caches.match(req).then(function (hit) { return hit || fetch(req); }));
    return;
  }
  var store = kept(url.pathname);
  event.respondWith(fetch(req).then(function (res) {
    if (store && res.ok) {
      var copy = res.clone();
      event.waitUntil(caches.open(store).then(function (c) {
        return c.put(url.pathname, copy).then(function () { return trim(c); });
      }).then(function () {
        // Tell the page (its offline list, the tests) that this page is now kept.
        return self.clients.matchAll({ includeUncontrolled: true }).then(function (all) {
          all.forEach(function (w) { w.postMessage({ kept: url.pathname }); });
        });
      }));
    }
    return res;
  }).catch(function () {
    return caches.match(url.pathname).then(function (hit) {
      if (hit) return hit;
      if (req.mode === 'navigate') return caches.match('/offline');
      return Response.error();
    });
  }));
});
