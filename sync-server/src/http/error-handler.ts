import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { HttpError } from '../errors.ts';
import type { AppEnv } from './types.ts';

/** The one place errors become HTTP: JSON `{error, reason}`, never a stack trace. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof HttpError) {
    const body = err.issues
      ? { error: err.error, reason: err.reason, issues: err.issues }
      : { error: err.error, reason: err.reason };
    return c.json(body, err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const error =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request';
    return c.json({ error, reason: err.message || 'Bad request.' }, status);
  }
  const pouchStatus = (err as { status?: unknown }).status;
  if (typeof pouchStatus === 'number' && pouchStatus >= 400 && pouchStatus < 500) {
    // A PouchDB client error (bad rev, missing doc...) is the caller's, not ours.
    const name = (err as { name?: unknown }).name;
    return c.json(
      { error: typeof name === 'string' ? name : 'bad_request', reason: err.message },
      pouchStatus as 400,
    );
  }
  c.get('services')?.log.error('unhandled error', {
    path: c.req.path,
    method: c.req.method,
    err: err.message,
  });
  return c.json({ error: 'internal_error', reason: 'Something went wrong on the server.' }, 500);
}
