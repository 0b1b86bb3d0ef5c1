import type { Context } from 'hono';
import type { z } from 'zod';
import { describeIssues, safeParseAsIs } from '@stallkeeper/shared';
import { badRequest, invalid } from '../errors.ts';
import { readJson } from './read-json.ts';

/** A zod failure as the REST API's 400: the first issues in words, and each issue by path. */
export function invalidInput(error: z.ZodError): Error {
  return invalid(
    describeIssues(error),
    error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

/** Read and validate a JSON body with a shared schema; a failure is a readable 400. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  // replication posts a body every batch: one proven valid as sent skips zod's copy
  const parsed = safeParseAsIs(schema, await readJson(c));
  if (!parsed.success) throw badRequest(describeIssues(parsed.error));
  return parsed.data;
}
