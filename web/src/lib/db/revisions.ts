/**
 * A revision written with `new_edits: false` needs its history; the leaf alone
 * is enough (like a database with a short `revs_limit`): later revisions from
 * the server extend it, and local edits build on it.
 */
export function withLeafHistory<T extends { _rev: string }>(
  doc: T,
): T & { _revisions: { start: number; ids: string[] } } {
  const dash = doc._rev.indexOf('-');
  const { _conflicts: _, ...rest } = doc as T & { _conflicts?: unknown };
  return {
    ...(rest as T),
    _revisions: { start: Number(doc._rev.slice(0, dash)), ids: [doc._rev.slice(dash + 1)] },
  };
}

/** A new document's first revision, made on the device (as PouchDB would: `1-` and 32 hex digits). */
export function firstRevision<T extends { _id: string }>(
  doc: T,
): T & { _rev: string; _revisions: { start: 1; ids: [string] } } {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const hash = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return { ...doc, _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } };
}
