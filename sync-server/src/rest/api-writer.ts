import { createHash } from 'node:crypto';
import {
  auditEntryDoc,
  HybridClock,
  ulid,
  type AuditEntry,
  type EditBy,
  type Role,
} from '@stallkeeper/shared';
import type { Context } from 'hono';
import { namesOf } from '../auth/users.ts';
import { conflict, forbidden, unauthorized, unprocessable } from '../errors.ts';
import type { AppEnv, Services } from '../http/types.ts';
import { NOT_YOURS_TO_CANCEL } from '../replication/shop-rules.ts';
import { writeBatch } from '../replication/store.ts';
import type { ShopDb } from '../storage/shop-db.ts';

/**
 * Who writes through the REST API, as a device: a token writes as `api-<token id>`,
 * a session as the device it said it is (else one named after the session). Its
 * documents pass the same checks as a replicated batch (writeBatch: schema, role,
 * authorship, stamps, product codes, shop rules), so the API has no rules of its own.
 */
export interface ApiWriter {
  shopId: string;
  role: Role;
  by: Omit<EditBy, 'stamp'> & { userName: string };
  /** a clock stamp of this writer, later than every stamp `after` names */
  stamp(after?: Record<string, string>): string;
}

/** Clocks of API writers, kept so two writes in one millisecond still stamp in order. */
const clocks = new Map<string, HybridClock>();
const MAX_CLOCKS = 1000;

function clockOf(deviceId: string): HybridClock {
  let clock = clocks.get(deviceId);
  if (clock) {
    clocks.delete(deviceId); // most recent last
  } else {
    clock = new HybridClock(deviceId);
    if (clocks.size >= MAX_CLOCKS) clocks.delete(clocks.keys().next().value ?? '');
  }
  clocks.set(deviceId, clock);
  return clock;
}

export async function apiWriter(c: Context<AppEnv>): Promise<ApiWriter> {
  const user = await c.get('services').users.byId(c.get('userId'));
  if (!user) throw unauthorized();
  const token = c.get('token');
  const deviceId = token
    ? `api-${token.id}`
    : (c.get('deviceId') ??
      `api-${createHash('sha256').update(c.get('sessionId')).digest('base64url').slice(0, 24)}`);
  const clock = clockOf(deviceId);
  return {
    shopId: c.get('shopId'),
    role: c.get('role'),
    by: { userId: user.id, userName: user.name, deviceId },
    stamp(after) {
      for (const s of Object.values(after ?? {})) clock.observe(s);
      return clock.next();
    },
  };
}

/** An activity entry for the batch, in the writer's name. */
export function auditOf(
  w: ApiWriter,
  entry: Pick<AuditEntry, 'action' | 'target' | 'summary' | 'before' | 'after'>,
): AuditEntry {
  return auditEntryDoc(`audit:${ulid()}`, entry, w.by);
}

const CODE_TAKEN = /is already used by another product/;
/** Refusals that are about who writes (canWrite's words, and the shop's cancel rule). */
const NOT_YOURS = (reason: string) =>
  reason === NOT_YOURS_TO_CANCEL || /may not|written by the server only|append-only/.test(reason);

/**
 * Store documents through the replication rules; the first refusal becomes the
 * answer (403 for what the role may not do, 409 for a taken code, else 422).
 * Activity entries are stored only once what they describe was. Returns the new
 * revisions by id.
 */
export async function writeDocs(
  services: Services,
  w: ApiWriter,
  docs: object[],
): Promise<Map<string, string>> {
  const isAudit = (d: object) => (d as { _id?: string })._id?.startsWith('audit:') === true;
  const revs = await store(
    services,
    w,
    docs.filter((d) => !isAudit(d)),
  );
  const audits = docs.filter(isAudit);
  if (audits.length) for (const [id, rev] of await store(services, w, audits)) revs.set(id, rev);
  return revs;
}

async function store(
  services: Services,
  w: ApiWriter,
  docs: object[],
): Promise<Map<string, string>> {
  const db: ShopDb = services.storage.shop(w.shopId);
  const results = await writeBatch(
    db,
    {
      role: w.role,
      userId: w.by.userId,
      deviceId: w.by.deviceId,
      names: async () => {
        const user = await services.users.byId(w.by.userId);
        return user ? namesOf(user) : [w.by.userName];
      },
    },
    docs,
    true,
  );
  const revs = new Map<string, string>();
  for (const r of results) {
    if ('ok' in r && r.ok) {
      revs.set(r.id, r.rev);
      continue;
    }
    const reason = 'reason' in r && typeof r.reason === 'string' ? r.reason : 'refused';
    const status = 'status' in r ? r.status : 0;
    if (CODE_TAKEN.test(reason)) throw conflict(reason);
    if (status === 409) throw conflict('Someone changed this at the same moment: try again.');
    if (NOT_YOURS(reason)) throw forbidden(reason);
    throw unprocessable(reason);
  }
  return revs;
}
