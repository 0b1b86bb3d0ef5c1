import {
  auditEntryDoc,
  customerMayCancel,
  formatMoney,
  orderEventDoc,
  ulid,
  type Order,
  type OrderEventBody,
  type SettingsFields,
} from '@stallkeeper/shared';
import type { CustomerRequest } from '@stallkeeper/shared';
import type { TrackedOrder } from '@stallkeeper/shared/rest';
import { HttpError, notFound } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import { factsOf, settingsOf, type OrderFacts } from '../rest/order-reads.ts';
import type { ResolverManager } from '../resolver/manager.ts';
import type { ShopResolver } from '../resolver/resolver.ts';
import type { Storage } from '../storage/storage.ts';
import type { ShopDb } from '../storage/shop-db.ts';
import { PublicCatalogue } from './catalogue.ts';
import { STOREFRONT_BY, writeServerDocs } from './checkout.ts';
import { PaymentAttempts, testCardGateway, type Attempt } from './payments.ts';
import { StorefrontStore, type StorefrontConfig } from './storefront-store.ts';
import { trackedView } from './tracking-view.ts';
import { Tracking } from './tracking.ts';

export const noShop = () => notFound('There is no shop page at this address.');
export const noOrder = () => notFound('This order link is not valid.');
export const tooLate = (reason: string) => new HttpError(409, 'too_late', reason);

/** A published shop, as the public routes need it. */
export interface OpenShop {
  shopId: string;
  slug: string;
  config: StorefrontConfig;
  settings: SettingsFields;
  db: ShopDb;
}

/**
 * The shop page's server side: settings, the public catalogue, customers' order
 * keys and card payments. Everything it writes into a shop is an ordinary document
 * (orders, events, customers, activity entries) in the shop page's name.
 */
export class StorefrontDesk {
  readonly store: StorefrontStore;
  readonly tracking: Tracking;
  readonly payments: PaymentAttempts;
  readonly catalogue: PublicCatalogue;

  constructor(
    readonly system: PouchDB.Database,
    private readonly stores: Storage,
    readonly mail: Mailer,
    private readonly resolvers: () => ResolverManager | null,
  ) {
    this.store = new StorefrontStore(system);
    this.tracking = new Tracking(system);
    this.payments = new PaymentAttempts(
      system,
      testCardGateway((p) => mail.link(p)),
    );
    this.catalogue = new PublicCatalogue(
      (slug, id) => `/api/public/shops/${slug}/products/${id}/photo`,
    );
  }

  storage(shopId: string): ShopDb {
    return this.stores.shop(shopId);
  }

  async resolver(shopId: string): Promise<ShopResolver | null> {
    return (await this.resolvers()?.ensure(shopId)) ?? null;
  }

  /** Where another replica resolves the shop and takes its checkouts, if one does. */
  async holderUrl(shopId: string): Promise<string | null> {
    return (await this.resolvers()?.holderUrl(shopId)) ?? null;
  }

  /** The shop published at `slug`, or a 404. */
  async open(slug: string): Promise<OpenShop> {
    const found = await this.store.published(slug);
    if (!found) throw noShop();
    const db = this.stores.shop(found.shopId);
    return { ...found, slug: found.config.slug, settings: await settingsOf(db), db };
  }

  /** An order by its tracking token, with its facts now (404 for an unknown token). */
  async tracked(
    token: string,
  ): Promise<{ shop: OpenShop | null; facts: OrderFacts; shopId: string }> {
    const key = await this.tracking.find(token);
    if (!key) throw noOrder();
    const db = this.stores.shop(key.shopId);
    const order = (await db.get(key.orderId).catch(() => null)) as Order | null;
    if (!order) throw noOrder();
    const [facts] = await factsOf(db, [order]);
    if (!facts) throw noOrder();
    const config = await this.store.get(key.shopId);
    const shop = config
      ? { shopId: key.shopId, slug: config.slug, config, settings: await settingsOf(db), db }
      : null;
    return { shop, facts, shopId: key.shopId };
  }

  async attemptsOf(shopId: string, orderId: string): Promise<Attempt[]> {
    const key = await this.tracking.ofOrder(shopId, orderId);
    const attempts = await Promise.all((key?.payments ?? []).map((id) => this.payments.get(id)));
    return attempts.filter((a): a is Attempt => a !== null);
  }

  /** The tracking page's view of an order. */
  async view(token: string): Promise<TrackedOrder> {
    const { shop, facts, shopId } = await this.tracked(token);
    const settings = shop?.settings ?? (await settingsOf(this.stores.shop(shopId)));
    return trackedView(facts, {
      shop: {
        name: settings.shopName,
        slug: shop?.slug ?? '',
        currency: facts.order.currency,
        contact: settings.contact,
      },
      place: shop?.config.pickup?.place ?? '',
      attempts: await this.attemptsOf(shopId, facts.order._id),
      payUrl: (id) => this.payments.gateway.payUrl(id),
    });
  }

  /** Write events about an order in the shop page's name, each with its activity entry. */
  async addEvents(
    shopId: string,
    order: Order,
    bodies: { body: OrderEventBody; summary: string }[],
  ) {
    const db = this.stores.shop(shopId);
    const now = new Date().toISOString();
    const docs: object[] = [];
    for (const { body, summary } of bodies) {
      docs.push(
        orderEventDoc(order, ulid(), body, { ...STOREFRONT_BY, now }),
        auditEntryDoc(
          `audit:${ulid()}`,
          {
            action: `order.${body.kind}`,
            target: order._id,
            summary,
            before: null,
            after: { ...body },
          },
          { ...STOREFRONT_BY, now },
        ),
      );
    }
    await writeServerDocs(db, docs);
    const resolver = await this.resolver(shopId);
    await resolver?.idle();
    this.catalogue.forget(shopId);
  }

  /** The customer cancels before the seller has prepared the order; what was paid goes back. */
  async cancel(token: string, reason: string): Promise<TrackedOrder> {
    const { facts, shopId } = await this.tracked(token);
    const { order, state } = facts;
    if (!customerMayCancel(order, state)) {
      throw tooLate(
        state.status === 'cancelled'
          ? 'This order is already cancelled.'
          : 'The shop has already prepared this order: ask them to cancel it instead.',
      );
    }
    const paid = Math.max(0, state.paid - state.refunded);
    await this.addEvents(shopId, order, [
      {
        body: {
          kind: 'cancelled',
          reason: reason ? `Cancelled by the customer: ${reason}` : 'Cancelled by the customer',
          ...(paid > 0 ? { refund: paid, refundMethod: 'card' as const } : {}),
        },
        summary: `The customer cancelled online order ${order.number}${paid > 0 ? ` (refund ${formatMoney(paid, order.currency)})` : ''}`,
      },
    ]);
    return this.view(token);
  }

  /** The customer asks the seller to cancel or take back a prepared order. */
  async request(token: string, request: CustomerRequest, reason: string): Promise<TrackedOrder> {
    const { facts, shopId } = await this.tracked(token);
    const view = await this.view(token);
    if (!view.canRequest.includes(request)) {
      throw tooLate(
        request === 'cancel'
          ? 'This order cannot be asked to be cancelled now.'
          : 'This order cannot be returned now.',
      );
    }
    await this.addEvents(shopId, facts.order, [
      {
        body: { kind: 'customer_request', request, reason },
        summary: `The customer asks to ${request === 'cancel' ? 'cancel' : 'return'} online order ${facts.order.number}${reason ? `: ${reason}` : ''}`,
      },
    ]);
    return this.view(token);
  }
}
