import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const api = process.env.STALLKEEPER_API ?? 'http://localhost:8787';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    port: 5173,
    proxy: { '/api': api, '/db': api },
  },
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./src/test-setup.ts'],
  },
});
