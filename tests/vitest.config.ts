import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'tests',
    root: import.meta.dirname,
    include: ['conformance/**/*.test.ts', 'chaos/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // These start real servers; run files one at a time on 2 cores.
    fileParallelism: false,
  },
});
