import { z } from 'zod';
import { PAYMENT_METHODS } from './order.ts';
import {
  authorship,
  baseQuantity,
  couchFields,
  isoDateTime,
  nonNegativeMinor,
  prefixedId,
  shortText,
} from './common.ts';

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
    }),
    z.object({
      ...base,
      kind: z.literal('delivery_scheduled'),
      scheduledFor: isoDateTime,
      address: shortText(500),
    }),
    z.object({ ...base, kind: z.literal('dispatched') }),
    z.object({ ...base, kind: z.literal('delivered') }),
    z.object({ ...base, kind: z.literal('delivery_failed'), reason: shortText(500) }),
    z.object({ ...base, kind: z.literal('cancelled'), reason: shortText(500) }),
    z.object({
      ...base,
      kind: z.literal('returned'),
      items: z
        .array(z.object({ productId: prefixedId('product'), qty: baseQuantity }))
        .min(1)
        .max(500),
      refund: nonNegativeMinor,
    }),
    z.object({ ...base, kind: z.literal('note') }),
  ])
  .superRefine((e, ctx) => {
    const orderPart = e.orderId.slice('order:'.length);
    if (!e._id.startsWith(`orderevent:${orderPart}:`)) {
      ctx.addIssue({ code: 'custom', path: ['_id'], message: 'event id must name its order' });
    }
  });
export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderEventKind = OrderEvent['kind'];
