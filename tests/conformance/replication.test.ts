import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '@stallkeeper/sync-server/testing';
import { customerDoc, orderDoc, productDoc } from '../support/docs.ts';
import { localDb, registerOwner, remoteDb, type Account } from '../support/pouch-client.ts';
import { startServer } from '../support/server.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;

async function waitFor(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the real PouchDB 9 replicator against the sync server', () => {
  let server: Started;
  let owner: Account;
  beforeAll(async () => {
    server = await startTestServer();
    owner = await registerOwner(server.url);
  });
  afterAll(async () => server?.close());

  const remote = () => remoteDb(server.url, owner.shopId, owner.cookie);

  it('pushes 5,000 documents one-shot and pulls them into a fresh device', async () => {
    const a = localDb();
    const docs = Array.from({ length: 5000 }, (_, i) => customerDoc(`Bulk ${i}`));
    for (let i = 0; i < docs.length; i += 500) await a.bulkDocs(docs.slice(i, i + 500));
    const pushed = await a.replicate.to(remote(), { batch_size: 100 });
    expect(pushed.ok).toBe(true);
    expect(pushed.docs_written).toBe(5000);
    expect(pushed.doc_write_failures).toBe(0);

    const b = localDb();
    const pulled = await b.replicate.from(remote(), { batch_size: 100 });
    expect(pulled.ok).toBe(true);
    const ids = new Set((await b.allDocs()).rows.map((r) => r.id));
    for (const d of docs) expect(ids.has(d._id)).toBe(true);
  });

  it('keeps two devices in live two-way sync through the server', async () => {
    const a = localDb();
    const b = localDb();
    const syncA = a.sync(remote(), { live: true, retry: true });
    const syncB = b.sync(remote(), { live: true, retry: true });
    try {
      const fromA = customerDoc('Made on A');
      const fromB = customerDoc('Made on B');
      await a.put(fromA);
      await b.put(fromB);
      await waitFor(async () => {
        const [inA, inB] = await Promise.all([
          a.get(fromB._id).then(
            () => true,
            () => false,
          ),
          b.get(fromA._id).then(
            () => true,
            () => false,
          ),
        ]);
        return inA && inB;
      });
    } finally {
      syncA.cancel();
      syncB.cancel();
    }
  });

  it('replicates conflicting offline edits so every replica agrees on the same winner', async () => {
    const base = productDoc('CONF-1', 'Original name');
    const seed = localDb();
    await seed.put(base);
    await seed.replicate.to(remote());

    const a = localDb();
    const b = localDb();
    await a.replicate.from(remote());
    await b.replicate.from(remote());
    const inA = await a.get<typeof base>(base._id);
    const inB = await b.get<typeof base>(base._id);
    await a.put({ ...inA, name: 'Edited on A' });
    await b.put({ ...inB, name: 'Edited on B' });

    await a.replicate.to(remote());
    await b.replicate.to(remote());
    // The server's resolver merges the conflict; then both devices pull the merge.
    await waitFor(async () => {
      const doc = await remote().get<typeof base>(base._id, { conflicts: true });
      return (doc._conflicts ?? []).length === 0;
    });
    await a.replicate.from(remote());
    await b.replicate.from(remote());

    const finalA = await a.get<typeof base>(base._id, { conflicts: true });
    const finalB = await b.get<typeof base>(base._id, { conflicts: true });
    const onServer = await remote().get<typeof base>(base._id, { conflicts: true });
    expect(finalA._rev).toBe(finalB._rev);
    expect(finalA._rev).toBe(onServer._rev);
    expect(finalA.name).toBe(finalB.name);
    expect(['Edited on A', 'Edited on B']).toContain(finalA.name);
    expect(finalA._conflicts ?? []).toEqual([]);
    expect(finalB._conflicts ?? []).toEqual([]);
  });

  it('a device offline for weeks converges after the server compacted the revisions it holds', async () => {
    const base = productDoc('COMPACT-1', 'Kept for weeks');
    const seed = localDb();
    await seed.put(base);
    await seed.replicate.to(remote());
    const away = localDb();
    const busy = localDb();
    await away.replicate.from(remote());
    await busy.replicate.from(remote());
    // while `away` is offline, another device edits the product again and again
    for (let i = 1; i <= 6; i++) {
      const doc = await busy.get<typeof base>(base._id);
      await busy.put({ ...doc, price: 250 + i });
      await busy.replicate.to(remote());
    }
    const store = server.app.services.storage.shop(owner.shopId);
    const now = Date.now();
    await store.compact?.(now, 1000);
    const report = await store.compact?.(now + 1000, 1000);
    expect(report?.revisions).toBeGreaterThanOrEqual(6); // the revision `away` holds among them
    const held = await away.get<typeof base>(base._id);
    await expect(remote().get(base._id, { rev: held._rev })).rejects.toMatchObject({ status: 404 });

    // back online with an edit on top of that old revision
    await away.put({ ...held, name: 'Renamed while away' });
    await away.replicate.to(remote());
    await waitFor(async () => {
      const doc = await remote().get<typeof base>(base._id, { conflicts: true });
      return (doc._conflicts ?? []).length === 0;
    });
    await away.replicate.from(remote());
    await busy.replicate.from(remote());
    const fresh = localDb();
    await fresh.replicate.from(remote());
    const onServer = await remote().get<typeof base>(base._id, { conflicts: true });
    for (const device of [away, busy, fresh]) {
      const doc = await device.get<typeof base>(base._id, { conflicts: true });
      expect(doc._rev).toBe(onServer._rev);
      expect(doc._conflicts ?? []).toEqual([]);
    }
  });

  it('filters a pull by document type (_selector), for a first sync of what selling needs', async () => {
    const seed = localDb();
    await seed.bulkDocs([productDoc('SEL-1', 'Selected'), customerDoc('Also selected')]);
    const order = orderDoc(productDoc('SEL-2', 'x'), 1, owner.userId, owner.deviceId, 1);
    await seed.put(order);
    await seed.replicate.to(remote());
    const fresh = localDb();
    await fresh.replicate.from(remote(), {
      selector: { type: { $in: ['product', 'customer', 'settings'] } },
    });
    const ids = (await fresh.allDocs()).rows.map((r) => r.id);
    expect(ids.some((id) => id.startsWith('product:'))).toBe(true);
    expect(ids.some((id) => id.startsWith('customer:'))).toBe(true);
    expect(ids).toContain('settings');
    expect(ids.some((id) => id.startsWith('order:'))).toBe(false);
    // Other selectors are refused rather than silently ignored.
    const res = await fetch(`${server.url}/db/${owner.shopId}/_changes?filter=_selector`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ selector: { price: { $gt: 1 } } }),
    });
    expect(res.status).toBe(400);
  });

  it('resumes an interrupted replication from its checkpoint instead of starting over', async () => {
    const a = localDb();
    const docs = Array.from({ length: 2000 }, (_, i) => customerDoc(`Resume ${i}`));
    await a.bulkDocs(docs);

    let firstWritten = 0;
    const first = a.replicate.to(remote(), { batch_size: 100, batches_limit: 1 });
    void first.on('change', (info) => {
      firstWritten = info.docs_written;
      if (firstWritten >= 600) first.cancel();
    });
    await first.catch(() => undefined);
    expect(firstWritten).toBeGreaterThanOrEqual(600);
    expect(firstWritten).toBeLessThan(2000);

    const second = await a.replicate.to(remote(), { batch_size: 100 });
    expect(second.docs_written).toBe(2000 - firstWritten);
    // It started from the checkpoint: it did not even look at what was already sent.
    expect(second.docs_read).toBeLessThanOrEqual(2000 - firstWritten + 100);
  });
});

describe('replication across a server restart', () => {
  it('a live replication with retry delivers what was written while the server was down', async () => {
    const server = await startServer();
    try {
      const owner = await registerOwner(server.url);
      const device = localDb();
      const sync = device.sync(remoteDb(server.url, owner.shopId, owner.cookie), {
        live: true,
        retry: true,
        back_off_function: () => 300,
      });
      try {
        await device.put(customerDoc('Before the crash'));
        await server.kill(); // SIGKILL: no graceful shutdown
        const during = Array.from({ length: 20 }, (_, i) => customerDoc(`While down ${i}`));
        await device.bulkDocs(during);
        await server.restart();

        const check = remoteDb(server.url, owner.shopId, owner.cookie);
        await waitFor(async () => {
          const res = await check.allDocs({ keys: during.map((d) => d._id) });
          return res.rows.every((r) => 'value' in r && !('error' in r));
        }, 60_000);
        const all = await check.allDocs();
        expect(all.rows.filter((r) => r.id.startsWith('customer:'))).toHaveLength(21);
      } finally {
        sync.cancel();
      }
    } finally {
      await server.dispose();
    }
  });
});
