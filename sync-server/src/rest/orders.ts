import { createRoute } from '@hono/zod-openapi';
import {
  orderEventAudit,
  orderEventDoc,
  ulid,
  type Order,
  type OrderEventBody,
} from '@stallkeeper/shared';
import {
  cancelQuery,
  idParam,
  orderListQuery,
  pageOf,
  restOrder,
  restOrderInput,
  shopParam,
} from '@stallkeeper/shared/rest';
import type { Context } from 'hono';
import { badRequest } from '../errors.ts';
import type { AppEnv, Services } from '../http/types.ts';
import { apiWriter, auditOf, writeDocs, type ApiWriter } from './api-writer.ts';
import { factsOf, orderView, type OrderFacts } from './order-reads.ts';
import { makeOrder } from './order-make.ts';
import { keyHash, withSeries } from './order-series.ts';
import { docIdOf, errors, json, mayWrite, publicId, restRouter } from './openapi.ts';
import { cursorAfter, docOf, pageByPrefix } from './shop-reads.ts';
import { conflict } from '../errors.ts';

const tags = ['Orders'];
/** Pages read for one filtered page of orders, at most (each a bounded scan). */
const MAX_ROUNDS = 4;

const shopDb = (c: Context<AppEnv>) => c.get('services').storage.shop(c.get('shopId'));

/** Wait for the shop's resolver, so an answer carries its stock decision. */
async function resolved(services: Services, shopId: string): Promise<void> {
  await services.resolvers?.get(shopId)?.idle();
}

/** One order with its state now, or a 404. */
export async function orderFacts(c: Context<AppEnv>, id: string): Promise<OrderFacts> {
  const db = shopDb(c);
  const order = await docOf<Order>(db, docIdOf('order', id), 'order:', 'order');
  const [facts] = await factsOf(db, [order]);
  if (!facts) throw new Error('unreachable');
  return facts;
}

/** Record facts about an order, each with its activity entry, in the caller's name. */
export async function addEvents(
  c: Context<AppEnv>,
  w: ApiWriter,
  facts: OrderFacts,
  inputs: { body: OrderEventBody; note?: string }[],
): Promise<void> {
  const docs: object[] = [];
  for (const { body, note } of inputs) {
    docs.push(
      orderEventDoc(facts.order, ulid(), body, w.by, note ?? ''),
      auditOf(w, orderEventAudit(facts.order, body)),
    );
  }
  await writeDocs(c.get('services'), w, docs);
}

const list = createRoute({
  method: 'get',
  path: '/shops/{shopId}/orders',
  tags,
  summary: 'List orders, oldest first',
  request: { params: shopParam, query: orderListQuery },
  responses: {
    200: json(pageOf(restOrder), 'A page of orders with their state now'),
    ...errors(400, 401, 403, 404, 429),
  },
});

const create = createRoute({
  method: 'post',
  path: '/shops/{shopId}/orders',
  tags,
  summary:
    'Take an order: the server prices it from the catalog and numbers it. Send an Idempotency-Key header to make a retry safe.',
  request: {
    params: shopParam,
    body: { content: { 'application/json': { schema: restOrderInput } }, required: true },
  },
  responses: {
    201: json(restOrder, 'The order (the first one again for a repeated Idempotency-Key)'),
    ...errors(400, 401, 403, 404, 422, 429),
  },
});

const read = createRoute({
  method: 'get',
  path: '/shops/{shopId}/orders/{id}',
  tags,
  summary: 'One order with its state now',
  request: { params: idParam },
  responses: { 200: json(restOrder, 'The order'), ...errors(401, 403, 404, 429) },
});

const cancel = createRoute({
  method: 'delete',
  path: '/shops/{shopId}/orders/{id}',
  tags,
  summary: 'Cancel an order (it is kept, with status cancelled; what was paid is refunded)',
  request: { params: idParam, query: cancelQuery },
  responses: {
    200: json(restOrder, 'The cancelled order'),
    ...errors(400, 401, 403, 404, 409, 422, 429),
  },
});

export function orderRoutes() {
  const r = restRouter();

  r.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const customer = q.customerId ? docIdOf('customer', q.customerId) : null;
    const db = shopDb(c);
    const wanted = (f: OrderFacts) =>
      (!customer || f.state.customerId === customer) && (!q.status || f.state.status === q.status);
    // Orders by id are in creation order. Status and customer need each order's
    // events, so pages are read until the page is full (at most MAX_ROUNDS of them).
    const items: OrderFacts[] = [];
    let cursor = q.cursor;
    let nextCursor: string | null = null;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const page = await pageByPrefix(db, 'order:', { limit: q.limit, cursor }, (d) => {
        const o = d as unknown as Order;
        if (q.from && o.createdAt < q.from) return null;
        if (q.to && o.createdAt >= q.to) return null;
        return o;
      });
      for (const f of await factsOf(db, page.items)) {
        if (!wanted(f)) continue;
        items.push(f);
        if (items.length === q.limit) break;
      }
      const last = items.at(-1);
      if (items.length === q.limit && last) {
        // the next page starts after the last order given, unless this page ended there
        nextCursor =
          last.order._id === page.items.at(-1)?._id ? page.nextCursor : cursorAfter(last.order._id);
        break;
      }
      nextCursor = page.nextCursor;
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    return c.json({ items: items.map(orderView), nextCursor }, 200);
  });

  r.openapi(create, async (c) => {
    mayWrite(c, 'order', 'create');
    const input = c.req.valid('json');
    const services = c.get('services');
    const db = shopDb(c);
    const w = await apiWriter(c);
    const rawKey = c.req.header('idempotency-key');
    if (rawKey !== undefined && (rawKey.length === 0 || rawKey.length > 200)) {
      throw badRequest('Idempotency-Key must be 1 to 200 characters.');
    }
    const key = rawKey ? keyHash(w.by.userId, rawKey) : null;
    const orderId = await withSeries(db, w.shopId, key, async (turn) => {
      if (turn.earlier) {
        c.header('Idempotent-Replayed', 'true');
        return turn.earlier;
      }
      const { order, events } = await makeOrder(db, w, input, turn.number);
      const docs: object[] = [
        order,
        ...events,
        auditOf(w, {
          action: 'order.create',
          target: order._id,
          summary: `${order.number}: taken through the API`,
          before: null,
          after: { total: order.total, lines: order.lines.length, channel: order.channel },
        }),
      ];
      await writeDocs(services, w, docs);
      await turn.done(order._id);
      return order._id;
    });
    await resolved(services, w.shopId);
    const facts = await orderFacts(c, publicId(orderId));
    c.header('Location', `${c.req.path}/${publicId(orderId)}`);
    return c.json(orderView(facts), 201);
  });

  r.openapi(read, async (c) => {
    return c.json(orderView(await orderFacts(c, c.req.valid('param').id)), 200);
  });

  r.openapi(cancel, async (c) => {
    mayWrite(c, 'orderevent', 'create');
    const { id } = c.req.valid('param');
    const facts = await orderFacts(c, id);
    const { order, state } = facts;
    if (state.status === 'cancelled') throw conflict(`${order.number} is already cancelled.`);
    if (!orderView(facts).actions.includes('cancelled')) {
      throw conflict(
        `${order.number} was handed over: it can no longer be cancelled. Record a return instead.`,
      );
    }
    const w = await apiWriter(c);
    const owed = state.paid - state.refunded;
    const refundMethod = order.payment.method === 'account' ? 'cash' : order.payment.method;
    await addEvents(c, w, facts, [
      {
        body: {
          kind: 'cancelled',
          reason: c.req.valid('query').reason ?? '',
          ...(owed > 0 ? { refund: owed, refundMethod } : {}),
        },
      },
    ]);
    await resolved(c.get('services'), w.shopId);
    return c.json(orderView(await orderFacts(c, id)), 200);
  });
  return r;
}
