import { describe, expect, it } from 'vitest';
import { createCustomer, deleteCustomer } from './customers.ts';
import { openTestShop, settle } from './testing.ts';

const actor = { userId: 'user-1234', userName: 'Olga', deviceId: 'dev-test-1' };

const openShop = () => openTestShop(actor);

const ana = {
  name: 'Ana Pereira',
  phone: '+351 912 345 678',
  email: '',
  address: '',
  location: '',
  notes: 'Likes figs',
};

describe('deleting a customer', () => {
  it('removes them from the replica and the customer list, waits in the outbox, and is logged', async () => {
    const ctx = await openShop();
    const c = await createCustomer(ctx, ana);
    await settle(ctx);
    expect(await ctx.local.customers.get(c._id)).toBeDefined();

    await deleteCustomer(ctx, c._id);
    await settle(ctx);
    expect(await ctx.get(c._id)).toBeNull();
    expect(await ctx.local.customers.get(c._id)).toBeUndefined();
    // the tombstone is what waits to be synced
    const row = await ctx.local.outbox.get(c._id);
    expect(row?.rev).toMatch(/^2-/);
    const log = await ctx.pouch.allDocs({
      startkey: 'audit:',
      endkey: 'audit:\ufff0',
      include_docs: true,
    });
    const entry = log.rows
      .map((r) => r.doc as unknown as Record<string, unknown>)
      .find((d) => d.action === 'customer.delete');
    expect(entry).toMatchObject({
      target: c._id,
      before: expect.objectContaining({ name: 'Ana Pereira', notes: 'Likes figs' }),
      after: null,
    });
  });
});
