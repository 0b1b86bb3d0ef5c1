import { customerDoc, productDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { deleteCustomer, EMPTY_CUSTOMER, updateCustomer } from './customers.ts';
import { COPY_KEYS, LAST_SYNC_KEY } from './local.ts';
import { setArchived, updateProduct } from './products.ts';
import { openTestShop, productFields, settle } from './testing.ts';

/** A device whose first sync has put a product and a customer in its read models only. */
async function midCopy() {
  const ctx = await openTestShop();
  await settle(ctx);
  const product = productDoc({ code: 'FIG', name: 'Figs' });
  const customer = customerDoc({ name: 'Ana' });
  await ctx.projector.project([
    { ...product, _rev: '1-a' },
    { ...customer, _rev: '1-b' },
  ]);
  await ctx.local.meta.put({ key: COPY_KEYS.since, value: 42 });
  return { ctx, product, customer };
}

const fields = productFields({ code: 'FIG', name: 'Fresh figs', price: 250 });

describe('editing what a first sync has not put in the replica yet', () => {
  it('says it is still being copied, then, once the copy is done, that it is gone', async () => {
    const { ctx, product, customer } = await midCopy();
    const copying = /still being copied to this device/;
    await expect(updateProduct(ctx, product._id, fields)).rejects.toThrow(copying);
    await expect(setArchived(ctx, product._id, true)).rejects.toThrow(copying);
    const ana = { ...EMPTY_CUSTOMER, name: 'Ana P.' };
    await expect(updateCustomer(ctx, customer._id, ana)).rejects.toThrow(copying);
    await expect(deleteCustomer(ctx, customer._id)).rejects.toThrow(copying);

    // the copy finished without them: they were deleted on the server meanwhile
    await ctx.local.meta.put({ key: COPY_KEYS.essentials, value: true });
    await expect(updateProduct(ctx, product._id, fields)).rejects.toThrow(
      'This product no longer exists.',
    );
    await expect(setArchived(ctx, product._id, true)).resolves.toBeUndefined();
    await expect(deleteCustomer(ctx, customer._id)).resolves.toBeUndefined();
  });

  it('counts a device that never finished a sync as copying, from before its copy begins', async () => {
    const ctx = await openTestShop();
    await settle(ctx);
    // a new device, its copy not begun (the sell screen asks this as it opens)
    expect(await ctx.stillCopying()).toBe(true);
    await ctx.local.meta.put({ key: COPY_KEYS.since, value: 7 });
    expect(await ctx.stillCopying()).toBe(true);
    await ctx.local.meta.put({ key: COPY_KEYS.essentials, value: true });
    expect(await ctx.stillCopying()).toBe(false);
    // read models rebuilt on a device that has synced: no copy until the next sync begins
    await ctx.local.meta.bulkDelete([COPY_KEYS.since, COPY_KEYS.essentials]);
    await ctx.local.meta.put({ key: LAST_SYNC_KEY, value: new Date().toISOString() });
    expect(await ctx.stillCopying()).toBe(false);
  });
});
