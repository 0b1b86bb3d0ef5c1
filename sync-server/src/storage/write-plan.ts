// The declarations must reach packages that compile this source too (tests/).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pouchdb-merge.d.ts" />
import { createHash } from 'node:crypto';
import { MAX_LEAVES } from '@stallkeeper/shared';
import { collectLeaves, isDeleted, revExists, winningRev } from 'pouchdb-merge';
import {
  ancestry,
  childRevision,
  merge,
  parseRev,
  replicatedRevision,
  REVS_LIMIT,
  type IncomingRevision,
  type RevTree,
} from './rev-tree.ts';

/** A per-document refusal as `_bulk_docs` answers it (CouchDB's `error`, PouchDB's `name`). */
export interface DocFailure {
  id: string;
  error: string;
  name: string;
  status: number;
  reason: string;
}

export const failure = (id: string, status: number, name: string, reason: string): DocFailure => ({
  id,
  error: name,
  name,
  status,
  reason,
});

const conflict = (id: string) => failure(id, 409, 'conflict', 'Document update conflict');

/** Fields CouchDB reserves; any other `_` field is refused. */
const SPECIAL = new Set(['_id', '_rev', '_deleted', '_revisions', '_attachments']);
const IGNORED = new Set(['_conflicts', '_deleted_conflicts', '_local_seq', '_revs_info']);

export interface AttachmentStub {
  content_type: string;
  digest: string;
  length: number;
  revpos: number;
  stub: true;
}

/** What one accepted document writes. */
export interface Planned {
  kind: 'write';
  id: string;
  rev: string;
  tree: RevTree;
  /** the stored JSON of the new revision */
  body: string;
  /** new attachment contents by digest (base64) */
  blobs: Map<string, string>;
}

/** A retried replication of a revision already held: nothing to write. */
interface Held {
  kind: 'held';
  id: string;
  rev: string;
}

const digestOf = (base64: string) =>
  `md5-${createHash('md5')
    .update(new Uint8Array(Buffer.from(base64, 'base64')))
    .digest('base64')}`;

const isBase64 = (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0;

/** Most documents have none: one shared answer, never written to. */
const NO_ATTACHMENTS: {
  stubs: Record<string, AttachmentStub>;
  blobs: Map<string, string>;
} = Object.freeze({ stubs: Object.freeze({}), blobs: new Map<string, string>() });

/** Attachments of a new revision as stored stubs, plus new contents to store. */
function planAttachments(
  id: string,
  atts: unknown,
  pos: number,
  previous: Record<string, AttachmentStub> | undefined,
  knownDigest: (digest: string) => boolean,
): { stubs: Record<string, AttachmentStub>; blobs: Map<string, string> } | DocFailure {
  if (atts === undefined) return NO_ATTACHMENTS;
  const stubs: Record<string, AttachmentStub> = {};
  const blobs = new Map<string, string>();
  if (!atts || typeof atts !== 'object' || Array.isArray(atts)) {
    return failure(id, 400, 'bad_request', '_attachments must be an object');
  }
  for (const [name, raw] of Object.entries(atts as Record<string, unknown>)) {
    const att = raw as Record<string, unknown> | null;
    if (!att || typeof att !== 'object') {
      return failure(id, 400, 'bad_request', `attachment ${name} must be an object`);
    }
    const type =
      typeof att.content_type === 'string' ? att.content_type : 'application/octet-stream';
    if (typeof att.data === 'string') {
      if (!isBase64(att.data)) {
        return failure(id, 400, 'bad_request', `attachment ${name} is not valid base64`);
      }
      const digest = digestOf(att.data);
      blobs.set(digest, att.data);
      const length = Buffer.byteLength(att.data, 'base64');
      stubs[name] = { content_type: type, digest, length, revpos: pos, stub: true };
      continue;
    }
    if (att.stub !== true) {
      return failure(id, 400, 'bad_request', `attachment ${name} needs data or stub`);
    }
    const before = previous?.[name];
    const digest = typeof att.digest === 'string' ? att.digest : before?.digest;
    if (!digest || (!(before && before.digest === digest) && !knownDigest(digest))) {
      return failure(id, 412, 'missing_stub', `attachment ${name} is not stored here`);
    }
    stubs[name] = {
      content_type: before?.content_type ?? type,
      digest,
      length: before?.length ?? (typeof att.length === 'number' ? att.length : 0),
      revpos: before?.revpos ?? (typeof att.revpos === 'number' ? att.revpos : pos),
      stub: true,
    };
  }
  return { stubs, blobs };
}

export interface PlanInput {
  doc: Record<string, unknown>;
  id: string;
  newEdits: boolean;
  /** the document's tree before this write, if it exists */
  tree: RevTree | undefined;
  /** the stored attachments of the parent revision (for stubs), if any */
  parentAttachments?: Record<string, AttachmentStub> | undefined;
  knownDigest: (digest: string) => boolean;
}

/** The parent revision a new_edits write builds on, or a refusal (PouchDB's rules). */
function parentOf(
  id: string,
  doc: Record<string, unknown>,
  tree: RevTree | undefined,
): { pos: number; id: string } | null | DocFailure {
  if (doc._rev === undefined) {
    if (!tree) return null;
    const win = winningRev({ rev_tree: tree });
    // Re-creating a deleted document continues its winning branch; deleting it again is a conflict.
    return isDeleted({ rev_tree: tree }, win) && doc._deleted !== true
      ? parseRev(win)
      : conflict(id);
  }
  const parent = parseRev(doc._rev);
  if (!parent) return failure(id, 400, 'bad_request', 'Invalid rev format');
  if (!tree) return conflict(id);
  return parent;
}

/** Decide what storing one document does to its revision tree (CouchDB's semantics). */
export function planWrite(input: PlanInput): Planned | Held | DocFailure {
  const { doc, id, newEdits, tree } = input;
  let plain = true; // nothing to drop or rewrite: the document can be stored as it came
  for (const key in doc) {
    if (key.charCodeAt(0) !== 95 /* _ */) continue;
    if (!SPECIAL.has(key) && !IGNORED.has(key)) {
      return failure(id, 400, 'doc_validation', `Bad special document member: ${key}`);
    }
    if (IGNORED.has(key) || key === '_attachments') plain = false;
  }
  const deleted = doc._deleted === true;
  let incoming: IncomingRevision;
  if (newEdits) {
    const parent = parentOf(id, doc, tree);
    if (parent && 'error' in parent) return parent;
    const parentRev = parent ? `${parent.pos}-${parent.id}` : '';
    // A parent the tree lacks is left to the merge rules below (as PouchDB does).
    const trail = parent ? ((tree && ancestry(tree, parentRev)) ?? [parent.id]) : [];
    const child = childRevision(parent, trail, deleted);
    if (!child) return failure(id, 403, 'forbidden', 'this document has reached its last revision');
    incoming = child;
  } else {
    const rev = parseRev(doc._rev);
    if (!rev) return failure(id, 400, 'bad_request', 'Invalid rev format');
    if (tree && revExists(tree, `${rev.pos}-${rev.id}`)) {
      return { kind: 'held', id, rev: `${rev.pos}-${rev.id}` };
    }
    const r = replicatedRevision(rev, doc._revisions, deleted);
    if (typeof r === 'string') return failure(id, 400, 'bad_request', r);
    incoming = r;
  }

  let nextTree: RevTree;
  if (tree) {
    const meta = { rev_tree: tree };
    const wasDeleted = isDeleted(meta, winningRev(meta));
    const merged = merge(tree, incoming.path, REVS_LIMIT);
    const inConflict =
      newEdits &&
      ((wasDeleted && deleted && merged.conflicts !== 'new_leaf') ||
        (!wasDeleted && merged.conflicts !== 'new_leaf') ||
        (wasDeleted && !deleted && merged.conflicts === 'new_branch'));
    if (inConflict) return conflict(id);
    if (merged.conflicts === 'new_branch' && collectLeaves(merged.tree).length > MAX_LEAVES) {
      return failure(id, 403, 'forbidden', `a document may have at most ${MAX_LEAVES} versions`);
    }
    nextTree = merged.tree;
  } else {
    nextTree = [incoming.path];
  }

  const pos = incoming.revisions.start;
  const atts = planAttachments(
    id,
    doc._attachments,
    pos,
    input.parentAttachments,
    input.knownDigest,
  );
  if ('error' in atts) return atts;

  return {
    kind: 'write',
    id,
    rev: incoming.rev,
    tree: nextTree,
    body: storedJson(doc, id, incoming, deleted, plain, atts.stubs),
    blobs: atts.blobs,
  };
}

/** The JSON a revision is stored as: the document with its `_rev`, history and stubs. */
function storedJson(
  doc: Record<string, unknown>,
  id: string,
  incoming: IncomingRevision,
  deleted: boolean,
  plain: boolean,
  stubs: Record<string, AttachmentStub>,
): string {
  // A replicated revision usually arrives exactly as it is stored: no copy needed.
  if (
    plain &&
    doc._rev === incoming.rev &&
    doc._revisions !== undefined &&
    (doc._revisions as { ids: unknown[] }).ids.length === incoming.revisions.ids.length &&
    (deleted ? doc._deleted === true : doc._deleted === undefined)
  ) {
    return JSON.stringify(doc);
  }
  const body: Record<string, unknown> = {
    _id: id,
    _rev: incoming.rev,
    _revisions: incoming.revisions,
  };
  if (deleted) body._deleted = true;
  for (const key in doc) {
    if (key.charCodeAt(0) !== 95 /* _ */) body[key] = doc[key];
  }
  if (Object.keys(stubs).length) body._attachments = stubs;
  return JSON.stringify(body);
}
