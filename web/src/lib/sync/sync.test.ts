import type { Product } from '@stallkeeper/shared';
import { customerDoc } from '@stallkeeper/shared/fixtures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import { createCustomer, EMPTY_CUSTOMER } from '../db/customers.ts';
import { COPY_KEYS } from '../db/local.ts';
import { loadPouchSync, type PouchDatabase } from '../db/pouch.ts';
import { ShopContext } from '../db/shop.ts';
import { addProduct, cashSale } from '../db/testing.ts';
import { backOff, SyncEngine, type SyncDeps } from './sync.svelte.ts';

/**
 * The engine against a real local replica (PouchDB on fake-indexeddb) and a
 * stand-in server: another local PouchDB, reached without HTTP. What the real
 * server accepts and refuses is tested by the conformance and server suites.
 */

const actor = { userId: 'user-se-1', userName: 'Sam', deviceId: 'dev-se-1' };
let n = 0;
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

interface Timer {
  fn: () => void;
  ms: number;
  cancelled: boolean;
}

async function setup(opts: { syncedBefore?: boolean } = {}) {
  const Pouch = await loadPouchSync();
  const shopId = `se${++n}${Date.now().toString(36)}`;
  const ctx = await ShopContext.open(shopId, actor, new Pouch(`se_${shopId}`, { adapter: 'idb' }));
  const remote = new Pouch(`se_server_${shopId}`, { adapter: 'idb' });
  if (opts.syncedBefore) {
    // A device that has synced and copied its shop before: live replication at once.
    await ctx.local.meta.bulkPut([
      { key: 'sync.lastAt', value: new Date(Date.now() - 3_600_000).toISOString() },
      { key: COPY_KEYS.complete, value: true },
    ]);
  }
  const timers: Timer[] = [];
  const deps: SyncDeps = {
    openRemote: () => Promise.resolve(remote),
    bindDevice: () => Promise.resolve(),
    later: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
  };
  const engine = new SyncEngine(deps);
  const signedOut = vi.fn();
  cleanup.push(async () => {
    engine.stop();
    await new Promise((r) => setTimeout(r, 20));
    await ctx.close();
    await remote.destroy();
  });
  return { ctx, remote, deps, engine, timers, signedOut };
}

/** Poll until `ok` holds (the engine reacts to IndexedDB and replication events). */
async function until(ok: () => boolean, what: string, ms = 8_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const plums = (ctx: ShopContext) => addProduct(ctx);
const sale = (ctx: ShopContext, p: Product) => cashSale(ctx, p);

async function serverHas(remote: PouchDatabase, id: string): Promise<boolean> {
  return remote.get(id).then(
    () => true,
    () => false,
  );
}

describe('the sync engine', () => {
  it('connects, syncs and is up to date; a new device copies the shop first', async () => {
    const t = await setup();
    const p = await plums(t.ctx);
    let bound: () => void = () => undefined;
    t.deps.bindDevice = () => new Promise<void>((resolve) => (bound = resolve));
    // Hold the first copy at its first request, to see the engine while it copies.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const info = t.remote.info.bind(t.remote);
    Object.assign(t.remote, { info: () => held.then(() => info()) });

    const started = t.engine.start(t.ctx, t.signedOut);
    await until(() => t.engine.phase === 'connecting', 'connecting');
    expect(t.engine.lastSyncAt).toBeNull();
    bound();
    await until(() => t.engine.phase === 'syncing', 'syncing');
    release();
    await started;
    await until(() => t.engine.phase === 'up-to-date', 'up to date');

    expect(t.engine.lastSyncAt).not.toBeNull();
    expect((await t.ctx.local.meta.get('sync.lastAt'))?.value).toBe(t.engine.lastSyncAt);
    // What the device made before its first sync reached the server, and left the outbox.
    await until(() => t.engine.unsent === 0, 'the outbox to empty');
    expect(await serverHas(t.remote, p._id)).toBe(true);
    expect(t.engine.pending).toBe(0);
    expect(t.signedOut).not.toHaveBeenCalled();
  });

  it('asks where its copy starts alongside the device claim, and copies from there', async () => {
    const t = await setup();
    await t.remote.info(); // (the stand-in server's database is open, as a server's is)
    let bound: () => void = () => undefined;
    t.deps.bindDevice = () => new Promise<void>((resolve) => (bound = resolve));
    const seqs: (number | string)[] = [];
    const info = t.remote.info.bind(t.remote);
    Object.assign(t.remote, {
      info: async () => {
        const i = await info();
        seqs.push(i.update_seq);
        return i;
      },
    });
    const started = t.engine.start(t.ctx, t.signedOut);
    // asked while the claim is still on its way
    await until(() => seqs.length === 1, 'the server asked');
    expect(t.engine.phase).toBe('connecting');
    await t.remote.put(customerDoc({ name: 'Ana' })); // the server moves on meanwhile
    bound();
    await started;
    await until(() => t.engine.phase === 'up-to-date', 'up to date');
    // the copy began from that answer, not a later one
    expect((await t.ctx.local.meta.get(COPY_KEYS.since))?.value).toBe(seqs[0]);
    expect((await t.remote.info()).update_seq).not.toBe(seqs[0]);
  });

  it('counts what is waiting as the person did it, and follows the outbox down to zero', async () => {
    const t = await setup({ syncedBefore: true });
    const p = await plums(t.ctx);
    t.deps.bindDevice = () => Promise.reject(new NetworkError('Cannot reach the server.'));
    await t.engine.start(t.ctx, t.signedOut);
    const made = await sale(t.ctx, p);
    await createCustomer(t.ctx, { ...EMPTY_CUSTOMER, name: 'Ana' });
    await until(() => t.engine.pending === 3, 'three things waiting');
    expect(t.engine.changes).toEqual({ product: 1, order: 1, customer: 1 });
    // Six documents: each of the three with its audit entry.
    expect(t.engine.unsent).toBe(6);

    // The connection returns: the retry syncs everything, and the count follows.
    t.deps.bindDevice = () => Promise.resolve();
    t.timers.at(-1)?.fn();
    await until(() => t.engine.phase === 'up-to-date', 'up to date');
    await until(() => t.engine.unsent === 0, 'the outbox to empty');
    expect(t.engine.pending).toBe(0);
    expect(t.engine.changes).toEqual({});
    expect(await serverHas(t.remote, made._id)).toBe(true);

    // A sale made while connected is pushed, and the count follows it back to zero.
    // (Waiting on the count alone passed at once, before the sale had been counted.)
    const live = await sale(t.ctx, p);
    await vi.waitFor(async () => expect(await serverHas(t.remote, live._id)).toBe(true), {
      timeout: 8_000,
    });
    await until(() => t.engine.pending === 0 && t.engine.unsent === 0, 'the new sale to sync');
    expect(
      (await t.remote.allDocs({ startkey: 'order:', endkey: 'order:\ufff0' })).rows,
    ).toHaveLength(2);
  });

  it('is offline when the server cannot be reached, and retries with a growing back-off', async () => {
    const t = await setup({ syncedBefore: true });
    t.deps.bindDevice = () => Promise.reject(new NetworkError('Cannot reach the server.'));
    await t.engine.start(t.ctx, t.signedOut);
    expect(t.engine.phase).toBe('offline');
    for (let i = 0; i < 7; i++) {
      const before = t.timers.length;
      t.timers.at(-1)?.fn();
      await until(() => t.timers.length > before, `retry ${i + 2}`);
      expect(t.engine.phase).toBe('offline');
    }
    expect(t.timers.map((x) => x.ms)).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
    expect(t.signedOut).not.toHaveBeenCalled();

    // Back online: synced, and the next failure starts from a short wait again.
    t.deps.bindDevice = () => Promise.resolve();
    t.timers.at(-1)?.fn();
    await until(() => t.engine.phase === 'up-to-date', 'up to date');
    expect(t.engine.retryDelay).toBe(0);
    t.deps.bindDevice = () => Promise.reject(new NetworkError('Cannot reach the server.'));
    await t.engine.start(t.ctx, t.signedOut);
    expect(t.engine.phase).toBe('offline');
    expect(t.timers.at(-1)?.ms).toBe(1000);
  });

  it('stopping cancels a pending retry', async () => {
    const t = await setup({ syncedBefore: true });
    t.deps.bindDevice = () => Promise.reject(new NetworkError('Cannot reach the server.'));
    await t.engine.start(t.ctx, t.signedOut);
    expect(t.timers.at(-1)?.cancelled).toBe(false);
    t.engine.stop();
    expect(t.timers.at(-1)?.cancelled).toBe(true);
    expect(t.engine.phase).toBe('stopped');
  });

  it('goes offline when the server drops mid-sync, and back to up to date on its own', async () => {
    const t = await setup({ syncedBefore: true });
    await t.engine.start(t.ctx, t.signedOut);
    await until(() => t.engine.phase === 'up-to-date', 'up to date');
    let down = true;
    const revsDiff = t.remote.revsDiff.bind(t.remote);
    Object.assign(t.remote, {
      revsDiff: (diff: PouchDB.Core.RevisionDiffOptions) =>
        down ? Promise.reject(new TypeError('Failed to fetch')) : revsDiff(diff),
    });
    const p = await plums(t.ctx);
    await until(() => t.engine.phase === 'offline', 'offline');
    expect(t.engine.pending).toBe(1);
    down = false;
    // PouchDB retries after the engine's back-off (1 s first).
    await until(() => t.engine.phase === 'up-to-date' && t.engine.unsent === 0, 'synced again');
    expect(await serverHas(t.remote, p._id)).toBe(true);
  });

  it.each([
    [401, 'the session has ended'],
    [409, 'the session belongs to another device'],
  ])('is signed out when claiming the device answers %i (%s)', async (status) => {
    const t = await setup({ syncedBefore: true });
    t.deps.bindDevice = () => Promise.reject(new ApiError(status, 'error', 'no'));
    await t.engine.start(t.ctx, t.signedOut);
    expect(t.engine.phase).toBe('signed-out');
    expect(t.signedOut).toHaveBeenCalledTimes(1);
    expect(t.timers).toHaveLength(0);
  });

  it('is signed out when the server ends the session during the first copy', async () => {
    const t = await setup();
    Object.assign(t.remote, {
      info: () => Promise.reject(Object.assign(new Error('unauthorized'), { status: 401 })),
    });
    await t.engine.start(t.ctx, t.signedOut);
    await until(() => t.engine.phase === 'signed-out', 'signed out');
    expect(t.signedOut).toHaveBeenCalledTimes(1);
    expect(t.timers).toHaveLength(0);
  });

  it('lists what the server refused, by what it is, apart from what is pending', async () => {
    const t = await setup({ syncedBefore: true });
    // This server refuses new customers from this device, as a role rule would.
    const bulkDocs = t.remote.bulkDocs.bind(t.remote);
    const reason = 'a seller may not add customers';
    Object.assign(t.remote, {
      bulkDocs: async (
        req: { docs: PouchDB.Core.PutDocument<object>[]; new_edits?: boolean },
        opts?: PouchDB.Core.BulkDocsOptions,
      ) => {
        const refused = req.docs.filter((d) => d._id?.startsWith('customer:'));
        const taken = req.docs.filter((d) => !refused.includes(d));
        const res = taken.length
          ? await bulkDocs(taken, { ...opts, new_edits: req.new_edits ?? true })
          : [];
        return [
          ...res,
          ...refused.map((d) => ({ id: d._id, error: 'forbidden', name: 'forbidden', reason })),
        ];
      },
    });
    const ana = await createCustomer(t.ctx, { ...EMPTY_CUSTOMER, name: 'Ana' });
    await t.engine.start(t.ctx, t.signedOut);
    await until(() => t.engine.refused.length === 1, 'the refusal');
    expect(t.engine.refused[0]).toMatchObject({
      id: ana._id,
      kind: 'customer',
      label: 'Ana',
      reason,
    });
    // The rest (the customer's audit entry) went through; nothing else waits.
    await until(() => t.engine.unsent === 0, 'the outbox to empty');
    expect(t.engine.pending).toBe(0);
    expect(await serverHas(t.remote, ana._id)).toBe(false);
  });
});

describe('back-off', () => {
  it('doubles from one second up to a minute', () => {
    const delays: number[] = [];
    for (let d = 0, i = 0; i < 9; i++) delays.push((d = backOff(d)));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });
});
