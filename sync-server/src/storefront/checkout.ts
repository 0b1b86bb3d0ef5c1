import {
  auditEntryDoc,
  buildOrder,
  formatMoney,
  HybridClock,
  newCustomerDoc,
  orderEventDoc,
  parseShopDoc,
  STOREFRONT_AUTHOR,
  ulid,
  upcomingSlots,
  type Customer,
  type Order,
  type Product,
  type SettingsFields,
} from '@stallkeeper/shared';
import type { OutOfStock, PublicCheckoutInput } from '@stallkeeper/shared/rest';
import { createHash } from 'node:crypto';
import { badRequest, HttpError, unprocessable } from '../errors.ts';
import type { ShopResolver } from '../resolver/resolver.ts';
import { sealDoc, sealKeyOf } from '../replication/server-seal.ts';
import { settingsOf } from '../rest/order-reads.ts';
import { WEB_SERIES, withSeries } from '../rest/order-series.ts';
import type { ShopDb } from '../storage/shop-db.ts';
import { getOrNull } from '../system-db.ts';
import type { StorefrontConfig } from './storefront-store.ts';

/** Who writes what the shop page brings in: never a member, always named so. */
export const STOREFRONT_BY = {
  userId: STOREFRONT_AUTHOR,
  userName: 'Shop page',
  deviceId: STOREFRONT_AUTHOR,
};
const clock = new HybridClock(STOREFRONT_AUTHOR);

export const unavailable = () =>
  new HttpError(
    409,
    'unavailable',
    'This shop cannot take online orders right now. Please try again in a minute.',
  );

export type CheckoutOutcome =
  { ok: true; order: Order; created: boolean } | { ok: false; body: OutOfStock };

/** The products of the cart as the catalogue has them now (missing ones are absent). */
async function productsOf(db: ShopDb, ids: readonly string[]): Promise<Map<string, Product>> {
  const res = await db.allDocs({ keys: ids.map((id) => `product:${id}`), include_docs: true });
  const out = new Map<string, Product>();
  for (const row of res.rows) {
    const doc = 'doc' in row ? (row.doc as Product | null | undefined) : null;
    if (doc?.type === 'product') out.set(doc._id, doc);
  }
  return out;
}

/** The shop's customer with this phone number, or a new one (remembered by number). */
async function customerFor(
  db: ShopDb,
  system: PouchDB.Database,
  shopId: string,
  who: PublicCheckoutInput['customer'],
  address: string,
): Promise<{ customer: Customer; isNew: boolean }> {
  const digits = who.phone.replace(/\D/g, '');
  const keyId = `custphone:${shopId}:${createHash('sha256').update(digits).digest('base64url').slice(0, 32)}`;
  const known = await getOrNull<{ customerId: string }>(system, keyId);
  if (known) {
    const doc = (await db.get(known.customerId).catch(() => null)) as Customer | null;
    if (doc && doc.type === 'customer') return { customer: doc, isNew: false };
  }
  const customer = newCustomerDoc(
    `customer:${ulid()}`,
    {
      name: who.name,
      phone: who.phone,
      email: who.email ?? '',
      address,
      location: '',
      notes: 'First ordered on the shop page.',
    },
    { ...STOREFRONT_BY, stamp: clock.next() },
  );
  await system.put({ _id: keyId, customerId: customer._id }).catch(() => undefined);
  return { customer, isNew: true };
}

export interface CheckoutDeps {
  db: ShopDb;
  system: PouchDB.Database;
  shopId: string;
  config: StorefrontConfig;
  resolver: ShopResolver | null;
  now?: Date;
}

/** The checks that need no stock: channel, slot, address, minimum order. */
function plan(config: StorefrontConfig, input: PublicCheckoutInput, now: Date) {
  const offer = input.channel === 'pickup' ? config.pickup : config.delivery;
  if (!offer) {
    throw badRequest(
      input.channel === 'pickup'
        ? 'This shop does not offer pickup.'
        : 'This shop does not deliver.',
    );
  }
  const address = input.channel === 'delivery' ? (input.address ?? '').trim() : '';
  if (input.channel === 'delivery' && !address) {
    throw badRequest('address: where should we deliver?');
  }
  const slots = upcomingSlots(offer.times, config.timeZone, now);
  const slot = input.slot ? slots.find((s) => s.id === input.slot) : undefined;
  if (input.slot && !slot) {
    throw badRequest('slot: that time is no longer offered. Choose another.');
  }
  if (!input.slot && slots.length) throw badRequest('slot: choose a time.');
  const ids = input.lines.map((l) => l.productId);
  if (new Set(ids).size !== ids.length) throw badRequest('lines: a product appears twice.');
  return { offer, address, slot: slot ?? null };
}

/**
 * Take an online order atomically: inside the shop's turn (one order at a time, API
 * orders included), once the resolver has processed everything, every line must fit
 * what onlineAvailable allows; the order is written and the turn is held until the
 * resolver has processed it, so the next checkout counts it. A repeated
 * Idempotency-Key answers with the first order.
 */
export async function placeOrder(
  deps: CheckoutDeps,
  input: PublicCheckoutInput,
  idempotencyKey: string | null,
  /** run inside the shop's turn once the order is stored (a retry then finds what it made) */
  onPlaced: (order: Order) => Promise<void> = () => Promise.resolve(),
): Promise<CheckoutOutcome> {
  const { db, config, resolver } = deps;
  const now = deps.now ?? new Date();
  const { offer, address, slot } = plan(config, input, now);
  if (!resolver) throw unavailable();
  const key = idempotencyKey
    ? createHash('sha256').update(`storefront\n${idempotencyKey}`).digest('base64url')
    : null;
  return withSeries(
    db,
    deps.shopId,
    key,
    async (turn): Promise<CheckoutOutcome> => {
      if (turn.earlier) {
        const order = (await db.get(turn.earlier).catch(() => null)) as Order | null;
        if (order) return { ok: true, order, created: false };
      }
      const ids = input.lines.map((l) => `product:${l.productId}`);
      const products = await productsOf(
        db,
        input.lines.map((l) => l.productId),
      );
      const sellable = [...products.values()];
      const available = await resolver.onlineAvailable(sellable);
      const short = input.lines.flatMap((l, i) => {
        const have = available.get(ids[i] ?? '') ?? 0;
        return l.qty > have ? [{ productId: l.productId, available: have }] : [];
      });
      if (short.length) {
        await turn.done(null);
        return {
          ok: false,
          body: {
            error: 'out_of_stock',
            reason:
              short.length === 1
                ? 'One item is no longer available in that quantity.'
                : `${short.length} items are no longer available in those quantities.`,
            items: short,
          },
        };
      }
      const settings: SettingsFields = await settingsOf(db);
      const { customer, isNew } = await customerFor(
        db,
        deps.system,
        deps.shopId,
        input.customer,
        address,
      );
      const at = now.toISOString();
      const base = buildOrder({
        id: `order:${ulid()}`,
        number: turn.number,
        lines: input.lines.map((l, i) => {
          const p = products.get(ids[i] ?? '') as Product;
          return {
            productId: p._id,
            code: p.code,
            name: p.name,
            unit: p.unit,
            unitPrice: p.price,
            qty: l.qty,
          };
        }),
        settings,
        channel: input.channel,
        method: 'account',
        tendered: null,
        payNow: false,
        customer: { id: customer._id, name: customer.name },
        note: input.note ?? '',
        at,
        by: STOREFRONT_BY.userId,
        deviceId: STOREFRONT_BY.deviceId,
      });
      const fee = input.channel === 'delivery' && 'fee' in offer ? offer.fee : 0;
      const order: Order = {
        ...base,
        total: base.total + fee,
        source: 'online',
        onlinePayment: input.payment,
        ...(fee ? { deliveryFee: fee } : {}),
      };
      if (order.total < config.minimumOrder) {
        await turn.done(null);
        throw unprocessable(
          `The minimum order is ${formatMoney(config.minimumOrder, settings.currency)}.`,
        );
      }
      const docs: object[] = [order];
      if (isNew) docs.unshift(customer);
      if (slot || address) {
        docs.push(
          orderEventDoc(
            order,
            ulid(),
            {
              kind: 'delivery_scheduled',
              scheduledFor: slot?.from ?? at,
              ...(slot ? { windowEnd: slot.to } : {}),
              address: input.channel === 'delivery' ? address : (config.pickup?.place ?? ''),
              phone: input.customer.phone,
            },
            { ...STOREFRONT_BY, now: at },
          ),
        );
      }
      docs.push(
        auditEntryDoc(
          `audit:${ulid()}`,
          {
            action: 'order.create',
            target: order._id,
            summary: `Online order ${order.number} from ${customer.name} (${input.channel === 'pickup' ? 'pickup' : 'delivery'}, ${formatMoney(order.total, order.currency)})`,
            before: null,
            after: {
              number: order.number,
              total: order.total,
              channel: order.channel,
              source: 'online',
              payment: input.payment,
            },
          },
          { ...STOREFRONT_BY, now: at },
        ),
      );
      await writeServerDocs(db, docs);
      await onPlaced(order);
      await turn.done(order._id);
      await resolver.idle(); // the next checkout must count this one
      return { ok: true, order, created: true };
    },
    WEB_SERIES,
  );
}

/**
 * Write documents the server made, each checked against its shop schema first and
 * sealed, so a device can give them back after a restore (replication/server-seal.ts).
 */
export async function writeServerDocs(db: ShopDb, docs: readonly object[]): Promise<void> {
  const key = await sealKeyOf(db);
  const sealed = docs.map((d) => sealDoc(key, d));
  for (const d of sealed) {
    const parsed = parseShopDoc(d);
    if (!parsed.ok) throw new Error(`server-made document refused: ${parsed.reason}`);
  }
  const results = await db.bulkDocs(sealed);
  const failed = results.find((r) => 'error' in r && r.error);
  if (failed) throw new Error(`server-made document not stored: ${JSON.stringify(failed)}`);
}
