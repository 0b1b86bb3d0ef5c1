import { createHash } from 'node:crypto';
import { formatHumanNumber, parseHumanNumber } from '@stallkeeper/shared';
import type { ShopDb } from '../storage/shop-db.ts';

/**
 * The API's own order series (`API-0001`, never a device's prefix) and the
 * Idempotency-Keys it has seen, kept in the shop's server-owned state. Orders of one
 * shop are created one at a time here, so a retried POST waits for the first and
 * then answers with its order. (With several server replicas each keeps its own
 * turn; the numbers stay readable, never keys.)
 */
export const API_PREFIX = 'API';

/** A numbered series of server-made orders and the state it is kept in. */
export interface Series {
  state: string;
  prefix: string;
}
export const API_SERIES: Series = { state: 'api-orders', prefix: API_PREFIX };
/** The shop page's orders (`WEB-0001`). */
export const WEB_SERIES: Series = { state: 'web-orders', prefix: 'WEB' };
/** Keys are remembered this long, and at most this many per shop. */
const KEY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEYS = 2000;

interface SeriesState {
  next: number;
  keys: Record<string, { orderId: string; at: number }>;
}

const turns = new Map<string, Promise<unknown>>();

/** Run `work` when the shop's previous API order is done. */
function inTurn<T>(shopId: string, work: () => Promise<T>): Promise<T> {
  const before = turns.get(shopId) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.catch(() => undefined);
  turns.set(shopId, settled);
  void settled.then(() => {
    if (turns.get(shopId) === settled) turns.delete(shopId);
  });
  return run;
}

const givenBack = (series: Series) => `${series.state}-given-back`;

async function load(db: ShopDb, series: Series): Promise<SeriesState> {
  const [raw, back] = await Promise.all([
    db.readState(series.state),
    db.readState(givenBack(series)),
  ]);
  const parsed = raw ? (JSON.parse(raw) as Partial<SeriesState>) : {};
  return { next: Math.max(parsed.next ?? 1, Number(back ?? 0) + 1), keys: parsed.keys ?? {} };
}

export const keyHash = (userId: string, key: string) =>
  createHash('sha256').update(`${userId}\n${key}`).digest('base64url');

export interface Turn {
  /** the order an earlier request with this key created, if any */
  earlier: string | null;
  /** the next number of the series (taken when `done` is called with an order) */
  number: string;
  /** record the order made (and its key), or nothing when none was made */
  done(orderId: string | null): Promise<void>;
}

/** Take the shop's next API number (and look up the key) inside the shop's turn. */
export function withSeries<T>(
  db: ShopDb,
  shopId: string,
  key: string | null,
  work: (turn: Turn) => Promise<T>,
  series: Series = API_SERIES,
): Promise<T> {
  return inTurn(shopId, async () => {
    const state = await load(db, series);
    const now = Date.now();
    const earlier = key ? (state.keys[key] ?? null) : null;
    const turn: Turn = {
      earlier: earlier && now - earlier.at < KEY_TTL_MS ? earlier.orderId : null,
      number: formatHumanNumber(series.prefix, state.next),
      async done(orderId) {
        if (!orderId) return;
        state.next++;
        if (key) state.keys[key] = { orderId, at: now };
        const kept = Object.entries(state.keys)
          .filter(([, v]) => now - v.at < KEY_TTL_MS)
          .sort((a, b) => b[1].at - a[1].at)
          .slice(0, MAX_KEYS);
        await db.writeState(
          series.state,
          JSON.stringify({ next: state.next, keys: Object.fromEntries(kept) }),
        );
      },
    };
    return work(turn);
  });
}

/**
 * Orders of a series given back to the server after a restore (replication/server-seal.ts),
 * on whichever replica they arrive: the highest is kept apart from the series' own state,
 * which only the replica taking the orders writes, and the series goes on after it.
 */
export async function seriesGivenBack(
  db: ShopDb,
  series: Series,
  numbers: readonly string[],
): Promise<void> {
  let highest = 0;
  for (const n of numbers) {
    const p = parseHumanNumber(n);
    if (p?.prefix === series.prefix) highest = Math.max(highest, p.sequence);
  }
  if (highest > Number((await db.readState(givenBack(series))) ?? 0)) {
    await db.writeState(givenBack(series), String(highest));
  }
}
