import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../mail/test-smtp.ts';
import { addressesOf } from '../testing.ts';
import { storefrontShop } from './storefront-testing.ts';

const PUBLIC = 'https://stall.example.test';
let smtp: TestSmtp;
let t: Awaited<ReturnType<typeof storefrontShop>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await storefrontShop({
    mail: { smtpUrl: smtp.url, from: 'Stall <shop@example.test>', publicUrl: PUBLIC },
  });
});
afterAll(async () => {
  await t.server.close();
  await smtp.close();
});

const linkIn = (text: string | undefined, path: string) => {
  const m = new RegExp(`${PUBLIC.replace(/\./g, '\\.')}${path}[^\\s]*`).exec(text ?? '');
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[0];
};

describe('paying with the test card', () => {
  it('goes pending → declined → paid, once, with every step in the audit chain', async () => {
    const bread = await t.product('Sourdough loaf', 10, null, 420);
    const placed = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: bread, qty: 2 }], { payment: 'test_card' }),
    );
    expect(placed.status).toBe(201);
    expect(placed.body.total).toBe(840);
    const url = String(placed.body.paymentUrl);
    expect(url).toMatch(new RegExp(`^${PUBLIC.replace(/\./g, '\\.')}/s/pay/[A-Za-z0-9_-]{24}$`));
    const id = url.split('/').pop() ?? '';
    const token = String(placed.body.trackingToken);

    const pending = await t.call('GET', `/payments/${id}`);
    expect(pending.body).toMatchObject({
      state: 'pending',
      amount: 840,
      currency: 'EUR',
      shopName: 'Tess Market',
      orderNumber: placed.body.number,
      trackingToken: token,
    });
    expect((await t.call('GET', `/orders/${token}`)).body.payment).toEqual({
      method: 'test_card',
      state: 'pending',
      paymentUrl: url,
    });

    const declined = await t.call('POST', `/payments/${id}`, { outcome: 'declined' });
    expect(declined.body.state).toBe('declined');
    expect((await t.call('POST', `/payments/${id}`, { outcome: 'paid' })).status).toBe(409);
    const afterDecline = await t.call('GET', `/orders/${token}`);
    expect(afterDecline.body.payment).toEqual({ method: 'test_card', state: 'declined' });
    expect((afterDecline.body.timeline as { step: string }[]).map((s) => s.step)).toContain(
      'payment_declined',
    );

    const retry = await t.call('POST', `/orders/${token}/pay`);
    expect(retry.status).toBe(200);
    const second = String(retry.body.paymentUrl).split('/').pop() ?? '';
    expect(second).not.toBe(id);
    expect((await t.call('POST', `/payments/${second}`, { outcome: 'paid' })).body.state).toBe(
      'paid',
    );
    const paid = await t.call('GET', `/orders/${token}`);
    expect(paid.body.payment).toEqual({ method: 'test_card', state: 'paid' });
    expect((await t.call('POST', `/orders/${token}/pay`)).status).toBe(409);

    // the shop sees it paid by card, and the activity log holds each step, sealed
    const order = await t.api<{ paymentStatus: string; paid: number }>(
      'GET',
      `${t.shop}/orders/${String(placed.body.id)}`,
    );
    expect(order.body).toMatchObject({ paymentStatus: 'paid', paid: 840 });
    const resolver = t.server.app.services.resolvers?.get(t.owner.shopId);
    const audit = await resolver?.verifyAudit();
    expect(audit).toMatchObject({ ok: true });
    const db = t.server.app.services.storage.shop(t.owner.shopId);
    const entries = await db.allDocs({
      startkey: 'audit:',
      endkey: 'audit:\ufff0',
      include_docs: true,
    });
    const steps = entries.rows
      .map((r) =>
        'doc' in r ? (r.doc as unknown as { action: string; after: { state?: string } }) : null,
      )
      .filter((d) => d?.action === 'order.payment_attempt')
      .map((d) => d?.after.state);
    expect(steps.sort()).toEqual(['declined', 'paid', 'pending', 'pending']);
  });

  it('refunds a card payment when the customer cancels in time', async () => {
    const honey = await t.product('Honey jar', 5, null, 900);
    const placed = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: honey, qty: 1 }], { payment: 'test_card' }),
    );
    const id = String(placed.body.paymentUrl).split('/').pop() ?? '';
    await t.call('POST', `/payments/${id}`, { outcome: 'paid' });
    const cancelled = await t.call(
      'POST',
      `/orders/${String(placed.body.trackingToken)}/cancel`,
      {},
    );
    expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: { state: 'refunded' } });
  });
});

describe('emails to customers', () => {
  it('sends the tracking link, and a week-long link to every order of that address', async () => {
    const pears = await t.product('Pears', 30, null, 300);
    const email = 'ana@example.test';
    const placed = await t.call(
      'POST',
      `/shops/${t.slug}/orders`,
      t.order([{ productId: pears, qty: 3 }], {
        customer: { name: 'Ana Costa', phone: '912345678', email },
        channel: 'delivery',
        address: 'Rua das Flores 5, Porto',
      }),
    );
    expect(placed.status).toBe(201);
    expect(placed.body.total).toBe(900 + 350); // the delivery fee
    const mail = await smtp.waitFor(
      (m) => addressesOf(m).includes(email) && /Your order WEB-/.test(m.subject ?? ''),
    );
    const tracking = linkIn(mail.text, `/s/${t.slug}/track`);
    expect(tracking.split('#')[1]).toBe(placed.body.trackingToken);

    expect((await t.call('POST', `/shops/${t.slug}/my-orders`, { email })).status).toBe(202);
    const listMail = await smtp.waitFor(
      (m) => addressesOf(m).includes(email) && /Your orders at/.test(m.subject ?? ''),
    );
    const listToken = linkIn(listMail.text, `/s/${t.slug}/orders`).split('#')[1] ?? '';
    const list = await t.call('GET', `/my-orders/${listToken}`);
    expect(list.body).toMatchObject({
      shop: { name: 'Tess Market', slug: t.slug },
      orders: [
        { number: placed.body.number, trackingToken: placed.body.trackingToken, total: 1250 },
      ],
    });
    // an address that never ordered gets the same answer, and no email
    const before = smtp.messages.length;
    expect(
      (await t.call('POST', `/shops/${t.slug}/my-orders`, { email: 'nobody@example.test' })).status,
    ).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.length).toBe(before);
  });
});
