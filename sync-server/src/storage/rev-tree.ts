// The declarations must reach packages that compile this source too (tests/).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pouchdb-merge.d.ts" />
import { randomUUID } from 'node:crypto';
import { MAX_REV_POS, parseRev, REV_HASH_RE, REVS_LIMIT } from '@stallkeeper/shared';
import {
  collectLeaves,
  isDeleted,
  merge,
  winningRev,
  type RevNode,
  type RevPath,
  type RevTree,
} from 'pouchdb-merge';

export type { RevTree } from 'pouchdb-merge';

// What a valid revision is, and how much history a branch keeps, is shared's one rule.
export { parseRev, REVS_LIMIT } from '@stallkeeper/shared';

/** A document's `_revisions`: its revision ids from newest back to the oldest known. */
interface Revisions {
  start: number;
  ids: string[];
}

const newRevId = () => randomUUID().replace(/-/g, '');

/** The path a new revision adds to a tree, plus its `_revisions`. */
export interface IncomingRevision {
  rev: string;
  path: RevPath;
  revisions: Revisions;
}

/** A revision made here (new_edits): a child of `parent`, or a first revision; null past the last position. */
export function childRevision(
  parent: { pos: number; id: string } | null,
  parentAncestry: string[],
  deleted: boolean,
): IncomingRevision | null {
  if (parent && parent.pos >= MAX_REV_POS) return null;
  const id = newRevId();
  const leaf: RevNode = [id, { status: 'available', ...(deleted ? { deleted: true } : {}) }, []];
  if (!parent) {
    return { rev: `1-${id}`, path: { pos: 1, ids: leaf }, revisions: { start: 1, ids: [id] } };
  }
  return {
    rev: `${parent.pos + 1}-${id}`,
    path: { pos: parent.pos, ids: [parent.id, { status: 'missing' }, [leaf]] },
    revisions: { start: parent.pos + 1, ids: [id, ...parentAncestry].slice(0, REVS_LIMIT) },
  };
}

/** A revision made elsewhere (new_edits=false), with the history it arrived with. */
export function replicatedRevision(
  rev: { pos: number; id: string },
  revisions: unknown,
  deleted: boolean,
): IncomingRevision | string {
  let ids = [rev.id];
  if (revisions !== undefined) {
    const r: { start?: unknown; ids?: unknown } | null =
      typeof revisions === 'object' ? revisions : null;
    const given: unknown[] = Array.isArray(r?.ids) ? (r.ids as unknown[]) : [];
    if (
      r?.start !== rev.pos ||
      given[0] !== rev.id ||
      given.length > rev.pos ||
      !given.every((x) => typeof x === 'string' && REV_HASH_RE.test(x))
    ) {
      return '_revisions does not match _rev';
    }
    ids = (given as string[]).slice(0, REVS_LIMIT);
  }
  let node: RevNode = [
    ids[0] ?? rev.id,
    { status: 'available', ...(deleted ? { deleted: true } : {}) },
    [],
  ];
  for (let i = 1; i < ids.length; i++) node = [ids[i] ?? '', { status: 'missing' }, [node]];
  return {
    rev: `${rev.pos}-${rev.id}`,
    path: { pos: rev.pos - ids.length + 1, ids: node },
    revisions: { start: rev.pos, ids },
  };
}

/** What the store keeps in memory per document: enough to answer without the tree. */
export interface Summary {
  /** winning revision */
  rev: string;
  deleted: boolean;
  /** every leaf, winner first, when there is more than one */
  leaves?: string[];
  /** non-deleted losing leaves (the `_conflicts` CouchDB reports) */
  conflicts?: string[];
}

export function summarise(tree: RevTree): Summary {
  // Most documents never branch: one path, whose end is the winner (nothing to sort).
  const only = tree.length === 1 ? tree[0] : undefined;
  if (only) {
    let pos = only.pos;
    let node = only.ids;
    while (node[2].length === 1) {
      node = node[2][0] ?? node;
      pos++;
    }
    if (node[2].length === 0) {
      return { rev: `${pos}-${node[0]}`, deleted: node[1].deleted === true };
    }
  }
  const meta = { rev_tree: tree };
  const rev = winningRev(meta);
  const deleted = isDeleted(meta, rev);
  const all = collectLeaves(tree);
  if (all.length === 1) return { rev, deleted };
  const leaves = [rev, ...all.filter((l) => l.rev !== rev).map((l) => l.rev)];
  const conflicts = all.filter((l) => l.rev !== rev && !l.opts.deleted).map((l) => l.rev);
  return { rev, deleted, leaves, ...(conflicts.length ? { conflicts } : {}) };
}

export const leavesOf = (s: Summary) => s.leaves ?? [s.rev];

/** Revision ids from `rev` back to the oldest its branch keeps (its `_revisions.ids`). */
export function ancestry(tree: RevTree, rev: string): string[] | null {
  const target = parseRev(rev);
  if (!target) return null;
  const stack: { pos: number; node: RevNode; trail: string[] }[] = tree.map((p) => ({
    pos: p.pos,
    node: p.ids,
    trail: [],
  }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    const trail = [...item.trail, item.node[0]];
    if (item.pos === target.pos) {
      if (item.node[0] === target.id) return trail.reverse();
      continue; // deeper nodes of this branch are later revisions
    }
    if (item.pos > target.pos) continue;
    for (const child of item.node[2]) stack.push({ pos: item.pos + 1, node: child, trail });
  }
  return null;
}

/** Status of each revision on the way to `rev` (CouchDB's `_revs_info`). */
export function revsInfo(tree: RevTree, rev: string): { rev: string; status: string }[] {
  const ids = ancestry(tree, rev) ?? [];
  const pos = parseRev(rev)?.pos ?? 0;
  const status = revStatuses(tree);
  return ids.map((id, i) => {
    const r = `${pos - i}-${id}`;
    return { rev: r, status: status.get(r) ?? 'missing' };
  });
}

/** Every revision the tree knows, and whether its body is held ('available') or not. */
export function revStatuses(tree: RevTree): Map<string, 'available' | 'missing'> {
  const status = new Map<string, 'available' | 'missing'>();
  const walk = (pos: number, node: RevNode) => {
    status.set(`${pos}-${node[0]}`, node[1].status === 'available' ? 'available' : 'missing');
    for (const child of node[2]) walk(pos + 1, child);
  };
  for (const p of tree) walk(p.pos, p.ids);
  return status;
}

export { merge };
