import { afterAll, describe, expect, it } from 'vitest';
import type { Allocation, Order } from '@stallkeeper/shared';
import { stockMovementDoc } from '@stallkeeper/shared/fixtures';
import { orderDoc, productDoc } from '../support/docs.ts';
import { startPouchDbServer } from '../support/pouchdb-server.ts';
import { localDb, registerOwner, remoteDb, type Account } from '../support/pouch-client.ts';
import { startServer, type RunningServer } from '../support/server.ts';

/** Short, so the takeover happens within the test: renewed every second. */
const LEASE_SECONDS = 3;
const OPENING = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(200);
  }
}

async function json<T>(res: Response | Promise<Response>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

type Stored<T> = T & { _rev: string; _conflicts?: string[] };

/**
 * Several stateless replicas on one CouchDB (pouchdb-server as its API): exactly one
 * resolves a shop, under a lease in the system database. Kill that one with SIGKILL
 * while orders stream in through the other, and the other takes the shop over.
 */
describe('server replicas on one CouchDB: the resolver lease', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  it('the replica holding a shop dies mid-stream; the other takes over and every order is allocated once', async () => {
    const couch = await startPouchDbServer();
    cleanup.push(() => couch.stop());
    const env = {
      COUCHDB_URL: couch.url,
      RUN_RESOLVERS: 'true',
      RESOLVER_LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: 'info',
    };
    const a = await startServer({ env });
    cleanup.push(() => a.dispose());
    const b = await startServer({ env });
    cleanup.push(() => b.dispose());

    // An owner (signed up through A) and a seller (through B), invited to the shop.
    const owner = await registerOwner(a.url);
    const seller = await registerOwner(b.url, 'seller', 'dev-SELLER1');
    const invite = await json<{ code: string }>(
      fetch(`${a.url}/api/shops/${owner.shopId}/invites`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'seller' }),
      }),
    );
    await json(
      fetch(`${b.url}/api/invites/accept`, {
        method: 'POST',
        headers: { cookie: seller.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ code: invite.code }),
      }),
    );

    const apples = productDoc('LEASE-1', 'Leased apples', 120);
    const laptop = localDb('owner');
    await laptop.bulkDocs([
      apples,
      stockMovementDoc({
        productId: apples._id,
        qty: OPENING,
        reason: 'restock',
        by: owner.userId,
        deviceId: owner.deviceId,
      }),
    ]);
    await laptop.replicate.to(remoteDb(a.url, owner.shopId, owner.cookie));

    // The seller's phone pushes small batches of sales through one replica or the other.
    const phone = localDb('seller');
    const sold: Order[] = [];
    const sell = async (via: RunningServer, count: number, who: Account = seller) => {
      const batch = Array.from({ length: count }, () =>
        orderDoc(apples, 1 + (sold.length % 3), who.userId, who.deviceId, sold.length + 1),
      );
      sold.push(...batch);
      await phone.bulkDocs(batch);
      const res = await phone.replicate.to(remoteDb(via.url, owner.shopId, who.cookie));
      expect(res.doc_write_failures).toBe(0);
    };

    const allocations = async () => {
      const q = new URLSearchParams({
        startkey: JSON.stringify('allocation:'),
        endkey: JSON.stringify('allocation:\ufff0'),
        include_docs: 'true',
        conflicts: 'true',
      });
      const res = await json<{ rows: { doc: Stored<Allocation> }[] }>(
        fetch(`${couch.url}/shop_${owner.shopId}/_all_docs?${q}`),
      );
      return res.rows.map((r) => r.doc);
    };
    const holderPid = async () => {
      const lease = await json<{ pid: number; expiresAt: number }>(
        fetch(`${couch.url}/stallkeeper_system/lease:resolver:${owner.shopId}`),
      );
      return lease.pid;
    };

    for (let i = 0; i < 8; i++) {
      await sell(i % 2 ? b : a, 3);
      await sleep(100);
    }
    // the holder is deciding (some orders are allocated already)
    await waitFor(async () => (await allocations()).length > 0, 10_000);
    const pid = await holderPid();
    const holder = [a, b].find((s) => s.pid() === pid);
    if (!holder) throw new Error(`the lease names pid ${pid}, neither replica`);
    const survivor = holder === a ? b : a;

    // Orders keep arriving through the survivor; the holder dies among them.
    const stream = (async () => {
      for (let i = 0; i < 16; i++) {
        await sell(survivor, 3);
        await sleep(150);
      }
    })();
    await sleep(400);
    await holder.kill(); // SIGKILL: no shutdown, the lease is left to expire
    const atKill = { sold: sold.length, decided: (await allocations()).length };
    await stream;

    // The survivor takes the shop over once the lease has expired, and catches up.
    await waitFor(async () => (await allocations()).length >= sold.length, 30_000);
    expect(await holderPid()).toBe(survivor.pid());
    expect(survivor.output()).toContain(`"msg":"resolver lease taken","shopId":"${owner.shopId}"`);
    // the kill came while orders were still arriving and some were still to decide
    expect(atKill.sold).toBeLessThan(sold.length);

    const decided = await allocations();
    const byOrder = new Map<string, Stored<Allocation>[]>();
    for (const d of decided) byOrder.set(d.orderId, [...(byOrder.get(d.orderId) ?? []), d]);
    // one decision per order, written once, no other (`:n`) decisions, no two versions
    expect(decided).toHaveLength(sold.length);
    for (const order of sold) {
      const mine = byOrder.get(order._id) ?? [];
      expect(mine.map((d) => d._id)).toEqual([`allocation:${order._id}`]);
      const [first] = mine;
      expect(first?._rev).toMatch(/^1-/);
      expect(first?._conflicts ?? []).toEqual([]);
      expect(first?.status).toBe('confirmed'); // a counter sale, all of it in stock
      expect(first?.lines).toEqual([
        {
          productId: apples._id,
          qty: order.lines[0]?.qty,
          allocated: order.lines[0]?.qty,
          backordered: 0,
          oversold: 0,
        },
      ]);
    }

    // The survivor's resolver (rebuilt from the last checkpoint) counts each sale once.
    const soldQty = sold.reduce((n, o) => n + (o.lines[0]?.qty ?? 0), 0);
    const stock = await json<{ items: { code: string; onHand: number }[] }>(
      fetch(`${survivor.url}/api/v1/shops/${owner.shopId}/stock`, {
        headers: { cookie: owner.cookie },
      }),
    );
    expect(stock.items.find((s) => s.code === apples.code)?.onHand).toBe(OPENING - soldQty);
  });
});
