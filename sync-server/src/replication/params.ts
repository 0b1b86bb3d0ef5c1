import type { Context } from 'hono';
import { badRequest } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';
import type { ShopDb } from '../storage/shop-db.ts';

/** Query and body helpers shared by the replication endpoints. */
export const bool = (v: string | undefined) => v === 'true';

export function jsonParam<T>(c: Context, name: string): T | undefined {
  const v = c.req.query(name);
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v) as T;
  } catch {
    throw badRequest(`${name} must be JSON`);
  }
}

export function asObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`${what} must be a JSON object`);
  }
  return body as Record<string, unknown>;
}

/** The shop's database, once the caller is known to be a member of it. */
export const db = (c: Context<AppEnv>) => c.get('services').storage.shop(c.get('shopId'));

/**
 * Which of the asked revisions the database has never seen. PouchDB's `latest`
 * option (the CouchDB backend) throws outside any promise for such a revision (the
 * request hangs), so they must never reach it.
 */
export async function unknownRevisions(
  d: ShopDb,
  asked: { id: string; rev: string }[],
): Promise<Set<string>> {
  const byId: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const { id, rev } of asked) (byId[id] ??= []).push(rev);
  const diff = await d.revsDiff(byId);
  const unknown = new Set<string>();
  for (const [id, entry] of Object.entries(diff)) {
    for (const rev of entry.missing) unknown.add(`${id}\n${rev}`);
  }
  return unknown;
}

export const missingRev = (id: string, rev: string) => ({
  error: { id, rev, error: 'not_found', reason: 'missing' },
});
