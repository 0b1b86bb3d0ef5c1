import { ulid } from '@stallkeeper/shared';
import type { Logger } from '../log.ts';
import { getOrNull, isPouchError } from '../system-db.ts';
import type { MailMessage, MailRef } from './message.ts';
import { deliver, type Delivery } from './outbox-delivery.ts';
import {
  statusOf,
  type Composer,
  type MailJob,
  type MailLogDoc,
  type MailStatus,
  type OutboxDoc,
  type Settled,
} from './outbox-docs.ts';
import type { MailTransport } from './transport.ts';

// The documents' shapes live in outbox-docs.ts; importers keep reaching them here.
export type { Composer, MailJob, MailLogDoc, MailStatus, Settled } from './outbox-docs.ts';

export interface OutboxOptions {
  now?: () => number;
  /** the first retry's delay (doubling, up to maxDelayMs) */
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
  /**
   * No other process sends from this database (LevelDB storage): a claim found at
   * start is a killed run's, not a live replica's, and is not waited out.
   */
  exclusive?: boolean;
}

const BATCH = 50;

/**
 * The persistent outbox: a message is a document in the system database before
 * anything is sent, so a server killed between the request and the send sends it
 * after the restart. Failed sends are retried with growing, jittered delays; a
 * permanent refusal (5xx) or too many tries ends as `failed`. A message the SMTP
 * server took is marked `sent` in its document before anyone is told, so a crash
 * then never sends it twice. Replicas over one CouchDB claim a message (a write
 * with its revision) before sending it. Sending one message is outbox-delivery.ts.
 */
export class Outbox {
  readonly #listeners: ((s: Settled) => Promise<void>)[] = [];
  readonly #composers = new Map<string, Composer>();
  readonly #now: () => number;
  readonly #base: number;
  readonly #exclusive: boolean;
  readonly #delivery: Delivery;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  /** the next pass sends what waits for a retry too (a restart is a good time to try again) */
  #resume = false;

  constructor(
    private readonly db: PouchDB.Database,
    readonly transport: MailTransport,
    readonly from: string,
    private readonly log: Logger,
    opts: OutboxOptions = {},
  ) {
    this.#now = opts.now ?? Date.now;
    this.#base = opts.baseDelayMs ?? 30_000;
    this.#exclusive = opts.exclusive ?? false;
    this.#delivery = {
      db,
      transport,
      from,
      log,
      now: this.#now,
      composers: this.#composers,
      listeners: this.#listeners,
      baseDelayMs: this.#base,
      maxDelayMs: opts.maxDelayMs ?? 3_600_000,
      maxAttempts: opts.maxAttempts ?? 8,
      schedule: (at) => this.#schedule(at),
    };
  }

  /** Hear about every message that was sent or gave up (at least once each). */
  onSettled(listener: (s: Settled) => Promise<void>): void {
    this.#listeners.push(listener);
  }

  /** How jobs of `kind` become messages. */
  compose(kind: string, composer: Composer): void {
    this.#composers.set(kind, composer);
  }

  /**
   * Keep a job now and write its message when sending: a request is answered
   * (and kept) the same way whatever the message turns out to be.
   */
  enqueueJob(job: MailJob, opts: { id?: string; ref?: MailRef } = {}): Promise<string> {
    return this.#put({ job, ...(opts.ref ? { ref: opts.ref } : {}) }, opts.id);
  }

  /** Whether a message of this id is queued or was settled (an id given to enqueueJob). */
  async known(id: string): Promise<boolean> {
    const res = await this.db.allDocs({ keys: [`outbox:${id}`, `maillog:${id}`] });
    return res.rows.some((r) => 'value' in r && r.value && !r.value.deleted);
  }

  /** Queue a message; with an `id`, a second call with the same id queues nothing. */
  async enqueue(message: MailMessage, ref?: MailRef, id?: string): Promise<string> {
    if (id && (await this.known(id))) return id;
    return this.#put({ message, ...(ref ? { ref } : {}) }, id);
  }

  async #put(content: Pick<OutboxDoc, 'message' | 'job' | 'ref'>, given?: string): Promise<string> {
    const id = given ?? ulid();
    const now = new Date(this.#now()).toISOString();
    const doc: OutboxDoc = {
      _id: `outbox:${id}`,
      type: 'outbox',
      ...content,
      attempts: 0,
      nextAt: now,
      createdAt: now,
    };
    try {
      await this.db.put(doc);
    } catch (err) {
      if (!(given && isPouchError(err, 409))) throw err; // a given id: already queued
    }
    this.kick();
    return id;
  }

  async status(id: string): Promise<MailStatus | null> {
    // the log first: a settled message's outbox document is gone or going
    const doc =
      (await getOrNull<MailLogDoc>(this.db, `maillog:${id}`)) ??
      (await getOrNull<OutboxDoc>(this.db, `outbox:${id}`));
    return doc ? statusOf(doc) : null;
  }

  /** Send what is due now and after every enqueue; resumes what a restart left. */
  start(): void {
    this.#stopped = false;
    this.#resume = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#tick();
        } while (this.#again && !this.#stopped);
      } catch (err) {
        this.log.error('outbox failed', { error: (err as Error).message });
        this.#schedule(this.#now() + this.#base);
      } finally {
        this.#running = null;
      }
    })();
  }

  /** Resolves once nothing is due (tests). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
  }

  #schedule(at: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        this.kick();
      },
      Math.max(0, at - this.#now()),
    );
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    const res = await this.db.allDocs({
      startkey: 'outbox:',
      endkey: 'outbox:\ufff0',
      include_docs: true,
      limit: BATCH,
    });
    let next = Infinity;
    const resume = this.#resume;
    this.#resume = false;
    for (const row of res.rows) {
      if (this.#stopped) return;
      const doc = row.doc as unknown as OutboxDoc | undefined;
      if (!doc) continue;
      const now = this.#now();
      const due = Math.max(
        resume ? 0 : Date.parse(doc.nextAt),
        resume && this.#exclusive ? 0 : Date.parse(doc.claimedUntil ?? '') || 0,
      );
      if (due > now) {
        next = Math.min(next, due);
        continue;
      }
      await deliver(this.#delivery, doc, now);
    }
    if (res.rows.length === BATCH) this.#again = true;
    if (next < Infinity) this.#schedule(next);
  }
}
