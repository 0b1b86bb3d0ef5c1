import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restShop, type Answer } from './rest-testing.ts';

// Contract tests of products, customers and stock under /api/v1, over real HTTP.
let t: Awaited<ReturnType<typeof restShop>>;

beforeAll(async () => {
  t = await restShop();
}, 30_000);

afterAll(async () => {
  await t.server.close();
});

const tomatoes = { code: 'TOM-1', name: 'Tomatoes', unit: 'kg', price: 350, cost: 200 };

describe('products', () => {
  it('are added with an id and stock on hand, read, listed, found, changed and archived', async () => {
    const made = await t.ownerApi('POST', `${t.shop}/products`, { ...tomatoes, category: 'Veg' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ ...tomatoes, category: 'Veg', active: true, onHand: 0 });
    const id = made.body.id as string;
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    expect(made.headers.get('location')).toBe(`/api/v1${t.shop}/products/${id}`);

    const read = await t.ownerRead('GET', `${t.shop}/products/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(made.body);
    const etag = read.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"2?1-/);

    await t.ownerApi('POST', `${t.shop}/products`, {
      code: 'APL',
      name: 'Apples',
      unit: 'kg',
      price: 300,
    });
    const found = await t.ownerRead('GET', `${t.shop}/products?q=tom`);
    expect(found.body).toMatchObject({ items: [{ id, name: 'Tomatoes' }], nextCursor: null });
    const byCode = await t.ownerRead('GET', `${t.shop}/products?q=apl`);
    expect((byCode.body.items as { name: string }[]).map((p) => p.name)).toEqual(['Apples']);

    const changed = await t.ownerApi(
      'PATCH',
      `${t.shop}/products/${id}`,
      { price: 400 },
      { 'If-Match': etag },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ price: 400, name: 'Tomatoes' });
    expect(changed.headers.get('etag')).not.toBe(etag);
    // a write based on the version read before is refused
    const stale = await t.ownerApi(
      'PATCH',
      `${t.shop}/products/${id}`,
      { price: 10 },
      { 'If-Match': etag },
    );
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: 'precondition_failed' });

    const archived = await t.ownerApi('DELETE', `${t.shop}/products/${id}`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ active: false });
    const listed = await t.ownerRead('GET', `${t.shop}/products`);
    expect((listed.body.items as { id: string }[]).map((p) => p.id)).not.toContain(id);
    const all = await t.ownerRead('GET', `${t.shop}/products?archived=true`);
    expect((all.body.items as { id: string }[]).map((p) => p.id)).toContain(id);
  });

  it('refuse a taken code with 409 and bad input with 400 naming each field', async () => {
    await t.ownerApi('POST', `${t.shop}/products`, {
      code: 'DUP',
      name: 'One',
      unit: 'piece',
      price: 1,
    });
    const dup = await t.ownerApi('POST', `${t.shop}/products`, {
      code: 'dup',
      name: 'Two',
      unit: 'piece',
      price: 1,
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: 'conflict' });
    const bad = await t.ownerApi('POST', `${t.shop}/products`, {
      code: 'X Y',
      name: '',
      unit: 'box',
      price: -1,
      extra: 1,
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'name', 'unit', 'price']));
    expect(bad.body.reason).toEqual(expect.any(String));
    const notJson = await t.ownerApi('POST', `${t.shop}/products`, '{"code":');
    expect(notJson.status).toBe(400);
  });

  it("page with opaque cursors, and a seller's token cannot change a price", async () => {
    for (let i = 0; i < 5; i++) {
      await t.ownerApi('POST', `${t.shop}/products`, {
        code: `PG-${i}`,
        name: `Paged ${i}`,
        unit: 'piece',
        price: 10 + i,
      });
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer<{ items: { name: string }[]; nextCursor: string | null }> =
        await t.ownerRead(
          'GET',
          `${t.shop}/products?q=paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      names.push(...page.body.items.map((p) => p.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
    const badCursor = await t.ownerRead('GET', `${t.shop}/products?cursor=nonsense`);
    expect(badCursor.status).toBe(400);

    const p = await t.ownerApi('POST', `${t.shop}/products`, {
      code: 'SELL',
      name: 'Soap',
      unit: 'piece',
      price: 100,
    });
    const bySeller = await t.sellerApi('PATCH', `${t.shop}/products/${p.body.id as string}`, {
      price: 1,
    });
    expect(bySeller.status).toBe(403);
    expect(
      (await t.ownerRead('GET', `${t.shop}/products/${p.body.id as string}`)).body,
    ).toMatchObject({ price: 100 });
    const readOnly = await t.ownerRead('POST', `${t.shop}/products`, {
      code: 'RO',
      name: 'No',
      unit: 'piece',
      price: 1,
    });
    expect(readOnly.status).toBe(403);
    expect((await t.ownerRead('GET', `${t.shop}/products/NOSUCH`)).status).toBe(404);
  });
});

describe('customers', () => {
  it('are added, found by name or phone, changed, and removed by an owner only', async () => {
    const made = await t.sellerApi('POST', `${t.shop}/customers`, {
      name: 'Wanjiru',
      phone: '+254 700 111 222',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Wanjiru', phone: '+254 700 111 222', email: '' });
    const id = made.body.id as string;
    const byPhone = await t.ownerRead('GET', `${t.shop}/customers?q=111222`);
    expect((byPhone.body.items as { id: string }[]).map((c) => c.id)).toEqual([id]);
    const changed = await t.sellerApi('PATCH', `${t.shop}/customers/${id}`, {
      email: 'w@example.com',
    });
    expect(changed.body).toMatchObject({ email: 'w@example.com', name: 'Wanjiru' });
    const badEmail = await t.sellerApi('PATCH', `${t.shop}/customers/${id}`, { email: 'nope' });
    expect(badEmail.status).toBe(400);
    expect((await t.sellerApi('DELETE', `${t.shop}/customers/${id}`)).status).toBe(403);
    expect((await t.ownerApi('DELETE', `${t.shop}/customers/${id}`)).status).toBe(204);
    expect((await t.ownerRead('GET', `${t.shop}/customers/${id}`)).status).toBe(404);
  });
});

describe('stock', () => {
  it('is restocked, counted and written off by an owner, and every level is the ledger', async () => {
    const p = await t.ownerApi('POST', `${t.shop}/products`, {
      code: 'EGG',
      name: 'Eggs',
      unit: 'piece',
      price: 30,
    });
    const productId = p.body.id as string;
    const restock = await t.ownerApi('POST', `${t.shop}/stock`, {
      productId,
      qty: 24,
      reason: 'restock',
    });
    expect(restock.status).toBe(201);
    expect(restock.body).toMatchObject({ qty: 24, reason: 'restock', onHand: 24 });
    const count = await t.ownerApi('POST', `${t.shop}/stock`, {
      productId,
      qty: 20,
      reason: 'count',
    });
    expect(count.body).toMatchObject({ qty: -4, counted: 20, onHand: 20 });
    const same = await t.ownerApi('POST', `${t.shop}/stock`, {
      productId,
      qty: 20,
      reason: 'count',
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ id: null, qty: 0, onHand: 20 });
    const off = await t.ownerApi('POST', `${t.shop}/stock`, {
      productId,
      qty: -2,
      reason: 'writeoff',
      note: 'cracked',
    });
    expect(off.body).toMatchObject({ qty: -2, onHand: 18 });
    const wrongSign = await t.ownerApi('POST', `${t.shop}/stock`, {
      productId,
      qty: 2,
      reason: 'writeoff',
    });
    expect(wrongSign.status).toBe(400);
    expect(wrongSign.body).toMatchObject({ issues: [{ path: 'qty' }] });
    expect(
      (await t.sellerApi('POST', `${t.shop}/stock`, { productId, qty: 1, reason: 'restock' }))
        .status,
    ).toBe(403);
    const levels = await t.ownerRead<{ items: { productId: string; onHand: number }[] }>(
      'GET',
      `${t.shop}/stock?limit=200`,
    );
    expect(levels.body.items.find((l) => l.productId === productId)?.onHand).toBe(18);
    expect((await t.ownerRead('GET', `${t.shop}/products/${productId}`)).body).toMatchObject({
      onHand: 18,
    });
  });
});

describe('rate limits', () => {
  it('are said in RateLimit headers on every answer', async () => {
    const res = await t.ownerRead('GET', `${t.shop}/products?limit=1`);
    expect(Number(res.headers.get('ratelimit-limit'))).toBe(600);
    expect(Number(res.headers.get('ratelimit-remaining'))).toBeLessThan(600);
    expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
  });
});
