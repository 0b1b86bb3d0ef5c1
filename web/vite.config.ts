import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const api = process.env.STALLKEEPER_API ?? 'http://localhost:8787';

export default defineConfig({
  plugins: [sveltekit()],
  build: {
    // Rolldown's report of which plugin took how long is for tuning the build, not for
    // someone starting the app: SvelteKit's own steps always dominate it.
    rolldownOptions: { checks: { bundlerTimings: false, pluginTimings: false } },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/db': api },
  },
});
