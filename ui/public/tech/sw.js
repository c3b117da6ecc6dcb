// Service worker of the technician app (scope /tech/): keeps the app shell —
// the page and the hashed files it loads — so that the app opens in a cellar.
// Data never goes through here: the app keeps it in IndexedDB and talks to
// /api and /socket.io itself (they pass through untouched).
//
// Hand-written rather than generated (vite-plugin-pwa / Workbox): the shell is
// one page and a few immutable assets, so a hundred lines do, with no build
// plugin in the shared Vite config and nothing hidden. The asset list is read
// from the page itself at install time, so it always matches the build.
const CACHE_PREFIX = 'tournee-tech-';
const CACHE = `${CACHE_PREFIX}v1`;
const SHELL = '/tech/';
const STATIC = ['/tech/manifest.webmanifest', '/tech/icon.svg', '/tech/icon-192.png', '/tech/icon-512.png'];

/** The files a built page loads: scripts, module preloads, stylesheets, icons. */
function assetsOf(html) {
  const urls = new Set();
  for (const match of html.matchAll(/(?:src|href)="(\/[^"]+)"/g)) {
    const url = match[1];
    if (url.startsWith('/assets/') || url.startsWith('/tech/')) urls.add(url);
  }
  return [...urls];
}

/**
 * Keeps the page (fetched, or the navigation's own answer) and everything it
 * names; drops the assets of older builds.
 */
async function refreshShell(cache, answer) {
  const response = answer ?? (await fetch(SHELL, { cache: 'no-cache', credentials: 'same-origin' }));
  if (!response.ok) throw new Error(`${SHELL}: ${response.status}`);
  const html = await response.clone().text();
  const wanted = [...new Set([...assetsOf(html), ...STATIC])];
  const missing = [];
  for (const url of wanted) if (!(await cache.match(url))) missing.push(url);
  await cache.addAll(missing);
  await cache.put(SHELL, response);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.includes(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => refreshShell(cache))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function fromNetwork(request, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(request, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;

  if (request.mode === 'navigate' && url.pathname.startsWith('/tech')) {
    // Network first (a new build shows at once), the cached shell when it does not answer soon.
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        try {
          const response = await fromNetwork(request, 4000);
          if (response.ok) event.waitUntil(refreshShell(cache, response.clone()).catch(() => {}));
          return response;
        } catch {
          return (await cache.match(SHELL)) ?? Response.error();
        }
      })(),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Content-hashed: a cached copy is always right.
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        const cached = await cache.match(request);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      })(),
    );
    return;
  }

  if (url.pathname.startsWith('/tech/') || url.pathname === '/ui-config.json') {
    // Small files that may change: the network's when it answers, else the cached one.
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        try {
          const response = await fromNetwork(request, 4000);
          if (response.ok) await cache.put(request, response.clone());
          return response;
        } catch {
          return (await cache.match(request)) ?? Response.error();
        }
      })(),
    );
  }
});
