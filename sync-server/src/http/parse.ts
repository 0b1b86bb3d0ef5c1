import type { Context } from 'hono';
import type { z } from 'zod';
import { describeIssues } from '@stallkeeper/shared';
import { badRequest } from '../errors.ts';
import { readJson } from './read-json.ts';

/** Read and validate a JSON body with a shared schema; a failure is a readable 400. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(c));
  if (!parsed.success) throw badRequest(describeIssues(parsed.error));
  return parsed.data;
}
