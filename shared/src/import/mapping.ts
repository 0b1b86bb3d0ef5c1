import { CUSTOMER_TARGETS, PRODUCT_TARGETS, type ImportKind, type TargetOf } from './fields.ts';
import {
  CUSTOMER_COMMON,
  CUSTOMER_PRESETS,
  PRODUCT_COMMON,
  PRODUCT_PRESETS,
  type Preset,
} from './presets.ts';

/** A column name as it is compared: "Variant_SKU " → "variant sku". */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[_\-\s]+/g, ' ')
    .trim();
}

/** Per field, the file's column it is read from (its index), or null for none. */
export type ColumnMapping<K extends ImportKind> = Record<TargetOf<K>, number | null>;

export const targetsOf = <K extends ImportKind>(kind: K): readonly TargetOf<K>[] =>
  (kind === 'products' ? PRODUCT_TARGETS : CUSTOMER_TARGETS) as readonly TargetOf<K>[];

const presetsOf = <K extends ImportKind>(kind: K): Preset<K>[] =>
  (kind === 'products' ? PRODUCT_PRESETS : CUSTOMER_PRESETS) as Preset<K>[];

const commonOf = <K extends ImportKind>(kind: K): Partial<Record<TargetOf<K>, string[]>> =>
  (kind === 'products' ? PRODUCT_COMMON : CUSTOMER_COMMON) as Partial<
    Record<TargetOf<K>, string[]>
  >;

function matches(pattern: string, header: string): boolean {
  return pattern.endsWith('*') ? header.startsWith(pattern.slice(0, -1)) : header === pattern;
}

/** The program whose export this is, from its columns, or null for a sheet of its own. */
export function detectPreset<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
): Preset<K> | null {
  const names = headers.map(normaliseHeader);
  const hits = (p: Preset<K>) => p.signature.filter((s) => names.some((n) => matches(s, n))).length;
  let best: Preset<K> | null = null;
  for (const p of presetsOf(kind)) {
    // the most telling signature wins when two programs share some names
    if (hits(p) === p.signature.length && (!best || p.signature.length > best.signature.length)) {
      best = p;
    }
  }
  return best;
}

/**
 * Fill the mapping from the column names: the detected program's names first, then
 * the usual ones; a column feeds one field at most.
 */
export function autoMap<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
): { preset: Preset<K> | null; mapping: ColumnMapping<K> } {
  const names = headers.map(normaliseHeader);
  const preset = detectPreset(kind, headers);
  const common = commonOf(kind);
  const used = new Set<number>();
  const mapping = Object.fromEntries(targetsOf(kind).map((t) => [t, null])) as ColumnMapping<K>;
  const take = (target: TargetOf<K>, patterns: readonly string[] | undefined) => {
    if (mapping[target] !== null || !patterns) return;
    for (const p of patterns) {
      const i = names.findIndex((n, idx) => !used.has(idx) && matches(p, n));
      if (i >= 0) {
        mapping[target] = i;
        used.add(i);
        return;
      }
    }
  };
  // exact program names for every field before any usual name, so "type" stays a category
  // in Shopify's file and "status" its for-sale flag
  for (const t of targetsOf(kind)) take(t, preset?.columns[t]);
  for (const t of targetsOf(kind)) if (!preset?.columns[t]) take(t, common[t]);
  return { preset, mapping };
}

/**
 * A key for a set of column names, so the owner's own mapping for files like this one
 * is remembered on the device and offered next time.
 */
export function headerSetKey(kind: ImportKind, headers: readonly string[]): string {
  return `${kind}:${headers.map(normaliseHeader).join('|')}`;
}

/** A remembered mapping still fits the file: every index is one of its columns. */
export function fitsHeaders<K extends ImportKind>(
  kind: K,
  mapping: Partial<Record<string, unknown>>,
  columnCount: number,
): mapping is ColumnMapping<K> {
  return targetsOf(kind).every((t) => {
    const v = mapping[t];
    return (
      v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < columnCount)
    );
  });
}
