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
