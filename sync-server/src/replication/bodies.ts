import { REVS_LIMIT } from '@stallkeeper/shared';
import { z } from 'zod';

/**
 * The replication endpoints' request bodies, validated like the rest of the server's
 * (`http/parse.ts`). Each document of a batch is judged on its own later, so a batch
 * is only "an array"; the bounds keep one request from asking for unbounded work.
 */
export const MAX_ENTRIES = 10_000;

const ids = z.array(z.string().max(1000)).max(MAX_ENTRIES, `at most ${MAX_ENTRIES} doc_ids`);

export const bulkDocsBody = z.object({
  docs: z.array(z.unknown()).max(MAX_ENTRIES, `at most ${MAX_ENTRIES} documents per batch`),
  new_edits: z.boolean().optional(),
});

export const bulkGetBody = z.object({
  docs: z.array(
    // CouchDB clients may add `atts_since` and the like: kept, not judged
    z.looseObject({ id: z.string().max(1000), rev: z.string().max(100).optional() }),
  ),
});

export const revsDiffBody = z
  .record(
    z.string().max(1000),
    z.array(z.string().max(100)).max(REVS_LIMIT, `at most ${REVS_LIMIT} revisions per id`),
  )
  .refine((o) => Object.keys(o).length <= MAX_ENTRIES, `at most ${MAX_ENTRIES} ids`);

export const changesBody = z.looseObject({
  doc_ids: ids.optional(),
  selector: z.unknown().optional(),
});

export const allDocsBody = z.looseObject({
  keys: z.array(z.string().max(1000)).optional(),
});

/** Any JSON object: a document (judged by its own schema) or a checkpoint (checkpoints.ts). */
export const objectBody = z.record(z.string(), z.unknown());
