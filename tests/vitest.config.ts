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
    // The chaos and restart tests SIGKILL the server on purpose. PouchDB's replicator
    // can leave one request's rejection unhandled when its socket is cut; that, and
    // only that (a connection to our loopback test server reset or refused), is expected.
    onUnhandledError(error) {
      const e = error as Error & { code?: string; errno?: string };
      const code = e.code ?? e.errno ?? '';
      const cut =
        code === 'ECONNRESET' ||
        code === 'ECONNREFUSED' ||
        /socket hang up|ECONNREFUSED/.test(e.message);
      if (e.name === 'FetchError' && cut && e.message.includes('http://127.0.0.1:')) return false;
    },
  },
});
