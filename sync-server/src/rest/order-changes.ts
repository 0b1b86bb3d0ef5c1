import { createRoute } from '@hono/zod-openapi';
import {
  allowedActions,
  amendmentFields,
  cartLineOf,
  type OrderEventBody,
} from '@stallkeeper/shared';
import {
  idParam,
  restLineInput,
  restOrder,
  restOrderEventInput,
  restOrderLine,
} from '@stallkeeper/shared/rest';
import { z } from 'zod';
import { conflict } from '../errors.ts';
import { apiWriter } from './api-writer.ts';
import { docIdOf, errors, json, mayWrite, restRouter } from './openapi.ts';
import { lineOf, productsFor } from './order-make.ts';
import { orderView, settingsOf } from './order-reads.ts';
import { addEvents, orderFacts } from './orders.ts';

const tags = ['Orders'];

const lines = createRoute({
  method: 'get',
  path: '/shops/{shopId}/orders/{id}/lines',
  tags,
  summary: 'The products in an order (its lines now)',
  request: { params: idParam },
  responses: {
    200: json(z.object({ items: z.array(restOrderLine) }), 'The lines'),
    ...errors(401, 403, 404, 429),
  },
});

const addLine = createRoute({
  method: 'post',
  path: '/shops/{shopId}/orders/{id}/lines',
  tags,
  summary: 'Add a product to an order (an amendment, priced from the catalog now)',
  request: {
    params: idParam,
    body: { content: { 'application/json': { schema: restLineInput } }, required: true },
  },
  responses: {
    201: json(restOrder, 'The order with the new line'),
    ...errors(400, 401, 403, 404, 409, 422, 429),
  },
});

const addEvent = createRoute({
  method: 'post',
  path: '/shops/{shopId}/orders/{id}/events',
  tags,
  summary:
    'Record a payment, a delivery step, or that an online order is accepted or ready (only what the order allows now)',
  request: {
    params: idParam,
    body: { content: { 'application/json': { schema: restOrderEventInput } }, required: true },
  },
  responses: {
    201: json(restOrder, 'The order after it'),
    ...errors(400, 401, 403, 404, 409, 422, 429),
  },
});

const WORDS: Record<string, string> = {
  payment: 'nothing is left to pay',
  delivery_scheduled: 'it cannot be scheduled now',
  dispatched: 'it cannot leave now',
  delivered: 'it cannot be delivered now',
  delivery_failed: 'it is not out for delivery',
  accepted: 'it is not a new online order',
  ready: 'only a pickup order not yet collected is made ready',
};

export function orderChangeRoutes() {
  const r = restRouter();

  r.openapi(lines, async (c) => {
    const view = orderView(await orderFacts(c, c.req.valid('param').id));
    return c.json({ items: view.lines }, 200);
  });

  r.openapi(addLine, async (c) => {
    mayWrite(c, 'orderevent', 'create');
    const { id } = c.req.valid('param');
    const { productId, qty } = c.req.valid('json');
    const facts = await orderFacts(c, id);
    const { order, state } = facts;
    if (!allowedActions(order, state).includes('amended')) {
      throw conflict(
        order.channel === 'counter'
          ? `${order.number} is a counter sale: it is never changed, only returned.`
          : `${order.number} can no longer be changed (it is ${state.status}).`,
      );
    }
    const wanted = docIdOf('product', productId);
    if (state.lines.some((l) => l.productId === wanted)) {
      throw conflict('This product is already in the order: change its quantity instead.');
    }
    const db = c.get('services').storage.shop(c.get('shopId'));
    const product = (await productsFor(db, [productId])).get(productId);
    if (!product) throw conflict('No such product.');
    const fields = amendmentFields({
      lines: [...state.lines.map(cartLineOf), lineOf(product, qty)],
      settings: await settingsOf(db),
      customer: state.customerId ? { id: state.customerId, name: state.customerName } : null,
      address: state.delivery?.address ?? '',
      deliveryFee: order.deliveryFee,
    });
    const w = await apiWriter(c);
    await addEvents(c, w, facts, [{ body: { kind: 'amended', ...fields } }]);
    await c.get('services').resolvers?.get(w.shopId)?.idle();
    return c.json(orderView(await orderFacts(c, id)), 201);
  });

  r.openapi(addEvent, async (c) => {
    mayWrite(c, 'orderevent', 'create');
    const { id } = c.req.valid('param');
    const { note, ...input } = c.req.valid('json');
    const facts = await orderFacts(c, id);
    const { order, state } = facts;
    if (!allowedActions(order, state).includes(input.kind)) {
      throw conflict(`${order.number}: ${WORDS[input.kind] ?? 'not now'} (it is ${state.status}).`);
    }
    if (input.kind === 'payment' && input.amount > state.balance) {
      throw conflict(`${order.number}: only ${state.balance} is left to pay.`);
    }
    const body: OrderEventBody =
      input.kind === 'delivery_scheduled'
        ? {
            ...input,
            address: input.address ?? state.delivery?.address ?? '',
          }
        : input;
    const w = await apiWriter(c);
    await addEvents(c, w, facts, [{ body, note }]);
    await c.get('services').resolvers?.get(w.shopId)?.idle();
    return c.json(orderView(await orderFacts(c, id)), 201);
  });
  return r;
}
