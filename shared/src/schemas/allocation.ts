import { z } from 'zod';
import { couchFields, isoDateTime } from './common.ts';
import { ALLOCATION_STATUSES } from './vocabulary.ts';

/** The resolver's decision for an order; written by the server only. */
export const allocationSchema = z.object({
  _id: z.string().regex(/^allocation:order:[0-9A-HJKMNP-TV-Z]{26}(:\d+)?$/),
  ...couchFields,
  type: z.literal('allocation'),
  orderId: z.string().regex(/^order:[0-9A-HJKMNP-TV-Z]{26}$/),
  status: z.enum(ALLOCATION_STATUSES),
  lines: z.array(
    z.object({
      productId: z.string(),
      qty: z.number().int(),
      allocated: z.number().int().min(0),
      backordered: z.number().int().min(0),
      oversold: z.number().int().min(0),
    }),
  ),
  /** position in the resolver's processing order, for determinism checks */
  seq: z.number().int().min(0),
  decidedAt: isoDateTime,
});
export type Allocation = z.infer<typeof allocationSchema>;
