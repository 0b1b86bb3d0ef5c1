import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'sync-server', 'web/vitest.config.ts', 'tests/vitest.config.ts'],
  },
});
