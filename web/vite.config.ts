import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { classicFirstChunk } from './src/bundling/classic-first-plugin.ts';
import { firstScreenChunk } from './src/bundling/first-screen-chunk.ts';

const api = process.env.STALLKEEPER_API ?? 'http://localhost:8787';
// The sell screen is the first screen of a seller's phone (and the one the budgets measure).
const first = firstScreenChunk(['/src/routes/+layout.svelte', '/src/routes/sell/+page.svelte']);

export default defineConfig({
  // After sveltekit(): its adapter writes the pages that classicFirstChunk then tags.
  plugins: [
    sveltekit(),
    first.plugin,
    classicFirstChunk('first', fileURLToPath(new URL('./build', import.meta.url))),
  ],
  build: {
    // Rolldown's report of which plugin took how long is for tuning the build, not for
    // someone starting the app: SvelteKit's own steps always dominate it.
    rolldownOptions: {
      checks: { bundlerTimings: false, pluginTimings: false },
      output: { codeSplitting: { groups: [{ name: 'first', test: first.test }] } },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/db': api },
  },
});
