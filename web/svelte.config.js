import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: everything renders from the local replica.
    // The fallback must not be index.html, or it overwrites the prerendered shell.
    adapter: adapter({ fallback: '200.html', strict: true }),
    // Absolute asset paths, so a cached shell works at deep URLs offline.
    paths: { relative: false },
    // Registered by workbox-window (lib/pwa) for the "new version" prompt.
    serviceWorker: { register: false },
    version: { pollInterval: 0 },
    // The shell's CSS goes into each page: a stylesheet link held the bootstrap script
    // until the service worker had served it, about 100 ms of an offline cold start.
    // (The sell screen's, in one file with its code's chunk, is about 11 KB.)
    inlineStyleThreshold: 20_000,
  },
};

export default config;
