import type { MiddlewareHandler } from 'hono';
import { bodyLimit as streamingLimit } from 'hono/body-limit';
import { HttpError } from '../errors.ts';

const tooLarge = () => {
  throw new HttpError(413, 'payload_too_large', 'Request body is too large.');
};

/**
 * Refuse bodies over `maxSize` bytes. A declared Content-Length is checked without
 * touching the body (Node's parser never reads past it), which leaves the adapter's
 * direct read of the body in place; Hono's stream-counting limit, which wraps the
 * body in a web stream, is used only for bodies of unknown length.
 */
export function bodyLimit(maxSize: number): MiddlewareHandler {
  const counting = streamingLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next(); // no body to limit
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      if (!/^\d+$/.test(length) || Number(length) > maxSize) tooLarge();
      return next();
    }
    return counting(c, next);
  };
}
