import { z } from 'zod';
import { ORDER_STATUSES } from '../order-state.ts';
import { baseQuantity, isoDateTime, nonNegativeMinor, unitSchema } from '../schemas/common.ts';
import { checkOncePerOrder } from '../schemas/order.ts';
import { ALLOCATION_STATUSES, CHANNELS, PAYMENT_METHODS } from '../schemas/vocabulary.ts';
import { pageQuery } from './common.ts';

export const restLineInput = z
  .strictObject({
    productId: z.string().max(120),
    /** base units: grams for kg, pieces… */
    qty: baseQuantity,
  })
  .meta({ id: 'LineInput' });

/**
 * `POST /orders`. The server prices the lines from the catalog, computes totals and
 * tax with the shop's settings, and numbers the order. `payment.paid` is what was
 * paid now (all of it, part of it, or left out: the order is on account).
 */
export const restOrderInput = z
  .strictObject({
    channel: z.enum(CHANNELS),
    customerId: z.string().max(120).optional(),
    lines: z.array(restLineInput).min(1, 'an order needs at least one line').max(200),
    payment: z.strictObject({ method: z.enum(PAYMENT_METHODS), paid: nonNegativeMinor }).optional(),
    note: z.string().max(1000).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.payment?.method === 'account' && o.payment.paid > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['payment', 'paid'],
        message: 'an on-account order is paid later: send 0, or the method it was paid with',
      });
    }
    checkOncePerOrder(
      o.lines,
      ctx,
      'this product is already in the order: give one line a larger qty instead',
    );
  })
  .meta({ id: 'OrderInput' });
export type RestOrderInput = z.infer<typeof restOrderInput>;

export const restOrderLine = z
  .object({
    productId: z.string(),
    code: z.string(),
    name: z.string(),
    unit: unitSchema,
    /** per sales unit (per piece, per kg…), minor units */
    unitPrice: z.number().int(),
    qty: z.number().int(),
    lineTotal: z.number().int(),
  })
  .meta({ id: 'OrderLine' });

export const restOrder = z
  .object({
    id: z.string(),
    number: z.string(),
    channel: z.enum(CHANNELS),
    customerId: z.string().nullable(),
    customerName: z.string(),
    /** the lines that hold now (after amendments) */
    lines: z.array(restOrderLine),
    currency: z.string(),
    subtotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    status: z.enum(ORDER_STATUSES),
    paymentStatus: z.enum(['paid', 'partial', 'unpaid', 'refunded']),
    paid: z.number().int(),
    refunded: z.number().int(),
    balance: z.number().int(),
    /** the server's stock decision: null until its resolver has decided */
    allocation: z.enum(ALLOCATION_STATUSES).nullable(),
    delivery: z
      .object({ scheduledFor: z.string(), windowEnd: z.string().nullable(), address: z.string() })
      .nullable(),
    /** what may be done with it now (the app offers the same) */
    actions: z.array(z.string()),
    note: z.string(),
    createdAt: z.string(),
    by: z.string(),
  })
  .meta({ id: 'Order' });
export type RestOrder = z.infer<typeof restOrder>;

export const orderListQuery = pageQuery.extend({
  status: z.enum(ORDER_STATUSES).optional(),
  customerId: z.string().max(120).optional(),
  /** created at or after */
  from: isoDateTime.optional(),
  /** created before */
  to: isoDateTime.optional(),
});

export const cancelQuery = z.object({ reason: z.string().max(500).optional() });

const note = { note: z.string().max(1000).optional() };

/** `POST /orders/:id/events`: a payment or a delivery step. */
export const restOrderEventInput = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('payment'),
      amount: nonNegativeMinor.refine((n) => n > 0, 'amount must be positive'),
      method: z.enum(PAYMENT_METHODS).exclude(['account']),
      reference: z.string().max(100).optional(),
      ...note,
    }),
    z.strictObject({
      kind: z.literal('delivery_scheduled'),
      scheduledFor: isoDateTime,
      windowEnd: isoDateTime.optional(),
      address: z.string().max(500).optional(),
      phone: z.string().max(40).optional(),
      ...note,
    }),
    z.strictObject({ kind: z.literal('dispatched'), ...note }),
    z.strictObject({
      kind: z.literal('delivered'),
      receivedBy: z.string().max(200).optional(),
      ...note,
    }),
    z.strictObject({ kind: z.literal('delivery_failed'), reason: z.string().max(500), ...note }),
    // an online order: seen and taken on; prepared (a customer can no longer cancel it)
    z.strictObject({ kind: z.literal('accepted'), ...note }),
    z.strictObject({ kind: z.literal('ready'), ...note }),
  ])
  .meta({ id: 'OrderEventInput' });
export type RestOrderEventInput = z.infer<typeof restOrderEventInput>;
