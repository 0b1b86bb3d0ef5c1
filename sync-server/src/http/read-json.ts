import type { Context } from 'hono';
import { badRequest, HttpError } from '../errors.ts';

/**
 * No request of ours nests deeper than this. JSON.parse takes far deeper input, but
 * everything after it that recurses (zod, the unknown-field check, PouchDB's
 * JSON.stringify in the store) would overflow the stack, some of it outside any await.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed value nests objects/arrays deeper than `max`; iterative, so it cannot overflow. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  // Two plain stacks and no per-object arrays: this runs over every replicated document.
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop() ?? 0;
    if (depth > max) return true;
    if (Array.isArray(v)) {
      for (const child of v as unknown[]) {
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    const o = v as Record<string, unknown>;
    for (const key in o) {
      const child = o[key];
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** Parse a JSON body; malformed or absurdly nested input is the caller's 400. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length === 0) throw badRequest('Request body is empty.');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    if (err instanceof RangeError) throw badRequest('Request body is nested too deeply.');
    throw new HttpError(400, 'bad_request', 'Request body is not valid JSON.');
  }
  if (typeof value === 'object' && value !== null && nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    throw badRequest('Request body is nested too deeply.');
  }
  return value;
}
