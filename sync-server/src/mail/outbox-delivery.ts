import type { Logger } from '../log.ts';
import { isPouchError } from '../system-db.ts';
import {
  mailLogOf,
  messageIdOf,
  settledOf,
  type Composer,
  type OutboxDoc,
  type Outcome,
  type Settled,
} from './outbox-docs.ts';
import { PermanentMailError, type MailTransport } from './transport.ts';

/** How long a claim keeps other replicas off a message: longer than any one send takes. */
const CLAIM_MS = 120_000;

/** What sending one message needs of its outbox. */
export interface Delivery {
  db: PouchDB.Database;
  transport: MailTransport;
  from: string;
  log: Logger;
  now: () => number;
  composers: ReadonlyMap<string, Composer>;
  listeners: readonly ((s: Settled) => Promise<void>)[];
  /** the first retry's delay (doubling, up to maxDelayMs) */
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** wake the outbox at `at` (a retry's time) */
  schedule(at: number): void;
}

/**
 * Send one due message: claim it (a write with its revision, so one replica sends it),
 * compose it if it is a job, send it, and mark it `sent` before anyone is told, so a
 * crash then never sends it twice. A failure is retried with a growing, jittered
 * delay; a permanent refusal or the last attempt settles it as `failed`.
 */
export async function deliver(d: Delivery, doc: OutboxDoc, now: number): Promise<void> {
  let claimed: OutboxDoc;
  try {
    claimed = { ...doc, claimedUntil: new Date(now + CLAIM_MS).toISOString() };
    claimed._rev = (await d.db.put(claimed)).rev;
  } catch (err) {
    if (isPouchError(err, 409)) return; // another replica has it
    throw err;
  }
  const id = messageIdOf(doc);
  if (claimed.sentAt) {
    await settle(d, claimed, { status: 'sent', at: claimed.sentAt, where: undefined });
    return;
  }
  try {
    let message = claimed.message;
    if (!message) {
      const composer = d.composers.get(claimed.job?.kind ?? '');
      message = (composer && claimed.job ? await composer(claimed.job.data) : null) ?? undefined;
      if (!message) {
        await d.db.remove(claimed._id, claimed._rev ?? '');
        return;
      }
      claimed = { ...claimed, message };
      claimed._rev = (await d.db.put(claimed)).rev;
    }
    const where = await d.transport.send(d.from, message);
    const sentAt = new Date(d.now()).toISOString();
    claimed = { ...claimed, sentAt };
    claimed._rev = (await d.db.put(claimed)).rev;
    await settle(d, claimed, { status: 'sent', at: sentAt, where });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const attempts = claimed.attempts + 1;
    if (err instanceof PermanentMailError || attempts >= d.maxAttempts) {
      d.log.warn('email failed', { id, attempts, error: message });
      await settle(d, claimed, {
        status: 'failed',
        at: new Date(d.now()).toISOString(),
        error: message,
      });
      return;
    }
    const delay = Math.min(d.baseDelayMs * 2 ** (attempts - 1), d.maxDelayMs);
    const jittered = Math.round(delay * (0.8 + Math.random() * 0.4));
    const { claimedUntil: _claim, ...rest } = claimed;
    await d.db.put({
      ...rest,
      attempts,
      lastError: message.slice(0, 300),
      nextAt: new Date(d.now() + jittered).toISOString(),
    } satisfies OutboxDoc);
    d.log.info('email will be retried', { id, attempts, inMs: jittered, error: message });
    d.schedule(d.now() + jittered);
  }
}

/** Tell the listeners, log what became of the message, and let the outbox go of it. */
async function settle(d: Delivery, doc: OutboxDoc, result: Outcome): Promise<void> {
  const settled = settledOf(doc, result);
  for (const listener of d.listeners) await listener(settled);
  await d.db.put(mailLogOf(doc, result)).catch((err: unknown) => {
    if (!isPouchError(err, 409)) throw err;
  });
  await d.db.remove(doc._id, doc._rev ?? '');
}
