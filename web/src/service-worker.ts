/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, prerendered, version } from '$service-worker';

// Precache the whole built app so it cold-starts with no network.
const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `stallkeeper-${version}`;
const SHELL = '/200.html';
const ASSETS = [...build, ...files, ...prerendered, SHELL];
const precached = new Set(ASSETS);

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(ASSETS);
      // The first install takes over at once; updates wait for the user's "reload".
      if (!sw.registration.active) await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void sw.skipWaiting();
  // a page that loaded while this worker activated missed its claim (see pwa.svelte.ts)
  if (type === 'CLAIM') event.waitUntil(sw.clients.claim());
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  // Data goes through PouchDB's replicator, never through this cache.
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/db/')) return;
  // The customers' shop page is a page of its own (web/src/storefront): the installed
  // seller app must never answer a /s/ link with its shell.
  if (url.pathname === '/s' || url.pathname.startsWith('/s/')) return;

  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (precached.has(url.pathname)) {
        const hit = await cache.match(url.pathname);
        if (hit) return hit;
      }
      if (req.mode === 'navigate') {
        // Every route is the same client-rendered shell: serve it from cache.
        const shell = (await cache.match(url.pathname)) ?? (await cache.match(SHELL));
        if (shell) return shell;
      }
      try {
        return await fetch(req);
      } catch {
        const hit = await cache.match(req);
        if (hit) return hit;
        return new Response('Offline', { status: 503, statusText: 'Offline' });
      }
    })(),
  );
});
