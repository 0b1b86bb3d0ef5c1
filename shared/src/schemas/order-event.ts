import { z } from 'zod';
import { checkLines, orderLineSchema } from './order.ts';
import { CUSTOMER_REQUESTS, PAYMENT_METHODS } from './vocabulary.ts';
import {
  authorship,
  baseQuantity,
  couchFields,
  serverMadeFields,
  isoDateTime,
  lineText,
  nonNegativeMinor,
  prefixedId,
  shortText,
} from './common.ts';

const refundMethod = z.enum(PAYMENT_METHODS);

/** `orderevent:<order ULID>:<event ULID>` so an order's events sort together. */
export const orderEventId = z
  .string()
  .regex(
    /^orderevent:[0-9A-HJKMNP-TV-Z]{26}:[0-9A-HJKMNP-TV-Z]{26}$/,
    'must be orderevent:<order>:<id>',
  );

const base = {
  _id: orderEventId,
  ...couchFields,
  ...serverMadeFields,
  type: z.literal('orderevent'),
  orderId: prefixedId('order'),
  note: shortText(1000),
  ...authorship,
};

export const orderEventSchema = z
  .discriminatedUnion('kind', [
    z.object({
      ...base,
      kind: z.literal('payment'),
      amount: nonNegativeMinor.refine((n) => n > 0, 'amount must be positive'),
      method: z.enum(PAYMENT_METHODS),
      /** a card slip or mobile-money transaction id */
      reference: lineText(100).optional(),
    }),
    z.object({
      ...base,
      kind: z.literal('delivery_scheduled'),
      /** the start of the time window (a reschedule is another of these) */
      scheduledFor: isoDateTime,
      windowEnd: isoDateTime.optional(),
      address: shortText(500),
      phone: lineText(40).optional(),
    }),
    z.object({ ...base, kind: z.literal('dispatched') }),
    z.object({ ...base, kind: z.literal('delivered'), receivedBy: lineText(200).optional() }),
    z.object({ ...base, kind: z.literal('delivery_failed'), reason: shortText(500) }),
    z.object({
      ...base,
      kind: z.literal('cancelled'),
      reason: shortText(500),
      /** what was paid back, when the order had been paid */
      refund: nonNegativeMinor.optional(),
      refundMethod: refundMethod.optional(),
    }),
    z.object({
      ...base,
      kind: z.literal('returned'),
      items: z
        .array(
          z.object({
            productId: prefixedId('product'),
            qty: baseQuantity,
            /** false: written off (damaged), not back on the shelf */
            restock: z.boolean().optional(),
          }),
        )
        .min(1)
        .max(500),
      refund: nonNegativeMinor,
      refundMethod: refundMethod.optional(),
      reason: shortText(500).optional(),
    }),
    z.object({
      ...base,
      kind: z.literal('amended'),
      /** the order's lines from now on (the order document itself never changes) */
      lines: z.array(orderLineSchema).min(1, 'an order needs at least one line').max(500),
      subtotal: nonNegativeMinor,
      tax: nonNegativeMinor,
      total: nonNegativeMinor,
      customerId: prefixedId('customer').nullable(),
      customerName: lineText(200),
      address: shortText(500),
    }),
    z.object({ ...base, kind: z.literal('note') }),
    // an online order: the seller has seen it and will prepare it
    z.object({ ...base, kind: z.literal('accepted') }),
    // prepared: ready to collect (a pickup) or packed (a delivery); a customer can no longer cancel
    z.object({ ...base, kind: z.literal('ready') }),
    // the customer asks, from their tracking page (written by the server only)
    z.object({
      ...base,
      kind: z.literal('customer_request'),
      request: z.enum(CUSTOMER_REQUESTS),
      reason: shortText(500),
    }),
    // the seller says no to a customer's request (saying yes is the cancellation or return itself)
    z.object({
      ...base,
      kind: z.literal('request_declined'),
      requestId: orderEventId,
      reason: shortText(500),
    }),
  ])
  .superRefine((e, ctx) => {
    if (e.kind === 'amended') checkLines(e, ctx);
    const orderPart = e.orderId.slice('order:'.length);
    if (!e._id.startsWith(`orderevent:${orderPart}:`)) {
      ctx.addIssue({ code: 'custom', path: ['_id'], message: 'event id must name its order' });
    }
  });
export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderEventKind = OrderEvent['kind'];

/** What an event says beyond who, when and which order (one shape per kind). */
export type OrderEventBody<E = OrderEvent> = E extends OrderEvent
  ? Omit<
      E,
      | '_id'
      | '_rev'
      | '_revisions'
      | '_deleted'
      | '_conflicts'
      | 'type'
      | 'orderId'
      | 'note'
      | 'at'
      | 'by'
      | 'deviceId'
    >
  : never;
