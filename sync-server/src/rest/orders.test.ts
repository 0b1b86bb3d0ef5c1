import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing.ts';
import { callApi, overHttp, readJson, registerUser } from '../test-helpers.ts';
import { restClient, restShop, type Answer } from './rest-testing.ts';

// Contract tests of orders under /api/v1, over real HTTP, with the shop's resolver running.
let t: Awaited<ReturnType<typeof restShop>>;
let bread: string;
let jam: string;
let honey: string;

interface Order {
  id: string;
  number: string;
  lines: { productId: string; qty: number; unitPrice: number; lineTotal: number; name: string }[];
  total: number;
  tax: number;
  status: string;
  paymentStatus: string;
  allocation: string | null;
  balance: number;
  paid: number;
}

beforeAll(async () => {
  t = await restShop();
  const make = async (code: string, name: string, price: number, stock: number) => {
    const p = await t.ownerApi('POST', `${t.shop}/products`, { code, name, unit: 'piece', price });
    const id = p.body.id as string;
    if (stock) {
      await t.ownerApi('POST', `${t.shop}/stock`, { productId: id, qty: stock, reason: 'restock' });
    }
    return id;
  };
  bread = await make('BRD', 'Bread', 250, 10);
  jam = await make('JAM', 'Jam', 400, 5);
  honey = await make('HNY', 'Honey', 900, 0);
}, 30_000);

afterAll(async () => {
  await t.server.close();
});

describe('orders', () => {
  it("run seed 003's workflow: order, add a product, refuse the duplicate, list its products, cancel it", async () => {
    const made = await t.sellerApi<Order>('POST', `${t.shop}/orders`, {
      channel: 'pickup',
      lines: [{ productId: bread, qty: 2 }],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      number: 'API-0001',
      channel: 'pickup',
      total: 500,
      status: 'open',
      paymentStatus: 'unpaid',
      allocation: 'confirmed',
      lines: [{ productId: bread, name: 'Bread', qty: 2, unitPrice: 250, lineTotal: 500 }],
    });
    const id = made.body.id;

    const added = await t.sellerApi<Order>('POST', `${t.shop}/orders/${id}/lines`, {
      productId: jam,
      qty: 1,
    });
    expect(added.status).toBe(201);
    expect(added.body.total).toBe(900);
    const again = await t.sellerApi('POST', `${t.shop}/orders/${id}/lines`, {
      productId: jam,
      qty: 3,
    });
    expect(again.status).toBe(409);

    const lines = await t.ownerRead<{ items: Order['lines'] }>(
      'GET',
      `${t.shop}/orders/${id}/lines`,
    );
    expect(lines.body.items.map((l) => [l.name, l.qty])).toEqual([
      ['Bread', 2],
      ['Jam', 1],
    ]);

    const cancelled = await t.sellerApi<Order>(
      'DELETE',
      `${t.shop}/orders/${id}?reason=Changed%20mind`,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    // never erased: it is still there, cancelled
    expect((await t.ownerRead<Order>('GET', `${t.shop}/orders/${id}`)).body.status).toBe(
      'cancelled',
    );
    expect((await t.sellerApi('DELETE', `${t.shop}/orders/${id}`)).status).toBe(409);
    expect(
      (await t.sellerApi('POST', `${t.shop}/orders/${id}/lines`, { productId: honey, qty: 1 }))
        .status,
    ).toBe(409);
  });

  it("refuse a seller cancelling someone else's order with 403, as the app's sync does", async () => {
    const byOwner = await t.ownerApi<Order>('POST', `${t.shop}/orders`, {
      channel: 'pickup',
      lines: [{ productId: bread, qty: 1 }],
    });
    const refused = await t.sellerApi('DELETE', `${t.shop}/orders/${byOwner.body.id}`);
    expect(refused.status).toBe(403);
    expect(
      (await t.ownerRead<Order>('GET', `${t.shop}/orders/${byOwner.body.id}`)).body.status,
    ).toBe('open');
  });

  it('refuse the same product twice, unknown products, and an overpayment', async () => {
    const twice = await t.sellerApi('POST', `${t.shop}/orders`, {
      channel: 'counter',
      lines: [
        { productId: bread, qty: 1 },
        { productId: bread, qty: 2 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ issues: [{ path: 'lines.1.productId' }] });
    const unknown = await t.sellerApi('POST', `${t.shop}/orders`, {
      channel: 'counter',
      lines: [{ productId: 'NOSUCH', qty: 1 }],
    });
    expect(unknown.status).toBe(422);
    const over = await t.sellerApi('POST', `${t.shop}/orders`, {
      channel: 'counter',
      lines: [{ productId: bread, qty: 1 }],
      payment: { method: 'cash', paid: 9999 },
    });
    expect(over.status).toBe(400);
  });

  it('answer a retried POST with the first order when the Idempotency-Key is the same', async () => {
    const body = {
      channel: 'counter',
      lines: [{ productId: jam, qty: 1 }],
      payment: { method: 'card', paid: 400 },
    };
    const key = { 'Idempotency-Key': 'till-7-sale-1' };
    const [a, b] = await Promise.all([
      t.sellerApi<Order>('POST', `${t.shop}/orders`, body, key),
      t.sellerApi<Order>('POST', `${t.shop}/orders`, body, key),
    ]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body).toMatchObject({ status: 'completed', paymentStatus: 'paid', paid: 400 });
    const other = await t.sellerApi<Order>('POST', `${t.shop}/orders`, body, {
      'Idempotency-Key': 'till-7-sale-2',
    });
    expect(other.body.id).not.toBe(a.body.id);
  });

  it('take payments and delivery steps only when the order allows them, and are listed by status', async () => {
    const made = await t.sellerApi<Order>('POST', `${t.shop}/orders`, {
      channel: 'delivery',
      lines: [{ productId: honey, qty: 1 }],
      payment: { method: 'mobile', paid: 300 },
    });
    expect(made.body).toMatchObject({
      paid: 300,
      balance: 600,
      paymentStatus: 'partial',
      allocation: 'backordered',
    });
    const id = made.body.id;
    const early = await t.sellerApi('POST', `${t.shop}/orders/${id}/events`, { kind: 'delivered' });
    expect(early.status).toBe(409);
    const steps = [
      {
        kind: 'delivery_scheduled',
        scheduledFor: '2026-12-05T09:00:00.000Z',
        address: '1 Market Lane',
      },
      { kind: 'dispatched' },
      { kind: 'payment', amount: 600, method: 'cash' },
      { kind: 'delivered', receivedBy: 'Amina' },
    ];
    let last: Order | null = null;
    for (const step of steps) {
      const r = await t.sellerApi<Order>('POST', `${t.shop}/orders/${id}/events`, step);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      last = r.body;
    }
    expect(last).toMatchObject({ status: 'delivered', paymentStatus: 'paid', balance: 0 });
    const delivered = await t.ownerRead<{ items: Order[] }>(
      'GET',
      `${t.shop}/orders?status=delivered`,
    );
    expect(delivered.body.items.map((o) => o.id)).toEqual([id]);
    const readOnly = await t.ownerRead('POST', `${t.shop}/orders/${id}/events`, {
      kind: 'payment',
      amount: 1,
      method: 'cash',
    });
    expect(readOnly.status).toBe(403);
  });
});

describe('the order list', () => {
  it('pages through a filter with cursors: each page full, none repeated, none missed', async () => {
    const who = await t.sellerApi<{ id: string }>('POST', `${t.shop}/customers`, {
      name: 'Paged Pia',
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const o = await t.sellerApi<Order>('POST', `${t.shop}/orders`, {
        channel: 'pickup',
        customerId: who.body.id,
        lines: [{ productId: bread, qty: 1 }],
      });
      ids.push(o.body.id);
    }
    for (const id of [ids[0], ids[2]]) {
      expect((await t.sellerApi('DELETE', `${t.shop}/orders/${id}`)).status).toBe(200);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 5; n++) {
      const page: Answer<{ items: Order[]; nextCursor: string | null }> = await t.ownerRead(
        'GET',
        `${t.shop}/orders?customerId=${who.body.id}&status=cancelled&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((o) => o.id));
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([ids[0], ids[2]]);
    const open = await t.ownerRead<{ items: Order[] }>(
      'GET',
      `${t.shop}/orders?customerId=${who.body.id}&status=open`,
    );
    expect(open.body.items.map((o) => o.id)).toEqual([ids[1], ids[3]]);
  });
});

describe('the rate limit', () => {
  it('answers 429 with Retry-After once a token has used its requests of the minute', async () => {
    const server = await startTestServer({ resolve: false, apiRateLimit: 3 });
    try {
      const http = overHttp(server.url);
      const who = await registerUser(http, 'Rita');
      const token = (
        await readJson<{ token: string }>(
          await callApi(http, who.cookie, 'POST', '/api/tokens', {
            name: 'x',
            shopId: who.shopId,
            scope: 'read',
          }),
          201,
        )
      ).token;
      const api = restClient(http, { token }, []);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await api('GET', '/me'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((a) => a.headers.get('ratelimit-remaining'))).toEqual([
        '2',
        '1',
        '0',
        '0',
      ]);
      expect(Number(answers[3]?.headers.get('retry-after'))).toBeGreaterThan(0);
      // another caller has its own allowance
      expect((await restClient(http, { cookie: who.cookie }, [])('GET', '/me')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
