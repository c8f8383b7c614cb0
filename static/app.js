// Orgnabor's only script, and nothing depends on it: it lets the browser keep the pages a
// migrant has opened (vacancies, their contract, their rights, the hotline numbers) readable
// without a connection. See static/sw.js.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {});
  });
}
// The offline page lists what is kept.
(function () {
  var list = document.getElementById('saved-pages');
  if (!list || !('caches' in window)) return;
  ['orgnabor-private', 'orgnabor-pages'].forEach(function (name) {
    caches.open(name).then(function (cache) {
      return cache.keys().then(function (keys) {
        keys.forEach(function (req) {
          var path = new URL(req.url).pathname;
          if (/\.pdf$/.test(path)) return;
          cache.match(req).then(function (res) { return res.text(); }).then(function (html) {
            var m = /<title>([^<]*)<\/title>/.exec(html);
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.href = path;
            var t = document.createElement('textarea');
            t.innerHTML = m ? m[1] : path;
            // "Vacancy – Orgnabor": the page's own name is enough here.
            a.textContent = t.value.replace(/ – [^–]*$/, '');
            li.appendChild(a);
            list.appendChild(li);
          });
        });
      });
    }).catch(function () {});
  });
})();
