// The site's service worker (plugins/site_offline): offline reading.
// The build writes CONFIG above this code. What it does:
// - pages (navigations): stale-while-revalidate. A kept page is shown at once
//   and fetched again behind it for the next visit; a page never kept is
//   fetched, kept, and without a connection the offline page of the
//   address's language is shown instead.
// - fingerprinted files (name.0123456789.css, photos): cache-first; their
//   bytes never change.
// - nothing else is touched: the web editor (/admin/) and the search index
//   (CONFIG.never) go to the network as if there were no worker.
// One cache per release (CONFIG.release, the build's digest). A new release
// keeps the offline pages, the theme's files and both guides' print pages
// in a new cache, carries over what the visitor kept and drops the old cache.
"use strict";

const CACHE = CONFIG.cache + CONFIG.release;
const FINGERPRINTED = /\.[0-9a-f]{10}\.[a-z0-9]+$/;
const PRECACHED = new Set(CONFIG.precache);

function ours(url) {
  return url.origin === self.location.origin && url.pathname.startsWith(CONFIG.scope)
    && !CONFIG.never.some((prefix) => url.pathname.startsWith(prefix));
}

function isPage(url) {
  return url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

// What a visitor keeps from one release to the next: pages and fingerprinted files.
function carried(url) {
  return ours(url) && (isPage(url) || FINGERPRINTED.test(url.pathname));
}

// The page's key in the cache: its address without query or fragment.
function pageKey(url) {
  return url.origin + url.pathname;
}

function offlinePage(url) {
  const found = CONFIG.offline.find(([prefix]) => url.pathname.startsWith(prefix));
  return (found || CONFIG.offline[CONFIG.offline.length - 1])[1];
}

// The oldest kept responses go first once there are more than CONFIG.limit.
async function trim(cache) {
  const keys = await cache.keys();
  let surplus = keys.length - CONFIG.limit;
  for (const request of keys) {
    if (surplus <= 0) break;
    if (!PRECACHED.has(new URL(request.url).pathname)) {
      await cache.delete(request);
      surplus -= 1;
    }
  }
}

async function keep(cache, key, response) {
  await cache.put(key, response);
  await trim(cache);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(CONFIG.precache);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const name of await caches.keys()) {
      if (name === CACHE || !name.startsWith(CONFIG.cache)) continue;
      const old = await caches.open(name);
      for (const request of await old.keys()) {
        if (carried(new URL(request.url)) && !(await cache.match(request))) {
          await cache.put(request, await old.match(request));
        }
      }
      await caches.delete(name);
    }
    await trim(cache);
    await self.clients.claim();
    // The page that registered the worker was fetched before it ran: keep it
    // too (usually a revalidation: the browser's cache has it).
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    await Promise.all(windows.map((client) => keepOpened(cache, new URL(client.url))));
  })());
});

async function keepOpened(cache, url) {
  if (!ours(url) || !isPage(url) || (await cache.match(pageKey(url)))) return;
  try {
    const response = await fetch(pageKey(url));
    if (response.ok && (response.headers.get("Content-Type") || "").startsWith("text/html")) {
      await keep(cache, pageKey(url), response);
    }
  } catch (error) {
    // No connection: kept on its next visit.
  }
}

async function page(event, url) {
  const cache = await caches.open(CACHE);
  const key = pageKey(url);
  const kept = await cache.match(key);
  const fresh = fetch(event.request).then(async (response) => {
    const type = response.headers.get("Content-Type") || "";
    if (response.ok && response.type === "basic" && type.startsWith("text/html")) {
      await keep(cache, key, response.clone());
    } else if (response.status === 404 || response.status === 410) {
      await cache.delete(key);  // gone from the site: no longer kept
    }
    return response;
  });
  if (kept) {
    event.waitUntil(fresh.catch(() => undefined));
    return kept;
  }
  try {
    return await fresh;
  } catch (error) {
    return (await cache.match(offlinePage(url))) || Response.error();
  }
}

async function fingerprinted(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await keep(cache, request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!ours(url)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (FINGERPRINTED.test(url.pathname) && !request.headers.has("Range")) {
    event.respondWith(fingerprinted(request));
  }
});
