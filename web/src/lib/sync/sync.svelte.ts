import { isoNow, SYNC_BATCH } from '@stallkeeper/shared';
import { api, ApiError } from '../api.ts';
import type { Bootstrap } from '../db/bootstrap.ts';
import { LAST_SYNC_KEY } from '../db/local.ts';
import * as outbox from '../db/outbox.ts';
import { openRemote, type PouchDatabase } from '../db/pouch.ts';
import type { ShopContext } from '../db/shop.ts';

export type SyncPhase =
  'stopped' | 'connecting' | 'syncing' | 'up-to-date' | 'offline' | 'signed-out';

export type { Refusal } from '../db/outbox.ts';

/** Back off 1 s, 2 s, 4 s … up to a minute between retries. */
export const backOff = (delay: number) => (delay === 0 ? 1000 : Math.min(delay * 2, 60_000));

/** What the engine reaches the world through; tests hand in their own. */
export interface SyncDeps {
  openRemote: (shopId: string) => Promise<PouchDatabase>;
  /** says which device this session is (`PUT /api/auth/device`) */
  bindDevice: (deviceId: string) => Promise<void>;
  /** run `fn` after `ms`; returns the cancel */
  later: (fn: () => void, ms: number) => () => void;
}

const BROWSER: SyncDeps = {
  openRemote: (shopId) => openRemote(shopId),
  bindDevice: (deviceId) => api.bindDevice(deviceId),
  later: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/**
 * Live two-way replication with the server, and the honest status the header
 * shows: phase, local changes not yet on the server, last sync, first-sync
 * progress and documents the server refused.
 */
export class SyncEngine {
  phase = $state<SyncPhase>('stopped');
  browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** how many things the person did are not yet on the server (see outbox.summarize) */
  pending = $state(0);
  /** the same, by kind: what the header and the logout warning put into words */
  changes = $state<outbox.Changes>({});
  /** every document not yet on the server, the bookkeeping written alongside included */
  unsent = $state(0);
  refused = $state<outbox.Refusal[]>([]);
  lastSyncAt = $state<string | null>(null);
  progress = $state<{ done: number; total: number } | null>(null);
  /** What selling needs is on this device (copied, or synced before): the app may fetch the rest of itself. */
  hasEssentials = $state(false);

  #sync: PouchDB.Replication.Sync<object> | null = null;
  #ctx: ShopContext | null = null;
  #remote: PouchDatabase | null = null;
  #subs: (() => void)[] = [];
  #onSignedOut: () => void = () => undefined;
  #cancelRetry: (() => void) | null = null;
  #retryDelay = 0;
  /** bumped by every start and stop, so work begun by an earlier start knows it is stale */
  #run = 0;

  readonly online = $derived(this.browserOnline && this.phase !== 'offline');

  readonly #deps: SyncDeps;

  constructor(deps: SyncDeps = BROWSER) {
    this.#deps = deps;
  }

  /** The wait before the next retry after a failed start (0: none pending). */
  get retryDelay(): number {
    return this.#retryDelay;
  }

  async start(ctx: ShopContext, onSignedOut: () => void): Promise<void> {
    this.stop();
    const run = this.#run;
    this.#ctx = ctx;
    this.#onSignedOut = onSignedOut;
    this.lastSyncAt =
      ((await ctx.local.meta.get(LAST_SYNC_KEY))?.value as string | undefined) ?? null;
    if (this.#run !== run) return;
    if (this.lastSyncAt) this.hasEssentials = true;
    this.#subs.push(
      outbox.watchOutbox(ctx.local, {
        pending: (s) => {
          this.pending = s.count;
          this.changes = s.changes;
          this.unsent = s.unsent;
        },
        refused: (rows) => (this.refused = rows),
      }),
    );
    // Loaded with the remote side, after the first screen: the sell screen's JavaScript is budgeted.
    const copier = import('../db/bootstrap.ts');
    const remote = await this.#deps.openRemote(ctx.shopId);
    if (this.#run !== run) return;
    this.#remote = remote;
    this.phase = 'connecting';
    // Alongside the device claim (reads need none), a new device asks what its copy
    // will move and the sequence it starts from, and the replica opens.
    const info = this.lastSyncAt ? null : remote.info();
    info?.catch(() => undefined); // (a failure surfaces where it is awaited)
    void ctx.replica().catch(() => undefined);
    if (!(await this.#claimDevice(ctx, run))) return;
    if (info) void this.#measureFirstSync(info);
    let from: { pull?: number | string; push?: number | undefined } = {};
    const { Bootstrap } = await copier;
    if (this.#run !== run) return;
    const replica = await ctx.replica();
    if (this.#run !== run) return;
    const copy = new Bootstrap(replica, remote, ctx.local, ctx.projector, {
      ...(info ? { serverSeq: async () => (await info).update_seq } : {}),
    });
    if (!this.lastSyncAt || !(await copy.complete())) {
      if (this.#run !== run) return;
      const copied = await this.#bootstrap(ctx, copy, run);
      if (copied === null) return; // offline or stopped: retried later
      from = copied;
    }
    if (this.#run !== run) return; // stopped or restarted meanwhile
    const sync = replica.sync(remote, {
      live: true,
      retry: true,
      // After a copy, pull starts where the copy began (what changed meanwhile comes
      // again) and push after the copied documents; the replicator checkpoints from there.
      push: {
        batch_size: SYNC_BATCH.push,
        ...(from.push !== undefined ? { since: from.push } : {}),
      },
      pull: {
        batch_size: SYNC_BATCH.pull,
        ...(from.pull !== undefined ? { since: from.pull } : {}),
      },
      back_off_function: backOff,
    });
    // PouchDB's sync object emits 'paused' without the error when a direction
    // fails and waits to retry (server unreachable); each direction's own
    // 'paused' carries it. Registered before the sync-level listener so the
    // failure is known when the combined 'paused' fires.
    const failed = { push: null as unknown, pull: null as unknown };
    const directions = sync as unknown as Record<
      'push' | 'pull',
      PouchDB.Replication.Replication<object>
    >;
    for (const dir of ['push', 'pull'] as const) {
      void directions[dir]
        .on('paused', (err) => {
          failed[dir] = err ?? null;
        })
        .on('active', () => {
          failed[dir] = null;
        });
    }
    this.#sync = sync
      .on('active', () => {
        this.phase = 'syncing';
      })
      .on('change', (info) => {
        if (info.direction === 'pull' && this.progress) {
          this.progress = { ...this.progress, done: this.progress.done + info.change.docs.length };
        }
        if (info.direction === 'push') void this.#confirm(info.change.docs);
      })
      .on('paused', (err) => void this.#paused(err ?? failed.push ?? failed.pull ?? undefined))
      .on('denied', (err) => void this.#denied(err))
      .on('error', (err) => void this.#paused(err));
  }

  stop(): void {
    this.#run++;
    this.#ctx = null;
    this.#cancelRetry?.();
    this.#cancelRetry = null;
    this.#sync?.cancel();
    this.#sync = null;
    for (const unsubscribe of this.#subs) unsubscribe();
    this.#subs = [];
    this.phase = 'stopped';
  }

  /** Coming back online should not wait out the retry back-off: reconnect now. */
  setBrowserOnline(value: boolean): void {
    this.browserOnline = value;
    if (value && this.#ctx && (this.phase === 'offline' || this.phase === 'connecting')) {
      void this.start(this.#ctx, this.#onSignedOut);
    }
  }

  /**
   * A new device copies what selling needs first (settings, products, customers),
   * so it can sell in seconds, then the order history, in big pages (see
   * Bootstrap). Resolves with where live pull and push may start, or null when
   * it could not finish (offline: retried with back-off; signed out; stopped).
   */
  async #bootstrap(
    ctx: ShopContext,
    copy: Bootstrap,
    run: number,
  ): Promise<{ pull: number | string; push: number | undefined } | null> {
    this.phase = 'syncing';
    const progress = {
      written: (n: number) => {
        if (this.progress && this.#run === run) {
          this.progress = { ...this.progress, done: this.progress.done + n };
        }
      },
    };
    ctx.projector.holdStock();
    try {
      await copy.copyEssentials(progress);
      if (this.#run !== run) return null;
      this.hasEssentials = true;
      const pull = await copy.copyHistory(progress);
      this.#retryDelay = 0;
      // Failing to send sales made during the copy only costs a full push walk.
      const push = await copy.pushFrom().catch(() => undefined);
      return this.#run === run ? { pull, push } : null;
    } catch (err) {
      if (this.#run !== run) return null;
      if ((err as { status?: number }).status === 401) {
        await this.#paused(err);
        return null;
      }
      this.#retryLater(ctx, run);
      return null;
    } finally {
      void ctx.projector.releaseStock();
    }
  }

  /** Offline (or the server down): try the whole start again after a back-off. */
  #retryLater(ctx: ShopContext, run: number): void {
    this.phase = 'offline';
    this.#retryDelay = backOff(this.#retryDelay);
    this.#cancelRetry = this.#deps.later(() => {
      if (this.#run === run) void this.start(ctx, this.#onSignedOut);
    }, this.#retryDelay);
  }

  /**
   * The server takes documents from a session only as the device it said it is, so
   * the session says so first (once; again is harmless). A session that belongs to
   * another device, or has ended, signs in again.
   */
  async #claimDevice(ctx: ShopContext, run: number): Promise<boolean> {
    try {
      await this.#deps.bindDevice(ctx.actor.deviceId);
      return this.#run === run;
    } catch (err) {
      if (this.#run !== run) return false;
      if (err instanceof ApiError && (err.status === 401 || err.status === 409)) {
        await this.#paused({ status: 401 });
      } else {
        this.#retryLater(ctx, run);
      }
      return false;
    }
  }

  async #measureFirstSync(info: Promise<{ doc_count: number }>): Promise<void> {
    try {
      const { doc_count } = await info;
      if (this.#ctx) this.progress = { done: 0, total: doc_count };
    } catch {
      // offline: progress shows once we connect
    }
  }

  async #paused(err: unknown): Promise<void> {
    const status = (err as { status?: number } | undefined)?.status;
    if (status === 401) {
      this.stop();
      this.phase = 'signed-out';
      this.#onSignedOut();
      return;
    }
    if (err) {
      this.phase = 'offline';
      return;
    }
    this.phase = 'up-to-date';
    this.progress = null;
    this.#retryDelay = 0;
    const now = isoNow();
    this.lastSyncAt = now;
    await this.#ctx?.local.meta.put({ key: LAST_SYNC_KEY, value: now });
    await this.#reconcile();
  }

  /** The server now holds what was pushed. */
  async #confirm(docs: { _id: string; _rev?: string }[]): Promise<void> {
    if (this.#ctx) await outbox.confirm(this.#ctx.local, docs);
  }

  async #reconcile(): Promise<void> {
    if (this.#ctx && this.#remote) await outbox.reconcile(this.#ctx.local, this.#remote);
  }

  /**
   * The sync object wraps a direction's refusal as `{ direction, doc }`, `doc`
   * being the server's row: `{ id, error: 'forbidden', reason }`.
   */
  async #denied(event: unknown): Promise<void> {
    const wrapped = (event as { doc?: unknown } | undefined)?.doc ?? event;
    const e = wrapped as { id?: string; reason?: string; message?: string } | undefined;
    if (!e?.id || !this.#ctx) return;
    await outbox.refuse(this.#ctx.local, e.id, e.reason ?? e.message ?? 'refused by the server');
  }
}
