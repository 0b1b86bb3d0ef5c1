import { z } from 'zod';
import { sum } from '../money.ts';
import { lineTotal } from '../quantity.ts';
import {
  authorship,
  baseQuantity,
  couchFields,
  serverMadeFields,
  currencySchema,
  humanNumber,
  lineText,
  nonNegativeMinor,
  prefixedId,
  requiredText,
  shortText,
  unitSchema,
} from './common.ts';
import { CHANNELS, ORDER_SOURCES, PAYMENT_METHODS } from './vocabulary.ts';

/** A sold line: a snapshot of the product at the moment of sale. */
export const orderLineSchema = z.object({
  productId: prefixedId('product'),
  code: z.string().max(64),
  name: requiredText('product name', 200),
  unit: unitSchema,
  unitPrice: nonNegativeMinor,
  qty: baseQuantity,
  lineTotal: nonNegativeMinor,
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const paymentSchema = z.object({
  method: z.enum(PAYMENT_METHODS),
  /** what was paid at checkout; 0 for "on account" or pay-on-delivery */
  paid: nonNegativeMinor,
  /** cash handed over, and change given back */
  tendered: nonNegativeMinor.nullable(),
  change: nonNegativeMinor.nullable(),
});
export type Payment = z.infer<typeof paymentSchema>;

/**
 * The rules every set of sold lines follows, an order's or an amendment's: a product
 * at most once, each line's total its price × quantity, the subtotal their sum, and
 * a total that is not below the subtotal.
 */
/** A product appears once per order: each later line of the same product is an issue. */
export function checkOncePerOrder(
  lines: readonly { productId: string }[],
  ctx: z.RefinementCtx,
  message = 'a product may appear only once per order',
): void {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.productId)) {
      ctx.addIssue({ code: 'custom', path: ['lines', i, 'productId'], message });
    }
    seen.add(l.productId);
  });
}

export function checkLines(
  o: { lines: readonly OrderLine[]; subtotal: number; total: number },
  ctx: z.RefinementCtx,
): void {
  checkOncePerOrder(o.lines, ctx);
  o.lines.forEach((l, i) => {
    let expected: number | null = null;
    try {
      expected = lineTotal(l.unitPrice, l.qty, l.unit);
    } catch {
      // price × quantity beyond the safe range: no stored total can match it
    }
    if (l.lineTotal !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['lines', i, 'lineTotal'],
        message: 'line total does not match price × quantity',
      });
    }
  });
  let linesSum: number | null = null;
  try {
    linesSum = sum(o.lines.map((l) => l.lineTotal));
  } catch {
    // a line total beyond the safe range (refused above): no subtotal can match it
  }
  if (o.subtotal !== linesSum) {
    ctx.addIssue({
      code: 'custom',
      path: ['subtotal'],
      message: 'subtotal is not the sum of lines',
    });
  }
  if (o.total < o.subtotal) {
    ctx.addIssue({ code: 'custom', path: ['total'], message: 'total is below subtotal' });
  }
}

export const orderSchema = z
  .object({
    _id: prefixedId('order'),
    ...couchFields,
    ...serverMadeFields,
    type: z.literal('order'),
    number: humanNumber,
    channel: z.enum(CHANNELS),
    customerId: prefixedId('customer').nullable(),
    customerName: lineText(200),
    lines: z.array(orderLineSchema).min(1, 'an order needs at least one line').max(500),
    currency: currencySchema,
    subtotal: nonNegativeMinor,
    tax: nonNegativeMinor,
    total: nonNegativeMinor,
    payment: paymentSchema,
    note: shortText(1000),
    /** 'online': a customer ordered from the shop page (written by the server only) */
    source: z.enum(ORDER_SOURCES).optional(),
    /** what delivery adds to the total (online delivery orders) */
    deliveryFee: nonNegativeMinor.optional(),
    /** how an online customer chose to pay (the order is unpaid until a payment event) */
    onlinePayment: z.enum(['on_collection', 'test_card']).optional(),
    createdAt: authorship.at,
    by: authorship.by,
    deviceId: authorship.deviceId,
  })
  .superRefine((o, ctx) => {
    checkLines(o, ctx);
    if (o.payment.paid > o.total) {
      ctx.addIssue({
        code: 'custom',
        path: ['payment', 'paid'],
        message: 'paid more than the total',
      });
    }
    const { tendered, change, method, paid } = o.payment;
    if (method === 'cash' && tendered !== null) {
      if (tendered < paid) {
        ctx.addIssue({
          code: 'custom',
          path: ['payment', 'tendered'],
          message: 'cash tendered is less than paid',
        });
      } else if (change !== tendered - paid) {
        ctx.addIssue({
          code: 'custom',
          path: ['payment', 'change'],
          message: 'change must be tendered minus paid',
        });
      }
    }
    if (method === 'account' && paid !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['payment', 'paid'],
        message: 'an on-account sale is paid later',
      });
    }
  });
export type Order = z.infer<typeof orderSchema>;
