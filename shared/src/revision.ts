/**
 * What a valid CouchDB revision is, once, for every layer: the document schemas, the
 * server's validation, its revision store and the CouchDB backend. A revision is
 * `<position>-<hash>`: the position counts edits from 1, the hash is lowercase hex
 * (what CouchDB and PouchDB make).
 */

/**
 * The highest position any layer accepts: a child of it (`pos + 1`) is still a safe
 * integer, so no arithmetic on a valid revision can overflow or lose precision.
 */
export const MAX_REV_POS = Number.MAX_SAFE_INTEGER - 1;

/**
 * How far ahead of what the server holds a replicated revision may start. Honest
 * devices add one position per edit; a jump bigger than this is a forged history
 * meant to make the document uneditable.
 */
export const MAX_REV_JUMP = 1_000_000;

/** The longest valid revision: every digit of the highest position, a dash, a 64-digit hash. */
export const MAX_REV_LENGTH = String(Number.MAX_SAFE_INTEGER).length + 1 + 64;

/** Revisions a document's history keeps per branch (CouchDB's and PouchDB's `revs_limit`). */
export const REVS_LIMIT = 1000;

/**
 * Branches (leaves, deleted ones included) a document's revision tree may have. Honest
 * devices make a branch per offline conflict; thousands are a member growing one
 * document's history without bound.
 */
export const MAX_LEAVES = 1000;

/** A revision's hash part (also each entry of `_revisions.ids`). */
export const REV_HASH_RE = /^[0-9a-f]{1,64}$/;
const REV_RE = /^[1-9]\d{0,15}-[0-9a-f]{1,64}$/;

/** A position of at most 15 digits is below MAX_REV_POS without reading it. */
const SAFE_POS_DIGITS = String(MAX_REV_POS).length - 1;

/** Whether a string shaped like a revision has an acceptable position. */
function posFits(rev: string, dash: number): boolean {
  return dash <= SAFE_POS_DIGITS || Number(rev.slice(0, dash)) <= MAX_REV_POS;
}

export interface RevParts {
  pos: number;
  id: string;
}

/** `3-abc` → {pos: 3, id: 'abc'}, or null when it is not a valid revision. */
export function parseRev(rev: unknown): RevParts | null {
  // a test and two slices, not a match with groups: this runs for every replicated revision
  if (typeof rev !== 'string' || !REV_RE.test(rev)) return null;
  const dash = rev.indexOf('-');
  const pos = Number(rev.slice(0, dash));
  return pos <= MAX_REV_POS ? { pos, id: rev.slice(dash + 1) } : null;
}

export const isRevision = (rev: unknown): rev is string =>
  typeof rev === 'string' && REV_RE.test(rev) && posFits(rev, rev.indexOf('-'));

const HISTORY_SHAPE = `_revisions must be {start, ids} with start >= 1 and 1..start (at most ${REVS_LIMIT}) revision hashes`;

/**
 * `_rev` and `_revisions` of an incoming document, as every layer needs them; a reason
 * when they are malformed, else null. A malformed history must be refused per
 * document: left to a store it fails a whole batch, or worse.
 */
export function revisionFieldsError(doc: Record<string, unknown>): string | null {
  const rev = doc._rev;
  const parsed = rev === undefined ? null : parseRev(rev);
  if (rev !== undefined && !parsed) {
    return `_rev must look like 1-abc123 (a position of at most ${MAX_REV_POS} and a hex hash)`;
  }
  const history = doc._revisions;
  if (history === undefined) return null;
  if (typeof history !== 'object' || history === null || Array.isArray(history)) {
    return '_revisions must be {start, ids}';
  }
  const { start, ids } = history as { start?: unknown; ids?: unknown };
  for (const k in history) {
    if (k !== 'start' && k !== 'ids') return HISTORY_SHAPE;
  }
  if (
    typeof start !== 'number' ||
    !Number.isSafeInteger(start) ||
    start < 1 ||
    start > MAX_REV_POS ||
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > start ||
    ids.length > REVS_LIMIT ||
    !ids.every((h) => typeof h === 'string' && REV_HASH_RE.test(h))
  ) {
    return HISTORY_SHAPE;
  }
  if (parsed && (parsed.pos !== start || parsed.id !== ids[0])) {
    return '_revisions does not match _rev';
  }
  return null;
}

/**
 * A replicated revision's position is plausible: at most `MAX_REV_JUMP` beyond the
 * highest position the server holds for the document (0 for a new one).
 */
export function revJumpError(rev: unknown, heldPos: number): string | null {
  const parsed = parseRev(rev);
  if (!parsed || parsed.pos <= heldPos + MAX_REV_JUMP) return null;
  return `_rev ${parsed.pos}-… is implausibly far ahead of the ${heldPos} revisions held`;
}
