import { afterAll, describe, expect, it } from 'vitest';
import { startPouchDbServer } from '../support/pouchdb-server.ts';
import { registerOwner } from '../support/pouch-client.ts';
import { freePort, startServer, type RunningServer } from '../support/server.ts';

const SECRET = 'the replicas of this test share this secret';

async function call(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * Two replicas on one CouchDB (pouchdb-server as its API), each telling the other where
 * it is (REPLICA_URL). Only the replica holding a shop's resolver lease can take its
 * online orders (it counts online stock in the shop's turn); customers reach either one
 * through the balancer, and the other passes their checkouts on. Before that, a checkout
 * that reached the other replica was answered "try again in a minute".
 */
describe('server replicas on one CouchDB: the shop page', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  it('takes checkouts through either replica, one turn for both: exactly the allowance is sold', async () => {
    const couch = await startPouchDbServer();
    cleanup.push(() => couch.stop());
    const replica = async () => {
      const port = await freePort();
      const server = await startServer({
        port,
        env: {
          COUCHDB_URL: couch.url,
          RUN_RESOLVERS: 'true',
          RESOLVER_LEASE_SECONDS: '3',
          REPLICA_URL: `http://127.0.0.1:${port}`,
          REPLICA_SECRET: SECRET,
          PUBLIC_RATE_LIMIT: '1000',
        },
      });
      cleanup.push(() => server.dispose());
      return server;
    };
    const a: RunningServer = await replica();
    const b: RunningServer = await replica();

    // The shop is made through A, which takes its lease; its page and a product sold online.
    const owner = await registerOwner(a.url);
    const auth = { cookie: owner.cookie };
    const shop = `/api/v1/shops/${owner.shopId}`;
    const page = await call(
      a.url,
      'PUT',
      `${shop}/storefront`,
      {
        published: true,
        slug: 'two-replicas',
        pickup: { place: 'Stall 1', times: [] },
        delivery: null,
        minimumOrder: 0,
        timeZone: 'Europe/Lisbon',
      },
      auth,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const product = await call(
      a.url,
      'POST',
      `${shop}/products`,
      {
        code: 'HONEY',
        name: 'Heather honey',
        unit: 'piece',
        price: 800,
        cost: 300,
        online: true,
        onlineAllowance: 5,
      },
      auth,
    );
    expect(product.status, JSON.stringify(product.body)).toBe(201);
    const productId = String(product.body.id);
    const stocked = await call(
      a.url,
      'POST',
      `${shop}/stock`,
      { productId, qty: 20, reason: 'restock' },
      auth,
    );
    expect(stocked.status, JSON.stringify(stocked.body)).toBe(201);

    const order = {
      customer: { name: 'Ana Costa', phone: '+351 912 345 678' },
      channel: 'pickup',
      lines: [{ productId, qty: 1 }],
      payment: 'on_collection',
    };
    const checkout = (via: RunningServer, key: string) =>
      call(via.url, 'POST', '/api/public/shops/two-replicas/orders', order, {
        'Idempotency-Key': key,
      });

    // A retried checkout is the same order, through whichever replica it comes back.
    const first = await checkout(b, 'retry-key');
    const again = await checkout(a, 'retry-key');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(again).toEqual(first);

    // Twelve customers at once, half of them through each replica, for the 4 jars left.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => checkout(i % 2 ? b : a, `race-${i}`)),
    );
    expect(answers.filter((r) => r.body.error === 'unavailable')).toEqual([]);
    const won = answers.filter((r) => r.status === 201);
    const lost = answers.filter((r) => r.status === 409);
    expect(won).toHaveLength(4);
    expect(lost).toHaveLength(8);
    for (const r of lost) expect(r.body).toMatchObject({ error: 'out_of_stock' });
    const numbers = [first, ...won].map((r) => r.body.number);
    expect(new Set(numbers).size).toBe(5);
  }, 120_000);
});
