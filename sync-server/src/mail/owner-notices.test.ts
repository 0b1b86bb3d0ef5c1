import {
  createUlidGenerator,
  HybridClock,
  PRODUCT_MERGE_FIELDS,
  type Product,
} from '@stallkeeper/shared';
import { productDoc, saleOf, stampsFor, stockMovementDoc } from '@stallkeeper/shared/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDocs, callApi, readJson, registerUser, type TestAccount } from '../test-helpers.ts';
import { mailTestApp, type MailTestApp } from './test-mail-app.ts';
import type { TestSmtp } from './test-smtp.ts';

let t: MailTestApp;
let smtp: TestSmtp;
let app: MailTestApp['app'];
let owner: TestAccount;
let seller: TestAccount;
let mailTo: MailTestApp['mailTo'];

beforeAll(async () => {
  t = await mailTestApp();
  ({ smtp, app, mailTo } = t);
  owner = await registerUser(app, 'Nora', { email: 'nora.notices@example.test' });
  await t.verify(owner);
  seller = await registerUser(app, 'Sid', { email: 'sid.notices@example.test' });
});
afterAll(() => t.close());

let seq = 0;
const product = (name: string): Product =>
  productDoc({
    code: `N${++seq}`,
    name,
    price: 450,
    lowStockThreshold: 2,
    stamps: stampsFor(PRODUCT_MERGE_FIELDS, new HybridClock(owner.deviceId).next()),
  });

describe("an owner's notifications", () => {
  it('are off until the owner turns them on; only an owner may', async () => {
    const path = `/api/shops/${owner.shopId}/notifications`;
    expect(await readJson(await callApi(app, owner.cookie, 'GET', path))).toEqual({
      digest: false,
      oversell: false,
    });
    const on = await callApi(app, owner.cookie, 'PUT', path, { digest: true, oversell: true });
    expect(await readJson(on)).toEqual({ digest: true, oversell: true });
    expect((await callApi(app, owner.cookie, 'PUT', path, { digest: 'yes' })).status).toBe(400);
    // another shop's owner reaches nothing here
    expect((await callApi(app, seller.cookie, 'GET', path)).status).toBe(404);
  });

  it('email an oversell as it is found, once, and the day before as a digest', async () => {
    const author = { by: owner.userId, deviceId: owner.deviceId };
    const eggs = product('Free-range eggs, dozen');
    const jam = product('Plum jam');
    const yesterday = new Date(Date.now() - 86_400_000);
    const at = (h: number) => {
      const d = new Date(yesterday);
      d.setUTCHours(h, 0, 0, 0);
      return d.toISOString();
    };
    // made on the phone at the sale: the id carries its time (the digest reads by it)
    const made = createUlidGenerator();
    const sold = (p: Product, qty: number, number: string, createdAt: string) =>
      saleOf(p, qty, {
        ...author,
        number,
        createdAt,
        _id: `order:${made(Date.parse(createdAt))}`,
      });
    const docs = [
      eggs,
      jam,
      stockMovementDoc({ ...author, productId: eggs._id, qty: 1, reason: 'restock', at: at(7) }),
      stockMovementDoc({ ...author, productId: jam._id, qty: 10, reason: 'restock', at: at(7) }),
      sold(eggs, 1, 'K1-0001', at(9)),
      sold(eggs, 1, 'K1-0002', at(10)),
      sold(jam, 9, 'K1-0003', at(11)),
    ];
    const rows = await bulkDocs(app, owner.cookie, owner.shopId, docs);
    expect(
      rows.every((r) => r.ok),
      JSON.stringify(rows),
    ).toBe(true);
    const alert = await mailTo(owner.email, /sold more than was in stock/);
    expect(alert.text).toContain('https://stall.example.test/alerts');

    const noon = new Date();
    noon.setUTCHours(12, 0, 0, 0);
    expect(await app.services.notices.sendDigests(noon.getTime())).toBe(1);
    expect(await app.services.notices.sendDigests(noon.getTime())).toBe(0); // once a day
    const digest = await mailTo(owner.email, /yesterday/);
    expect(digest.subject).toBe('Nora’s Stall: yesterday, €49.50');
    expect(digest.text).toContain('€49.50 from 3 orders');
    expect(digest.text).toMatch(/Out of stock \(1\): Free-range eggs, dozen/);
    expect(digest.text).toMatch(/Running low \(1\): Plum jam/);
    expect(digest.text).toMatch(/Sold more than was in stock \(1\)/);
    await app.services.mail.outbox.drain();
    const oversells = smtp.messages.filter((m) => /sold more than/.test(m.subject ?? ''));
    expect(oversells).toHaveLength(1);
  });
});
