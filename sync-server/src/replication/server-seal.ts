import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from '../auth/same-secret.ts';
import { canonicalJson } from '../resolver/canonical.ts';
import type { ShopDb } from '../storage/shop-db.ts';

/**
 * The server's seal on what it writes itself (the shop page's orders, their events,
 * activity entries and new customers: `writeServerDocs`). Devices pull those documents
 * like any other. After `pnpm restore` of an older backup the server has lost the ones
 * written since, and the devices are the only copies left; only the server may write
 * such documents, so a device's copy is taken back only when its seal shows that this
 * server wrote exactly that content (`vouchedIndexes`).
 *
 * The seal is an HMAC-SHA256 of the document's content under a random key kept in the
 * shop's server-owned state, which backups carry and no client can read: a seal from
 * another shop, or over changed content, does not hold.
 */
export const SEAL_FIELD = 'serverSeal';
/** where the shop's key is kept (server-owned state) */
export const SEAL_KEY_STATE = 'server-seal-key';

/** Document bookkeeping that is not content: revisions name the content, not the reverse. */
const NOT_CONTENT = new Set(['_rev', '_revisions', '_conflicts', '_deleted', SEAL_FIELD]);

function content(doc: Record<string, unknown>): string {
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!NOT_CONTENT.has(k)) kept[k] = v;
  return canonicalJson(kept);
}

/** A shop's seal key: 32 random bytes, base64url. */
type SealKey = string;

const macOf = (key: SealKey, doc: Record<string, unknown>) =>
  createHmac('sha256', key).update(content(doc)).digest('base64url');

/** `doc` with this shop's seal over its content. */
export function sealDoc<T extends object>(key: SealKey, doc: T): T {
  return { ...doc, [SEAL_FIELD]: macOf(key, doc as Record<string, unknown>) };
}

/** Whether `doc` carries a seal this key made over exactly its content. */
export function sealHolds(key: SealKey, doc: Record<string, unknown>): boolean {
  const seal = doc[SEAL_FIELD];
  if (typeof seal !== 'string') return false;
  return sameSecret(seal, macOf(key, doc));
}

const keys = new WeakMap<ShopDb, Promise<SealKey>>();

async function readKey(db: ShopDb): Promise<SealKey | null> {
  const held = await db.readState(SEAL_KEY_STATE);
  return held ? (JSON.parse(held) as SealKey) : null;
}

async function makeKey(db: ShopDb): Promise<SealKey> {
  // put-if-absent: replicas that make one at once all end up with the first one stored
  const made = JSON.stringify(randomBytes(32).toString('base64url'));
  return JSON.parse(await db.createState(SEAL_KEY_STATE, made)) as SealKey;
}

/** The shop's seal key, made on first use (then kept in its state, and in its backups). */
export function sealKeyOf(db: ShopDb): Promise<SealKey> {
  let key = keys.get(db);
  if (!key) {
    key = makeKey(db);
    void key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/**
 * Which of a replicated batch's documents are the server's own, given back: sealed,
 * unknown to the store (not even as a deleted document), and the seal holds. `known`
 * says whether the store holds any revision of an id. A shop that never sealed
 * anything has no key, and then nothing is vouched for.
 */
export async function vouchedIndexes(
  db: ShopDb,
  docs: readonly unknown[],
  known: (id: string) => boolean,
): Promise<Set<number>> {
  const vouched = new Set<number>();
  const candidates = docs.flatMap((raw, index) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
    const doc = raw as Record<string, unknown>;
    if (typeof doc[SEAL_FIELD] !== 'string' || doc._deleted === true) return [];
    if (typeof doc._id !== 'string' || known(doc._id)) return [];
    return [{ index, doc }];
  });
  if (!candidates.length) return vouched;
  const key = keys.has(db) ? await sealKeyOf(db) : await readKey(db);
  if (!key) return vouched;
  for (const c of candidates) if (sealHolds(key, c.doc)) vouched.add(c.index);
  return vouched;
}
