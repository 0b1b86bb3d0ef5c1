import { emptyEngine, type EngineState } from '@stallkeeper/shared';
import type { ShopDb } from '../storage/shop-db.ts';
import type { ChainHead } from './audit-chain.ts';
import { partName, TrackedEngine, type PartChanges } from './engine-parts.ts';

/**
 * Where the resolver's state is kept: the shop's server-owned state, which no client
 * reaches, in parts (engine-parts.ts) under `resolver/`, the position in `resolver/head`.
 */
const PARTS = 'resolver/';
const HEAD = `${PARTS}head`;
/** Where servers before the parts kept it, as one snapshot: read once, then removed. */
const STATE = 'resolver';
/** Where an older server kept it, as a `_local/` document a client could overwrite: never trusted. */
const LEGACY_STATE_ID = '_local/resolver';
/** A save writes what changed since the last one; a restart replays at most this much. */
const SAVE_EVERY_MS = 2_000;

/** Stock on hand as the shop's resolver last saved it (for a replica that does not run it). */
export async function savedOnHand(db: ShopDb): Promise<ReadonlyMap<string, number>> {
  const prefix = `${PARTS}${partName('ledger', '')}`;
  const parts = await db.readStateParts(prefix);
  if (parts.length) {
    return new Map(parts.map(([name, json]) => [name.slice(prefix.length), Number(json)]));
  }
  const raw = await db.readState(STATE);
  const snap = raw === undefined ? null : (JSON.parse(raw) as Partial<Snapshot>);
  return new Map(Object.entries(snap?.engine?.ledger ?? {}));
}

/** The whole state as servers before the parts saved it. */
export interface Snapshot {
  seq: number | string;
  engine: EngineState;
  chain: ChainHead;
  version: 1;
}

/** Where the resolver is: saved with the parts it changed, in the same atomic write. */
export interface Head {
  seq: number | string;
  chain: ChainHead;
  lowDefault: number;
  version: 2;
}

/**
 * Whether the resolver's state is due to be saved while it catches up: every 2 s, but
 * no more than 2 % of the time if a save is slow (replaying the pages since the last
 * save after a crash decides nothing twice). Once caught up it always saves.
 */
export function saveDue(now: number, lastSave: number, lastSaveMs: number): boolean {
  return now - lastSave >= Math.max(SAVE_EVERY_MS, lastSaveMs * 50);
}

/** Where the resolver stands at its start, as saved: a head, an older server's snapshot, or nothing. */
export async function readPosition(
  db: ShopDb,
): Promise<
  { from: 'head'; head: Head } | { from: 'snapshot'; snapshot: Snapshot } | { from: 'nothing' }
> {
  const headJson = await db.readStatePart(HEAD);
  if (headJson) return { from: 'head', head: JSON.parse(headJson) as Head };
  const raw = await db.readState(STATE);
  const snapshot = raw === undefined ? null : (JSON.parse(raw) as Snapshot);
  if (snapshot?.version === 1) return { from: 'snapshot', snapshot };
  // an older server's copy, a _local/ document a client could write, is dropped, not believed
  const legacy = await db.get(LEGACY_STATE_ID).catch(() => null);
  if (legacy) await db.remove(LEGACY_STATE_ID, legacy._rev).catch(() => undefined);
  return { from: 'nothing' };
}

/** The engine read back from its saved parts, its size in parts and how long reading took. */
export async function readEngine(
  db: ShopDb,
): Promise<{ engine: TrackedEngine; parts: number; ms: number }> {
  const started = Date.now();
  const parts = await db.readStateParts(PARTS);
  const head = parts.find(([name]) => name === HEAD)?.[1];
  const own = parts
    .filter(([name]) => name !== HEAD)
    .map(([name, json]): [string, string] => [name.slice(PARTS.length), json]);
  const lowDefault = head ? (JSON.parse(head) as Head).lowDefault : emptyEngine().lowDefault;
  const engine = TrackedEngine.fromParts(own, lowDefault);
  return { engine, parts: own.length, ms: Date.now() - started };
}

/** The parts that changed and the head, in one atomic write (an older snapshot removed with it). */
export async function writeSaved(
  db: ShopDb,
  head: Head,
  changes: PartChanges,
  legacy: boolean,
): Promise<void> {
  const puts = changes.puts.map(([name, json]): [string, string] => [PARTS + name, json]);
  puts.push([HEAD, JSON.stringify(head)]);
  const dels = changes.dels.map((name) => PARTS + name);
  if (legacy) dels.push(STATE);
  await db.writeStateParts(puts, dels);
}
