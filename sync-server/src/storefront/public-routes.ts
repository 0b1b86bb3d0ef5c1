import {
  cancelInput,
  checkoutInput,
  myOrdersInput,
  paymentOutcome,
  requestInput,
  SLUG_RE,
  type CheckoutResult,
  type MyOrders,
} from '@stallkeeper/shared/rest';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { badRequest, HttpError, tooMany } from '../errors.ts';
import { clientAddress } from '../http/auth.ts';
import { addressKey } from '../http/client-address.ts';
import { invalidInput } from '../http/parse.ts';
import { readJson } from '../http/read-json.ts';
import type { AppEnv } from '../http/types.ts';
import { orderPlacedEmail, myOrdersEmail } from '../mail/templates.ts';
import type { Order } from '@stallkeeper/shared';
import { factsOf, settingsOf } from '../rest/order-reads.ts';
import { publicShopOf } from './catalogue.ts';
import { placeOrder } from './checkout.ts';
import { REPLICA_HEADER } from './replica-link.ts';
import { noOrder, noShop } from './desk.ts';
import { attemptView, beginPayment, settlePayment } from './payment-flow.ts';

/**
 * `/api/public/…`: what customers reach without an account. Every route is rate
 * limited per client address, reads only published shops, takes only the documented
 * fields (strict schemas), and answers nothing about costs, staff or other customers.
 */

async function body<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(c));
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** A slug that cannot be a shop's is a 404 before any read. */
const slugOf = (c: Context<AppEnv>) => {
  const slug = c.req.param('slug') ?? '';
  if (!SLUG_RE.test(slug)) throw noShop();
  return slug;
};

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

/** A checkout another replica of this server passed on, after its own limit and captcha. */
const fromReplica = (c: Context<AppEnv>) =>
  c.req.method === 'POST' &&
  /^\/api\/public\/shops\/[^/]+\/orders$/.test(c.req.path) &&
  c.get('services').replicaLink.trusted(c.req.header(REPLICA_HEADER));

function rateLimited(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (fromReplica(c)) return next();
    const { allowed, resetMs } = c.get('services').publicRate.take(addressKey(clientAddress(c)));
    if (!allowed) throw tooMany(Math.max(1, Math.ceil(resetMs / 1000)));
    await next();
  };
}

export function publicRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', rateLimited());
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/shops/:slug', async (c) => {
    const desk = c.get('services').storefront;
    const shop = await desk.open(slugOf(c));
    const list = await desk.catalogue.list(
      shop.shopId,
      shop.slug,
      shop.db,
      await desk.resolver(shop.shopId),
      shop.settings.lowStockDefault,
    );
    return c.json(publicShopOf(shop.slug, shop.config, shop.settings, list.categories, new Date()));
  });

  app.get('/shops/:slug/products', async (c) => {
    const desk = c.get('services').storefront;
    const shop = await desk.open(slugOf(c));
    const { items } = await desk.catalogue.list(
      shop.shopId,
      shop.slug,
      shop.db,
      await desk.resolver(shop.shopId),
      shop.settings.lowStockDefault,
    );
    return c.json({ items });
  });

  app.get('/shops/:slug/products/:id/photo', async (c) => {
    const desk = c.get('services').storefront;
    const shop = await desk.open(slugOf(c));
    const id = c.req.param('id');
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) throw noShop();
    const product = (await shop.db.get(`product:${id}`).catch(() => null)) as {
      online?: boolean;
      active?: boolean;
      _attachments?: Record<string, unknown>;
    } | null;
    if (!product?.online || !product.active || !product._attachments?.photo) {
      throw new HttpError(404, 'not_found', 'There is no photo.');
    }
    const photo = await shop.db.getAttachment(`product:${id}`, 'photo');
    if (!/^image\/(jpeg|png|webp|gif|avif)$/.test(photo.contentType)) {
      throw new HttpError(404, 'not_found', 'There is no photo.');
    }
    return c.body(new Uint8Array(photo.data), 200, {
      'Content-Type': photo.contentType,
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.post('/shops/:slug/orders', async (c) => {
    const services = c.get('services');
    const desk = services.storefront;
    const shop = await desk.open(slugOf(c));
    const input = await body(c, checkoutInput);
    const rawKey = c.req.header('idempotency-key') ?? null;
    if (rawKey !== null && !KEY_RE.test(rawKey)) {
      throw badRequest('Idempotency-Key: 1 to 200 printable characters.');
    }
    const relayed = fromReplica(c);
    if (!relayed) await services.captcha.check(input.altcha);
    const resolver = await desk.resolver(shop.shopId);
    if (!resolver && !relayed && services.replicaLink.enabled) {
      // another replica resolves this shop: the checkout is taken there, in its turn
      const holder = await desk.holderUrl(shop.shopId);
      const answer = holder
        ? await services.replicaLink.forwardCheckout(holder, shop.slug, input, rawKey)
        : null;
      if (answer) return answer;
    }
    let token = '';
    const outcome = await placeOrder(
      { db: shop.db, system: desk.system, shopId: shop.shopId, config: shop.config, resolver },
      input,
      rawKey,
      async (order) => {
        // inside the shop's turn: a retry with the same key finds the token
        token = await desk.tracking.create(shop.shopId, order._id, input.customer.email ?? '');
      },
    );
    if (!outcome.ok) return c.json(outcome.body, 409);
    const { order, created } = outcome;
    desk.catalogue.forget(shop.shopId);
    let paymentUrl: string | undefined;
    if (created) {
      if (input.payment === 'test_card') {
        paymentUrl = await beginPayment(desk, shop.shopId, order, order.total);
      }
      const email = input.customer.email ?? '';
      if (email) {
        await desk.mail.send(
          orderPlacedEmail(
            email,
            shop.settings.shopName,
            order.number,
            desk.mail.link(`/s/${shop.slug}/track#${token}`),
          ),
        );
      }
    } else {
      token = (await desk.tracking.ofOrder(shop.shopId, order._id))?.token ?? '';
      const [facts] = await factsOf(shop.db, [order]);
      const attempts = await desk.attemptsOf(shop.shopId, order._id);
      const latest = attempts.at(-1);
      if (latest?.state === 'pending' && facts?.state.paymentStatus !== 'paid') {
        paymentUrl = desk.payments.gateway.payUrl(latest.id);
      }
    }
    const result: CheckoutResult = {
      id: order._id.slice('order:'.length),
      number: order.number,
      status: 'open',
      total: order.total,
      trackingToken: token,
      ...(paymentUrl ? { paymentUrl } : {}),
    };
    return c.json(result, 201);
  });

  app.post('/shops/:slug/my-orders', async (c) => {
    const services = c.get('services');
    const desk = services.storefront;
    const shop = await desk.open(slugOf(c));
    const { email, altcha } = await body(c, myOrdersInput);
    await services.captcha.check(altcha);
    const wait = Math.max(
      services.throttles.mailRequests.charge(`address|${addressKey(clientAddress(c))}`),
      services.throttles.mailRequests.charge(`shopper|${shop.shopId}|${email.toLowerCase()}`),
    );
    if (wait > 0) throw tooMany(wait);
    // the same answer whether or not the address ordered here
    if ((await desk.tracking.ordersOf(shop.shopId, email)).length) {
      const token = await desk.tracking.createList(shop.shopId, email);
      await desk.mail.send(
        myOrdersEmail(
          email,
          shop.settings.shopName,
          desk.mail.link(`/s/${shop.slug}/orders#${token}`),
        ),
      );
    }
    return c.body(null, 202);
  });

  app.get('/my-orders/:token', async (c) => {
    const desk = c.get('services').storefront;
    const list = await desk.tracking.findList(c.req.param('token'));
    if (!list) throw noOrder();
    const config = await desk.store.get(list.shopId);
    const db = desk.storage(list.shopId);
    const ids = await desk.tracking.ordersOf(list.shopId, list.email);
    const res = await db.allDocs({ keys: ids, include_docs: true });
    const orders = res.rows.flatMap((r) => {
      const d = 'doc' in r ? r.doc : null;
      return d ? [d as unknown as Order] : [];
    });
    const facts = await factsOf(
      db,
      [...orders].sort((a, b) => (a._id < b._id ? -1 : 1)),
    );
    const settings = await settingsOf(db);
    const keys = await Promise.all(orders.map((o) => desk.tracking.ofOrder(list.shopId, o._id)));
    const tokenOf = new Map(orders.map((o, i) => [o._id, keys[i]?.token ?? '']));
    const out: MyOrders = {
      shop: { name: settings.shopName, slug: config?.slug ?? '', currency: settings.currency },
      orders: facts
        .map((f) => ({
          number: f.order.number,
          createdAt: f.order.createdAt,
          status: f.state.status,
          total: f.state.total,
          trackingToken: tokenOf.get(f.order._id) ?? '',
        }))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)),
    };
    return c.json(out);
  });

  app.get('/orders/:token', async (c) =>
    c.json(await c.get('services').storefront.view(c.req.param('token'))),
  );

  app.post('/orders/:token/cancel', async (c) => {
    const { reason } = await body(c, cancelInput);
    return c.json(await c.get('services').storefront.cancel(c.req.param('token'), reason ?? ''));
  });

  app.post('/orders/:token/requests', async (c) => {
    const input = await body(c, requestInput);
    const view = await c
      .get('services')
      .storefront.request(c.req.param('token'), input.request, input.reason);
    return c.json(view, 201);
  });

  app.post('/orders/:token/pay', async (c) => {
    const desk = c.get('services').storefront;
    const token = c.req.param('token');
    const view = await desk.view(token);
    if (
      view.payment.method !== 'test_card' ||
      view.payment.state !== 'declined' ||
      view.status === 'cancelled'
    ) {
      throw new HttpError(409, 'nothing_to_pay', 'This order has nothing to pay by card now.');
    }
    const { facts, shopId } = await desk.tracked(token);
    const owed = Math.max(0, facts.state.total - (facts.state.paid - facts.state.refunded));
    return c.json({ paymentUrl: await beginPayment(desk, shopId, facts.order, owed) });
  });

  app.get('/payments/:id', async (c) =>
    c.json(await attemptView(c.get('services').storefront, c.req.param('id'))),
  );

  app.post('/payments/:id', async (c) => {
    const { outcome } = await body(c, paymentOutcome);
    return c.json(await settlePayment(c.get('services').storefront, c.req.param('id'), outcome));
  });

  return app;
}
