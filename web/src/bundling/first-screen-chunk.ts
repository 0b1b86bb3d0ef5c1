import type { Plugin } from 'vite';
import { firstScreenModules } from './first-screen-modules.ts';

/**
 * One chunk for the code an offline cold start of the first screen runs before it is
 * usable. Split along every shared import, that code came in more than forty files,
 * each a fetch the service worker answered from its cache and a module the page
 * fetched, compiled and linked on its own: the biggest part of a cold start on a slow
 * phone. Other screens keep their own chunks and import what they share from this one.
 *
 * The set (first-screen-modules.ts) starts from SvelteKit's client entries and the
 * route nodes that hold `routes`; what these import on demand (PouchDB) stays out.
 * It is worked out once the module graph is known (`buildEnd`), before chunks form.
 * The server build has no client entries: there the set is empty. Use `test` as the
 * test of a `codeSplitting` group.
 */
export function firstScreenChunk(routes: readonly string[]): {
  plugin: Plugin;
  test: (id: string) => boolean;
} {
  let first = new Set<string>();
  const plugin: Plugin = {
    name: 'stallkeeper:first-screen-chunk',
    apply: 'build',
    async buildEnd() {
      const isRoute = (id: string) => routes.some((r) => id.endsWith(r));
      const roots = [...this.getModuleIds()].filter(
        (id) =>
          CLIENT_ENTRY.test(id) ||
          (CLIENT_NODE.test(id) && (this.getModuleInfo(id)?.importedIds.some(isRoute) ?? false)),
      );
      first = await firstScreenModules(
        {
          info: (id) => this.getModuleInfo(id),
          resolve: async (spec, from) => {
            const r = await this.resolve(spec, from);
            return r && !r.external ? r.id : null;
          },
        },
        roots,
      );
    },
  };
  return { plugin, test: (id) => first.has(id) };
}

/** SvelteKit's client entry points (its runtime's start, and the generated app). */
const CLIENT_ENTRY =
  /[\\/](?:client-optimized[\\/]app\.js|@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js)$/;
/** A route node's module, which imports its layout or page component. */
const CLIENT_NODE = /[\\/]client-optimized[\\/]nodes[\\/]\d+\.js$/;
