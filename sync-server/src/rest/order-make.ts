import {
  buildOrder,
  orderEventDoc,
  ulid,
  type CartLine,
  type Customer,
  type Order,
  type OrderEvent,
  type Product,
} from '@stallkeeper/shared';
import type { RestOrderInput } from '@stallkeeper/shared/rest';
import { badRequest, unprocessable } from '../errors.ts';
import type { ShopDb } from '../storage/shop-db.ts';
import type { ApiWriter } from './api-writer.ts';
import { docIdOf } from './openapi.ts';
import { docOf } from './shop-reads.ts';
import { settingsOf } from './order-reads.ts';

/** The catalog's products for some API ids, each to be sold now (active). */
export async function productsFor(
  db: ShopDb,
  ids: readonly string[],
): Promise<Map<string, Product>> {
  const keys = ids.map((id) => docIdOf('product', id));
  const res = await db.allDocs({ keys, include_docs: true });
  const out = new Map<string, Product>();
  res.rows.forEach((row, i) => {
    const doc = 'doc' in row ? (row.doc as Product | null | undefined) : null;
    const id = ids[i] ?? '';
    if (!doc) throw unprocessable(`There is no product ${id} in this shop.`);
    if (!doc.active) throw unprocessable(`${doc.name} is archived: it cannot be sold.`);
    out.set(id, doc);
  });
  return out;
}

/** A catalog product as a line to sell (priced as the catalog says now). */
export const lineOf = (p: Product, qty: number): CartLine => ({
  productId: p._id,
  code: p.code,
  name: p.name,
  unit: p.unit,
  unitPrice: p.price,
  qty,
});

/**
 * The order (and a payment event for a part paid now) a POST makes, with the app's
 * own checkout (buildOrder): names and prices from the catalog, totals and tax from
 * the shop's settings.
 */
export async function makeOrder(
  db: ShopDb,
  w: ApiWriter,
  input: RestOrderInput,
  number: string,
): Promise<{ order: Order; events: OrderEvent[] }> {
  const products = await productsFor(
    db,
    input.lines.map((l) => l.productId),
  );
  const customer = input.customerId
    ? await docOf<Customer>(
        db,
        docIdOf('customer', input.customerId),
        'customer:',
        'customer',
      ).catch(() => {
        throw unprocessable(`There is no customer ${input.customerId ?? ''} in this shop.`);
      })
    : null;
  const settings = await settingsOf(db);
  const at = new Date().toISOString();
  const lines = input.lines.map((l) => lineOf(products.get(l.productId) as Product, l.qty));
  const base = {
    id: `order:${ulid()}`,
    number,
    lines,
    settings,
    channel: input.channel,
    tendered: null,
    customer: customer ? { id: customer._id, name: customer.name } : null,
    note: input.note ?? '',
    at,
    by: w.by.userId,
    deviceId: w.by.deviceId,
  };
  const paid = input.payment?.paid ?? 0;
  const whole = buildOrder({ ...base, method: input.payment?.method ?? 'account', payNow: true });
  if (paid > whole.total) {
    throw badRequest(`payment.paid: more than the total of ${whole.total}`);
  }
  if (input.payment && paid === whole.total && input.payment.method !== 'account') {
    return { order: whole, events: [] };
  }
  // Nothing or part paid now: the order is on account, and a part paid is a payment.
  const order = buildOrder({ ...base, method: 'account', payNow: false });
  if (!input.payment || paid === 0) return { order, events: [] };
  const payment = orderEventDoc(
    order,
    ulid(),
    { kind: 'payment', amount: paid, method: input.payment.method },
    { ...w.by, now: at },
  );
  return { order, events: [payment] };
}
