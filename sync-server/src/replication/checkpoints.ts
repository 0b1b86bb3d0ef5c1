import { z } from 'zod';
import { describeIssues, safeParseAsIs } from '@stallkeeper/shared';
import { badRequest, notFound } from '../errors.ts';
import type { ShopDb } from '../storage/shop-db.ts';

/**
 * `_local/` documents are replication checkpoints, nothing else. A client names one,
 * but it is stored under that member's own prefix: no member can read or overwrite
 * another's (a forged checkpoint would make a device skip changes), and no client can
 * reach a server-owned `_local/` name at all. What is stored is shaped and sized as a
 * checkpoint.
 */

/** PouchDB names a checkpoint by a base64 MD5 with `/`→`.` and `+`→`_`; CouchDB by a hex hash. */
const CHECKPOINT_NAME = /^[A-Za-z0-9._=-]{1,100}$/;

/** What a checkpoint may weigh, as stored JSON. */
export const MAX_CHECKPOINT_BYTES = 4096;

const seq = z.union([z.number().int().min(0), z.string().max(200)]);
const sessionId = z.string().max(100);
const historyEntry = z
  .object({ last_seq: seq, session_id: sessionId })
  // CouchDB's replicator records a few more facts per session
  .catchall(z.union([z.string().max(200), z.number(), z.boolean(), z.null()]));

/** A checkpoint as PouchDB (and CouchDB's replicator) write it. */
export const checkpointSchema = z
  .object({
    _rev: z
      .string()
      .regex(/^0-\d{1,12}$/)
      .optional(),
    session_id: sessionId.optional(),
    last_seq: seq.optional(),
    history: z.array(historyEntry).max(20).optional(),
    replicator: z.string().max(40).optional(),
    version: z.number().int().min(0).max(100).optional(),
    source_last_seq: seq.optional(),
    replication_id_version: z.number().int().min(0).max(100).optional(),
  })
  .strict();

/** Where a member's checkpoint of this name is stored; a malformed name is as absent as a missing one. */
export function checkpointId(name: string, userId: string): string {
  if (!CHECKPOINT_NAME.test(name)) throw notFound('missing');
  return `_local/${userId}~${name}`;
}

/** The member's checkpoint, under the name the client gave it. */
export async function readCheckpoint(db: ShopDb, name: string, userId: string): Promise<object> {
  return { ...(await db.get(checkpointId(name, userId))), _id: `_local/${name}` };
}

/** Write a checkpoint after checking its shape and size. */
export async function writeCheckpoint(
  db: ShopDb,
  name: string,
  body: unknown,
  userId: string,
): Promise<{ ok: true; id: string; rev: string }> {
  const { _id: _, ...fields } = body as Record<string, unknown>;
  const parsed = safeParseAsIs(checkpointSchema, fields);
  if (!parsed.success) {
    throw badRequest(`not a replication checkpoint: ${describeIssues(parsed.error)}`);
  }
  const doc = { ...parsed.data, _id: checkpointId(name, userId) };
  if (JSON.stringify(doc).length > MAX_CHECKPOINT_BYTES) {
    throw badRequest(`a checkpoint may be at most ${MAX_CHECKPOINT_BYTES} bytes`);
  }
  return { ...(await db.put(doc)), id: `_local/${name}` };
}

export async function removeCheckpoint(
  db: ShopDb,
  name: string,
  rev: string,
  userId: string,
): Promise<{ ok: true; id: string; rev: string }> {
  return { ...(await db.remove(checkpointId(name, userId), rev)), id: `_local/${name}` };
}
