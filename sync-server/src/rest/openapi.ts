import { OpenAPIHono } from '@hono/zod-openapi';
import { canWrite, type DocKind, type WriteOp } from '@stallkeeper/shared';
import { restError } from '@stallkeeper/shared/rest';
import type { Context } from 'hono';
import type { z } from 'zod';
import { forbidden, preconditionFailed } from '../errors.ts';
import { invalidInput } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';

/** A router whose routes are described in the OpenAPI document; bad input is the API's 400. */
export function restRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error);
    },
  });
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const SAID: Record<number, string> = {
  400: 'The input is not valid: `issues` says where.',
  401: 'No valid token or session.',
  403: 'The token or role may not do this.',
  404: 'No such shop or record (or not a member of the shop).',
  409: 'It conflicts with what the shop holds.',
  412: 'If-Match names an older version.',
  422: 'The shop refused the change.',
  429: 'Too many requests: see the RateLimit headers.',
};

/** The error answers of a route, each `{error, reason, issues?}`. */
export function errors<C extends keyof typeof SAID>(...codes: C[]) {
  return Object.fromEntries(codes.map((code) => [code, json(restError, SAID[code] ?? '')])) as {
    [K in C]: ReturnType<typeof json<typeof restError>>;
  };
}

/** The role's permission to write a kind (the same table the sync server enforces). */
export function mayWrite(c: Context<AppEnv>, kind: DocKind, op: WriteOp): void {
  const d = canWrite(c.get('role'), kind, op);
  if (!d.allowed) throw forbidden(`Your role may not do this (${d.reason}).`);
}

/** A document's version as an ETag. */
export const etagOf = (rev: string) => `"${rev}"`;

/** `If-Match`, when sent, must name the version held now. */
export function checkIfMatch(c: Context<AppEnv>, rev: string): void {
  const want = c.req.header('if-match');
  if (want === undefined || want.trim() === '*') return;
  const tags = want.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etagOf(rev))) {
    throw preconditionFailed('This record changed since you read it: read it again, then retry.');
  }
}

/** The API's ids are the documents' without their kind (`product:01J…` is `01J…`). */
export const publicId = (docId: string) => docId.slice(docId.indexOf(':') + 1);
export const docIdOf = (kind: DocKind, id: string) => `${kind}:${id}`;
