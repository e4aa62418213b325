// Offline reading: registers the site's service worker (sw.js at the site's
// root, plugins/site_offline), which keeps the pages a visitor opens.
"use strict";
(function () {
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(script.dataset.worker, { scope: script.dataset.scope }).catch(function () {
      // No worker (a private window, storage refused): the site works as without one.
    });
  });
})();
