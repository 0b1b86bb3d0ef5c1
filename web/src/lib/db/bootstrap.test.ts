import {
  allocationDoc,
  customerDoc,
  orderDoc,
  productDoc,
  settingsDoc,
} from '@stallkeeper/shared/fixtures';
import { DOC_KINDS, ESSENTIALS_IN, kindOfId } from '@stallkeeper/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Bootstrap, READ_MODEL_ONLY } from './bootstrap.ts';
import { COPY_ORDER } from './copy-pages.ts';
import { COPY_KEYS, ShopLocalDb } from './local.ts';
import { Projector } from './projector.ts';
import { loadPouch, loadPouchSync, type PouchDatabase } from './pouch.ts';
import { steadyQuery } from './steady-query.ts';
import { until } from './testing.ts';

const projectors: Projector[] = [];
afterEach(() => {
  for (const p of projectors.splice(0)) p.stop();
});

let n = 0;
async function setup(page = 3) {
  const id = `boot${++n}${Date.now().toString(36)}`;
  const Pouch = await loadPouchSync();
  // The server's copy: another PouchDB (the layer under test only sees the API).
  const remote = new Pouch(`remote_${id}`, { adapter: 'idb' });
  const pouch = new (await loadPouch())(`device_${id}`, { adapter: 'idb' });
  const local = new ShopLocalDb(id);
  const projector = new Projector(() => Promise.resolve(pouch), local);
  projectors.push(projector);
  await projector.start();
  const written: number[] = [];
  const progress = { written: (k: number) => written.push(k) };
  return {
    remote,
    pouch,
    local,
    projector,
    progress,
    written,
    copy: new Bootstrap(pouch, remote, local, projector, { page }),
  };
}

/** A copy in pages of two whose essentials go to the read models through `ahead`. */
function copyWith(t: Awaited<ReturnType<typeof setup>>, ahead: Projector['projectAhead']) {
  return new Bootstrap(
    t.pouch,
    t.remote,
    t.local,
    { project: (docs, also) => t.projector.project(docs, also), projectAhead: ahead },
    { page: 2 },
  );
}

const isHistory = (id: string) => READ_MODEL_ONLY.has(kindOfId(id) ?? 'settings');
const pick = (revs: Record<string, string>, keep: (id: string) => boolean) =>
  Object.fromEntries(Object.entries(revs).filter(([id]) => keep(id)));

/** Every live document id → winning revision. */
async function liveRevisions(db: PouchDatabase): Promise<Record<string, string>> {
  const res = await db.allDocs();
  return Object.fromEntries(res.rows.map((r) => [r.id, r.value.rev]));
}

/** Every document id → winning revision, deleted ones included. */
async function revisions(db: PouchDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const res = await db.changes({ since: 0, style: 'main_only' });
  for (const r of res.results) {
    const rev = r.changes[0]?.rev;
    if (rev) out[r.id] = rev;
  }
  return out;
}

async function shopOnServer(remote: PouchDatabase) {
  const products = Array.from({ length: 7 }, (_, i) =>
    productDoc({ code: `P-${i}`, name: `P ${i}` }),
  );
  const customers = Array.from({ length: 4 }, (_, i) => customerDoc({ name: `C ${i}` }));
  const orders = Array.from({ length: 8 }, () => orderDoc());
  await remote.bulkDocs([settingsDoc(), ...products, ...customers, ...orders]);
  await remote.bulkDocs(orders.slice(0, 3).map((o) => allocationDoc({ orderId: o._id })));
  return { products, customers, orders };
}

describe('first sync by copying the server in pages', () => {
  it('copies the essentials first, then everything else, with the same revisions', async () => {
    const t = await setup();
    const { products, orders } = await shopOnServer(t.remote);
    // A product edited twice and a customer deleted: the copy holds the latest state.
    const p0 = await t.remote.get(products[0]?._id ?? '');
    const p0b = await t.remote.put({ ...p0, name: 'renamed' });
    await t.remote.put({ ...p0, _rev: p0b.rev, name: 'renamed again' });
    const gone = customerDoc({ name: 'Gone' });
    const goneRev = await t.remote.put(gone);
    await t.remote.remove(gone._id, goneRev.rev);

    await t.copy.copyEssentials(t.progress);
    expect(await t.copy.essentialsCopied()).toBe(true);
    const afterEssentials = await revisions(t.pouch);
    expect(Object.keys(afterEssentials).sort()).toEqual(
      Object.keys(await liveRevisions(t.remote))
        .filter((id) => /^(settings|product:|customer:)/.test(id))
        .sort(),
    );
    expect(Object.keys(afterEssentials).some((id) => id.startsWith('order:'))).toBe(false);

    expect(await t.copy.complete()).toBe(false);
    const seq = await t.copy.copyHistory(t.progress);
    expect(await t.copy.complete()).toBe(true);
    // The replica holds what can be edited, at the server's revisions (a deleted
    // document is simply absent); the append-only history is in the read models only.
    const server = await liveRevisions(t.remote);
    expect(await revisions(t.pouch)).toEqual(pick(server, (id) => !isHistory(id)));
    await t.projector.idle();
    const rows = await t.local.orders.toArray();
    expect(rows.map((o) => o.id).sort()).toEqual(orders.map((o) => o._id).sort());
    // The resolver's decisions came with their orders, into the same rows.
    expect(rows.filter((r) => r.decision?.status === 'confirmed')).toHaveLength(3);
    expect(await t.local.allocations.count()).toBe(0);
    expect(await t.copy.resumeSeq()).toEqual(seq);
    expect((await t.pouch.get(products[0]?._id ?? '')) as unknown).toMatchObject({
      name: 'renamed again',
    });
    await expect(t.pouch.get(gone._id)).rejects.toMatchObject({ status: 404 });
    const row = await t.local.orders.get(orders[4]?._id ?? '');
    expect(row?.doc._rev).toBe((await t.remote.get(orders[4]?._id ?? ''))._rev);
    // Every document counted once.
    const total = t.written.reduce((a, b) => a + b, 0);
    expect(total).toBe(Object.keys(server).length);
  });

  it('writes no essential into the replica before every one is in the read models', async () => {
    const t = await setup(2);
    const { products, customers } = await shopOnServer(t.remote);
    const seen: { products: number; customers: number; docs: number }[] = [];
    const bulkDocs = t.pouch.bulkDocs.bind(t.pouch);
    t.pouch.bulkDocs = (async (docs: object[], opts?: PouchDB.Core.BulkDocsOptions) => {
      seen.push({
        products: await t.local.products.count(),
        customers: await t.local.customers.count(),
        docs: docs.length,
      });
      return bulkDocs(docs, opts);
    }) as typeof t.pouch.bulkDocs;
    await t.copy.copyEssentials(t.progress);
    // pages of two: settings, four of products, two of customers; each written after all
    expect(seen.length).toBeGreaterThan(1);
    for (const s of seen) {
      expect(s).toMatchObject({ products: products.length, customers: customers.length });
    }
    expect(seen.reduce((a, s) => a + s.docs, 0)).toBe(1 + products.length + customers.length);
    expect(await t.copy.essentialsCopied()).toBe(true);
  });

  it('marks the moment every essential is in the read models, before their replica writes end', async () => {
    const t = await setup(2);
    const { products, customers } = await shopOnServer(t.remote);
    let replicaDocs = 0;
    const bulkDocs = t.pouch.bulkDocs.bind(t.pouch);
    t.pouch.bulkDocs = (async (docs: object[], opts?: PouchDB.Core.BulkDocsOptions) => {
      const res = await bulkDocs(docs, opts);
      replicaDocs += docs.length;
      return res;
    }) as typeof t.pouch.bulkDocs;
    const atMark: Promise<number[]>[] = [];
    const mark = performance.mark.bind(performance);
    const spy = vi.spyOn(performance, 'mark').mockImplementation((name, opts) => {
      if (name === ESSENTIALS_IN) {
        // read as the read models stand at the mark, and how far the replica is
        const inReplica = replicaDocs;
        atMark.push(
          Promise.all([t.local.products.count(), t.local.customers.count()]).then((c) => [
            ...c,
            inReplica,
          ]),
        );
      }
      return mark(name, opts);
    });
    try {
      await t.copy.copyEssentials(t.progress);
      await t.copy.copyHistory(t.progress);
    } finally {
      spy.mockRestore();
    }
    expect(atMark).toHaveLength(1); // the history's copy marks nothing
    const [productRows, customerRows, inReplica] = (await atMark[0]) ?? [];
    expect(productRows).toBe(products.length);
    expect(customerRows).toBe(customers.length);
    // the replica was still to be written: selling waits for the read models only
    expect(inReplica).toBeLessThan(1 + products.length + customers.length);
  });

  it('holds a shown screenful of products while the essentials copy, then reads it again once', async () => {
    const t = await setup(2);
    const { products } = await shopOnServer(t.remote);
    const seen: number[] = [];
    const sub = steadyQuery(t.local, ['products'], () => t.local.products.count(), {
      settled: (c) => c >= 2,
    }).subscribe((c) => seen.push(c));
    await until(() => seen.length === 1);
    await t.copy.copyEssentials(t.progress);
    await until(() => seen.at(-1) === products.length);
    // empty, a first page or two (settled), then everything: not a read per page
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBeGreaterThanOrEqual(2);
    expect(seen[1]).toBeLessThan(products.length);
    sub.unsubscribe();
  });

  it('hands over to live replication: later edits flow both ways without conflicts', async () => {
    const t = await setup();
    const { products } = await shopOnServer(t.remote);
    await t.copy.copyEssentials(t.progress);
    const since = await t.copy.copyHistory(t.progress);

    const id = products[1]?._id ?? '';
    const onServer = await t.remote.get(id);
    await t.remote.put({ ...onServer, name: 'edited on the server' });
    const newOrder = orderDoc();
    await t.remote.put(newOrder);
    const pull = await t.pouch.replicate.from(t.remote, { since });
    // Only what changed after the copy moves.
    expect(pull.docs_written).toBe(2);
    const mine = await t.pouch.get(id);
    expect(mine).toMatchObject({ name: 'edited on the server' });

    // Nothing local waits in the outbox: pushing starts after the copied documents.
    const pushFrom = await t.copy.pushFrom();
    expect(pushFrom).toBe((await t.pouch.info()).update_seq);
    await t.pouch.put({ ...mine, name: 'edited on the device' });
    const push = await t.pouch.replicate.to(t.remote, { since: pushFrom });
    expect(push.docs_read).toBe(1);
    const merged = await t.remote.get(id, { conflicts: true });
    expect(merged).toMatchObject({ name: 'edited on the device' });
    expect((merged as { _conflicts?: string[] })._conflicts).toBeUndefined();
    expect(await t.pouch.get(newOrder._id)).toMatchObject({ _id: newOrder._id });
  });

  // Attachments take the same path; fake-indexeddb cannot store their blobs, so the
  // photo case is checked in real Chromium (tests/e2e/skeleton.spec.ts).
  it('sends sales made during the copy first, then lets pushing start after the copy', async () => {
    const t = await setup();
    await shopOnServer(t.remote);
    await t.copy.copyEssentials(t.progress);
    const sale = orderDoc();
    const saved = await t.pouch.put(sale);
    const outboxRow = { kind: 'order', at: new Date().toISOString(), refused: null };
    await t.local.outbox.put({ id: sale._id, rev: saved.rev, ...outboxRow });
    await t.copy.copyHistory(t.progress);

    expect(await t.copy.pushFrom()).toBe((await t.pouch.info()).update_seq);
    expect((await t.remote.get(sale._id))._rev).toBe(saved.rev);

    // An outbox entry whose revision is not here (a crash mid-write): walk the whole feed.
    await t.local.outbox.put({ id: 'order:lost', rev: '1-abc', ...outboxRow });
    expect(await t.copy.pushFrom()).toBeUndefined();
    // A refused document will not be pushed again anyway: it does not hold the push back.
    await t.local.outbox.update('order:lost', { refused: 'forbidden' });
    expect(await t.copy.pushFrom()).toBe((await t.pouch.info()).update_seq);
  });

  it('takes the replicator path for conflicts', async () => {
    const t = await setup();
    const c = customerDoc({ name: 'Conflicted' });
    const rev1 = await t.remote.put(c);
    // Two devices edited the same revision offline: two leaves on the server.
    await t.remote.bulkDocs(
      [
        {
          ...c,
          name: 'Left',
          _rev: '2-aaaa',
          _revisions: { start: 2, ids: ['aaaa', rev1.rev.slice(2)] },
        },
        {
          ...c,
          name: 'Right',
          _rev: '2-bbbb',
          _revisions: { start: 2, ids: ['bbbb', rev1.rev.slice(2)] },
        },
      ],
      { new_edits: false },
    );

    // An order stored twice by a retried upload under two revisions: history,
    // so only the winner is kept, in the read models.
    const o = orderDoc();
    await t.remote.bulkDocs(
      ['1-aaaa', '1-bbbb'].map((rev) => ({
        ...o,
        _rev: rev,
        _revisions: { start: 1, ids: [rev.slice(2)] },
      })),
      { new_edits: false },
    );

    await t.copy.copyEssentials(t.progress);
    await t.copy.copyHistory(t.progress);

    await t.projector.idle();
    const row = await t.local.orders.get(o._id);
    expect(row?.doc._rev).toBe((await t.remote.get(o._id))._rev);
    expect(row?.doc).not.toHaveProperty('_conflicts');

    const local = await t.pouch.get(c._id, { conflicts: true });
    const server = await t.remote.get(c._id, { conflicts: true });
    expect(local._rev).toBe(server._rev);
    expect((local as { _conflicts?: string[] })._conflicts).toEqual(
      (server as { _conflicts?: string[] })._conflicts,
    );
  });

  it('resumes an interrupted copy from the last page it saved', async () => {
    const t = await setup(4);
    const { orders } = await shopOnServer(t.remote);
    await t.copy.copyEssentials(t.progress);
    // Cut the copy short: the read models refuse the second page of orders.
    let pages = 0;
    const failing = new Bootstrap(
      t.pouch,
      t.remote,
      t.local,
      {
        project: (docs, also) => {
          if (docs.length && ++pages > 1) return Promise.reject(new Error('quota'));
          return t.projector.project(docs, also);
        },
        projectAhead: (docs, replicated) => t.projector.projectAhead(docs, replicated),
      },
      { page: 4 },
    );
    await expect(failing.copyHistory(t.progress)).rejects.toThrow('quota');
    const saved = (await t.local.meta.get(COPY_KEYS.position))?.value;
    expect(saved).toMatchObject({ kind: 'order', from: orders[4]?._id });
    expect(await failing.complete()).toBe(false);
    // What was saved is in the read models: the position and its page go together.
    await t.projector.idle();
    expect(await t.local.orders.count()).toBe(4);

    const asked: unknown[] = [];
    const allDocs = t.remote.allDocs.bind(t.remote);
    t.remote.allDocs = ((opts: PouchDB.Core.AllDocsWithinRangeOptions) => {
      asked.push(opts.startkey);
      return allDocs(opts);
    }) as typeof t.remote.allDocs;
    const resumed = new Bootstrap(t.pouch, t.remote, t.local, t.projector, { page: 4 });
    await resumed.copyHistory(t.progress);
    // It started where the interrupted copy stopped, not from the beginning.
    expect(asked[0]).toBe(orders[4]?._id);
    await t.projector.idle();
    expect(await t.local.orders.count()).toBe(orders.length);
    expect(await resumed.complete()).toBe(true);
  });

  it('stops a copy whose page the read models refuse while the next is prepared', async () => {
    const t = await setup(2);
    const { products } = await shopOnServer(t.remote);
    performance.clearMarks(ESSENTIALS_IN);
    let pages = 0;
    const failing = copyWith(t, (docs, replicated) => {
      // the second page fails once its writes were handed over
      if (++pages !== 2) return t.projector.projectAhead(docs, replicated);
      return { started: Promise.resolve(), committed: Promise.reject(new Error('quota')) };
    });
    await expect(failing.copyEssentials(t.progress)).rejects.toThrow('quota');
    expect(await failing.essentialsCopied()).toBe(false);
    expect(performance.getEntriesByName(ESSENTIALS_IN)).toHaveLength(0);
    // No position past the refused page was saved: a new copy starts at or before it.
    const saved = (await t.local.meta.get(COPY_KEYS.position))?.value as
      { kind: string; from: string | null } | undefined;
    const ids = products.map((p) => p._id).sort();
    expect(saved === undefined || saved.kind === 'settings' || saved.from === ids[1]).toBe(true);
    const resumed = new Bootstrap(t.pouch, t.remote, t.local, t.projector, { page: 2 });
    await resumed.copyEssentials(t.progress);
    await t.projector.idle();
    expect(await t.local.products.count()).toBe(products.length);
  });

  it('lets the first page commit before the next begins, and keeps two at most in flight', async () => {
    const t = await setup(2);
    await shopOnServer(t.remote);
    const events: string[] = [];
    let n = 0;
    const watching = copyWith(t, (docs, replicated) => {
      const page = ++n;
      events.push(`begin ${page}`);
      const r = t.projector.projectAhead(docs, replicated);
      void r.committed.then(() => events.push(`in ${page}`));
      return r;
    });
    await watching.copyEssentials(t.progress);
    // (the sell screen's first read, made when page 1 commits, comes before page 2's writes)
    expect(events.indexOf('in 1')).toBeLessThan(events.indexOf('begin 2'));
    // never more than two pages in IndexedDB's hands
    let inFlight = 0;
    for (const e of events) {
      inFlight += e.startsWith('begin') ? 1 : -1;
      expect(inFlight).toBeLessThanOrEqual(2);
    }
    expect(events.filter((e) => e.startsWith('in'))).toHaveLength(n);
  });

  it('asks for the settings and the first page of products at once', async () => {
    const t = await setup(4);
    await shopOnServer(t.remote);
    const asked: string[] = [];
    let inFlight = 0;
    let most = 0;
    const allDocs = t.remote.allDocs.bind(t.remote);
    t.remote.allDocs = (async (opts: PouchDB.Core.AllDocsWithinRangeOptions) => {
      asked.push(String(opts.startkey));
      most = Math.max(most, ++inFlight);
      try {
        return await allDocs(opts);
      } finally {
        inFlight--;
      }
    }) as typeof t.remote.allDocs;
    await t.copy.copyEssentials(t.progress);
    expect(asked.slice(0, 2)).toEqual(['settings', 'product:']);
    expect(most).toBe(2);
    // one page written with both: the settings and four products
    expect(t.written[0]).toBe(5);
    await t.projector.idle();
    expect(await t.local.products.count()).toBe(7);
    expect((await t.local.meta.get('settings'))?.value).toBeTruthy();
  });

  it('brings every decision of a page of orders along, however many requests they take', async () => {
    const t = await setup(2);
    const { orders } = await shopOnServer(t.remote);
    // Two more decisions for the first order: its latest (n = 2) must win.
    const first = orders[0]?._id ?? '';
    await t.remote.bulkDocs([
      allocationDoc({
        _id: `allocation:${first}:1`,
        orderId: first,
        seq: 1,
        status: 'backordered',
      }),
      allocationDoc({ _id: `allocation:${first}:2`, orderId: first, seq: 2, status: 'oversold' }),
    ]);
    await t.copy.copyEssentials(t.progress);
    await t.copy.copyHistory(t.progress);
    await t.projector.idle();
    expect((await t.local.orders.get(first))?.decision).toEqual({ n: 2, status: 'oversold' });
    expect((await t.local.orders.get(orders[1]?._id ?? ''))?.decision?.status).toBe('confirmed');
    expect(await t.local.allocations.count()).toBe(0);
  });

  it('copies the history again after the read models are rebuilt', async () => {
    const t = await setup();
    const { orders } = await shopOnServer(t.remote);
    await t.copy.copyEssentials(t.progress);
    await t.copy.copyHistory(t.progress);
    const sale = orderDoc();
    await t.pouch.put(sale);

    await t.projector.rebuild();
    // The replica's own documents come back at once; the copied history is forgotten …
    expect(await t.local.orders.get(sale._id)).toBeDefined();
    expect(await t.local.orders.count()).toBe(1);
    expect(await t.copy.complete()).toBe(false);
    expect(await t.copy.resumeSeq()).toBeNull();
    // … and the next copy brings it back.
    await t.copy.copyEssentials(t.progress);
    await t.copy.copyHistory(t.progress);
    await t.projector.idle();
    expect(await t.local.orders.count()).toBe(orders.length + 1);
  });
});

describe('what a copy brings', () => {
  it('copies every kind, allocations with their orders, events before orders', () => {
    expect([...COPY_ORDER, 'allocation'].sort()).toEqual([...DOC_KINDS].sort());
    expect(COPY_ORDER.indexOf('orderevent')).toBeLessThan(COPY_ORDER.indexOf('order'));
    expect(COPY_ORDER.slice(0, 3)).toEqual(['settings', 'product', 'customer']);
  });
});
