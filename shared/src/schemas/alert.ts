import { z } from 'zod';
import { couchFields, isoDateTime, shortText, stampsSchema, userId } from './common.ts';
import { ALERT_KINDS, MAX_ALERT_IDS } from './vocabulary.ts';

const ids = z.array(z.string()).max(MAX_ALERT_IDS);

/** Created by the server; an owner acknowledges or resolves it (a mutable field pair). */
export const alertSchema = z.object({
  _id: z.string().regex(/^alert:[A-Za-z0-9:_-]{1,120}$/),
  ...couchFields,
  type: z.literal('alert'),
  kind: z.enum(ALERT_KINDS),
  message: shortText(1000),
  productIds: ids,
  orderIds: ids,
  deviceIds: ids,
  sellerIds: ids,
  createdAt: isoDateTime,
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedBy: userId.nullable(),
  resolution: shortText(500),
  stamps: stampsSchema,
});
export type Alert = z.infer<typeof alertSchema>;
