import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'sync-server', 'web/vitest.config.ts', 'tests/vitest.config.ts'],
    // (A root option: Vitest does not read it from a project's config.)
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
      if (cut && /FetchError|request to http:\/\/127\.0\.0\.1:/.test(`${e.name} ${e.message}`))
        return false;
    },
  },
});
