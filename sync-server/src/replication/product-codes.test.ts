import { HybridClock, PRODUCT_MERGE_FIELDS, type Alert, type Product } from '@stallkeeper/shared';
import { FIXTURE_DEVICE, productDoc, stampsFor } from '@stallkeeper/shared/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import { bulkDocs, callApi, registerUser, type TestAccount } from '../test-helpers.ts';

/**
 * A product code is unique per shop: a direct write (an online client) that repeats
 * one is refused; two offline devices that each made one are both kept, and the
 * resolver raises an alert naming both until one is renamed.
 */
let app: App;
let owner: TestAccount;
const clock = new HybridClock(FIXTURE_DEVICE);

const product = (code: string, name: string): Product =>
  productDoc({ code, name, stamps: stampsFor(PRODUCT_MERGE_FIELDS, clock.next()) });

/** As a device's replicator sends it: its own first revision. */
const replicated = (p: Product, hash: string) => ({
  ...p,
  _rev: `1-${hash}`,
  _revisions: { start: 1, ids: [hash] },
});

async function codeAlerts(): Promise<Alert[]> {
  await app.services.resolvers?.get(owner.shopId)?.idle();
  const res = await app.services.storage
    .shop(owner.shopId)
    .allDocs({ startkey: 'alert:code:', endkey: 'alert:code:\ufff0', include_docs: true });
  return res.rows.map((r) => r.doc as unknown as Alert);
}

beforeAll(async () => {
  app = createApp({ storage: memoryStorage() });
  await app.services.resolvers?.start();
  owner = await registerUser(app, 'Olga');
});
afterAll(async () => {
  await app.services.resolvers?.stop();
  await app.services.storage.close();
});

describe('product codes', () => {
  it('a direct write of a code another product has is refused, whatever its case', async () => {
    const first = product('JAM-1', 'Plum jam');
    const [ok] = await bulkDocs(app, owner.cookie, owner.shopId, [first]);
    expect(ok).toMatchObject({ ok: true });
    const rows = await bulkDocs(app, owner.cookie, owner.shopId, [
      product(' jam-1', 'Cherry jam'),
      product('JAM-2', 'Fig jam'),
      product('JAM-2', 'Fig jam again'),
    ]);
    expect(rows.map((r) => r.error ?? r.ok)).toEqual(['forbidden', true, 'forbidden']);
    expect(rows[0]?.reason).toMatch(/JAM-1|jam-1/);
    // the product itself keeps its code when edited, and a PUT is judged the same way
    const stored = await app.services.storage.shop(owner.shopId).get<Product>(first._id);
    const edit = await callApi(app, owner.cookie, 'PUT', `/db/${owner.shopId}/${first._id}`, {
      ...stored,
      name: 'Plum jam, large',
      stamps: { ...stored.stamps, name: clock.next() },
    });
    expect(edit.status).toBe(201);
    const clash = product('JAM-1', 'Another');
    const put = await callApi(app, owner.cookie, 'PUT', `/db/${owner.shopId}/${clash._id}`, clash);
    expect(put.status).toBe(403);
  });

  it('two offline devices making the same code: both kept, one alert names both until a rename', async () => {
    const a = product('APL', 'Apples');
    const b = product('apl', 'Green apples');
    const rows = await bulkDocs(
      app,
      owner.cookie,
      owner.shopId,
      [replicated(a, 'a1'), replicated(b, 'b1')],
      false,
    );
    expect(rows.map((r) => r.ok)).toEqual([true, true]);
    const [alert] = await codeAlerts();
    expect(alert).toMatchObject({
      kind: 'duplicate_code',
      productIds: [a._id, b._id],
      resolution: '',
    });
    expect(alert?.message).toMatch(/“Apples” and “Green apples” have the same code/);

    // the owner renames one: the alert is resolved, not deleted
    const renamed = {
      ...b,
      code: 'APL-G',
      stamps: { ...b.stamps, code: clock.next() },
      _rev: '2-b2',
      _revisions: { start: 2, ids: ['b2', 'b1'] },
    };
    const [row] = await bulkDocs(app, owner.cookie, owner.shopId, [renamed], false);
    expect(row).toMatchObject({ ok: true });
    const [after] = await codeAlerts();
    expect(after?._id).toBe(alert?._id);
    expect(after?.resolution).toMatch(/own code again/);
  });
});
