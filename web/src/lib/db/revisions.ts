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

/**
 * The revision after `doc._rev`, made on the device, with the history that joins it to
 * its parent: an edit written with `new_edits: false`, in one write with other documents.
 * Photos added by the edit are dated to it (`revpos`), as PouchDB would date them.
 */
export function nextRevision<T extends { _id: string; _rev: string }>(
  doc: T,
): T & { _revisions: { start: number; ids: string[] } } {
  const dash = doc._rev.indexOf('-');
  const pos = Number(doc._rev.slice(0, dash)) + 1;
  const { _revisions: hash } = firstRevision(doc);
  const atts = (doc as { _attachments?: Record<string, Record<string, unknown>> })._attachments;
  const dated = atts
    ? Object.fromEntries(
        Object.entries(atts).map(([name, a]) => [name, 'data' in a ? { ...a, revpos: pos } : a]),
      )
    : undefined;
  return {
    ...doc,
    ...(dated ? { _attachments: dated } : {}),
    _rev: `${pos}-${hash.ids[0]}`,
    _revisions: { start: pos, ids: [hash.ids[0], doc._rev.slice(dash + 1)] },
  };
}
