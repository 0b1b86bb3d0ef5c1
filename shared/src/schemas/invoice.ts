import { z } from 'zod';
import { authorship, couchFields, humanNumber, isoDate, prefixedId, shortText } from './common.ts';

/** Payment status is derived from the order's payment events, never stored here. */
export const invoiceSchema = z
  .object({
    _id: prefixedId('invoice'),
    ...couchFields,
    type: z.literal('invoice'),
    number: humanNumber,
    orderId: prefixedId('order'),
    issuedOn: isoDate,
    dueOn: isoDate,
    note: shortText(1000),
    ...authorship,
  })
  .refine((i) => i.dueOn >= i.issuedOn, {
    path: ['dueOn'],
    message: 'due date is before issue date',
  });
export type Invoice = z.infer<typeof invoiceSchema>;
