import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const api = process.env.STALLKEEPER_API ?? 'http://localhost:8787';

/**
 * The customers' shop page (/s/…): its own small entry, not the seller app. SvelteKit's
 * build writes web/build first and empties it, so this one runs after it and writes
 * web/build/s/, which the sync server serves for every /s/ path. Nothing here reaches
 * the app's data layer (PouchDB, Dexie, zod), so a phone on a slow network only fetches
 * the page itself.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/s/',
  // No svelte.config.js here: Svelte 5 reads `lang="ts"` itself, and the app's config
  // (adapter, kit options) is not this page's.
  plugins: [svelte({ configFile: false })],
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../build/s', import.meta.url)),
    emptyOutDir: true,
    // A shop's address is /s/<slug>; a slug never starts with "_", so assets cannot clash.
    assetsDir: '_assets',
    target: 'es2022',
    // Every browser that runs the page's module script has modulepreload.
    modulePreload: { polyfill: false },
    rolldownOptions: { checks: { bundlerTimings: false, pluginTimings: false } },
  },
  worker: { format: 'es' },
  server: { port: 5174, proxy: { '/api': api } },
});
