import { orderEventDoc } from '@stallkeeper/shared/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDocs, registerUser } from '../test-helpers.ts';
import { storefrontShop } from './storefront-testing.ts';

let t: Awaited<ReturnType<typeof storefrontShop>>;
beforeAll(async () => {
  t = await storefrontShop();
});
afterAll(() => t.server.close());

const onHand = async (id: string) =>
  (await t.api<{ onHand: number }>('GET', `${t.shop}/products/${id}`)).body.onHand;

describe('checkout on the shop page (real HTTP)', () => {
  it('sells exactly the allowance when 40 customers race for it, and stock agrees', async () => {
    const crates = await t.product('Strawberry crate', 25, 10);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.call('POST', `/shops/${t.slug}/orders`, t.order([{ productId: crates, qty: 1 }]), {
          'Idempotency-Key': `race-${i}`,
        }),
      ),
    );
    const won = answers.filter((a) => a.status === 201);
    const lost = answers.filter((a) => a.status === 409);
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(30);
    for (const a of lost) {
      expect(a.body).toMatchObject({
        error: 'out_of_stock',
        items: [{ productId: crates, available: 0 }],
      });
    }
    expect(new Set(won.map((a) => a.body.number)).size).toBe(10);
    // the stall keeps the rest: 25 in stock, 10 promised online
    expect(await onHand(crates)).toBe(15);
    for (const a of won) {
      const o = await t.api<{ allocation: string; status: string }>(
        'GET',
        `${t.shop}/orders/${String(a.body.id)}`,
      );
      expect(o.body).toMatchObject({ allocation: 'confirmed', status: 'open' });
    }
    const listed = await t.call('GET', `/shops/${t.slug}/products`);
    expect((listed.body.items as { id: string }[]).map((p) => p.id)).not.toContain(crates);
  });

  it('answers a retried checkout with the same order', async () => {
    const jam = await t.product('Fig jam', 10, null);
    const first = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: jam, qty: 2 }]),
      {
        'Idempotency-Key': 'same-key',
      },
    );
    const again = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: jam, qty: 2 }]),
      {
        'Idempotency-Key': 'same-key',
      },
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await onHand(jam)).toBe(8);
  });

  it('lets the customer cancel before the seller prepares it, and not after', async () => {
    const eggs = await t.product('Eggs (dozen)', 6, 4);
    const placed = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: eggs, qty: 4 }]),
    );
    expect(placed.status).toBe(201);
    const token = String(placed.body.trackingToken);
    expect(await onHand(eggs)).toBe(2);
    const cancelled = await t.call('POST', `/orders/${token}/cancel`, {
      reason: 'Away this weekend',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', canCancel: false });
    expect(await onHand(eggs)).toBe(6); // released

    const again = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: eggs, qty: 2 }]),
    );
    const token2 = String(again.body.trackingToken);
    // the seller's phone marks it ready (an ordinary event pushed by a device)
    const ready = orderEventDoc('ready', {
      orderId: `order:${String(again.body.id)}`,
      by: t.owner.userId,
      deviceId: t.owner.deviceId,
    });
    const rows = await bulkDocs(t.http, t.owner.cookie, t.owner.shopId, [ready]);
    expect(rows[0]).toMatchObject({ ok: true });
    const late = await t.call('POST', `/orders/${token2}/cancel`, {});
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('too_late');
    const view = await t.call('GET', `/orders/${token2}`);
    expect(view.body).toMatchObject({ status: 'ready', canCancel: false, canRequest: ['cancel'] });
    const asked = await t.call('POST', `/orders/${token2}/requests`, {
      request: 'cancel',
      reason: 'Ill',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      request: { request: 'cancel', answer: 'open' },
      canRequest: [],
    });
    const twice = await t.call('POST', `/orders/${token2}/requests`, {
      request: 'cancel',
      reason: 'Ill',
    });
    expect(twice.status).toBe(409);
    expect(await onHand(eggs)).toBe(4);
  });

  it('lists a product only while it is sold online, with the count only when low', async () => {
    const plums = await t.product('Plums', 3, null);
    const listed = async () =>
      ((await t.call('GET', `/shops/${t.slug}/products`)).body.items as { id: string }[]).find(
        (p) => p.id === plums,
      );
    t.server.app.services.storefront.catalogue.forget(t.owner.shopId);
    expect(await listed()).toMatchObject({ name: 'Plums', stock: 'low', available: 3, price: 250 });
    const patched = await t.api('PATCH', `${t.shop}/products/${plums}`, { online: false });
    expect(patched.body).toMatchObject({ online: false, onlineAllowance: null });
    t.server.app.services.storefront.catalogue.forget(t.owner.shopId);
    expect(await listed()).toBeUndefined();
    const refused = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: plums, qty: 1 }]),
    );
    expect(refused.body).toMatchObject({
      error: 'out_of_stock',
      items: [{ productId: plums, available: 0 }],
    });
  });

  it('lets a program accept an online order and make it ready, which the customer sees', async () => {
    const kale = await t.product('Kale bunch', 8, null);
    const placed = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: kale, qty: 1 }]),
    );
    const path = `${t.shop}/orders/${String(placed.body.id)}`;
    const fresh = await t.api<{ actions: string[] }>('GET', path);
    expect(fresh.body.actions).toEqual(expect.arrayContaining(['accepted', 'ready', 'cancelled']));
    expect((await t.api('POST', `${path}/events`, { kind: 'accepted' })).status).toBe(201);
    expect((await t.api('POST', `${path}/events`, { kind: 'accepted' })).status).toBe(409);
    const ready = await t.api<{ status: string }>('POST', `${path}/events`, { kind: 'ready' });
    expect(ready.body.status).toBe('ready');
    const view = await t.call('GET', `/orders/${String(placed.body.trackingToken)}`);
    expect((view.body.timeline as { step: string }[]).map((s) => s.step)).toEqual([
      'placed',
      'accepted',
      'ready',
    ]);
    expect(view.body).toMatchObject({ status: 'ready', canCancel: false });
  });

  it('shows nothing of a shop that is not published', async () => {
    const put = await t.api('PUT', `${t.shop}/storefront`, { ...t.page, published: false });
    expect(put.status).toBe(200);
    try {
      expect((await t.call('GET', `/shops/${t.slug}`)).status).toBe(404);
      expect((await t.call('GET', `/shops/${t.slug}/products`)).status).toBe(404);
      const eggs = await t.product('Duck eggs', 5, null);
      const o = await t.call(
        'POST',
        `/shops/${t.slug}/orders`,
        t.order([{ productId: eggs, qty: 1 }]),
      );
      expect(o.status).toBe(404);
      expect((await t.call('GET', '/shops/no-such-shop')).status).toBe(404);
    } finally {
      await t.api('PUT', `${t.shop}/storefront`, t.page);
    }
  });

  it('keeps online orders and customer requests the server’s to write', async () => {
    const forged = orderEventDoc('customer_request', {
      by: t.owner.userId,
      deviceId: t.owner.deviceId,
    });
    const rows = await bulkDocs(t.http, t.owner.cookie, t.owner.shopId, [forged]);
    expect(rows[0]).toMatchObject({ error: 'forbidden' });
  });

  it('gives another shop a taken address as 409 slug_taken', async () => {
    const other = await registerUser(t.http, 'Rui', { shopName: 'Rui Farm' });
    const res = await fetch(`${t.server.url}/api/v1/shops/${other.shopId}/storefront`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Cookie: other.cookie },
      body: JSON.stringify({ ...t.page }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toBe('slug_taken');
  });
});
