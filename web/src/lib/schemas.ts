import { afterFirstScreen } from './first-screen.ts';
import type * as SchemaSet from './schema-set.ts';

/**
 * The shared zod schemas. zod and the schemas are about 27 KB gzipped, and nothing
 * on a first screen validates before the user's first tap, so they load on first
 * use; after the first screen is up they are fetched anyway, so a sale or a form
 * never waits for them (offline, the service worker has them).
 */
export function schemas(): Promise<typeof SchemaSet> {
  return import('./schema-set.ts');
}

/** Fetch them once the first screen is up and the browser has a quiet moment. */
function warm(): void {
  const load = () => void schemas();
  if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 2_000 });
  else setTimeout(load, 200);
}

if (typeof window !== 'undefined') void afterFirstScreen().then(warm);
