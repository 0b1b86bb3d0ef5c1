import { z } from 'zod';
import {
  couchFields,
  serverMadeFields,
  isoDateTime,
  lineText,
  prefixedId,
  requiredText,
  shortText,
  stampsSchema,
} from './common.ts';

export const customerFields = z.object({
  name: requiredText('name', 200),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+\d\s().-]*$/, 'phone may only use digits, spaces and + ( ) . -'),
  email: z.union([z.literal(''), z.email('not a valid email').max(254)]),
  address: shortText(500),
  location: lineText(200),
  notes: shortText(2000),
});
export type CustomerFields = z.infer<typeof customerFields>;

export const customerSchema = customerFields.extend({
  _id: prefixedId('customer'),
  ...couchFields,
  ...serverMadeFields,
  type: z.literal('customer'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  stamps: stampsSchema,
});
export type Customer = z.infer<typeof customerSchema>;
