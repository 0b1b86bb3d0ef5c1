import { createHash } from 'node:crypto';
import type { Alert, AlertDecision, Allocation, HybridClock } from '@stallkeeper/shared';
import { alertDoc } from '@stallkeeper/shared';
import type { ShopDb } from '../storage/shop-db.ts';
import { canonicalJson } from './canonical.ts';

/** What the resolver writes: its decisions and alerts, each once (a replay finds them stored). */

/**
 * Decisions not yet stored, each with a revision named by its content: the same
 * decision made again (a replay, or after a restore from a backup older than what
 * devices hold) is the very revision devices already have, not a second version.
 * The resolver is its shop's only writer of decisions, so "not yet stored" holds.
 */
export async function writeDecisions(db: ShopDb, docs: Allocation[]): Promise<void> {
  if (!docs.length) return;
  const held = await db.allDocs({ keys: docs.map((d) => d._id) });
  const stored = new Set(held.rows.filter((r) => 'value' in r).map((r) => r.key));
  const fresh = docs.filter((d) => !stored.has(d._id));
  if (!fresh.length) return;
  await db.bulkDocs(
    fresh.map((d) => {
      const hash = createHash('md5').update(canonicalJson(d)).digest('hex');
      return { ...d, _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } };
    }),
    { new_edits: false },
  );
}

/**
 * New alerts are stored once (an existing id means "already decided"); `raised` hears
 * only of those stored just now, so a replayed page's are not told twice. A cleared
 * one gets its resolution, once.
 */
export async function writeAlerts(
  db: ShopDb,
  alerts: AlertDecision[],
  clock: HybridClock,
  raised: (alert: Alert) => Promise<void>,
): Promise<void> {
  const created: Alert[] = [];
  const clears: AlertDecision[] = [];
  for (const a of alerts) {
    if (a.cleared) clears.push(a);
    else created.push(alertDoc(a, clock.next()));
  }
  if (created.length) {
    const results = await db.bulkDocs(created);
    for (let i = 0; i < created.length; i++) {
      const result = results[i];
      if (result && !('error' in result)) await raised(created[i]!);
    }
  }
  for (const a of clears) {
    const current = (await db.get(a.id).catch(() => null)) as Alert | null;
    if (!current || current.resolution) continue;
    const stamp = clock.next();
    await db
      .put({
        ...current,
        resolution: a.message.slice(0, 500),
        acknowledgedAt: a.at,
        acknowledgedBy: 'server',
        stamps: {
          ...current.stamps,
          resolution: stamp,
          acknowledgedAt: stamp,
          acknowledgedBy: stamp,
        },
      })
      .catch(() => undefined);
  }
}
