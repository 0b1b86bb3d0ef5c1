import { SESSION_REVOKED } from '@stallkeeper/shared';
/** Typed errors; the single error handler in http/error-handler.ts maps them to HTTP. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429,
    readonly error: string,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
    /** what a schema found wrong, field by field (the REST API answers them) */
    readonly issues?: readonly { path: string; message: string }[],
  ) {
    super(reason);
    this.name = 'HttpError';
  }
}

export const badRequest = (reason: string) => new HttpError(400, 'bad_request', reason);
export const unauthorized = (reason = 'You are not logged in.') =>
  new HttpError(401, 'unauthorized', reason);
/** A session someone ended from another device (or a password change): `session_revoked`. */
export const sessionRevoked = () =>
  new HttpError(401, SESSION_REVOKED, 'This device was signed out. Please log in again.');
export const forbidden = (reason: string) => new HttpError(403, 'forbidden', reason);
export const notFound = (reason = 'missing') => new HttpError(404, 'not_found', reason);
export const conflict = (reason: string) => new HttpError(409, 'conflict', reason);
export const preconditionFailed = (reason: string) =>
  new HttpError(412, 'precondition_failed', reason);
export const unprocessable = (reason: string) => new HttpError(422, 'unprocessable', reason);
/** A body or query a schema refused: the reason in words, and each issue by path. */
export const invalid = (reason: string, issues: readonly { path: string; message: string }[]) =>
  new HttpError(400, 'bad_request', reason, {}, issues);
export const tooMany = (retryAfterSeconds: number) =>
  new HttpError(429, 'too_many_requests', 'Too many attempts. Try again later.', {
    'Retry-After': String(retryAfterSeconds),
  });
