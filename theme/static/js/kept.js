// The offline page: lists the pages of its language that this device keeps
// (the caches of the site's service worker, plugins/site_offline).
"use strict";
(function () {
  var list = document.getElementById("kept-pages");
  if (!list || !("caches" in window)) return;
  var section = document.getElementById("kept-opened");
  var root = new URL(list.dataset.root, location.href).href;
  var others = JSON.parse(list.dataset.others).map(function (path) { return new URL(path, location.href).href; });
  var shown = JSON.parse(list.dataset.shown).map(function (path) { return new URL(path, location.href).href; });

  function wanted(url) {
    return url.startsWith(root) && !others.some(function (other) { return url.startsWith(other); })
      && shown.indexOf(url) < 0 && (url.endsWith("/") || url.endsWith(".html"));
  }

  function heading(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var h1 = page.querySelector("h1");
    return ((h1 && h1.textContent) || page.title || "").replace(/\s+/g, " ").trim();
  }

  caches.keys().then(function (names) {
    names = names.filter(function (name) { return name.startsWith(list.dataset.cache); });
    return Promise.all(names.map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (request) { return wanted(request.url); }).map(function (request) {
            return cache.match(request).then(function (response) { return response.text(); }).then(function (html) {
              return { url: request.url, title: heading(html) };
            });
          }));
        });
      });
    }));
  }).then(function (found) {
    var pages = {};
    found.forEach(function (group) { group.forEach(function (entry) { if (entry.title) pages[entry.url] = entry.title; }); });
    var urls = Object.keys(pages).sort(function (a, b) {
      return pages[a].localeCompare(pages[b], document.documentElement.lang);
    });
    urls.forEach(function (url) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = url;
      link.textContent = pages[url];
      item.appendChild(link);
      list.appendChild(item);
    });
    document.getElementById(urls.length ? "kept-none" : "kept-pages").hidden = true;
    section.hidden = false;
  }).catch(function () {
    // Nothing can be read of the caches: the page says what is always kept.
  });
})();
