import { DEFAULT_SETTINGS, type MailStatusDoc } from '@stallkeeper/shared';
import { mailStatusDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { createCustomer, EMPTY_CUSTOMER } from './customers.ts';
import { createInvoice } from './invoices.ts';
import { emailView, liveCustomerEmail, liveEmails, requestEmail } from './mail.ts';
import * as outbox from './outbox.ts';
import { liveOrder } from './orders.ts';
import { PROJECTOR_KEYS } from './local.ts';
import { Projector } from './projector.ts';
import { ValidationError, type ShopContext } from './shop.ts';
import { addProduct, cashSale, firstValue, openTestShop, settle, TEST_ACTOR } from './testing.ts';

/** The server's word on a request, arriving through replication (revision `n`). */
async function serverSays(
  ctx: ShopContext,
  over: Partial<MailStatusDoc> & { mailId: string },
  n = 1,
) {
  const doc = mailStatusDoc(over);
  await ctx.pouch.bulkDocs([{ ...doc, _rev: `${n}-${'a'.repeat(31)}${n}` }], { new_edits: false });
  await settle(ctx);
}

async function sale(ctx: ShopContext) {
  const order = await cashSale(ctx, await addProduct(ctx));
  await settle(ctx);
  return order;
}

const receiptsOf = (ctx: ShopContext, orderId: string) =>
  firstValue(liveEmails(ctx, { kind: 'receipt', orderId }));

describe('emailing a receipt or an invoice', () => {
  it('writes a request as this user and device, noted as unsynced and in the activity log', async () => {
    const ctx = await openTestShop();
    const order = await sale(ctx);
    const mail = await requestEmail(ctx, {
      kind: 'receipt',
      orderId: order._id,
      invoiceId: 'invoice:01J0000000000000000000000A',
      to: '  ana@example.com ',
      note: ' Thanks! ',
    });
    expect(mail).toMatchObject({
      type: 'mail',
      kind: 'receipt',
      invoiceId: null, // a receipt names no invoice, whatever the caller passed
      to: 'ana@example.com',
      note: 'Thanks!',
      by: TEST_ACTOR.userId,
      deviceId: TEST_ACTOR.deviceId,
    });
    expect(await ctx.get(mail._id)).toMatchObject({ _id: mail._id, orderId: order._id });
    expect((await outbox.unsent(ctx.local)).map((r) => r.id)).toContain(mail._id);
    await settle(ctx);
    const entry = (await ctx.local.audit.toArray()).find((a) => a.target === mail._id);
    expect(entry).toMatchObject({ action: 'order.email', after: { number: order.number } });
    expect(entry?.summary).toBe(
      `Asked for the receipt of order ${order.number} to be emailed to ana@example.com`,
    );
    const [view] = await receiptsOf(ctx, order._id);
    expect(view).toMatchObject({ to: 'ana@example.com', progress: 'waiting', reason: '' });
  });

  it('refuses an address the server would refuse, before writing anything', async () => {
    const ctx = await openTestShop();
    const order = await sale(ctx);
    const input = { kind: 'receipt', orderId: order._id, invoiceId: null, note: '' } as const;
    const err = await requestEmail(ctx, { ...input, to: 'not an address' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors()).toEqual({ to: 'Enter a valid email address.' });
    const empty = await requestEmail(ctx, { ...input, to: ' ' }).catch((e: unknown) => e);
    expect((empty as ValidationError).fieldErrors()).toEqual({
      to: "Enter the customer's email address.",
    });
    expect((await outbox.unsent(ctx.local)).filter((r) => r.kind === 'mail')).toEqual([]);
  });

  it('follows a request: waiting, then on the server, then sent (a late "queued" hides nothing)', async () => {
    const ctx = await openTestShop();
    const order = await sale(ctx);
    const mail = await requestEmail(ctx, {
      kind: 'receipt',
      orderId: order._id,
      invoiceId: null,
      to: 'ana@example.com',
      note: '',
    });
    await settle(ctx);
    expect((await receiptsOf(ctx, order._id))[0]?.progress).toBe('waiting');

    // The push reached the server: it has the request, no word back yet.
    await outbox.confirm(ctx.local, [{ _id: mail._id, _rev: (await ctx.get(mail._id))?._rev }]);
    expect((await receiptsOf(ctx, order._id))[0]?.progress).toBe('sending');

    await serverSays(ctx, { mailId: mail._id, status: 'queued' }, 1);
    expect((await receiptsOf(ctx, order._id))[0]?.progress).toBe('sending');

    const at = '2026-12-04T10:42:00.000Z';
    await serverSays(ctx, { mailId: mail._id, status: 'sent', at }, 2);
    expect((await receiptsOf(ctx, order._id))[0]).toMatchObject({
      progress: 'sent',
      settledAt: at,
    });

    // A replayed "queued" (a copy, a rebuild) never undoes "sent".
    await ctx.projector.project([{ ...mailStatusDoc({ mailId: mail._id, status: 'queued' }) }]);
    expect((await receiptsOf(ctx, order._id))[0]?.progress).toBe('sent');
  });

  it('says why a request failed, from the server or from a refused sync', async () => {
    const ctx = await openTestShop();
    const order = await sale(ctx);
    const ask = (to: string) =>
      requestEmail(ctx, { kind: 'receipt', orderId: order._id, invoiceId: null, to, note: '' });
    const failed = await ask('a@example.com');
    const refused = await ask('b@example.com');
    await settle(ctx);
    await outbox.confirm(ctx.local, [{ _id: failed._id, _rev: (await ctx.get(failed._id))?._rev }]);
    await serverSays(ctx, {
      mailId: failed._id,
      status: 'failed',
      reason: 'Not sent: the sender’s own email address is not confirmed yet.',
    });
    await outbox.refuse(ctx.local, refused._id, 'a seller may not do that');
    const views = await receiptsOf(ctx, order._id);
    expect(views.map((v) => [v.to, v.progress, v.reason])).toEqual([
      ['b@example.com', 'failed', 'a seller may not do that'],
      ['a@example.com', 'failed', 'Not sent: the sender’s own email address is not confirmed yet.'],
    ]);
  });

  it("lists an invoice's emails apart from the order's receipts, whichever arrives first", async () => {
    const ctx = await openTestShop();
    const order = await sale(ctx);
    const detail = await firstValue(liveOrder(ctx, order._id));
    if (!detail) throw new Error('no order');
    const invoice = await createInvoice(ctx, detail, DEFAULT_SETTINGS);
    await settle(ctx);
    const mail = await requestEmail(ctx, {
      kind: 'invoice',
      orderId: order._id,
      invoiceId: invoice._id,
      to: 'ana@example.com',
      note: '',
    });
    await settle(ctx);
    expect(await receiptsOf(ctx, order._id)).toEqual([]);
    const [view] = await firstValue(liveEmails(ctx, { kind: 'invoice', invoiceId: invoice._id }));
    expect(view).toMatchObject({ kind: 'invoice', progress: 'waiting' });
    const entry = (await ctx.local.audit.toArray()).find((a) => a.target === mail._id);
    expect(entry?.action).toBe('invoice.email');
    expect(entry?.summary).toContain(`invoice ${invoice.number}`);

    // Another device: the status came in the same copy as, or before, the request.
    const other = await openTestShop();
    await other.projector.project([mailStatusDoc({ mailId: mail._id, status: 'sent' })]);
    expect(
      await firstValue(liveEmails(other, { kind: 'invoice', invoiceId: invoice._id })),
    ).toEqual([]);
    await other.projector.project([mail]);
    const [there] = await firstValue(
      liveEmails(other, { kind: 'invoice', invoiceId: invoice._id }),
    );
    expect(there?.progress).toBe('sent');
  });

  it('reads requests the replica held before this version once (the upgrade backfill)', async () => {
    const ctx = await openTestShop();
    const order = await sale(ctx);
    const mail = await requestEmail(ctx, {
      kind: 'receipt',
      orderId: order._id,
      invoiceId: null,
      to: 'ana@example.com',
      note: '',
    });
    await serverSays(ctx, { mailId: mail._id, status: 'sent' });
    // As a device upgraded from version 7 finds itself: the rows missing, the backfill noted.
    await ctx.local.mails.clear();
    await ctx.local.mailStatus.clear();
    await ctx.local.meta.put({ key: PROJECTOR_KEYS.backfill, value: ['mail:', 'mailstatus:'] });
    const projector = new Projector(() => ctx.replica(), ctx.local);
    await projector.start();
    projector.stop();
    expect((await receiptsOf(ctx, order._id)).map((v) => v.progress)).toEqual(['sent']);
    expect(await ctx.local.meta.get(PROJECTOR_KEYS.backfill)).toBeUndefined();
  });

  it("puts the server's word before a stale outbox row", () => {
    const row = {
      id: 'mail:01J0000000000000000000000A',
      kind: 'receipt',
      orderId: 'order:01J0000000000000000000000A',
      invoiceId: '',
      to: 'a@example.com',
      note: '',
      at: '2026-12-04T10:00:00.000Z',
      by: 'user-1234',
    } as const;
    const status = { mailId: row.id, status: 'failed', reason: 'bounced', at: row.at } as const;
    expect(
      emailView(row, status, { id: row.id, rev: '1-a', kind: 'mail', at: row.at, refused: null }),
    ).toMatchObject({ progress: 'failed', reason: 'bounced' });
    expect(emailView(row, undefined, undefined).progress).toBe('sending');
  });

  it("knows a customer's email address, to prefill", async () => {
    const ctx = await openTestShop();
    const ana = await createCustomer(ctx, {
      ...EMPTY_CUSTOMER,
      name: 'Ana',
      email: 'ana@example.com',
    });
    await settle(ctx);
    expect(await firstValue(liveCustomerEmail(ctx, ana._id))).toBe('ana@example.com');
    expect(await firstValue(liveCustomerEmail(ctx, null))).toBe('');
    expect(await firstValue(liveCustomerEmail(ctx, 'customer:01J0000000000000000000000A'))).toBe(
      '',
    );
  });
});
