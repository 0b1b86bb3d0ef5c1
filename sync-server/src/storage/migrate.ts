import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import type { Kv, KvOp } from './kv.ts';
import { K } from './rev-store-core.ts';
import type { RevTree } from './rev-tree.ts';
import { planWrite } from './write-plan.ts';

const PAGE = 500;
/** Where PouchDB's LevelDB adapter keeps `_local/` documents (sublevel-pouchdb's prefix). */
const LOCAL_PREFIX = '\u00fflocal-store\u00ff';

/**
 * Open a shop's revision store, first copying a shop that a PouchDB-based server
 * left in `<dataDir>/<name>`: every leaf with its history and attachments, at the
 * sequence it had (devices' checkpoints stay valid), and the `_local/` documents
 * (checkpoints, the resolver's state). The copy is made aside and renamed into
 * place, so an interrupted migration starts again; the old directory is kept as
 * `<name>.pouchdb-migrated`.
 */
export async function openMigrated(
  dataDir: string,
  name: string,
  open: (location: string) => Promise<Kv>,
): Promise<Kv> {
  const target = join(dataDir, `${name}.revs`);
  const legacy = join(dataDir, name);
  if (existsSync(target) || !existsSync(legacy)) return open(target);
  const aside = `${target}.migrating`;
  rmSync(aside, { recursive: true, force: true });
  const kv = await open(aside);
  try {
    await copyDocs(legacy, kv);
    await copyLocals(legacy, kv, open);
  } finally {
    await kv.close();
  }
  renameSync(aside, target);
  renameSync(legacy, `${legacy}.pouchdb-migrated`);
  return open(target);
}

async function copyDocs(legacy: string, kv: Kv): Promise<void> {
  const db = new PouchDB(legacy);
  try {
    let since: number | string = 0;
    for (;;) {
      const page: PouchDB.Core.ChangesResponse<object> = await db.changes({
        since,
        limit: PAGE,
        style: 'all_docs',
      });
      if (!page.results.length) break;
      const ops: KvOp[] = [];
      const blobs = new Set<string>();
      for (const change of page.results) {
        const leaves = (await db.get(change.id, {
          open_revs: 'all',
          revs: true,
          attachments: true,
        } as PouchDB.Core.GetOptions)) as unknown as { ok?: Record<string, unknown> }[];
        let tree: RevTree | undefined;
        for (const leaf of leaves) {
          if (!leaf.ok) continue;
          const plan = planWrite({
            doc: leaf.ok,
            id: change.id,
            newEdits: false,
            tree,
            knownDigest: () => false,
          });
          if ('error' in plan || plan.kind !== 'write') continue;
          tree = plan.tree;
          ops.push({ type: 'put', key: K.body(change.id, plan.rev), value: plan.body });
          for (const [digest, data] of plan.blobs) {
            if (blobs.has(digest)) continue;
            blobs.add(digest);
            ops.push({ type: 'put', key: K.blob(digest), value: data });
          }
        }
        if (tree) {
          ops.push({
            type: 'put',
            key: K.doc(change.id),
            value: JSON.stringify({ s: change.seq, t: tree }),
          });
        }
      }
      await kv.batch(ops);
      since = page.last_seq;
    }
  } finally {
    await db.close();
  }
}

/** `_local/` documents have no API to list them, so they are read from LevelDB itself. */
async function copyLocals(
  legacy: string,
  kv: Kv,
  open: (location: string) => Promise<Kv>,
): Promise<void> {
  const raw = await open(legacy);
  try {
    const ops: KvOp[] = [];
    for await (const [key, value] of raw.range(LOCAL_PREFIX, `${LOCAL_PREFIX}\uffff`)) {
      const id = key.slice(LOCAL_PREFIX.length);
      if (!id.startsWith('_local/')) continue;
      ops.push({ type: 'put', key: K.local(id), value });
      if (ops.length >= PAGE) await kv.batch(ops.splice(0));
    }
    await kv.batch(ops);
  } finally {
    await raw.close();
  }
}
