import {
  acceptsAsIs,
  alertEditError,
  canWrite,
  kindOfId,
  parseShopDoc,
  revisionFieldsError,
  APPEND_ONLY,
  SERVER_EVENT_KINDS,
  type DocKind,
  type Role,
} from '@stallkeeper/shared';

export interface DocError {
  id: string;
  error: 'forbidden';
  /** PouchDB's replicator treats `forbidden` as "denied" and carries on with the batch. */
  name: 'forbidden';
  reason: string;
  status: 403;
}

/** What the store already holds for an id (from one `allDocs({keys})` call). */
export interface Existing {
  rev: string | null;
  deleted: boolean;
  /** the current winning document, when a rule needs to compare with it */
  doc?: Record<string, unknown> | undefined;
}

export const refuse = (id: string, reason: string): DocError => ({
  id,
  error: 'forbidden',
  name: 'forbidden',
  reason,
  status: 403,
});

/** Keys present in the input that the schema does not know (zod strips them). */
function unknownKeys(input: unknown, output: unknown): string | null {
  // The path is built only on the way back from a find: this runs over every document.
  if (Array.isArray(input) && Array.isArray(output)) {
    for (let i = 0; i < input.length; i++) {
      const found = unknownKeys(input[i], output[i]);
      if (found) return `${i}.${found}`;
    }
    return null;
  }
  if (input && output && typeof input === 'object' && typeof output === 'object') {
    const into = input as Record<string, unknown>;
    const out = output as Record<string, unknown>;
    for (const key in into) {
      if (!Object.hasOwn(into, key)) continue;
      if (!Object.hasOwn(out, key)) return key;
      const child = into[key];
      if (typeof child !== 'object' || child === null) continue;
      const found = unknownKeys(child, out[key]);
      if (found) return `${key}.${found}`;
    }
  }
  return null;
}

function checkAttachments(doc: Record<string, unknown>): string | null {
  const atts = doc._attachments;
  if (!atts || typeof atts !== 'object') return null;
  for (const [name, att] of Object.entries(atts as Record<string, Record<string, unknown>>)) {
    // how many and how big is the schema's to say (MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES)
    const type = att.content_type;
    if (typeof type !== 'string' || !/^image\/(png|jpeg|webp|gif)$/.test(type)) {
      return `attachment ${name}: only PNG, JPEG, WebP or GIF images are allowed`;
    }
  }
  return null;
}

const TOMBSTONE_KEYS = new Set(['_id', '_rev', '_revisions', '_deleted']);

/** Schema, unknown fields and attachments of one document of a known kind. */
function checkContent(doc: Record<string, unknown>, id: string, kind: DocKind): DocError | null {
  // Most documents pass as they are, which is proven without zod's copy; the rest are parsed for the reason.
  if (!acceptsAsIs(kind, doc)) {
    const parsed = parseShopDoc(doc);
    if (!parsed.ok) return refuse(id, parsed.reason);
    const extra = unknownKeys(doc, parsed.doc);
    if (extra) return refuse(id, `${kind}: unknown field ${extra}`);
  }
  const attErr = checkAttachments(doc);
  if (attErr) return refuse(id, attErr);
  return null;
}

/**
 * Decide whether one incoming document may be stored. Returns null when it may,
 * else a per-document error. Pure apart from its inputs, so it is unit-testable.
 */
export function checkIncoming(
  raw: unknown,
  role: Role,
  existing: Existing | undefined,
  /** the server's own document given back, its seal checked (server-seal.ts) */
  serverMade = false,
): DocError | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return refuse('', 'a document must be a JSON object');
  }
  const doc = raw as Record<string, unknown>;
  const id = typeof doc._id === 'string' ? doc._id : '';
  if (!id) return refuse('', '_id is missing');
  if (id.startsWith('_design/')) return refuse(id, 'design documents cannot be written');
  const kind = kindOfId(id);
  if (!kind) return refuse(id, `unknown document kind for id ${id.slice(0, 60)}`);
  const revErr = revisionFieldsError(doc);
  if (revErr) return refuse(id, revErr);

  const exists = existing !== undefined && existing.rev !== null && !existing.deleted;
  if (doc._deleted === true) {
    // A bare tombstone carries nothing; one with a body must be a valid document too.
    if (!Object.keys(doc).every((k) => TOMBSTONE_KEYS.has(k))) {
      const contentErr = checkContent(doc, id, kind);
      if (contentErr) return contentErr;
    }
    if (!exists && !APPEND_ONLY.has(kind)) return null; // deleting nothing is harmless
    const d = canWrite(role, kind, 'delete');
    return d.allowed ? null : refuse(id, d.reason);
  }

  const contentErr = checkContent(doc, id, kind);
  if (contentErr) return contentErr;
  // Whoever carries it, what the server wrote itself is the server's to have.
  if (serverMade) return null;

  // What only the shop page's checkout writes: customers' requests, and online orders.
  if (kind === 'orderevent' && SERVER_EVENT_KINDS.has(String(doc.kind))) {
    return refuse(id, `${String(doc.kind)} events are written by the server only`);
  }
  if (kind === 'order' && doc.source !== undefined) {
    return refuse(id, 'online orders are written by the server only');
  }

  // Writing over a deleted document creates it again (else a tombstone would open server-only kinds).
  const op = exists ? 'update' : 'create';
  const decision = canWrite(role, kind, op);
  if (!decision.allowed) return refuse(id, decision.reason);
  if (kind === 'alert' && op === 'update' && existing?.doc) {
    const changed = alertEditError(doc, existing.doc);
    if (changed) return refuse(id, changed);
  }
  return null;
}
