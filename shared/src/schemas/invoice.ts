import { z } from 'zod';
import { checkLines, orderLineSchema } from './order.ts';
import {
  authorship,
  couchFields,
  currencySchema,
  humanNumber,
  isoDate,
  lineText,
  nonNegativeMinor,
  prefixedId,
  requiredText,
  shortText,
} from './common.ts';

/** The shop as the invoice prints it, copied when it is issued (later edits do not change it). */
export const invoiceSellerSchema = z.object({
  name: requiredText('shop name', 120),
  address: shortText(500),
  contact: shortText(300),
  taxId: lineText(60),
});

/**
 * An invoice is a snapshot of an order at the time it is issued: the lines, totals,
 * tax and the shop's details never change after. Payment status is derived from the
 * order's payment events (see invoices.ts), never stored here.
 */
export const invoiceSchema = z
  .object({
    _id: prefixedId('invoice'),
    ...couchFields,
    type: z.literal('invoice'),
    number: humanNumber,
    orderId: prefixedId('order'),
    orderNumber: humanNumber,
    issuedOn: isoDate,
    dueOn: isoDate,
    customerId: prefixedId('customer').nullable(),
    customerName: lineText(200),
    customerAddress: shortText(500),
    currency: currencySchema,
    lines: z.array(orderLineSchema).min(1).max(500),
    subtotal: nonNegativeMinor,
    tax: nonNegativeMinor,
    total: nonNegativeMinor,
    /** basis points, and whether the prices included it */
    taxRate: z.number().int().min(0).max(10_000),
    taxInclusive: z.boolean(),
    seller: invoiceSellerSchema,
    paymentInstructions: shortText(1000),
    footer: shortText(500),
    note: shortText(1000),
    ...authorship,
  })
  .superRefine((i, ctx) => {
    checkLines(i, ctx);
    if (i.dueOn < i.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'due date is before issue date' });
    }
  });
export type Invoice = z.infer<typeof invoiceSchema>;
