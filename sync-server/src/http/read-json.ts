import type { Context } from 'hono';
import { badRequest, HttpError } from '../errors.ts';

/** Parse a JSON body; malformed or absurdly nested input is the caller's 400. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length === 0) throw badRequest('Request body is empty.');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    if (err instanceof RangeError) throw badRequest('Request body is nested too deeply.');
    throw new HttpError(400, 'bad_request', 'Request body is not valid JSON.');
  }
}
