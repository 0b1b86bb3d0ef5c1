import { compareHlc } from './hlc.ts';
import {
  ALERT_CLIENT_FIELDS,
  CUSTOMER_MERGE_FIELDS,
  PRODUCT_MERGE_FIELDS,
  SETTINGS_MERGE_FIELDS,
  type DocKind,
} from './schemas/vocabulary.ts';

/**
 * The mutable kinds and the fields each merges on its own: the one list the apps'
 * edits stamp, the server's resolver merges, and the server's checks judge. A
 * product's photo merges like a field (its stamp is `_attachments`).
 */
export const MERGE_FIELDS = {
  product: [...PRODUCT_MERGE_FIELDS, '_attachments'],
  customer: CUSTOMER_MERGE_FIELDS,
  settings: SETTINGS_MERGE_FIELDS,
  alert: ALERT_CLIENT_FIELDS,
} as const satisfies Partial<Record<DocKind, readonly string[]>>;

export type MergedKind = keyof typeof MERGE_FIELDS;

export const isMergedKind = (kind: DocKind): kind is MergedKind =>
  Object.hasOwn(MERGE_FIELDS, kind);

/**
 * Field-by-field merge of revisions of a mutable document. Each field carries the
 * hybrid-logical-clock stamp of its last edit; the later stamp wins, and equal
 * stamps fall back to comparing the values, so the result never depends on which
 * revision is "ours". `updatedAt` is the latest; other unstamped fields (id, type,
 * createdAt) are the same in every revision. Commutative, associative, idempotent.
 */
export interface Stamped {
  stamps: Record<string, string>;
  updatedAt?: string;
}

export interface MergeResult<T> {
  merged: T;
  /** values that lost, per field, for the audit log */
  overwritten: { field: string; value: unknown; stamp: string }[];
}

/** CouchDB bookkeeping never takes part in a merge. */
const COUCH_KEYS = new Set(['_rev', '_revisions', '_conflicts', '_deleted']);
const canon = (v: unknown) => JSON.stringify(v) ?? 'undefined';

interface Candidate {
  value: unknown;
  stamp: string;
}

/** The winner of two stamped values: later stamp; on a tie, the larger value. */
export function pickStamped(a: Candidate, b: Candidate): Candidate {
  const c = compareHlc(a.stamp, b.stamp);
  if (c !== 0) return c > 0 ? a : b;
  return canon(a.value) >= canon(b.value) ? a : b;
}

export function mergeFields<T extends Stamped>(
  docs: readonly T[],
  fields: readonly string[],
): MergeResult<T> {
  const [first] = docs;
  if (!first) throw new Error('nothing to merge');
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(first)) if (!COUCH_KEYS.has(k)) merged[k] = v;
  const stamps: Record<string, string> = {};
  const overwritten: MergeResult<T>['overwritten'] = [];
  for (const field of fields) {
    const candidates = docs.map((d) => ({
      value: (d as Record<string, unknown>)[field],
      stamp: d.stamps[field] ?? '',
    }));
    const best = candidates.reduce(pickStamped);
    if (best.value === undefined) delete merged[field];
    else merged[field] = best.value;
    if (best.stamp) stamps[field] = best.stamp;
    const seen = new Set<string>([canon(best.value)]);
    for (const c of candidates) {
      if (seen.has(canon(c.value))) continue;
      seen.add(canon(c.value));
      overwritten.push({ field, value: c.value, stamp: c.stamp });
    }
  }
  merged.stamps = stamps;
  const times = docs.map((d) => d.updatedAt).filter((t): t is string => typeof t === 'string');
  if (times.length) merged.updatedAt = times.reduce((a, b) => (a > b ? a : b));
  return { merged: merged as unknown as T, overwritten };
}
