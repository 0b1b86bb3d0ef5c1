import { describe, expect, it } from 'vitest';
import { liveEmails } from '../db/mail.ts';
import { addProduct, cashSale, firstValue, openTestShop, settle } from '../db/testing.ts';
import { EmailForm } from './email-form.svelte.ts';

async function receiptForm() {
  const ctx = await openTestShop();
  const order = await cashSale(ctx, await addProduct(ctx));
  await settle(ctx);
  const form = new EmailForm(() => ({
    ctx,
    kind: 'receipt',
    orderId: order._id,
    invoiceId: null,
  }));
  const emails = async () => {
    await settle(ctx);
    return firstValue(liveEmails(ctx, { kind: 'receipt', orderId: order._id }));
  };
  return { form, emails };
}

describe('the email dialog', () => {
  it("opens with the customer's address and a fresh note", async () => {
    const { form } = await receiptForm();
    form.note = 'left over';
    form.errors = { to: 'old' };
    form.start('ana@example.com');
    expect([form.open, form.to, form.note, form.errors]).toEqual([true, 'ana@example.com', '', {}]);
  });

  it('keeps the dialog open on a bad address, and closes once the request is saved', async () => {
    const { form, emails } = await receiptForm();
    form.start('');
    form.to = 'ana@';
    expect(await form.send()).toBe(false);
    expect(form.open).toBe(true);
    expect(form.errors).toEqual({ to: 'Enter a valid email address.' });
    form.to = 'ana@example.com';
    form.note = 'Thanks!';
    expect(await form.send()).toBe(true);
    expect(form.open).toBe(false);
    expect((await emails()).map((e) => [e.to, e.note, e.progress])).toEqual([
      ['ana@example.com', 'Thanks!', 'waiting'],
    ]);
  });

  it('tries a failed email again as a new request to the same address', async () => {
    const { form, emails } = await receiptForm();
    form.start('ana@example.com');
    await form.send();
    const [first] = await emails();
    if (!first) throw new Error('no email');
    expect(await form.retry(first)).toBe(true);
    const all = await emails();
    expect(all).toHaveLength(2);
    expect(new Set(all.map((e) => e.id)).size).toBe(2);
    expect(all.every((e) => e.to === 'ana@example.com')).toBe(true);
  });
});
