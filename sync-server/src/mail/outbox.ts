import { ulid } from '@stallkeeper/shared';
import type { Logger } from '../log.ts';
import { getOrNull, isPouchError } from '../system-db.ts';
import type { MailMessage, MailRef } from './message.ts';
import { PermanentMailError, type MailTransport } from './transport.ts';

/**
 * The persistent outbox: a message is a document in the system database before
 * anything is sent, so a server killed between the request and the send sends it
 * after the restart. Failed sends are retried with growing, jittered delays; a
 * permanent refusal (5xx) or too many tries ends as `failed`. A message the SMTP
 * server took is marked `sent` in its document before anyone is told, so a crash
 * then never sends it twice. Replicas over one CouchDB claim a message (a write
 * with its revision) before sending it.
 */
interface OutboxDoc {
  _id: string; // outbox:<ulid>
  _rev?: string;
  type: 'outbox';
  /** absent until `job` is composed (then kept, so a retry sends the same message) */
  message?: MailMessage;
  /** a message to be written when it is sent (see `compose`) */
  job?: MailJob;
  ref?: MailRef;
  attempts: number;
  nextAt: string;
  createdAt: string;
  lastError?: string;
  claimedUntil?: string;
  /** the SMTP server took it (what remains is telling whoever asked) */
  sentAt?: string;
}

/** What became of a message (kept after the outbox lets it go). */
export interface MailLogDoc {
  _id: string; // maillog:<ulid>
  _rev?: string;
  type: 'maillog';
  status: 'sent' | 'failed';
  to: string;
  subject: string;
  ref?: MailRef;
  at: string;
  error?: string;
  /** where it went: an SMTP message id or a file */
  where?: string;
}

/** A message whose words are worked out by the sender (a reset link for an email that may have no account). */
export interface MailJob {
  kind: string;
  data: Record<string, string>;
}

/** Writes the message of a job; null: nothing to send (it is dropped). */
export type Composer = (data: Record<string, string>) => Promise<MailMessage | null>;

export type MailStatus =
  | { status: 'queued'; attempts: number; lastError: string | null }
  | { status: 'sent'; at: string }
  | { status: 'failed'; at: string; error: string };

export interface Settled {
  id: string;
  ref: MailRef | undefined;
  status: 'sent' | 'failed';
  at: string;
  error: string | null;
}

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
const CLAIM_MS = 120_000;

export class Outbox {
  readonly #listeners: ((s: Settled) => Promise<void>)[] = [];
  readonly #composers = new Map<string, Composer>();
  readonly #now: () => number;
  readonly #base: number;
  readonly #max: number;
  readonly #maxAttempts: number;
  readonly #exclusive: boolean;
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
    this.#max = opts.maxDelayMs ?? 3_600_000;
    this.#maxAttempts = opts.maxAttempts ?? 8;
    this.#exclusive = opts.exclusive ?? false;
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
    const log = await getOrNull<MailLogDoc>(this.db, `maillog:${id}`);
    if (log) {
      return log.status === 'sent'
        ? { status: 'sent', at: log.at }
        : { status: 'failed', at: log.at, error: log.error ?? '' };
    }
    const queued = await getOrNull<OutboxDoc>(this.db, `outbox:${id}`);
    if (!queued) return null;
    return { status: 'queued', attempts: queued.attempts, lastError: queued.lastError ?? null };
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
      await this.#deliver(doc, now);
    }
    if (res.rows.length === BATCH) this.#again = true;
    if (next < Infinity) this.#schedule(next);
  }

  async #deliver(doc: OutboxDoc, now: number): Promise<void> {
    let claimed: OutboxDoc;
    try {
      claimed = { ...doc, claimedUntil: new Date(now + CLAIM_MS).toISOString() };
      claimed._rev = (await this.db.put(claimed)).rev;
    } catch (err) {
      if (isPouchError(err, 409)) return; // another replica has it
      throw err;
    }
    const id = doc._id.slice('outbox:'.length);
    if (claimed.sentAt) {
      await this.#settle(claimed, { status: 'sent', at: claimed.sentAt, where: undefined });
      return;
    }
    try {
      let message = claimed.message;
      if (!message) {
        const composer = this.#composers.get(claimed.job?.kind ?? '');
        message = (composer && claimed.job ? await composer(claimed.job.data) : null) ?? undefined;
        if (!message) {
          await this.db.remove(claimed._id, claimed._rev ?? '');
          return;
        }
        claimed = { ...claimed, message };
        claimed._rev = (await this.db.put(claimed)).rev;
      }
      const where = await this.transport.send(this.from, message);
      const sentAt = new Date(this.#now()).toISOString();
      claimed = { ...claimed, sentAt };
      claimed._rev = (await this.db.put(claimed)).rev;
      await this.#settle(claimed, { status: 'sent', at: sentAt, where });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const attempts = claimed.attempts + 1;
      if (err instanceof PermanentMailError || attempts >= this.#maxAttempts) {
        this.log.warn('email failed', { id, attempts, error: message });
        await this.#settle(claimed, {
          status: 'failed',
          at: new Date(this.#now()).toISOString(),
          error: message,
        });
        return;
      }
      const delay = Math.min(this.#base * 2 ** (attempts - 1), this.#max);
      const jittered = Math.round(delay * (0.8 + Math.random() * 0.4));
      const { claimedUntil: _claim, ...rest } = claimed;
      await this.db.put({
        ...rest,
        attempts,
        lastError: message.slice(0, 300),
        nextAt: new Date(this.#now() + jittered).toISOString(),
      } satisfies OutboxDoc);
      this.log.info('email will be retried', { id, attempts, inMs: jittered, error: message });
      this.#schedule(this.#now() + jittered);
    }
  }

  async #settle(
    doc: OutboxDoc,
    result: { status: 'sent' | 'failed'; at: string; where?: string; error?: string },
  ): Promise<void> {
    const id = doc._id.slice('outbox:'.length);
    const settled: Settled = {
      id,
      ref: doc.ref,
      status: result.status,
      at: result.at,
      error: result.error ?? null,
    };
    for (const listener of this.#listeners) await listener(settled);
    const log: MailLogDoc = {
      _id: `maillog:${id}`,
      type: 'maillog',
      status: result.status,
      to: doc.message?.to ?? '',
      subject: doc.message?.subject ?? '',
      at: result.at,
      ...(doc.ref ? { ref: doc.ref } : {}),
      ...(result.error ? { error: result.error.slice(0, 300) } : {}),
      ...(result.where ? { where: result.where } : {}),
    };
    await this.db.put(log).catch((err: unknown) => {
      if (!isPouchError(err, 409)) throw err;
    });
    await this.db.remove(doc._id, doc._rev ?? '');
  }
}
